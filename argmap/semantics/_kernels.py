"""The index-based machinery under :mod:`argmap.semantics.dung` and
:mod:`argmap.semantics.asp`: the limits of one call, the grounded labelling,
the checks on sets of argument indices, and the range and ideal set of the
extensions found.

Everything here works on a :class:`~argmap.semantics.dung.Framework`'s
positions (argument ``i`` is ``f.arguments[i]``; ``f._att[i]`` and
``f._tgt[i]`` are its attackers and targets): the public functions map
arguments to positions and back.  The labelling search itself is in
:mod:`argmap.semantics._search` and :mod:`argmap.semantics._packed`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING, Generic, NamedTuple, TypeVar

from argmap.errors import SemanticsError, SemanticsLimitError

if TYPE_CHECKING:
    from argmap.semantics.dung import Framework

# --------------------------------------------------------------------------
# Limits


def _check_limits(max_extensions: object, timeout: object) -> float | None:
    """Check *max_extensions* and *timeout*; return the deadline (a
    :func:`time.monotonic` time) or None."""
    if isinstance(max_extensions, bool) or not isinstance(max_extensions, int) or max_extensions < 1:
        msg = f"max_extensions must be a positive whole number, not {max_extensions!r}"
        raise SemanticsError(msg)
    return _deadline(timeout)


def _deadline(timeout: object) -> float | None:
    """The :func:`time.monotonic` time *timeout* seconds from now (None:
    no timeout), after checking *timeout*."""
    if timeout is None:
        return None
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not timeout > 0:
        msg = f"timeout must be a positive number of seconds or None, not {timeout!r}"
        raise SemanticsError(msg)
    return time.monotonic() + timeout


def _too_many(semantics: str, max_extensions: int) -> SemanticsLimitError:
    msg = f"more than {max_extensions} {semantics} extensions; pass max_extensions= (--max-extensions) to allow more"
    return SemanticsLimitError(msg, limit="max_extensions", value=max_extensions)


def _timed_out(what: str, timeout: float) -> SemanticsLimitError:
    msg = f"{what} took longer than timeout={timeout:g} seconds; pass timeout= (--time-limit) to allow more"
    return SemanticsLimitError(msg, limit="timeout", value=timeout)


class _Budget:
    """The limits of one call: counts extensions against *max_extensions*
    and checks the clock (every 16 steps) against *timeout*."""

    __slots__ = ("deadline", "max_extensions", "semantics", "ticks", "timeout")

    def __init__(self, semantics: str, max_extensions: int, timeout: float | None = None):
        self.semantics = semantics
        self.max_extensions = max_extensions
        self.timeout = timeout
        self.deadline = _check_limits(max_extensions, timeout)
        self.ticks = 0

    def count(self, n: int) -> None:
        """*n* extensions are held: raise if that is more than allowed."""
        if n > self.max_extensions:
            raise _too_many(self.semantics, self.max_extensions)

    def tick(self) -> None:
        """One step of work: raise when the deadline has passed."""
        if self.deadline is not None:
            self.ticks += 1
            if not self.ticks & 15 and time.monotonic() > self.deadline:
                raise self.timed_out()

    def left(self) -> float | None:
        """Seconds left before the deadline (None: no deadline)."""
        return None if self.deadline is None else self.deadline - time.monotonic()

    def timed_out(self) -> SemanticsLimitError:
        """The error for a call that has run past its deadline."""
        assert self.timeout is not None  # (there is a deadline)
        return _timed_out(f"computing the {self.semantics} extensions", self.timeout)


# --------------------------------------------------------------------------
# Grounded


def _grounded(f: Framework) -> tuple[bytes, tuple[int, ...]]:
    """The grounded labelling (0 undec, 1 in, 2 out) and the in-arguments in
    the order they were found.  Linear in the size of the framework, and
    computed once per framework (the choice of back-end and the search both
    start from it)."""
    g = f._ground
    if g is None:
        g = _compute_grounded(f)
        object.__setattr__(f, "_ground", g)
    return g


def _compute_grounded(f: Framework) -> tuple[bytes, tuple[int, ...]]:
    att, tgt = f._att, f._tgt
    n = len(att)
    label = bytearray(n)
    live = [len(a) for a in att]  # attackers not (yet) out
    stack = [i for i in range(n) if not live[i]]
    found: list[int] = []
    for i in stack:
        label[i] = 1
    while stack:
        i = stack.pop()
        found.append(i)
        for j in tgt[i]:
            if label[j] == 0:
                label[j] = 2
                for k in tgt[j]:
                    live[k] -= 1
                    if live[k] == 0 and label[k] == 0:
                        label[k] = 1
                        stack.append(k)
    return bytes(label), tuple(found)


# --------------------------------------------------------------------------
# Checks on sets of indices


def _conflict_free_ix(f: Framework, ix: AbstractSet[int]) -> bool:
    """No argument of *ix* attacks one of *ix*."""
    tgt = f._tgt
    return not any(j in ix for i in ix for j in tgt[i])


def _defended(f: Framework, ix: AbstractSet[int]) -> list[bool]:
    """For each argument, whether *ix* attacks all of its attackers."""
    hit = bytearray(len(f))
    for i in ix:
        for j in f._tgt[i]:
            hit[j] = 1
    return [all(hit[k] for k in atts) for atts in f._att]


def _is_complete_ix(f: Framework, ix: AbstractSet[int]) -> bool:
    """*ix* is conflict-free, defends each of its arguments and contains
    every argument it defends."""
    if not _conflict_free_ix(f, ix):
        return False
    d = _defended(f, ix)
    return all(d[i] == (i in ix) for i in range(len(f)))


def _range(f: Framework, s: frozenset[int]) -> frozenset[int]:
    """*s* and the arguments it attacks."""
    tgt = f._tgt
    return s | {j for i in s for j in tgt[i]}


def _ideal_ix(f: Framework, prefs: list[frozenset[int]]) -> frozenset[int]:
    """The largest admissible subset of every set of *prefs* (the
    preferred extensions): the ideal extension."""
    return frozenset(_largest_admissible(f, set(frozenset.intersection(*prefs)) if prefs else set()))


def _largest_admissible(
    f: Framework, s: set[int], names: AbstractSet[int] | None = None, budget: _Budget | None = None
) -> set[int]:
    """The largest subset of the conflict-free set *s* (of the part
    *names*; None: of all of *f*) that defends each of its arguments
    against their attackers in the part: an argument with an attacker that no member attacks is
    dropped, and a drop rechecks only the arguments attacked by those
    that no member attacks any more (linear, where dropping the
    undefended all at once, round after round, is quadratic on a chain of
    arguments each defended by the one before)."""
    att, tgt = f._att, f._tgt
    hits = {j: 0 for i in s for j in tgt[i]}  # per argument, the members that attack it
    for i in s:
        for j in tgt[i]:
            hits[j] += 1
    if names is None:
        names = frozenset(range(len(att)))
    queue = [x for x in s if any(a in names and not hits.get(a) for a in att[x])]
    keep = set(s)
    while queue:
        if budget is not None:
            budget.tick()
        x = queue.pop()
        if x not in keep:
            continue
        keep.discard(x)
        for j in tgt[x]:
            hits[j] -= 1
            if not hits[j] and j in names:
                queue += [y for y in tgt[j] if y in keep]
    return keep


# --------------------------------------------------------------------------
# What the labelling search's kernels share

_BLANK, _IN, _OUT, _MUST_OUT, _UNDEC = 0, 1, 2, 3, 4

S = TypeVar("S")


class Kernel(NamedTuple, Generic[S]):
    """A kernel of the labelling search (see
    :func:`argmap.semantics._search._search`): whether the start (the
    grounded labelling, propagated) is consistent, the state after it, and
    the operations on a state.  The labels themselves are in the list the
    kernel was given."""

    ok: bool
    state: S
    #: Label the argument IN (or not IN) and propagate: (consistent?, state).
    decide_in: Callable[[int, S], tuple[bool, S]]
    decide_out: Callable[[int, S], tuple[bool, S]]
    #: The argument to branch on, or -1 when every one is decided.
    choose: Callable[[S], int]
    #: A copy of the state for a choice point (None: the state is immutable).
    save: Callable[[S], S] | None
    #: The state back from a copy (None: use the copy as it is).
    restore: Callable[[S], S] | None
