"""Gradual semantics: the papers' formulas on small worked examples, the
properties they guarantee, and a cross-check of DF-QuAD and quadratic energy
against formal-argumentation."""

from __future__ import annotations

import math
import random
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmap.semantics import GRADUAL_SEMANTICS, QBAF, ConvergenceError, SemanticsError, strengths


def approx(x):
    return pytest.approx(x, abs=1e-9)


class TestQBAF:
    def test_value(self):
        q = QBAF({"a": 0.5, "b": 1}, attacks=[("b", "a"), ("b", "a")])
        assert q.attacks == (("b", "a"),) and q.base == {"a": 0.5, "b": 1.0}
        assert q == QBAF({"b": 1.0, "a": 0.5}, attacks=[("b", "a")]) and hash(q)
        with pytest.raises(AttributeError):
            q.x = 1

    @pytest.mark.parametrize("base", [{"a": 1.5}, {"a": -0.1}, {"a": "0.5"}, {"a": True}, {"a": math.nan}])
    def test_bad_base(self, base):
        with pytest.raises(SemanticsError, match="base score"):
            QBAF(base)

    def test_bad_edges(self):
        with pytest.raises(SemanticsError, match="'z'"):
            QBAF({"a": 0.5}, attacks=[("z", "a")])
        with pytest.raises(SemanticsError, match="both"):
            QBAF({"a": 0.5, "b": 0.5}, attacks=[("a", "b")], supports=[("a", "b")])

    def test_bad_options(self):
        q = QBAF({"a": 0.5})
        with pytest.raises(SemanticsError, match="known"):
            strengths(q, "h-categoriser")
        with pytest.raises(SemanticsError, match="max_iter"):
            strengths(q, max_iter=0)
        with pytest.raises(SemanticsError, match="tol"):
            strengths(q, tol=0)


class TestDFQuAD:
    """Rago et al. 2016, Defs. 1-3: F(v1..vn) = 1 - prod(1 - vi);
    C(w, a, s) = w - w(a - s) if a >= s, else w + (1 - w)(s - a)."""

    def test_attack_only(self):
        q = QBAF({"a": 0.8, "b": 0.6, "c": 0.5}, attacks=[("b", "a"), ("c", "a")])
        # attack = 1 - 0.4 * 0.5 = 0.8; 0.8 - 0.8 * 0.8 = 0.16
        assert strengths(q, "df-quad")["a"] == approx(0.16)

    def test_support_only(self):
        q = QBAF({"a": 0.4, "b": 0.5}, supports=[("b", "a")])
        assert strengths(q, "df-quad")["a"] == approx(0.4 + 0.6 * 0.5)

    def test_balanced_keeps_base(self):
        # Rago et al. 2016, Lemma 3: equal attack and support leave the base score.
        q = QBAF({"a": 0.3, "b": 0.7, "c": 0.7}, attacks=[("b", "a")], supports=[("c", "a")])
        assert strengths(q, "df-quad")["a"] == approx(0.3)

    def test_chain(self):
        # c attacks b attacks a: b = 0.5 - 0.5*0.5 = 0.25, a = 0.5 - 0.5*0.25 = 0.375
        q = QBAF({"a": 0.5, "b": 0.5, "c": 0.5}, attacks=[("b", "a"), ("c", "b")])
        assert strengths(q, "df-quad") == {"a": approx(0.375), "b": approx(0.25), "c": approx(0.5)}

    def test_cycle_fixed_point(self):
        q = QBAF({"a": 0.5, "b": 0.5}, attacks=[("a", "b"), ("b", "a")])
        s = strengths(q, "df-quad", tol=1e-12)
        assert s["a"] == pytest.approx(1 / 3) and s["b"] == pytest.approx(1 / 3)


