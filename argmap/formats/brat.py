"""brat standoff annotations (``.ann``), as in AbstRCT and the Argument Annotated Essays.

::

    T1	MajorClaim 503 575	we should attach more importance to cooperation
    T2	Claim 591 714	through cooperation, children can learn ...
    T3	Premise 716 851	What we acquired from team work is not only ...
    A1	Stance T2 For
    R1	Support Arg1:T3 Arg2:T2
    #1	AnnotatorNotes T3	a note

Each ``T`` (text-bound) line is a claim with the line's id, its text, and a
quote at its exact character span in the text (``start end``; a span in
fragments, ``0 5;9 14``, is quoted from its first character to its last,
the fragments kept in data); the label is the claim's tag.  Each ``R`` line
is a relation from ``Arg1`` to ``Arg2`` with the line's id, and each
stance attribute (``A1 Stance T2 For``) a relation with the attribute's id
from the unit to the (first) major claim.  Which labels mean what is the
*labels* vocabulary (:data:`LABELS`, extended or overridden by the
``labels=`` keyword): a unit label maps to ``"unit"`` or ``"major"`` (a
major claim, the target of stances), a relation label or a stance value to
``"support"`` or ``"attack"``, and an attribute label to ``"stance"``.
Labels, spans and annotator notes are kept in ``data["brat"]``; other lines
(events, normalisations, equivalences) in the map's ``data["brat"]["other"]``.

:func:`load_file` (what ``argmap.load("x.ann")`` calls) reads ``x.txt``
beside it, which becomes the map's source (every T line's text must be the
text at its span), and ``annotation.conf`` in the same folder when there is
one: its ``[entities]`` are unit labels (a declared entity without a
vocabulary entry is a unit), its ``[relations]`` and ``[attributes]`` the
relation and attribute labels, and a label the file uses but the
configuration does not declare, or a relation whose argument labels the
configuration does not allow, is an error.  Every error is a
:class:`~argmap.errors.ParseError` naming the line (and column) of the
``.ann`` or the ``.conf``.  There is no writer.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from typing import Any, NamedTuple

from argmap.errors import ArgmapError, FormatError, ParseError, ValidationError
from argmap.formats._common import decode
from argmap.model import ArgumentMap, Claim, Kind, Quote, Relation, Source

__all__ = ["LABELS", "Config", "dumps", "load", "load_file", "loads", "parse_conf"]

#: The default vocabulary: AbstRCT's and the Argument Annotated Essays' labels.
LABELS: Mapping[str, str] = {
    "MajorClaim": "major",
    "Claim": "unit",
    "Premise": "unit",
    "Support": "support",
    "supports": "support",
    "Attack": "attack",
    "attacks": "attack",
    "Partial-Attack": "attack",
    "Stance": "stance",
    "For": "support",
    "Against": "attack",
}

_MEANINGS = ("unit", "major", "support", "attack", "stance")
_KIND = {"support": Kind.SUPPORT, "attack": Kind.ATTACK}

_T = re.compile(r"(T\S*)\t(\S+) ([0-9]+ [0-9]+(?:;[0-9]+ [0-9]+)*)\t(.*)")
_R = re.compile(r"(R\S*)\t(\S+) Arg1:(\S+) Arg2:(\S+)[ \t]*")
_A = re.compile(r"([AM]\S*)\t(\S+) (\S+)(?: (\S+))?[ \t]*")
_NOTE = re.compile(r"(#\S*)\t(\S+) (\S+)\t(.*)")


class Config(NamedTuple):
    """What an ``annotation.conf`` declares: entity, relation and attribute
    labels, and for each relation label the labels its arguments may have
    (None: any)."""

    entities: frozenset[str]
    relations: Mapping[str, tuple[frozenset[str] | None, frozenset[str] | None]]
    attributes: frozenset[str]


def parse_conf(text: str | bytes) -> Config:
    """The labels that brat configuration *text* declares (see :class:`Config`)."""
    src = decode(text)
    section = ""
    entities: set[str] = set()
    relations: dict[str, tuple[frozenset[str] | None, frozenset[str] | None]] = {}
    attributes: set[str] = set()
    pos = 0
    for line in src.split("\n"):
        start, pos = pos, pos + len(line) + 1
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        m = re.fullmatch(r"\[(\w+)\]", stripped)
        if m:
            section = m.group(1)
            if section not in ("entities", "relations", "attributes", "events"):
                raise ParseError(f"unknown section [{section}]", doc=src, pos=start)
            continue
        name = stripped.split()[0].lstrip("!")
        if section == "entities":
            entities.add(name)
        elif section == "relations":
            if name.startswith("<"):  # <OVERLAP> and the like
                continue
            args: dict[str, frozenset[str] | None] = {"Arg1": None, "Arg2": None}
            for part in stripped[len(stripped.split()[0]) :].split(","):
                key, _, values = part.strip().partition(":")
                if key in args and values:
                    args[key] = frozenset(v.strip() for v in values.split("|")) - {"<ENTITY>"} or None
            relations[name] = (args["Arg1"], args["Arg2"])
        elif section == "attributes":
            attributes.add(name)
        elif section == "":
            raise ParseError("a line before any [section]", doc=src, pos=start)
    return Config(frozenset(entities), relations, frozenset(attributes))


def _vocabulary(labels: Mapping[str, str] | None) -> dict[str, str]:
    vocab = dict(LABELS)
    if labels is not None:
        if not isinstance(labels, Mapping):
            raise ArgmapError(f"labels must be a mapping of label to meaning, not {type(labels).__name__}")
        for k, v in labels.items():
            if not isinstance(k, str) or v not in _MEANINGS:
                raise ArgmapError(f"labels[{k!r}] must be one of {', '.join(_MEANINGS)}, not {v!r}")
        vocab.update(labels)
    return vocab


class _Unit(NamedTuple):
    id: str
    label: str
    spans: tuple[tuple[int, int], ...]
    text: str
    pos: int


def loads(
    text: str | bytes,
    *,
    source: Source | str | None = None,
    labels: Mapping[str, str] | None = None,
    conf: Config | None = None,
) -> ArgumentMap:
    """The map of the brat annotations *text* (see the module's documentation);
    *source* is the annotated text, *conf* what an ``annotation.conf`` declares."""
    src = decode(text).replace("\r\n", "\n").replace("\r", "\n")
    if isinstance(source, str):
        source = Source(source)
    elif source is not None and not isinstance(source, Source):
        raise ArgmapError(f"source must be a Source or a str, not {type(source).__name__}")
    vocab = _vocabulary(labels)

    def err(msg: str, pos: int) -> ParseError:
        return ParseError(msg, doc=src, pos=pos)

    def meaning(label: str, pos: int, allowed: tuple[str, ...], declared: frozenset[str] | None) -> str:
        if declared is not None and label not in declared:
            raise err(f"label {label!r} is not declared in annotation.conf", pos)
        m = vocab.get(label)
        if m is None and declared is not None and "unit" in allowed:
            m = "unit"  # a declared entity
        if m not in allowed:
            what = " or ".join(repr(a) for a in allowed)
            raise err(
                f"label {label!r} is not a {what} label; pass labels={{{label!r}: ...}} to say what it means", pos
            )
        return m

    units: dict[str, _Unit] = {}
    majors: list[str] = []
    relations: list[tuple[str, str, str, str, int]] = []  # id, label, arg1, arg2, pos
    stances: list[tuple[str, str, str, str, int]] = []  # id, label, unit, value, pos
    notes: dict[str, list[str]] = {}
    other: list[str] = []
    lines: dict[str, int] = {}
    pos = 0
    for line in src.split("\n"):
        start, pos = pos, pos + len(line) + 1
        if not line.strip():
            continue
        ident = line.split("\t", 1)[0]
        if ident in lines and not ident.startswith("#"):
            raise err(f"id {ident!r} is used twice (first on line {src.count(chr(10), 0, lines[ident]) + 1})", start)
        lines[ident] = start
        head = line[:1]
        if head == "T":
            t = _T.fullmatch(line)
            if t is None:
                raise err("expected a text-bound annotation: ID<tab>LABEL START END<tab>TEXT", start)
            label_pos = start + len(t.group(1)) + 1
            kind = meaning(t.group(2), label_pos, ("unit", "major"), conf.entities if conf else None)
            span_pos = label_pos + len(t.group(2)) + 1
            digits = max(t.group(3).replace(";", " ").split(), key=len)
            if len(digits) > 18:  # (no text is that long; int() refuses past 4,300 digits)
                raise err(f"span offset {digits[:20]}... is too large ({len(digits)} digits)", span_pos)
            spans = tuple((int(a), int(b)) for a, b in (s.split() for s in t.group(3).split(";")))
            for a, b in spans:
                if a > b:
                    raise err(f"span {a} {b} ends before it starts", span_pos)
            units[t.group(1)] = _Unit(t.group(1), t.group(2), spans, t.group(4), start)
            if kind == "major":
                majors.append(t.group(1))
        elif head == "R":
            r = _R.fullmatch(line)
            if r is None:
                raise err("expected a relation: ID<tab>LABEL Arg1:ID Arg2:ID", start)
            rels = conf.relations if conf else None
            meaning(
                r.group(2),
                start + len(r.group(1)) + 1,
                ("support", "attack"),
                frozenset(rels) if rels is not None else None,
            )
            relations.append((r.group(1), r.group(2), r.group(3), r.group(4), start))
        elif head in ("A", "M"):
            am = _A.fullmatch(line)
            if am is None:
                raise err("expected an attribute: ID<tab>LABEL ID [VALUE]", start)
            meaning(am.group(2), start + len(am.group(1)) + 1, ("stance",), conf.attributes if conf else None)
            stances.append((am.group(1), am.group(2), am.group(3), am.group(4) or "", start))
        elif head == "#":
            n = _NOTE.fullmatch(line)
            if n is None:
                raise err("expected a note: #ID<tab>LABEL ID<tab>TEXT", start)
            notes.setdefault(n.group(3), []).append(n.group(4))
        elif head in ("E", "N", "*"):
            other.append(line)
        else:
            raise err(f"unknown annotation {ident!r} (T, R, A, M, E, N, * or # lines)", start)

    claims = [_claim(u, source, notes.get(u.id), err) for u in units.values()]
    for target in notes:
        if target not in units:
            raise err(f"a note on {target!r}, which is not a text-bound annotation", lines.get(target, 0))
    rel_objs: list[Relation] = []
    positions: dict[str, int] = {}
    for rid, label, a1, a2, at in relations:
        for arg, name in ((a1, "Arg1"), (a2, "Arg2")):
            if arg not in units:
                raise err(f"{name} {arg!r} is not a text-bound annotation", at)
        if conf is not None:
            allowed = conf.relations.get(label, (None, None))
            for arg, name, ok in ((a1, "Arg1", allowed[0]), (a2, "Arg2", allowed[1])):
                if ok is not None and units[arg].label not in ok:
                    msg = f"{name} {arg!r} is a {units[arg].label}, which annotation.conf does not allow in a {label}"
                    raise err(msg, at)
        positions[rid] = at
        rel_objs.append(Relation(rid, _KIND[vocab[label]], (a1,), a2, data={"brat": {"label": label}}))
    for aid, _label, unit, value, at in stances:
        if unit not in units:
            raise err(f"a stance of {unit!r}, which is not a text-bound annotation", at)
        if not majors:
            raise err("a stance, but no major claim for it to be towards", at)
        polarity = vocab.get(value, "")
        if polarity not in _KIND:
            raise err(f"stance value {value!r} is not 'support' or 'attack'; pass labels={{{value!r}: ...}}", at)
        positions[aid] = at
        rel_objs.append(Relation(aid, _KIND[polarity], (unit,), majors[0], data={"brat": {"stance": value}}))
    data: dict[str, Any] = {"brat": {"other": other}} if other else {}
    try:
        return ArgumentMap(claims, rel_objs, source=source, data=data)
    except ValidationError as e:
        first = e.problems[0]
        at = positions.get(first.id, lines.get(first.id, 0))
        raise err(f"{first.id}: {first.message}" if first.id else first.message, at) from None


def _claim(u: _Unit, source: Source | None, notes: list[str] | None, err: Any) -> Claim:
    start, end = u.spans[0][0], u.spans[-1][1]
    if source is not None:
        if end > len(source.text):
            raise err(f"{u.id}: span ends at {end}, past the end of the text ({len(source.text)} characters)", u.pos)
        fragments = [source.text[a:b] for a, b in u.spans]
        if " ".join(fragments) != u.text and "".join(fragments) != u.text:
            raise err(f"{u.id}: its text is not the text at its span {start}..{end}", u.pos)
        quote = Quote(source.text[start:end], start, end)
    else:
        quote = Quote(u.text, start, end) if len(u.spans) == 1 and end - start == len(u.text) else Quote(u.text)
    if not u.text.strip():
        raise err(f"{u.id}: no text", u.pos)
    data: dict[str, Any] = {"label": u.label}
    if len(u.spans) > 1:
        data["spans"] = [list(s) for s in u.spans]
    if notes:
        data["notes"] = notes
    return Claim(u.id, u.text, quote=quote if quote.text else None, tags=(u.label,), data={"brat": data})


def load_file(
    data: bytes, path: str, *, max_bytes: int | None = None, labels: Mapping[str, str] | None = None
) -> ArgumentMap:
    """The map of ``.ann`` file *path* (its bytes *data*), with the ``.txt``
    beside it as the source and the folder's ``annotation.conf`` when there
    is one (both read with the same *max_bytes* limit)."""
    from argmap.formats import _read

    base = os.path.splitext(path)[0]
    source = None
    if os.path.isfile(base + ".txt"):
        text = _read_text(base + ".txt", max_bytes, _read)
        source = Source(text.replace("\r\n", "\n").replace("\r", "\n"), title=os.path.basename(base + ".txt"))
    conf = None
    conf_path = os.path.join(os.path.dirname(path), "annotation.conf")
    if os.path.isfile(conf_path):
        try:
            conf = parse_conf(_read_text(conf_path, max_bytes, _read))
        except (ParseError, FormatError) as e:
            raise e.with_path(conf_path) from None
    return loads(data, source=source, labels=labels, conf=conf)


def load(
    path: str | os.PathLike[str], *, labels: Mapping[str, str] | None = None, max_bytes: int | None = 512 * 1024 * 1024
) -> ArgumentMap:
    """:func:`argmap.load` for a ``.ann`` file, with a *labels* vocabulary of
    its own (see the module's documentation).

    >>> load("essay.ann", labels={"Conclusion": "major"})  # doctest: +SKIP
    """
    from argmap.formats import _check_max_bytes, _check_path, _read

    name = _check_path(path)
    limit = _check_max_bytes(max_bytes)
    try:
        return load_file(_read(name, limit), name, max_bytes=limit, labels=labels)
    except (ParseError, FormatError) as e:
        raise (e if e.path is not None else e.with_path(name)) from None


def _read_text(path: str, max_bytes: int | None, read: Any) -> str:
    try:
        return decode(read(path, max_bytes))
    except ParseError as e:
        raise e.with_path(path) from None


def dumps(m: ArgumentMap) -> str:
    """brat is read-only here (write argmap JSON, AIF or Argdown instead)."""
    raise FormatError("brat is read-only: write json, aif or argdown")
