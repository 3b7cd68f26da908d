"""Writing AIF (see :mod:`argmap.formats.aif`): a map as an AIF document,
one node or edge a line, the same text for equal maps."""

from __future__ import annotations

from collections.abc import Callable

# c_make_encoder is CPython's C JSON encoder, which typeshed does not declare.
from json.encoder import c_make_encoder, encode_basestring  # type: ignore[attr-defined]
from typing import Any

from argmap._data import _WithEdges
from argmap.formats._aif_read import _TYPES, XAIF, _edge_id, _plain_text
from argmap.model import ArgumentMap, Claim, FrozenDict, Kind, Relation, bad_char, thaw


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
                # A FrozenDict's own dict, read directly (going through Mapping is
                # large work), or the dict the reader left (see _relation_node).
                x = extra._d if type(extra) is FrozenDict else extra
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
    data = r.data
    fields = data._fields if type(data) is _WithEdges else None
    if fields is not None:
        # The AIF reader's, not made yet: its node's fields, and its edges'
        # as the reader left them (what _edge_extras_ok would accept).
        items: Any = fields.items()
        edge_extras = data._edges()  # type: ignore[attr-defined]
    else:
        items = _items(data)
    for k, v in items:
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
    """The items of a data mapping, fast (a FrozenDict's own dict).

    (:func:`_relation_node` writes the data the AIF reader leaves a
    relation, not made yet, as it is, its edges' fields the dicts the reader
    read: written once, they need not be made into FrozenDicts.)"""
    return data._d.items() if type(data) is FrozenDict or type(data) is _WithEdges else data.items()


def _default(value: Any) -> Any:
    if isinstance(value, FrozenDict):
        return value._d
    raise TypeError(f"{type(value).__name__} is not JSON")  # pragma: no cover - data is always JSON-like


# One C encoder, made once (json.dumps makes one per call), that writes
# frozen data as it is: FrozenDict as its dict, tuples as arrays.
_c_encode = c_make_encoder(None, _default, encode_basestring, None, ": ", ", ", False, False, True)


def _encode(value: Any) -> str:
    return "".join(_c_encode(value, 0))


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
