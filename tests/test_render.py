"""Tests for argmap.render: DOT text, the graphviz object, drawing with dot,
files and Jupyter display.

Golden DOT files live in tests/data/golden; regenerate them after an intended
change of the picture with ``ARGMAP_REGEN_GOLDEN=1 pytest tests/test_render.py``
(and look at the diff).
"""

from __future__ import annotations

import contextlib
import html
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import attrs
import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

import argmap
from argmap import MapBuilder, render
from argmap.errors import ArgmapError, ExecutableNotFound, FormatError
from argmap.model import ArgumentMap, Claim, Kind, Relation, Role
from argmap.render import backend
from argmap.render.dot import escape_html, quote_id, wrap
from argmap.strategies import argument_maps, claim_texts, ids

GOLDEN = Path(__file__).parent / "data" / "golden"
REGEN = os.environ.get("ARGMAP_REGEN_GOLDEN") == "1"


# --------------------------------------------------------------------------
# Small maps, one per relation kind


def support_map() -> ArgumentMap:
    b = argmap.MapBuilder(title="Lunch")
    t = b.claim("We should eat early")
    b.support(t, "The canteen closes at one")
    b.support(t, "Early lunch leaves a long afternoon for work")
    return b.build()


def attack_map() -> ArgumentMap:
    b = argmap.MapBuilder()
    t = b.claim("We should eat early")
    b.attack(t, "Nobody is hungry at eleven")
    return b.build()


def linked_map() -> ArgumentMap:
    b = argmap.MapBuilder()
    t = b.claim("Socrates is mortal")
    b.support(t, ["All men are mortal", "Socrates is a man"])
    return b.build()


def undercut_map() -> ArgumentMap:
    b = argmap.MapBuilder()
    t = b.claim("The bridge is safe")
    r = b.support(t, "The engineer says so")
    b.undercut(r, "The engineer was paid by the builder")
    return b.build()


def rebuttal_map() -> ArgumentMap:
    b = argmap.MapBuilder()
    t = b.claim("Cities should ban cars")
    o = b.attack(t, "Deliveries need roads")
    b.attack(o.premise, "Cargo bikes can deliver")
    return b.build()


def strict_map() -> ArgumentMap:
    b = argmap.MapBuilder()
    t = b.claim("It is raining")
    b.relate(Kind.ENTAILS, t, "It is pouring")
    b.relate(Kind.CONTRARY, t, "It is sunny and dry")
    b.relate(Kind.CONTRADICTORY, t, "It is not raining")
    return b.build()


def cycle_map() -> ArgumentMap:
    claims = [Claim("a", "A is true because B is"), Claim("b", "B is true because A is")]
    relations = [Relation("r1", Kind.SUPPORT, ("a",), "b"), Relation("r2", Kind.SUPPORT, ("b",), "a")]
    return ArgumentMap(claims, relations)


def shared_map() -> ArgumentMap:
    b = argmap.MapBuilder()
    t1 = b.claim("Walk to work")
    t2 = b.claim("Cycle to work")
    shared = b.claim("Exercise keeps you healthy")
    b.support(t1, shared)
    b.support(t2, shared)
    b.attack(t2, ["Roads are dangerous", "Danger outweighs health"])
    return b.build()


def hostile_map() -> ArgumentMap:
    texts = {
        'q"1': 'She said "no" & left',
        "back\\": "C:\\path\\ and a trailing backslash\\",
        "<b>": "<b>bold</b> <<x>> &amp; -> ]; node [x=1]",
        "nl": "first line\nsecond\tline\n\nafter a gap",
        "uni": "emoji 🎉👩\u200d👩\u200d👧, RTL עברית العربية, \\N \\G \\L",
    }
    claims = [Claim(i, t) for i, t in texts.items()]
    ids = list(texts)
    relations = [Relation(f"r{n}", Kind.SUPPORT, (ids[n],), ids[0]) for n in range(1, 4)]
    relations.append(Relation('r"\\', Kind.ATTACK, (ids[4],), "r1"))
    return ArgumentMap(claims, relations, title='<Hostile> & "quoted"\\')


MAPS = {
    "support": support_map,
    "attack": attack_map,
    "linked": linked_map,
    "undercut": undercut_map,
    "rebuttal": rebuttal_map,
    "strict": strict_map,
    "cycle": cycle_map,
    "shared": shared_map,
    "hostile": hostile_map,
}


def chain(n: int) -> ArgumentMap:
    claims = [Claim(f"c{i}", f"Claim number {i}, which says something about the world") for i in range(n)]
    relations = [
        Relation(f"r{i}", Kind.ATTACK if i % 3 == 0 else Kind.SUPPORT, (f"c{i}",), f"c{i - 1}") for i in range(1, n)
    ]
    return ArgumentMap(claims, relations)


def svg_text(svg: str) -> str:
    """The text of all <text> elements of an SVG, entities decoded, whitespace removed."""
    parts = re.findall(r"<text\b[^>]*>(.*?)</text>", svg, flags=re.S)
    return "".join("".join(html.unescape(p).split()) for p in parts)


def squeeze(text: str) -> str:
    return "".join(text.split())


# --------------------------------------------------------------------------


