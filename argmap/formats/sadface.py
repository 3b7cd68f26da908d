"""SADFace JSON, the Simple Argument Description Format.

A SADFace document has ``metadata`` (a ``core`` block and named blocks),
``resources`` (the texts that were analysed), ``nodes`` and ``edges``.  How
argmap reads it:

- an ``atom`` node is a claim; its first ``sources`` entry, when it points
  into the document's text resource, is the claim's quote (``offset`` and
  ``length`` give the span);
- a ``scheme`` node is a relation: the atoms with edges into it are its
  premises, the node it points to is its target (a scheme target makes it an
  undercut).  Its ``name`` says what it does: ``support`` or ``attack``
  (also ``conflict``, and argmap's other kinds), or a scheme name, in which
  case the node's ``argmap`` metadata (or the node type ``inference`` /
  ``conflict`` that the ``sadface`` package writes) gives the kind;
- the first text resource is the map's :class:`~argmap.model.Source`;
- everything else (the core metadata, other metadata blocks, other fields,
  edge ids that argmap did not make) is kept in ``data``.

SADFace ids are UUIDs.  argmap writes a claim or relation whose id is not a
UUID under a UUID made from its id (the same every time) and keeps its own id
in the node's ``argmap`` metadata block, beside its tags, scores and data, so
that reading the document back gives an equal map.  Every node and edge id of
a document argmap writes is unique, whatever the map's ids: a made UUID that
another claim already has as its id is made again from the id and a counter
(``c1#1``), an edge id made from its two ends avoids the node ids the same
way, and edge ids kept from a read document are written back only while no
other id of the document has them (otherwise they go to the relation's
``argmap`` block).  Output passes the ``sadface`` package's ``verify``.

Nothing is guessed: an unknown node type, a scheme name that does not say
whether it supports or attacks, an edge to a missing node, or a scheme
without premises or with other than one conclusion is a
:class:`~argmap.errors.FormatError` naming the field.

>>> from argmap import MapBuilder
>>> b = MapBuilder()
>>> t = b.claim("Tea is better", id="t")
>>> _ = b.attack(t, "Coffee is stronger")
>>> doc = to_data(b.build())
>>> [(n["type"], n.get("text") or n["name"]) for n in doc["nodes"]]
[('atom', 'Tea is better'), ('atom', 'Coffee is stronger'), ('scheme', 'attack')]
>>> loads(dumps(b.build())) == b.build()
True
"""

from __future__ import annotations

import json
from typing import Any

from argmap.errors import FormatError
from argmap.formats._common import freeze_at, parse_json, type_name
from argmap.formats._sadface_write import (
    _NAMES,
    _TYPE_KIND,
    VERSION,
    _default_core,
    _edge_id,
    _is_source,
    to_data,
    uuid_for,
)
from argmap.model import EMPTY, ArgumentMap, Claim, Quote, Relation, Source

__all__ = ["VERSION", "dumps", "from_data", "loads", "to_data", "uuid_for"]

# The writer, and the ids argmap makes for nodes and edges, are in
# argmap.formats._sadface_write.

_NODE_TYPES = ("atom", "scheme", "inference", "conflict")
_EXT_KEYS = {"id", "tags", "base_score", "data", "kind", "scheme", "quote"}


# --------------------------------------------------------------------------
# Reading


def loads(text: str | bytes) -> ArgumentMap:
    """Read a SADFace JSON document (ParseError, FormatError or
    ValidationError on bad input, each naming the place)."""
    doc, _ = parse_json(text)
    return from_data(doc)


def _obj(value: Any, where: str) -> dict[str, Any]:
    if type(value) is not dict:
        raise FormatError(f"expected an object, got {type_name(value)}", where=where)
    return value


def _str(value: Any, where: str) -> str:
    if type(value) is not str:
        raise FormatError(f"expected a string, got {type_name(value)}", where=where)
    return value


def _list(value: Any, where: str) -> list[Any]:
    if type(value) is not list:
        raise FormatError(f"expected an array, got {type_name(value)}", where=where)
    return value


