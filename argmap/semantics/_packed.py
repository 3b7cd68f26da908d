"""The packed kernel of the labelling search: every count and label flag of
the framework in one int (see :func:`argmap.semantics._search._search`).

One subtraction updates all the targets of an argument that changed, and a
few whole-int operations find every argument a rule fires on, so it wins
on small, dense frameworks; :func:`_packed_fits` says where.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from argmap.semantics._kernels import _MUST_OUT, _UNDEC, Kernel, _grounded

if TYPE_CHECKING:
    from argmap.semantics.dung import Framework

Adj = tuple[tuple[int, ...], ...]  # per argument, its attackers (or targets)

#: The packed kernel is used for frameworks of at most PACKED_MAX arguments
#: where n * n * (bits per slot) <= PACKED_RATIO * (attacks): there one
#: subtraction on an int of n slots costs less than the per-argument count
#: updates it replaces (measured crossover: docs/evaluation.md).
PACKED_MAX = 1024
PACKED_RATIO = 600


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


def _packed_kernel(f: Framework, stable: bool, lab: list[int], watch: list[int]) -> Kernel[int]:
    """The search's state packed in one int (see
    :func:`~argmap.semantics._search._search`); for small,
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
    d_bo: list[int] = []
    d_bm: list[int] = []
    d_bu: list[int] = []
    d_uo: list[int] = []
    d_um: list[int] = []
    d_mo: list[int] = []
    d_bi: list[int] = []
    d_tb: list[int] = []
    d_seen: list[int] = []
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
    # By the current label (none from IN; OUT stays OUT; MUST_OUT only to OUT).
    to_out: list[list[int]] = [d_bo, [], [], d_mo, d_uo]
    to_must: list[list[int]] = [d_bm, [], [], [], d_um]
    NOT_IN = _MUST_OUT if stable else _UNDEC
    MASK = (1 << V) - 1
    push = watch.append

    def make_in(
        i: int,
        C: int,
        lab: list[int] = lab,
        tgt: Adj = tgt,
        att: Adj = att,
        d_bi: list[int] = d_bi,
        to_out: list[list[int]] = to_out,
        to_must: list[list[int]] = to_must,
        push: Callable[[int], None] = push,
    ) -> int:
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

    def propagate(
        C: int,
        lab: list[int] = lab,
        att: Adj = att,
        G: int = G,
        GL: int = GL,
        GB: int = GB,
        ONE: int = ONE,
        TWO: int = TWO,
        S: int = S,
        W: int = W,
        stable: bool = stable,
        make_in: Callable[[int, int], int] = make_in,
        only_tgt: list[list[int]] = only_tgt,
        d_seen: list[int] = d_seen,
        d_bu: list[int] = d_bu,
    ) -> tuple[bool, int]:
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
    return Kernel(ok, C, decide_in, decide_out, choose, None, None)
