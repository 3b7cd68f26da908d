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

import time
from collections.abc import Collection, Hashable, Iterable
from typing import Any

from argmap._gc import pausing
from argmap.errors import ArgmapError, LimitError

__all__ = [
    "BACKENDS",
    "DEFAULT_MAX_EXTENSIONS",
    "DUNG_SEMANTICS",
    "Framework",
    "SemanticsError",
    "SemanticsLimitError",
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


class SemanticsLimitError(LimitError, SemanticsError):
    """An evaluation passed one of its limits: more extensions than
    ``max_extensions``, or longer than ``timeout`` seconds.  ``limit`` names
    the limit and ``value`` is the one in force; the message says how to
    raise it.

    >>> f = Framework("abcd", [("a", "b"), ("b", "a"), ("c", "d"), ("d", "c")])
    >>> extensions(f, "stable", max_extensions=3)
    Traceback (most recent call last):
    ...
    argmap.semantics.dung.SemanticsLimitError: more than 3 stable extensions; pass max_extensions= (--max-extensions) to allow more
    """


#: The number of extensions :func:`extensions` computes before it stops with
#: :class:`SemanticsLimitError`: far more than a reader can use, few enough to
#: keep memory small (each extension is a set of arguments).
DEFAULT_MAX_EXTENSIONS = 1_000


def _check_limits(max_extensions: Any, timeout: Any) -> float | None:
    """Check *max_extensions* and *timeout*; return the deadline (a
    :func:`time.monotonic` time) or None."""
    if isinstance(max_extensions, bool) or not isinstance(max_extensions, int) or max_extensions < 1:
        msg = f"max_extensions must be a positive whole number, not {max_extensions!r}"
        raise SemanticsError(msg)
    return _deadline(timeout)


def _deadline(timeout: Any) -> float | None:
    if timeout is None:
        return None
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not timeout > 0:
        msg = f"timeout must be a positive number of seconds or None, not {timeout!r}"
        raise SemanticsError(msg)
    return time.monotonic() + timeout


def _too_many(semantics: str, max_extensions: int) -> SemanticsLimitError:
    msg = (
        f"more than {max_extensions} {semantics} extensions; "
        "pass max_extensions= (--max-extensions) to allow more"
    )
    return SemanticsLimitError(msg, limit="max_extensions", value=max_extensions)


def _timed_out(what: str, timeout: float) -> SemanticsLimitError:
    msg = f"{what} took longer than timeout={timeout:g} seconds; pass timeout= (--time-limit) to allow more"
    return SemanticsLimitError(msg, limit="timeout", value=timeout)


class _Budget:
    """The limits of one call: counts extensions against *max_extensions*
    and checks the clock (every 16 steps) against *timeout*."""

    __slots__ = ("semantics", "max_extensions", "timeout", "deadline", "ticks")

    def __init__(self, semantics: str, max_extensions: int = DEFAULT_MAX_EXTENSIONS, timeout: float | None = None):
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
                raise _timed_out(f"computing the {self.semantics} extensions", self.timeout)

    def left(self) -> float | None:
        """Seconds left before the deadline (None: no deadline)."""
        return None if self.deadline is None else self.deadline - time.monotonic()


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


#: The packed kernel is used for frameworks of at most PACKED_MAX arguments
#: where n * n * (bits per slot) <= PACKED_RATIO * (attacks): there one
#: subtraction on an int of n slots costs less than the per-argument count
#: updates it replaces (measured crossover: docs/evaluation.md).
PACKED_MAX = 1024
PACKED_RATIO = 600


def _search(f: Framework, stable: bool, prune_found: bool, budget: _Budget | None = None):
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
    * (stable) an argument no remaining attacker can make OUT is forced IN;
    * (the others) a BLANK or UNDEC argument that no BLANK argument attacks
      could never become MUST_OUT, so nothing it attacks (and that does not
      attack it back) can be IN: those are labelled UNDEC.

    Choices pick the MUST_OUT argument with the fewest possible defenders
    and branch on one of them (IN first, then not IN): the one with the
    most conflicts (stable, in the packed kernel: the most BLANK targets);
    else the blank argument with the most conflicts (stable: a blank
    argument with fewer candidates, itself and its blank attackers, one of
    which must be IN, is branched on itself, and without a MUST_OUT argument
    the blank one with the fewest such candidates is).  With *prune_found* (the preferred
    search), each in-set found adds the constraint "some argument outside
    it is IN" (a set inside it cannot be larger): a branch where no BLANK
    or IN argument is left outside a found set is cut, and a lone BLANK one
    is forced IN.

    Labels only ever move forward (BLANK -> IN / OUT / MUST_OUT / UNDEC,
    UNDEC -> MUST_OUT / OUT, MUST_OUT -> OUT).  The rules read, per
    argument, two counts over its attackers: the BLANK ones and the "live"
    ones (neither OUT nor MUST_OUT); each change updates just the counts it
    touches, and the counts of IN and OUT arguments are never read.  Two
    kernels keep them:

    * the counts kernel (:func:`_counts_kernel`) keeps a list with both
      counts of an argument packed in one int, so that one subtraction
      updates both, and queues an argument for a check only when one of
      its counts crosses a threshold that a rule reads;
    * the packed kernel (:func:`_packed_kernel`) keeps every count and
      label flag of the framework in one int, a slot per argument: one
      subtraction updates all the targets of an argument that changed, and
      a few whole-int operations find every argument a rule fires on
      (counts at 0 or 1, masked by the label flags).  It needs no queue.

    The packed kernel wins on small, dense frameworks, the counts kernel on
    large ones (:func:`_packed_fits` chooses).  The state is saved at each
    choice point and restored on backtracking; the list of arguments that
    became MUST_OUT (or, stable, not IN), which the choice reads instead of
    scanning every argument, only grows along a branch and is cut back to
    its length at the choice point.  (The kernels' inner functions bind
    their state as default arguments: local names are the fastest to
    read.)  *budget* is ticked once per choice and backtrack, so a
    timeout stops the search within a few steps.
    """
    tick = budget.tick if budget is not None and budget.deadline is not None else None
    n = len(f._att)
    lab = [_BLANK] * n
    watch: list[int] = []
    kernel = _packed_kernel if _packed_fits(f) else _counts_kernel
    ok, state, decide_in, decide_out, choose, save, restore = kernel(f, stable, lab, watch)
    if not ok:
        return
    found: list[tuple[frozenset, list[int]]] = []  # (in-set, the arguments outside it)

    def beyond_found(state):
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
                        return False, state
                    ok, state = decide_in(cand, state)
                    if not ok:
                        return False, state
                    changed = True
        return True, state

    # Choice points: (saved state, argument); the IN branch is taken first,
    # the saved state restores the labels before it for the not-IN branch.
    stack: list[tuple[list[int], Any, int, int]] = []
    descend = True
    while True:
        if tick is not None:
            tick()
        if descend:
            if found:
                descend, state = beyond_found(state)
                if not descend:
                    continue
            x = choose(state)
            if x < 0:
                if _MUST_OUT not in lab:
                    s = frozenset(i for i in range(n) if lab[i] == _IN)
                    if prune_found and not any(s <= t for t, _ in found):
                        found[:] = [(t, o) for t, o in found if not t <= s]
                        found.append((s, [i for i in range(n) if i not in s]))
                    yield s
                descend = False
                continue
            stack.append((lab[:], save(state) if save else state, len(watch), x))
            descend, state = decide_in(x, state)
        else:  # backtrack to the latest choice point; take its not-IN branch
            if not stack:
                break
            lab[:], state, w, x = stack.pop()
            if restore:
                state = restore(state)
            del watch[w:]
            descend, state = decide_out(x, state)


def _counts_kernel(f: Framework, stable: bool, lab: list[int], watch: list[int]):
    """The search's state as a list of counts per argument (see
    :func:`_search`); for large frameworks."""
    att, tgt = f._att, f._tgt
    n = len(att)
    g = _grounded(f)[0]
    # Per argument, two counts over its attackers packed in one int,
    # cnt = BLANK * B + live, so that one subtraction updates both.
    SH = (max((len(a) for a in att), default=0) + 1).bit_length()
    B = 1 << SH  # one BLANK attacker
    B1 = B + 1  # one attacker that is both BLANK and live
    B2 = 2 * B  # below it: at most one BLANK attacker
    M = B - 1  # the mask of the live count
    cnt = [len(a) * B1 for a in att]
    NOT_IN = _MUST_OUT if stable else _UNDEC
    only_tgt: list[list[int] | None] = [None] * n  # (made when first needed)

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

    def unattackable(a: int, queue: list[int]) -> None:
        """No BLANK argument attacks the BLANK or UNDEC argument *a*, so it
        could not become MUST_OUT: what it attacks (and does not attack it
        back) cannot be IN."""
        if only_tgt[a] is None:
            only_tgt[a] = sorted(set(tgt[a]).difference(att[a]))
        for x in only_tgt[a]:
            if lab[x] == _BLANK:
                leave(x, _BLANK, _UNDEC, queue)

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
                    elif cnt[k] < B:
                        unattackable(k, queue)
                elif lk == _UNDEC:
                    if not cnt[k] & M:
                        return False  # defended, yet not IN
                    if cnt[k] < B:
                        unattackable(k, queue)
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

    def choose(state: list[int]) -> int:
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

    def decide_in(x: int, state: list[int]) -> tuple[bool, list[int]]:
        q: list[int] = []
        make_in(x, q)
        return propagate(q), cnt

    def decide_out(x: int, state: list[int]) -> tuple[bool, list[int]]:
        q: list[int] = []
        leave(x, _BLANK, NOT_IN, q)
        return propagate(q), cnt

    def restore(saved: list[int]) -> list[int]:
        cnt[:] = saved
        return cnt

    # Start: self-attackers can never be IN; the grounded extension's
    # arguments are IN in every complete (so preferred and stable) labelling.
    queue: list[int] = []
    for i in range(n):
        if i in tgt[i]:
            leave(i, _BLANK, NOT_IN, queue)
    for i in range(n):
        if g[i] == 1 and lab[i] == _BLANK:
            make_in(i, queue)
    degree = [len(att[i]) + len(tgt[i]) for i in range(n)]
    order = sorted(range(n), key=lambda i: -degree[i])
    ok = propagate(queue)
    return ok, cnt, decide_in, decide_out, choose, list.copy, restore


def _packed_fits(f: Framework) -> bool:
    """Whether the packed kernel suits *f*: its integer operations cost in
    proportion to the number of arguments, the per-argument counts they
    replace in proportion to the attacks, so it pays on small, dense
    frameworks."""
    n = len(f._att)
    if not n or n > PACKED_MAX:
        return False
    slot = 2 * (max(1, max(len(a) for a in f._att).bit_length()) + 1) + 2
    return n * n * slot <= PACKED_RATIO * len(f._attacks)


def _packed_kernel(f: Framework, stable: bool, lab: list[int], watch: list[int]):
    """The search's state packed in one int (see :func:`_search`); for small,
    dense frameworks."""
    att, tgt = f._att, f._tgt
    n = len(att)
    g = _grounded(f)[0]
    # Slot of argument k, S bits from bit k * S: the live count (W bits), the
    # BLANK count (W bits), and the flags BLANK and UNDEC (IN and OUT have
    # no flag).  A count never goes below 0, so no subtraction borrows into
    # the top bit of its field: that bit holds a flag, and the whole-int
    # tests set it (C | G) to stop their own borrows.  The live count's top
    # bit is SEEN (the rule on unattackable arguments below has run on k),
    # the BLANK count's is MUST_OUT.
    V = max(1, max(len(a) for a in att).bit_length())  # count bits
    W = V + 1
    S = 2 * W + 2
    FB, FU, FM, FS = 2 * W, 2 * W + 1, 2 * W - 1, W - 1  # the flags' offsets
    one = [1 << (k * S) for k in range(n)]
    LO = sum(one)  # bit 0 of every slot
    GL = LO << (W - 1)  # the live counts' guard bits
    GB = GL << W  # the BLANK counts' guard bits
    G = GL | GB
    ONE = LO | (LO << W)  # 1 in both counts of every slot
    TWO = ONE << 1
    THREE = ONE * 3
    C = sum(one[k] * (len(att[k]) * (1 + (1 << W)) + (1 << FB)) for k in range(n))
    # What one change of argument i subtracts from C: its own flags' change
    # and its targets' counts (live, BLANK or both).  BLANK -> IN changes no
    # count: its targets all become OUT, whose counts are never read.
    d_bo, d_bm, d_bu, d_uo, d_um, d_mo, d_bi, d_tb, d_seen = [], [], [], [], [], [], [], [], []
    # The arguments that i attacks and that do not attack i.
    only_tgt = [sorted(set(tgt[i]).difference(att[i])) for i in range(n)]
    size = (n * S + 7) // 8
    for i in range(n):
        bits = bytearray(size)  # (set bit by bit: summing shifted ints is quadratic)
        for k in tgt[i]:
            pos = k * S
            bits[pos >> 3] |= 1 << (pos & 7)
        live = int.from_bytes(bits, "little")
        blank = live << W
        fb, fu, fm = one[i] << FB, one[i] << FU, one[i] << FM
        d_bo.append(live + blank + fb)  # BLANK -> OUT
        d_bm.append(live + blank + fb - fm)  # BLANK -> MUST_OUT
        d_bu.append(blank + fb - fu)  # BLANK -> UNDEC
        d_uo.append(live + fu)  # UNDEC -> OUT
        d_um.append(live + fu - fm)  # UNDEC -> MUST_OUT
        d_mo.append(fm)  # MUST_OUT -> OUT
        d_bi.append(fb)  # BLANK -> IN
        d_tb.append(blank << (FB - W))  # its targets' BLANK flags
        d_seen.append(one[i] << FS)
    d_not = d_bm if stable else d_bu
    to_out = [d_bo, None, None, d_mo, d_uo]  # by the current label
    to_must = [d_bm, None, None, None, d_um]
    NOT_IN = _MUST_OUT if stable else _UNDEC
    MASK = (1 << V) - 1
    push = watch.append

    def make_in(i: int, C: int, lab=lab, tgt=tgt, att=att, d_bi=d_bi, to_out=to_out,
                to_must=to_must, push=push) -> int:
        # (The labels as literals: BLANK 0, IN 1, OUT 2, MUST_OUT 3, UNDEC 4.
        # A BLANK argument has no IN attacker or target.)
        lab[i] = 1
        C -= d_bi[i]
        for j in tgt[i]:
            lj = lab[j]
            if lj != 2:
                lab[j] = 2
                C -= to_out[lj][j]
        for k in att[i]:
            lk = lab[k]
            if lk == 0 or lk == 4:
                lab[k] = 3
                C -= to_must[lk][k]
                push(k)
        return C

    def propagate(C: int, lab=lab, att=att, G=G, GL=GL, GB=GB, ONE=ONE, TWO=TWO, S=S, W=W,
                  stable=stable, make_in=make_in, only_tgt=only_tgt, d_seen=d_seen,
                  d_bu=d_bu) -> tuple[bool, int]:
        # One forced IN per round, the cheap checks first: a branch bound to
        # fail stops before it labels more, and each round computes only the
        # masks it reads.
        while True:
            X = C | G
            zero = ((X - ONE) & G) ^ G  # the guard bits of the counts that are 0
            live0 = zero & GL
            if live0 & (C >> (W + 2)):
                return False, C  # an UNDEC argument is defended
            blank0 = zero & GB
            must = C  # (the MUST_OUT flags are the BLANK counts' guards)
            if blank0 & must:
                return False, C  # nobody can attack a MUST_OUT argument any more
            one_left = (((X - TWO) & GB) ^ GB) & must  # MUST_OUT, one possible defender
            if one_left:
                k = (one_left.bit_length() - 1) // S
                for a in att[k]:
                    if not lab[a]:  # the one possible defender must be IN
                        C = make_in(a, C)
                        break
                else:  # (the counts say there is one)
                    raise AssertionError(f"MUST_OUT argument {k} has no BLANK attacker")
                continue
            forced = live0 & (C >> (W + 1))  # defended BLANK arguments
            if stable:  # BLANK arguments nobody can attack any more
                forced |= (blank0 & (C >> 1)) >> W
            if forced:
                C = make_in((forced.bit_length() - 1) // S, C)
                continue
            if stable:
                return True, C
            # A BLANK or UNDEC argument a that no BLANK argument attacks could
            # not become MUST_OUT: whatever a attacks (and does not attack a
            # back) cannot be IN, so it is UNDEC.  (Stable has made such an a
            # IN already.)
            unattackable = blank0 & ((C >> 1) | (C >> 2))
            if unattackable:
                unattackable ^= unattackable & (C << W)  # not SEEN yet
                changed = False
                while unattackable:
                    b = unattackable.bit_length() - 1
                    unattackable ^= 1 << b
                    a = b // S
                    C += d_seen[a]
                    for x in only_tgt[a]:
                        if not lab[x]:
                            lab[x] = 4
                            C -= d_bu[x]
                            changed = True
                if changed:
                    continue  # the new UNDEC arguments may fire the rules above
            return True, C

    def choose(C: int) -> int:
        best, best_count = -1, n + 1
        two = ((((C | G) - THREE) & GB) ^ GB) & C
        if two:  # MUST_OUT with two BLANK attackers, the fewest left by propagation
            best, best_count = (two.bit_length() - 1) // S, 2
        else:
            for k in watch:
                if lab[k] == _MUST_OUT:
                    c = (C >> (k * S + W)) & MASK
                    if c < best_count:
                        best, best_count = k, c
                        if c == 3:
                            break
        if stable and best_count > 2:
            one_blank = ((((C | G) - TWO) & GB) ^ GB) & (C >> 1)
            if one_blank:  # a BLANK argument with one BLANK attacker
                return (one_blank.bit_length() - 1) // S
        if best >= 0:
            pick, score = -1, -1
            for a in att[best]:
                if not lab[a]:
                    # stable: the defender with the most BLANK targets
                    sc = (C & d_tb[a]).bit_count() if stable else degree[a]
                    if sc > score:
                        pick, score = a, sc
            return pick
        if stable:
            pick, fewest = -1, n + 1
            for i in order:
                if not lab[i]:
                    c = (C >> (i * S + W)) & MASK
                    if c < fewest:
                        pick, fewest = i, c
            return pick
        for i in order:
            if not lab[i]:
                return i
        return -1

    def decide_in(x: int, C: int) -> tuple[bool, int]:
        return propagate(make_in(x, C))

    def decide_out(x: int, C: int) -> tuple[bool, int]:
        lab[x] = NOT_IN
        if stable:
            push(x)
        return propagate(C - d_not[x])

    for i in range(n):
        if i in tgt[i]:
            lab[i] = NOT_IN
            C -= d_not[i]
            if stable:
                push(i)
    for i in range(n):
        if g[i] == 1 and not lab[i]:
            C = make_in(i, C)
    degree = [len(att[i]) + len(tgt[i]) for i in range(n)]
    order = sorted(range(n), key=lambda i: -degree[i])
    ok, C = propagate(C)
    return ok, C, decide_in, decide_out, choose, None, None


def _to_args(f: Framework, ix: Iterable[int]) -> frozenset:
    args = f._arguments
    return frozenset(args[i] for i in ix)


def _sorted(f: Framework, sets: Iterable[frozenset]) -> list[frozenset]:
    index = f._index
    return sorted(set(sets), key=lambda s: sorted(index[a] for a in s))


def _preferred_ix(f: Framework, budget: _Budget | None = None) -> list[frozenset]:
    # Each set the search yields is admissible and not inside one found
    # before; one that contains sets found before replaces them, so the
    # candidates held are always an antichain, and they are counted as
    # they come.
    cands: list[frozenset] = []
    for s in _search(f, stable=False, prune_found=True, budget=budget):
        if any(s <= t for t in cands):
            continue
        cands = [t for t in cands if not t < s]
        cands.append(s)
        if budget is not None:
            budget.count(len(cands))
    return cands


def _complete_ix(f: Framework, budget: _Budget | None = None) -> list[frozenset]:
    out = set()
    args = f._arguments
    for s in _search(f, stable=False, prune_found=False, budget=budget):
        if s in out:
            continue
        if is_complete(f, [args[i] for i in s]):
            out.add(s)
            if budget is not None:
                budget.count(len(out))
    return list(out)


def _stable_ix(f: Framework, budget: _Budget | None = None) -> list[frozenset]:
    out: list[frozenset] = []
    for s in _search(f, stable=True, prune_found=False, budget=budget):
        out.append(s)  # (each stable labelling is found once)
        if budget is not None:
            budget.count(len(out))
    return out


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
#: grounded labelling leaves at least AUTO_UNDECIDED arguments undecided
#: (AUTO_UNDECIDED_STABLE for stable semantics, where the search propagates
#: more), with fewer than AUTO_DENSITY attackers each among them on average.
AUTO_UNDECIDED = 180
AUTO_UNDECIDED_STABLE = 250
AUTO_DENSITY = 11


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
        if len(undecided) < (AUTO_UNDECIDED_STABLE if semantics == "stable" else AUTO_UNDECIDED):
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


def extensions(
    f: Framework,
    semantics: str = "preferred",
    *,
    backend: str = "auto",
    max_extensions: int = DEFAULT_MAX_EXTENSIONS,
    timeout: float | None = None,
) -> list[frozenset]:
    """The extensions of *f* under *semantics* (one of :data:`DUNG_SEMANTICS`),
    as a sorted list of frozensets (sorted by the arguments' order in *f*).

    *backend* (one of :data:`BACKENDS`) picks the solver: ``"python"``, the
    built-in search; ``"clingo"``, the answer-set solver of the optional
    ``argmap[clingo]`` extra; ``"auto"``, the solver that is fastest for the
    call among those installed.  Every back-end gives the same extensions.

    A framework of *n* arguments can have exponentially many extensions
    (2**(n/2) stable ones for n/2 pairs that attack each other), so the
    enumeration stops with :class:`SemanticsLimitError` once it holds more
    than *max_extensions* (default :data:`DEFAULT_MAX_EXTENSIONS`) and, with
    a *timeout* (seconds; default None, no limit), once it has run that
    long; memory stays in proportion to *max_extensions*.  Semi-stable and
    ideal extensions are computed from the preferred ones, so there the
    limit counts the preferred extensions.  The grounded extension is
    computed in linear time and memory and never hits a limit.

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
    budget = _Budget("preferred" if semantics in ("semi-stable", "ideal") else semantics, max_extensions, timeout)
    if _backend(f, semantics, backend) == "clingo":
        from argmap.semantics import asp

        return _sorted(f, asp.extensions(f, semantics, budget=budget))
    if semantics == "grounded":
        return [grounded(f)]
    if semantics == "preferred":
        ix = _preferred_ix(f, budget)
    elif semantics == "stable":
        ix = _stable_ix(f, budget)
    elif semantics == "complete":
        ix = _complete_ix(f, budget)
    elif semantics == "semi-stable":
        prefs = _preferred_ix(f, budget)
        ranges = {s: _range(f, s) for s in prefs}
        ix = [s for s in prefs if not any(ranges[s] < r for r in ranges.values())]
    else:  # ideal
        ix = [_ideal_ix(f, _preferred_ix(f, budget))]
    return _sorted(f, (_to_args(f, s) for s in ix))


def labelling(f: Framework, extension: Collection[Hashable]) -> dict:
    """The labelling of *extension*: each argument (in order) -> ``"in"``,
    ``"out"`` (attacked by the extension) or ``"undec"``."""
    ix = _indices(f, extension)
    hit = {j for i in ix for j in f._tgt[i]}
    return {a: IN if i in ix else OUT if i in hit else UNDEC for i, a in enumerate(f._arguments)}


def labellings(
    f: Framework,
    semantics: str = "preferred",
    *,
    backend: str = "auto",
    max_extensions: int = DEFAULT_MAX_EXTENSIONS,
    timeout: float | None = None,
) -> list[dict]:
    """The labellings of the extensions of *f* under *semantics*, in the
    order of :func:`extensions` (which takes the same keyword options)."""
    exts = extensions(f, semantics, backend=backend, max_extensions=max_extensions, timeout=timeout)
    return [labelling(f, e) for e in exts]


def credulously_accepted(
    f: Framework,
    argument: Hashable,
    semantics: str = "preferred",
    *,
    backend: str = "auto",
    max_extensions: int = DEFAULT_MAX_EXTENSIONS,
    timeout: float | None = None,
) -> bool:
    """*argument* is in at least one extension of *f* under *semantics*
    (for preferred: in some admissible set).  The keyword options are
    :func:`extensions`'s."""
    f._i(argument)
    exts = extensions(f, semantics, backend=backend, max_extensions=max_extensions, timeout=timeout)
    return any(argument in e for e in exts)


def sceptically_accepted(
    f: Framework,
    argument: Hashable,
    semantics: str = "preferred",
    *,
    backend: str = "auto",
    max_extensions: int = DEFAULT_MAX_EXTENSIONS,
    timeout: float | None = None,
) -> bool:
    """*argument* is in every extension of *f* under *semantics* (false when
    there is none, e.g. no stable extension).  The keyword options are
    :func:`extensions`'s."""
    f._i(argument)
    exts = extensions(f, semantics, backend=backend, max_extensions=max_extensions, timeout=timeout)
    return bool(exts) and all(argument in e for e in exts)