def _ext(node: dict[str, Any], where: str, keys: set[str]) -> dict[str, Any]:
    md = node.get("metadata")
    if type(md) is not dict or "argmap" not in md:
        return {}
    ext = _obj(md["argmap"], f"{where}.metadata.argmap")
    for k in ext:
        if k not in keys:
            raise FormatError(
                f"unknown field; expected one of {', '.join(sorted(keys))}", where=f"{where}.metadata.argmap.{k}"
            )
    return ext


def _rest_metadata(node: dict[str, Any], where: str) -> dict[str, Any] | None:
    """The node's metadata without argmap's block, or None when it is the
    empty ``{"core": {}}`` that argmap writes."""
    if "metadata" not in node:
        return None
    md = _obj(node["metadata"], f"{where}.metadata")
    rest = {k: v for k, v in md.items() if k != "argmap"}
    return None if rest == {"core": {}} else rest


def _merge(data: dict[str, Any], ext: dict[str, Any], where: str) -> Any:
    more = ext.get("data")
    if more is not None:
        _obj(more, f"{where}.metadata.argmap.data")
        for k, v in more.items():
            if k in data:
                raise FormatError("is also a field of the node", where=f"{where}.metadata.argmap.data.{k}")
            data[k] = v
    return freeze_at(data, where) if data else EMPTY


def _score(ext: dict[str, Any], where: str) -> Any:
    v = ext.get("base_score")
    if v is not None and type(v) not in (int, float):
        raise FormatError(f"expected a number, got {type_name(v)}", where=f"{where}.metadata.argmap.base_score")
    return v


