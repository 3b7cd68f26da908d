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
from typing import Any, NamedTuple

from argmap._data import _WithEdges
from argmap._validation import _has_bad_char as has_bad_char
from argmap.formats._aif_read import _S_KIND, _TYPES, XAIF, _map_data, _read
from argmap.formats._common import decode, parse_json, parse_json_plain, tally
from argmap.model import EMPTY, ArgumentMap, Claim, FrozenDict, Relation, _slot_setters, bad_char

__all__ = ["read_text"]

_SCALARS = frozenset({str, int, float, bool, type(None)})
_NO_FIELDS: dict[str, Any] = {}  # (an edge without fields; never changed)
_KEPT = object()  # (a node kept as it is, in the reader's index)
# The slots' setters, to make claims without a call each (see argmap._values)
_CLAIM_SLOTS = _slot_setters(Claim)
_RELATION_SLOTS = _slot_setters(Relation)
_FROZEN_SLOTS = tuple(FrozenDict.__dict__[name].__set__ for name in ("_d", "_h", "_k"))
_WITH_EDGES_SLOTS = tuple(_WithEdges.__dict__[name].__set__ for name in ("_fields", "_premises", "_last"))


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
        facts = _facts(decoded)
        del decoded  # not needed again unless the text is read again
        try:
            m = _quick(doc, literals, facts) if clean else None
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


class _Facts(NamedTuple):
    """What a look at the whole text tells of every string in it."""

    printable: bool  # every string is printable (ASCII, no escape, no DEL)
    arrows: bool  # a string may hold ">"


def _facts(text: str) -> _Facts:
    """The :class:`_Facts` of JSON *text*: a few passes over it that run in
    C, which spare the reader a test a node or edge.  (Without an escape,
    a string holds what the text does between its quotes; json.loads
    refuses control characters there.)"""
    printable = text.isascii() and "\\" not in text and "\x7f" not in text
    return _Facts(printable, not printable or ">" in text)


def _quick(doc: Any, literals: int, facts: _Facts) -> ArgumentMap | None:
    """The map of *doc*, parsed by plain json.loads from a text of
    *literals* string literals free of lone surrogates, of which *facts*
    hold; None, with *doc* untouched, when the passes must read it;
    :class:`_TakenApart` when that is found out after its dicts were taken
    apart."""
    if type(doc) is not dict or "AIF" in doc or XAIF in doc or _CLAIM_SLOTS is None or _RELATION_SLOTS is None:
        return None
    nodes, edges = doc.get("nodes"), doc.get("edges")
    if type(nodes) is not list or type(edges) is not list:
        return None
    others = tally([v for k, v in doc.items() if k != "nodes" and k != "edges"])
    if others is None:
        return None
    try:
        claims, relations, kept_nodes, other_edges, index = _take_apart(
            nodes, edges, literals - len(doc) - others[0], facts
        )
    except (KeyError, TypeError, AttributeError):  # a node or edge not an object, a field missing
        raise _TakenApart from None
    # (The document is clean, its numbers checked by tally: see read_text and _take_apart.)
    title, source, fields = _map_data(doc, nodes, edges, kept_nodes, other_edges, None, parsed=True)
    data = FrozenDict._adopt(fields) if fields else EMPTY  # (its values frozen: not walked again)
    if index is not None:
        # The reader has checked the items as the map would (the structure,
        # every id and text, schemes and data): the map checks its own fields.
        m = ArgumentMap._prechecked(claims, relations, index, title=title, source=source, data=data)
        if m is not None:
            return m
    return ArgumentMap(claims, relations, title=title, source=source, data=data)


