"""Writing SADFace (see :mod:`argmap.formats.sadface`), and the ids argmap
gives SADFace nodes and edges, which the reader checks against."""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Mapping
from typing import Any

from argmap.model import ArgumentMap, Claim, Kind, Relation, thaw

#: The SADFace version argmap writes.
VERSION = "0.5"

_NAMES = {k.value: k for k in Kind} | {"conflict": Kind.ATTACK}
_TYPE_KIND = {"inference": Kind.SUPPORT, "conflict": Kind.ATTACK}
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z")


def uuid_for(name: str) -> str:
    """The UUID (version 4 in form, derived from *name*, so always the same)
    that argmap writes for an id that is not a UUID.

    >>> uuid_for("c1")
    '...-...-4...'
    """
    # ("surrogatepass": a lone surrogate, which the model then refuses, must not stop the reader here)
    return str(uuid.UUID(bytes=hashlib.md5(("argmap:" + name).encode("utf-8", "surrogatepass")).digest(), version=4))


# An id that looks like the key an edge id is made from ("<uuid>><uuid>").
_EDGE_KEY = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}>[0-9a-f-]{36}\Z")


def _node_ids(m: ArgumentMap) -> dict[str, str]:
    """The SADFace node id of each claim and relation of *m*, all different:
    a UUID id is its own; any other id gets ``uuid_for(id)``, or, when that
    is taken (by a UUID id of the map) or could be an edge's (an id of the
    form ``<uuid>><uuid>``), ``uuid_for("id#1")``, ``uuid_for("id#2")`` ...
    (the first free one, in map order)."""
    idents = [c.id for c in m.claims] + [r.id for r in m.relations]
    taken = {i for i in idents if _UUID.match(i)}
    out: dict[str, str] = {}
    for ident in idents:
        if _UUID.match(ident):
            out[ident] = ident
            continue
        nid = None if _EDGE_KEY.match(ident) else uuid_for(ident)
        n = 0
        while nid is None or nid in taken:
            n += 1
            nid = uuid_for(f"{ident}#{n}")
        taken.add(nid)
        out[ident] = nid
    return out


def _edge_id(source: str, target: str, node_ids: set[str] | dict[str, Any]) -> str:
    """The id argmap makes for the edge from node *source* to node *target*:
    ``uuid_for("source>target")``, or when a node has that id,
    ``uuid_for("source>target#1")`` ... (the reader makes the same)."""
    key = f"{source}>{target}"
    eid = uuid_for(key)
    n = 0
    while eid in node_ids:
        n += 1
        eid = uuid_for(f"{key}#{n}")
    return eid


def _default_core(title: str | None) -> dict[str, str]:
    return {
        "analyst_email": "",
        "analyst_name": "",
        "created": "",
        "edited": "",
        "id": uuid_for("map:" + (title or "")),
        "version": VERSION,
    }


def _is_source(r: dict[str, Any]) -> bool:
    """Whether resource *r* is one that argmap writes for a map's Source
    (the reader takes it as the source, the writer keeps any other)."""
    if set(r) != {"id", "content", "type", "metadata"} or r["type"] != "text":
        return False
    if type(r["id"]) is not str or type(r["content"]) is not str or type(r["metadata"]) is not dict:
        return False
    if set(r["metadata"]) != {"core"} or type(r["metadata"]["core"]) is not dict:
        return False
    core = r["metadata"]["core"]
    return set(core) <= {"title", "url"} and all(type(v) is str for v in core.values())


# --------------------------------------------------------------------------
# Writing


