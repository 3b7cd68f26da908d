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

from argmap.builder import ClaimRef, MapBuilder, RelationRef
from argmap.errors import (
    ArgmapError,
    ArgmapWarning,
    ExecutableNotFound,
    FormatError,
    LossyConversionWarning,
    ParseError,
    Problem,
    ValidationError,
)
from argmap.corpus import load_all
from argmap.formats import dump, dumps, load, loads
from argmap.model import ArgumentMap, Claim, Kind, Quote, Relation, Role, Source, UnknownIdError

__all__ = [
    "ArgmapError",
    "ArgmapWarning",
    "ArgumentMap",
    "Claim",
    "ClaimRef",
    "ExecutableNotFound",
    "FormatError",
    "Kind",
    "LossyConversionWarning",
    "MapBuilder",
    "ParseError",
    "Problem",
    "Quote",
    "Relation",
    "RelationRef",
    "Role",
    "Source",
    "UnknownIdError",
    "ValidationError",
    "dump",
    "dumps",
    "load",
    "load_all",
    "loads",
]

__version__ = "0.1.0"
