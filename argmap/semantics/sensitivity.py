"""What a strength hinges on: sensitivity of one argument to every other.

For a *target* (a thesis, or any claim) and each argument ``x`` that can
reach it, :func:`sensitivity` measures how the target's strength changes
when

* ``x`` is **removed** (with its attacks and supports),
* ``x``'s base score is set to **0** and to **1**,

and gives ``x``'s **gradient** ``d strength(target) / d base(x)`` (central
differences) and its **attribution**: gradient times base score,
``g_x * w_x``, the first-order share of the target's strength that rests on
``x``'s own base score, normalised so that the absolute attributions sum to
1.  (Gradient-times-input is the simplest of the gradient attributions; in
a QBAF the target's strength is 0 when every base score is 0 for DF-QuAD
and Euler, so it splits the outcome over the claims that produce it.)

Claims are ranked by *impact*: the largest of the three changes in absolute
value.  Only arguments with a path to the target are evaluated, on the
sub-framework they span.  Its strengths are computed once; each change then
re-evaluates only the arguments it reaches, and only as far as it changes
their strengths (see :class:`_Perturbation`), which gives the same numbers
as evaluating the changed framework afresh.  A change fades as it travels
(by half or more per step for DF-QuAD at the default base score 0.5), so
the cost is about linear in the size of the part.

>>> from argmap.semantics import QBAF
>>> q = QBAF({"t": 0.5, "s": 0.6, "a": 0.9, "d": 0.2},
...          attacks=[("a", "t"), ("d", "a")], supports=[("s", "t")])
>>> ranked = sensitivity(q, "t")
>>> [(i.argument, round(i.impact, 2)) for i in ranked]
[('a', 0.36), ('d', 0.36), ('s', 0.3)]
>>> round(ranked[0].removed, 2)  # without the objection, t gains 0.36
0.36
"""

from __future__ import annotations

import heapq
import time
from collections.abc import Hashable
from typing import TYPE_CHECKING, NamedTuple

from argmap.errors import ConvergenceError, SemanticsError
from argmap.semantics._kernels import _deadline, _timed_out
from argmap.semantics.evaluation import evaluate as evaluate  # (its home was this module)
from argmap.semantics.gradual import _UPDATES, QBAF, _structure, strengths
from argmap.semantics.projection import qbaf

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

__all__ = ["Influence", "sensitivity"]


class Influence(NamedTuple):
    """How much *argument* matters to the target: the change of the target's
    strength when it is removed, or its base score set to 0 or 1; the
    gradient of the target's strength by its base score; its attribution
    (signed share); and ``impact``, the largest change in absolute value."""

    argument: Hashable
    removed: float
    at_zero: float
    at_one: float
    gradient: float
    attribution: float
    impact: float


def _ancestors(q: QBAF, target: Hashable) -> list[Hashable]:
    into: dict[Hashable, list[Hashable]] = {}
    for a, b in q.attacks + q.supports + q.links:
        into.setdefault(b, []).append(a)
    seen = {target}
    stack = [target]
    while stack:
        for a in into.get(stack.pop(), ()):
            if a not in seen:
                seen.add(a)
                stack.append(a)
    return [a for a in q.arguments if a in seen]


def sensitivity(
    source: QBAF | ArgumentMap,
    target: Hashable,
    semantics: str = "df-quad",
    *,
    eps: float = 1e-4,
    max_iter: int = 1000,
    tol: float = 1e-9,
    timeout: float | None = None,
) -> list[Influence]:
    """The arguments that bear on *target*, most influential first (see the
    module's documentation).  *source* is a :class:`QBAF` or a map (then
    projected with :func:`~argmap.semantics.qbaf`, and only claims are
    ranked).  With a *timeout* (seconds), stop with
    :class:`~argmap.semantics.SemanticsLimitError` once it has run that
    long."""
    from argmap.model import ArgumentMap

    deadline = _deadline(timeout)
    if isinstance(source, ArgumentMap):
        q = qbaf(source)
        rankable = {c.id for c in source.claims}
    else:
        q = source
        rankable = None
    if target not in q.base:
        msg = f"{target!r} is not an argument of the framework"
        raise SemanticsError(msg)
    keep = _ancestors(q, target)
    sub = q.replace(drop=[a for a in q.arguments if a not in set(keep)]) if len(keep) < len(q) else q
    p = _Perturbation(sub, semantics, max_iter, tol)
    t = sub._index[target]
    now = p.sigma[t]
    rows: list[tuple[Hashable, float, float, float, float, float]] = []
    for step, x in enumerate(keep):
        if x == target or (rankable is not None and x not in rankable):
            continue
        if deadline is not None and not step & 15 and time.monotonic() > deadline:
            assert timeout is not None  # (there is a deadline)
            raise _timed_out(f"the sensitivity of {target!r}", timeout)
        i = sub._index[x]
        w = sub.base[x]
        removed = p.value(t, i, drop=True) - now
        at_zero = p.value(t, i, 0.0) - now
        at_one = p.value(t, i, 1.0) - now
        lo, hi = max(0.0, w - eps), min(1.0, w + eps)
        grad = (p.value(t, i, hi) - p.value(t, i, lo)) / (hi - lo)
        rows.append((x, removed, at_zero, at_one, grad, grad * w))
    total = sum(abs(r[5]) for r in rows)
    out = [
        Influence(x, rem, zero, one, grad, (attr / total) if total else 0.0, max(abs(rem), abs(zero), abs(one)))
        for x, rem, zero, one, grad, attr in rows
    ]
    out.sort(key=lambda i: -i.impact)
    return out


