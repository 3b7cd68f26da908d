"""The labelling search of :mod:`argmap.semantics.dung`: the preferred,
stable and complete extensions as sets of argument indices.

:func:`_search` drives the backtracking; the state it works on is kept by
one of two kernels, the counts kernel (:func:`_counts_kernel`, here) or the
packed kernel (:mod:`argmap.semantics._packed`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, TypeVar

from argmap.semantics._kernels import (
    _BLANK,
    _IN,
    _MUST_OUT,
    _OUT,
    _UNDEC,
    Kernel,
    _Budget,
    _grounded,
    _is_complete_ix,
)
from argmap.semantics._packed import _packed_fits, _packed_kernel

if TYPE_CHECKING:
    from argmap.semantics.dung import Framework

S = TypeVar("S")
Adj = tuple[tuple[int, ...], ...]  # per argument, its attackers (or targets)


def _search(f: Framework, stable: bool, prune_found: bool, budget: _Budget | None = None) -> Iterator[frozenset[int]]:
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
    n = len(f._att)
    lab = [_BLANK] * n
    watch: list[int] = []
    if _packed_fits(f):
        return _drive(_packed_kernel(f, stable, lab, watch), lab, watch, prune_found, budget)
    return _drive(_counts_kernel(f, stable, lab, watch), lab, watch, prune_found, budget)


def _drive(
    kernel: Kernel[S], lab: list[int], watch: list[int], prune_found: bool, budget: _Budget | None
) -> Iterator[frozenset[int]]:
    """The backtracking of :func:`_search` on the state that *kernel* keeps
    (*lab*: the labels; *watch*: the arguments the kernel watches)."""
    tick = budget.tick if budget is not None and budget.deadline is not None else None
    n = len(lab)
    ok, state, decide_in, decide_out, choose, save, restore = kernel
    if not ok:
        return
    found: list[tuple[frozenset[int], list[int]]] = []  # (in-set, the arguments outside it)

    def beyond_found(state: S) -> tuple[bool, S]:
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
    stack: list[tuple[list[int], S, int, int]] = []
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


def _counts_kernel(f: Framework, stable: bool, lab: list[int], watch: list[int]) -> Kernel[list[int]]:
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

    def leave(
        i: int, li: int, v: int, queue: list[int], lab: list[int] = lab, cnt: list[int] = cnt, tgt: Adj = tgt
    ) -> None:
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

    def make_in(
        i: int, queue: list[int], lab: list[int] = lab, cnt: list[int] = cnt, tgt: Adj = tgt, att: Adj = att
    ) -> None:
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
        xs = only_tgt[a]
        if xs is None:
            xs = only_tgt[a] = sorted(set(tgt[a]).difference(att[a]))
        for x in xs:
            if lab[x] == _BLANK:
                leave(x, _BLANK, _UNDEC, queue)

    def propagate(queue: list[int], lab: list[int] = lab, cnt: list[int] = cnt, att: Adj = att) -> bool:
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
            elif lk == _BLANK and best_count > 2:
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
    return Kernel(ok, cnt, decide_in, decide_out, choose, list.copy, restore)


def _preferred_ix(f: Framework, budget: _Budget | None = None) -> list[frozenset[int]]:
    """The preferred extensions of *f*, as sets of indices."""
    # Each set the search yields is admissible and not inside one found
    # before; one that contains sets found before replaces them, so the
    # candidates held are always an antichain, and they are counted as
    # they come.
    cands: list[frozenset[int]] = []
    for s in _search(f, stable=False, prune_found=True, budget=budget):
        if any(s <= t for t in cands):
            continue
        cands = [t for t in cands if not t < s]
        cands.append(s)
        if budget is not None:
            budget.count(len(cands))
    return cands


def _complete_ix(f: Framework, budget: _Budget | None = None) -> list[frozenset[int]]:
    """The complete extensions of *f*, as sets of indices."""
    out: set[frozenset[int]] = set()
    for s in _search(f, stable=False, prune_found=False, budget=budget):
        if s in out:
            continue
        if _is_complete_ix(f, s):
            out.add(s)
            if budget is not None:
                budget.count(len(out))
    return list(out)


def _stable_ix(f: Framework, budget: _Budget | None = None) -> list[frozenset[int]]:
    """The stable extensions of *f*, as sets of indices."""
    out: list[frozenset[int]] = []
    for s in _search(f, stable=True, prune_found=False, budget=budget):
        out.append(s)  # (each stable labelling is found once)
        if budget is not None:
            budget.count(len(out))
    return out


def _credulous_ix(f: Framework, budget: _Budget | None = None, order: list[int] | None = None) -> set[int]:
    """The credulously accepted arguments of *f* (those in some complete,
    so in some preferred, extension), as indices: for each argument not
    yet accepted, one search for a complete labelling with it IN, whose
    in-set accepts all its members at once.  The kernel is built once, and
    its start (the grounded labelling, propagated) restored before each
    search.

    An argument one of whose attackers no accepted argument can attack is
    not accepted, with no search: with *order* (every index, attackers'
    SCCs first) the arguments are looked at in that order, so that the
    attackers of most are decided before them (else an odd cycle attacking
    many arguments would be propagated into once per argument)."""
    n = len(f._att)
    lab = [_BLANK] * n
    watch: list[int] = []
    if order is None:
        order = list(range(n))
    if _packed_fits(f):
        return _accepted(_packed_kernel(f, False, lab, watch), f._att, lab, watch, budget, order)
    return _accepted(_counts_kernel(f, False, lab, watch), f._att, lab, watch, budget, order)


def _accepted(
    kernel: Kernel[S], att: Adj, lab: list[int], watch: list[int], budget: _Budget | None, order: list[int]
) -> set[int]:
    """:func:`_credulous_ix` on the state that *kernel* keeps."""
    n = len(lab)
    accepted = {i for i in range(n) if lab[i] == _IN}
    if not kernel.ok:  # (the grounded labelling is consistent)
        return accepted
    start_lab, start_watch = lab[:], len(watch)
    start = kernel.save(kernel.state) if kernel.save else kernel.state
    # Never accepted: labelled other than IN at the start, or found so.
    rejected = bytearray(x not in (_BLANK, _IN) for x in start_lab)
    for x in order:
        if x in accepted or start_lab[x] != _BLANK:
            continue  # (labelled at the start: IN is accepted, the others never are)
        if budget is not None:
            budget.tick()
        # (In an admissible set with x, an accepted argument attacks each
        # attacker of x.)
        if any(all(rejected[b] for b in att[a]) for a in att[x]):
            rejected[x] = 1
            continue
        lab[:] = start_lab
        del watch[start_watch:]
        state = kernel.restore(start) if kernel.restore else start
        ok, state = kernel.decide_in(x, state)
        found = next(_drive(kernel._replace(state=state), lab, watch, False, budget), None) if ok else None
        if found is None:
            rejected[x] = 1
        else:
            accepted |= found
    return accepted