class TestToDot:
    @pytest.mark.parametrize("name", sorted(MAPS))
    def test_golden(self, name):
        dot = render.to_dot(MAPS[name]())
        path = GOLDEN / f"{name}.dot"
        if REGEN:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(dot.encode("utf-8"))
        assert path.exists(), f"no golden file {path}; run with ARGMAP_REGEN_GOLDEN=1"
        assert dot.encode("utf-8") == path.read_bytes()

    def test_golden_options(self):
        dot = render.to_dot(undercut_map(), direction="down", wrap=12)
        path = GOLDEN / "undercut-down-wrap12.dot"
        if REGEN:
            path.write_bytes(dot.encode("utf-8"))
        assert dot.encode("utf-8") == path.read_bytes()

    @pytest.mark.parametrize(("direction", "rankdir"), [("up", "BT"), ("down", "TB"), ("left", "RL"), ("right", "LR")])
    def test_direction(self, direction, rankdir):
        assert f"rankdir={rankdir}," in render.to_dot(support_map(), direction=direction)

    @pytest.mark.parametrize("direction", ["UP", "sideways", "", None, 1])
    def test_bad_direction(self, direction):
        with pytest.raises(ArgmapError, match="direction must be one of 'up', 'down', 'left', 'right'"):
            render.to_dot(support_map(), direction=direction)

    @pytest.mark.parametrize("width", [0, -3, True, 2.5, "28", None, 10**9])
    def test_bad_wrap(self, width):
        with pytest.raises(ArgmapError, match="wrap must be a whole number"):
            render.to_dot(support_map(), wrap=width)

    def test_order_follows_map(self):
        dot = render.to_dot(support_map())
        assert dot.index('"c1" [') < dot.index('"c2" [') < dot.index('"c3" [')
        assert dot.index('"c2" -> "c1"') < dot.index('"c3" -> "c1"')

    def test_thesis_stands_out(self):
        line = next(x for x in render.to_dot(support_map()).splitlines() if x.startswith('\t"c1" ['))
        assert "THESIS · c1" in line and "penwidth=2.6" in line and "fontsize=14" in line

    def test_roles_captioned(self):
        dot = render.to_dot(rebuttal_map()) + render.to_dot(undercut_map())
        for caption in ["THESIS · c1", "OBJECTION · c2", "REBUTTAL · c3", "PREMISE · c2", "UNDERCUTTER · c3"]:
            assert caption in dot

    def test_support_and_attack_differ_beyond_colour(self):
        support = re.search(r'"c2" -> "c1" \[(.*)\]', render.to_dot(support_map())).group(1)
        attack = re.search(r'"c2" -> "c1" \[(.*)\]', render.to_dot(attack_map())).group(1)
        assert "arrowhead=normal" in support and "arrowhead=tee" in attack
        width = re.compile(r"penwidth=([\d.]+)")
        assert float(width.search(attack).group(1)) > float(width.search(support).group(1))

    def test_linked_premises_meet_in_a_junction(self):
        dot = render.to_dot(linked_map())
        assert '"r1" [' in dot and "shape=circle" in dot
        assert '"c2" -> "r1" [arrowhead=none' in dot and '"c3" -> "r1" [arrowhead=none' in dot
        assert len(re.findall(r'-> "c1"', dot)) == 1

    def test_convergent_premises_have_own_arrows(self):
        dot = render.to_dot(support_map())
        assert '"c2" -> "c1"' in dot and '"c3" -> "c1"' in dot and "shape=circle" not in dot

    def test_undercut_points_at_inference(self):
        dot = render.to_dot(undercut_map())
        assert '"c2" -> "r1" [arrowhead=none' in dot and '"r1" -> "c1" [arrowhead=normal' in dot
        undercut = re.search(r'"c3" -> "r1" \[(.*)\]', dot).group(1)
        assert "style=dashed" in undercut and "arrowhead=tee" in undercut

    def test_strict_kinds_are_labelled_double_lines(self):
        dot = render.to_dot(strict_map())
        for kind in ("entails", "contrary", "contradictory"):
            line = next(x for x in dot.splitlines() if f'label=" {kind}"' in x)
            assert ":invis:" in line
        assert "dir=both" in dot  # contradiction is symmetric

    def test_scheme_labels_its_arrow(self):
        m = ArgumentMap(
            [Claim("c1", "T"), Claim("c2", "P"), Claim("c3", "Q")],
            [
                Relation("r1", Kind.SUPPORT, ("c2",), "c1", scheme="Expert opinion"),
                Relation("r2", Kind.ATTACK, ("c3",), "c1"),
            ],
        )
        lines = render.to_dot(m).splitlines()
        assert lines[-3] == (
            '\t"c2" -> "c1" [arrowhead=normal, color="#2e7d32", fontcolor="#5f6368", fontsize=9, '
            "label=<<I>Expert opinion</I>>, penwidth=1.3]"
        )
        assert lines[-2] == '\t"c3" -> "c1" [arrowhead=tee, color="#c62828", penwidth=2.4]'

    def test_theses_share_the_top_rank(self):
        assert '{rank=same; "c1"; "c2"}' in render.to_dot(shared_map())
        assert "rank=same" not in render.to_dot(support_map())

    def test_no_user_text_unescaped(self):
        dot = render.to_dot(hostile_map())
        for bad in ("<b>bold", "<<x>>", 'She said "no"', "C:\\path", "\\N", "&amp; ->"):
            assert bad not in dot
        assert '"q\\"1" [' in dot and '"back\\\\" [' in dot

    def test_dot_escapes_every_line(self):
        # Each statement is on its own line: no user text can break a line.
        lines = render.to_dot(hostile_map()).splitlines()
        assert lines[0] == "digraph argmap {" and lines[-1] == "}"
        assert all(line.startswith("\t") for line in lines[1:-1])

    def test_deep_chain(self):
        m = chain(100_000)
        dot = render.to_dot(m)
        assert dot.count("\n") == 3 + 100_000 + 99_999 + 2

    @given(argument_maps(ids=ids(), kinds=tuple(Kind), cycles=True, shared_claims=True))
    def test_deterministic(self, m):
        copy = argmap.loads(argmap.dumps(m))
        assert copy == m and copy is not m
        assert render.to_dot(m) == render.to_dot(copy) == render.to_dot(m)

    @pytest.mark.exe
    @pytest.mark.parametrize("name", sorted(MAPS))
    def test_dot_accepts(self, name):
        m = MAPS[name]()
        svg = render.to_svg(m)
        for c in m.claims:
            assert squeeze(c.text) in svg_text(svg)

    @pytest.mark.exe
    def test_hostile_text_survives(self):
        shown = svg_text(render.to_svg(hostile_map()))
        for text in [
            "C:\\path\\andatrailingbackslash\\",
            "<b>bold</b><<x>>&amp;->];node[x=1]",
            "\\N\\G\\L",
            'Shesaid"no"&left',
            '<Hostile>&"quoted"\\',
            "PREMISE·back\\C:",
        ]:
            assert text in shown

    @pytest.mark.exe
    @given(claim_texts(), ids())
    def test_any_claim_text_is_drawn(self, text, ident):
        assume(ident not in ("c2", "r1"))  # the map's other ids
        m = ArgumentMap([Claim(ident, text), Claim("c2", text)], [Relation("r1", Kind.SUPPORT, ("c2",), ident)])
        shown = svg_text(render.to_svg(m))
        assert squeeze(text) in shown
        assert squeeze(f"THESIS · {ident}") in shown

    @pytest.mark.exe
    @given(argument_maps(max_claims=6, ids=ids(), kinds=tuple(Kind), cycles=True, shared_claims=True))
    def test_any_map_is_drawn(self, m):
        shown = svg_text(render.to_svg(m))
        roles = m.roles
        for c in m.claims:
            assert squeeze(f"{roles[c.id].value.upper()} · {c.id}") in shown
            assert squeeze(c.text) in shown


