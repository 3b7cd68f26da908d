"""AIF JSON, the Argument Interchange Format as AIFdb and OVA write it.

An AIF document is ``{"nodes": [...], "edges": [...]}``.  Each node has a
``nodeID`` (a string, sometimes a number), a ``type`` and a ``text``; each
edge goes ``fromID`` -> ``toID``.  How argmap reads it:

- an **I-node** is a claim (its ``nodeID`` is the claim id);
- an **RA-node** is a support relation and a **CA-node** an attack: the
  I-nodes with edges into it are its premises (several = linked premises),
  the one node it points to is its target (an RA or CA target makes it an
  undercut, or a backing); ``scheme`` becomes :attr:`Relation.scheme`;
- **MA** (rephrase), **PA** (preference) and the dialogical **L**, **YA** and
  **TA** nodes, with their edges, are kept in the map's ``data`` (under
  ``"nodes"`` and ``"edges"``) and written back unchanged;
- every other node and edge field (``timestamp``, ``schemeID``, ``edgeID``,
  ...) is kept in the claim's or relation's ``data``, so that reading what
  :func:`dumps` wrote gives an equal map and AIF -> argmap -> AIF gives the
  same graph with the same ids.

Nothing is guessed and no edge is skipped: an unknown node type, an edge
whose end is missing or an edge between two I-nodes is a
:class:`~argmap.errors.FormatError` naming the field (``nodes[12].type``,
``edges[3].toID``).  An RA or CA node that argmap cannot make a relation of
(no premise, no conclusion or several, a premise that is also its
conclusion) is kept with its edges in the map's data, and a
:class:`~argmap.errors.LossyConversionWarning` says which one and why.

What AIF has no field for (the map's title and source, quotes, tags, base
scores, Argdown's strict relation kinds) is written in an ``"argmap"`` field
of the document or of the node, which other AIF tools ignore.

OVA3 saves a map as an xAIF wrapper, ``{"AIF": {...}, "text": ..., "OVA":
{...}}`` (oAMF adds ``"dialog"``).  A document with an ``"AIF"`` object and
no top-level ``"nodes"`` is read as one: ``"AIF"`` as above, the other fields
kept in ``data["xAIF"]`` and written back around the AIF (a plain-text, not
HTML, ``"text"`` becomes the map's source); errors name their path from the
top (``AIF.nodes[3].type``).  A document with both is a FormatError.

>>> from argmap import MapBuilder
>>> b = MapBuilder()
>>> t = b.claim("Tea is better", id="t")
>>> _ = b.support(t, [b.claim("It is calming", id="p1"), b.claim("Calm is good", id="p2")], id="ra")
>>> print(dumps(b.build()), end="")
{
  "nodes": [
    {"nodeID": "t", "text": "Tea is better", "type": "I"},
    {"nodeID": "p1", "text": "It is calming", "type": "I"},
    {"nodeID": "p2", "text": "Calm is good", "type": "I"},
    {"nodeID": "ra", "text": "RA", "type": "RA"}
  ],
  "edges": [
    {"edgeID": "p1>ra", "fromID": "p1", "toID": "ra"},
    {"edgeID": "p2>ra", "fromID": "p2", "toID": "ra"},
    {"edgeID": "ra>t", "fromID": "ra", "toID": "t"}
  ]
}
>>> loads(dumps(b.build())) == b.build()
True
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable

# c_make_encoder is CPython's C JSON encoder, which typeshed does not declare.
from json.encoder import c_make_encoder, encode_basestring  # type: ignore[attr-defined]
from typing import Any

from argmap._gc import paused
from argmap.errors import FormatError, LossyConversionWarning
from argmap.formats._common import fast_frozen, freeze_at, parse_json, type_name
from argmap.model import (
    EMPTY,
    ArgumentMap,
    Claim,
    FrozenDict,
    Kind,
    Quote,
    Relation,
    Source,
    _new_claim,
    _new_relation,
    bad_char,
    thaw,
)

__all__ = ["NODE_TYPES", "XAIF", "dumps", "from_data", "loads", "to_data"]

#: The node types argmap reads.
NODE_TYPES = ("I", "RA", "CA", "MA", "PA", "L", "YA", "TA")
_TYPES = frozenset(NODE_TYPES)
_S_KIND = {"RA": Kind.SUPPORT, "CA": Kind.ATTACK}
_KINDS = {k.value: k for k in Kind}
_set_data = object.__setattr__
_FLAT = frozenset({str, int, float, bool, type(None)})
#: The key of the map's ``data`` that holds an xAIF (OVA) document's fields
#: beside ``"AIF"`` (``OVA``, ``text``, ``dialog``, ...).
XAIF = "xAIF"
# What makes a text HTML rather than plain text: a tag or a character reference.
_HTML = re.compile(r"<[A-Za-z/!?][^<>]*>|&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _plain_text(value: Any) -> bool:
    """Whether an xAIF ``text`` can be the map's Source: a string with
    something in it, no HTML tag or character reference, valid Unicode."""
    return (
        type(value) is str and bool(value.strip()) and _HTML.search(value) is None and _SURROGATE.search(value) is None
    )


# --------------------------------------------------------------------------
# Reading


def loads(text: str | bytes) -> ArgumentMap:
    """Read an AIF JSON document, or an xAIF (OVA) document that wraps one
    in ``{"AIF": {...}, "OVA": {...}, "text": ...}``.

    Raises ParseError (bad JSON), FormatError (a field of the wrong shape, an
    unknown node type, an edge to a missing node, named by its JSON path) or
    ValidationError (a map the model refuses, such as an empty I-node text).
    """
    with paused():
        doc, clean = parse_json(text)
        return _read(doc, clean=clean, owned=True)


def from_data(doc: Any) -> ArgumentMap:
    """Build a map from an AIF document already parsed (dicts and lists);
    *doc* is not modified."""
    return _read(doc, clean=False, owned=False)


def _edge_id(a: str, b: str) -> str:
    """The edge id :func:`dumps` gives an edge that had none."""
    return f"{a}>{b}"


def _key(value: Any, where: str) -> str:
    if type(value) is str:
        return value
    if type(value) is int:
        return str(value)
    raise FormatError(f"expected a string or an integer id, got {type_name(value)}", where=where)


def _end(e: dict[str, Any], field: str, j: int, get: Callable[[str], int | None]) -> int:
    """The node index of edge *e*'s end *field*, or a FormatError saying why not."""
    if field not in e:
        raise FormatError("missing required field", where=f"edges[{j}].{field}")
    v = e[field]
    i = get(_key(v, f"edges[{j}].{field}"))
    if i is None:
        raise FormatError(f"no node has the id {str(v)!r}", where=f"edges[{j}].{field}")
    return i


