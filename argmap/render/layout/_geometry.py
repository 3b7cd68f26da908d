"""A tree layout for argument maps in linear time: boxes, junctions and edges.

Pure geometry, no drawing.  The map is cut into a spanning forest, laid out
with Walker's algorithm in the linear-time form of Buchheim, Jünger and
Leipert (2002), with boxes of different sizes, and turned to the requested
direction.

The forest
----------
* Each thesis (a claim that bears on nothing) is a root, in map order.  From
  the roots a breadth-first walk goes from conclusions to their premises: the
  relations into a claim, in map order, become its children.
* A relation whose premises are linked, or which is itself attacked or backed
  (the target of an undercut), gets a junction: a small dot that is a child
  of its target and the parent of its premises, so linked premises stand side
  by side under it, and the undercut stands under it too, at the inference it
  attacks.  Any other relation joins its one premise straight to the target.
* A claim is placed once, where the walk first reaches it.  A relation from a
  claim that is already placed (a claim with several conclusions, or a cycle)
  is drawn as an *overlay*: a curve from the placed claim to its target,
  outside the tree.  Claims that no thesis reaches (a map whose claims all
  lie on or under a cycle) start new roots, the first unplaced claim in map
  order each time.
* Several roots stand side by side, as children of an invisible root.

Sizes
-----
A claim's box holds its caption (``PREMISE · c2``, 9 pt) over its text,
word-wrapped to *wrap* characters, at 11 pt (14 pt for a thesis).  Text width
is estimated without fonts: :data:`CHAR_WIDTH` (0.6) times the font size per
character, twice that for East Asian wide characters.  Helvetica's average
is about 0.55, so text fits with a little room to spare.

Positions are in SVG user units (points); every level (all nodes at one
depth) is as thick as its thickest node, so no two boxes overlap: within a
level, Walker's algorithm keeps adjacent nodes apart by :data:`GAP`, and
levels are :data:`RANK_GAP` apart.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from typing import NamedTuple

from argmap.model import ArgumentMap, Claim, Kind, Relation, Role
from argmap.render.dot import _check_evaluation, _check_options, wrap

__all__ = [
    "CHAR_WIDTH",
    "GAP",
    "RANK_GAP",
    "Box",
    "Junction",
    "Layout",
    "Link",
    "Segment",
    "tree_layout",
]

#: Estimated width of one character, as a fraction of the font size.
CHAR_WIDTH = 0.6
#: Space between neighbouring nodes of one level (points).
GAP = 16.0
#: Space between levels (points): Graphviz's ``ranksep=0.45`` inches.
RANK_GAP = 32.0
#: Font sizes (points): text, thesis text, caption.
FONT_SIZE = 11.0
THESIS_FONT_SIZE = 14.0
CAPTION_SIZE = 9.0
#: Line height as a multiple of the font size.
LINE_HEIGHT = 1.25
#: Padding inside a box (points): left and right, top and bottom.
PAD_X = 10.0
PAD_Y = 5.0
#: Diameter of a junction dot (points).
JUNCTION_SIZE = 8.0

_DIRECTIONS = ("up", "down", "left", "right")


class Box(NamedTuple):
    """A claim's box: *x*, *y* is its top left corner."""

    id: str
    role: Role
    x: float
    y: float
    width: float
    height: float
    caption: str
    lines: tuple[str, ...]
    font_size: float


class Junction(NamedTuple):
    """The dot where a relation's premises meet (centre *x*, *y*)."""

    id: str
    kind: Kind
    x: float
    y: float


class Segment(NamedTuple):
    """One line of a relation, from *start* to *end*; an *overlay* line
    leaves a claim that is placed elsewhere in the tree."""

    start: tuple[float, float]
    end: tuple[float, float]
    overlay: bool


class Link(NamedTuple):
    """A relation's lines: the premises' lines into the junction (if any),
    then, last, the line into the target (the one with the head)."""

    id: str
    kind: Kind
    onto_relation: bool
    segments: tuple[Segment, ...]


