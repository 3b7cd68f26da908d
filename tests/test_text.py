"""Tests for argmap.render.to_text, the indented tree for terminals."""

from __future__ import annotations

import re

from hypothesis import given

import argmap
from argmap.model import ArgumentMap, Claim, Kind, Relation
from argmap.render import to_text
from argmap.render.text import MAX_INDENT
from argmap.strategies import argument_maps

# A line that shows a claim in full: indentation, an optional level, an
# optional lead ("+ ", "- contrary: ", "& ", ...) and "[id] ".
FULL = re.compile(r"^ *(?:\(level \d+\) )?(?:[+-] (?:[a-z0-9, ]+: )?|& )?\[([^\]]+)\] ")
REF = re.compile(r"see \[([^\]]+)\]$")


def full_counts(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for line in text.split("\n"):
        m = FULL.match(line)
        if m:
            counts[m.group(1)] = counts.get(m.group(1), 0) + 1
    return counts


def chain(n: int) -> ArgumentMap:
    claims = [Claim(f"c{i}", f"Claim {i}") for i in range(n)]
    relations = [Relation(f"r{i}", Kind.SUPPORT, (f"c{i}",), f"c{i - 1}") for i in range(1, n)]
    return ArgumentMap(claims, relations)


class TestToText:
    def test_small_map(self):
        b = argmap.MapBuilder()
        t = b.claim("Cities should ban cars")
        o = b.attack(t, "Deliveries need roads")
        b.attack(o.premise, "Cargo bikes can deliver\nmost parcels")
        p = b.support(t, "Cars pollute")
        b.undercut(p, "Electric cars do not pollute the street")
        linked = b.support(t, ["Streets are public space", "Public space should serve people"])
        b.relate(Kind.ENTAILS, t, "Cities should ban all motor traffic")
        b.relate(Kind.CONTRADICTORY, t, "Cities should not ban cars")
        b.relate(Kind.SUPPORT, linked, "Most residents walk")
        b.support(b.claim("Parking wastes land"), o.premise)
        assert to_text(b.build()) == "\n".join(
            [
                "[c1] Cities should ban cars",
                "  - [c2] Deliveries need roads",
                "    - [c3] Cargo bikes can deliver",
                "           most parcels",
                "  + [c4] Cars pollute",
                "    - undercuts r3: [c5] Electric cars do not pollute the street",
                "  + linked:",
                "    & [c6] Streets are public space",
                "    & [c7] Public space should serve people",
                "    + backs r5: [c10] Most residents walk",
                "  + entails: [c8] Cities should ban all motor traffic",
                "  - contradictory: [c9] Cities should not ban cars",
                "[c11] Parking wastes land",
                "  + see [c2]",
            ]
        )

    def test_linked_undercut_and_strict_leads(self):
        claims = [Claim("t", "T"), Claim("a", "A"), Claim("b", "B"), Claim("u", "U")]
        relations = [
            Relation("r1", Kind.CONTRARY, ("a", "b"), "t"),
            Relation("r2", Kind.ATTACK, ("u",), "r1"),
        ]
        assert to_text(ArgumentMap(claims, relations)) == "\n".join(
            ["[t] T", "  - contrary, linked:", "    & [a] A", "    & [b] B", "    - undercuts r1: [u] U"]
        )

    def test_shared_claim_is_referenced(self):
        b = argmap.MapBuilder()
        t1, t2 = b.claim("Walk"), b.claim("Cycle")
        shared = b.claim("Exercise is healthy")
        b.support(t1, shared)
        b.support(t2, shared)
        b.support(shared, "Doctors say so")
        assert to_text(b.build()) == "\n".join(
            ["[c1] Walk", "  + [c3] Exercise is healthy", "    + [c4] Doctors say so", "[c2] Cycle", "  + see [c3]"]
        )

    def test_cycle_terminates(self):
        claims = [Claim("a", "A because B"), Claim("b", "B because A")]
        relations = [Relation("r1", Kind.SUPPORT, ("a",), "b"), Relation("r2", Kind.SUPPORT, ("b",), "a")]
        assert to_text(ArgumentMap(claims, relations)) == "[a] A because B\n  + [b] B because A\n    + see [a]"

    def test_cycle_below_a_thesis(self):
        claims = [Claim("t", "T"), Claim("a", "A"), Claim("b", "B")]
        relations = [
            Relation("r1", Kind.SUPPORT, ("a",), "t"),
            Relation("r2", Kind.ATTACK, ("b",), "a"),
            Relation("r3", Kind.ATTACK, ("a",), "b"),
        ]
        assert to_text(ArgumentMap(claims, relations)) == "[t] T\n  + [a] A\n    - [b] B\n      - see [a]"

    def test_deep_chain(self):
        n = 100_000
        lines = to_text(chain(n)).split("\n")
        assert len(lines) == n
        assert lines[0] == "[c0] Claim 0"
        assert lines[MAX_INDENT] == "  " * MAX_INDENT + f"+ [c{MAX_INDENT}] Claim {MAX_INDENT}"
        assert lines[-1] == "  " * MAX_INDENT + f"(level {n - 1}) + [c{n - 1}] Claim {n - 1}"

    def test_deep_linked_chain(self):
        # Linked headers beyond the indentation limit carry their level too.
        claims = [Claim("c0", "Top")]
        relations = []
        for i in range(1, 40):
            claims += [Claim(f"a{i}", "A"), Claim(f"c{i}", "B")]
            relations.append(Relation(f"r{i}", Kind.SUPPORT, (f"a{i}", f"c{i}"), f"c{i - 1}"))
        text = to_text(ArgumentMap(claims, relations))
        assert "  " * MAX_INDENT + "(level 39) + linked:\n" in text
        assert full_counts(text) == {c.id: 1 for c in claims}

    def test_empty_map(self):
        assert to_text(ArgumentMap()) == ""

    @given(argument_maps(kinds=tuple(Kind), cycles=True, shared_claims=True))
    def test_every_claim_once_in_full(self, m):
        text = to_text(m)
        assert full_counts(text) == {c.id: 1 for c in m.claims}

    def test_every_claim_once_in_full_with_cycles_and_sharing(self):
        claims = [Claim(f"c{i}", f"text {i}") for i in range(8)]
        relations = [
            Relation("r1", Kind.SUPPORT, ("c1", "c2"), "c0"),
            Relation("r2", Kind.ATTACK, ("c2",), "c1"),
            Relation("r3", Kind.ATTACK, ("c1",), "c2"),
            Relation("r4", Kind.SUPPORT, ("c3",), "r1"),
            Relation("r5", Kind.SUPPORT, ("c4",), "c5"),
            Relation("r6", Kind.SUPPORT, ("c5",), "c6"),
            Relation("r7", Kind.SUPPORT, ("c6",), "c4"),
            Relation("r8", Kind.ATTACK, ("c7",), "r6"),
            Relation("r9", Kind.ATTACK, ("c3",), "r8"),
        ]
        text = to_text(ArgumentMap(claims, relations))
        assert full_counts(text) == {c.id: 1 for c in claims}
        refs = [m.group(1) for line in text.split("\n") if (m := REF.search(line))]
        assert sorted(refs) == ["c1", "c2", "c3", "c4"]