def _read(
    doc: Any, *, clean: bool, owned: bool, stacklevel: int = 3, wrapper: dict[str, Any] | None = None
) -> ArgumentMap:
    """The map of AIF document *doc*; *wrapper* holds the other fields of the
    xAIF document *doc* is the ``"AIF"`` of, frozen, if it is one."""
    if type(doc) is not dict:
        raise FormatError(f"expected an AIF document (an object with nodes and edges), got {type_name(doc)}", where="$")
    if "AIF" in doc:
        if "nodes" in doc:
            raise FormatError(
                'the document has both top-level "nodes" and an "AIF" object: it is neither plain AIF nor an xAIF (OVA) '
                'document, whose AIF is all inside "AIF"',
                where="AIF",
            )
        if wrapper is None:
            return _read_wrapper(doc, clean=clean, owned=owned, stacklevel=stacklevel + 1)
    for field in ("nodes", "edges"):
        if field not in doc:
            raise FormatError("missing required field", where=field)
        if type(doc[field]) is not list:
            raise FormatError(f"expected an array, got {type_name(doc[field])}", where=field)
    nodes: list[Any] = doc["nodes"]
    edges: list[Any] = doc["edges"]

    # Pass 1: node ids and types.
    index: dict[str, int] = {}
    keys: list[str] = []
    types: list[str] = []
    for i, n in enumerate(nodes):
        if type(n) is not dict:
            raise FormatError(f"expected a node object, got {type_name(n)}", where=f"nodes[{i}]")
        if "nodeID" not in n:
            raise FormatError("missing required field", where=f"nodes[{i}].nodeID")
        nid = n["nodeID"]
        key = nid if type(nid) is str else _key(nid, f"nodes[{i}].nodeID")
        if key in index:
            raise FormatError(
                f"node id {key!r} is used more than once (first by nodes[{index[key]}])", where=f"nodes[{i}].nodeID"
            )
        index[key] = i
        t = n.get("type")
        if type(t) is not str or t not in _TYPES:
            if "type" not in n:
                raise FormatError("missing required field", where=f"nodes[{i}].type")
            if type(t) is not str:
                raise FormatError(f"expected a string, got {type_name(t)}", where=f"nodes[{i}].type")
            raise FormatError(
                f"unknown node type {t!r}; AIF node types are {', '.join(NODE_TYPES)}", where=f"nodes[{i}].type"
            )
        keys.append(key)
        types.append(t)

    # Pass 2: edges, sorted into premises (I -> RA/CA), conclusions
    # (RA/CA -> I/RA/CA) and the rest (any edge that touches MA, PA, L, YA, TA).
    e_from: list[int] = []
    e_to: list[int] = []
    premises_of: dict[int, list[int]] = {}
    conclusions_of: dict[int, list[int]] = {}
    other_edges: list[int] = []
    get = index.get
    add_from, add_to = e_from.append, e_to.append
    # Node classes: 1 for I, 2 for RA and CA, 0 for the rest.
    cls = [1 if t == "I" else 2 if t in _S_KIND else 0 for t in types]
    for j, e in enumerate(edges):
        if type(e) is not dict:
            raise FormatError(f"expected an edge object, got {type_name(e)}", where=f"edges[{j}]")
        a = e.get("fromID")
        f = get(a) if type(a) is str else None
        b = e.get("toID")
        t = get(b) if type(b) is str else None
        if f is None or t is None:  # a number, a missing field, a dangling id: find which
            f, t = (_end(e, field, j, get) for field in ("fromID", "toID"))
        add_from(f)
        add_to(t)
        cf, ct = cls[f], cls[t]
        if cf == 1 and ct == 2:  # I -> RA/CA: a premise
            p = premises_of.get(t)
            if p is None:
                premises_of[t] = [j]
            else:
                p.append(j)
            continue
        if cf == 2 and ct:  # RA/CA -> I, RA or CA: a conclusion
            c = conclusions_of.get(f)
            if c is None:
                conclusions_of[f] = [j]
            else:
                c.append(j)
            continue
        tf, tt = types[f], types[t]
        if tf == "I":
            if tt == "I":
                msg = (
                    f"an edge from I-node {keys[f]!r} straight to I-node {keys[t]!r}; AIF connects "
                    "I-nodes only through RA, CA, MA or PA nodes"
                )
                raise FormatError(msg, where=f"edges[{j}]")
            if tt in _S_KIND:
                premises_of.setdefault(t, []).append(j)
                continue
        elif tf in _S_KIND and (tt == "I" or tt in _S_KIND):
            conclusions_of.setdefault(f, []).append(j)
            continue
        other_edges.append(j)

    # Pass 3: which RA/CA nodes can be relations.  One that cannot, and every
    # one that concludes in it, is kept as data (with a warning).
    s_nodes = [i for i, t in enumerate(types) if t in _S_KIND]
    unplaced: dict[int, str] = {}
    concluded_by: dict[int, list[int]] = {}
    for s in s_nodes:
        ps = premises_of.get(s, ())
        cs = conclusions_of.get(s, ())
        if not ps:
            unplaced[s] = "has no premise (no edge from an I-node into it)"
        elif len(cs) != 1:
            unplaced[s] = "has no conclusion" if not cs else f"has {len(cs)} conclusions"
        else:
            target = e_to[cs[0]]
            pset = {e_from[j] for j in ps}
            if target == s:
                unplaced[s] = "concludes in itself"
            elif len(pset) != len(ps):
                unplaced[s] = "has the same premise twice"
            elif target in pset and not (types[s] == "CA" and len(ps) == 1):  # a self-attack is kept
                unplaced[s] = f"has I-node {keys[target]!r} both as a premise and as its conclusion"
            elif types[target] in _S_KIND:
                concluded_by.setdefault(target, []).append(s)
    todo = list(unplaced)
    while todo:
        s = todo.pop()
        for r in concluded_by.get(s, ()):
            if r not in unplaced:
                unplaced[r] = f"concludes in {types[s]}-node {keys[s]!r}, which is not a relation"
                todo.append(r)
    if unplaced:
        for s in s_nodes:
            if s in unplaced:
                other_edges.extend(premises_of.pop(s, ()))
                other_edges.extend(conclusions_of.pop(s, ()))
        other_edges.sort()
        shown = "; ".join(f"{types[s]}-node {keys[s]!r} {why}" for s, why in sorted(unplaced.items())[:5])
        more = f" (and {len(unplaced) - 5} more)" if len(unplaced) > 5 else ""
        warnings.warn(
            LossyConversionWarning(
                f"AIF: {len(unplaced)} inference or conflict node(s) cannot be relations of the map and are kept "
                f"in its data, not drawn: {shown}{more}"
            ),
            stacklevel=stacklevel,
        )

    # Pass 4: build the claims, the relations and the map's data.
    claims: list[Claim] = []
    relations: list[Relation] = []
    kept_nodes: list[int] = []
    fast = owned and clean
    add_claim = claims.append
    for i, n in enumerate(nodes):
        t = types[i]
        if t == "I":
            # Inline fast path: a string id, a text, flat scalar fields (such
            # as a timestamp), nothing for argmap's extension field.
            text = n.get("text")
            if fast and type(text) is str and type(n["nodeID"]) is str and "argmap" not in n:
                del n["nodeID"], n["text"], n["type"]
                claim = _new_claim(keys[i], text)
                if n:
                    for v in n.values():
                        if type(v) not in _FLAT:
                            _set_data(claim, "data", fast_frozen(n, f"nodes[{i}]", clean))
                            break
                    else:
                        _set_data(claim, "data", FrozenDict._adopt(n))
                add_claim(claim)
                continue
            add_claim(_claim(n, i, keys[i], clean, owned))
        elif t in _S_KIND and i not in unplaced:
            if fast and type(n["nodeID"]) is str and "argmap" not in n and "edges" not in n:
                relations.append(
                    _fast_relation(n, i, keys[i], t, premises_of[i], conclusions_of[i][0], edges, e_from, e_to, keys)
                )
                continue
            relations.append(
                _relation(
                    n, i, keys[i], t, premises_of[i], conclusions_of[i][0], edges, e_from, e_to, keys, clean, owned
                )
            )
        else:
            kept_nodes.append(i)

    data: dict[str, Any] = {}
    title = source = None
    for k, v in doc.items():
        if k in ("nodes", "edges"):
            continue
        if k == "argmap":
            title, source, ext_data = _map_extension(v)
            for dk, dv in ext_data.items():
                data[dk] = dv
            continue
        if k == XAIF:
            raise FormatError(
                "argmap keeps the fields of an xAIF document beside its AIF under this name; rename the field", where=k
            )
        data[k] = freeze_at(v, k)
    if kept_nodes or other_edges:
        for field, items in (("nodes", [nodes[i] for i in kept_nodes]), ("edges", [edges[j] for j in other_edges])):
            if items and field in data:
                raise FormatError("a field argmap keeps AIF nodes and edges in", where=f"argmap.data.{field}")
            if items:
                data[field] = freeze_at(items, field)
    if wrapper is not None:
        if XAIF in data:
            raise FormatError(
                "is also the field argmap keeps the xAIF document's other fields in", where=f"argmap.data.{XAIF}"
            )
        if source is None and _plain_text(wrapper.get("text")):
            source = Source(wrapper.pop("text"))
        data[XAIF] = freeze_at(wrapper, XAIF)
    return ArgumentMap(claims, relations, title=title, source=source, data=data)