class Layout(NamedTuple):
    """Where everything goes: boxes in claim order, links and junctions in
    relation order, inside a *width* x *height* area."""

    direction: str
    width: float
    height: float
    boxes: tuple[Box, ...]
    junctions: tuple[Junction, ...]
    links: tuple[Link, ...]


def _text_width(line: str, size: float) -> float:
    if line.isascii():
        return len(line) * CHAR_WIDTH * size
    wide = sum(1 for ch in line if unicodedata.east_asian_width(ch) in "WF")
    return (len(line) + wide) * CHAR_WIDTH * size


def _claim_box(
    claim: Claim, role: Role, width: int, suffix: str | None
) -> tuple[str, tuple[str, ...], float, float, float]:
    """(caption, lines, font size, box width, box height) of a claim."""
    text = claim.text
    lines = (text,) if len(text) <= width and text.isprintable() else tuple(wrap(text, width))
    size = THESIS_FONT_SIZE if role is Role.THESIS else FONT_SIZE
    caption = (
        f"{role.value.upper()} · {claim.id}" if suffix is None else f"{role.value.upper()} · {claim.id} · {suffix}"
    )
    if text.isascii():
        w = max(max(map(len, lines)) * CHAR_WIDTH * size, len(caption) * CHAR_WIDTH * CAPTION_SIZE)
    else:
        w = max(*[_text_width(s, size) for s in lines], _text_width(caption, CAPTION_SIZE))
    h = CAPTION_SIZE * LINE_HEIGHT + len(lines) * size * LINE_HEIGHT
    return caption, lines, size, w + 2 * PAD_X, h + 2 * PAD_Y


def _walker(children: list[list[int]], order: list[int], breadth: list[float]) -> list[float]:
    """The breadth coordinate of every node's centre: Walker's algorithm in
    linear time (Buchheim, Jünger and Leipert 2002), without recursion.

    *order* lists the nodes parents first (its first node is the root);
    *breadth* is each node's size across the levels.
    """
    n = len(children)
    prelim = [0.0] * n
    mod = [0.0] * n
    shift = [0.0] * n
    change = [0.0] * n
    midpoint = [0.0] * n
    thread = [-1] * n
    ancestor = list(range(n))
    number = [0] * n
    parent = [-1] * n
    for v in order:
        for i, w in enumerate(children[v]):
            number[w] = i
            parent[w] = v

    def apportion(v: int, w: int, leftmost: int, default: int) -> int:
        # v's subtree against the forest of its left siblings (w the nearest),
        # level by level along the contours: inside/outside, right (p)/left (m).
        vip = vop = v
        vim = w
        vom = leftmost
        sip = mod[vip]
        sop = mod[vop]
        sim = mod[vim]
        som = mod[vom]
        c = children[vim]
        nr = c[-1] if c else thread[vim]
        c = children[vip]
        nl = c[0] if c else thread[vip]
        while nr >= 0 and nl >= 0:
            vim = nr
            vip = nl
            c = children[vom]
            vom = c[0] if c else thread[vom]
            c = children[vop]
            vop = c[-1] if c else thread[vop]
            ancestor[vop] = v
            gap = (prelim[vim] + sim) - (prelim[vip] + sip) + (breadth[vim] + breadth[vip]) / 2 + GAP
            if gap > 0:
                a = ancestor[vim]
                if parent[a] != parent[v]:
                    a = default
                share = gap / (number[v] - number[a])
                change[v] -= share
                shift[v] += gap
                change[a] += share
                prelim[v] += gap
                mod[v] += gap
                sip += gap
                sop += gap
            sim += mod[vim]
            sip += mod[vip]
            som += mod[vom]
            sop += mod[vop]
            c = children[vim]
            nr = c[-1] if c else thread[vim]
            c = children[vip]
            nl = c[0] if c else thread[vip]
        if nr >= 0:
            c = children[vop]
            if not c and thread[vop] < 0:
                thread[vop] = nr
                mod[vop] += sim - sop
        if nl >= 0:
            c = children[vom]
            if not c and thread[vom] < 0:
                thread[vom] = nl
                mod[vom] += sip - som
                default = v
        return default

    # First walk, children before parents: a node's own subtree is laid out
    # (its midpoint known) before its parent places it beside its siblings.
    for v in reversed(order):
        kids = children[v]
        if not kids:
            continue
        first = kids[0]
        default = first
        prev = -1
        for w in kids:
            if prev < 0:
                prelim[w] = midpoint[w] if children[w] else 0.0
            else:
                prelim[w] = prelim[prev] + (breadth[prev] + breadth[w]) / 2 + GAP
                if children[w]:
                    mod[w] = prelim[w] - midpoint[w]
                default = apportion(w, prev, first, default)
            prev = w
        # Execute the shifts that apportion spread over the children.
        total = acc = 0.0
        for w in reversed(kids):
            prelim[w] += total
            mod[w] += total
            acc += change[w]
            total += shift[w] + acc
        midpoint[v] = (prelim[first] + prelim[kids[-1]]) / 2
    # Second walk, parents first: add up the modifiers.
    root = order[0]
    prelim[root] = midpoint[root]
    x = [0.0] * n
    modsum = [0.0] * n
    for v in order:
        x[v] = prelim[v] + modsum[v]
        s = modsum[v] + mod[v]
        for w in children[v]:
            modsum[w] = s
    return x


