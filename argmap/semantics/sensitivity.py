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
sub-framework they span, so the cost is the size of that part times the
number of arguments in it.

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

from collections.abc import Hashable
from typing import TYPE_CHECKING, NamedTuple, Union

from argmap.semantics.dung import BACKENDS, DUNG_SEMANTICS, SemanticsError, extensions
from argmap.semantics.gradual import GRADUAL_SEMANTICS, QBAF, strengths
from argmap.semantics.projection import framework, qbaf

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

__all__ = ["Influence", "evaluate", "sensitivity"]


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


def _ancestors(q: QBAF, target: Hashable) -> list:
    into: dict = {}
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
    source: Union[QBAF, ArgumentMap],
    target: Hashable,
    semantics: str = "df-quad",
    *,
    eps: float = 1e-4,
    max_iter: int = 1000,
    tol: float = 1e-9,
) -> list[Influence]:
    """The arguments that bear on *target*, most influential first (see the
    module's documentation).  *source* is a :class:`QBAF` or a map (then
    projected with :func:`~argmap.semantics.qbaf`, and only claims are
    ranked)."""
    from argmap.model import ArgumentMap

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

    def value(f: QBAF) -> float:
        return strengths(f, semantics, max_iter=max_iter, tol=tol)[target]

    now = value(sub)
    rows = []
    for x in keep:
        if x == target or (rankable is not None and x not in rankable):
            continue
        w = sub.base[x]
        removed = value(sub.replace(drop=[x])) - now
        at_zero = value(sub.replace(base={x: 0.0})) - now
        at_one = value(sub.replace(base={x: 1.0})) - now
        lo, hi = max(0.0, w - eps), min(1.0, w + eps)
        grad = (value(sub.replace(base={x: hi})) - value(sub.replace(base={x: lo}))) / (hi - lo)
        rows.append([x, removed, at_zero, at_one, grad, grad * w])
    total = sum(abs(r[5]) for r in rows)
    out = [
        Influence(
            x, rem, zero, one, grad, (attr / total) if total else 0.0, max(abs(rem), abs(zero), abs(one))
        )
        for x, rem, zero, one, grad, attr in rows
    ]
    out.sort(key=lambda i: -i.impact)
    return out


def evaluate(m: ArgumentMap, semantics: str = "df-quad", *, backend: str = "auto", **options) -> dict:
    """Each claim of *m* (in order) -> its strength (a gradual semantics) or
    its label ``"in"``, ``"out"`` or ``"undec"`` (a Dung semantics: sceptical,
    so ``"in"`` means in every extension, ``"out"`` attacked by every one).
    *backend* picks the solver of a Dung semantics (see
    :func:`~argmap.semantics.extensions`); gradual semantics ignore it, and
    pass *options* on to :func:`~argmap.semantics.strengths`.

    >>> from argmap import MapBuilder
    >>> b = MapBuilder()
    >>> t = b.claim("Eat early", id="t")
    >>> _ = b.attack(t, "The food is cold early", id="o")
    >>> m = b.build()
    >>> evaluate(m, "grounded")
    {'t': 'out', 'c1': 'in'}
    >>> evaluate(m, "df-quad")
    {'t': 0.25, 'c1': 0.5}
    """
    if backend not in BACKENDS:
        known = ", ".join(repr(b) for b in BACKENDS)
        msg = f"unknown backend {backend!r}; known: {known}"
        raise SemanticsError(msg)
    claims = [c.id for c in m.claims]
    if semantics in GRADUAL_SEMANTICS:
        s = strengths(qbaf(m), semantics, **options)
        return {c: s[c] for c in claims}
    if semantics in DUNG_SEMANTICS:
        labels = _dung_labels(framework(m), semantics, backend)
        return {c: labels[c] for c in claims}
    known = ", ".join(repr(s) for s in GRADUAL_SEMANTICS + DUNG_SEMANTICS)
    msg = f"unknown semantics {semantics!r}; known: {known}"
    raise SemanticsError(msg)




def _dung_labels(f, semantics: str, backend: str = "auto") -> dict:
    """Sceptical labels: ``"in"`` in every extension, ``"out"`` attacked by
    every one, else ``"undec"`` (also when there is no extension)."""
    exts = extensions(f, semantics, backend=backend)
    hit = [{b for a, b in f.attacks if a in e} for e in exts]
    out = {}
    for c in f.arguments:
        if exts and all(c in e for e in exts):
            out[c] = "in"
        elif exts and all(c in h for h in hit):
            out[c] = "out"
        else:
            out[c] = "undec"
    return out
