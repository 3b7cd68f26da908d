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
  (the target of an undercut), or which names its argumentation scheme, gets
  a junction: a small dot that is a child of its target and the parent of its
  premises, so linked premises stand side by side under it, the undercut
  stands under it too, at the inference it attacks, and the scheme is
  written beside it.  Any other relation joins its one premise straight to
  the target.
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

A scheme's label (the scheme wrapped to :data:`LABEL_WRAP` characters, 9 pt,
after the kind's name for Argdown's strict kinds, as the DOT picture writes
it) stands beside its junction's dot: to its right when the arrows run up or
down, under it when they run sideways.  The junction's node is made large
enough to hold the label on either side of the dot, so the layout keeps it
clear of every box, dot and other label.

Positions are in SVG user units (points); every level (all nodes at one
depth) is as thick as its thickest node, so no two boxes overlap: within a
level, Walker's algorithm keeps adjacent nodes apart by :data:`GAP`, and
levels are :data:`RANK_GAP` apart.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping

from argmap._kinds import Kind, Role
from argmap.render._shared import _check_options, check_evaluation, wrap
from argmap.render.layout._view import MapView
from argmap.render.layout._walker import GAP
from argmap.render.layout._walker import walker as _walker

TYPE_CHECKING = False  # (typing.TYPE_CHECKING, without importing typing)
if TYPE_CHECKING:
    from argmap.render.layout._view import Rel

__all__ = ["CHAR_WIDTH", "GAP", "RANK_GAP"]

#: Estimated width of one character, as a fraction of the font size.
CHAR_WIDTH = 0.6
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
#: A scheme's label: wrapped to this many characters (as in the DOT
#: picture), this far from its junction's dot (points).
LABEL_WRAP = 24
LABEL_GAP = 4.0

_DIRECTIONS = ("up", "down", "left", "right")


def _text_width(line: str, size: float) -> float:
    if line.isascii():
        return len(line) * CHAR_WIDTH * size
    wide = sum(1 for ch in line if unicodedata.east_asian_width(ch) in "WF")
    return (len(line) + wide) * CHAR_WIDTH * size


class _Arranged:
    """What :func:`_arrange` works out, in arrays indexed by node (claims
    0..n-1 in map order, then the junctions, then the invisible root):
    enough for :func:`tree_layout`'s tuples and for the SVG writer, which
    reads it directly (building a tuple per box and line would cost it
    more than the layout itself)."""

    __slots__ = (
        "boxes",
        "cx",
        "cy",
        "depth",
        "far",
        "heads",
        "height",
        "junction_rel",
        "labels",
        "lines",
        "n_claims",
        "near",
        "roles",
        "vertical",
        "width",
    )

    def __init__(self, **values: object) -> None:
        for name, value in values.items():
            setattr(self, name, value)

    boxes: list[tuple[str, tuple[str, ...], float, float, float]]  # caption, lines, font size, width, height
    cx: list[float]  # centres
    cy: list[float]
    near: list[float]  # the side facing the root, along the direction (a junction's: its dot's)
    far: list[float]  # the side facing the leaves
    depth: list[int]
    junction_rel: list[Rel]  # the relation of each junction, in node order
    lines: dict[str, list[tuple[int, int, bool]]]  # relation id -> its lines: (from node, into node, overlay)
    heads: dict[str, tuple[int, int, bool]]  # relation id -> the line with the head, from its junction
    labels: list[tuple[int, tuple[str, ...], float, float]]  # (junction, lines, width, height)
    n_claims: int
    roles: list[Role]  # each claim's
    vertical: bool
    width: float
    height: float


def _wrapped(texts: list[str], width: int) -> list[tuple[str, ...]]:
    """Each of *texts* wrapped to *width* characters, as
    :func:`argmap.render.dot.wrap` wraps it (the DOT picture's lines), in one
    loop: a short printable text is its own line, a text of one paragraph is
    wrapped by the same regular expression, and only a text of several
    paragraphs takes the general way."""
    findall = _WRAPS.get(width)
    if findall is None:
        findall = _WRAPS[width] = re.compile(rf"\S.{{0,{width - 1}}}(?!\S)|\S{{{width}}}").findall
    joined = " ".join(texts)
    if _printable(joined) and "  " not in joined and joined[:1] != " " and joined[-1:] != " ":
        # The usual case, checked once for all: every text printable and
        # single-spaced (a text that started or ended with a space, or held
        # two, would put two spaces in *joined*, or one at either end).
        return [(text,) if len(text) <= width else tuple(findall(text)) for text in texts]
    out: list[tuple[str, ...]] = []
    add = out.append
    for text in texts:
        if text.isprintable():  # its only white space is " " (every other is not printable)
            if len(text) <= width:
                add((text,))
                continue
            if "  " not in text and text[0] != " " and text[-1] != " ":
                add(tuple(findall(text)))  # (a paragraph already: its words one space apart)
                continue
        if "\n" in text:
            add(tuple(wrap(text, width)))
        else:
            para = " ".join(text.split())
            add(tuple(findall(para)) if len(para) > width else (para,))
    return out