class _Perturbation:
    """The strengths of a QBAF after one change (an argument removed, or
    its base score set), recomputed only where they change.

    The strengths are computed once; a change then re-evaluates, in
    topological order, only the arguments an argument that changed points
    at, and stops where a strength comes out the same (to the last bit) as
    before.  Each argument is re-evaluated with the same update function on
    its inputs in the same order as :func:`~argmap.semantics.strengths`
    would on the changed QBAF, so the result is the same number.  A change
    that reaches the part of the graph that depends on a cycle iterates
    that part again (as :func:`~argmap.semantics.strengths` does, with the
    same *max_iter* and *tol*); one that touches a cycle itself, or removes
    a conjunction on which the cyclic part depends, evaluates the changed
    QBAF afresh.
    """

    def __init__(self, q: QBAF, semantics: str, max_iter: int, tol: float):
        self.q = q
        self.semantics = semantics
        self.max_iter = max_iter
        self.tol = tol
        self.sigma = list(strengths(q, semantics, max_iter=max_iter, tol=tol).values())
        self.update = _UPDATES[semantics]
        self.base = list(q._base.values())
        att, sup, lnk, order, rest = _structure(q)
        self.att, self.sup, self.lnk, self.rest = att, sup, lnk, rest
        n = len(self.base)
        pos = [n] * n  # the cyclic part comes after the acyclic part
        for k, i in enumerate(order):
            pos[i] = k
        self.pos = pos
        self.cyclic = set(rest)
        out: list[list[int]] = [[] for _ in range(n)]
        for j in range(n):
            for i in dict.fromkeys(att[j] + sup[j] + lnk[j]):
                out[i].append(j)
        self.out = out

    def _strength(self, i: int, w: float, sig: dict[int, float], gone: set[int]) -> float:
        """Argument *i*'s strength from base score *w* and its inputs' current
        strengths (*sig* over the unchanged ones), without those in *gone*."""
        sigma = self.sigma
        li, ai, si = self.lnk[i], self.att[i], self.sup[i]
        if gone:
            ai = [k for k in ai if k not in gone]
            si = [k for k in si if k not in gone]
        if li:
            w = w * min([sig.get(k, sigma[k]) for k in li])
        if ai or si:
            return self.update(w, [sig.get(k, sigma[k]) for k in ai], [sig.get(k, sigma[k]) for k in si])
        return w

    def value(self, t: int, x: int, w: float = 0.0, *, drop: bool = False) -> float:
        """The strength of *t* once *x* is removed (*drop*) or has base
        score *w*."""
        sigma, pos, out, cyclic = self.sigma, self.pos, self.out, self.cyclic
        if x in cyclic:
            return self._afresh(t, x, w, drop)
        sig: dict[int, float] = {}
        gone: set[int] = set()
        if drop:
            gone.add(x)
        else:
            v = self._strength(x, w, sig, gone)
            if v == sigma[x]:
                return sigma[t]
            sig[x] = v
        # Along a path (each argument supports or attacks one other), walk.
        lnk, base = self.lnk, self.base
        while len(out[x]) == 1:
            i = out[x][0]
            if i in cyclic:
                break
            if x in gone and x in lnk[i]:
                gone.add(i)
            else:
                v = self._strength(i, base[i], sig, gone)
                if v == sigma[i]:
                    return sigma[t]  # nothing else has changed
                sig[i] = v
            x = i
        heap = [(pos[j], j) for j in out[x]]
        heapq.heapify(heap)
        queued = set(out[x])
        reaches_cycle = False
        while heap:
            _, i = heapq.heappop(heap)
            if i in cyclic:
                reaches_cycle = True
                continue  # (the cyclic part is iterated at the end)
            if gone and any(k in gone for k in lnk[i]):
                gone.add(i)  # a conjunction falls with any of its premises
            else:
                v = self._strength(i, self.base[i], sig, gone)
                if v == sigma[i]:
                    continue
                sig[i] = v
            for j in out[i]:
                if j not in queued:
                    queued.add(j)
                    heapq.heappush(heap, (pos[j], j))
        if reaches_cycle:
            if any(k in gone for i in self.rest for k in self.lnk[i]):
                return self._afresh(t, x, w, drop)  # the cycles themselves change
            self._iterate(sig, gone)
        if t in gone:
            return 0.0
        return sig.get(t, sigma[t])

    def _iterate(self, sig: dict[int, float], gone: set[int]) -> None:
        """Iterate the cyclic part from its base scores, as
        :func:`~argmap.semantics.strengths` does, into *sig*."""
        rest, base = self.rest, self.base
        for i in rest:
            sig[i] = base[i]
        delta = 0.0
        for _ in range(self.max_iter):
            new = [self._strength(i, base[i], sig, gone) for i in rest]
            delta = max(abs(v - sig[i]) for i, v in zip(rest, new))
            for i, v in zip(rest, new):
                sig[i] = v
            if delta <= self.tol:
                return
        last = dict(zip(self.q._base, (sig.get(i, s) for i, s in enumerate(self.sigma))))
        raise ConvergenceError(self.semantics, self.max_iter, delta, last)

    def _afresh(self, t: int, x: int, w: float, drop: bool) -> float:
        q = self.q
        a = q.arguments[x]
        changed = q.replace(drop=[a]) if drop else q.replace(base={a: w})
        target = q.arguments[t]
        s = strengths(changed, self.semantics, max_iter=self.max_iter, tol=self.tol)
        return s.get(target, 0.0)
