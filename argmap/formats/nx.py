"""networkx graphs: run any graph algorithm on a map (the extra ``argmap[networkx]``).

:func:`to_networkx` gives a ``networkx.MultiDiGraph`` with one node per
claim and one per relation, keyed by id, in the map's order:

- a claim node has ``type="claim"`` and ``text``, and ``quote``, ``tags``,
  ``base_score`` and ``data`` when the claim has them;
- a relation node has ``type="relation"``, ``kind`` (``"support"``,
  ``"attack"``, ...) and ``scheme``, ``base_score`` and ``data`` when set;
- an edge goes from each premise to its relation (``role="premise"``, with
  ``index``, its place among the premises) and from the relation to its
  target (``role="target"``), a claim or, for an undercut, a relation;
- the graph's ``title``, ``source`` and ``data`` attributes hold the map's.

Every attribute is a plain JSON value, as in argmap's JSON document:
``text``, ``type``, ``kind``, ``scheme``, ``role`` and ``title`` are
strings, ``index`` an int, ``base_score`` a float, ``tags`` a list of
strings, ``data`` a dict (of dicts, lists, strings, numbers, booleans and
None), ``quote`` a dict ``{"text": ..., "start": ..., "end": ...}`` (the
span left out while the quote is not located) and ``source`` a dict
``{"text": ..., "title": ..., "url": ...}`` (title and url when set).  So
the usual way to save a graph, ``json.dumps(nx.node_link_data(g))``, works,
and the graph read back is the map again.

:func:`from_networkx` reads such a graph back (``from_networkx(to_networkx(m))
== m``), and any graph whose nodes and edges carry those attributes (a
``quote`` or ``source`` may also be the model's :class:`~argmap.model.Quote`
or :class:`~argmap.model.Source`, ``data`` a :class:`~argmap.model.FrozenDict`,
as graphs made by earlier versions hold them); a missing or wrong attribute
is a :class:`~argmap.errors.FormatError` naming the node or edge.  This is
the only module that imports networkx.

>>> from argmap import MapBuilder, Source
>>> b = MapBuilder(title="Tea", source=Source("Tea is better. It calms.", url="https://tea.example"))
>>> t = b.claim("Tea is better", id="t", quote="Tea is better", tags=["drinks"], data={"votes": [3, 1]})
>>> _ = b.support(t, "Tea is calming", id="r", base_score=0.5)
>>> m = b.build()
>>> g = to_networkx(m)
>>> list(g.nodes(data="type")), list(g.edges(data="role"))
([('t', 'claim'), ('c1', 'claim'), ('r', 'relation')], [('c1', 'r', 'premise'), ('r', 't', 'target')])
>>> g.nodes["t"]
{'type': 'claim', 'text': 'Tea is better', 'quote': {'text': 'Tea is better', 'start': 0, 'end': 13}, 'tags': ['drinks'], 'data': {'votes': [3, 1]}}
>>> g.nodes["r"], g.graph["source"]
({'type': 'relation', 'kind': 'support', 'base_score': 0.5}, {'text': 'Tea is better. It calms.', 'url': 'https://tea.example'})
>>> import json, networkx as nx
>>> saved = json.dumps(nx.node_link_data(g))
>>> from_networkx(nx.node_link_graph(json.loads(saved))) == from_networkx(g) == m
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from argmap._optional import import_module
from argmap.errors import FormatError
from argmap.model import EMPTY, ArgumentMap, Claim, Kind, Quote, Relation, Source, thaw

if TYPE_CHECKING:
    import networkx as nx
else:  # a MissingDependencyError naming the extra when networkx is not installed
    nx = import_module("networkx", needed_for="argmap.formats.nx")

__all__ = ["from_networkx", "to_networkx"]

_KINDS = {k.value: k for k in Kind}


def to_networkx(m: ArgumentMap) -> nx.MultiDiGraph[str]:
    """The map as a ``networkx.MultiDiGraph`` whose attributes are plain
    JSON values (see the module's description)."""
    g: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    if m.title is not None:
        g.graph["title"] = m.title
    if m.source is not None:
        g.graph["source"] = _source_data(m.source)
    if m.data:
        g.graph["data"] = thaw(m.data)
    for c in m.claims:
        attrs: dict[str, Any] = {"type": "claim", "text": c.text}
        if c.quote is not None:
            attrs["quote"] = _quote_data(c.quote)
        if c.tags:
            attrs["tags"] = list(c.tags)
        if c.base_score is not None:
            attrs["base_score"] = c.base_score
        if c.data:
            attrs["data"] = thaw(c.data)
        g.add_node(c.id, **attrs)
    for r in m.relations:
        attrs = {"type": "relation", "kind": r.kind.value}
        if r.scheme is not None:
            attrs["scheme"] = r.scheme
        if r.base_score is not None:
            attrs["base_score"] = r.base_score
        if r.data:
            attrs["data"] = thaw(r.data)
        g.add_node(r.id, **attrs)
    for r in m.relations:
        for i, p in enumerate(r.premises):
            g.add_edge(p, r.id, role="premise", index=i)
        g.add_edge(r.id, r.target, role="target")
    return g


def _quote_data(q: Quote) -> dict[str, Any]:
    d: dict[str, Any] = {"text": q.text}
    if q.start is not None:
        d["start"] = q.start
    if q.end is not None:
        d["end"] = q.end
    return d


def _source_data(s: Source) -> dict[str, Any]:
    d: dict[str, Any] = {"text": s.text}
    if s.title is not None:
        d["title"] = s.title
    if s.url is not None:
        d["url"] = s.url
    return d


def _quote(value: Any, where: str) -> Quote | None:
    """A node's ``quote``: a dict as :func:`to_networkx` writes it, or a Quote."""
    if value is None or isinstance(value, Quote):
        return value
    d = _fields(value, where, ("text", "start", "end"))
    text = d.get("text")
    if not isinstance(text, str):
        raise FormatError("expected a string", where=f"{where}.text")
    span = []
    for key in ("start", "end"):
        n = d.get(key)
        if n is not None and (isinstance(n, bool) or not isinstance(n, int)):
            raise FormatError("expected an integer", where=f"{where}.{key}")
        span.append(n)
    return Quote(text, span[0], span[1])


def _source(value: Any, where: str) -> Source | None:
    """The graph's ``source``: a dict as :func:`to_networkx` writes it, or a Source."""
    if value is None or isinstance(value, Source):
        return value
    d = _fields(value, where, ("text", "title", "url"))
    for key in ("text", "title", "url"):
        v = d.get(key)
        if not isinstance(v, str) and (key == "text" or v is not None):
            raise FormatError("expected a string", where=f"{where}.{key}")
    return Source(d["text"], title=d.get("title"), url=d.get("url"))


def _fields(value: Any, where: str, keys: tuple[str, ...]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise FormatError(f"expected a dict, not {type(value).__name__}", where=where)
    for key in value:
        if key not in keys:
            raise FormatError(f"unknown field; expected one of {', '.join(keys)}", where=f"{where}.{key}")
    return value


def from_networkx(g: Any) -> ArgumentMap:
    """The map that graph *g* describes (the inverse of :func:`to_networkx`)."""
    if not isinstance(g, nx.DiGraph):
        raise FormatError(f"expected a networkx DiGraph or MultiDiGraph, not {type(g).__name__}")
    claims: list[Claim] = []
    rel_nodes: list[tuple[Any, dict[str, Any]]] = []
    for n, a in g.nodes(data=True):
        where = f"node {n!r}"
        if not isinstance(n, str):
            raise FormatError(f"node ids must be strings, not {type(n).__name__}", where=where)
        t = a.get("type")
        if t == "claim":
            text = a.get("text")
            if not isinstance(text, str):
                raise FormatError("a claim node needs a text string", where=f"{where}.text")
            quote = _quote(a.get("quote"), f"{where}.quote")
            claims.append(
                Claim(
                    n,
                    text,
                    quote=quote,
                    tags=a.get("tags", ()),
                    data=a.get("data", EMPTY),
                    base_score=a.get("base_score"),
                )
            )
        elif t == "relation":
            kind = a.get("kind")
            if not isinstance(kind, str) or kind not in _KINDS:
                raise FormatError(
                    f"unknown relation kind {kind!r}; known kinds: {', '.join(_KINDS)}", where=f"{where}.kind"
                )
            rel_nodes.append((n, a))
        else:
            raise FormatError(f"expected type 'claim' or 'relation', got {t!r}", where=f"{where}.type")
    premises: dict[Any, list[tuple[Any, Any]]] = {}
    targets: dict[Any, Any] = {}
    # (A directed graph that is a multigraph is a MultiDiGraph.)
    edges = (
        g.edges(data=True, keys=True)
        if isinstance(g, nx.MultiDiGraph)
        else ((u, v, None, a) for u, v, a in g.edges(data=True))
    )
    for u, v, _, a in edges:
        where = f"edge {u!r} -> {v!r}"
        role = a.get("role")
        if role == "premise":
            index = a.get("index", 0)
            if isinstance(index, bool) or not isinstance(index, int):
                raise FormatError("expected an integer", where=f"{where}.index")
            premises.setdefault(v, []).append((index, u))
        elif role == "target":
            if u in targets:
                raise FormatError(f"relation {u!r} has a second target", where=where)
            targets[u] = v
        else:
            raise FormatError(f"expected role 'premise' or 'target', got {role!r}", where=f"{where}.role")
    relation_ids = {n for n, _ in rel_nodes}
    for u in targets:
        if u not in relation_ids:
            raise FormatError(f"a target edge leaves {u!r}, which is not a relation node", where=f"node {u!r}")
    relations = []
    for n, a in rel_nodes:
        if n not in targets:
            raise FormatError(f"relation {n!r} has no target (no edge with role='target' from it)", where=f"node {n!r}")
        ps = tuple(p for _, p in sorted(premises.pop(n, []), key=lambda x: x[0]))
        relations.append(
            Relation(
                n,
                a["kind"],
                ps,
                targets[n],
                scheme=a.get("scheme"),
                data=a.get("data", EMPTY),
                base_score=a.get("base_score"),
            )
        )
    for v in premises:
        raise FormatError(f"premise edges lead into {v!r}, which is not a relation node", where=f"node {v!r}")
    if not isinstance(g.graph, dict):  # (node_link_graph() takes any value as the graph's attributes)
        raise FormatError(f"expected a dict of graph attributes, not {type(g.graph).__name__}", where="graph")
    source = _source(g.graph.get("source"), "graph.source")
    return ArgumentMap(claims, relations, title=g.graph.get("title"), source=source, data=g.graph.get("data", EMPTY))
