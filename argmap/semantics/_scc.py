"""The extensions of a framework computed part by part: the grounded part
first, then each independent part, and inside a part its strongly connected
components (SCCs) in the order their attacks run.

Every complete extension contains the grounded extension G and attacks
everything G attacks, so only the arguments that the grounded labelling leaves
undecided (U) are searched.  Arguments of U attack each other in *parts*
(the weakly connected components of U): the extensions of the framework under
complete, preferred, stable, semi-stable and ideal semantics are G together
with one extension of each part, chosen independently, so the extensions are
a product of the parts' extensions (for stable: none as soon as one part has
none) and the count of the product is known before any of it is built.  The
sceptical labels and the credulous acceptance need no product at all
(:func:`_labels_by_parts`): they are those of each part.

Inside a part, complete, preferred and stable semantics are SCC-recursive
(Baroni, Giacomin and Guida 2005): with the SCCs in topological order
(attackers first), the extensions are built SCC by SCC, each SCC's choices
being the extensions of the SCC *conditioned* on the labels of its attackers
in earlier SCCs: an argument attacked by an IN one is OUT (dropped); one
attacked by an UNDEC one (and by no IN one) can still be OUT but never IN,
which a self-attacking auxiliary argument that attacks it says; OUT
attackers constrain nothing.  The conditioned extensions of an SCC are
computed once per conditioning (by the labelling search of
:mod:`argmap.semantics._search`) and reused.

Semi-stable semantics is not SCC-recursive, but it is a product over parts
(the ranges of parts are disjoint); inside a part it is the preferred
extensions whose range is largest.  The ideal extension needs no extension at
all (Dung, Mancarella and Toni 2007): it is the largest admissible set of
credulously accepted arguments that no credulously accepted argument attacks,
and each argument's credulous acceptance is one search for a complete
labelling with it IN, in its part (an extension found accepts all its
members at once).  Where a part's preferred extensions are few and quickly
found (:class:`_Probe`), its ideal extension is computed from them instead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, cast

from argmap.errors import SemanticsLimitError
from argmap.semantics._kernels import (
    _IN,
    _OUT,
    _UNDEC,
    _Budget,
    _grounded,
    _ideal_ix,
    _largest_admissible,
    _range,
    _too_many,
)
from argmap.semantics._search import _complete_ix, _credulous_ix, _preferred_ix, _stable_ix

if TYPE_CHECKING:
    from argmap.semantics.dung import Framework

Finder = Callable[["Framework", "_Budget | None"], list[frozenset[int]]]
_FINDERS: dict[str, Finder] = {"complete": _complete_ix, "preferred": _preferred_ix, "stable": _stable_ix}

#: The auxiliary argument of a conditioned SCC (attacks itself and the
#: arguments an UNDEC attacker keeps from being IN); never IN.
_AUX = -1


def _parts(f: Framework) -> list[list[int]]:
    """The weakly connected components of the arguments that the grounded
    labelling leaves undecided, each in the framework's order, ordered by
    their first argument."""
    label = _grounded(f)[0]
    att, tgt = f._att, f._tgt
    n = len(att)
    part = [-1] * n
    parts: list[list[int]] = []
    for s in range(n):
        if label[s] or part[s] >= 0:
            continue
        p = len(parts)
        part[s] = p
        members = [s]
        stack = [s]
        while stack:
            i = stack.pop()
            for adj in (att[i], tgt[i]):
                for j in adj:
                    if part[j] < 0 and not label[j]:
                        part[j] = p
                        members.append(j)
                        stack.append(j)
        members.sort()
        parts.append(members)
    return parts


def _sccs(f: Framework, members: list[int]) -> list[list[int]]:
    """The SCCs of the part *members*, attackers' SCCs first (Tarjan's
    algorithm along the attackers, without recursion)."""
    att = f._att
    inside = set(members)
    index: dict[int, int] = {}
    low: dict[int, int] = {}
    on: set[int] = set()
    stack: list[int] = []
    out: list[list[int]] = []
    counter = 0
    for root in members:
        if root in index:
            continue
        work = [(root, 0)]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on.add(root)
        while work:
            v, pos = work[-1]
            preds = att[v]
            while pos < len(preds):
                w = preds[pos]
                pos += 1
                if w not in inside:
                    continue
                if w not in index:
                    work[-1] = (v, pos)
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on.add(w)
                    work.append((w, 0))
                    break
                if w in on and index[w] < low[v]:
                    low[v] = index[w]
            else:
                work.pop()
                if work:
                    u = work[-1][0]
                    if low[v] < low[u]:
                        low[u] = low[v]
                if low[v] == index[v]:
                    scc: list[int] = []
                    while True:
                        w = stack.pop()
                        on.discard(w)
                        scc.append(w)
                        if w == v:
                            break
                    scc.sort()
                    out.append(scc)
    # Tarjan along attackers finishes an SCC after every SCC that attacks
    # it: this is the topological order.
    return out


def _sub(f: Framework, args: list[int], blocked: list[int]) -> Framework:
    """The framework of *args* (indices of *f*) and the attacks among them;
    with *blocked*, plus the auxiliary argument, which attacks itself and
    them."""
    tgt = f._tgt
    keep = set(args)
    attacks = [(i, j) for i in args for j in tgt[i] if j in keep]
    names = list(args)
    if blocked:
        names.append(_AUX)
        attacks.append((_AUX, _AUX))
        attacks += [(_AUX, j) for j in blocked]
    return type(f)(names, attacks)


def _part_exts(f: Framework, members: list[int], semantics: str, budget: _Budget) -> list[frozenset[int]]:
    """The extensions of the part *members* (complete, preferred or stable)
    as sets of indices of *f*, SCC by SCC."""
    find = _FINDERS[semantics]
    sccs = _sccs(f, members)
    if len(sccs) == 1:
        return _whole(f, members, find, budget)
    att, tgt = f._att, f._tgt
    stable = semantics == "stable"
    where = {x: k for k, scc in enumerate(sccs) for x in scc}
    label: dict[int, int] = {}
    cache: dict[tuple[int, frozenset[int], frozenset[int]], list[frozenset[int]]] = {}

    def options(k: int) -> list[frozenset[int]] | None:
        """The conditioned extensions of SCC *k* under the labels of the
        SCCs before it (stable: None past the limit, which says nothing of
        the whole part, whose later SCCs may have no stable labelling)."""
        scc = sccs[k]
        dropped: list[int] = []
        blocked: list[int] = []
        for x in scc:
            undec = False
            for a in att[x]:
                if where.get(a, k) != k:
                    la = label[a]
                    if la == _IN:
                        dropped.append(x)
                        break
                    if la == _UNDEC:
                        undec = True
            else:
                if undec:
                    blocked.append(x)
        key = (k, frozenset(dropped), frozenset(blocked))
        got = cache.get(key)
        if got is None:
            if stable and blocked:  # (a stable labelling has no UNDEC argument)
                raise AssertionError("an UNDEC attacker in a stable labelling")
            rest = [x for x in scc if x not in key[1]]
            if len(rest) == 1 and not blocked:
                x = rest[0]
                alone: list[frozenset[int]] = [] if stable else [frozenset()]
                got = alone if x in tgt[x] else [frozenset(rest)]
            elif not rest:
                got = [frozenset()]
            else:
                sub = _sub(f, rest, blocked)
                names = cast("tuple[int, ...]", sub._arguments)
                try:
                    got = [frozenset(names[i] for i in s) for s in find(sub, budget)]
                except SemanticsLimitError as e:
                    if not stable or e.limit != "max_extensions":
                        raise
                    return None
            cache[key] = got
        return got

    def assign(k: int, ins: frozenset[int]) -> None:
        for x in sccs[k]:
            label[x] = _UNDEC
        for x in ins:
            label[x] = _IN
        for x in sccs[k]:
            if x not in ins and any(label.get(a) == _IN for a in att[x]):
                label[x] = _OUT

    out: list[frozenset[int]] = []
    m = len(sccs)
    chosen: list[frozenset[int]] = [frozenset()] * m
    first = options(0)
    if first is None:
        return _whole(f, members, find, budget)
    opts: list[list[frozenset[int]]] = [first]
    pos = [0] * m
    k = 0
    while k >= 0:
        budget.tick()
        if pos[k] == len(opts[k]):
            k -= 1
            if k >= 0:
                opts.pop()
            continue
        chosen[k] = ins = opts[k][pos[k]]
        pos[k] += 1
        assign(k, ins)
        if k + 1 == m:
            out.append(frozenset().union(*chosen))
            budget.count(len(out))
        else:
            k += 1
            pos[k] = 0
            got = options(k)
            if got is None:
                return _whole(f, members, find, budget)
            opts.append(got)
    return out


def _whole(f: Framework, members: list[int], find: Finder, budget: _Budget) -> list[frozenset[int]]:
    """The extensions of the part *members* by one search over all of it."""
    sub = _sub(f, members, [])
    names = cast("tuple[int, ...]", sub._arguments)
    return [frozenset(names[i] for i in s) for s in find(sub, budget)]


def _product(parts: list[list[frozenset[int]]], base: frozenset[int], budget: _Budget) -> Iterator[frozenset[int]]:
    """*base* with one set of each list of *parts*, every combination."""
    if not parts:
        yield base
        return
    pos = [0] * len(parts)
    while True:
        budget.tick()
        yield base.union(*(p[i] for p, i in zip(parts, pos, strict=True)))
        k = len(parts) - 1
        while k >= 0:
            pos[k] += 1
            if pos[k] < len(parts[k]):
                break
            pos[k] = 0
            k -= 1
        if k < 0:
            return


#: Computes the extensions of one part (``f``, its members, the semantics
#: among complete, preferred and stable, the budget) as sets of indices of f.
PartSolver = Callable[["Framework", list[int], str, _Budget], list[frozenset[int]]]


def _part_lists(
    f: Framework, semantics: str, budget: _Budget, solve: PartSolver = _part_exts
) -> tuple[list[list[int]], list[list[frozenset[int]]]] | None:
    """The parts of *f* and each part's extensions under complete,
    preferred or stable semantics (semi-stable: its preferred ones), or None
    when a part has no stable extension, so that *f* has none.  Past the
    limit in one part it raises, unless (stable) another part has none."""
    find = "preferred" if semantics == "semi-stable" else semantics
    each: list[list[frozenset[int]]] = []
    over: SemanticsLimitError | None = None
    parts = _parts(f)
    for members in parts:
        try:
            exts = solve(f, members, find, budget)
        except SemanticsLimitError as e:
            # Past the limit in one part: more extensions in all unless
            # another part has none (stable), so look at the others first.
            if find != "stable" or e.limit != "max_extensions":
                raise
            over = e
            continue
        if not exts:
            return None
        each.append(exts)
    if over is not None:
        raise over
    return parts, each


def _by_parts(f: Framework, semantics: str, budget: _Budget) -> list[frozenset[int]]:
    """The extensions of *f* under complete, preferred, stable or
    semi-stable semantics, as sets of indices (see the module's text)."""
    got = _part_lists(f, semantics, budget)
    if got is None:
        return []
    parts, each = got
    total = 1
    for exts in each:
        total *= len(exts)
        if total > budget.max_extensions:
            raise _too_many(budget.semantics, budget.max_extensions)
    if semantics == "semi-stable":
        # The range of an extension is the grounded extension's range and
        # its range in each part, which are disjoint: range-maximal in the
        # whole is range-maximal in each part.
        each = [_widest(f, exts, set(members)) for exts, members in zip(each, parts, strict=True)]
    return list(_product(each, frozenset(_grounded(f)[1]), budget))


def _labels_by_parts(
    f: Framework, semantics: str, budget: _Budget, solve: PartSolver = _part_exts
) -> tuple[bytearray, set[int]]:
    """The sceptical labels of *f*'s arguments under complete, preferred,
    stable or semi-stable semantics (per index: 1 in every extension, 2
    attacked by every one, 0 neither, or no extension at all) and the
    credulously accepted ones (in some extension), without building the
    extensions of the whole: each part's extensions are listed (the limit
    counts them part by part, never their product) and, since the
    extensions of the whole are the grounded extension with one extension
    of each part chosen independently, an argument of a part is in (or
    attacked by) every extension of the whole exactly when it is in (or
    attacked by) every extension of its part; the grounded labelling
    decides the others."""
    n = len(f._att)
    got = _part_lists(f, semantics, budget, solve)
    if got is None:
        return bytearray(n), set()
    parts, each = got
    label = bytearray(_grounded(f)[0])
    accepted = set(_grounded(f)[1])
    tgt = f._tgt
    for members, found in zip(parts, each, strict=True):
        budget.tick()
        exts = _widest(f, found, set(members)) if semantics == "semi-stable" else found
        inside = set(members)
        in_all = inside.intersection(*exts)
        hit_all = inside.intersection(*({j for i in e for j in tgt[i]} for e in exts))
        for x in members:
            label[x] = 1 if x in in_all else 2 if x in hit_all else 0
        accepted.update(*exts)
    return label, accepted


def _widest(f: Framework, exts: list[frozenset[int]], members: set[int]) -> list[frozenset[int]]:
    """The sets of *exts* (extensions of the part *members*) whose range in
    the part no other one's strictly contains."""
    ranges = {s: _range(f, s) & members for s in exts}
    return [s for s in exts if not any(ranges[s] < r for r in ranges.values())]


def _ideal_by_parts(f: Framework, budget: _Budget) -> frozenset[int]:
    """The ideal extension of *f* (indices), part by part: from the part's
    preferred extensions where one search finds them all within a few
    steps per argument (:class:`_Probe`), else from its credulously
    accepted arguments, without enumerating preferred extensions."""
    att = f._att
    ideal = set(_grounded(f)[1])
    for members in _parts(f):
        sub = _sub(f, members, [])
        try:
            prefs = _preferred_ix(sub, _Probe(budget, _PROBE_STEPS * len(members)))
        except _GaveUp:
            pass
        else:
            ideal.update(members[i] for i in _ideal_ix(sub, prefs))
            continue
        pos = {x: i for i, x in enumerate(members)}
        order = [pos[x] for scc in _sccs(f, members) for x in scc]
        accepted = {members[i] for i in _credulous_ix(sub, budget, order)}
        names = set(members)
        # Arguments not attacked by an accepted one (attackers outside the
        # part are OUT in every complete labelling, attacked by the grounded
        # extension: never accepted, and defended against).
        s = {x for x in accepted if not any(a in accepted for a in att[x])}
        ideal |= _largest_admissible(f, s, names, budget)
    return frozenset(ideal)


#: The steps (choices and backtracks) per argument of a part that the
#: search for all its preferred extensions may take before the ideal
#: extension is computed from the credulously accepted arguments instead
#: (one search per argument, each of at least one step): where the
#: preferred extensions are few and quickly found, that one search is far
#: cheaper than a search per argument; where they are many, or hard to
#: find, it costs at most as many steps as the searches per argument.
_PROBE_STEPS = 1_000


class _GaveUp(Exception):
    """A :class:`_Probe` ran out of steps or extensions."""


class _Probe(_Budget):
    """The limits of a trial search: *steps* steps and
    :data:`_PROBE_EXTENSIONS` extensions, and the deadline of
    *budget*."""

    __slots__ = ("outer", "steps")

    def __init__(self, budget: _Budget, steps: int):
        super().__init__(budget.semantics, min(budget.max_extensions, _PROBE_EXTENSIONS))
        self.outer = budget
        self.steps = steps
        self.deadline = float("inf")  # (the search ticks only where there is a deadline)

    def count(self, n: int) -> None:
        if n > self.max_extensions:
            raise _GaveUp

    def tick(self) -> None:
        self.outer.tick()
        self.steps -= 1
        if self.steps < 0:
            raise _GaveUp


#: The preferred extensions of a part that the trial search may hold.
_PROBE_EXTENSIONS = 64
