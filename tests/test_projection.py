"""Projection of maps onto abstract and quantitative bipolar frameworks."""

from __future__ import annotations

import pytest
from hypothesis import given

from argmap import MapBuilder
from argmap.semantics import DEFAULT_BASE_SCORE, QBAF, SemanticsError, evaluate, extensions, framework, qbaf, strengths
from argmap.strategies import argument_maps


def undercut_map():
    b = MapBuilder()
    t = b.claim("Tweety flies", id="t")
    r = b.support(t, "Tweety is a bird", id="r")
    b.undercut(r, "Tweety is a penguin", id="u")
    return b.build()


class TestFramework:
    def test_support_is_dropped(self):
        f = framework(undercut_map())
        assert f.arguments == ("t", "c1", "c2") and f.attacks == ()

    def test_attack_chain(self):
        b = MapBuilder()
        t = b.claim("T", id="t")
        o = b.attack(t, b.claim("O", id="o"))
        b.attack(o.premise, b.claim("R", id="r"))
        m = b.build()
        assert framework(m).attacks == (("o", "t"), ("r", "o"))
        assert evaluate(m, "grounded") == {"t": "in", "o": "out", "r": "in"}

    def test_linked_attack_falls_with_a_premise(self):
        b = MapBuilder()
        t = b.claim("T", id="t")
        p, q = b.claim("P", id="p"), b.claim("Q", id="q")
        b.attack(t, [p, q], id="la")
        b.attack(q, b.claim("X", id="x"))
        f = framework(b.build())
        assert ("la", "t") in f.attacks and ("x", "la") in f.attacks and ("x", "q") in f.attacks
        assert evaluate(b.build(), "grounded")["t"] == "in"  # the linked attack falls with q

    def test_undercut_of_an_attack(self):
        b = MapBuilder()
        t = b.claim("T", id="t")
        r = b.attack(t, b.claim("O", id="o"), id="r")
        b.undercut(r, b.claim("U", id="u"))
        m = b.build()
        assert framework(m).attacks == (("r", "t"), ("u", "r"))
        assert evaluate(m, "grounded") == {"t": "in", "o": "in", "u": "in"}

    def test_contradictory_is_symmetric(self):
        b = MapBuilder()
        t = b.claim("T", id="t")
        b.relate("contradictory", t, b.claim("N", id="n"))
        m = b.build()
        assert set(framework(m).attacks) == {("n", "t"), ("t", "n")}
        assert set(qbaf(m).attacks) == {("n", "t"), ("t", "n")}


class TestQBAF:
    def test_undercut_map(self):
        q = qbaf(undercut_map())
        assert q.base == {"t": 0.5, "c1": 0.5, "c2": 0.5, "r": 1.0}
        assert q.supports == (("r", "t"),) and q.attacks == (("c2", "r"),)
        assert q.links == (("c1", "r"),)

    def test_linked_premises_are_a_weakest_link(self):
        b = MapBuilder()
        t = b.claim("T", id="t")
        strong, weak = b.claim("A", id="a", base_score=0.9), b.claim("B", id="b", base_score=0.2)
        b.support(t, [strong, weak], id="r")
        m = b.build()
        s = strengths(qbaf(m), "df-quad")
        assert s["r"] == pytest.approx(0.2)  # as strong as the weaker premise
        assert s["t"] == pytest.approx(0.5 + 0.5 * 0.2)
        # Strengthening the strong premise changes nothing; the weak one does.
        q = qbaf(m)
        assert strengths(q.replace(base={"a": 1.0}), "df-quad")["t"] == pytest.approx(s["t"])
        assert strengths(q.replace(base={"b": 0.6}), "df-quad")["t"] == pytest.approx(0.8)

    def test_base_scores(self):
        b = MapBuilder()
        t = b.claim("T", id="t", base_score=0.9)
        b.support(t, "S", id="r", base_score=0.3)
        m = b.build()
        assert qbaf(m).base["t"] == 0.9 and qbaf(m).base["r"] == 0.3  # a scored relation is an argument
        assert qbaf(m).base["c1"] == DEFAULT_BASE_SCORE
        assert qbaf(m, default=0.2).base["c1"] == 0.2
        with pytest.raises(SemanticsError):
            qbaf(m, default=2)

    @given(argument_maps(max_claims=12, base_scores=True, cycles=True, shared_claims=True))
    def test_any_map_projects(self, m):
        f = framework(m)
        q = qbaf(m)
        assert {c.id for c in m.claims} <= set(f.arguments) and {c.id for c in m.claims} <= set(q.arguments)
        for c in m.claims:
            if c.base_score is not None:
                assert q.base[c.id] == c.base_score
        # The projection skips the constructor's checks: the same parts
        # must pass them and give an equal QBAF.
        assert QBAF(q.base, q.attacks, q.supports, q.links) == q
        assert all(type(w) is float for w in q.base.values())
        extensions(f, "grounded")
        try:
            s = strengths(q, "df-quad")
        except SemanticsError:
            return  # a cycle that does not settle: reported, not hidden
        assert all(0 <= v <= 1 for v in s.values())