class TestQuAD:
    """Baroni et al. 2015: attackers multiply the base score by (1 - v);
    supporters add (1 - x) v; with both, the two results are averaged."""

    def test_formulas(self):
        att = QBAF({"a": 0.8, "b": 0.5, "c": 0.5}, attacks=[("b", "a"), ("c", "a")])
        assert strengths(att, "quad")["a"] == approx(0.8 * 0.5 * 0.5)
        sup = QBAF({"a": 0.2, "b": 0.5}, supports=[("b", "a")])
        assert strengths(sup, "quad")["a"] == approx(0.2 + 0.8 * 0.5)
        both = QBAF({"a": 0.5, "b": 0.4, "c": 0.6}, attacks=[("b", "a")], supports=[("c", "a")])
        assert strengths(both, "quad")["a"] == approx(((0.5 * 0.6) + (1 - 0.5 * 0.4)) / 2)

    def test_discontinuity(self):
        # QuAD's known discontinuity (Rago et al. 2016 fix it in DF-QuAD): an
        # attacker of strength 0 still halves the distance to the support result.
        q = QBAF({"a": 0.5, "b": 0.0, "c": 1.0}, attacks=[("b", "a")], supports=[("c", "a")])
        assert strengths(q, "quad")["a"] == approx(0.75)
        assert strengths(q, "df-quad")["a"] == approx(1.0)


class TestEuler:
    """Amgoud and Ben-Naim 2018: 1 - (1 - w^2) / (1 + w e^E)."""

    def test_formula(self):
        q = QBAF({"a": 0.5, "b": 0.6, "c": 0.3}, attacks=[("b", "a")], supports=[("c", "a")])
        e = 0.3 - 0.6
        assert strengths(q, "euler")["a"] == approx(1 - (1 - 0.25) / (1 + 0.5 * math.exp(e)))

    def test_zero_base_stays_zero(self):
        q = QBAF({"a": 0.0, "b": 1.0}, supports=[("b", "a")])
        assert strengths(q, "euler")["a"] == 0.0

    def test_lower_bound(self):
        # Strengths stay within [w^2, 1).
        q = QBAF({"a": 0.6, **{f"b{i}": 1.0 for i in range(50)}}, attacks=[(f"b{i}", "a") for i in range(50)])
        assert 0.36 <= strengths(q, "euler")["a"] < 0.37


class TestQuadraticEnergy:
    """Potyka 2018: w - w h(-E) + (1 - w) h(E), h(x) = max(x,0)^2 / (1 + max(x,0)^2)."""

    def test_formula(self):
        q = QBAF({"a": 0.5, "b": 1.0, "c": 1.0}, supports=[("b", "a"), ("c", "a")])
        assert strengths(q, "quadratic-energy")["a"] == approx(0.5 + 0.5 * 4 / 5)
        q = QBAF({"a": 0.5, "b": 1.0}, attacks=[("b", "a")])
        assert strengths(q, "quadratic-energy")["a"] == approx(0.5 - 0.5 * 1 / 2)


class TestIteration:
    def test_non_convergence_raises(self):
        # A support cycle under Euler-based semantics with one attacker each
        # converges; force failure with too few iterations.
        q = QBAF({"a": 0.9, "b": 0.1}, attacks=[("a", "b")], supports=[("b", "a")])
        with pytest.raises(ConvergenceError, match="did not converge in 2 iterations") as info:
            strengths(q, "df-quad", max_iter=2, tol=1e-15)
        assert isinstance(info.value, ValueError) and set(info.value.strengths) == {"a", "b"}

    def test_acyclic_part_exact(self):
        # The chain feeding a cycle is evaluated once, exactly.
        q = QBAF({"x": 0.5, "y": 0.5, "a": 0.5, "b": 0.5}, attacks=[("x", "y"), ("y", "a"), ("a", "b"), ("b", "a")])
        s = strengths(q, "df-quad")
        assert s["x"] == 0.5 and s["y"] == 0.25

    def test_long_chain_and_speed(self):
        n = 100_000
        rng = random.Random(0)
        base = {i: rng.random() for i in range(n)}
        q = QBAF(base, [(i, rng.randrange(i)) for i in range(1, n, 2)], [(i, rng.randrange(i)) for i in range(2, n, 2)])
        t = time.perf_counter()
        s = strengths(q, "df-quad")
        assert time.perf_counter() - t < 2.5  # 0.3 s here; generous for slow CI
        assert len(s) == n
        chain = QBAF(dict.fromkeys(range(n), 0.5), attacks=[(i + 1, i) for i in range(n - 1)])
        assert strengths(chain, "quad")[0] > 0