def _take_apart(
    nodes: list[Any], edges: list[Any], literals: int, facts: _Facts
) -> tuple[list[Claim], list[Relation], list[int], list[int], dict[str, Claim | Relation] | None]:
    """:func:`_quick` once it takes the dicts apart: the passes of
    :mod:`argmap.formats._aif_read` fused into one loop over the nodes, one
    over the edges and one over the relations; *literals* is the number of
    strings the nodes and edges must hold, *facts* what holds of them.  The
    claims, the relations, the nodes and edges kept as data (the working
    lists go with this frame, before the map is built), and the map's index
    when every id and text is one the map's check lets through at once
    (else None)."""
    # Nodes: an I-node is a claim, its fields taken out (the rest are its
    # data); an RA/CA node a relation, its premises and target set once the
    # edges are read.  One dict, id -> claim, relation or _KEPT, finds the
    # nodes for the edges and is the map's index after.
    index: dict[str, Any] = {}
    claims: list[Claim] = []
    i_dicts: list[dict[str, Any]] = []
    relations: list[Relation] = []
    s_dicts: list[dict[str, Any]] = []
    kept_nodes: list[int] = []
    kept_ids: list[str] = []
    add_claim, add_relation = claims.append, relations.append
    adopt = FrozenDict._adopt
    new = object.__new__
    assert _CLAIM_SLOTS is not None and _RELATION_SLOTS is not None  # (else _quick leaves it to the passes)
    c_id, c_text, c_quote, c_tags, c_data, c_score = _CLAIM_SLOTS
    r_id, r_kind, r_premises, r_target, r_scheme, r_data, r_score = _RELATION_SLOTS
    w_fields, w_premises, w_last = _WITH_EDGES_SLOTS
    fd_d, fd_h, fd_k = _FROZEN_SLOTS
    plain = True  # every id and text passes the map's check as it is
    printable, arrows = facts
    strings = 0  # the strings taken out
    for i, n in enumerate(nodes):
        t = n["type"]
        if t == "I":
            nid = n.pop("nodeID")
            text = n.pop("text")
            del n["type"]
            if type(nid) is not str or type(text) is not str or "argmap" in n:
                raise _TakenApart
            if not (nid and nid[0] != " " != nid[-1] and text.strip()) or not (
                printable or (nid.isprintable() and (text.isprintable() or not has_bad_char(text)))
            ):
                plain = False
            i_dicts.append(n)
            # _new_claim(nid, text), its data FrozenDict._adopt(n), inline
            index[nid] = c = new(Claim)
            c_id(c, nid)
            c_text(c, text)
            c_quote(c, None)
            c_tags(c, ())
            c_score(c, None)
            if n:
                fd = new(FrozenDict)
                fd_d(fd, n)
                fd_h(fd, None)
                fd_k(fd, None)
                c_data(c, fd)
            else:
                c_data(c, EMPTY)
            add_claim(c)
        elif t == "RA" or t == "CA":
            nid = n.pop("nodeID")
            del n["type"]
            if type(nid) is not str or "argmap" in n or "edges" in n:
                raise _TakenApart
            if not (nid and nid[0] != " " != nid[-1]) or not (printable or nid.isprintable()):
                plain = False
            if n.get("text") == t:
                del n["text"]  # the text the writer gives back
                strings += 2
            scheme = n.get("scheme")
            if scheme is not None:
                if type(scheme) is str and scheme.strip() and bad_char(scheme) is None:
                    del n["scheme"]
                    strings += 2
                else:
                    scheme = None  # kept in data as it is
            # Until the edges are read, its premises slot gathers them and
            # its data slot holds its conclusion's edge.
            # _new_relation(nid, kind, None, None, scheme), inline
            index[nid] = r = new(Relation)
            r_id(r, nid)
            r_kind(r, _S_KIND[t])
            r_premises(r, None)
            r_target(r, None)
            r_scheme(r, scheme)
            r_data(r, EMPTY)
            r_score(r, None)
            s_dicts.append(n)
            add_relation(r)
        else:
            nid = n["nodeID"]
            if type(nid) is not str or t not in _TYPES or "argmap" in n:
                raise _TakenApart
            index[nid] = _KEPT
            kept_nodes.append(i)
            kept_ids.append(nid)
    if len(index) != len(nodes):
        raise _TakenApart  # a repeated id
    # The keys taken out and their string values (three an I-node, two an
    # RA/CA node), then the rest of the nodes.
    strings += 6 * len(i_dicts) + 4 * len(s_dicts) + _flat(i_dicts) + _flat(s_dicts)
    # Edges: each relation's premises (claim, then the edge's own fields,
    # in turn) and conclusion; an edge of theirs loses its ends (and the
    # edge id the writer would make); the rest are kept as they are.  An
    # edge left without fields is _NO_FIELDS, so that which have some is
    # known without looking at them again.
    r_edges: list[dict[str, Any]] = []
    other_edges: list[int] = []
    add_r_edge = r_edges.append
    for j, e in enumerate(edges):
        a = e["fromID"]
        b = e["toID"]
        f = index[a]
        t = index[b]
        tf = type(f)
        tt = type(t)
        if tf is Claim:
            if tt is not Relation:
                if tt is Claim:
                    raise _TakenApart  # I-node to I-node
                other_edges.append(j)
                continue
        elif tf is not Relation or t is _KEPT:
            other_edges.append(j)
            continue
        del e["fromID"], e["toID"]
        if arrows:
            eid = e.get("edgeID")
            if type(eid) is str and ">" in eid and eid == f"{a}>{b}":
                del e["edgeID"]
                strings += 2
        add_r_edge(e)
        fields = e or _NO_FIELDS
        # The ends' own id objects (the nodes are at hand here): the same
        # node has the same one, so identity tells nodes apart below.
        if tf is Claim:
            gathered = t.premises
            if gathered is None:
                r_premises(t, [f.id, fields])
            else:
                gathered.append(f.id)
                gathered.append(fields)
        else:
            if f.target is not None:
                raise _TakenApart  # a second conclusion
            r_target(f, t.id)
            r_data(f, fields)
    strings += 4 * len(r_edges) + _flat(r_edges)
    # Relations: premises and data (the target is its id already).
    for r, d in zip(relations, s_dicts):
        # (What the edge loop left in the slots, typed as what it is.)
        p: Any = r.premises
        target = r.target
        last: Any = r.data
        if p is None or target is None or target is r.id:
            raise _TakenApart  # no premise, no conclusion, or itself its conclusion
        if len(p) == 2:
            if p[0] is target:
                raise _TakenApart
            r_premises(r, (p[0],))
            ex: dict[str, Any] | tuple[dict[str, Any], ...] = p[1]
            own = ex is not _NO_FIELDS or last is not _NO_FIELDS
        else:
            fs = p[0::2]
            if any(f is target for f in fs) or len(set(map(id, fs))) != len(fs):
                raise _TakenApart
            r_premises(r, tuple(fs))
            ex = tuple(p[1::2])
            own = last is not _NO_FIELDS or any(x is not _NO_FIELDS for x in ex)
        if own:  # edges with fields of their own: data["edges"], made when read
            w = new(_WithEdges)
            w_fields(w, d)
            w_premises(w, ex)
            w_last(w, last)
            r_data(r, w)
        else:
            r_data(r, adopt(d) if d else EMPTY)
    if kept_nodes or other_edges:
        kept = tally([nodes[i] for i in kept_nodes] + [edges[j] for j in other_edges])
        if kept is None:
            raise _TakenApart
        strings += kept[0]
    if strings != literals:
        raise _TakenApart  # a repeated key: the strict parser says where
    if not plain:
        return claims, relations, kept_nodes, other_edges, None
    for nid in kept_ids:
        del index[nid]
    return claims, relations, kept_nodes, other_edges, index


def _flat(dicts: list[dict[str, Any]]) -> int:
    """The strings in *dicts* (keys and values); each value must be a plain
    JSON scalar the strict parser reads (else :class:`_TakenApart`)."""
    kinds = Counter(map(type, chain.from_iterable(map(dict.values, dicts))))
    if not _SCALARS.issuperset(kinds):
        raise _TakenApart
    if (kinds[int] or kinds[float]) and tally(dicts) is None:
        raise _TakenApart  # a number the strict parser refuses
    return sum(map(len, dicts)) + kinds[str]
