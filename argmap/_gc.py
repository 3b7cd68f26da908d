"""Pausing Python's cyclic garbage collector while a big structure is built.

Reading a large map, or projecting one onto a framework, makes hundreds of
thousands of small objects (tuples, dicts, frozen values) that hold no
reference cycles.  The cyclic collector would still scan the growing heap
again and again as they are allocated, which can double or triple the time;
pausing it for the duration changes nothing else (reference counting still
frees what is dropped, and the collector runs again afterwards).
"""

from __future__ import annotations

import contextlib
import functools
import gc
from collections.abc import Callable, Iterator
from typing import ParamSpec, TypeVar

__all__ = ["paused", "pausing"]

P = ParamSpec("P")
R = TypeVar("R")


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """Run the ``with`` block with the cyclic collector off (and restore it
    as it was, even on an exception)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def pausing(fn: Callable[P, R]) -> Callable[P, R]:
    """Decorate *fn* to run with the cyclic collector paused."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with paused():
            return fn(*args, **kwargs)

    return wrapper