@st.composite
def qbafs(draw, acyclic=True, max_args=8):
    n = draw(st.integers(1, max_args))
    base = {f"a{i}": draw(st.floats(0, 1)) for i in range(n)}
    pairs = [(f"a{i}", f"a{j}") for i in range(n) for j in range(n) if (i > j if acyclic else i != j)]
    edges = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=2 * n)) if pairs else []
    kinds = draw(st.lists(st.booleans(), min_size=len(edges), max_size=len(edges)))
    return QBAF(base, [e for e, k in zip(edges, kinds) if k], [e for e, k in zip(edges, kinds) if not k])


class TestProperties:
    @pytest.mark.parametrize("sem", GRADUAL_SEMANTICS)
    @given(q=qbafs())
    def test_bounds_and_stability(self, sem, q):
        s = strengths(q, sem)
        assert all(0.0 <= v <= 1.0 for v in s.values())
        touched = {b for _, b in q.attacks + q.supports}
        for a in q.arguments:
            if a not in touched:
                assert s[a] == q.base[a]  # no attackers, no supporters: base score

    @pytest.mark.parametrize("sem", GRADUAL_SEMANTICS)
    @given(q=qbafs(), w=st.floats(0, 1), data=st.data())
    def test_monotonicity(self, sem, q, w, data):
        """A new supporter never lowers a strength; a new attacker never raises it."""
        target = data.draw(st.sampled_from(q.arguments))
        before = strengths(q, sem)[target]
        base = {**q.base, "new": w}
        sup = QBAF(base, q.attacks, q.supports + (("new", target),))
        att = QBAF(base, q.attacks + (("new", target),), q.supports)
        assert strengths(sup, sem)[target] >= before - 1e-12
        assert strengths(att, sem)[target] <= before + 1e-12


def _formal(q, sem):
    from argumentation.gradual.dfquad import dfquad_strengths
    from argumentation.gradual.gradual import WeightedBipolarGraph, quadratic_energy_strengths_discrete

    from argmap.semantics import QBAF  # noqa: F401

    g = WeightedBipolarGraph(
        arguments=frozenset(q.arguments),
        initial_weights=dict(q.base),
        attacks=frozenset(q.attacks),
        supports=frozenset(q.supports),
    )
    fn = dfquad_strengths if sem == "df-quad" else quadratic_energy_strengths_discrete
    result = fn(g, tolerance=1e-12, max_iterations=10_000)
    return result.strengths if result.converged else None


@pytest.mark.parametrize("sem", ["df-quad", "quadratic-energy"])
def test_cross_check_formal_argumentation(sem):
    pytest.importorskip("argumentation.gradual.dfquad")
    rng = random.Random(5)
    checked = 0
    for k in range(300):
        n = rng.randint(1, 9)
        args = [f"a{i}" for i in range(n)]
        acyclic = k % 2 == 0
        pairs = [(a, b) for i, a in enumerate(args) for j, b in enumerate(args) if (i > j if acyclic else i != j)]
        edges = [e for e in pairs if rng.random() < 0.25]
        att = [e for e in edges if rng.random() < 0.5]
        q = QBAF({a: round(rng.random(), 3) for a in args}, att, [e for e in edges if e not in att])
        theirs = _formal(q, sem)
        if theirs is None:
            continue
        try:
            ours = strengths(q, sem, tol=1e-12, max_iter=10_000)
        except ConvergenceError:
            continue
        for a in args:
            assert ours[a] == pytest.approx(theirs[a], abs=1e-6), (sem, q, a)
        checked += 1
    assert checked > 250
