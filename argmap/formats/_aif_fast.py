"""The AIF reader's quick way through a document of the usual shape.

:mod:`argmap.formats._aif_read` reads AIF in named passes that check each
node and edge as they go, so that the first problem is the one reported.
Most documents have none: string ids, I, RA and CA nodes (and kept ones, such
as L, YA, TA), each RA/CA node with premises and one conclusion, fields of
plain values.  For those, this module does the same work in bulk:

1. :func:`read_text` parses with plain :func:`json.loads` (no hook a
   value; see :func:`argmap.formats._common.parse_json_plain`);
2. :func:`_quick` checks the document's shape over whole columns (every id,
   every type, every edge's ends) with C-level tools, and hands anything
   unusual, untouched, to the passes;
3. it then builds the claims and relations from the same dicts the passes
   would have used, and counts the strings it saw: as many as the text has
   literals means no key was repeated (the strict parser's error), so the
   map is the one the passes make.

A document the passes must read is read by them, on the same parsed value
when nothing was taken apart yet and the value is the strict parser's,
else after parsing the text again the strict way: same map, same errors,
same warnings.
"""

from __future__ import annotations

from collections import Counter
from itertools import chain
from typing import Any

from argmap._data import _WithEdges
from argmap._validation import _has_bad_char as has_bad_char
from argmap.formats._aif_read import _S_KIND, _TYPES, XAIF, _map_data, _read
from argmap.formats._common import decode, parse_json, parse_json_plain, tally
from argmap.model import ArgumentMap, Claim, FrozenDict, Relation, _new_claim, _new_relation, bad_char

__all__ = ["read_text"]

_set_data = object.__setattr__
_SCALARS = frozenset({str, int, float, bool, type(None)})
_NO_FIELDS: dict[str, Any] = {}  # (an edge without fields; never changed)


class _TakenApart(Exception):
    """The document turned out unusual after :func:`_quick` began to take
    its dicts apart: the passes read it again from the text."""


def read_text(text: str | bytes, *, stacklevel: int) -> ArgumentMap:
    """The map of AIF JSON *text* (as :func:`argmap.formats.aif.loads`);
    *stacklevel* is a warning's, counted from here."""
    decoded = decode(text)
    plain = parse_json_plain(decoded)
    if plain is not None:
        doc, literals, clean = plain
        del decoded  # not needed again unless the text is read again
        try:
            m = _quick(doc, literals) if clean else None
        except _TakenApart:
            pass
        else:
            if m is not None:
                return m
            counted = tally(doc)
            if counted is not None and counted[0] == literals:  # the strict parser's value
                return _read(doc, clean=clean, owned=True, stacklevel=stacklevel + 1)
        del doc
        decoded = decode(text)
    doc, clean = parse_json(decoded)
    del decoded
    return _read(doc, clean=clean, owned=True, stacklevel=stacklevel + 1)


def _quick(doc: Any, literals: int) -> ArgumentMap | None:
    """The map of *doc*, parsed by plain json.loads from a text of
    *literals* string literals free of lone surrogates; None, with *doc*
    untouched, when the passes must read it; :class:`_TakenApart` when that
    is found out after its dicts were taken apart."""
    if type(doc) is not dict or "AIF" in doc or XAIF in doc:
        return None
    nodes, edges = doc.get("nodes"), doc.get("edges")
    if type(nodes) is not list or type(edges) is not list:
        return None
    others = tally([v for k, v in doc.items() if k != "nodes" and k != "edges"])
    if others is None:
        return None
    try:
        claims, relations, kept_nodes, other_edges, index = _take_apart(nodes, edges, literals - len(doc) - others[0])
    except (KeyError, TypeError, AttributeError):  # a node or edge not an object, a field missing
        raise _TakenApart from None
    title, source, data = _map_data(doc, nodes, edges, kept_nodes, other_edges, None)
    if index is not None:
        # The reader has checked the items as the map would (the structure,
        # every id and text, schemes and data): the map checks its own fields.
        m = ArgumentMap._prechecked(claims, relations, index, title=title, source=source, data=data)
        if m is not None:
            return m
    return ArgumentMap(claims, relations, title=title, source=source, data=data)


