"""Drawing argument maps: DOT text, SVG/PNG/PDF through Graphviz, Mermaid, and a text tree.

This package is the only part of argmap that uses Graphviz: the ``graphviz``
Python package is imported by :func:`to_graphviz` alone, and the ``dot``
program is run by :mod:`argmap.render.backend` alone.  DOT text, Mermaid text and
the text tree need neither.

>>> from argmap import MapBuilder
>>> b = MapBuilder()
>>> _ = b.support(b.claim("Eat early"), "The canteen closes at one")
>>> m = b.build()
>>> to_dot(m) == to_dot(m) and to_dot(m).startswith("digraph argmap {")
True
>>> print(to_text(m))
[c1] Eat early
  + [c2] The canteen closes at one
"""

from argmap.render.dot import DIRECTIONS, to_dot, to_graphviz
from argmap.render.mermaid import to_mermaid
from argmap.render.output import FILE_FORMATS, mimebundle, pipe, render, to_svg
from argmap.render.text import to_text

__all__ = [
    "DIRECTIONS",
    "FILE_FORMATS",
    "mimebundle",
    "pipe",
    "render",
    "to_dot",
    "to_graphviz",
    "to_mermaid",
    "to_svg",
    "to_text",
]
