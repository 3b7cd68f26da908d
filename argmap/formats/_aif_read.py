"""Reading AIF (see :mod:`argmap.formats.aif`): a document becomes a map in
named passes, each a function:

1. :func:`_decode`: the document's ``nodes`` and ``edges`` arrays (an xAIF
   wrapper is unwrapped first, by :func:`_read_wrapper`);
2. :func:`_index_nodes`: each node's id and type, ids unique;
3. :func:`_index_edges`: each edge's two ends, sorted into the premises of an
   RA/CA node, its conclusions, and the rest;
4. :func:`_unplaced`: the RA/CA nodes that cannot be relations (no premise,
   not one conclusion, a premise that is also the conclusion, concluding in
   such a node), kept as data with a warning;
5. :func:`_claims_and_relations`: an I-node becomes a claim, a placed RA/CA
   node a relation (its premises linked, its target a claim or, for an
   undercut, a relation), in node order;
6. :func:`_map_data`: the map's title, source and data (the other
   top-level fields, the kept nodes and edges, the xAIF wrapper's fields).

It also holds what the writer shares: the node types, the xAIF key and the
edge ids both make.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable
from typing import Any, NamedTuple

from argmap.errors import FormatError, LossyConversionWarning
from argmap.formats._common import fast_frozen, freeze_at, frozen_parsed, type_name
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
    xAIF document *doc* is the ``"AIF"`` of, frozen, if it is one.

    *clean* says that the strict JSON parser read *doc* (no value needs a
    check), *owned* that its dicts may be taken apart; *stacklevel* is the
    warning's, counted from here."""
    if wrapper is None and type(doc) is dict and "AIF" in doc and "nodes" not in doc:
        return _read_wrapper(doc, clean=clean, owned=owned, stacklevel=stacklevel + 1)
    nodes, edges = _decode(doc)
    index, keys, types = _index_nodes(nodes)
    graph = _index_edges(edges, index, keys, types)
    unplaced = _unplaced(graph, keys, types, stacklevel=stacklevel + 1)
    claims, relations, kept_nodes = _claims_and_relations(
        nodes, edges, keys, types, graph, unplaced, clean=clean, owned=owned
    )
    title, source, fields = _map_data(doc, nodes, edges, kept_nodes, graph.other_edges, wrapper)
    data = FrozenDict._adopt(fields) if fields else EMPTY  # (its values frozen: not walked again)
    return ArgumentMap(claims, relations, title=title, source=source, data=data)


def _decode(doc: Any) -> tuple[list[Any], list[Any]]:
    """Pass 1: the ``nodes`` and ``edges`` arrays of *doc*, or a FormatError
    saying what is wrong with its shape."""
    if type(doc) is not dict:
        raise FormatError(f"expected an AIF document (an object with nodes and edges), got {type_name(doc)}", where="$")
    if "AIF" in doc and "nodes" in doc:
        raise FormatError(
            'the document has both top-level "nodes" and an "AIF" object: it is neither plain AIF nor an xAIF (OVA) '
            'document, whose AIF is all inside "AIF"',
            where="AIF",
        )
    for field in ("nodes", "edges"):
        if field not in doc:
            raise FormatError("missing required field", where=field)
        if type(doc[field]) is not list:
            raise FormatError(f"expected an array, got {type_name(doc[field])}", where=field)
    return doc["nodes"], doc["edges"]


def _index_nodes(nodes: list[Any]) -> tuple[dict[str, int], list[str], list[str]]:
    """Pass 2: each node's position by id, and its id (a number made a
    string) and type by position; a FormatError for a node that is not an
    object, a missing or repeated id, or a type that is not AIF's."""
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
    return index, keys, types


class _Graph(NamedTuple):
    """The edges, indexed (pass 3): ``e_from[j]`` and ``e_to[j]`` are the
    node positions of edge *j*'s ends; ``premises_of[s]`` and
    ``conclusions_of[s]`` the edges into and out of RA/CA node *s*; and
    ``other_edges`` every other edge (any that touches MA, PA, L, YA, TA)."""

    e_from: list[int]
    e_to: list[int]
    premises_of: dict[int, list[int]]
    conclusions_of: dict[int, list[int]]
    other_edges: list[int]


def _index_edges(edges: list[Any], index: dict[str, int], keys: list[str], types: list[str]) -> _Graph:
    """Pass 3: the edges sorted into premises (I -> RA/CA), conclusions
    (RA/CA -> I/RA/CA) and the rest; a FormatError for an edge that is not
    an object, whose end is missing, or that joins two I-nodes."""
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
    return _Graph(e_from, e_to, premises_of, conclusions_of, other_edges)


def _unplaced(graph: _Graph, keys: list[str], types: list[str], *, stacklevel: int) -> dict[int, str]:
    """Pass 4: the RA/CA nodes that cannot be relations, each with the
    reason, and every one that concludes in such a node.  Their edges move
    to ``graph.other_edges`` (kept as data), and a LossyConversionWarning
    names them."""
    e_from, e_to, premises_of, conclusions_of, other_edges = graph
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
    return unplaced


def _claims_and_relations(
    nodes: list[Any],
    edges: list[Any],
    keys: list[str],
    types: list[str],
    graph: _Graph,
    unplaced: dict[int, str],
    *,
    clean: bool,
    owned: bool,
) -> tuple[list[Claim], list[Relation], list[int]]:
    """Pass 5, in node order (so that the first bad node is the one
    reported): each I-node's claim, each placed RA/CA node's relation, and
    the positions of the nodes kept as data."""
    e_from, e_to, premises_of, conclusions_of, _ = graph
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
    return claims, relations, kept_nodes


def _map_data(
    doc: dict[str, Any],
    nodes: list[Any],
    edges: list[Any],
    kept_nodes: list[int],
    other_edges: list[int],
    wrapper: dict[str, Any] | None,
    *,
    parsed: bool = False,
) -> tuple[str | None, Source | None, dict[str, Any]]:
    """Pass 6: the map's title, source and data: argmap's own field, the
    document's other fields, the kept nodes and edges, and an xAIF
    wrapper's fields (its plain ``text`` as the source when there is none).
    *parsed* says that the values are json.loads's, owned, with nothing to
    refuse in them (see :func:`argmap.formats._common.frozen_parsed`)."""
    freeze_value = frozen_parsed if parsed else freeze_at
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
        data[k] = freeze_value(v, k)
    if kept_nodes or other_edges:
        for field, items in (("nodes", [nodes[i] for i in kept_nodes]), ("edges", [edges[j] for j in other_edges])):
            if items and field in data:
                raise FormatError("a field argmap keeps AIF nodes and edges in", where=f"argmap.data.{field}")
            if items:
                data[field] = freeze_value(items, field)
    if wrapper is not None:
        if XAIF in data:
            raise FormatError(
                "is also the field argmap keeps the xAIF document's other fields in", where=f"argmap.data.{XAIF}"
            )
        if source is None and _plain_text(wrapper.get("text")):
            source = Source(wrapper.pop("text"))
        data[XAIF] = freeze_at(wrapper, XAIF)
    return title, source, data


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
