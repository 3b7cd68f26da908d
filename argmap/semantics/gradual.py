"""Gradual semantics of quantitative bipolar argumentation frameworks.

A :class:`QBAF` gives each argument a base score in [0, 1] and has attacks
and supports between arguments.  :func:`strengths` computes each argument's
final strength under one of :data:`GRADUAL_SEMANTICS`:

``"df-quad"`` (Rago, Toni, Aurisicchio and Baroni 2016)
    attackers and supporters are each aggregated by probabilistic sum,
    ``F(v1..vn) = 1 - (1-v1)...(1-vn)``, and the base score ``w`` moves
    towards 0 by ``w*(a-s)`` when attack ``a`` exceeds support ``s``, towards
    1 by ``(1-w)*(s-a)`` when support exceeds attack.
``"quad"`` (Baroni, Romano, Toni, Aurisicchio and Bertanza 2015)
    attackers multiply the base score by ``(1-v)`` each, supporters raise it
    by ``(1-x)*v`` each; with both, the two results are averaged.
``"euler"`` (Amgoud and Ben-Naim 2018, Euler-based semantics)
    ``1 - (1 - w**2) / (1 + w * exp(E))`` with ``E`` the supporters'
    strengths minus the attackers'.  The paper defines it on acyclic graphs;
    on cyclic ones the iteration may diverge (Mossakowski and Neuhaus 2018).
``"quadratic-energy"`` (Potyka 2018)
    ``w - w*h(-E) + (1-w)*h(E)`` with ``h(x) = max(x,0)**2 / (1 + max(x,0)**2)``
    and ``E`` as for Euler.

Acyclic graphs are evaluated exactly, each argument once, in topological
order (Kahn's algorithm, no recursion).  When there are cycles, the
arguments that do not depend on a cycle are still evaluated exactly, and the
rest by iterating the update from the base scores (all arguments at once,
as Mossakowski and Neuhaus 2018 and Potyka 2018's discrete model do) until
no strength moves more than *tol*; :class:`ConvergenceError` is raised after
*max_iter* rounds without convergence.

>>> q = QBAF({"a": 0.5, "b": 0.4, "c": 0.8}, attacks=[("b", "a")], supports=[("c", "a")])
>>> s = strengths(q, "df-quad")
>>> round(s["a"], 6)  # support 0.8 beats attack 0.4: 0.5 + 0.5 * 0.4
0.7
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Iterable, Mapping

from argmap._gc import pausing
from argmap.errors import ConvergenceError, SemanticsError

__all__ = ["GRADUAL_SEMANTICS", "QBAF", "ConvergenceError", "strengths"]

#: The gradual semantics that :func:`strengths` knows.
GRADUAL_SEMANTICS = ("df-quad", "quad", "euler", "quadratic-energy")

Pair = tuple[Hashable, Hashable]  # (source, target)
# Per argument (by index) its attackers, supporters and link sources; the
# acyclic part in topological order; the arguments that depend on a cycle.
_Graph = tuple[list[list[int]], list[list[int]], list[list[int]], list[int], list[int]]


class QBAF:
    """A quantitative bipolar argumentation framework: *base* maps each
    argument to its base score in [0, 1] (order kept), *attacks* and
    *supports* are pairs ``(source, target)``.  Immutable.

    *links* (pairs ``(source, target)``) make *target* a **conjunction** of
    its link sources, argmap's reading of linked premises: before its
    attackers and supporters act on it, its base score is multiplied by the
    weakest of its sources' strengths (a chain is as strong as its weakest
    link).  A QBAF without links is the frameworks of the literature, and
    every semantics then computes exactly what its paper defines.

    >>> QBAF({"a": 0.5, "b": 1}, attacks=[("b", "a")])
    QBAF({'a': 0.5, 'b': 1.0}, attacks=[('b', 'a')], supports=[])
    """

    __slots__ = ("_attacks", "_base", "_graph", "_index", "_links", "_supports")

    _base: dict[Hashable, float]
    _attacks: tuple[Pair, ...]
    _supports: tuple[Pair, ...]
    _links: tuple[Pair, ...]
    _index: dict[Hashable, int]  # argument -> its position
    _graph: _Graph | None  # computed once, by _structure

    @pausing
    def __init__(
        self,
        base: Mapping[Hashable, float],
        attacks: Iterable[Pair] = (),
        supports: Iterable[Pair] = (),
        links: Iterable[Pair] = (),
    ) -> None:
        scores: dict[Hashable, float] = {}
        for a, w in dict(base).items():
            if isinstance(w, bool) or not isinstance(w, (int, float)) or not 0.0 <= w <= 1.0:
                msg = f"base score of {a!r} must be a number in [0, 1], not {w!r}"
                raise SemanticsError(msg)
            scores[a] = float(w)
        att = self._pairs("attack", attacks, scores)
        sup = self._pairs("support", supports, scores)
        lnk = self._pairs("link", links, scores)
        both = set(att) & set(sup)
        if both:
            msg = f"{sorted(both, key=repr)[0]!r} is both an attack and a support"
            raise SemanticsError(msg)
        self._set(scores, att, sup, lnk)

    def _set(
        self, scores: dict[Hashable, float], att: tuple[Pair, ...], sup: tuple[Pair, ...], lnk: tuple[Pair, ...]
    ) -> None:
        object.__setattr__(self, "_base", scores)
        object.__setattr__(self, "_attacks", att)
        object.__setattr__(self, "_supports", sup)
        object.__setattr__(self, "_links", lnk)
        object.__setattr__(self, "_index", {a: i for i, a in enumerate(scores)})
        object.__setattr__(self, "_graph", None)

    @classmethod
    def _trusted(
        cls, scores: dict[Hashable, float], attacks: list[Pair], supports: list[Pair], links: list[Pair]
    ) -> QBAF:
        """A QBAF from parts already checked (float scores in [0, 1], pairs
        of scored nodes, no pair both an attack and a support), as the
        projection from a valid map makes them."""
        q = cls.__new__(cls)
        q._set(scores, tuple(dict.fromkeys(attacks)), tuple(dict.fromkeys(supports)), tuple(dict.fromkeys(links)))
        return q

    @staticmethod
    def _pairs(what: str, pairs: Iterable[Pair], scores: Mapping[Hashable, float]) -> tuple[Pair, ...]:
        out: list[Pair] = []
        for pair in pairs:
            try:
                a, b = pair
            except (TypeError, ValueError):
                msg = f"a{'n' if what == 'attack' else ''} {what} is a pair (source, target), not {pair!r}"
                raise SemanticsError(msg) from None
            for x in (a, b):
                if x not in scores:
                    msg = f"{what} {pair!r} names {x!r}, which has no base score"
                    raise SemanticsError(msg)
            out.append((a, b))
        return tuple(dict.fromkeys(out))

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("QBAF is immutable")

    @property
    def base(self) -> Mapping[Hashable, float]:
        """Argument -> base score, in order (a read-only view)."""
        from types import MappingProxyType

        return MappingProxyType(self._base)

    @property
    def arguments(self) -> tuple[Hashable, ...]:
        """The arguments, in order."""
        return tuple(self._base)

    @property
    def attacks(self) -> tuple[Pair, ...]:
        """The attacks ``(source, target)``, in order, without repeats."""
        return self._attacks

    @property
    def supports(self) -> tuple[Pair, ...]:
        """The supports ``(source, target)``, in order, without repeats."""
        return self._supports

    @property
    def links(self) -> tuple[Pair, ...]:
        """The links ``(source, conjunction)``, in order, without repeats."""
        return self._links

    def __len__(self) -> int:
        return len(self._base)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, QBAF):
            return NotImplemented
        return (
            self._base == other._base
            and set(self._attacks) == set(other._attacks)
            and set(self._supports) == set(other._supports)
            and set(self._links) == set(other._links)
        )

    def __hash__(self) -> int:
        return hash(
            (frozenset(self._base.items()), frozenset(self._attacks), frozenset(self._supports), frozenset(self._links))
        )

    def __repr__(self) -> str:
        links = f", links={list(self._links)!r}" if self._links else ""
        return f"QBAF({self._base!r}, attacks={list(self._attacks)!r}, supports={list(self._supports)!r}{links})"

    def replace(self, *, base: Mapping[Hashable, float] | None = None, drop: Iterable[Hashable] = ()) -> QBAF:
        """A copy with some base scores changed (*base*) and some arguments
        removed with their edges (*drop*).  A conjunction falls with any of
        its link sources: it is removed too."""
        gone = set(drop)
        if self._links and gone:
            fallen = True
            while fallen:  # a conjunction may itself be a link source
                fallen = False
                for a, b in self._links:
                    if a in gone and b not in gone:
                        gone.add(b)
                        fallen = True
        scores = {a: w for a, w in self._base.items() if a not in gone}
        if base:
            scores.update(base)
        keep = [(a, b) for a, b in self._attacks if a not in gone and b not in gone]
        keep_s = [(a, b) for a, b in self._supports if a not in gone and b not in gone]
        keep_l = [(a, b) for a, b in self._links if a not in gone and b not in gone]
        return QBAF(scores, keep, keep_s, keep_l)


# --------------------------------------------------------------------------
# Update functions: (base score, attacker strengths, supporter strengths)


def _df_quad(w: float, att: list[float], sup: list[float]) -> float:
    a = 1.0
    for v in att:
        a *= 1.0 - v
    s = 1.0
    for v in sup:
        s *= 1.0 - v
    d = a - s  # = (1 - a_prod...) : support minus attack
    # attack strength A = 1 - a, support strength S = 1 - s, S - A = a - s
    if d >= 0.0:
        return w + (1.0 - w) * d
    return w + w * d


def _quad(w: float, att: list[float], sup: list[float]) -> float:
    if not att and not sup:
        return w
    if att:
        va = w
        for v in att:
            va *= 1.0 - v
        if not sup:
            return va
    if sup:
        vs = 1.0 - w
        for v in sup:
            vs *= 1.0 - v
        vs = 1.0 - vs
        if not att:
            return vs
    return (va + vs) / 2.0


def _energy(att: list[float], sup: list[float]) -> float:
    return math.fsum(sup) - math.fsum(att)


def _euler(w: float, att: list[float], sup: list[float]) -> float:
    e = _energy(att, sup)
    if e > 700.0:  # exp overflows; the limit is 1 (or w**2 == 0 when w == 0)
        return 1.0 if w > 0.0 else 0.0
    return 1.0 - (1.0 - w * w) / (1.0 + w * math.exp(e))


def _h(x: float) -> float:
    if x <= 0.0:
        return 0.0
    x2 = x * x
    return x2 / (1.0 + x2)


def _quadratic_energy(w: float, att: list[float], sup: list[float]) -> float:
    e = _energy(att, sup)
    return w - w * _h(-e) + (1.0 - w) * _h(e)


_UPDATES: dict[str, Callable[[float, list[float], list[float]], float]] = {
    "df-quad": _df_quad,
    "quad": _quad,
    "euler": _euler,
    "quadratic-energy": _quadratic_energy,
}


@pausing
def strengths(
    qbaf: QBAF,
    semantics: str = "df-quad",
    *,
    max_iter: int = 1000,
    tol: float = 1e-9,
) -> dict[Hashable, float]:
    """Each argument's final strength under *semantics* (one of
    :data:`GRADUAL_SEMANTICS`), keyed in the QBAF's order.

    Exact on acyclic graphs; on cyclic ones, iterated until no strength
    changes by more than *tol*, raising :class:`ConvergenceError` after
    *max_iter* rounds.

    >>> q = QBAF({"a": 0.5, "b": 0.5}, attacks=[("a", "b"), ("b", "a")])
    >>> {k: round(v, 4) for k, v in strengths(q, "df-quad").items()}
    {'a': 0.3333, 'b': 0.3333}
    """
    update = _UPDATES.get(semantics)
    if update is None:
        known = ", ".join(repr(s) for s in GRADUAL_SEMANTICS)
        msg = f"unknown gradual semantics {semantics!r}; known: {known}"
        raise SemanticsError(msg)
    if isinstance(max_iter, bool) or not isinstance(max_iter, int) or max_iter < 1:
        msg = f"max_iter must be a positive whole number, not {max_iter!r}"
        raise SemanticsError(msg)
    if not isinstance(tol, (int, float)) or not tol > 0:
        msg = f"tol must be a positive number, not {tol!r}"
        raise SemanticsError(msg)
    base = list(qbaf._base.values())
    att, sup, lnk, order, rest = _structure(qbaf)
    sigma = base[:]
    if update is _df_quad and not qbaf._links:  # the common case, inlined: about twice as fast
        for i in order:
            ai, si = att[i], sup[i]
            if ai or si:
                a = 1.0
                for k in ai:
                    a *= 1.0 - sigma[k]
                s = 1.0
                for k in si:
                    s *= 1.0 - sigma[k]
                d = a - s
                w = base[i]
                sigma[i] = w + (1.0 - w) * d if d >= 0.0 else w + w * d
    else:
        for i in order:
            ai, si, li = att[i], sup[i], lnk[i]
            w = base[i] * min([sigma[k] for k in li]) if li else base[i]
            sigma[i] = update(w, [sigma[k] for k in ai], [sigma[k] for k in si]) if ai or si else w
    if rest:
        # The rest depends on a cycle: iterate (Jacobi) on it alone, with the
        # acyclic part fixed.
        delta = 0.0
        for _ in range(max_iter):
            new = [
                update(
                    base[i] * min([sigma[k] for k in lnk[i]]) if lnk[i] else base[i],
                    [sigma[k] for k in att[i]],
                    [sigma[k] for k in sup[i]],
                )
                for i in rest
            ]
            delta = max(abs(v - sigma[i]) for i, v in zip(rest, new))
            for i, v in zip(rest, new):
                sigma[i] = v
            if delta <= tol:
                break
        else:
            last = dict(zip(qbaf._base, sigma))
            raise ConvergenceError(semantics, max_iter, delta, last)
    return dict(zip(qbaf._base, sigma))


def _structure(qbaf: QBAF) -> _Graph:
    """(attackers, supporters, link sources, the acyclic part in topological
    order, the arguments that depend on a cycle), by index; computed once per
    QBAF."""
    g = qbaf._graph
    if g is not None:
        return g
    index = qbaf._index
    n = len(index)
    # Lists only where there are edges: most arguments of a map have few.
    att: dict[int, list[int]] = {}
    sup: dict[int, list[int]] = {}
    lnk: dict[int, list[int]] = {}
    out: dict[int, list[int]] = {}
    indeg = [0] * n
    for pairs, into in ((qbaf._attacks, att), (qbaf._supports, sup), (qbaf._links, lnk)):
        for a, b in pairs:
            i, j = index[a], index[b]
            lst = into.get(j)
            if lst is None:
                into[j] = [i]
            else:
                lst.append(i)
            lst = out.get(i)
            if lst is None:
                out[i] = [j]
            else:
                lst.append(j)
            indeg[j] += 1
    # Kahn's algorithm: an argument comes after all its attackers and supporters.
    order = [i for i in range(n) if not indeg[i]]
    get = out.get
    for i in order:  # the list grows while we walk it
        for j in get(i, ()):
            indeg[j] -= 1
            if not indeg[j]:
                order.append(j)
    rest = [i for i in range(n) if indeg[i]] if len(order) < n else []
    empty: list[int] = []
    att_l = [att.get(i, empty) for i in range(n)]
    sup_l = [sup.get(i, empty) for i in range(n)]
    lnk_l = [lnk.get(i, empty) for i in range(n)]
    g = (att_l, sup_l, lnk_l, order, rest)
    object.__setattr__(qbaf, "_graph", g)
    return g