def from_data(doc: Any) -> ArgumentMap:
    """Build a map from a SADFace document already parsed (not modified)."""
    doc = _obj(doc, "$")
    for field in ("nodes", "edges"):
        if field not in doc:
            raise FormatError("missing required field", where=field)
        _list(doc[field], field)
    data: dict[str, Any] = {}
    title = None
    map_ext: dict[str, Any] = {}
    if "metadata" in doc:
        md = _obj(doc["metadata"], "metadata")
        if "argmap" in md:
            map_ext = _obj(md["argmap"], "metadata.argmap")
            for k in map_ext:
                if k not in ("title", "data"):
                    raise FormatError("unknown field; expected one of data, title", where=f"metadata.argmap.{k}")
            if map_ext.get("title") is not None:
                title = _str(map_ext["title"], "metadata.argmap.title")
        core = md.get("core")
        if "title" not in map_ext and type(core) is dict and type(core.get("title")) is str:
            title = core["title"]
        rest = {k: v for k, v in md.items() if k != "argmap"}
        if rest != {"core": _default_core(title)}:
            data["metadata"] = rest

    # The source: the first text resource, when it has the shape argmap writes.
    source = None
    source_id = None
    resources = _list(doc.get("resources", []), "resources")
    if resources:
        r0 = resources[0]
        if type(r0) is dict and _is_source(r0):
            meta = r0["metadata"]["core"]
            source = Source(r0["content"], title=meta.get("title"), url=meta.get("url"))
            source_id = r0["id"]
            if source_id != uuid_for("source"):
                data["source_id"] = source_id
            resources = resources[1:]
        if resources:
            data["resources"] = resources
    for k, v in doc.items():
        if k not in ("metadata", "resources", "nodes", "edges"):
            data[k] = v
    if map_ext.get("data") is not None:
        for k, v in _obj(map_ext["data"], "metadata.argmap.data").items():
            if k in data:
                raise FormatError("is also a field argmap keeps SADFace data in", where=f"metadata.argmap.data.{k}")
            data[k] = v

    nodes: list[Any] = doc["nodes"]
    edges: list[Any] = doc["edges"]
    index: dict[str, int] = {}
    types: list[str] = []
    for i, raw_node in enumerate(nodes):
        n = _obj(raw_node, f"nodes[{i}]")
        if "id" not in n:
            raise FormatError("missing required field", where=f"nodes[{i}].id")
        nid = _str(n["id"], f"nodes[{i}].id")
        if nid in index:
            raise FormatError(
                f"node id {nid!r} is used more than once (first by nodes[{index[nid]}])", where=f"nodes[{i}].id"
            )
        index[nid] = i
        t = n.get("type")
        if t not in _NODE_TYPES:
            if "type" not in n:
                raise FormatError("missing required field", where=f"nodes[{i}].type")
            _str(t, f"nodes[{i}].type")
            raise FormatError(
                f"unknown node type {t!r}; SADFace node types are atom and scheme", where=f"nodes[{i}].type"
            )
        types.append("atom" if t == "atom" else "scheme")
    premises_of: dict[int, list[int]] = {}
    conclusions_of: dict[int, list[int]] = {}
    ends: list[tuple[int, int]] = []
    for j, raw_edge in enumerate(edges):
        e = _obj(raw_edge, f"edges[{j}]")
        pair = []
        for field in ("source_id", "target_id"):
            if field not in e:
                raise FormatError("missing required field", where=f"edges[{j}].{field}")
            v = _str(e[field], f"edges[{j}].{field}")
            if v not in index:
                raise FormatError(f"no node has the id {v!r}", where=f"edges[{j}].{field}")
            pair.append(index[v])
        f, t = pair
        ends.append((f, t))
        if types[f] == "atom":
            if types[t] == "atom":
                raise FormatError(
                    "an edge from an atom straight to an atom; atoms are linked through scheme nodes",
                    where=f"edges[{j}]",
                )
            premises_of.setdefault(t, []).append(j)
        else:
            conclusions_of.setdefault(f, []).append(j)

    ids: dict[int, str] = {}
    for i, n in enumerate(nodes):
        ext = _ext(n, f"nodes[{i}]", _EXT_KEYS)
        ids[i] = _str(ext["id"], f"nodes[{i}].metadata.argmap.id") if "id" in ext else n["id"]
    claims: list[Claim] = []
    relations: list[Relation] = []
    for i, n in enumerate(nodes):
        where = f"nodes[{i}]"
        ext = _ext(n, where, _EXT_KEYS)
        d: dict[str, Any] = {}
        node_md = _rest_metadata(n, where)
        if node_md is not None:
            d["metadata"] = node_md
        if types[i] == "atom":
            text = _str(n.get("text"), f"{where}.text") if "text" in n else None
            if text is None:
                raise FormatError("missing required field", where=f"{where}.text")
            quote = None
            sources = _list(n.get("sources", []), f"{where}.sources")
            if sources and source is not None and _is_quote(sources[0], source_id, source.text):
                s0 = sources[0]
                start = s0.get("offset")
                quote = Quote(s0["text"], start, None if start is None else start + s0["length"])
                sources = sources[1:]
            elif "quote" in ext:
                q = _obj(ext["quote"], f"{where}.metadata.argmap.quote")
                if type(q.get("text")) is not str or any(
                    type(q.get(f)) not in (int, type(None)) for f in ("start", "end")
                ):
                    raise FormatError("expected text, start and end", where=f"{where}.metadata.argmap.quote")
                quote = Quote(q["text"], q.get("start"), q.get("end"))
            if sources:
                d["sources"] = sources
            for k, v in n.items():
                if k not in ("id", "type", "text", "sources", "metadata"):
                    d[k] = v
            tags = ext.get("tags", [])
            _list(tags, f"{where}.metadata.argmap.tags")
            for t, tag in enumerate(tags):
                _str(tag, f"{where}.metadata.argmap.tags[{t}]")
            claims.append(
                Claim(
                    ids[i],
                    text,
                    quote=quote,
                    tags=tuple(tags),
                    data=_merge(d, ext, where),
                    base_score=_score(ext, where),
                )
            )
            continue
        ps = premises_of.get(i, [])
        cs = conclusions_of.get(i, [])
        if not ps:
            raise FormatError(f"scheme node {n['id']!r} has no premise (no edge from an atom into it)", where=where)
        if len(cs) != 1:
            what = "no conclusion" if not cs else f"{len(cs)} conclusions (edges[{cs[0]}], edges[{cs[1]}], ...)"
            raise FormatError(f"scheme node {n['id']!r} has {what}", where=where)
        name = n.get("name")
        kind = None
        if "kind" in ext:
            k = ext["kind"]
            if type(k) is not str or k not in _NAMES or k == "conflict":
                raise FormatError(f"unknown relation kind {k!r}", where=f"{where}.metadata.argmap.kind")
            kind = _NAMES[k]
        elif type(name) is str and name in _NAMES:
            kind = _NAMES[name]
        elif n["type"] in _TYPE_KIND:
            kind = _TYPE_KIND[n["type"]]
        else:
            raise FormatError(
                f"scheme {name!r} does not say whether it supports or attacks: name it 'support' or 'attack', "
                "or give the kind in the node's argmap metadata",
                where=f"{where}.name",
            )
        if "scheme" in ext:
            scheme = ext["scheme"]
            if scheme is not None:
                _str(scheme, f"{where}.metadata.argmap.scheme")
        elif type(name) is str and name not in _NAMES:
            scheme = name
        else:
            scheme = None
        if name != (scheme if scheme is not None else kind.value):
            d["name"] = name
        if n["type"] != "scheme":
            d["type"] = n["type"]
        for k, v in n.items():
            if k not in ("id", "type", "name", "metadata"):
                d[k] = v
        premise_ids = tuple(ids[ends[j][0]] for j in ps)
        target = ids[ends[cs[0]][1]]
        edge_ids = [edges[j].get("id") for j in (*ps, cs[0])]
        derived = [_edge_id(nodes[ends[j][0]]["id"], nodes[ends[j][1]]["id"], index) for j in (*ps, cs[0])]
        if edge_ids != derived:
            d["edge_ids"] = edge_ids
        extra_edge_fields = [
            {k: v for k, v in edges[j].items() if k not in ("id", "source_id", "target_id")} for j in (*ps, cs[0])
        ]
        if any(extra_edge_fields):
            d["edge_fields"] = extra_edge_fields
        relations.append(
            Relation(
                ids[i],
                kind,
                premise_ids,
                target,
                scheme=scheme,
                data=_merge(d, ext, where),
                base_score=_score(ext, where),
            )
        )
    return ArgumentMap(claims, relations, title=title, source=source, data=freeze_at(data, "$") if data else EMPTY)