class TestWrap:
    def test_greedy(self):
        assert wrap("aa bb cc dd", 5) == ["aa bb", "cc dd"]
        assert wrap("aa bb cc dd", 4) == ["aa", "bb", "cc", "dd"]

    def test_keeps_newlines_drops_edge_blank_lines(self):
        assert wrap("\n a \n\n b \n", 10) == ["a", "", "b"]

    def test_long_word_is_cut(self):
        assert wrap("x abcdefghij y", 4) == ["x", "abcd", "efgh", "ij y"]

    def test_never_loses_a_character(self):
        text = "The quick  brown\tfox jumps over the lazy dog. " * 5
        for width in (1, 3, 7, 28, 1000):
            lines = wrap(text, width)
            assert squeeze("".join(lines)) == squeeze(text)
            assert all(len(line) <= width for line in lines)

    @given(st.text(alphabet="ab \n\t\u00a0\u2003xy", min_size=1), st.integers(1, 12))
    def test_is_the_greedy_regex_wrap(self, text, width):
        # The specification wrap() meets with a loop of str.rfind: each line
        # is the longest run of at most *width* characters that starts a
        # word and ends before a space, or else *width* characters of a word.
        assume(text.strip())
        line = re.compile(rf"\S.{{0,{width - 1}}}(?=\s|$)|\S{{{width}}}")
        expected: list[str] = []
        for raw in text.split("\n"):
            para = " ".join(raw.split())
            expected.extend(line.findall(para) if len(para) > width else (para,))
        while not expected[-1]:
            expected.pop()
        while not expected[0]:
            del expected[0]
        assert wrap(text, width) == expected


