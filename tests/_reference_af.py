"""Adapters to the reference implementations of Dung semantics (test-only).

Each takes (arguments, attacks, semantics) and returns a set of frozensets,
or raises ImportError when its package is not installed.
"""

from __future__ import annotations

import importlib

_PYGARG = {"preferred": "PR", "stable": "ST", "complete": "CO", "grounded": "GR", "semi-stable": "SST", "ideal": "ID"}
_PYARG = {
    "preferred": "get_preferred_extensions",
    "stable": "get_stable_extensions",
    "complete": "get_complete_extensions",
    "grounded": "get_grounded_extension",
    "semi-stable": "get_semistable_extensions",
    "ideal": "get_ideal_extension",
}


def pygarg(args, atts, sem):
    from pygarg.dung import solver

    if not args:
        return {frozenset()}  # one empty extension, stable included
    exts = solver.extension_enumeration(list(args), [list(a) for a in atts], _PYGARG[sem])
    return {frozenset(e) for e in exts}


def formal_argumentation(args, atts, sem):
    from argumentation.core.dung import ArgumentationFramework
    from argumentation.semantics import extensions

    af = ArgumentationFramework(arguments=frozenset(args), defeats=frozenset(atts))
    return {frozenset(e) for e in extensions(af, semantics=sem)}


def pyarg(args, atts, sem):
    from py_arg.abstract_argumentation_classes.abstract_argumentation_framework import (
        AbstractArgumentationFramework,
    )
    from py_arg.abstract_argumentation_classes.argument import Argument
    from py_arg.abstract_argumentation_classes.defeat import Defeat

    objs = {a: Argument(a) for a in args}
    af = AbstractArgumentationFramework("f", list(objs.values()), [Defeat(objs[a], objs[b]) for a, b in atts])
    name = _PYARG[sem]
    result = getattr(importlib.import_module("py_arg.algorithms.semantics." + name), name)(af)
    if sem == "grounded":
        result = [result]
    return {frozenset(x.name for x in e) for e in result}


REFERENCES = {"pygarg": pygarg, "formal-argumentation": formal_argumentation, "PyArg": pyarg}
