"""Sceptical labels and acceptance part by part (``sceptical_labels``,
``evaluate``, ``credulously_accepted``, ``sceptically_accepted``): the same
results and errors as from every extension of the whole framework, wherever
listing them finishes, and no 2**k extensions listed for k independent
parts."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from test_dung import KERNELS, kernel
from test_dung_parts import HangGuard, cycles, structured

import argmap
from argmap.cli import main
from argmap.semantics import (
    DUNG_SEMANTICS,
    Framework,
    SemanticsError,
    SemanticsLimitError,
    credulously_accepted,
    evaluate,
    extensions,
    sceptical_labels,
    sceptically_accepted,
)
from argmap.semantics._kernels import _Budget
from argmap.semantics._scc import _part_lists
from argmap.semantics.evaluation import _dung_labels

PARTWISE = ("complete", "preferred", "stable", "semi-stable")


def from_every_extension(f, sem, **limits):
    """Labels, credulous and sceptical acceptance as computed before: from
    the list of every extension of the whole framework."""
    exts = extensions(f, sem, backend="python", **limits)
    k = len(exts)
    labels, cred, scep = {}, {}, {}
    for a in f.arguments:
        hit = [any(x in e for x in f.attackers(a)) for e in exts]
        labels[a] = "in" if k and all(a in e for e in exts) else "out" if k and all(hit) else "undec"
        cred[a] = any(a in e for e in exts)
        scep[a] = bool(exts) and all(a in e for e in exts)
    return labels, cred, scep


def part_by_part(f, sem, backend="python", **limits):
    labels = sceptical_labels(f, sem, backend=backend, **limits)
    cred = {a: credulously_accepted(f, a, sem, backend=backend, **limits) for a in f.arguments}
    scep = {a: sceptically_accepted(f, a, sem, backend=backend, **limits) for a in f.arguments}
    assert _dung_labels(f, sem, backend, **limits) == labels
    return labels, cred, scep


def largest_part(f, sem):
    """The most extensions one part has (0: no part), where the limit now
    stops."""
    budget = _Budget(sem, 10**9)
    got = _part_lists(f, sem, budget)
    return max((len(e) for e in got[1]), default=0) if got else 0


@st.composite
def disjoint(draw):
    """2 to 5 small frameworks side by side (no attack between them), each
    with self-attacks and odd cycles possible, often with two arguments
    that attack each other: several independent parts, whose extensions
    multiply."""
    args, attacks = [], []
    for p in range(draw(st.integers(2, 5))):
        names = [f"p{p}x{i}" for i in range(draw(st.integers(1, 4)))]
        pairs = [(x, y) for x in names for y in names]
        args += names
        attacks += draw(st.lists(st.sampled_from(pairs), max_size=2 * len(names), unique=True))
        if len(names) > 1 and draw(st.booleans()):  # (a choice: two extensions or more)
            attacks += [(names[0], names[1]), (names[1], names[0])]
    return Framework(args, attacks)


FRAMEWORKS = st.one_of(structured(), disjoint())


def outcome(call):
    try:
        return call()
    except SemanticsLimitError as e:
        return ("error", e.limit, e.value, str(e))


class TestSameAsFromEveryExtension:
    @given(FRAMEWORKS, st.sampled_from(DUNG_SEMANTICS), st.sampled_from(KERNELS))
    def test_labels_and_acceptance(self, f, sem, name):
        with kernel(name):
            assert part_by_part(f, sem, max_extensions=10**6) == from_every_extension(f, sem, max_extensions=10**6)

    @given(FRAMEWORKS, st.sampled_from(DUNG_SEMANTICS), st.sampled_from(KERNELS), st.integers(1, 4))
    @example(cycles(2), "preferred", "packed", 3)  # (2 x 2 extensions: past 3 in all, not in a part)
    @example(cycles(2), "complete", "counts", 2)  # (3 x 3, and 3 in a part: the error as before)
    def test_where_listing_every_extension_finishes_or_not(self, f, sem, name, most):
        with kernel(name):
            before = outcome(lambda: from_every_extension(f, sem, max_extensions=most))
            now = outcome(lambda: part_by_part(f, sem, max_extensions=most))
            if before[0] != "error":
                assert now == before
                return
            if now[0] != "error":  # the limit was on the product of the parts
                assert now == from_every_extension(f, sem, max_extensions=10**6)
                return
            # ... or one part alone has too many: the same error as before
            assert now == before
            assert largest_part(f, sem) > most

    @given(st.one_of(structured(max_args=10), disjoint()), st.sampled_from(PARTWISE))
    def test_clingo_part_by_part(self, f, sem):
        pytest.importorskip("clingo")
        assert part_by_part(f, sem, "clingo", max_extensions=10**6) == from_every_extension(
            f, sem, max_extensions=10**6
        )


def star(k):
    """k pairs a_i <-> b_i, each a_i attacking z: one part with 2**k
    preferred and stable extensions (z is in when every b_i is)."""
    f = cycles(k)
    return Framework([*f.arguments, "z"], [*f.attacks, *((f"a{i}", "z") for i in range(k))])


def plus(f, g):
    return Framework([*f.arguments, *g.arguments], [*f.attacks, *g.attacks])


def renamed(f, tag):
    return Framework([f"{a}{tag}" for a in f.arguments], [(f"{a}{tag}", f"{b}{tag}") for a, b in f.attacks])


class TestIndependentParts:
    @pytest.mark.parametrize("k", [18, 30])
    @pytest.mark.parametrize("sem", PARTWISE)
    def test_disjoint_pairs(self, k, sem):
        # Before: 2**k (complete: 3**k) extensions of the whole were to be
        # listed, so the default limit stopped the call.
        f = cycles(k)
        with HangGuard(30):
            assert set(sceptical_labels(f, sem).values()) == {"undec"}
            assert credulously_accepted(f, "a0", sem) and credulously_accepted(f, f"b{k - 1}", sem)
            assert not sceptically_accepted(f, "b0", sem)
        with pytest.raises(SemanticsLimitError, match="more than 1000 "):
            extensions(f, sem)  # (the extensions themselves are still too many)

    @pytest.mark.parametrize("sem", PARTWISE)
    def test_disjoint_pairs_and_a_decided_part(self, sem):
        # x -> y -> w: the grounded part decides x and w IN, y OUT.
        f = plus(cycles(30), Framework("xyw", [("x", "y"), ("y", "w")]))
        with HangGuard(30):
            labels = sceptical_labels(f, sem)
        assert [labels[a] for a in "xyw"] == ["in", "out", "in"] and labels["a7"] == "undec"
        assert sceptically_accepted(f, "w", sem) and not credulously_accepted(f, "y", sem)

    @pytest.mark.parametrize("k", [18, 30])
    def test_evaluate_and_the_eval_command(self, k, tmp_path, capsys):
        path = tmp_path / "pairs.apx"
        f = cycles(k)
        path.write_text(
            "".join(f"arg({a}).\n" for a in f.arguments) + "".join(f"att({a},{b}).\n" for a, b in f.attacks)
        )
        with HangGuard(60):
            assert set(evaluate(argmap.load(path), "preferred").values()) == {"undec"}
            assert main(["eval", str(path), "--semantics", "stable", "--explain"]) == 0
        out = capsys.readouterr().out
        assert out.startswith("semantics: stable\n") and out.count("undec") == 2 * k

    @pytest.mark.parametrize("sem", ["preferred", "stable", "semi-stable"])
    def test_one_big_part_past_the_limit(self, sem):
        # 2**11 = 2,048 extensions in one part alone, beside 30 small parts:
        # past the default limit, with the error as before ...
        f = plus(cycles(30), renamed(star(11), "_"))
        with HangGuard(30), pytest.raises(SemanticsLimitError) as e:
            sceptical_labels(f, sem)
        name = "preferred" if sem == "semi-stable" else sem
        assert e.value.limit == "max_extensions" and e.value.value == 1000
        assert str(e.value) == (
            f"more than 1000 {name} extensions; pass max_extensions= (--max-extensions) to allow more"
        )
        with HangGuard(30), pytest.raises(SemanticsLimitError, match="more than 1000 "):
            credulously_accepted(f, "a0", sem)
        # ... and within it once the limit is the part's count.
        with HangGuard(60):
            labels = sceptical_labels(f, sem, max_extensions=2048)
        assert set(labels.values()) == {"undec"}
        assert credulously_accepted(f, "z_", sem, max_extensions=2048)

    def test_complete_one_big_part(self):
        # 3**7 = 2,187 complete extensions in one part.
        f = plus(cycles(20), renamed(star(7), "_"))
        with HangGuard(30), pytest.raises(SemanticsLimitError, match="more than 1000 complete extensions"):
            sceptical_labels(f, "complete")
        assert sceptical_labels(f, "complete", max_extensions=3**7)["z_"] == "undec"

    def test_stable_none_in_one_part_beside_a_big_part(self):
        # A part past the limit and a part without a stable extension: no
        # stable extension at all, so every label undec, as before.
        odd = Framework("xyz", [("x", "y"), ("y", "z"), ("z", "x")])
        f = plus(plus(cycles(30), renamed(star(11), "_")), odd)
        assert extensions(f, "stable") == []
        with HangGuard(30):
            assert set(sceptical_labels(f, "stable").values()) == {"undec"}
            assert not credulously_accepted(f, "a0", "stable")
            assert not sceptically_accepted(f, "x", "stable")

    def test_timeout_across_parts(self):
        with pytest.raises(SemanticsLimitError) as e:
            sceptical_labels(cycles(200), "preferred", backend="python", timeout=1e-9)
        assert e.value.limit == "timeout" and "preferred" in str(e.value)

    def test_errors_as_before(self):
        f = cycles(2)
        with pytest.raises(SemanticsError, match="unknown semantics 'nope'"):
            sceptical_labels(f, "nope")
        with pytest.raises(SemanticsError, match="unknown backend 'x'"):
            sceptical_labels(f, "preferred", backend="x")
        with pytest.raises(SemanticsError, match="max_extensions must be"):
            sceptical_labels(f, "stable", max_extensions=0)
        with pytest.raises(SemanticsError, match="'q' is not an argument"):
            credulously_accepted(f, "q", "stable")


def test_auto_hands_clingo_only_the_large_sparse_part(monkeypatch):
    # An even cycle of 200 arguments (sparse, 2 preferred extensions) beside
    # 30 pairs: the whole (260 undecided) would go to clingo and list 2**31
    # extensions; part by part, clingo solves the cycle alone.
    asp = pytest.importorskip("argmap.semantics.asp")
    pytest.importorskip("clingo")
    ring = Framework([f"r{i}" for i in range(200)], [(f"r{i}", f"r{(i + 1) % 200}") for i in range(200)])
    f = plus(cycles(30), ring)
    sizes = []
    solve = asp._solve

    def counted(g, encoding, budget=None):
        sizes.append(len(g))
        return solve(g, encoding, budget)

    monkeypatch.setattr(asp, "_solve", counted)
    with HangGuard(60):
        assert set(sceptical_labels(f, "preferred").values()) == {"undec"}
    assert sizes == [200]