class TestLargeMaps:
    """to_dot makes a large map's DOT in chunks of lines, wrapping and
    escaping a chunk's texts at once: the text is the same as line by line."""

    @given(argument_maps(ids=ids(), kinds=tuple(Kind), cycles=True, shared_claims=True), st.integers(1, 4))
    def test_chunks_do_not_change_the_text(self, m, width):
        from argmap.render import dot

        if width % 2:  # some arrows labelled with a scheme
            relations = [attrs.evolve(r, scheme="Sign") if i % 3 == 0 else r for i, r in enumerate(m.relations)]
            m = ArgumentMap(m.claims, relations, title=m.title, source=m.source, data=m.data)
        whole = render.to_dot(m, wrap=width * 7)
        small = dot._CHUNK
        try:
            dot._CHUNK = 1
            assert render.to_dot(m, wrap=width * 7) == whole
        finally:
            dot._CHUNK = small

    @given(
        st.one_of(
            argument_maps(kinds=tuple(Kind), shared_claims=True, with_metadata=True),
            argument_maps(ids=ids(), kinds=tuple(Kind), shared_claims=True),
        ),
        st.integers(1, 30),
    )
    def test_bulk_statements_are_the_one_by_one_statements(self, m, width):
        # The usual claims and arrows are written a chunk at a time, from
        # pieces; each claim's and relation's statement made on its own
        # (as a map with an evaluation or unusual ids has them) is the same.
        from argmap.render import dot

        special = {i: dot.quote_id(i) for i in dot._unusual_ids(m)}
        assert set(special) == {i for i in m._index if dot.quote_id(i) != f'"{i}"'}
        bulk: list[str] = []
        theses = dot._claim_statements(m, width, {}, special, bulk)
        one_by_one: list[str] = []
        # (an evaluation of no claim of the map: every line is made on its own)
        alone = dot._claim_statements(m, width, {"no such claim": ("", "", "")}, special, one_by_one)
        assert "".join(bulk) == "".join(one_by_one) and theses == alone
        targeted = {r.target for r in m.relations if type(m[r.target]) is Relation}
        arrows: list[str] = []
        dot._relation_statements(m, special, arrows)
        assert "".join(arrows) == "".join(dot._relation_statement(r, targeted, special) for r in m.relations)

    @given(
        st.lists(st.text(alphabet='ab &<"]\\ \t\né', min_size=1).filter(str.strip), min_size=1, max_size=12),
        st.integers(1, 12),
    )
    # (ASCII texts with a space at an end, or two in a row: wrapped one by one)
    @example([" ab cd", "ab", "ab cd "], 2)
    @example(["ab", "ab  cd", "x"], 3)
    @example([" ab"], 1)
    @example(["ab", " cd", "ef"], 2)
    @example(["ab", "cd ", "ef"], 2)
    def test_labels_are_the_wrapped_escaped_texts(self, texts, width):
        from argmap.render import dot

        # (a printable text that fits on a line is taken as it is, spaces and all)
        lines = [[t] if len(t) <= width and t.isprintable() else wrap(t, width) for t in texts]
        expected = [escape_html("\n".join(ls)).replace("\n", "<BR/>") for ls in lines]
        assert dot._labels(texts, width) == expected

    @given(
        st.lists(
            st.tuples(
                st.sampled_from(["support", "attack", "undercut", "relate"]), st.integers(0, 99), st.integers(1, 3)
            ),
            max_size=25,
        ),
        st.booleans(),
        st.booleans(),
    )
    def test_what_the_builder_notes_changes_no_dot(self, steps, named, reuse):
        # MapBuilder.build() notes where premises may be linked and whether
        # it made every id, and to_dot then looks for neither again: the DOT
        # is the same map's made without the notes.
        b = MapBuilder()
        claims = [b.claim("The thesis of this map, long enough to wrap", id="t" if named else None)]
        rels: list[argmap.builder.RelationRef] = []
        for step, at, count in steps:
            texts = [f"Premise {len(claims)}.{j} with a few words" for j in range(count)]
            premises: object = texts[0] if count == 1 else texts
            target = claims[at % len(claims)]
            if reuse and step == "relate" and len(claims) > 1 and at % 2:
                premises = [claims[(at + 1) % len(claims)]]  # a claim made before
            if step == "support":
                ref = b.support(target, premises)
            elif step == "attack":
                ref = b.attack(target, premises)
            elif step == "undercut" and rels:
                ref = b.undercut(rels[at % len(rels)], premises)
            else:
                ref = b.relate(Kind.SUPPORT, target, premises)
            rels.append(ref)
            claims.extend(p for p in ref.premises if p not in claims)
        try:
            m = b.build()
        except argmap.errors.ValidationError:
            assume(False)
        assert "linked" in m._cache and ("plain_ids" in m._cache) is not named
        fresh = ArgumentMap(m.claims, m.relations)
        assert "linked" not in fresh._cache
        for width in (12, 28):
            assert render.to_dot(m, wrap=width) == render.to_dot(fresh, wrap=width)

    def test_a_chunk_boundary_in_a_large_map(self):
        m = chain(10_000)  # more claims and relations than one chunk
        lines = render.to_dot(m).splitlines()
        assert lines[4].startswith('\t"c0" [') and lines[4 + 9_999].startswith('\t"c9999" [')
        assert lines[4 + 10_000] == '\t"c1" -> "c0" [arrowhead=normal, color="#2e7d32", penwidth=1.3]'
        assert len(lines) == 3 + 10_000 + 9_999 + 2


class TestQuoting:
    def test_quote_id(self):
        assert quote_id("c1") == '"c1"'
        assert quote_id('a"b') == '"a\\"b"'
        assert quote_id("a\\") == '"a\\\\"'

    def test_escape_html(self):
        assert escape_html("<a & 'b'>") == "&lt;a &amp; &#39;b&#39;&gt;"
        assert escape_html("&amp;") == "&amp;amp;"
        assert escape_html("\\") == "&#92;&#92;"


class TestToGraphviz:
    @pytest.mark.parametrize("name", sorted(MAPS))
    def test_source_is_to_dot(self, name):
        m = MAPS[name]()
        assert render.to_graphviz(m).source == render.to_dot(m)
        assert render.to_graphviz(m, direction="left", wrap=10).source == render.to_dot(m, direction="left", wrap=10)

    def test_bad_option(self):
        with pytest.raises(ArgmapError):
            render.to_graphviz(support_map(), direction="north")

    def test_is_a_digraph(self):
        import graphviz

        assert isinstance(render.to_graphviz(support_map()), graphviz.Digraph)


class TestImport:
    def test_graphviz_not_imported(self):
        code = "import argmap, argmap.render, sys; argmap.render.to_dot; assert 'graphviz' not in sys.modules"
        subprocess.run([sys.executable, "-c", code], check=True)

    def test_public_names(self):
        assert render.__all__ == sorted(render.__all__)
        for name in ("to_dot", "to_graphviz", "pipe", "to_svg", "render", "to_text", "mimebundle"):
            assert callable(getattr(render, name))


class TestPipe:
    @pytest.mark.exe
    @pytest.mark.parametrize(("fmt", "magic"), [("svg", b"<?xml"), ("png", b"\x89PNG"), ("pdf", b"%PDF")])
    def test_formats(self, fmt, magic):
        assert render.pipe(support_map(), fmt).startswith(magic)

    def test_unknown_format(self):
        with pytest.raises(FormatError, match="known formats: svg, png, pdf"):
            render.pipe(support_map(), "exe")

    @pytest.mark.exe
    def test_dot_failure_carries_stderr(self):
        with pytest.raises(ArgmapError, match="syntax error"):
            backend.run_dot("digraph { a -> }", "svg")

    def test_missing_dot(self, monkeypatch, tmp_path):
        monkeypatch.setenv("PATH", str(tmp_path))
        with pytest.raises(ExecutableNotFound, match="apt-get install graphviz"):
            render.pipe(support_map(), "svg")