def _is_quote(s: Any, resource_id: Any, text: str) -> bool:
    """Whether atom source *s* is a quote argmap can hold: exact text of the
    resource, at its offset when it has one."""
    if type(s) is not dict or s.get("resource_id") != resource_id or type(s.get("text")) is not str or not s["text"]:
        return False
    if set(s) == {"resource_id", "text"}:
        return s["text"] in text
    if set(s) != {"resource_id", "text", "offset", "length"}:
        return False
    off, length = s["offset"], s["length"]
    return type(off) is int and type(length) is int and off >= 0 and text[off : off + length] == s["text"]


# --------------------------------------------------------------------------
# Writing


_encode = json.JSONEncoder(ensure_ascii=False, indent=None).encode


def dumps(m: ArgumentMap) -> str:
    """*m* as a SADFace JSON document (one node or edge per line; the same
    text for equal maps)."""
    doc = to_data(m)
    parts = ["{"]
    items = list(doc.items())
    for n, (k, v) in enumerate(items):
        comma = "," if n < len(items) - 1 else ""
        if k in ("nodes", "edges", "resources") and v:
            body = ",\n".join(["    " + _encode(x) for x in v])
            parts.append(f"  {_encode(k)}: [\n{body}\n  ]{comma}")
        else:
            parts.append(f"  {_encode(k)}: {_encode(v)}{comma}")
    parts.append("}\n")
    return "\n".join(parts)