def to_data(m: ArgumentMap) -> dict[str, Any]:
    """*m* as a SADFace document in plain data (dicts and lists)."""
    mdata = dict(m.data)
    ext_data: dict[str, Any] = {}

    def take(key: str, ok: Any) -> Any:
        if key not in mdata:
            return None
        v = mdata.pop(key)
        if ok(v):
            return thaw(v)
        ext_data[key] = thaw(v)
        return None

    metadata = take(
        "metadata", lambda v: isinstance(v, Mapping) and isinstance(v.get("core"), Mapping) and "argmap" not in v
    )
    if metadata is None:
        metadata = {"core": _default_core(m.title)}
    elif metadata == {"core": _default_core(m.title)}:
        ext_data["metadata"] = metadata
        metadata = {"core": _default_core(m.title)}
    source_id = take("source_id", lambda v: m.source is not None and type(v) is str and v != uuid_for("source"))
    resources_kept = take(
        "resources", lambda v: type(v) is tuple and len(v) > 0 and all(isinstance(r, Mapping) for r in v)
    )
    for k in list(mdata):
        if k in ("nodes", "edges", "argmap"):
            ext_data[k] = thaw(mdata.pop(k))
    resources: list[Any] = []
    if m.source is not None:
        core = {}
        if m.source.title is not None:
            core["title"] = m.source.title
        if m.source.url is not None:
            core["url"] = m.source.url
        source_id = source_id or uuid_for("source")
        resources.append({"id": source_id, "content": m.source.text, "type": "text", "metadata": {"core": core}})
    if resources_kept:
        if m.source is None and _is_source(resources_kept[0]):
            ext_data["resources"] = resources_kept
        else:
            resources.extend(resources_kept)
    node_id = _node_ids(m)
    nodes = [_atom(c, node_id[c.id], source_id) for c in m.claims]
    edges: list[dict[str, Any]] = []
    node_set = set(node_id.values())
    kept = _kept_edge_ids(m, node_id, node_set)
    for r in m.relations:
        node, edge_ids, edge_fields = _scheme(r, node_id[r.id], kept.get(r.id))
        nodes.append(node)
        ends = [(node_id[p], node_id[r.id]) for p in r.premises] + [(node_id[r.id], node_id[r.target])]
        for e, (a, b) in enumerate(ends):
            edge = {"id": edge_ids[e] if edge_ids else _edge_id(a, b, node_set), "source_id": a, "target_id": b}
            if edge_fields:
                edge.update(edge_fields[e])
            edges.append(edge)
    ext: dict[str, Any] = {}
    core = metadata.get("core")
    if m.title is not None or (isinstance(core, dict) and "title" in core):
        ext["title"] = m.title
    if ext_data:
        ext["data"] = ext_data
    metadata["argmap"] = ext
    doc: dict[str, Any] = {"metadata": metadata}
    doc["resources"] = resources
    doc["nodes"] = nodes
    doc["edges"] = edges
    for k, v in mdata.items():
        doc[k] = thaw(v)
    return doc


def _node_metadata(data: dict[str, Any], ext_data: dict[str, Any], ext: dict[str, Any]) -> dict[str, Any]:
    md = data.pop("metadata", None)
    if md is not None:
        if (
            isinstance(md, Mapping)
            and isinstance(md.get("core"), Mapping)
            and "argmap" not in md
            and thaw(md) != {"core": {}}
        ):
            md = thaw(md)
        else:
            ext_data["metadata"] = thaw(md)
            md = None
    md = md or {"core": {}}
    if ext_data:
        ext["data"] = ext_data
    if ext:
        md["argmap"] = ext
    return md


def _atom(c: Claim, nid: str, source_id: str | None) -> dict[str, Any]:
    data = dict(c.data)
    ext: dict[str, Any] = {}
    ext_data: dict[str, Any] = {}
    if nid != c.id:
        ext["id"] = c.id
    sources: list[Any] = []
    q: dict[str, Any]
    if c.quote is not None and source_id is not None:
        q = {"resource_id": source_id, "text": c.quote.text}
        if c.quote.start is not None and c.quote.end is not None:  # (the model sets both or neither)
            q["offset"] = c.quote.start
            q["length"] = c.quote.end - c.quote.start
        sources.append(q)
    elif c.quote is not None:  # a quote without a source: only argmap's block can hold it
        q = {"text": c.quote.text}
        if c.quote.start is not None:
            q["start"], q["end"] = c.quote.start, c.quote.end
        ext["quote"] = q
    if "sources" in data:
        v = data.pop("sources")
        if sources and "offset" in sources[0] and type(v) is tuple and v:
            sources.extend(thaw(v))
        else:
            ext_data["sources"] = thaw(v)
    node: dict[str, Any] = {"id": nid, "type": "atom", "text": c.text, "sources": sources}
    for k in list(data):
        if k in ("id", "type", "text", "name", "argmap", "metadata"):
            continue
        node[k] = thaw(data.pop(k))
    for k in list(data):
        if k != "metadata":
            ext_data[k] = thaw(data.pop(k))
    if c.tags:
        ext["tags"] = list(c.tags)
    if c.base_score is not None:
        ext["base_score"] = c.base_score
    node["metadata"] = _node_metadata(data, ext_data, ext)
    return node