class TestToSvg:
    @pytest.mark.exe
    def test_svg(self):
        svg = render.to_svg(support_map(), direction="down")
        assert svg.lstrip().startswith("<?xml") and "</svg>" in svg
        assert "WeshouldeatearlyTHESIS" not in svg_text(svg)  # caption above the text
        assert "THESIS·c1Weshouldeatearly" in svg_text(svg)


class TestRender:
    @pytest.mark.exe
    @pytest.mark.parametrize(("suffix", "magic"), [(".svg", b"<?xml"), (".png", b"\x89PNG"), (".pdf", b"%PDF")])
    def test_writes_drawing(self, tmp_path, suffix, magic):
        path = render.render(support_map(), tmp_path / f"map{suffix}")
        assert path == tmp_path / f"map{suffix}"
        assert path.read_bytes().startswith(magic)
        assert [p.name for p in tmp_path.iterdir()] == [f"map{suffix}"]

    @pytest.mark.parametrize("suffix", [".dot", ".gv", ".DOT"])
    def test_writes_dot_without_the_program(self, tmp_path, monkeypatch, suffix):
        monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
        path = render.render(support_map(), str(tmp_path / f"map{suffix}"), wrap=10)
        assert path.read_text("utf-8") == render.to_dot(support_map(), wrap=10)

    @pytest.mark.exe
    def test_format_overrides_suffix(self, tmp_path):
        path = render.render(support_map(), tmp_path / "map.txt", format="svg")
        assert b"<svg" in path.read_bytes()

    def test_unknown_suffix(self, tmp_path):
        with pytest.raises(
            FormatError, match=r"unknown file suffix '\.jpg'; known suffixes: \.svg, \.png, \.pdf, \.dot, \.gv"
        ):
            render.render(support_map(), tmp_path / "map.jpg")
        with pytest.raises(FormatError, match="no file suffix"):
            render.render(support_map(), tmp_path / "map")
        with pytest.raises(FormatError, match="unknown drawing format 'jpg'"):
            render.render(support_map(), tmp_path / "map.svg", format="jpg")
        assert list(tmp_path.iterdir()) == []

    def test_missing_dot(self, tmp_path, monkeypatch):
        monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
        with pytest.raises(ExecutableNotFound, match="Install Graphviz"):
            render.render(support_map(), tmp_path / "map.png")
        assert list(tmp_path.iterdir()) == []

    def test_failing_dot_writes_nothing(self, tmp_path, monkeypatch):
        def fail(source, format, **kwargs):
            raise ArgmapError("dot -Tsvg failed (exit status 1): boom")

        monkeypatch.setattr(backend, "run_dot", fail)
        old = tmp_path / "old.svg"
        old.write_text("old drawing")
        with pytest.raises(ArgmapError, match="boom"):
            render.render(support_map(), tmp_path / "new.svg")
        with pytest.raises(ArgmapError, match="boom"):
            render.render(support_map(), old)
        assert [p.name for p in tmp_path.iterdir()] == ["old.svg"]
        assert old.read_text() == "old drawing"


class TestMimebundle:
    @pytest.mark.exe
    def test_with_dot(self):
        m = support_map()
        bundle = render.mimebundle(m)
        assert sorted(bundle) == ["image/svg+xml", "text/plain"]
        assert "<svg" in bundle["image/svg+xml"]
        assert bundle["text/plain"] == render.to_text(m)
        assert m._repr_mimebundle_() == bundle

    def test_without_dot(self, tmp_path, monkeypatch):
        monkeypatch.setenv("PATH", str(tmp_path))
        assert render.mimebundle(support_map()) == {"text/plain": render.to_text(support_map())}

    def test_include_exclude(self, monkeypatch):
        def boom(source, format, **kwargs):
            raise AssertionError("dot should not run")

        monkeypatch.setattr(backend, "run_dot", boom)
        m = support_map()
        assert list(render.mimebundle(m, include=["text/plain"])) == ["text/plain"]
        assert list(render.mimebundle(m, exclude={"image/svg+xml"})) == ["text/plain"]
        assert render.mimebundle(m, include=(), exclude=None) == {}

    def test_display_with_only_argmap_imported(self):
        # What Jupyter does: `import argmap`, build a map, show it.  The model
        # imports no renderer; the hook finds one through argmap._display.
        code = (
            "import sys, argmap; b = argmap.MapBuilder(); b.support(b.claim('A'), 'B'); m = b.build(); "
            "assert 'argmap.render' not in sys.modules; "
            "bundle = m._repr_mimebundle_(); "
            "from argmap.render import mimebundle; assert bundle == mimebundle(m); "
            "assert m._repr_mimebundle_(include={'text/plain'}) == {'text/plain': bundle['text/plain']}; "
            "assert m._repr_mimebundle_(exclude={'text/plain', 'image/svg+xml'}) == {}; "
            "print(sorted(bundle)); print(bundle['text/plain'])"
        )
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        mimes = "['image/svg+xml', 'text/plain']" if backend.have_dot() else "['text/plain']"
        assert out.stdout == f"{mimes}\n[c1] A\n  + [c2] B\n"

    def test_display_hook_without_a_renderer_is_the_repr(self):
        from argmap import _display

        m = support_map()
        assert _display.mimebundle("NoSuchKind", m) == {"text/plain": repr(m)}
        assert _display.mimebundle("NoSuchKind", m, include=["image/svg+xml"]) == {}

    def test_failing_dot_warns(self, monkeypatch):
        def fail(source, format, **kwargs):
            raise ArgmapError("dot -Tsvg failed (exit status 1): boom")

        monkeypatch.setattr(backend, "have_dot", lambda: True)
        monkeypatch.setattr(backend, "run_dot", fail)
        with pytest.warns(argmap.ArgmapWarning, match="cannot draw the map: .*boom"):
            bundle = render.mimebundle(support_map())
        assert list(bundle) == ["text/plain"]


