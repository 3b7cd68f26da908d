"""The arggraph XML of the arg-microtexts corpus (Peldszus and Stede).

::

    <arggraph id="micro_b001" topic_id="waste_separation" stance="pro">
      <edu id="e1"><![CDATA[Yes, it's annoying ...]]></edu>
      <adu id="a1" type="opp"/>
      <edge id="c6" src="e1" trg="a1" type="seg"/>
      <edge id="c1" src="a1" trg="a5" type="reb"/>
      <edge id="c3" src="a3" trg="c1" type="und"/>
      <edge id="c4" src="a4" trg="c3" type="add"/>
    </arggraph>

Each ``adu`` (argumentative unit) becomes a claim with the ADU's id, whose
text and quote are its segments (the ``edu`` elements joined to it by ``seg``
edges, in document order, joined by a space).  The ADU's ``type``, ``pro``
or ``opp`` (for or against the central claim), is the claim's tag and is
kept in its data with its segment ids.  Edges between units become
relations with the edge's id: ``sup`` and ``exa`` (support by example) are
supports, ``reb`` (rebuttal) an attack, ``und`` (undercut) an attack on the
relation of the edge it points at, and ``add`` makes its unit a further,
linked premise of the relation of the edge it points at.  Each relation keeps
its edge type in ``data["microtext"]["type"]``, and the map the
``arggraph``'s attributes (``id`` is also its title).  The central claim,
the unit that bears on nothing, is the map's thesis.

:func:`load_file` (what ``argmap.load("micro_b001.xml")`` calls) reads the
``.txt`` beside the ``.xml`` when there is one: it becomes the map's source
and every quote gets its span in it.  :func:`loads` takes the text as
``source=``.

Only this XML is read: a document type declaration or an entity (which could
expand without bound) is refused, as is any element, attribute or reference
the format does not have.  Errors are :class:`~argmap.errors.ParseError`\\ s
with the line and column of the offending element.  There is no writer: the
arggraph format cannot hold most maps.
"""

from __future__ import annotations

import os
import re
from typing import Any, NamedTuple
from xml.parsers import expat

from argmap.errors import ArgmapError, FormatError, ParseError
from argmap.formats._common import decode
from argmap.model import ArgumentMap, Claim, Kind, Quote, Relation, Source

__all__ = ["KINDS", "dumps", "load_file", "loads"]

#: The edge types between units, and the relation kind each becomes.
KINDS = {"sup": Kind.SUPPORT, "exa": Kind.SUPPORT, "reb": Kind.ATTACK, "und": Kind.ATTACK}

_DECLARATION = re.compile(r"<\?xml\s[^>]*\?>")

_ATTRS = {
    "arggraph": None,  # any attributes, kept as the map's data
    "edu": {"id"},
    "adu": {"id", "type"},
    "edge": {"id", "src", "trg", "type"},
}


class _Element(NamedTuple):
    tag: str
    attrs: dict[str, str]
    text: str
    pos: int


class _Doc:
    """A parsed arggraph: its root attributes and its elements, each located."""

    def __init__(self, src: str):
        self.src = src
        self.root: dict[str, str] | None = None
        self.elements: list[_Element] = []
        self.depth = 0
        self.text: list[str] = []
        self.line_starts = [0, *(m.end() for m in re.finditer("\n", src))]

    def pos(self, line: int, col: int) -> int:
        """The offset of expat's (1-based line, 0-based column)."""
        line = max(1, min(line, len(self.line_starts)))
        return min(self.line_starts[line - 1] + col, len(self.src))

    def error(self, msg: str, pos: int) -> ParseError:
        return ParseError(msg, doc=self.src, pos=pos)


