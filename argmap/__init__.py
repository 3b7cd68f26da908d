"""argmap: argument maps in Python.

Model a text's argument as a map (thesis, premises, objections, rebuttals,
linked premises, undercuts), draw it with Graphviz, read and write it as JSON.

>>> import argmap
>>> b = argmap.MapBuilder(title="Tea")
>>> t = b.claim("Tea is better than coffee")
>>> _ = b.support(t, "Tea has less caffeine")
>>> m = b.build()
>>> argmap.loads(argmap.dumps(m)) == m
True
"""

from __future__ import annotations

# The one place the version is written: pyproject.toml reads it from here.
__version__ = "0.1.0"

from argmap import _display

# Jupyter shows a map as its drawing: argmap.model asks argmap._display, and
# the renderers, registered here by name, load on the first display.
_display.register("ArgumentMap", "argmap.render:mimebundle")

TYPE_CHECKING = False  # (typing.TYPE_CHECKING, without importing typing)
if TYPE_CHECKING:
    from typing import Any

    from argmap.analysis import compare, compare_many, stats
    from argmap.builder import ClaimRef, MapBuilder, RelationRef
    from argmap.corpus import load_all
    from argmap.errors import (
        ArgmapError,
        ArgmapWarning,
        ExecutableNotFound,
        FormatError,
        LimitError,
        LossyConversionWarning,
        MissingDependencyError,
        ParseError,
        Problem,
        ValidationError,
        WriteError,
    )
    from argmap.formats import dump, dumps, load, loads
    from argmap.model import ArgumentMap, Claim, Kind, Quote, Relation, Role, Source, UnknownIdError

# Everything is imported on first use (PEP 562), so that ``import argmap``
# loads nothing but this file, and a program that needs only part of argmap
# (``import argmap.semantics``, the ``argmap`` command) starts fast.
_LAZY = {
    "compare": "argmap.analysis",
    "compare_many": "argmap.analysis",
    "stats": "argmap.analysis",
    "ClaimRef": "argmap.builder",
    "MapBuilder": "argmap.builder",
    "RelationRef": "argmap.builder",
    "load_all": "argmap.corpus",
    "ArgmapError": "argmap.errors",
    "ArgmapWarning": "argmap.errors",
    "ExecutableNotFound": "argmap.errors",
    "FormatError": "argmap.errors",
    "LimitError": "argmap.errors",
    "LossyConversionWarning": "argmap.errors",
    "MissingDependencyError": "argmap.errors",
    "ParseError": "argmap.errors",
    "Problem": "argmap.errors",
    "ValidationError": "argmap.errors",
    "WriteError": "argmap.errors",
    "dump": "argmap.formats",
    "dumps": "argmap.formats",
    "load": "argmap.formats",
    "loads": "argmap.formats",
    "ArgumentMap": "argmap.model",
    "Claim": "argmap.model",
    "Kind": "argmap.model",
    "Quote": "argmap.model",
    "Relation": "argmap.model",
    "Role": "argmap.model",
    "Source": "argmap.model",
    "UnknownIdError": "argmap.model",
}

#: Submodules that ``import argmap`` used to load, still reachable as
#: attributes (``argmap.errors.escape``) without their own import.
_SUBMODULES = ("errors",)


def __getattr__(name: str) -> Any:
    import importlib

    module = _LAZY.get(name)
    if module is None:
        if name in _SUBMODULES:
            return importlib.import_module(f"argmap.{name}")
        msg = f"module 'argmap' has no attribute {name!r}"
        raise AttributeError(msg)
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "ArgmapError",
    "ArgmapWarning",
    "ArgumentMap",
    "Claim",
    "ClaimRef",
    "ExecutableNotFound",
    "FormatError",
    "Kind",
    "LimitError",
    "LossyConversionWarning",
    "MapBuilder",
    "MissingDependencyError",
    "ParseError",
    "Problem",
    "Quote",
    "Relation",
    "RelationRef",
    "Role",
    "Source",
    "UnknownIdError",
    "ValidationError",
    "WriteError",
    "compare",
    "compare_many",
    "dump",
    "dumps",
    "load",
    "load_all",
    "loads",
    "stats",
]
