"""argmap's own tree layout, drawn as SVG without Graphviz.

:func:`tree_layout` turns a map into geometry (boxes, junctions and the
lines of each relation); :func:`to_tree_svg` draws it.  Both take linear
time, so they serve maps far beyond what Graphviz's ``dot`` lays out in
reasonable time.  :func:`choose_layout` is how ``render(..., layout="auto")``
picks between the two.
"""

from __future__ import annotations

from collections.abc import Callable

from argmap.errors import ArgmapError
from argmap.render.layout._geometry import CHAR_WIDTH, GAP, RANK_GAP
from argmap.render.layout._svg import to_tree_svg

TYPE_CHECKING = False  # (typing.TYPE_CHECKING, without importing typing)
if TYPE_CHECKING:
    from argmap.model import ArgumentMap
    from argmap.render.layout._shapes import Box, Junction, Layout, Link, Segment, tree_layout

#: The geometry's names, loaded on first use (PEP 562): drawing a map to SVG
#: reads the layout's arrays, and needs neither them nor their classes.
_SHAPES = frozenset({"Box", "Junction", "Layout", "Link", "Segment", "tree_layout"})


def __getattr__(name: str) -> object:
    if name not in _SHAPES:
        msg = f"module 'argmap.render.layout' has no attribute {name!r}"
        raise AttributeError(msg)
    import importlib

    value = getattr(importlib.import_module("argmap.render.layout._shapes"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | _SHAPES)


__all__ = [
    "AUTO_MAX_CLAIMS",
    "CHAR_WIDTH",
    "GAP",
    "LAYOUTS",
    "RANK_GAP",
    "Box",
    "Junction",
    "Layout",
    "Link",
    "Segment",
    "choose_layout",
    "to_tree_svg",
    "tree_layout",
]

#: The ``layout=`` choices of :func:`argmap.render.render`.
LAYOUTS = ("auto", "dot", "tree")

#: ``layout="auto"`` draws SVG with Graphviz's ``dot`` up to this many claims
#: and with the tree layout beyond (dot needs about 0.5 s at 1,000 claims,
#: 2.4 s at 3,000 and half a minute at 10,000).
AUTO_MAX_CLAIMS = 1000


def choose_layout(m: ArgumentMap, layout: str, fmt: str, *, have_dot: bool | Callable[[], bool]) -> str:
    """``"dot"`` or ``"tree"``: who lays out *m* for output format *fmt*.

    ``"auto"`` takes dot for PNG and PDF, and for SVG of at most
    :data:`AUTO_MAX_CLAIMS` claims when the ``dot`` program is there (*have_dot*,
    or what it returns if it is a function: it is called only when the answer
    matters); the tree layout otherwise.  The tree layout writes SVG only: asking it for
    another format raises :class:`~argmap.errors.ArgmapError`.

    >>> from argmap import MapBuilder
    >>> b = MapBuilder()
    >>> m = b.build() if b.claim("Tea") else None
    >>> choose_layout(m, "auto", "svg", have_dot=True), choose_layout(m, "auto", "svg", have_dot=False)
    ('dot', 'tree')
    >>> choose_layout(m, "tree", "png", have_dot=True)
    Traceback (most recent call last):
    ...
    argmap.errors.ArgmapError: layout='tree' draws SVG only, not png: write an .svg file (--format svg), or use layout='dot' (--layout dot)
    """
    return _choose(len(m.claims), layout, fmt, have_dot=have_dot)


def _choose(n_claims: int, layout: str, fmt: str, *, have_dot: bool | Callable[[], bool]) -> str:
    """:func:`choose_layout` for a map of *n_claims* claims."""
    if layout not in LAYOUTS:
        msg = f"layout must be one of {', '.join(map(repr, LAYOUTS))}, not {layout!r}"
        raise ArgmapError(msg)
    if layout == "tree":
        if fmt != "svg":
            msg = f"layout='tree' draws SVG only, not {fmt}: write an .svg file (--format svg), or use layout='dot' (--layout dot)"
            raise ArgmapError(msg)
        return "tree"
    if layout == "dot" or fmt != "svg":
        return "dot"
    if n_claims > AUTO_MAX_CLAIMS:
        return "tree"
    return "dot" if (have_dot() if callable(have_dot) else have_dot) else "tree"
