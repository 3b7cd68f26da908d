"""Tests for argmap.render.layout: the tree layout and the SVG drawn from it."""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
from _guards import hang_guard
from hypothesis import given
from hypothesis import strategies as st

from argmap import MapBuilder, dump, render
from argmap.cli import main
from argmap.errors import ArgmapError
from argmap.model import ArgumentMap, Claim, Kind, Relation, Role
from argmap.render import backend, layout
from argmap.render.layout import Layout, to_tree_svg, tree_layout
from argmap.strategies import argument_maps

SVG = "{http://www.w3.org/2000/svg}"
DIRECTIONS = ("up", "down", "left", "right")

any_maps = argument_maps(
    max_claims=25,
    shared_claims=True,
    cycles=True,
    undercuts=True,
    kinds=tuple(Kind),
)


def sample() -> ArgumentMap:
    """A thesis with linked premises, an undercut of that inference, an
    objection with a rebuttal, a claim with two conclusions and a cycle."""
    b = MapBuilder(title="Sample")
    t = b.claim("Both ISIS and Assad may be the beneficiaries of the foreign airstrikes", id="t")
    r = b.support(t, ["The strikes weaken the rebels", "The rebels fight both"], id="r1")
    o = b.attack(t, "Assad is struck too", id="r2")
    b.undercut(r, "The rebels are not one group", id="r3")
    b.attack(o.premise, "Rarely, and by accident", id="r4")
    m = b.build()
    extra = [
        Relation("x1", "support", ("c5",), "c2"),  # c5 has two conclusions
        Relation("x2", "attack", ("c2",), "c5"),  # and a cycle c5 -> c2 -> c5
    ]
    return ArgumentMap(m.claims, (*m.relations, *extra), title=m.title)


def overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    """Whether two (x, y, width, height) rectangles share inner points."""
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    eps = 1e-6
    return ax + aw > bx + eps and bx + bw > ax + eps and ay + ah > by + eps and by + bh > ay + eps


def assert_apart(rects: list[tuple[float, float, float, float]]) -> None:
    # sweep along x: only rectangles whose x ranges meet are compared
    order = sorted(range(len(rects)), key=lambda i: rects[i][0])
    for k, i in enumerate(order):
        for j in order[k + 1 :]:
            if rects[j][0] >= rects[i][0] + rects[i][2]:
                break
            assert not overlaps(rects[i], rects[j]), (rects[i], rects[j])


def box_rects(lay: Layout) -> list[tuple[float, float, float, float]]:
    out = [(b.x, b.y, b.width, b.height) for b in lay.boxes]
    out += [(j.x - 4, j.y - 4, 8.0, 8.0) for j in lay.junctions]
    return out


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg.encode("utf-8"))


# --------------------------------------------------------------------------
# The layout


