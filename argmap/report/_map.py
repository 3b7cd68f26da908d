"""The report's map as data for the page's script, and what starts folded.

:func:`map_data` writes the map as compact JSON (see its documentation);
the page's script (``static/report.js``) lays out the unfolded part and
draws only what is on screen, inside :data:`NAVIGATOR`'s controls.
:func:`quiet_branches` names the claims whose premises cannot move the
verdict, for ``argmap report --semantics`` to fold.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING

from argmap.model import Role

if TYPE_CHECKING:
    from argmap.model import ArgumentMap, Relation

__all__ = ["NAVIGATOR", "OPEN_BOXES", "card", "map_data", "quiet_branches"]

#: The map opens on the theses and as many whole levels below as fit in this
#: many boxes.
OPEN_BOXES = 100


def quiet_branches(m: ArgumentMap, semantics: str = "df-quad", *, threshold: float = 0.01) -> list[str]:
    """The claims whose premises cannot move the verdict, to start folded.

    For each thesis, :func:`argmap.semantics.sensitivity` measures how much
    each claim can change its strength (removed, or its base score set to 0
    or 1); a claim *matters* when that impact reaches *threshold* for some
    thesis.  The result lists, in map order, every claim but a thesis that
    has premises and none of whose premises, nor their premises, and so on,
    matters: its branch is folded, so the reader first sees what the verdict
    hinges on.  A thesis is never folded: its direct reasons and objections
    are always shown.

    >>> from argmap import MapBuilder
    >>> b = MapBuilder()
    >>> t = b.claim("Go", id="t")
    >>> a = b.claim("Too far", id="a")
    >>> _ = b.attack(t, a), b.attack(a, b.claim("It is near", id="n"))
    >>> quiet_branches(b.build()), quiet_branches(b.build(), threshold=2.0)
    ([], ['a'])
    """
    from argmap.semantics.sensitivity import sensitivity

    _into, out_of = m._adjacency()
    matters: set[str] = set()
    for c in m.claims:
        if c.id not in out_of:
            matters.update(str(i.argument) for i in sensitivity(m, c.id, semantics) if abs(i.impact) >= threshold)
    relations = {r.id: r for r in m.relations}
    below: dict[str, list[str]] = {}
    for r in m.relations:
        target = r.target
        seen = set()
        while target in relations and target not in seen:  # an undercut hangs under the inference's conclusion
            seen.add(target)
            target = relations[target].target
        below.setdefault(target, []).extend(p for p in r.premises if p != target)
    # A claim is loud when it matters or any claim below it is loud: settled
    # children first, in a walk that visits each claim once (cycles included).
    loud: dict[str, bool] = {}
    for c in m.claims:
        if c.id in loud:
            continue
        stack: list[tuple[str, int]] = [(c.id, 0)]
        loud[c.id] = c.id in matters
        while stack:
            v, i = stack.pop()
            kids = below.get(v, [])
            if i < len(kids):
                stack.append((v, i + 1))
                w = kids[i]
                if w not in loud:
                    loud[w] = w in matters
                    stack.append((w, 0))
            elif not loud[v]:
                loud[v] = any(loud.get(w, False) for w in kids)
    return [
        c.id
        for c in m.claims
        if c.id in out_of and below.get(c.id) and not any(loud.get(w, False) for w in below[c.id])
    ]


# --------------------------------------------------------------------------
# The map, as data for the page's script


def map_data(
    m: ArgumentMap,
    direction: str,
    strengths: Mapping[str, float],
    index: dict[str, int],
    folded: Collection[str],
    chunk_of: Mapping[int, int],
) -> str:
    """The map as compact JSON for the page: per claim (in map order) its id,
    caption (when it is not ``ROLE · id``), wrapped lines, role, box size
    (from the tree layout), parent in
    the spanning tree (``-1`` for a root) and the kind of the line to it
    (0 support, 1 attack, 2 support onto a relation, 3 attack onto a
    relation); the tree's breadth-first order;
    the relations the tree leaves out, as ``[premise, target, kind]`` (and
    the line's ``via``, below, when it has one); the
    claims that start folded; the block of the article that holds each
    claim's quote when the article is read lazily (else ``None``).

    Junctions, as in the diagrams: a relation whose premises are linked, or
    which is itself the target of a relation (an undercut), meets its target
    at a junction dot.  ``j`` lists them, each as ``[target, kind, scheme]``:
    the target is a claim's index, or ``-1 - J`` for junction ``J`` (an
    undercut of an undercut); kind 0 support, 1 attack; the scheme an index
    in ``sn`` (the relations' scheme names) or ``-1``.  ``v`` (``None`` when
    the map has no junction) says, per claim, where its tree line goes: ``-1``
    straight to its parent, ``2 * J`` into junction ``J`` as one of its
    premises (no head), ``2 * J + 1`` into junction ``J`` with a head (a
    relation onto a relation).  ``s`` (``None`` when no such relation has a
    scheme) gives, per claim, the scheme its tree line carries when its
    relation has no junction (else ``-1``).  An extra line carries its
    ``via`` and scheme as a fourth and fifth element when it has them.

    Safe to sit inside ``<script>``: no ``<``, ``>`` or ``&`` is written."""
    from argmap.render.layout import tree_layout

    layout = tree_layout(m, direction=direction, evaluation=strengths or None)
    claims = m.claims
    n = len(claims)
    relations = {r.id: r for r in m.relations}

    reached: dict[str, int | None] = {}  # (each chain of undercuts walked once)

    def conclusion(r_id: str) -> int | None:
        seen: dict[str, None] = {}
        while r_id in relations and r_id not in seen:
            if r_id in reached:
                found = reached[r_id]
                break
            seen[r_id] = None
            r_id = relations[r_id].target
        else:
            found = index.get(r_id)
        for walked in seen:
            reached[walked] = found
        return found

    # A claim's premises in relation order, each relation's premises followed
    # by what bears on its inference (so an undercutter stands beside the
    # premises it cuts off, under their junction).
    onto: dict[str, list[Relation]] = {}
    for r in m.relations:
        if r.target in relations:
            onto.setdefault(r.target, []).append(r)
    ordered: list[Relation] = []
    done: set[str] = set()
    for top in m.relations:
        if top.target in relations:
            continue
        stack = [top]
        while stack:
            r = stack.pop()
            if r.id not in done:
                done.add(r.id)
                ordered.append(r)
                stack.extend(reversed(onto.get(r.id, ())))

    junction: dict[str, int] = {}
    for r in ordered:
        if len(r.premises) > 1 or r.id in onto:
            junction[r.id] = len(junction)
    schemes: dict[str, int] = {}
    for r in ordered:
        if r.scheme and r.scheme not in schemes:
            schemes[r.scheme] = len(schemes)
    junctions = [
        [
            index[r.target] if r.target not in relations else -1 - junction[r.target],
            1 if r.kind.is_attack else 0,
            schemes[r.scheme] if r.scheme else -1,
        ]
        for r in ordered
        if r.id in junction
    ]

    into: list[list[tuple[int, int, int, int]]] = [[] for _ in range(n)]
    edges: list[tuple[int, int, int, int, int]] = []
    for r in ordered:
        t = conclusion(r.id)
        if t is None:
            continue
        kind = (1 if r.kind.is_attack else 0) + (2 if r.target in relations else 0)
        sch = -1
        if r.id in junction:
            via = 2 * junction[r.id]
        else:
            via = 2 * junction[r.target] + 1 if r.target in relations else -1
            if r.scheme:
                sch = schemes[r.scheme]
        for p in r.premises:
            k = index.get(p)
            if k is not None and k != t:
                into[t].append((k, kind, via, sch))
                edges.append((k, t, kind, via, sch))
    parent = [-1] * n
    kinds = [0] * n
    vias = [-1] * n
    line_schemes = [-1] * n
    placed = [False] * n
    order: list[int] = []
    has_parent = [False] * n
    for k, *_ in edges:
        has_parent[k] = True
    roots = [k for k in range(n) if not has_parent[k]]
    tree: set[tuple[int, int, int]] = set()

    def grow(start: int) -> None:
        placed[start] = True
        queue = [start]
        head = 0
        while head < len(queue):
            v = queue[head]
            head += 1
            order.append(v)
            for k, kind, via, sch in into[v]:
                if not placed[k]:
                    placed[k] = True
                    parent[k] = v
                    kinds[k] = kind
                    vias[k] = via
                    line_schemes[k] = sch
                    tree.add((k, v, via))
                    queue.append(k)

    for k in roots:
        grow(k)
    for k in range(n):  # claims that only a cycle reaches
        if not placed[k]:
            grow(k)
    extra: list[list[int]] = []
    for k, t, kind, via, sch in edges:
        if (k, t, via) in tree:
            tree.discard((k, t, via))  # the tree's own line; a second relation between the two is extra
        else:
            extra.append([k, t, kind, via, sch][: 5 if sch >= 0 else 4 if via >= 0 else 3])
    boxes = layout.boxes
    data = {
        "dir": direction,
        "open": OPEN_BOXES,
        "roles": [r.value for r in Role],
        "id": [c.id for c in claims],
        "cap": [b.caption for b in boxes] if strengths else None,
        "t": ["\n".join(b.lines) for b in boxes],
        "r": [_ROLE_INDEX[b.role] for b in boxes],
        "w": [round(b.width, 1) for b in boxes],
        "h": [round(b.height, 1) for b in boxes],
        "p": parent,
        "k": kinds,
        "o": order,
        "x": extra,
        "j": junctions,
        "v": vias if junctions else None,
        "s": line_schemes if any(k >= 0 for k in line_schemes) else None,
        "sn": list(schemes),
        "f": sorted({index[c] for c in folded if c in index}),
        "qch": [chunk_of.get(k, -1) for k in range(n)] if chunk_of else None,
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


_ROLE_INDEX = {r: k for k, r in enumerate(Role)}


def card(m: ArgumentMap) -> str:
    return (
        '<section id="claims" aria-label="Claims">\n<h2>Claims</h2>\n'
        f'<p class="none">{len(m.claims):,} claims: select one in the map, the outline or the article to see it here.</p>\n'
        '<div id="card" aria-live="polite"></div>\n</section>\n'
    )


NAVIGATOR = (
    '<div class="nav" id="nav" hidden>'
    '<div class="bar" role="toolbar" aria-label="Map controls">'
    '<input type="search" id="find" placeholder="Find a claim (words or id)" aria-label="Find a claim by words or id">'
    '<button type="button" id="prev" title="Previous match (Shift+Enter)" aria-label="Previous match">&#8593;</button>'
    '<button type="button" id="next" title="Next match (Enter)" aria-label="Next match">&#8595;</button>'
    '<span id="hits" aria-live="polite"></span>'
    '<span class="sep"></span>'
    '<button type="button" id="zoom-out" title="Zoom out (-)" aria-label="Zoom out">&#8722;</button>'
    '<button type="button" id="zoom-in" title="Zoom in (+)" aria-label="Zoom in">+</button>'
    '<button type="button" id="fit" title="Fit the map to the pane (0)">Fit</button>'
    '<label title="Only the claims within k steps of the selected one"><input type="checkbox" id="focus"> Focus</label>'
    '<input type="number" id="focus-k" min="1" max="20" value="2" aria-label="Focus: steps from the selected claim">'
    '<button type="button" id="outline-toggle" aria-pressed="true">Outline</button>'
    "</div>"
    '<div class="navbody">'
    '<nav id="outline" aria-label="Outline"><ul id="outline-list"></ul></nav>'
    '<div id="view" tabindex="0" aria-label="Map: drag or wheel to move, + and - zoom, 0 fits, arrow keys walk the claims">'
    '<svg id="svg" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="The map">'
    '<g id="world"><g id="edges"></g><g id="boxes"></g></g></svg>'
    '<canvas id="minimap" width="200" height="140" aria-hidden="true"></canvas>'
    "</div></div></div>"
)