def _printable(text: str) -> bool:
    """``text.isprintable()``, for ASCII text in one pass over its bytes
    (several times faster)."""
    if text.isascii():
        data = text.encode("ascii")
        return len(data.translate(None, _ASCII_UNPRINTABLE)) == len(data)
    return text.isprintable()


#: The ASCII characters that are not printable: the controls and DEL.
_ASCII_UNPRINTABLE = bytes([*range(32), 127])

#: Wrap width -> the ``findall`` of the regular expression that wraps a
#: paragraph: the longest run of at most that many characters that starts a
#: word and ends before a space or the end, or else that many characters of
#: one long word (``wrap``'s, with ``(?!\S)`` for its equal ``(?=\s|$)``).
_WRAPS: dict[int, Callable[[str], list[str]]] = {}


def _label_text(r: Rel) -> str:
    """The label of a relation with a scheme: the scheme, after the kind's
    name where the line has one (as in the DOT picture)."""
    assert r.scheme is not None
    return f"{r.kind.value}: {r.scheme}" if r.kind in _STRICT else r.scheme


_STRICT = (Kind.ENTAILS, Kind.CONTRARY, Kind.CONTRADICTORY)


def _arrange(view: MapView, direction: str, wrap_width: int, evaluation: Mapping[str, object] | None) -> _Arranged:
    """The layout of the map *view* shows (see the module's documentation) as arrays."""
    _check_options(direction, wrap_width)
    results = check_evaluation(view.claim_ids, view.items, evaluation) if evaluation is not None else {}
    ids = view.claim_ids
    relations = view.relations
    roles = view.roles
    n_claims = len(ids)
    index: dict[str, int] = {cid: i for i, cid in enumerate(ids)}

    # Nodes: claims 0..n-1, then one junction per relation that needs one
    # (linked premises, a target of an undercut, or a scheme to name),
    # then the invisible root.
    targeted = {r.target for r in relations}
    junction_of: dict[str, int] = {}
    junction_rel: list[Rel] = []
    for r in relations:
        if len(r.premises) > 1 or r.id in targeted or r.scheme:
            junction_of[r.id] = n_claims + len(junction_rel)
            junction_rel.append(r)
    root = n_claims + len(junction_rel)
    n = root + 1
    into = view.into  # target -> its relations, in map order

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
        # so a claim is placed at its least depth from the roots.  (adopt(),
        # written out where it is called: this loop visits every node.)
        i = start
        while i < len(order):
            u = order[i]
            i += 1
            kids = children[u]
            below = depth[u] + 1
            if u < n_claims:
                name = ids[u]
            else:  # a junction: its premises first, then what bears on its inference
                rel = junction_rel[u - n_claims]
                name = rel.id
                segs = lines.setdefault(name, [])
                for pid in rel.premises:
                    p = index[pid]
                    if placed[p]:
                        segs.append((p, u, True))
                    else:
                        placed[p] = True
                        depth[p] = below
                        kids.append(p)
                        order.append(p)
                        segs.append((p, u, False))
            for r in into.get(name, ()):
                rid = r.id
                j = junction_of.get(rid)
                if j is None:
                    p = index[r.premises[0]]
                    if placed[p]:
                        lines[rid] = [(p, u, True)]
                    else:
                        placed[p] = True
                        depth[p] = below
                        kids.append(p)
                        order.append(p)
                        lines[rid] = [(p, u, False)]
                elif placed[j]:  # a root of its own: the undercuts form a cycle
                    heads[rid] = (j, u, True)
                else:
                    placed[j] = True
                    depth[j] = below
                    kids.append(j)
                    order.append(j)
                    heads[rid] = (j, u, False)

    thesis = Role.THESIS
    for i, role in enumerate(roles):
        if role is thesis:
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

    # Node sizes.  A claim's box holds its caption over its wrapped text
    # (see the module's documentation).  Worked out a column at a time, each
    # a comprehension or a map: this is the layout's busiest part.
    vertical = direction in ("up", "down")
    texts = view.texts
    wrapped = _wrapped(texts, wrap_width)
    sizes = [THESIS_FONT_SIZE if role is thesis else FONT_SIZE for role in roles]
    upper = {role: role.value.upper() for role in Role}
    captions = [f"{upper[role]} · {cid}" for role, cid in zip(roles, ids)]
    if results:
        for i, cid in enumerate(ids):
            result = results.get(cid)
            if result is not None:
                captions[i] = f"{captions[i]} · {result[0]}"
    char, caption_size, pad = CHAR_WIDTH, CAPTION_SIZE, 2 * PAD_X
    widths = [
        max(max(map(len, lines)) * char * size, len(caption) * char * caption_size) + pad
        for lines, size, caption in zip(wrapped, sizes, captions)
    ]
    for i in () if "".join(texts).isascii() else range(n_claims):
        if not texts[i].isascii():  # East Asian wide characters count twice
            w = max(*[_text_width(s, sizes[i]) for s in wrapped[i]], _text_width(captions[i], CAPTION_SIZE))
            widths[i] = w + 2 * PAD_X
    caption_h = CAPTION_SIZE * LINE_HEIGHT
    heights = [caption_h + n * size * LINE_HEIGHT + 2 * PAD_Y for n, size in zip(map(len, wrapped), sizes)]
    boxes = list(zip(captions, wrapped, sizes, widths, heights))
    junction_sizes = [JUNCTION_SIZE] * (n - n_claims)
    # size across the levels, and along the direction of the arrows
    across = (widths if vertical else heights) + junction_sizes
    along = (heights if vertical else widths) + junction_sizes
    # A scheme is written beside its junction's dot (to its right, or under
    # it when the arrows run sideways): the junction's node is made large
    # enough to hold it on either side, so nothing else is placed there.
    labels: list[tuple[int, tuple[str, ...], float, float]] = []
    for j, r in enumerate(junction_rel, n_claims):
        if r.scheme:
            label = tuple(wrap(_label_text(r), LABEL_WRAP))
            lw = max(_text_width(s, CAPTION_SIZE) for s in label)
            lh = len(label) * CAPTION_SIZE * LINE_HEIGHT
            labels.append((j, label, lw, lh))
            reach = JUNCTION_SIZE / 2 + LABEL_GAP
            if vertical:
                across[j] = 2 * (reach + lw)
                along[j] = max(JUNCTION_SIZE, lh)
            else:
                across[j] = 2 * (reach + lh)
                along[j] = max(JUNCTION_SIZE, lw)

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
    # and the leaves (far) along the direction: a junction's lines meet at
    # its dot, whatever room its label takes.
    cx = [0.0] * n
    cy = [0.0] * n
    near = [0.0] * n
    far = [0.0] * n
    flip = direction in ("down", "right")
    dot = JUNCTION_SIZE / 2
    for v in order[1:]:
        d = depth[v]
        c_along = start_of[d] + thick[d] / 2
        half = along[v] / 2 if v < n_claims else dot
        a_near, a_far = c_along - half, c_along + half
        if flip:
            c_along, a_near, a_far = extent - c_along, extent - a_near, extent - a_far
        c_across = b[v] - lo
        if vertical:
            cx[v] = c_across
            cy[v] = c_along
        else:
            cx[v] = c_along
            cy[v] = c_across
        near[v] = a_near
        far[v] = a_far
    width, height = (hi - lo, extent) if vertical else (extent, hi - lo)
    return _Arranged(
        boxes=boxes,
        cx=cx,
        cy=cy,
        depth=depth,
        far=far,
        heads=heads,
        height=height,
        junction_rel=junction_rel,
        labels=labels,
        lines=lines,
        n_claims=n_claims,
        near=near,
        roles=roles,
        vertical=vertical,
        width=width,
    )


def _label_box(a: _Arranged, j: int, lw: float, lh: float) -> tuple[float, float]:
    """The top left corner of the label of junction *j*, *lw* x *lh*."""
    reach = JUNCTION_SIZE / 2 + LABEL_GAP
    if a.vertical:
        return a.cx[j] + reach, a.cy[j] - lh / 2
    return a.cx[j] - lw / 2, a.cy[j] + reach
