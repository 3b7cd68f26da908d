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

from typing import TYPE_CHECKING, Any

# The one place the version is written: pyproject.toml reads it from here.
__version__ = "0.1.0"

from argmap import _display
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

# Jupyter shows a map as its drawing: argmap.model asks argmap._display, and
# the renderers, registered here by name, load on the first display.
_display.register("ArgumentMap", "argmap.render:mimebundle")

if TYPE_CHECKING:
    from argmap.analysis import compare, compare_many, stats
    from argmap.builder import ClaimRef, MapBuilder, RelationRef
    from argmap.corpus import load_all
    from argmap.formats import dump, dumps, load, loads
    from argmap.model import ArgumentMap, Claim, Kind, Quote, Relation, Role, Source, UnknownIdError

# The rest is imported on first use (PEP 562), so that a program that needs
# only part of argmap (``import argmap.semantics``, say) starts fast.
_LAZY = {
    "compare": "argmap.analysis",
    "compare_many": "argmap.analysis",
    "stats": "argmap.analysis",
    "ClaimRef": "argmap.builder",
    "MapBuilder": "argmap.builder",
    "RelationRef": "argmap.builder",
    "load_all": "argmap.corpus",
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


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        msg = f"module 'argmap' has no attribute {name!r}"
        raise AttributeError(msg)
    import importlib

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