class TestTreeLayout:
    @given(any_maps, st.sampled_from(DIRECTIONS))
    def test_no_two_boxes_overlap(self, m, direction):
        assert_apart(box_rects(tree_layout(m, direction=direction)))

    @given(any_maps, st.sampled_from(DIRECTIONS))
    def test_every_claim_once_every_relation_drawn(self, m, direction):
        lay = tree_layout(m, direction=direction)
        assert [b.id for b in lay.boxes] == [c.id for c in m.claims]
        assert [link.id for link in lay.links] == [r.id for r in m.relations]
        junctions = {j.id for j in lay.junctions}
        for r, link in zip(m.relations, lay.links):
            assert len(link.segments) == len(r.premises) + (r.id in junctions)
            assert link.onto_relation == (r.target not in {c.id for c in m.claims})
        assert lay.width >= max((b.x + b.width for b in lay.boxes), default=0) - 1e-6
        assert lay.height >= max((b.y + b.height for b in lay.boxes), default=0) - 1e-6
        assert min((min(b.x, b.y) for b in lay.boxes), default=0) >= -1e-6

    @given(any_maps, st.sampled_from(DIRECTIONS))
    def test_premises_lie_beyond_their_conclusions(self, m, direction):
        # Along the direction of the arrows, every tree line goes from the
        # premise's side to the conclusion's side: "up" means upwards.
        lay = tree_layout(m, direction=direction)
        for link in lay.links:
            for s in link.segments:
                if s.overlay:
                    continue
                (x1, y1), (x2, y2) = s.start, s.end
                step = {"up": y1 - y2, "down": y2 - y1, "left": x1 - x2, "right": x2 - x1}[direction]
                assert step > 0, (link, s)

    def test_linked_premises_side_by_side_under_their_junction(self):
        lay = tree_layout(sample())
        boxes = {b.id: b for b in lay.boxes}
        (j,) = [j for j in lay.junctions if j.id == "r1"]
        c1, c2, t = boxes["c1"], boxes["c2"], boxes["t"]
        assert c1.y == pytest.approx(c2.y, abs=20)  # one level
        assert c1.x + c1.width <= c2.x  # side by side, in order
        assert t.y + t.height < j.y < c1.y  # the junction between them and the thesis
        assert c1.x < j.x < c2.x + c2.width

    def test_undercut_placed_at_the_inference(self):
        lay = tree_layout(sample())
        (link,) = [k for k in lay.links if k.id == "r3"]
        (j,) = [j for j in lay.junctions if j.id == "r1"]
        assert link.onto_relation
        (seg,) = link.segments
        assert not seg.overlay
        assert seg.end[0] == j.x  # into the junction of r1

    def test_claim_with_two_conclusions_drawn_once_with_an_overlay(self):
        m = sample()
        lay = tree_layout(m)
        assert Counter(b.id for b in lay.boxes)["c5"] == 1
        links = {k.id: k for k in lay.links}
        # c5 is reached first from c3 (r4, a tree line); x1 into c2 is an
        # overlay, and so is c2's attack on c5 (the cycle).
        assert not links["r4"].segments[0].overlay
        assert links["x1"].segments[0].overlay
        assert links["x2"].segments[0].overlay
        # x2 joins two claims of one level: it leaves c2 on the leaves' side
        # (the bottom, theses on top) and arcs round into c5's bottom
        boxes = {b.id: b for b in lay.boxes}
        (start, end, _) = links["x2"].segments[0]
        assert start[1] == pytest.approx(boxes["c2"].y + boxes["c2"].height)
        assert end[1] == pytest.approx(boxes["c5"].y + boxes["c5"].height)
        assert " C" in to_tree_svg(m)

    def test_cycle_without_thesis_still_drawn(self):
        m = ArgumentMap(
            [Claim("a", "A"), Claim("b", "B")],
            [Relation("r1", "attack", ("a",), "b"), Relation("r2", "attack", ("b",), "a")],
        )
        lay = tree_layout(m)
        assert [b.id for b in lay.boxes] == ["a", "b"]
        assert [s.overlay for k in lay.links for s in k.segments] == [True, False]

    def test_undercuts_in_a_cycle(self):
        m = ArgumentMap(
            [Claim("a", "A"), Claim("b", "B")],
            [Relation("r1", "attack", ("a",), "r2"), Relation("r2", "attack", ("b",), "r1")],
        )
        lay = tree_layout(m)
        assert {j.id for j in lay.junctions} == {"r1", "r2"}
        assert all(len(k.segments) == 2 for k in lay.links)
        assert_apart(box_rects(lay))

    def test_roots_side_by_side(self):
        b = MapBuilder()
        for i in range(3):
            b.support(b.claim(f"Thesis {i}"), f"Reason {i}")
        lay = tree_layout(b.build())
        theses = [x for x in lay.boxes if x.role is Role.THESIS]
        assert [x.y for x in theses] == [0.0, 0.0, 0.0]
        assert theses[0].x < theses[1].x < theses[2].x

    @pytest.mark.parametrize(
        ("direction", "where"),
        [("up", "top"), ("down", "bottom"), ("left", "left"), ("right", "right")],
    )
    def test_directions_put_the_thesis_where_the_arrows_point(self, direction, where):
        lay = tree_layout(sample(), direction=direction)
        t = lay.boxes[0]
        edge = {
            "top": t.y,
            "bottom": lay.height - (t.y + t.height),
            "left": t.x,
            "right": lay.width - (t.x + t.width),
        }[where]
        assert edge == pytest.approx(0.0, abs=1e-6)

    def test_box_fits_its_wrapped_text(self):
        b = MapBuilder()
        b.claim("word " * 40)
        b.claim("x")
        wide, narrow = tree_layout(b.build(), wrap=20).boxes
        assert all(len(line) <= 20 for line in wide.lines)
        assert len(wide.lines) == 10
        assert wide.height > narrow.height
        assert wide.width >= 20 * layout.CHAR_WIDTH * 14  # thesis: 14 pt
        # East Asian wide characters count twice
        (cjk,) = tree_layout(ArgumentMap([Claim("k", "論証" * 5)])).boxes
        (latin,) = tree_layout(ArgumentMap([Claim("k", "ab" * 5)])).boxes
        assert cjk.width > latin.width

    def test_bad_options(self):
        m = sample()
        with pytest.raises(ArgmapError, match="direction must be one of"):
            tree_layout(m, direction="TB")
        with pytest.raises(ArgmapError, match="wrap must be"):
            tree_layout(m, wrap=0)
        with pytest.raises(ArgmapError, match="not a claim of the map"):
            tree_layout(m, evaluation={"nope": 0.5})

    def test_empty_map(self):
        lay = tree_layout(ArgumentMap())
        assert lay.boxes == () and lay.width == 0.0
        parse(to_tree_svg(ArgumentMap()))

    def test_deep_chain_and_wide_star_in_linear_time(self):
        # No recursion (a deep chain), and no quadratic walk along contours
        # (a comb: a long spine, each node with a leaf beside it).  Each
        # takes well under a second; the guard is 60 s.
        n = 20_000
        chain = ArgumentMap(
            [Claim(f"c{i}", f"claim {i}") for i in range(n)],
            [Relation(f"r{i}", "support", (f"c{i + 1}",), f"c{i}") for i in range(n - 1)],
        )
        comb_rel = [
            Relation(f"r{i}", "support", (f"c{2 * i + 1}",), f"c{2 * i - 1 if i else 0}") for i in range(n // 2)
        ]
        comb_rel += [
            Relation(f"s{i}", "attack", (f"c{2 * i + 2}",), f"c{2 * i - 1 if i else 0}") for i in range(n // 2 - 1)
        ]
        comb = ArgumentMap([Claim(f"c{i}", f"claim {i}") for i in range(n)], comb_rel)
        star = ArgumentMap(
            [Claim(f"c{i}", f"claim {i}") for i in range(n)],
            [Relation(f"r{i}", "attack", (f"c{i}",), "c0") for i in range(1, n)],
        )
        with hang_guard(60):
            for m in (chain, comb, star):
                lay = tree_layout(m)
                assert len(lay.boxes) == n
        ys = [b.y for b in tree_layout(chain).boxes]
        assert ys == sorted(ys) and len(set(ys)) == n


# --------------------------------------------------------------------------
# The SVG


class TestTreeSvg:
    @given(any_maps, st.sampled_from(DIRECTIONS))
    def test_well_formed_every_claim_and_relation_once(self, m, direction):
        root = parse(to_tree_svg(m, direction=direction))
        claims = [g.get("data-claim") for g in root.iter(f"{SVG}g") if g.get("data-claim") is not None]
        assert claims == [c.id for c in m.claims]
        rels = [p.get("data-relation") for p in root.iter(f"{SVG}path") if p.get("data-relation") is not None]
        assert sorted(rels) == sorted(r.id for r in m.relations)  # each once
        # the boxes, read back from the SVG, do not overlap
        rects = [
            tuple(float(g.find(f"{SVG}rect").get(k)) for k in ("x", "y", "width", "height"))  # type: ignore[union-attr]
            for g in root.iter(f"{SVG}g")
            if g.get("data-claim") is not None
        ]
        assert_apart(rects)  # type: ignore[arg-type]

    @given(argument_maps(max_claims=8, with_metadata=True))
    def test_text_escaped_and_read_back(self, m):
        root = parse(to_tree_svg(m, wrap=100_000))
        boxes = {b.id: b for b in tree_layout(m, wrap=100_000).boxes}
        for g, c in zip((g for g in root.iter(f"{SVG}g") if g.get("data-claim") is not None), m.claims):
            assert g.get("data-claim") == c.id
            spans = list(g.iter(f"{SVG}tspan"))
            assert spans[0].text is not None and c.id in spans[0].text
            shown = [s.text or "" for s in spans[1:]]
            # the box's lines, read back exactly (U+FFFE and U+FFFF aside)
            lines = [x.replace("\ufffe", "\ufffd").replace("\uffff", "\ufffd") for x in boxes[c.id].lines]
            assert shown == lines
            # and they are the text, wrapped
            assert " ".join(" ".join(lines).split()) == " ".join(c.text.split()).replace("\ufffe", "\ufffd").replace(
                "\uffff", "\ufffd"
            )

    def test_hostile_text_is_inert(self):
        m = ArgumentMap(
            [Claim('x"><script>alert(1)</script>', "]]> <svg onload=alert(1)> & 'q'")],
            title="</title><script>",
        )
        svg = to_tree_svg(m, wrap=100)
        assert "<script" not in svg and "<svg onload" not in svg
        root = parse(svg)
        (g,) = [g for g in root.iter(f"{SVG}g") if g.get("data-claim") is not None]
        assert g.get("data-claim") == 'x"><script>alert(1)</script>'
        assert [s.text for s in g.iter(f"{SVG}tspan")][1] == "]]> <svg onload=alert(1)> & 'q'"
        assert root.find(f"{SVG}title").text == "</title><script>"  # type: ignore[union-attr]

    def test_deterministic(self):
        assert to_tree_svg(sample()) == to_tree_svg(sample())
        rebuilt = ArgumentMap(list(sample().claims), list(sample().relations), title="Sample")
        assert to_tree_svg(rebuilt).encode() == to_tree_svg(sample()).encode()

    def test_visual_language(self):
        svg = to_tree_svg(sample())
        root = parse(svg)
        paths = {p.get("data-relation"): p.get("class") for p in root.iter(f"{SVG}path") if p.get("data-relation")}
        assert paths["r1"] == "support"
        assert paths["r2"] == "attack"
        assert paths["r3"] == "attack onto"  # the undercut: dashed
        assert paths["x1"] == "support overlay"
        classes = {g.get("data-claim"): g.get("class") for g in root.iter(f"{SVG}g") if g.get("data-claim")}
        assert classes == {
            "t": "thesis",
            "c1": "premise",
            "c2": "premise",
            "c3": "objection",
            "c4": "undercutter",
            "c5": "rebuttal",
        }
        assert '<circle class="junction-support" data-junction="r1"' in svg
        legend = root.find(f"{SVG}g[@class='legend']")
        assert legend is not None
        assert [t.text for t in legend.iter(f"{SVG}text")] == [
            "THESIS",
            "PREMISE",
            "OBJECTION",
            "REBUTTAL",
            "UNDERCUTTER",
            "support",
            "attack",
            "undercut",
        ]
        # the palette is dot's
        from argmap.render.dot import _ROLE_STYLE, GREEN, RED

        for color, fill in _ROLE_STYLE.values():
            assert color in svg and fill in svg
        assert GREEN in svg and RED in svg

    def test_overlays_under_the_boxes_tree_lines_over(self):
        root = parse(to_tree_svg(sample()))
        groups = [g.get("class") for g in root if g.tag == f"{SVG}g"]
        assert groups == ["relations overlays", "claims", "relations", "legend"]
        under, over = root.findall(f"{SVG}g[@class='relations overlays']"), root.findall(f"{SVG}g[@class='relations']")
        assert [p.get("data-relation") for p in under[0]] == ["x1", "x2"]
        assert [p.get("data-relation") for p in over[0] if p.tag == f"{SVG}path"] == ["r1", "r2", "r3", "r4"]

    def test_strict_kinds_double_lines_with_labels(self):
        m = ArgumentMap(
            [Claim("a", "A"), Claim("b", "B"), Claim("c", "C")],
            [Relation("r1", "contradictory", ("b",), "a"), Relation("r2", "entails", ("c",), "a")],
        )
        root = parse(to_tree_svg(m))
        paths = {p.get("data-relation"): p.get("class") for p in root.iter(f"{SVG}path") if p.get("data-relation")}
        assert paths == {"r1": "attack strict contradictory", "r2": "support strict entails"}
        assert len([p for p in root.iter(f"{SVG}path") if p.get("class") == "gap"]) == 2
        labels = [t.text for t in root.iter(f"{SVG}text") if t.get("class") in ("attack-label", "support-label")]
        assert labels == ["contradictory", "entails"]

    def test_evaluation_drawn(self):
        svg = to_tree_svg(sample(), evaluation={"t": 0.25, "c3": "out"})
        assert "THESIS · t · 0.25" in svg and "OBJECTION · c3 · OUT" in svg
        assert "stroke-dasharray:5,3" in svg


# --------------------------------------------------------------------------
# The layout's shortcuts give what the general code gives


class TestShortcuts:
    @given(
        st.text(
            st.characters(blacklist_categories=["Cs", "Cc"]) | st.sampled_from(" \n\t\r\x85\xa0\u3000"), min_size=1
        ).filter(str.strip),
        st.integers(1, 60),
    )
    def test_texts_wrapped_as_dot_wraps_them(self, text, width):
        from argmap.render.dot import wrap
        from argmap.render.layout._geometry import _wrapped

        # a short printable text is its own line (whitespace kept); any other, dot's lines
        expected = (text,) if len(text) <= width and text.isprintable() else tuple(wrap(text, width))
        assert _wrapped([text], width) == [expected]

    def test_have_dot_asked_only_when_it_matters(self):
        asked = []

        def have_dot() -> bool:
            asked.append(1)
            return True

        m = sample()
        assert layout.choose_layout(m, "tree", "svg", have_dot=have_dot) == "tree"
        assert layout.choose_layout(m, "dot", "svg", have_dot=have_dot) == "dot"
        assert layout.choose_layout(m, "auto", "png", have_dot=have_dot) == "dot"
        assert asked == []
        assert layout.choose_layout(m, "auto", "svg", have_dot=have_dot) == "dot"
        assert asked == [1]


# --------------------------------------------------------------------------
# Argumentation schemes, written beside their junctions

scheme_maps = argument_maps(
    max_claims=20,
    shared_claims=True,
    cycles=True,
    undercuts=True,
    kinds=tuple(Kind),
    with_metadata=True,  # (schemes among the metadata)
)


def schemed() -> ArgumentMap:
    """A thesis with a schemed single-premise reason, a schemed linked one, an
    unschemed objection and a schemed contrary."""
    return ArgumentMap(
        [Claim("t", "The strikes help Assad"), *(Claim(f"c{i}", f"Reason number {i}") for i in range(1, 6))],
        [
            Relation("r1", "support", ("c1",), "t", scheme="Argument from expert opinion"),
            Relation("r2", "support", ("c2", "c3"), "t", scheme="Practical reasoning"),
            Relation("r3", "attack", ("c4",), "t"),
            Relation("r4", "contrary", ("c5",), "t", scheme="Modus tollens"),
        ],
    )


def label_rects(lay: Layout) -> list[tuple[float, float, float, float]]:
    return [(lab.x, lab.y, lab.width, lab.height) for lab in lay.labels]


class TestSchemes:
    def test_each_scheme_is_written_beside_its_junction(self):
        lay = tree_layout(schemed())
        assert [lab.id for lab in lay.labels] == ["r1", "r2", "r4"]
        assert {j.id for j in lay.junctions} == {"r1", "r2", "r4"}  # a junction for each scheme, none for r3
        assert lay.labels[0].lines == ("Argument from expert", "opinion")  # wrapped as the DOT picture wraps it
        assert lay.labels[2].lines == ("contrary: Modus tollens",)  # after the strict kind's name, as in DOT
        junctions = {j.id: j for j in lay.junctions}
        for lab in lay.labels:
            j = junctions[lab.id]
            assert lab.x > j.x + 4  # right of the dot
            assert lab.y < j.y < lab.y + lab.height  # level with it

    @pytest.mark.parametrize("direction", DIRECTIONS)
    def test_sideways_under_the_dot(self, direction):
        lay = tree_layout(schemed(), direction=direction)
        junctions = {j.id: j for j in lay.junctions}
        for lab in lay.labels:
            j = junctions[lab.id]
            if direction in ("left", "right"):
                assert lab.y > j.y + 4 and lab.x < j.x < lab.x + lab.width
            else:
                assert lab.x > j.x + 4 and lab.y < j.y < lab.y + lab.height

    @given(scheme_maps, st.sampled_from(DIRECTIONS))
    def test_no_label_overlaps_a_box_a_dot_or_another_label(self, m, direction):
        lay = tree_layout(m, direction=direction)
        assert len(lay.labels) == sum(1 for r in m.relations if r.scheme)
        assert_apart(box_rects(lay) + label_rects(lay))
        # and the picture holds them
        for x, y, w, h in label_rects(lay):
            assert x >= -1e-6 and y >= -1e-6 and x + w <= lay.width + 1e-6 and y + h <= lay.height + 1e-6

    @given(scheme_maps, st.sampled_from(DIRECTIONS))
    def test_svg_shows_every_scheme_once(self, m, direction):
        root = parse(to_tree_svg(m, direction=direction))
        shown = {
            t.get("data-scheme"): "".join(s.text or "" for s in t.iter(f"{SVG}tspan"))
            for t in root.iter(f"{SVG}text")
            if t.get("class") == "scheme"
        }
        wanted = {r.id: r for r in m.relations if r.scheme}
        assert set(shown) == set(wanted)
        for rid, text in shown.items():
            scheme = wanted[rid].scheme
            assert scheme is not None
            flat = "".join(scheme.split()).replace("\ufffe", "\ufffd").replace("\uffff", "\ufffd")
            assert flat in "".join(text.split())

    def test_svg(self):
        svg = to_tree_svg(schemed())
        root = parse(svg)
        labels = {
            t.get("data-scheme"): [s.text for s in t.iter(f"{SVG}tspan")]
            for t in root.iter(f"{SVG}text")
            if t.get("class") == "scheme"
        }
        assert labels == {
            "r1": ["Argument from expert", "opinion"],
            "r2": ["Practical reasoning"],
            "r4": ["contrary: Modus tollens"],
        }
        assert [g.get("class") for g in root if g.tag == f"{SVG}g"] == ["claims", "relations", "schemes", "legend"]
        # small grey italics on a white halo; the contrary's name is in its label, not on its line
        assert ".schemes text{font-size:9px;font-style:italic;fill:#5f6368;paint-order:stroke" in svg
        assert [t.text for t in root.iter(f"{SVG}text") if t.get("class") in ("attack-label", "support-label")] == []
        assert to_tree_svg(schemed()) == svg  # deterministic

    def test_hostile_scheme_is_inert(self):
        m = ArgumentMap(
            [Claim("a", "A"), Claim("b", "B")], [Relation("r1", "support", ("b",), "a", scheme="<script>&'")]
        )
        root = parse(to_tree_svg(m))
        (label,) = [t for t in root.iter(f"{SVG}text") if t.get("class") == "scheme"]
        assert [s.text for s in label.iter(f"{SVG}tspan")] == ["<script>&'"]

    def test_no_scheme_no_label(self):
        lay = tree_layout(sample())
        assert lay.labels == ()
        assert ".schemes" not in to_tree_svg(sample())


# --------------------------------------------------------------------------
# render(layout=...) and argmap render --layout


class TestRenderLayout:
    def test_tree_svg_file(self, tmp_path):
        out = render.render(sample(), tmp_path / "m.svg", layout="tree", direction="left")
        assert out.read_text() == to_tree_svg(sample(), direction="left")

    def test_tree_draws_svg_only(self, tmp_path):
        for suffix in (".png", ".pdf", ".dot", ".mmd"):
            with pytest.raises(ArgmapError, match=r"layout='tree' draws SVG only.*svg"):
                render.render(sample(), tmp_path / f"m{suffix}", layout="tree")
        assert list(tmp_path.iterdir()) == []

    def test_unknown_layout(self, tmp_path):
        with pytest.raises(ArgmapError, match="layout must be one of 'auto', 'dot', 'tree', not 'neato'"):
            render.render(sample(), tmp_path / "m.svg", layout="neato")

    def test_auto_without_dot_uses_the_tree(self, tmp_path, monkeypatch):
        monkeypatch.setattr(backend, "have_dot", lambda: False)
        out = render.render(sample(), tmp_path / "m.svg")
        assert out.read_text() == to_tree_svg(sample())
        # DOT text needs no program and no layout
        assert render.render(sample(), tmp_path / "m.dot").read_text().startswith("digraph")

    def test_auto_beyond_the_size_uses_the_tree(self, tmp_path, monkeypatch):
        monkeypatch.setattr(layout, "AUTO_MAX_CLAIMS", 3)
        monkeypatch.setattr(backend, "have_dot", lambda: True)
        out = render.render(sample(), tmp_path / "m.svg")
        assert out.read_text() == to_tree_svg(sample())

    def test_choose(self):
        m = sample()
        assert layout.choose_layout(m, "auto", "svg", have_dot=True) == "dot"
        assert layout.choose_layout(m, "auto", "png", have_dot=False) == "dot"
        assert layout.choose_layout(m, "auto", "dot", have_dot=False) == "dot"
        assert layout.choose_layout(m, "dot", "svg", have_dot=False) == "dot"
        assert layout.choose_layout(m, "tree", "svg", have_dot=True) == "tree"

    def test_cli(self, tmp_path, monkeypatch, capsys):
        monkeypatch.chdir(tmp_path)
        dump(sample(), "m.json")
        assert main(["render", "m.json", "--layout", "tree", "--direction", "right"]) == 0
        assert Path("m.svg").read_text() == to_tree_svg(sample(), direction="right")
        assert main(["render", "m.json", "--layout", "tree", "-o", "m.png"]) == 1
        err = capsys.readouterr().err
        assert re.search(r"m\.json: error: layout='tree' draws SVG only, not png: write an \.svg file", err), err
        assert not Path("m.png").exists()
        assert main(["render", "m.json", "--layout", "neato"]) == 2
        assert "invalid choice: 'neato'" in capsys.readouterr().err


# --------------------------------------------------------------------------
# Golden drawings: the tree layout's SVG, byte for byte.  Written by the
# first version of the writer; the faster one writes the same bytes.
# Regenerate after an intended change with ARGMAP_REGEN_GOLDEN=1.

GOLDEN = Path(__file__).parent / "data" / "golden"
REGEN = os.environ.get("ARGMAP_REGEN_GOLDEN") == "1"


def grove(n: int = 120) -> ArgumentMap:
    """A deterministic tree of *n* claims: 1 to 4 reasons each, every fifth
    an attack, every seventh inference linked, every eleventh undercut, texts
    of varied lengths (some wider than the wrap, one non-ASCII)."""
    words = "the strikes weaken rebels so regime gains ground while oil revenue falls and recruitment".split()
    claims = [Claim("c0", "Both ISIS and Assad may be the beneficiaries of the foreign airstrikes")]
    relations: list[Relation] = []
    queue = [0]
    k = 0
    while len(claims) < n:
        parent = queue.pop(0)
        for j in range(1 + (parent * 7 + 3) % 4):
            if len(claims) >= n:
                break
            k += 1
            linked = 2 if k % 7 == 0 and len(claims) + 2 <= n else 1
            premises = []
            for _ in range(linked):
                i = len(claims)
                text = " ".join(words[(i * 3 + m) % len(words)] for m in range(3 + (i * 5) % 14))
                claims.append(Claim(f"c{i}", text + (" — é" if i == 17 else "")))
                premises.append(f"c{i}")
                queue.append(i)
            kind = "attack" if k % 5 == 0 else "support"
            target = f"r{k - 1}" if k % 11 == 0 and relations else f"c{parent}"
            relations.append(Relation(f"r{k}", kind, tuple(premises), target))
            del j
    extra = [Relation("x1", "support", ("c5",), "c30"), Relation("x2", "attack", ("c30",), "c5")]
    return ArgumentMap(claims, [*relations, *extra], title="Grove")


GOLDEN_CASES = {
    "tree-sample-up": lambda: to_tree_svg(sample()),
    "tree-sample-down": lambda: to_tree_svg(sample(), direction="down"),
    "tree-sample-left-wrap12": lambda: to_tree_svg(sample(), direction="left", wrap=12),
    "tree-sample-right": lambda: to_tree_svg(sample(), direction="right"),
    "tree-sample-evaluated": lambda: to_tree_svg(
        sample(), evaluation={"t": 0.25, "c1": "in", "c3": "out", "c4": "undec"}
    ),
    "tree-grove-up": lambda: to_tree_svg(grove()),
    "tree-grove-left": lambda: to_tree_svg(grove(), direction="left"),
}


@pytest.mark.parametrize("name", sorted(GOLDEN_CASES))
def test_golden(name):
    svg = GOLDEN_CASES[name]().encode("utf-8")
    path = GOLDEN / f"{name}.svg"
    if REGEN:
        path.write_bytes(svg)
    assert path.exists(), f"no golden file {path}; run with ARGMAP_REGEN_GOLDEN=1"
    assert svg == path.read_bytes()
