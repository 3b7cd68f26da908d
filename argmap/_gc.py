"""Pausing Python's cyclic garbage collector while a big structure is built.

Reading a large map, or projecting one onto a framework, makes hundreds of
thousands of small objects (tuples, dicts, frozen values) that hold no
reference cycles.  The cyclic collector would still scan the growing heap
again and again as they are allocated, which can double or triple the time;
pausing it for the duration changes nothing else (reference counting still
frees what is dropped, and the collector runs again afterwards).

When the block returns a large structure (a map just read), the collector's
first run afterwards would still scan all of it as young objects, at once:
``paused(promote=True)`` files what the block made as old instead (as if it
had survived the young collections), so that only a full collection looks at
it again.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable

TYPE_CHECKING = False  # (typing.TYPE_CHECKING, without importing typing)
if TYPE_CHECKING:  # (the drawing's modules load this one, and not typing)
    from typing import ParamSpec, TypeVar

    P = ParamSpec("P")
    R = TypeVar("R")

__all__ = ["paused", "pausing"]


class paused:
    """Run the ``with`` block with the cyclic collector off (and restore it
    as it was, even on an exception).

    With *promote*, the objects the collector tracks are moved into its
    oldest generation when it is turned back on (``gc.freeze()`` then
    ``gc.unfreeze()``: two list splices, no scan); not when the program keeps
    objects frozen itself, which ``gc.unfreeze()`` would release (CPython
    3.12 files its immortal objects as frozen once a full collection has
    seen them: there, after one, the block's objects stay young).

    (A class rather than a generator under ``contextlib.contextmanager``:
    ``argmap render`` would load contextlib for it alone.)"""

    __slots__ = ("_enabled", "_promote")

    def __init__(self, *, promote: bool = False) -> None:
        self._promote = promote
        self._enabled = False

    def __enter__(self) -> None:
        self._enabled = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc_info: object) -> None:
        if self._enabled:
            if self._promote and not gc.get_freeze_count():
                gc.freeze()
                gc.unfreeze()
            gc.enable()


def pausing(fn: Callable[P, R]) -> Callable[P, R]:
    """Decorate *fn* to run with the cyclic collector paused."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with paused():
            return fn(*args, **kwargs)

    return wrapper