def _take_apart(
    nodes: list[Any], edges: list[Any], literals: int
) -> tuple[list[Claim], list[Relation], list[int], list[int], dict[str, Claim | Relation] | None]:
    """:func:`_quick` once it takes the dicts apart: the passes of
    :mod:`argmap.formats._aif_read` fused into one loop over the nodes, one
    over the edges and one over the RA/CA nodes; *literals* is the number
    of strings the nodes and edges must hold.  The claims, the relations,
    the nodes and edges kept as data (the working lists go with this
    frame, before the map is built), and the map's index when every id and
    text is one the map's check lets through at once (else None)."""
    # Nodes: ids and classes (1 for I, 2 for RA and CA, 0 for the rest); an
    # I-node's fields taken out for its claim.
    index: dict[str, int] = {}
    ids: list[str] = []
    cls: list[int] = []
    i_dicts: list[dict[str, Any]] = []
    claims: list[Claim] = []
    s_nodes: list[int] = []
    s_types: list[str] = []
    add_id, add_cls, add_claim = ids.append, cls.append, claims.append
    adopt = FrozenDict._adopt
    by_id: dict[str, Claim | Relation] = {}  # the map's index (claims first, as it makes it)
    plain = True  # every id and text passes the map's check as it is
    for i, n in enumerate(nodes):
        t = n["type"]
        if t == "I":
            nid = n.pop("nodeID")
            text = n.pop("text")
            del n["type"]
            if type(nid) is not str or type(text) is not str or "argmap" in n:
                raise _TakenApart
            if not (
                nid.isprintable()
                and nid
                and nid[0] != " " != nid[-1]
                and text.strip()
                and (text.isprintable() or not has_bad_char(text))
            ):
                plain = False
            i_dicts.append(n)
            by_id[nid] = c = _new_claim(nid, text)
            if n:
                _set_data(c, "data", adopt(n))
            add_claim(c)
            add_cls(1)
        elif t == "RA" or t == "CA":
            nid = n.pop("nodeID")
            del n["type"]
            if type(nid) is not str or "argmap" in n or "edges" in n:
                raise _TakenApart
            if not (nid.isprintable() and nid and nid[0] != " " != nid[-1]):
                plain = False
            s_nodes.append(i)
            s_types.append(t)
            add_cls(2)
        else:
            nid = n["nodeID"]
            if type(nid) is not str or t not in _TYPES or "argmap" in n:
                raise _TakenApart
            add_cls(0)
        index[nid] = i
        add_id(nid)
    if len(index) != len(ids):
        raise _TakenApart  # a repeated id
    # The keys taken out and their string values (three an I-node, two an
    # RA/CA node), then the rest of the I-nodes.
    strings = 6 * len(i_dicts) + 4 * len(s_nodes) + _flat(i_dicts)
    # Edges: each RA/CA node's premises (node, then the edge's own fields,
    # in turn) and conclusion; an edge of theirs loses its ends (and the
    # edge id the writer would make); the rest are kept as they are.
    n = len(ids)
    premises: list[list[Any] | None] = [None] * n
    target_of = [-1] * n
    last_edge: list[dict[str, Any]] = [_NO_FIELDS] * n
    r_edges: list[dict[str, Any]] = []
    other_edges: list[int] = []
    add_r_edge = r_edges.append
    for j, e in enumerate(edges):
        a = e["fromID"]
        b = e["toID"]
        f = index[a]
        t = index[b]
        cf = cls[f]
        ct = cls[t]
        if (cf != 1 or ct != 2) and (cf != 2 or not ct):  # neither a premise nor a conclusion
            if cf == 1 and ct == 1:
                raise _TakenApart  # I-node to I-node
            other_edges.append(j)
            continue
        del e["fromID"], e["toID"]
        eid = e.get("edgeID")
        if type(eid) is str and ">" in eid and eid == f"{a}>{b}":
            del e["edgeID"]
            strings += 2
        add_r_edge(e)
        if cf == 1:
            p = premises[t]
            if p is None:
                premises[t] = [f, e]
            else:
                p.append(f)
                p.append(e)
        else:
            if target_of[f] >= 0:
                raise _TakenApart  # a second conclusion
            target_of[f] = t
            last_edge[f] = e
    strings += 4 * len(r_edges) + _flat(r_edges)
    # RA/CA nodes: each a relation.
    relations: list[Relation] = []
    s_dicts: list[dict[str, Any]] = []
    add_relation, add_s_dict = relations.append, s_dicts.append
    defer = _WithEdges._defer
    for s, t in zip(s_nodes, s_types):
        p = premises[s]
        target = target_of[s]
        if p is None or target < 0 or target == s:
            raise _TakenApart
        if len(p) == 2:
            if p[0] == target:
                raise _TakenApart
            ps: tuple[str, ...] = (ids[p[0]],)
            ex: dict[str, Any] | tuple[dict[str, Any], ...] = p[1]
            own: object = ex or last_edge[s]
        else:
            fs = p[0::2]
            if target in fs or len(set(fs)) != len(fs):
                raise _TakenApart
            ps = tuple([ids[f] for f in fs])
            ex = tuple(p[1::2])
            own = any(ex) or last_edge[s]
        d = nodes[s]
        if d.get("text") == t:
            del d["text"]
            strings += 2
        scheme = d.get("scheme")
        if scheme is not None:
            if type(scheme) is str and scheme.strip() and bad_char(scheme) is None:
                del d["scheme"]
                strings += 2
            else:
                scheme = None
        add_s_dict(d)
        by_id[rid] = r = _new_relation(rid := ids[s], _S_KIND[t], ps, ids[target], scheme)
        if own:  # edges with fields of their own: data["edges"], made when read
            _set_data(r, "data", defer(d, ex, last_edge[s]))
        elif d:
            _set_data(r, "data", adopt(d))
        add_relation(r)
    strings += _flat(s_dicts)
    kept_nodes = [i for i, c in enumerate(cls) if not c]
    if kept_nodes or other_edges:
        kept = tally([nodes[i] for i in kept_nodes] + [edges[j] for j in other_edges])
        if kept is None:
            raise _TakenApart
        strings += kept[0]
    if strings != literals:
        raise _TakenApart  # a repeated key: the strict parser says where
    return claims, relations, kept_nodes, other_edges, by_id if plain else None


def _flat(dicts: list[dict[str, Any]]) -> int:
    """The strings in *dicts* (keys and values); each value must be a plain
    JSON scalar the strict parser reads (else :class:`_TakenApart`)."""
    kinds = Counter(map(type, chain.from_iterable(map(dict.values, dicts))))
    if not _SCALARS.issuperset(kinds):
        raise _TakenApart
    if (kinds[int] or kinds[float]) and tally(dicts) is None:
        raise _TakenApart  # a number the strict parser refuses
    return sum(map(len, dicts)) + kinds[str]
