"""Optional dependencies: every import of a package that an extra installs.

argmap's core needs attrs, graphviz and PyYAML.  The other packages it can use
come with an extra (``pip install 'argmap[networkx]'``), and each module that
needs one imports it through :func:`import_module`, so that a missing package
raises a :class:`~argmap.errors.MissingDependencyError` that names the extra,
never a bare ``ModuleNotFoundError``.

>>> import sys
>>> saved = sys.modules.get("clingo")
>>> sys.modules["clingo"] = None  # as if clingo were not installed
>>> import_module("clingo", needed_for='backend "clingo"')
Traceback (most recent call last):
...
argmap.errors.MissingDependencyError: backend "clingo" needs the optional package 'clingo', which is not installed: pip install 'argmap[clingo]'
>>> if saved is None: del sys.modules["clingo"]
... else: sys.modules["clingo"] = saved
"""

from __future__ import annotations

import importlib
from types import ModuleType

from argmap.errors import MissingDependencyError

__all__ = ["EXTRAS", "import_module"]

#: Each optional package (its import name) and the extra that installs it.
EXTRAS = {
    "clingo": "clingo",
    "hypothesis": "strategies",
    "matplotlib": "plot",
    "networkx": "networkx",
    "pandas": "pandas",
}


def import_module(module: str, *, needed_for: str) -> ModuleType:
    """Import *module* (a package in :data:`EXTRAS`, or one of its submodules)
    for *needed_for* (a feature, named in the error).

    Raises :class:`~argmap.errors.MissingDependencyError` when the package is
    not installed.  A package that is installed but fails to import for its
    own reasons (one of its dependencies missing, say) raises its own error.
    """
    top = module.partition(".")[0]
    extra = EXTRAS.get(top)
    if extra is None:
        known = ", ".join(sorted(EXTRAS))
        msg = f"{top!r} is not an optional dependency of argmap; known: {known}"
        raise ValueError(msg)
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as e:
        if e.name != top and e.name != module:
            raise
        raise MissingDependencyError(top, extra=extra, needed_for=needed_for) from None
