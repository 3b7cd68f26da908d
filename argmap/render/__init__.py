"""Drawing argument maps: DOT text, SVG/PNG/PDF through Graphviz, Mermaid, and a text tree.

This package is the only part of argmap that uses Graphviz: the ``graphviz``
Python package is imported by :func:`to_graphviz` alone, and the ``dot``
program is run by :mod:`argmap.render.backend` alone.  DOT text, Mermaid text and
the text tree need neither.

>>> from argmap import MapBuilder
>>> from argmap.render import to_dot, to_text
>>> b = MapBuilder()
>>> _ = b.support(b.claim("Eat early"), "The canteen closes at one")
>>> m = b.build()
>>> to_dot(m) == to_dot(m) and to_dot(m).startswith("digraph argmap {")
True
>>> print(to_text(m))
[c1] Eat early
  + [c2] The canteen closes at one

Each renderer is imported on first use (``argmap.render.to_dot`` loads
:mod:`argmap.render.dot` alone), so a program that draws with the tree
layout never loads the Graphviz backend, nor Mermaid.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from argmap.render.dot import DIRECTIONS, to_dot, to_graphviz
    from argmap.render.mermaid import to_mermaid
    from argmap.render.output import FILE_FORMATS, mimebundle, pipe, render, to_svg
    from argmap.render.text import to_text

#: Each public name and the module that defines it (imported on first use, PEP 562).
_LAZY = {
    "DIRECTIONS": "argmap.render.dot",
    "to_dot": "argmap.render.dot",
    "to_graphviz": "argmap.render.dot",
    "to_mermaid": "argmap.render.mermaid",
    "FILE_FORMATS": "argmap.render.output",
    "mimebundle": "argmap.render.output",
    "pipe": "argmap.render.output",
    "render": "argmap.render.output",
    "to_svg": "argmap.render.output",
    "to_text": "argmap.render.text",
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        msg = f"module 'argmap.render' has no attribute {name!r}"
        raise AttributeError(msg)
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


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