def _read_wrapper(doc: dict[str, Any], *, clean: bool, owned: bool, stacklevel: int) -> ArgumentMap:
    """An xAIF document (OVA's): its ``"AIF"`` read as AIF, its other fields
    kept in ``data["xAIF"]`` (the ``text``, when plain, as the map's Source)."""
    inner = doc["AIF"]
    if type(inner) is not dict:
        raise FormatError(
            f"expected an AIF document (an object with nodes and edges), got {type_name(inner)}", where="AIF"
        )
    fields = {k: freeze_at(v, k) for k, v in doc.items() if k != "AIF"}
    try:
        return _read(inner, clean=clean, owned=owned, stacklevel=stacklevel + 1, wrapper=fields)
    except FormatError as e:
        where = "" if e.where == "$" else e.where
        raise FormatError(e.msg, where="AIF" + ("" if not where or where.startswith("[") else ".") + where) from None


def _claim(n: dict[str, Any], i: int, key: str, clean: bool, owned: bool) -> Claim:
    text = n.get("text")
    if type(text) is not str:
        if "text" not in n:
            raise FormatError("missing required field", where=f"nodes[{i}].text")
        raise FormatError(f"expected a string, got {type_name(text)}", where=f"nodes[{i}].text")
    if len(n) == 3 and type(n["nodeID"]) is str:  # the common case: nodeID, text, type
        return _new_claim(key, text)
    d = n if owned else dict(n)
    nid = d.pop("nodeID")
    if type(nid) is not str:
        d["nodeID"] = nid
    del d["text"], d["type"]
    ext = d.pop("argmap", None)
    tags: tuple[str, ...]
    quote, tags, score, more = None, (), None, EMPTY
    if ext is not None:
        where = f"nodes[{i}].argmap"
        e = _object(ext, where, {"quote", "tags", "base_score", "data"})
        quote = _quote(e.get("quote"), f"{where}.quote")
        tags = _tags(e.get("tags"), f"{where}.tags")
        score = _score(e.get("base_score"), f"{where}.base_score")
        more = _ext_data(e.get("data"), f"{where}.data", d)
    data = fast_frozen(d, f"nodes[{i}]", clean)
    if more:
        data = freeze_at({**thaw(data), **thaw(more)}, f"nodes[{i}]")
    if quote is None and not tags and score is None:
        c = _new_claim(key, text)
        if data:
            _set_data(c, "data", data)
        return c
    return Claim(key, text, quote=quote, tags=tags, data=data, base_score=score)