def _parse(src: str) -> _Doc:
    doc = _Doc(src)
    p = expat.ParserCreate()
    here = [0]

    def where() -> int:
        return doc.pos(p.CurrentLineNumber, p.CurrentColumnNumber)

    def refuse(what: str) -> Any:
        def handler(*_args: Any) -> None:
            raise doc.error(f"{what} is not allowed in an arggraph document", where())

        return handler

    def start(tag: str, attrs: dict[str, str]) -> None:
        pos = where()
        here[0] = pos
        doc.depth += 1
        if doc.depth == 1:
            if tag != "arggraph":
                raise doc.error(f"expected an <arggraph> document, not <{tag}>", pos)
            doc.root = attrs
            return
        if doc.depth > 2:
            raise doc.error(f"<{tag}> inside another element", pos)
        allowed = _ATTRS.get(tag)
        if tag == "arggraph" or allowed is None:
            raise doc.error(f"unknown element <{tag}> (expected edu, adu or edge)", pos)
        missing = sorted(allowed - attrs.keys())
        if missing:
            raise doc.error(f"<{tag}> has no {missing[0]} attribute", pos)
        extra = sorted(attrs.keys() - allowed)
        if extra:
            raise doc.error(f"<{tag}> has an unknown attribute {extra[0]!r}", pos)
        doc.text = []
        doc.elements.append(_Element(tag, attrs, "", pos))

    def end(tag: str) -> None:
        if doc.depth == 2:
            e = doc.elements[-1]
            text = "".join(doc.text)
            if e.tag != "edu" and text.strip():
                raise doc.error(f"<{e.tag}> holds text", e.pos)
            doc.elements[-1] = e._replace(text=text)
        doc.depth -= 1

    def chars(data: str) -> None:
        if doc.depth == 2:
            doc.text.append(data)
        elif data.strip():
            raise doc.error("text outside an <edu>", where())

    p.StartElementHandler = start
    p.EndElementHandler = end
    p.CharacterDataHandler = chars
    p.StartDoctypeDeclHandler = refuse("a document type declaration (DOCTYPE)")
    p.EntityDeclHandler = refuse("an entity declaration")
    p.ExternalEntityRefHandler = refuse("an external entity")
    p.SkippedEntityHandler = refuse("an entity reference")
    p.ProcessingInstructionHandler = refuse("a processing instruction")
    try:
        p.Parse(src.encode("utf-8", "surrogatepass"), True)
    except expat.ExpatError as e:
        raise doc.error(f"not well-formed XML: {expat.ErrorString(e.code)}", doc.pos(e.lineno, e.offset)) from None
    except RecursionError:  # pragma: no cover - elements deeper than 2 are refused first
        raise doc.error("the document is nested too deeply", 0) from None
    if doc.root is None:
        raise doc.error("expected an <arggraph> document", 0)
    return doc


def loads(text: str | bytes, *, source: Source | str | None = None) -> ArgumentMap:
    """The map of the arggraph XML *text*; *source*, the text it annotates,
    locates each quote (see the module's documentation)."""
    src = decode(text)
    decl = _DECLARATION.match(src)
    if decl:  # it may name an encoding, but the text is decoded already: blank it out
        src = " " * decl.end() + src[decl.end() :]
    doc = _parse(src)
    if isinstance(source, str):
        source = Source(source)
    elif source is not None and not isinstance(source, Source):
        raise ArgmapError(f"source must be a Source or a str, not {type(source).__name__}")
    return _build(doc, source)


def _build(doc: _Doc, source: Source | None) -> ArgumentMap:
    edus: dict[str, _Element] = {}
    adus: dict[str, _Element] = {}
    edges: dict[str, _Element] = {}
    seen: dict[str, _Element] = {}
    for e in doc.elements:
        ident = e.attrs["id"]
        if ident in seen:
            raise doc.error(f"id {ident!r} is used twice (by this <{e.tag}> and an earlier <{seen[ident].tag}>)", e.pos)
        seen[ident] = e
        {"edu": edus, "adu": adus, "edge": edges}[e.tag][ident] = e

    def end_of(e: _Element, field: str, kinds: dict[str, _Element], what: str) -> str:
        ident = e.attrs[field]
        if ident not in kinds:
            raise doc.error(f"edge {e.attrs['id']!r}: {field} {ident!r} is not {what}", e.pos)
        return ident

    segments: dict[str, list[str]] = {a: [] for a in adus}
    premises: dict[str, list[str]] = {}  # relation id -> its premises
    adds: list[_Element] = []
    order: list[_Element] = []
    for e in edges.values():
        kind = e.attrs["type"]
        if kind == "seg":
            segments[end_of(e, "trg", adus, "an adu")].append(end_of(e, "src", edus, "an edu"))
        elif kind == "add":
            end_of(e, "src", adus, "an adu")
            adds.append(e)
        elif kind in KINDS:
            premises[e.attrs["id"]] = [end_of(e, "src", adus, "an adu")]
            order.append(e)
        else:
            raise doc.error(
                f"edge {e.attrs['id']!r} has an unknown type {kind!r} (expected seg, sup, exa, reb, und or add)", e.pos
            )
    # An add edge joins its unit to the relation of the edge it points at
    # (an add may point at another add: follow it to its relation).
    joined: dict[str, str] = {}
    reached: dict[str, str] = {}  # add edge id -> where following it ends (each chain walked once)
    for e in adds:
        target = e.attrs["trg"]
        hops = 0
        walked = []
        while target in edges and edges[target].attrs["type"] == "add" and hops <= len(adds):
            if target in reached:
                target = reached[target]
                break
            walked.append(target)
            target = edges[target].attrs["trg"]
            hops += 1
        for w in walked:
            reached[w] = target
        if target not in premises:
            raise doc.error(f"edge {e.attrs['id']!r}: trg {e.attrs['trg']!r} is not an edge between units", e.pos)
        premises[target].append(e.attrs["src"])
        joined[e.attrs["id"]] = target

    place = {e: i for i, e in enumerate(edus)}  # (once: each claim sorts its segments by it)
    claims = [_claim(doc, a, segments[ident], edus, place, source) for ident, a in adus.items()]
    relations = []
    for e in order:
        kind = e.attrs["type"]
        rid = e.attrs["id"]
        target = e.attrs["trg"]
        if kind == "und":
            target = joined.get(target, target)
            if target not in premises:
                raise doc.error(f"edge {rid!r}: an undercut's trg {target!r} is not an edge between units", e.pos)
        elif target not in adus:
            raise doc.error(f"edge {rid!r}: trg {target!r} is not an adu", e.pos)
        ps = premises[rid]
        if len(set(ps)) != len(ps):
            raise doc.error(f"edge {rid!r}: a unit is added to it twice", e.pos)
        data = {"microtext": {"type": kind}}
        relations.append(Relation(rid, KINDS[kind], tuple(ps), target, data=data))
    root = dict(doc.root or {})
    title = root.get("id") or None
    return _map(doc, claims, relations, title, source, root)


