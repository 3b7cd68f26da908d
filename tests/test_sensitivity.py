"""Sensitivity, attributions, verdicts and the evaluation overlay."""

from __future__ import annotations

import pytest

from argmap import MapBuilder
from argmap.errors import ArgmapError
from argmap.render import to_dot
from argmap.semantics import QBAF, SemanticsError, evaluate, explain, sensitivity, strengths, verdict


def tea():
    b = MapBuilder()
    t = b.claim("Tea beats coffee", id="t")
    s = b.support(t, b.claim("Less caffeine", id="s")).premise
    o = b.attack(t, b.claim("Coffee tastes better", id="o")).premise
    b.attack(o, b.claim("Taste is habit", id="h"))
    b.support(s, b.claim("A lab measured it", id="lab"))
    return b.build()


class TestSensitivity:
    def test_changes_are_exact(self):
        q = QBAF({"t": 0.5, "s": 0.6, "a": 0.9}, attacks=[("a", "t")], supports=[("s", "t")])
        base = strengths(q)["t"]
        by = {i.argument: i for i in sensitivity(q, "t")}
        assert by["a"].removed == pytest.approx(strengths(q.replace(drop=["a"]))["t"] - base)
        assert by["s"].at_one == pytest.approx(strengths(q.replace(base={"s": 1.0}))["t"] - base)
        assert by["a"].gradient < 0 < by["s"].gradient  # attackers pull down, supporters up
        assert sum(abs(i.attribution) for i in by.values()) == pytest.approx(1.0)

    def test_only_ancestors(self):
        q = QBAF({"t": 0.5, "x": 0.5, "y": 0.5}, attacks=[("x", "t"), ("t", "y")])
        assert [i.argument for i in sensitivity(q, "t")] == ["x"]

    def test_map_ranks_claims(self):
        ranked = sensitivity(tea(), "t")
        assert {i.argument for i in ranked} == {"s", "o", "h", "lab"}
        assert ranked == sorted(ranked, key=lambda i: -i.impact)

    def test_unknown_target(self):
        with pytest.raises(SemanticsError):
            sensitivity(QBAF({"a": 0.5}), "b")


class TestVerdict:
    def test_words(self):
        assert [verdict(v) for v in (1.0, 0.5, 0.0, "in", "out")] == [
            "stands",
            "contested",
            "falls",
            "accepted",
            "rejected",
        ]

    def test_explain_gradual(self):
        r = explain(tea(), "df-quad")
        (t,) = r["theses"]
        assert t["id"] == "t" and t["value"] == r["values"]["t"] and len(t["hinges_on"]) == 3

    def test_explain_dung(self):
        r = explain(tea(), "grounded")
        (t,) = r["theses"]
        assert t["verdict"] == "accepted"
        assert [h["id"] for h in t["hinges_on"]] == ["h"]  # without h, o defeats t

    def test_unknown_semantics(self):
        with pytest.raises(SemanticsError):
            evaluate(tea(), "nope")


class TestOverlay:
    def test_numbers_and_fill(self):
        m = tea()
        dot = to_dot(m, evaluation=evaluate(m, "df-quad"))
        assert "<B>0.50</B>" in dot and 'fillcolor="#ffffff"' not in dot

    def test_labels_and_styles(self):
        m = tea()
        dot = to_dot(m, evaluation=evaluate(m, "grounded"))
        assert "<B>OUT</B>" in dot and "rounded,filled,dashed" in dot and "<B>IN</B>" in dot

    def test_unchanged_without_evaluation(self):
        m = tea()
        assert to_dot(m) == to_dot(m, evaluation=None)
        assert to_dot(m, evaluation={}) == to_dot(m)

    @pytest.mark.parametrize("bad", [{"zz": 0.5}, {"t": 1.5}, {"t": "maybe"}, [("t", 0.5)]])
    def test_bad_evaluation(self, bad):
        with pytest.raises(ArgmapError):
            to_dot(tea(), evaluation=bad)
