"""The tree layout as geometry: :func:`tree_layout` and the named tuples it
gives (boxes, junctions, the lines of each relation, the schemes' labels).

The layout itself is :mod:`argmap.render.layout._geometry`'s (its module
documentation describes it); the SVG writer reads its arrays directly, so
drawing a map loads neither this module nor the classes it declares.
"""

from __future__ import annotations

from collections.abc import Mapping

from argmap._kinds import Kind, Role
from argmap._namedtuple import NamedTuple
from argmap.render.layout._geometry import _arrange, _label_box
from argmap.render.layout._view import view_of

TYPE_CHECKING = False  # (typing.TYPE_CHECKING, without importing typing)
if TYPE_CHECKING:
    from argmap.model import ArgumentMap

__all__ = ["Box", "Junction", "Label", "Layout", "Link", "Segment", "tree_layout"]


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


class Label(NamedTuple):
    """A relation's argumentation scheme, written beside its junction: *x*,
    *y* is the top left corner of its *lines* (the scheme wrapped, at the
    caption's size, in italics)."""

    id: str
    x: float
    y: float
    width: float
    height: float
    lines: tuple[str, ...]


class Layout(NamedTuple):
    """Where everything goes: boxes in claim order, links and junctions in
    relation order, the labels of the relations that name a scheme, inside a
    *width* x *height* area."""

    direction: str
    width: float
    height: float
    boxes: tuple[Box, ...]
    junctions: tuple[Junction, ...]
    links: tuple[Link, ...]
    labels: tuple[Label, ...] = ()


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
    a = _arrange(view_of(m), direction, wrap, evaluation)
    cx, cy, near, far, depth = a.cx, a.cy, a.near, a.far, a.depth
    vertical = a.vertical
    roles = a.roles

    def point(v: int, side: list[float]) -> tuple[float, float]:
        return (cx[v], side[v]) if vertical else (side[v], cy[v])

    boxes = []
    for i, c in enumerate(m.claims):
        caption, text_lines, size, w, h = a.boxes[i]
        boxes.append(Box(c.id, roles[i], cx[i] - w / 2, cy[i] - h / 2, w, h, caption, text_lines, size))
    n_claims = a.n_claims
    junctions = tuple(Junction(r.id, r.kind, cx[j], cy[j]) for j, r in enumerate(a.junction_rel, n_claims))
    links = []
    lines, heads = a.lines, a.heads
    with_junction = {r.id for r in a.junction_rel}  # (every relation that is a target has one)
    for r in m.relations:
        ends = list(lines[r.id])
        head = heads.get(r.id)
        if head is not None:
            ends.append(head)
        # An overlay from a claim no deeper than its target leaves from the
        # claim's far side too: it arcs round beyond both, on the leaves' side.
        segs = tuple(
            Segment(point(p, far if overlay and depth[p] <= depth[t] else near), point(t, far), overlay)
            for p, t, overlay in ends
        )
        links.append(Link(r.id, r.kind, r.target in with_junction, segs))
    labels = []
    for j, text_lines, lw, lh in a.labels:
        x, y = _label_box(a, j, lw, lh)
        labels.append(Label(a.junction_rel[j - n_claims].id, x, y, lw, lh, text_lines))
    return Layout(direction, a.width, a.height, tuple(boxes), junctions, tuple(links), tuple(labels))