def tree_layout(
    m: ArgumentMap,
    *,
    direction: str = "up",
    wrap: int = 28,
    evaluation: Mapping[str, object] | None = None,
) -> Layout:
    """Lay *m* out as a tree (see the module's documentation).

    *direction* is where the arrows point, as for
    :func:`~argmap.render.to_dot`: ``"up"`` puts the theses on top,
    ``"down"`` at the bottom, ``"left"`` on the left, ``"right"`` on the
    right.  *wrap* is the width in characters to which texts are wrapped;
    with *evaluation* the captions carry each claim's result.  Equal maps
    give equal layouts; the time is linear in the size of the map.
    """
    _check_options(direction, wrap)
    results = _check_evaluation(m, evaluation) if evaluation is not None else {}
    claims = m.claims
    relations = m.relations
    roles = m.roles
    n_claims = len(claims)
    index: dict[str, int] = {c.id: i for i, c in enumerate(claims)}

    # Nodes: claims 0..n-1, then one junction per relation that needs one,
    # then the invisible root.
    targeted = {r.target for r in relations}
    junction_of: dict[str, int] = {}
    junction_rel: list[Relation] = []
    for r in relations:
        if len(r.premises) > 1 or r.id in targeted:
            junction_of[r.id] = n_claims + len(junction_rel)
            junction_rel.append(r)
    root = n_claims + len(junction_rel)
    n = root + 1
    into: dict[str, list[Relation]] = {}
    for r in relations:
        into.setdefault(r.target, []).append(r)

    # The spanning forest, breadth first from the theses.
    children: list[list[int]] = [[] for _ in range(n)]
    placed = [False] * n
    depth = [0] * n
    order = [root]
    # relation id -> [(premise node, into node, overlay), ...]
    lines: dict[str, list[tuple[int, int, bool]]] = {}
    # relation id -> (junction, into node, overlay): the line with the head
    heads: dict[str, tuple[int, int, bool]] = {}
    placed[root] = True
    depth[root] = -1

    def adopt(parent: int, child: int) -> None:
        placed[child] = True
        depth[child] = depth[parent] + 1
        children[parent].append(child)
        order.append(child)

    def grow(start: int) -> None:
        # Breadth first: a node's children join the queue when it leaves it,
        # so a claim is placed at its least depth from the roots.
        i = start
        while i < len(order):
            u = order[i]
            i += 1
            if u < n_claims:
                name = claims[u].id
            else:  # a junction: its premises first, then what bears on its inference
                rel = junction_rel[u - n_claims]
                name = rel.id
                segs = lines.setdefault(name, [])
                for pid in rel.premises:
                    p = index[pid]
                    if placed[p]:
                        segs.append((p, u, True))
                    else:
                        adopt(u, p)
                        segs.append((p, u, False))
            for r in into.get(name, ()):
                j = junction_of.get(r.id)
                if j is None:
                    p = index[r.premises[0]]
                    if placed[p]:
                        lines[r.id] = [(p, u, True)]
                    else:
                        adopt(u, p)
                        lines[r.id] = [(p, u, False)]
                elif placed[j]:  # a root of its own: the undercuts form a cycle
                    heads[r.id] = (j, u, True)
                else:
                    adopt(u, j)
                    heads[r.id] = (j, u, False)

    thesis_roles = (Role.THESIS,)
    for i, c in enumerate(claims):
        if roles[c.id] in thesis_roles:
            adopt(root, i)
    grow(1)
    next_claim = 0
    next_junction = 0
    while len(order) < n:
        # Claims (or inferences) that no thesis reaches: a new root each time.
        while next_claim < n_claims and placed[next_claim]:
            next_claim += 1
        if next_claim < n_claims:
            start = len(order)
            adopt(root, next_claim)
            grow(start)
            continue
        while placed[n_claims + next_junction]:
            next_junction += 1
        start = len(order)
        adopt(root, n_claims + next_junction)
        grow(start)

    # Node sizes.
    boxes_raw = []
    across: list[float] = [0.0] * n  # size across the levels
    along: list[float] = [0.0] * n  # size along the direction of the arrows
    vertical = direction in ("up", "down")
    for i, c in enumerate(claims):
        result = results.get(c.id) if results else None
        caption, text_lines, size, w, h = _claim_box(c, roles[c.id], wrap, None if result is None else result[0])
        boxes_raw.append((caption, text_lines, size, w, h))
        across[i], along[i] = (w, h) if vertical else (h, w)
    for j in range(n_claims, root):
        across[j] = along[j] = JUNCTION_SIZE

    # Across: Walker.  Along: each level as thick as its thickest node.
    b = _walker(children, order, across)
    levels = max(depth) + 1
    thick = [0.0] * levels
    for v in order[1:]:
        d = depth[v]
        if along[v] > thick[d]:
            thick[d] = along[v]
    start_of = [0.0] * levels
    pos = 0.0
    for d in range(levels):
        start_of[d] = pos
        pos += thick[d] + RANK_GAP
    extent = pos - RANK_GAP if levels else 0.0
    lo = min((b[v] - across[v] / 2 for v in order[1:]), default=0.0)
    hi = max((b[v] + across[v] / 2 for v in order[1:]), default=0.0)

    # Centres in the final frame, and the two sides facing the root (near)
    # and the leaves (far) along the direction.
    cx = [0.0] * n
    cy = [0.0] * n
    near = [0.0] * n
    far = [0.0] * n
    flip = direction in ("down", "right")
    for v in order[1:]:
        d = depth[v]
        c_along = start_of[d] + thick[d] / 2
        half = along[v] / 2
        a_near, a_far = c_along - half, c_along + half
        if flip:
            c_along, a_near, a_far = extent - c_along, extent - a_near, extent - a_far
        c_across = b[v] - lo
        if vertical:
            cx[v], cy[v] = c_across, c_along
        else:
            cx[v], cy[v] = c_along, c_across
        near[v], far[v] = a_near, a_far

    def point(v: int, side: list[float]) -> tuple[float, float]:
        return (cx[v], side[v]) if vertical else (side[v], cy[v])

    boxes = []
    for i, c in enumerate(claims):
        caption, text_lines, size, w, h = boxes_raw[i]
        boxes.append(Box(c.id, roles[c.id], cx[i] - w / 2, cy[i] - h / 2, w, h, caption, text_lines, size))
    junctions = tuple(Junction(r.id, r.kind, cx[j], cy[j]) for j, r in zip(range(n_claims, root), junction_rel))
    links = []
    for r in relations:
        ends = lines[r.id]
        head = heads.get(r.id)
        if head is not None:
            ends.append(head)
        # An overlay from a claim no deeper than its target leaves from the
        # claim's far side too: it arcs round beyond both, on the leaves' side.
        segs = tuple(
            Segment(point(p, far if overlay and depth[p] <= depth[t] else near), point(t, far), overlay)
            for p, t, overlay in ends
        )
        links.append(Link(r.id, r.kind, r.target in junction_of, segs))
    width, height = (hi - lo, extent) if vertical else (extent, hi - lo)
    return Layout(direction, width, height, tuple(boxes), junctions, tuple(links))