def _claim(
    doc: _Doc,
    adu: _Element,
    segs: list[str],
    edus: dict[str, _Element],
    place: dict[str, int],
    source: Source | None,
) -> Claim:
    """The claim of *adu*, whose segments are *segs*, sorted by *place* (each
    edu's place in the document)."""
    ident = adu.attrs["id"]
    if not segs:
        raise doc.error(f"adu {ident!r} has no segment (no seg edge into it)", adu.pos)
    segs = sorted(segs, key=place.__getitem__)
    parts = [" ".join(edus[s].text.split()) for s in segs]
    text = " ".join(p for p in parts if p)
    if not text:
        raise doc.error(f"adu {ident!r} has an empty segment", adu.pos)
    quote = Quote(text)
    if source is not None:
        quote = _locate(source, [edus[s].text.strip() for s in segs]) or quote
        if quote.start is None:
            raise doc.error(f"the text of adu {ident!r} does not occur in the source", adu.pos)
    data = {"microtext": {"type": adu.attrs["type"], "edus": segs}}
    return Claim(ident, text, quote=quote, tags=(adu.attrs["type"],) if adu.attrs["type"].strip() else (), data=data)


def _locate(source: Source, parts: list[str]) -> Quote | None:
    """The span from the first part to the last in *source*, the parts in order."""
    start = end = None
    pos = 0
    for part in parts:
        i = source.text.find(part, pos)
        if i < 0:
            return None
        start = i if start is None else start
        end = pos = i + len(part)
    if start is None or end is None or start == end:
        return None
    return Quote(source.text[start:end], start, end)


def _map(
    doc: _Doc,
    claims: list[Claim],
    relations: list[Relation],
    title: str | None,
    source: Source | None,
    root: dict[str, str],
) -> ArgumentMap:
    from argmap.errors import ValidationError

    try:
        return ArgumentMap(claims, relations, title=title, source=source, data={"microtext": root} if root else None)
    except ValidationError as e:
        # A structural fault the XML checks above let through (a cycle of
        # undercuts, a bad character): located at the element it names.
        first = e.problems[0]
        pos = next((el.pos for el in doc.elements if el.attrs.get("id") == first.id), 0)
        raise doc.error(f"{first.id}: {first.message}" if first.id else first.message, pos) from None


def load_file(data: bytes, path: str, *, max_bytes: int | None = None) -> ArgumentMap:
    """The map of arggraph file *path* (its bytes *data*), with the ``.txt``
    beside it, when there is one, as its source (read with the same
    *max_bytes* limit)."""
    from argmap.formats import _read

    txt = os.path.splitext(path)[0] + ".txt"
    source = None
    if os.path.isfile(txt):
        raw = _read(txt, max_bytes)
        try:
            text = decode(raw)
        except ParseError as e:
            raise e.with_path(txt) from None
        source = Source(text.replace("\r\n", "\n").replace("\r", "\n"), title=os.path.basename(txt))
    return loads(data, source=source)


def dumps(m: ArgumentMap) -> str:
    """microtext is read-only (write argmap JSON, AIF or Argdown instead)."""
    raise FormatError("microtext is read-only: the arggraph format cannot hold most maps; write json, aif or argdown")