def _fast_relation(
    n: dict[str, Any],
    i: int,
    key: str,
    t: str,
    premise_edges: list[int],
    conclusion_edge: int,
    edges: list[Any],
    e_from: list[int],
    e_to: list[int],
    keys: list[str],
) -> Relation:
    """:func:`_relation` for the common case: parsed here (so the dicts are
    ours to take apart), a string id, no argmap field, no lone surrogates."""
    del n["nodeID"], n["type"]
    if n.get("text") == t:
        del n["text"]
    scheme = n.get("scheme")
    if scheme is not None:
        if type(scheme) is str and scheme.strip() and bad_char(scheme) is None:
            del n["scheme"]
        else:
            scheme = None
    extras: list[FrozenDict] = []
    add = extras.append
    any_extra = False
    for j in (*premise_edges, conclusion_edge):
        x = edges[j]
        del x["fromID"], x["toID"]
        eid = x.get("edgeID")
        if type(eid) is str and ">" in eid and eid == _edge_id(keys[e_from[j]], keys[e_to[j]]):
            del x["edgeID"]
        if not x:
            add(EMPTY)
            continue
        any_extra = True
        for v in x.values():
            if type(v) not in _FLAT:
                add(fast_frozen(x, f"edges[{j}]", True))
                break
        else:
            add(FrozenDict._adopt(x))
    if any_extra:
        n["edges"] = tuple(extras)
    r = _new_relation(
        key, _S_KIND[t], tuple([keys[e_from[j]] for j in premise_edges]), keys[e_to[conclusion_edge]], scheme
    )
    if n:
        _set_data(r, "data", fast_frozen(n, f"nodes[{i}]", True))
    return r