def _edge_ends(r: Relation, node_id: dict[str, str]) -> list[tuple[str, str]]:
    rid = node_id[r.id]
    return [(node_id[p], rid) for p in r.premises] + [(rid, node_id[r.target])]


def _kept_edge_ids(m: ArgumentMap, node_id: dict[str, str], nodes: set[str]) -> dict[str, list[str]]:
    """The relations whose kept edge ids (``data["edge_ids"]``, from a read
    document) can be written back as they are, each with its list.

    A list is written back only if it is not the list argmap would make
    anyway (the reader would not keep it), and its ids differ from each
    other, from every node id (*nodes*), from the ids of every other kept
    list and from every edge id argmap makes for the relations that do not
    keep theirs; the others go to their relation's ``argmap`` block.
    Giving up one list makes edge ids that may clash with another, so this
    runs to a fixed point (each relation is given up at most once)."""
    lists: dict[str, tuple[str, ...]] = {}
    owners: dict[str, list[str]] = {}
    for r in m.relations:
        v = r.data.get("edge_ids")
        if (
            type(v) is tuple
            and len(v) == len(r.premises) + 1
            and all(type(x) is str for x in v)
            and list(v) != [_edge_id(a, b, nodes) for a, b in _edge_ends(r, node_id)]
        ):
            lists[r.id] = v
            for x in v:
                owners.setdefault(x, []).append(r.id)
    given_up: list[str] = []
    for rid, v in lists.items():
        if len(set(v)) != len(v) or any(x in nodes or len(owners[x]) > 1 for x in v):
            given_up.append(rid)
    dropped: set[str] = set(given_up)
    relations = {r.id: r for r in m.relations}
    # Relations without a list make their edge ids; each gives up the lists holding one of them.
    todo = [r.id for r in m.relations if r.id not in lists] + given_up
    while todo:
        rid = todo.pop()
        for a, b in _edge_ends(relations[rid], node_id):
            for owner in owners.get(_edge_id(a, b, nodes), ()):
                if owner not in dropped:
                    dropped.add(owner)
                    todo.append(owner)
    return {rid: list(v) for rid, v in lists.items() if rid not in dropped}


def _scheme(r: Relation, nid: str, kept_ids: list[str] | None) -> tuple[dict[str, Any], Any, Any]:
    data = dict(r.data)
    ext: dict[str, Any] = {}
    ext_data: dict[str, Any] = {}
    if nid != r.id:
        ext["id"] = r.id
    n_edges = len(r.premises) + 1
    edge_ids = None
    edge_fields = None
    if "edge_ids" in data:
        v = data.pop("edge_ids")
        if kept_ids is not None:
            edge_ids = kept_ids
        else:
            ext_data["edge_ids"] = thaw(v)
    if "edge_fields" in data:
        v = data.pop("edge_fields")
        if (
            type(v) is tuple
            and len(v) == n_edges
            and any(v)
            and all(isinstance(x, Mapping) and not ({"id", "source_id", "target_id"} & set(x)) for x in v)
        ):
            edge_fields = thaw(v)
        else:
            ext_data["edge_fields"] = thaw(v)
    # Name and type, and what a reader would make of them: argmap's block
    # says the kind and the scheme wherever they would be read otherwise.
    expected = r.scheme if r.scheme is not None else r.kind.value
    name: Any = expected
    if "name" in data:
        v = thaw(data.pop("name"))
        if v != expected:
            name = v
        else:
            ext_data["name"] = v
    ntype = "scheme"
    if "type" in data:
        v = thaw(data.pop("type"))
        if type(v) is str and v in _TYPE_KIND:
            ntype = v
        else:
            ext_data["type"] = v
    named = type(name) is str and name in _NAMES
    if (_NAMES[name] if named else _TYPE_KIND.get(ntype)) is not r.kind:
        ext["kind"] = r.kind.value
    if (name if type(name) is str and not named else None) != r.scheme:
        ext["scheme"] = r.scheme
    node: dict[str, Any] = {"id": nid, "type": ntype, "name": name}
    for k in list(data):
        if k in ("id", "metadata", "argmap", "source_id", "target_id"):
            continue
        node[k] = thaw(data.pop(k))
    for k in list(data):
        if k != "metadata":
            ext_data[k] = thaw(data.pop(k))
    if r.base_score is not None:
        ext["base_score"] = r.base_score
    node["metadata"] = _node_metadata(data, ext_data, ext)
    return node, edge_ids, edge_fields
