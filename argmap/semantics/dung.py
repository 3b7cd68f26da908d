"""Abstract argumentation (Dung 1995): frameworks, extensions, labellings.

A :class:`Framework` is a set of arguments and an attack relation.  The
extensions are computed without recursion:

* ``grounded``: the least fixed point of the characteristic function, by the
  linear "unattacked arguments in, their targets out" propagation;
* ``preferred``, ``stable``, ``complete``: a labelling-based backtracking
  search (Nofal, Atkinson and Dunne 2014; Modgil and Caminada 2009) with the
  grounded labelling as its start, propagation of forced labels and pruning
  of branches that cannot lead to an admissible (or stable) labelling;
* ``semi-stable``: the preferred extensions whose range is maximal;
* ``ideal``: the largest admissible subset of every preferred extension.

>>> f = Framework(["a", "b", "c"], [("a", "b"), ("b", "a"), ("b", "c")])
>>> [sorted(e) for e in extensions(f, "preferred")]
[['a', 'c'], ['b']]
>>> sorted(grounded(f))
[]
>>> labelling(f, frozenset({"a", "c"}))["b"]
'out'
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Iterable
from typing import Any

from argmap._gc import pausing
from argmap.errors import ArgmapError

__all__ = [
    "BACKENDS",
    "DUNG_SEMANTICS",
    "Framework",
    "SemanticsError",
    "credulously_accepted",
    "extensions",
    "grounded",
    "is_admissible",
    "is_complete",
    "is_conflict_free",
    "is_stable",
    "labelling",
    "labellings",
    "sceptically_accepted",
]

#: The extension-based semantics that :func:`extensions` knows.
DUNG_SEMANTICS = ("grounded", "complete", "preferred", "stable", "semi-stable", "ideal")

IN, OUT, UNDEC = "in", "out", "undec"


class SemanticsError(ArgmapError, ValueError):
    """A bad argument to a semantics function (unknown name, unknown argument)."""


class Framework:
    """An abstract argumentation framework: *arguments* and *attacks* (pairs
    ``(attacker, target)``).  Immutable, hashable, compared by value.

    Arguments keep their given order (duplicates dropped); an attack naming an
    unknown argument raises :class:`SemanticsError`.

    >>> f = Framework(["a", "b"], [("a", "b")])
    >>> f
    Framework(['a', 'b'], [('a', 'b')])
    >>> f.attackers("b"), f.targets("a")
    (('a',), ('b',))
    """

    __slots__ = ("_arguments", "_attacks", "_index", "_att", "_tgt", "_hash", "_ground")

    @pausing
    def __init__(self, arguments: Iterable[Hashable], attacks: Iterable[tuple[Hashable, Hashable]] = ()):
        args = tuple(dict.fromkeys(arguments))
        index = {a: i for i, a in enumerate(args)}
        att: list[list[int]] = [[] for _ in args]
        tgt: list[list[int]] = [[] for _ in args]
        pairs = []
        seen = set()
        for pair in attacks:
            try:
                a, b = pair
            except (TypeError, ValueError):
                msg = f"an attack is a pair (attacker, target), not {pair!r}"
                raise SemanticsError(msg) from None
            i, j = index.get(a), index.get(b)
            if i is None or j is None:
                msg = f"attack {pair!r} names {a if i is None else b!r}, which is not an argument"
                raise SemanticsError(msg)
            if (i, j) in seen:
                continue
            seen.add((i, j))
            pairs.append((a, b))
            att[j].append(i)
            tgt[i].append(j)
        object.__setattr__(self, "_arguments", args)
        object.__setattr__(self, "_attacks", tuple(pairs))
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_att", tuple(tuple(x) for x in att))
        object.__setattr__(self, "_tgt", tuple(tuple(x) for x in tgt))
        object.__setattr__(self, "_hash", None)
        object.__setattr__(self, "_ground", None)  # the grounded labelling, once computed

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("Framework is immutable")

    @property
    def arguments(self) -> tuple:
        """The arguments, in order."""
        return self._arguments

    @property
    def attacks(self) -> tuple:
        """The attacks ``(attacker, target)``, in order, without repeats."""
        return self._attacks

    def __len__(self) -> int:
        return len(self._arguments)

    def __contains__(self, a: object) -> bool:
        return a in self._index

    def _i(self, a: Hashable) -> int:
        i = self._index.get(a)
        if i is None:
            msg = f"{a!r} is not an argument of the framework"
            raise SemanticsError(msg)
        return i

    def attackers(self, a: Hashable) -> tuple:
        """The arguments that attack *a*, in order."""
        args = self._arguments
        return tuple(args[i] for i in self._att[self._i(a)])

    def targets(self, a: Hashable) -> tuple:
        """The arguments that *a* attacks, in order."""
        args = self._arguments
        return tuple(args[j] for j in self._tgt[self._i(a)])

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Framework):
            return NotImplemented
        return set(self._arguments) == set(other._arguments) and set(self._attacks) == set(other._attacks)

    def __hash__(self) -> int:
        h = self._hash
        if h is None:
            h = hash((frozenset(self._arguments), frozenset(self._attacks)))
            object.__setattr__(self, "_hash", h)
        return h

    def __repr__(self) -> str:
        return f"Framework({list(self._arguments)!r}, {list(self._attacks)!r})"


# --------------------------------------------------------------------------
# Checks


def _indices(f: Framework, s: Iterable[Hashable]) -> set[int]:
    return {f._i(a) for a in s}


def is_conflict_free(f: Framework, s: Collection[Hashable]) -> bool:
    """No argument of *s* attacks one of *s*."""
    ix = _indices(f, s)
    tgt = f._tgt
    return not any(j in ix for i in ix for j in tgt[i])


def _defended(f: Framework, ix: set[int]) -> list[bool]:
    """For each argument, whether *ix* attacks all of its attackers."""
    hit = bytearray(len(f))
    for i in ix:
        for j in f._tgt[i]:
            hit[j] = 1
    return [all(hit[k] for k in atts) for atts in f._att]


def is_admissible(f: Framework, s: Collection[Hashable]) -> bool:
    """*s* is conflict-free and defends each of its arguments."""
    if not is_conflict_free(f, s):
        return False
    ix = _indices(f, s)
    d = _defended(f, ix)
    return all(d[i] for i in ix)


def is_complete(f: Framework, s: Collection[Hashable]) -> bool:
    """*s* is admissible and contains every argument it defends."""
    if not is_conflict_free(f, s):
        return False
    ix = _indices(f, s)
    d = _defended(f, ix)
    return all(d[i] == (i in ix) for i in range(len(f)))


def is_stable(f: Framework, s: Collection[Hashable]) -> bool:
    """*s* is conflict-free and attacks every argument outside it."""
    if not is_conflict_free(f, s):
        return False
    ix = _indices(f, s)
    hit = set(j for i in ix for j in f._tgt[i])
    return len(hit | ix) == len(f)


# --------------------------------------------------------------------------
# Grounded


def _grounded(f: Framework) -> tuple[bytes, tuple[int, ...]]:
    """The grounded labelling (0 undec, 1 in, 2 out) and the in-arguments in
    the order they were found.  Linear in the size of the framework, and
    computed once per framework (the choice of back-end and the search both
    start from it)."""
    if f._ground is None:
        object.__setattr__(f, "_ground", _compute_grounded(f))
    return f._ground


def _compute_grounded(f: Framework) -> tuple[bytes, tuple[int, ...]]:
    att, tgt = f._att, f._tgt
    n = len(att)
    label = bytearray(n)
    live = [len(a) for a in att]  # attackers not (yet) out
    stack = [i for i in range(n) if not live[i]]
    found = []
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


def grounded(f: Framework) -> frozenset:
    """The grounded extension: the least complete extension (linear time).

    >>> sorted(grounded(Framework("abc", [("a", "b"), ("b", "c")])))
    ['a', 'c']
    """
    args = f._arguments
    return frozenset(args[i] for i in _grounded(f)[1])


# --------------------------------------------------------------------------
# Labelling-based search

_BLANK, _IN, _OUT, _MUST_OUT, _UNDEC = 0, 1, 2, 3, 4


def _search(f: Framework, stable: bool, prune_found: bool):
    """Yield the in-sets (frozensets of indices) of complete labellings
    (``stable``: of stable labellings) found by backtracking.

    Labels: BLANK (not decided), IN, OUT (attacked by an IN argument),
    MUST_OUT (attacks an IN argument, or for stable semantics is not IN, so
    it must end up OUT), UNDEC (decided not to be IN).  Propagation, after
    each choice, until nothing changes:

    * an IN argument makes its targets OUT and its attackers MUST_OUT;
    * a MUST_OUT argument with no attacker left that could become IN kills
      the branch; with exactly one, that one is forced IN;
    * an argument whose attackers are all OUT or MUST_OUT (so OUT in the
      end) is defended: it is forced IN (an UNDEC one kills the branch),
      since a complete labelling has it IN;
    * (stable) an argument no remaining attacker can make OUT is forced IN.

    Choices pick the MUST_OUT argument with the fewest possible defenders
    and branch on the one of them with the most conflicts (IN first, then
    not IN), else the blank argument with the most conflicts (stable: a
    blank argument with fewer candidates, itself and its blank attackers,
    one of which must be IN, is branched on itself, and without a MUST_OUT
    argument the blank one with the fewest such candidates is).  With
    *prune_found* (the preferred search), each in-set found adds the
    constraint "some argument outside it is IN" (a set inside it cannot be
    larger): a branch where no BLANK or IN argument is left outside a found
    set is cut, and a lone BLANK one is forced IN.

    The state is the labels and, per argument, two counts over its
    attackers, packed in one int so that one subtraction updates both: the
    BLANK ones and the "live" ones (neither OUT nor MUST_OUT).  Labels only ever move forward (BLANK -> IN / OUT / MUST_OUT
    / UNDEC, UNDEC -> MUST_OUT / OUT, MUST_OUT -> OUT), so each change
    updates just the counts it touches, and an argument is queued for a
    check only when one of its counts crosses a threshold that a rule
    reads.  The counts of IN and OUT arguments are never read, so they are
    not kept up to date.  (The inner functions bind the state as default
    arguments: local names are the fastest to read.)  The state is copied at each choice point and
    restored from the copy on backtracking; the lists of arguments that
    became MUST_OUT (or, stable, got down to one BLANK attacker), which the
    choice reads instead of scanning every argument, only grow along a
    branch and are cut back to their length at the choice point.
    """
    att, tgt = f._att, f._tgt
    n = len(att)
    g, _ = _grounded(f)
    lab = [_BLANK] * n
    # Per argument, two counts over its attackers packed in one int,
    # cnt = BLANK * B + live, so that one subtraction updates both.
    SH = (max((len(a) for a in att), default=0) + 1).bit_length()
    B = 1 << SH  # one BLANK attacker
    B1 = B + 1  # one attacker that is both BLANK and live
    B2 = 2 * B  # below it: at most one BLANK attacker
    M = B - 1  # the mask of the live count
    cnt = [len(a) * B1 for a in att]
    found: list[tuple[frozenset, list[int]]] = []  # (in-set, the arguments outside it)
    NOT_IN = _MUST_OUT if stable else _UNDEC
    watch: list[int] = []  # arguments that became MUST_OUT or (stable) got down to one BLANK attacker

    def leave(i: int, li: int, v: int, queue: list[int], lab=lab, cnt=cnt, tgt=tgt) -> None:
        """Label *i* (now *li*, BLANK or UNDEC) *v* (not IN), and update
        the counts of its targets."""
        lab[i] = v
        if li == _BLANK:
            if v == _UNDEC:
                for k in tgt[i]:
                    c = cnt[k] - B
                    cnt[k] = c
                    if c < B2:
                        queue.append(k)
            else:
                for k in tgt[i]:
                    c = cnt[k] - B1
                    cnt[k] = c
                    if c < B2 or not c & M:
                        queue.append(k)
        elif v != _UNDEC:  # UNDEC -> OUT / MUST_OUT
            for k in tgt[i]:
                c = cnt[k] - 1
                cnt[k] = c
                if not c & M:
                    queue.append(k)
        if v != _OUT:
            queue.append(i)
            if v == _MUST_OUT:
                watch.append(i)

    def make_in(i: int, queue: list[int], lab=lab, cnt=cnt, tgt=tgt, att=att) -> None:
        """Label the BLANK argument *i* IN: its targets OUT, its attackers
        MUST_OUT.  (A BLANK argument is attacked by no IN one and attacks
        none, so this never conflicts.)"""
        lab[i] = _IN
        push = queue.append
        for j in tgt[i]:
            lj = lab[j]
            if lj == _BLANK:
                lab[j] = _OUT
                for k in tgt[j]:
                    c = cnt[k] - B1
                    cnt[k] = c
                    if c < B2 or not c & M:
                        push(k)
            elif lj == _UNDEC:
                leave(j, lj, _OUT, queue)
            elif lj == _MUST_OUT:
                lab[j] = _OUT
        for k in att[i]:
            lk = lab[k]
            if lk == _BLANK:
                lab[k] = _MUST_OUT
                for m in tgt[k]:
                    c = cnt[m] - B1
                    cnt[m] = c
                    if c < B2 or not c & M:
                        push(m)
                push(k)
                watch.append(k)
            elif lk == _UNDEC:
                leave(k, lk, _MUST_OUT, queue)

    def propagate(queue: list[int], lab=lab, cnt=cnt, att=att) -> bool:
        # The cheap checks (which may kill the branch) run first; a forced
        # IN, which labels and counts a whole neighbourhood, only once no
        # check is left, so a branch bound to fail does the least work.
        forced: list[int] = []
        while True:
            while queue:
                k = queue.pop()
                lk = lab[k]
                if lk == _MUST_OUT:
                    b = cnt[k] >> SH
                    if b > 1:
                        continue
                    if not b:
                        return False  # nobody can attack k any more
                    forced.append(k)
                elif lk == _BLANK:
                    if not cnt[k] & M:
                        forced.append(k)
                    elif stable:
                        b = cnt[k] >> SH
                        if not b:
                            forced.append(k)
                        elif b == 1:
                            watch.append(k)
                elif lk == _UNDEC:
                    if not cnt[k] & M:
                        return False  # defended, yet not IN
            if not forced:
                return True
            k = forced.pop()
            lk = lab[k]
            if lk == _MUST_OUT:
                b = cnt[k] >> SH
                if not b:
                    return False
                if b == 1:
                    for a in att[k]:  # the one possible defender must be IN
                        if lab[a] == _BLANK:
                            make_in(a, queue)
                            break
            elif lk == _BLANK:
                make_in(k, queue)

    def choose() -> int:
        """The argument to branch on, or -1 when none is BLANK."""
        best, best_count = -1, n + 1
        for k in watch:
            lk = lab[k]
            if lk == _MUST_OUT:
                if cnt[k] >> SH < best_count:
                    best, best_count = k, cnt[k] >> SH
            elif lk == _BLANK and 2 < best_count:
                # (stable) k or its one blank attacker must be IN
                best, best_count = k, 2
        if best >= 0 and lab[best] == _BLANK:
            return best
        if best >= 0:
            pick, score = -1, -1
            for a in att[best]:  # the one with the most conflicts
                if lab[a] == _BLANK and degree[a] > score:
                    pick, score = a, degree[a]
            return pick
        if stable:  # the blank argument with the fewest candidates to make it OUT
            pick, fewest = -1, n + 1
            for i in order:
                if lab[i] == _BLANK:
                    c = cnt[i] >> SH
                    if c < fewest:
                        pick, fewest = i, c
            return pick
        for i in order:
            if lab[i] == _BLANK:
                return i
        return -1

    def beyond_found() -> bool:
        """Propagate "some argument outside each found in-set is IN": false
        when no candidate is left for one of them, a lone candidate is
        forced IN."""
        changed = True
        while changed:
            changed = False
            for _, outside in found:
                cand, count = -1, 0
                for i in outside:
                    li = lab[i]
                    if li == _IN:
                        break
                    if li == _BLANK:
                        cand = i
                        count += 1
                        if count > 1:
                            break
                else:
                    if not count:
                        return False
                    q: list[int] = []
                    make_in(cand, q)
                    if not propagate(q):
                        return False
                    changed = True
        return True

    # Start: self-attackers can never be IN; the grounded extension's
    # arguments are IN in every complete (so preferred and stable) labelling.
    queue: list[int] = []
    for i in range(n):
        if i in tgt[i]:
            leave(i, _BLANK, NOT_IN, queue)
    for i in range(n):
        if g[i] == 1 and lab[i] == _BLANK:
            make_in(i, queue)
    if not propagate(queue):
        return
    degree = [len(att[i]) + len(tgt[i]) for i in range(n)]
    order = sorted(range(n), key=lambda i: -degree[i])
    # Choice points: (saved state, argument); the IN branch is taken first,
    # the saved state restores the labels before it for the not-IN branch.
    stack: list[tuple[list[int], list[int], list[int], int, int]] = []
    descend = True
    while True:
        if descend:
            if found and not beyond_found():
                descend = False
                continue
            x = choose()
            if x < 0:
                if _MUST_OUT not in lab:
                    s = frozenset(i for i in range(n) if lab[i] == _IN)
                    if prune_found and not any(s <= t for t, _ in found):
                        found[:] = [(t, o) for t, o in found if not t <= s]
                        found.append((s, [i for i in range(n) if i not in s]))
                    yield s
                descend = False
                continue
            stack.append((lab[:], cnt[:], len(watch), x))
            q: list[int] = []
            make_in(x, q)
            descend = propagate(q)
        else:  # backtrack to the latest choice point; take its not-IN branch
            if not stack:
                break
            lab[:], cnt[:], w, x = stack.pop()
            del watch[w:]
            q = []
            leave(x, _BLANK, NOT_IN, q)
            descend = propagate(q)


def _to_args(f: Framework, ix: Iterable[int]) -> frozenset:
    args = f._arguments
    return frozenset(args[i] for i in ix)


def _sorted(f: Framework, sets: Iterable[frozenset]) -> list[frozenset]:
    index = f._index
    return sorted(set(sets), key=lambda s: sorted(index[a] for a in s))


def _preferred_ix(f: Framework) -> list[frozenset]:
    cands = list(_search(f, stable=False, prune_found=True))
    # The search returns each maximal set; filter once more for safety.
    cands = list(set(cands))
    return [s for s in cands if not any(s < t for t in cands)]


def _complete_ix(f: Framework) -> list[frozenset]:
    out = set()
    args = f._arguments
    for s in _search(f, stable=False, prune_found=False):
        if s in out:
            continue
        if is_complete(f, [args[i] for i in s]):
            out.add(s)
    return list(out)


def _range(f: Framework, s: frozenset) -> frozenset:
    tgt = f._tgt
    return s | {j for i in s for j in tgt[i]}


def _ideal_ix(f: Framework, prefs: list[frozenset]) -> frozenset:
    s = set(frozenset.intersection(*prefs)) if prefs else set()
    att, tgt = f._att, f._tgt
    while True:
        hit = {j for i in s for j in tgt[i]}
        keep = {i for i in s if all(k in hit for k in att[i])}
        if keep == s:
            return frozenset(s)
        s = keep


#: The back-ends that :func:`extensions` can use.
BACKENDS = ("auto", "python", "clingo")

#: ``backend="auto"`` uses clingo (when installed) for a framework whose
#: grounded labelling leaves at least AUTO_UNDECIDED arguments undecided,
#: with fewer than AUTO_DENSITY attackers each among them on average.
AUTO_UNDECIDED = 150
AUTO_DENSITY = 14


def _backend(f: Framework, semantics: str, backend: str) -> str:
    """The back-end that *backend* resolves to for this call."""
    if backend == "python":
        return backend
    if backend == "clingo":
        from argmap.semantics import asp

        asp.require()
        return backend
    if backend == "auto":
        # The search starts from the grounded labelling: where that leaves
        # few arguments undecided (as in most argument maps) it answers at
        # once, and where the undecided part is dense each choice decides
        # much of it; clingo's clause learning wins on large, sparse ones.
        if semantics == "grounded":
            return "python"
        label = _grounded(f)[0]
        undecided = [i for i, x in enumerate(label) if not x]
        if len(undecided) < AUTO_UNDECIDED:
            return "python"
        att = f._att
        inner = sum(1 for i in undecided for a in att[i] if not label[a])
        if inner >= AUTO_DENSITY * len(undecided):
            return "python"
        from argmap.semantics import asp

        return "clingo" if asp.available() else "python"
    known = ", ".join(repr(b) for b in BACKENDS)
    msg = f"unknown backend {backend!r}; known: {known}"
    raise SemanticsError(msg)


def extensions(f: Framework, semantics: str = "preferred", *, backend: str = "auto") -> list[frozenset]:
    """The extensions of *f* under *semantics* (one of :data:`DUNG_SEMANTICS`),
    as a sorted list of frozensets (sorted by the arguments' order in *f*).

    *backend* (one of :data:`BACKENDS`) picks the solver: ``"python"``, the
    built-in search; ``"clingo"``, the answer-set solver of the optional
    ``argmap[clingo]`` extra; ``"auto"``, the solver that is fastest for the
    call among those installed.  Every back-end gives the same extensions.

    >>> f = Framework("abcd", [("a", "b"), ("b", "a"), ("c", "d"), ("d", "c"), ("d", "d")])
    >>> [sorted(e) for e in extensions(f, "stable")]
    [['a', 'c'], ['b', 'c']]
    >>> [sorted(e) for e in extensions(f, "complete")]
    [[], ['a'], ['a', 'c'], ['b'], ['b', 'c'], ['c']]
    """
    if semantics not in DUNG_SEMANTICS:
        known = ", ".join(repr(s) for s in DUNG_SEMANTICS)
        msg = f"unknown semantics {semantics!r}; known: {known}"
        raise SemanticsError(msg)
    if _backend(f, semantics, backend) == "clingo":
        from argmap.semantics import asp

        return _sorted(f, asp.extensions(f, semantics))
    if semantics == "grounded":
        return [grounded(f)]
    if semantics == "preferred":
        ix = _preferred_ix(f)
    elif semantics == "stable":
        ix = list(_search(f, stable=True, prune_found=False))
    elif semantics == "complete":
        ix = _complete_ix(f)
    elif semantics == "semi-stable":
        prefs = _preferred_ix(f)
        ranges = {s: _range(f, s) for s in prefs}
        ix = [s for s in prefs if not any(ranges[s] < r for r in ranges.values())]
    else:  # ideal
        ix = [_ideal_ix(f, _preferred_ix(f))]
    return _sorted(f, (_to_args(f, s) for s in ix))


def labelling(f: Framework, extension: Collection[Hashable]) -> dict:
    """The labelling of *extension*: each argument (in order) -> ``"in"``,
    ``"out"`` (attacked by the extension) or ``"undec"``."""
    ix = _indices(f, extension)
    hit = {j for i in ix for j in f._tgt[i]}
    return {a: IN if i in ix else OUT if i in hit else UNDEC for i, a in enumerate(f._arguments)}


def labellings(f: Framework, semantics: str = "preferred") -> list[dict]:
    """The labellings of the extensions of *f* under *semantics*, in the
    order of :func:`extensions`."""
    return [labelling(f, e) for e in extensions(f, semantics)]


def credulously_accepted(f: Framework, argument: Hashable, semantics: str = "preferred") -> bool:
    """*argument* is in at least one extension of *f* under *semantics*
    (for preferred: in some admissible set)."""
    f._i(argument)
    return any(argument in e for e in extensions(f, semantics))


def sceptically_accepted(f: Framework, argument: Hashable, semantics: str = "preferred") -> bool:
    """*argument* is in every extension of *f* under *semantics* (false when
    there is none, e.g. no stable extension)."""
    f._i(argument)
    exts = extensions(f, semantics)
    return bool(exts) and all(argument in e for e in exts)