def _relation(
    n: dict[str, Any],
    i: int,
    key: str,
    t: str,
    premise_edges: list[int],
    conclusion_edge: int,
    edges: list[Any],
    e_from: list[int],
    e_to: list[int],
    keys: list[str],
    clean: bool,
    owned: bool,
) -> Relation:
    premises = tuple([keys[e_from[j]] for j in premise_edges])
    target = keys[e_to[conclusion_edge]]
    kind = _S_KIND[t]
    d = n if owned else dict(n)
    nid = d.pop("nodeID")
    if type(nid) is not str:
        d["nodeID"] = nid
    del d["type"]
    if d.get("text") == t:
        del d["text"]
    scheme = d.get("scheme")
    if type(scheme) is str and scheme.strip() and bad_char(scheme) is None:
        del d["scheme"]
    else:
        scheme = None
    if "edges" in d:
        raise FormatError("argmap keeps the node's edges under this name; rename the field", where=f"nodes[{i}].edges")
    ext = d.pop("argmap", None)
    score, more = None, EMPTY
    if ext is not None:
        where = f"nodes[{i}].argmap"
        e = _object(ext, where, {"kind", "base_score", "data"})
        if "kind" in e:
            k = e["kind"]
            if type(k) is not str or k not in _KINDS or _KINDS[k].polarity is not kind:
                allowed = [v for v, kk in _KINDS.items() if kk.polarity is kind]
                raise FormatError(
                    f"expected one of {', '.join(allowed)} for a {t}-node, got {k!r}", where=f"{where}.kind"
                )
            kind = _KINDS[k]
        score = _score(e.get("base_score"), f"{where}.base_score")
        more = _ext_data(e.get("data"), f"{where}.data", d)
    # The edges' own fields (edgeID and the like), premises first, then the conclusion.
    extras = []
    any_extra = False
    for j in (*premise_edges, conclusion_edge):
        e = edges[j]
        x = e if owned else dict(e)
        del x["fromID"], x["toID"]
        eid = x.get("edgeID")
        if type(eid) is str and ">" in eid and eid == _edge_id(keys[e_from[j]], keys[e_to[j]]):
            del x["edgeID"]
        fx = fast_frozen(x, f"edges[{j}]", clean)
        any_extra = any_extra or bool(fx)
        extras.append(fx)
    if any_extra:
        if "edges" in more:
            raise FormatError(
                "is also the field argmap keeps the node's edges in", where=f"nodes[{i}].argmap.data.edges"
            )
        d["edges"] = tuple(extras)
    data = fast_frozen(d, f"nodes[{i}]", clean)
    if more:
        data = freeze_at({**thaw(data), **thaw(more)}, f"nodes[{i}]")
    r = _new_relation(key, kind, premises, target, scheme, score)
    if data:
        _set_data(r, "data", data)
    return r