class TestStyle:
    """One palette (argmap.render.style) for every drawing: no renderer has a
    colour, width or font of its own."""

    @staticmethod
    def palette() -> set[str]:
        from argmap.render import style

        colors = {style.TEXT_COLOR, style.CAPTION_COLOR, style.SUPPORT_COLOR, style.ATTACK_COLOR}
        colors |= {c for pair in style.ROLE_COLORS.values() for c in pair}
        colors |= {s.fill for s in style.LABEL_STYLES.values()}
        return colors

    @given(argument_maps(max_claims=8, kinds=tuple(Kind)), st.booleans())
    def test_every_colour_drawn_is_the_palette_s(self, m, labelled):
        from argmap.render import style

        evaluation = {c.id: ("in", "out", "undec")[k % 3] if labelled else k / 8 for k, c in enumerate(m.claims)}
        strengths = {style.strength_fill(v) for v in evaluation.values() if not isinstance(v, str)}
        hex_color = re.compile(r"#[0-9a-fA-F]{6}\b")
        for text in (render.to_dot(m, evaluation=evaluation), render.to_mermaid(m)):
            assert set(hex_color.findall(text)) <= self.palette() | strengths

    def test_the_renderers_agree_on_the_role_colours(self):
        from argmap.render import style
        from argmap.report import report

        m = rebuttal_map()
        dot, mermaid, page = render.to_dot(m), render.to_mermaid(m), report(m, diagram=False)
        roles = set(m.roles.values())
        assert {Role.THESIS, Role.OBJECTION, Role.REBUTTAL} <= roles
        for role in roles:
            border, fill = style.ROLE_COLORS[role]
            assert f'color="{border}", fillcolor="{fill}"' in dot
            assert f"classDef {role.value} fill:{fill},stroke:{border}" in mermaid
            assert f".role-{role.value}{{--c:{border};--f:{fill}}}" in page
        assert f'fontname="{style.FONT}"' in dot
        assert f"font:15px/1.55 {style.PAGE_FONT};color:{style.TEXT_COLOR}" in page

    def test_strength_fill_runs_from_white_to_the_strength_colour(self):
        from argmap.render import style

        assert style.strength_fill(0) == "#ffffff"
        assert style.strength_fill(1) == style.STRENGTH_COLOR
        assert style.strength_fill(0.5) == "#c9d4e0"


class TestGraphvizQuirks:
    @pytest.mark.exe
    @pytest.mark.parametrize("text", ["]", "]]", "a ]", "x]"])
    def test_closing_bracket_at_the_end_of_a_label_is_drawn(self, text):
        # Graphviz drops a "]" that ends an HTML label unless it is an entity.
        from argmap import ArgumentMap, Claim
        from argmap.render import to_svg

        svg = to_svg(ArgumentMap([Claim("c1", text)]))
        assert ">" + text + "</text>" in svg


# --------------------------------------------------------------------------
# The dot process: a time limit, no orphans, its messages passed on


