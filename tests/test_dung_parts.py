"""Dung semantics computed part by part (argmap.semantics._scc): the same
extensions, in the same order, as one search over the whole framework, and
the limits kept."""

from __future__ import annotations

import signal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_dung import KERNELS, kernel

from argmap.semantics import DUNG_SEMANTICS, Framework, SemanticsLimitError, extensions
from argmap.semantics._kernels import _ideal_ix, _range
from argmap.semantics._scc import _parts, _sccs
from argmap.semantics._search import _complete_ix, _preferred_ix, _stable_ix
from argmap.semantics.evaluation import _dung_labels

SEARCHED = [s for s in DUNG_SEMANTICS if s != "grounded"]


def one_search(f, sem):
    """The extensions as computed before: one search over all of *f*."""
    if sem == "preferred":
        ix = _preferred_ix(f)
    elif sem == "stable":
        ix = _stable_ix(f)
    elif sem == "complete":
        ix = _complete_ix(f)
    elif sem == "semi-stable":
        prefs = _preferred_ix(f)
        ranges = {s: _range(f, s) for s in prefs}
        ix = [s for s in prefs if not any(ranges[s] < r for r in ranges.values())]
    else:
        ix = [_ideal_ix(f, _preferred_ix(f))]
    args = f.arguments
    return [frozenset(args[i] for i in s) for s in ix]


def sceptical(f, exts):
    """The labels that evaluate gives, from the extensions."""
    k = len(exts)
    out = {}
    for a in f.arguments:
        hit = [any(x in e for x in f.attackers(a)) for e in exts]
        out[a] = "in" if k and all(a in e for e in exts) else "out" if k and all(hit) else "undec"
    return out


@st.composite
def structured(draw, max_args=14):
    """Frameworks made of blocks (each a random framework, self-attacks and
    odd cycles included), some of them attacking later blocks only, so that
    they have several independent parts and several SCCs each."""
    n = draw(st.integers(0, max_args))
    args = [f"a{i}" for i in range(n)]
    cuts = sorted(draw(st.sets(st.integers(1, max(1, n - 1)), max_size=4))) if n > 1 else []
    blocks = [args[i:j] for i, j in zip([0, *cuts], [*cuts, n], strict=True) if args[i:j]]
    attacks = []
    for b in blocks:
        pairs = [(x, y) for x in b for y in b]
        attacks += draw(st.lists(st.sampled_from(pairs), max_size=2 * len(b), unique=True))
    for i, b in enumerate(blocks):
        for c in blocks[i + 1 :]:
            if draw(st.booleans()):
                attacks.append((draw(st.sampled_from(b)), draw(st.sampled_from(c))))
    return Framework(args, attacks)


class TestSameAsOneSearch:
    @given(structured(), st.sampled_from(SEARCHED), st.sampled_from(KERNELS))
    def test_extensions_and_statuses(self, f, sem, name):
        with kernel(name):
            old = one_search(f, sem)
            new = extensions(f, sem, backend="python", max_extensions=10**6)
        index = {a: i for i, a in enumerate(f.arguments)}
        assert new == sorted(set(old), key=lambda s: sorted(index[a] for a in s))
        assert _dung_labels(f, sem, "python", max_extensions=10**6) == sceptical(f, old)

    @given(structured(), st.sampled_from(SEARCHED))
    def test_the_limit_where_it_was(self, f, sem):
        count = len(one_search(f, "preferred" if sem == "semi-stable" else sem))
        if sem == "ideal":
            assert len(extensions(f, sem, backend="python", max_extensions=1)) == 1
            return
        assert len(extensions(f, sem, backend="python", max_extensions=max(count, 1))) <= count
        if count > 1:
            with pytest.raises(SemanticsLimitError, match=f"more than {count - 1} "):
                extensions(f, sem, backend="python", max_extensions=count - 1)

    def test_an_odd_cycle_below_an_even_one(self):
        # a <-> b, b -> c, and the odd cycle c -> d -> e -> c: SCCs {a, b}
        # then {c, d, e}, where b IN makes c OUT and so d IN.
        f = Framework("abcde", [("a", "b"), ("b", "a"), ("b", "c"), ("c", "d"), ("d", "e"), ("e", "c")])
        assert _sccs(f, _parts(f)[0]) == [[0, 1], [2, 3, 4]]
        assert [sorted(e) for e in extensions(f, "preferred")] == [["a"], ["b", "d"]]
        assert [sorted(e) for e in extensions(f, "complete")] == [[], ["a"], ["b", "d"]]
        assert [sorted(e) for e in extensions(f, "stable")] == [["b", "d"]]
        assert [sorted(e) for e in extensions(f, "semi-stable")] == [["b", "d"]]
        assert extensions(f, "ideal") == [frozenset()]


def cycles(k):
    """k disjoint pairs of arguments that attack each other: 2 ** k
    preferred and stable extensions, 3 ** k complete ones."""
    args = [f"{x}{i}" for i in range(k) for x in "ab"]
    return Framework(args, [p for i in range(k) for p in ((f"a{i}", f"b{i}"), (f"b{i}", f"a{i}"))])


class HangGuard:
    """Fail a test that runs longer than *seconds* (far above its expected time)."""

    def __init__(self, seconds):
        self.seconds = seconds

    def __enter__(self):
        def stop(*_):
            raise AssertionError(f"took more than {self.seconds} s")

        self.old = signal.signal(signal.SIGALRM, stop)
        signal.alarm(self.seconds)

    def __exit__(self, *exc):
        signal.alarm(0)
        signal.signal(signal.SIGALRM, self.old)


class TestIndependentParts:
    def test_parts(self):
        f = cycles(3)
        assert _parts(f) == [[0, 1], [2, 3], [4, 5]]

    @pytest.mark.parametrize("sem", ["preferred", "stable", "complete", "semi-stable"])
    def test_the_limit_is_known_before_any_extension_is_built(self, sem):
        # Before: preferred, semi-stable and ideal searched for 1,001
        # extensions of 36 arguments, comparing each with those found (2.4 s).
        with HangGuard(30), pytest.raises(SemanticsLimitError) as e:
            extensions(cycles(18), sem, backend="python")
        assert (
            e.value.limit == "max_extensions"
            and f"more than 1000 {'preferred' if sem == 'semi-stable' else sem}" in str(e.value)
        )

    def test_ideal_and_grounded_need_no_enumeration(self):
        with HangGuard(30):
            assert extensions(cycles(18), "ideal", backend="python", max_extensions=1) == [frozenset()]

    def test_every_preferred_extension_of_14_pairs(self):
        # Before: minutes (each step compared with every extension found).
        with HangGuard(60):
            exts = extensions(cycles(14), "preferred", backend="python", max_extensions=2**14)
        assert len(exts) == 2**14 and exts[0] == frozenset(f"a{i}" for i in range(14))
        assert exts[-1] == frozenset(f"b{i}" for i in range(14))

    def test_stable_none_in_one_part_many_in_another(self):
        # 16 stable extensions in one part, none in the other (an odd cycle):
        # none at all, whatever the limit, as before.
        f = Framework(
            [*cycles(4).arguments, "x", "y", "z"],
            [*cycles(4).attacks, ("x", "y"), ("y", "z"), ("z", "x")],
        )
        assert extensions(f, "stable", max_extensions=2) == []
        assert extensions(f, "stable") == []

    def test_timeout_across_parts(self):
        f = cycles(200)
        with pytest.raises(SemanticsLimitError) as e:
            extensions(f, "ideal", backend="python", timeout=1e-9)
        assert e.value.limit == "timeout" and "ideal" in str(e.value)