def _object(value: Any, where: str, keys: set[str]) -> dict[str, Any]:
    if type(value) is not dict:
        raise FormatError(f"expected an object, got {type_name(value)}", where=where)
    for k in value:
        if k not in keys:
            raise FormatError(f"unknown field; expected one of {', '.join(sorted(keys))}", where=f"{where}.{k}")
    return value


def _quote(value: Any, where: str) -> Quote | None:
    if value is None:
        return None
    q = _object(value, where, {"text", "start", "end"})
    text = q.get("text")
    if type(text) is not str:
        raise FormatError(f"expected a string, got {type_name(text)}", where=f"{where}.text")
    span = []
    for f in ("start", "end"):
        v = q.get(f)
        if v is not None and type(v) is not int:
            raise FormatError(f"expected an integer, got {type_name(v)}", where=f"{where}.{f}")
        span.append(v)
    return Quote(text, span[0], span[1])


def _tags(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if type(value) is not list:
        raise FormatError(f"expected an array, got {type_name(value)}", where=where)
    for k, t in enumerate(value):
        if type(t) is not str:
            raise FormatError(f"expected a string, got {type_name(t)}", where=f"{where}[{k}]")
    return tuple(value)


def _score(value: Any, where: str) -> float | None:
    if value is None:
        return None
    if type(value) not in (int, float):
        raise FormatError(f"expected a number, got {type_name(value)}", where=where)
    score: float = value
    return score


def _ext_data(value: Any, where: str, fields: dict[str, Any]) -> FrozenDict:
    if value is None:
        return EMPTY
    if type(value) is not dict:
        raise FormatError(f"expected an object, got {type_name(value)}", where=where)
    for k in value:
        if k in fields:
            raise FormatError("is also a field of the node", where=f"{where}.{k}")
    data: FrozenDict = freeze_at(value, where)  # an object becomes a FrozenDict
    return data


def _map_extension(value: Any) -> tuple[str | None, Source | None, FrozenDict]:
    e = _object(value, "argmap", {"title", "source", "data"})
    title = e.get("title")
    if title is not None and type(title) is not str:
        raise FormatError(f"expected a string, got {type_name(title)}", where="argmap.title")
    source = None
    if e.get("source") is not None:
        s = _object(e["source"], "argmap.source", {"text", "title", "url"})
        for f in ("text", "title", "url"):
            v = s.get(f)
            if (v is None and f == "text") or (v is not None and type(v) is not str):
                raise FormatError(f"expected a string, got {type_name(v)}", where=f"argmap.source.{f}")
        source = Source(s["text"], title=s.get("title"), url=s.get("url"))
    data = e.get("data")
    if data is not None and type(data) is not dict:
        raise FormatError(f"expected an object, got {type_name(data)}", where="argmap.data")
    return title, source, (freeze_at(data, "argmap.data") if data else EMPTY)


# --------------------------------------------------------------------------
# Writing


def to_data(m: ArgumentMap) -> dict[str, Any]:
    """*m* as an AIF document in plain data (dicts and lists)."""
    return _document(m, thaw)


def _same(value: Any) -> Any:
    return value


def _document(m: ArgumentMap, thaw: Callable[[Any], Any]) -> dict[str, Any]:
    """The document; *thaw* turns frozen values into plain ones (or, for
    :func:`dumps`, leaves them for the encoder)."""
    kept_nodes, kept_edges, doc_fields, map_ext_data, wrapper = _map_fields(m)
    written_id: dict[str, Any] = {}  # ids written as numbers
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    for c in m.claims:
        if c.data or c.quote is not None or c.tags or c.base_score is not None:
            nodes.append(_claim_node(c, written_id, thaw))
        else:
            nodes.append({"nodeID": c.id, "text": c.text, "type": "I"})
    rel_nodes = []
    for r in m.relations:
        node, edge_extras = _relation_node(r, written_id, thaw)
        nodes.append(node)
        rel_nodes.append(edge_extras)
    nid = written_id.get
    for r, extras in zip(m.relations, rel_nodes):
        ends = [(p, r.id) for p in r.premises] + [(r.id, r.target)]
        for (a, b), extra in zip(ends, extras or [None] * len(ends)):
            if extra:
                x = extra._d  # a FrozenDict's own dict: read it directly, it is large work to go through Mapping
                eid = x.get("edgeID")
                edge: dict[str, Any] = {"edgeID": _edge_id(a, b) if eid is None and "edgeID" not in x else thaw(eid)}
                edge["fromID"] = nid(a, a)
                edge["toID"] = nid(b, b)
                for k, v in x.items():
                    if k != "edgeID":
                        edge[k] = thaw(v)
            else:
                edge = {"edgeID": _edge_id(a, b)}
                edge["fromID"] = nid(a, a)
                edge["toID"] = nid(b, b)
            edges.append(edge)
    nodes.extend(thaw(n) for n in kept_nodes)
    edges.extend(thaw(e) for e in kept_edges)
    doc: dict[str, Any] = {"nodes": nodes, "edges": edges}
    doc.update(doc_fields)
    ext: dict[str, Any] = {}
    if m.title is not None:
        ext["title"] = m.title
    # In an xAIF document, a plain source text with no title or url is its "text".
    text_source = (
        wrapper is not None
        and m.source is not None
        and "text" not in wrapper
        and m.source.title is None
        and m.source.url is None
        and _plain_text(m.source.text)
    )
    if m.source is not None and not text_source:
        src: dict[str, Any] = {"text": m.source.text}
        if m.source.title is not None:
            src["title"] = m.source.title
        if m.source.url is not None:
            src["url"] = m.source.url
        ext["source"] = src
    if map_ext_data:
        ext["data"] = map_ext_data
    if ext:
        doc["argmap"] = ext
    if wrapper is None:
        return doc
    out: dict[str, Any] = {"AIF": doc}
    if text_source:
        out["text"] = m.source.text  # type: ignore[union-attr]
    for k, v in _items(wrapper):
        out[k] = thaw(v)
    return out


def _map_fields(
    m: ArgumentMap,
) -> tuple[tuple[Any, ...], tuple[Any, ...], dict[str, Any], dict[str, Any], FrozenDict | None]:
    """The map's data split into AIF nodes and edges kept from a reading,
    other top-level fields, what only argmap's extension can hold, and the
    fields of the xAIF document the map was read from (None if it was not)."""
    kept_nodes: tuple[Any, ...] = ()
    kept_edges: tuple[Any, ...] = ()
    fields: dict[str, Any] = {}
    ext: dict[str, Any] = {}
    wrapper = None
    ids = {c.id for c in m.claims} | {r.id for r in m.relations} if m.data else set()
    for k, v in m.data.items():
        if k == "nodes" and _kept_nodes_ok(v, ids):
            kept_nodes = v
        elif k == "edges" and _kept_edges_ok(v):
            kept_edges = v
        elif k == XAIF and _wrapper_ok(v, m):
            wrapper = v
        elif k in ("nodes", "edges", "argmap", "AIF", XAIF):
            ext[k] = thaw(v)
        else:
            fields[k] = thaw(v)
    return kept_nodes, kept_edges, fields, ext, wrapper


def _wrapper_ok(v: Any, m: ArgumentMap) -> bool:
    """Whether *v* is what the reader makes of an xAIF document's fields
    beside ``"AIF"`` (a plain ``text`` becomes the source when there is none)."""
    return (
        isinstance(v, FrozenDict)
        and "AIF" not in v
        and "nodes" not in v
        and not (m.source is None and _plain_text(v.get("text")))
    )


def _kept_nodes_ok(v: Any, ids: set[str]) -> bool:
    if type(v) is not tuple or not v:
        return False
    seen = set()
    for n in v:
        if not isinstance(n, FrozenDict) or n.get("type") not in _TYPES or n.get("type") == "I":
            return False
        nid = n.get("nodeID")
        if type(nid) not in (str, int):
            return False
        key = str(nid)
        if key in ids or key in seen:
            return False
        seen.add(key)
    return True


def _kept_edges_ok(v: Any) -> bool:
    if type(v) is not tuple or not v:
        return False
    return all(
        isinstance(e, FrozenDict) and type(e.get("fromID")) in (str, int) and type(e.get("toID")) in (str, int)
        for e in v
    )


def _numeric_id(v: Any, ident: str) -> bool:
    return type(v) is int and str(v) == ident


def _claim_node(c: Claim, written_id: dict[str, Any], thaw: Callable[[Any], Any] = thaw) -> dict[str, Any]:
    node: dict[str, Any] = {"nodeID": c.id, "text": c.text, "type": "I"}
    ext_data: dict[str, Any] = {}
    for k, v in _items(c.data):
        if k == "nodeID" and _numeric_id(v, c.id):
            node["nodeID"] = written_id[c.id] = v
        elif k in ("nodeID", "text", "type", "argmap"):
            ext_data[k] = thaw(v)
        else:
            node[k] = thaw(v)
    ext: dict[str, Any] = {}
    if c.quote is not None:
        q: dict[str, Any] = {"text": c.quote.text}
        if c.quote.start is not None:
            q["start"], q["end"] = c.quote.start, c.quote.end
        ext["quote"] = q
    if c.tags:
        ext["tags"] = list(c.tags)
    if c.base_score is not None:
        ext["base_score"] = c.base_score
    if ext_data:
        ext["data"] = ext_data
    if ext:
        node["argmap"] = ext
    return node


def _relation_node(
    r: Relation, written_id: dict[str, Any], thaw: Callable[[Any], Any] = thaw
) -> tuple[dict[str, Any], Any]:
    t = "RA" if r.kind.polarity is Kind.SUPPORT else "CA"
    node: dict[str, Any] = {"nodeID": r.id, "text": t, "type": t}
    ext_data: dict[str, Any] = {}
    edge_extras = None
    n_edges = len(r.premises) + 1
    for k, v in _items(r.data):
        if k == "nodeID" and _numeric_id(v, r.id):
            node["nodeID"] = written_id[r.id] = v
        elif k in ("nodeID", "type", "argmap"):
            ext_data[k] = thaw(v)
        elif k == "text":
            if v == t:
                ext_data[k] = v
            else:
                node["text"] = thaw(v)
        elif k == "scheme":
            if r.scheme is not None or (type(v) is str and v.strip() and bad_char(v) is None):
                ext_data[k] = thaw(v)
            else:
                node[k] = thaw(v)
        elif k == "edges":
            if _edge_extras_ok(v, n_edges):
                edge_extras = v
            else:
                ext_data[k] = thaw(v)
        else:
            node[k] = thaw(v)
    if r.scheme is not None:
        node["scheme"] = r.scheme
    ext: dict[str, Any] = {}
    if r.kind not in (Kind.SUPPORT, Kind.ATTACK):
        ext["kind"] = r.kind.value
    if r.base_score is not None:
        ext["base_score"] = r.base_score
    if ext_data:
        ext["data"] = ext_data
    if ext:
        node["argmap"] = ext
    return node, edge_extras


def _edge_extras_ok(v: Any, n: int) -> bool:
    """Whether *v* is what the reader makes of a relation's edges' fields."""
    if type(v) is not tuple or len(v) != n:
        return False
    some = False
    for x in v:
        if type(x) is not FrozenDict:
            return False
        d = x._d
        if "fromID" in d or "toID" in d:
            return False
        some = some or bool(d)
    return some


def _items(data: FrozenDict) -> Any:
    """The items of a data mapping, fast (a FrozenDict's own dict)."""
    return data._d.items() if type(data) is FrozenDict else data.items()


def _default(value: Any) -> Any:
    if isinstance(value, FrozenDict):
        return value._d
    raise TypeError(f"{type(value).__name__} is not JSON")  # pragma: no cover - data is always JSON-like


# One C encoder, made once (json.dumps makes one per call), that writes
# frozen data as it is: FrozenDict as its dict, tuples as arrays.
_c_encode = c_make_encoder(None, _default, encode_basestring, None, ": ", ", ", False, False, True)


def _encode(value: Any) -> str:
    return "".join(_c_encode(value, 0))


def dumps(m: ArgumentMap) -> str:
    """*m* as an AIF JSON document: one node or edge per line, fixed order
    (claims, relations, kept nodes; then the edges), byte-identical for
    equal maps."""
    with paused():
        return _dumps(m)


def _dumps(m: ArgumentMap) -> str:
    doc = _document(m, _same)
    return _object_text(doc, "", "AIF" in doc) + "\n"


def _object_text(d: Any, pad: str, wrapper: bool) -> str:
    """An object, one field a line, and ``nodes`` and ``edges`` one item a
    line; in an xAIF *wrapper*, the same for its objects that have nodes or
    edges (``AIF`` and ``OVA``)."""
    inner = pad + "  "
    parts = []
    for k, v in _items(d) if isinstance(d, FrozenDict) else d.items():
        if k in ("nodes", "edges") and type(v) in (list, tuple) and v:
            body = ",\n".join([inner + "  " + _encode(x) for x in v])
            parts.append(f"{inner}{_encode(k)}: [\n{body}\n{inner}]")
        elif wrapper and isinstance(v, (dict, FrozenDict)) and ("nodes" in v or "edges" in v):
            parts.append(f"{inner}{_encode(k)}: {_object_text(v, inner, False)}")
        else:
            parts.append(f"{inner}{_encode(k)}: {_encode(v)}")
    if not parts:
        return "{}"
    return "{\n" + ",\n".join(parts) + "\n" + pad + "}"