def chain_map(n: int) -> ArgumentMap:
    """A tree of *n* premises, three under each claim: seconds of work for dot."""
    b = argmap.MapBuilder()
    refs = [b.claim("root")]
    for i in range(n):
        refs.append(b.support(refs[i // 3], f"premise number {i} with some words to wrap").premise)
    return b.build()


def process_groups() -> dict[int, list[tuple[int, str, int]]]:
    """Live processes (not zombies) by process group: (pid, name, parent)."""
    groups: dict[int, list[tuple[int, str, int]]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                text = f.read()
        except OSError:
            continue
        name = text[text.index("(") + 1 : text.rindex(")")]
        state, ppid, pgrp = text[text.rindex(")") + 2 :].split()[:3]
        if state not in ("Z", "X"):
            groups.setdefault(int(pgrp), []).append((int(entry), name, int(ppid)))
    return groups


def alive_in_group(pgid: int, wait: float = 10.0) -> list[tuple[int, str, int]]:
    """The processes of group *pgid* still alive after up to *wait* seconds
    (a process sent SIGKILL takes a moment to be gone from /proc)."""
    deadline = time.monotonic() + wait
    while (alive := process_groups().get(pgid, [])) and time.monotonic() < deadline:
        time.sleep(0.05)
    return alive


def kill_group(pgid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signal.SIGKILL)


@pytest.fixture
def slow_dot(tmp_path, monkeypatch):
    """A 'dot' first on PATH that starts a child of its own and never ends."""
    folder = tmp_path / "bin"
    folder.mkdir()
    script = folder / "dot"
    script.write_text("#!/bin/sh\nsleep 600\n")
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    return folder


@pytest.fixture
def dot_processes(monkeypatch):
    """The dot processes run_dot starts, as they are started."""
    started = []
    real = subprocess.Popen

    class Recorded(real):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            started.append(self)

    monkeypatch.setattr(backend.subprocess, "Popen", Recorded)
    return started


posix_only = pytest.mark.skipif(not os.path.isdir("/proc") or os.name != "posix", reason="needs /proc and signals")


class TestDotProcess:
    @pytest.mark.exe
    @posix_only
    def test_timeout_on_a_big_map(self, dot_processes):
        m = chain_map(3000)  # about a second of dot's time
        with pytest.raises(argmap.LimitError) as info:
            render.pipe(m, "svg", timeout=0.001)
        err = info.value
        assert (err.limit, err.value) == ("timeout", 0.001)
        assert "timeout=" in str(err) and "--timeout" in str(err)
        assert isinstance(err, ArgmapError)
        [proc] = dot_processes
        assert proc.returncode is not None  # waited for
        assert alive_in_group(proc.pid) == []

    @posix_only
    def test_timeout_kills_the_whole_process_group(self, slow_dot, dot_processes, tmp_path):
        with pytest.raises(argmap.LimitError, match=r"dot took longer than timeout=0\.5 seconds"):
            render.render(support_map(), tmp_path / "out.svg", timeout=0.5)
        [proc] = dot_processes
        try:
            assert alive_in_group(proc.pid) == []  # the script and its sleep
        finally:
            kill_group(proc.pid)  # should the test fail, leave nothing behind
        assert sorted(os.listdir(tmp_path)) == ["bin"]

    @pytest.mark.exe
    def test_no_timeout(self):
        assert render.pipe(support_map(), "svg", timeout=None).startswith(b"<?xml")
        assert render.pipe(support_map(), "svg", timeout=0).startswith(b"<?xml")
        assert render.to_svg(support_map(), timeout=30.0).lstrip().startswith("<?xml")

    @pytest.mark.parametrize("bad", [-1, float("nan"), "10", True])
    def test_bad_timeout(self, bad):
        with pytest.raises((TypeError, ValueError), match="timeout must be a number of seconds"):
            render.pipe(support_map(), "svg", timeout=bad)

    def test_default_timeout_is_documented(self):
        import inspect

        from argmap import cli

        assert backend.TIMEOUT == cli._TIMEOUT == 120
        for function in (render.pipe, render.to_svg, render.render):
            assert inspect.signature(function).parameters["timeout"].default == backend.TIMEOUT

    @pytest.mark.exe
    def test_warnings_reach_the_user(self):
        with pytest.warns(argmap.ArgmapWarning, match=r"^dot: Warning: .*unknown shape"):
            svg = backend.run_dot('digraph { a [shape="nosuchshape"] }', "svg")
        assert b"<svg" in svg

    def test_many_warnings_are_summed_up(self, tmp_path, monkeypatch):
        folder = tmp_path / "bin"
        folder.mkdir()
        script = folder / "dot"
        script.write_text(
            "#!/bin/sh\ncat >/dev/null\nfor i in $(seq 1 25); do echo \"Warning: odd $i\" >&2; done\nprintf '<svg/>'\n"
        )
        script.chmod(0o755)
        monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
        import warnings

        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            assert backend.run_dot("digraph {}", "svg") == b"<svg/>"
        messages = [str(w.message) for w in caught]
        assert messages[0] == "dot: Warning: odd 1" and len(messages) == backend.MAX_WARNINGS + 1
        assert messages[-1] == "dot: ... and 15 more lines"
        assert all(issubclass(w.category, argmap.ArgmapWarning) for w in caught)

    @pytest.mark.exe
    def test_errors_are_argmap_errors(self):
        with pytest.raises(ArgmapError, match=r"dot -Tsvg failed \(exit status 1\): .*syntax error"):
            backend.run_dot("digraph { a -> }", "svg")

    @posix_only
    def test_killed_dot_is_an_error(self, tmp_path, monkeypatch):
        folder = tmp_path / "bin"
        folder.mkdir()
        (folder / "dot").write_text("#!/bin/sh\nkill -9 $$\n")
        (folder / "dot").chmod(0o755)
        monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
        with pytest.raises(ArgmapError, match=r"dot -Tpng failed \(killed by signal 9\)"):
            backend.run_dot("digraph {}", "png")

    @posix_only
    @pytest.mark.skipif(not hasattr(subprocess.Popen, "_close_pipe_fds"), reason="CPython's Popen internals")
    def test_interrupt_while_dot_starts(self, slow_dot, monkeypatch):
        # Ctrl-C while Popen waits for the started program to exec: Popen
        # raises, and the program it started must still be killed.
        started = []
        real = subprocess.Popen._close_pipe_fds

        def interrupted(self, *args, **kwargs):
            real(self, *args, **kwargs)
            started.append(self.pid)
            raise KeyboardInterrupt

        monkeypatch.setattr(subprocess.Popen, "_close_pipe_fds", interrupted)
        with pytest.raises(KeyboardInterrupt):
            backend.run_dot("digraph {}", "svg", timeout=None)
        [pid] = started
        try:
            assert alive_in_group(pid) == []
        finally:
            kill_group(pid)

    @posix_only
    @pytest.mark.parametrize(("signum", "status"), [(signal.SIGTERM, -signal.SIGTERM), (signal.SIGINT, 130)])
    def test_dot_dies_with_argmap(self, slow_dot, tmp_path, signum, status):
        argmap.dump(support_map(), tmp_path / "m.json")
        env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parent.parent))
        command = [sys.executable, "-m", "argmap", "render", "m.json", "-o", "m.svg", "--timeout", "0"]
        proc = subprocess.Popen(command, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            dot = None
            deadline = time.monotonic() + 180  # until the command has started its dot (slow on a loaded machine)
            while time.monotonic() < deadline and proc.poll() is None:
                dot = next(
                    (p for ps in process_groups().values() for p in ps if p[1] == "dot" and p[2] == proc.pid), None
                )
                if dot is not None:
                    break
                time.sleep(0.05)
            assert dot is not None, f"dot did not start (argmap exit status {proc.poll()})"
            proc.send_signal(signum)
            _, err = proc.communicate(timeout=60)
            assert proc.returncode == status, err
            assert b"Traceback" not in err
            assert alive_in_group(dot[0]) == []
        finally:
            proc.kill()
            if dot is not None:
                kill_group(dot[0])
        assert sorted(os.listdir(tmp_path)) == ["bin", "m.json"]


def wide_tree(n: int, fan: int) -> ArgumentMap:
    """*n* claims breadth-first, each claim with *fan* premises of ten words."""
    words = "tea coffee water milk juice canteen morning noon evening cup".split()
    b = argmap.MapBuilder()
    refs = [b.claim("Drink tea at noon, not coffee")]
    i = 0
    while len(refs) < n:
        for _ in range(min(fan, n - len(refs))):
            text = " ".join(words[(len(refs) * 7 + k * 3) % len(words)] for k in range(10)) + f" ({len(refs)})"
            refs.extend(b.support(refs[i], text).premises)
        i += 1
    return b.build()


def png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def svg_size_pt(svg: bytes) -> tuple[float, float]:
    found = re.search(rb'<svg width="([\d.]+)pt" height="([\d.]+)pt"', svg)
    assert found is not None
    return float(found[1]), float(found[2])


@pytest.mark.exe
class TestLegibleImages:
    """A PNG or PDF is legible at 1:1 or refused: never a blank sliver."""

    def test_a_300_claim_tree_is_legible(self):
        m = wide_tree(300, 3)
        png = render.pipe(m, "png")
        width, height = png_size(png)
        svg_w, svg_h = svg_size_pt(render.pipe(m, "svg"))
        assert width <= 32767 and height <= 32767
        scale = width / (svg_w * 96 / 72)  # the PNG against the same drawing at full size
        assert scale == pytest.approx(height / (svg_h * 96 / 72), rel=0.02)
        assert backend.TEXT_PT * 96 / 72 * scale >= backend.MIN_TEXT_PX

    def test_a_300_claim_fan_is_refused(self, tmp_path):
        m = wide_tree(300, 299)  # one thesis with 299 reasons: a single row, hundreds of boxes wide
        with pytest.raises(argmap.LimitError) as info:
            render.render(m, tmp_path / "fan.png")
        err = info.value
        assert (err.limit, err.value) == ("min_text_px", backend.MIN_TEXT_PX)
        text = str(err)
        assert "PNG at most 32,767 pixels a side" in text and "under min_text_px=8" in text
        assert "SVG" in text and "argmap report" in text and "--min-text-px" in text
        assert os.listdir(tmp_path) == []  # nothing written

    def test_smaller_text_on_request(self):
        m = wide_tree(300, 299)
        width, height = png_size(render.pipe(m, "png", min_text_px=0))
        assert width <= 32767 and height <= 32767
        svg_w, _ = svg_size_pt(render.pipe(m, "svg"))
        scale = width / (svg_w * 96 / 72)
        assert scale < 0.6  # scaled to fit, as asked
        text = backend.TEXT_PT * 96 / 72 * scale
        assert text < backend.MIN_TEXT_PX
        assert png_size(render.pipe(m, "png", min_text_px=text - 0.2))[0] == width
        with pytest.raises(argmap.LimitError, match=r"under min_text_px=7\b"):
            render.pipe(m, "png", min_text_px=7)

    def test_pdf_page_limit(self):
        m = wide_tree(300, 299)
        with pytest.raises(argmap.LimitError, match=r"a PDF page is at most 200 inches"):
            render.pipe(m, "pdf")
        assert render.pipe(wide_tree(60, 3), "pdf").startswith(b"%PDF")

    def test_small_maps_are_drawn_as_dot_draws_them(self):
        source = render.to_dot(linked_map())
        plain = subprocess.run(["dot", "-Tpng"], input=source.encode(), capture_output=True, check=True).stdout
        assert render.pipe(linked_map(), "png") == plain

    def test_cli_refuses_with_the_limit(self, tmp_path, capsys):
        from argmap.cli import main

        argmap.dump(wide_tree(300, 299), tmp_path / "fan.json")
        assert main(["render", str(tmp_path / "fan.json"), "-o", str(tmp_path / "fan.png")]) == 1
        err = capsys.readouterr().err
        assert "fan.json: error: the map is too large to draw legibly as PNG" in err and "--min-text-px" in err
        assert not (tmp_path / "fan.png").exists()
        assert main(["render", str(tmp_path / "fan.json"), "-o", str(tmp_path / "fan.png"), "--min-text-px", "0"]) == 0
        assert png_size((tmp_path / "fan.png").read_bytes())[0] <= 32767


class TestCheckLegible:
    @given(
        scale=st.floats(0.01, 1),
        width=st.floats(0.1, 5000),
        height=st.floats(0.1, 5000),
        minimum=st.floats(0, 40),
        fmt=st.sampled_from(sorted(backend.IMAGE_LIMITS)),
    )
    def test_the_image_or_the_limit(self, scale, width, height, minimum, fmt):
        image = b"\x89PNG\r\n\x1a\nstop\n\x00"
        out = (
            f"graph {scale:.5f} {width:.3f} {height:.3f}\nnode a 1 1 1 1 a solid box black white\nstop\n".encode()
            + image
        )
        text = backend.TEXT_PT * 96 / 72 * float(f"{scale:.5f}")
        try:
            assert backend._check_legible(out, fmt, minimum) == image
            assert float(f"{scale:.5f}") >= 1 or text >= minimum
        except argmap.LimitError as err:
            assert text < minimum and err.limit == "min_text_px" and err.value == minimum

    def test_no_layout_size(self):
        with pytest.raises(ArgmapError, match=r"dot -Tpng wrote no layout size"):
            backend._check_legible(b"\x89PNG", "png", 8)

    @pytest.mark.parametrize("bad", [-1, float("nan"), True, "8"])
    def test_bad_minimum(self, bad):
        with pytest.raises(ValueError, match="min_text_px must be a number of pixels >= 0"):
            backend.run_dot("digraph {}", "png", min_text_px=bad)
