"""``argmap render MAP -o OUT.svg --layout tree`` read without argparse
(argmap.cli._parser.plain_render_arguments): exactly as argparse reads the
command lines it accepts, and None for every other, which argparse then
reads and reports as before."""

from __future__ import annotations

import contextlib
import gc
import io
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from argmap import MapBuilder, dump
from argmap.cli import main
from argmap.cli._parser import _parser, plain_render_arguments

#: What the straight path reads of the arguments.
READ = ("map", "output", "format", "direction", "layout", "from_", "max_bytes", "semantics", "watch")

#: Words a command line is made of: the options read without argparse and
#: their values, other options, values in one word with their option,
#: abbreviations, lone dashes, empty words, and any text.
words = st.one_of(
    st.sampled_from(
        [
            "render",
            "m.json",
            "m.svg",
            "x.svg",
            "out.png",
            "-o",
            "--output",
            "--out",
            "--format",
            "svg",
            "png",
            "dot",
            "--direction",
            "up",
            "left",
            "sideways",
            "--layout",
            "--lay",
            "tree",
            "auto",
            "--layout=tree",
            "-ox.svg",
            "--semantics",
            "grounded",
            "--watch",
            "--max-bytes",
            "10",
            "--from",
            "json",
            "--",
            "-",
            "-1",
            "",
            "-h",
            "--version",
        ]
    ),
    st.text(max_size=6),
)


def argparse_reads(argv: list[str]) -> dict[str, object] | None:
    """What argparse reads of *argv* (None: it refuses it, or shows help)."""
    with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
        try:
            args = _parser("render").parse_args(argv)
        except SystemExit:
            return None
    return {name: getattr(args, name) for name in READ}


class TestAsArgparseReads:
    @given(st.lists(words, max_size=8).map(lambda rest: ["render", *rest]))
    @example(["render", "m.json", "-o", "m.svg", "--layout", "tree"])
    @example(["render", "--direction", "left", "m.json", "--format", "svg", "--output", "x.png"])
    @example(["render", "m.json", "-o", "x.svg", "-o", "y.svg"])
    @example(["render", "m.json", "--layout"])
    @example(["render", "m.json", "-o", "-"])
    @example(["render", "-", "-o", "x.svg"])
    @example(["render", "m.json", "x.json"])
    @example(["render", ""])
    def test_declined_or_read_alike(self, argv):
        plain = plain_render_arguments(argv)
        if plain is not None:
            assert {name: getattr(plain, name) for name in READ} == argparse_reads(argv)

    def test_the_usual_command_line_is_read(self):
        plain = plain_render_arguments(["render", "m.json", "-o", "m.svg", "--layout", "tree"])
        assert plain is not None
        assert (plain.map, plain.output, plain.layout, plain.direction) == ("m.json", "m.svg", "tree", None)

    @pytest.mark.parametrize(
        "argv",
        [
            [],
            ["check", "m.json"],
            ["--version"],
            ["render"],
            ["render", "m.json", "--layout=tree"],
            ["render", "m.json", "--lay", "tree"],
            ["render", "m.json", "--layout", "sideways"],
            ["render", "m.json", "--format", "png"],
            ["render", "m.json", "--semantics", "grounded"],
            ["render", "m.json", "--watch"],
            ["render", "m.json", "--", "x"],
            ["render", "m.json", "-o", "-"],
            ["render", "m.json", "-o"],
            ["render", "m.json", "-o", "a.svg", "-o", "b.svg"],
            ["render", "m.json", "n.json"],
        ],
    )
    def test_anything_else_is_left_to_argparse(self, argv):
        assert plain_render_arguments(argv) is None


class TestCommand:
    def test_same_drawing_and_messages_either_way(self, tmp_path, monkeypatch, capsys):
        monkeypatch.chdir(tmp_path)
        b = MapBuilder(title="Tea")
        t = b.claim("Tea is better")
        b.support(t, ["Less caffeine", "More flavour"])
        dump(b.build(), "m.json")
        # read without argparse, and (an option in one word) by argparse
        assert main(["render", "m.json", "-o", "a.svg", "--layout", "tree", "--direction", "left"]) == 0
        assert main(["render", "m.json", "-o", "b.svg", "--layout=tree", "--direction", "left"]) == 0
        assert capsys.readouterr().out == "wrote a.svg\nwrote b.svg\n"
        assert Path("a.svg").read_bytes() == Path("b.svg").read_bytes()
        assert gc.isenabled()  # (paused while the drawing was made, and on again)

    def test_declined_drawings_take_the_usual_way(self, tmp_path, monkeypatch, capsys):
        monkeypatch.chdir(tmp_path)
        Path("m.json").write_text('{"argmap": 1, "claims": [{"id": "a", "text": "A"}], "relations": [], "x": 1}')
        assert main(["render", "m.json", "-o", "m.svg", "--layout", "tree"]) == 1
        assert "m.json: error:" in capsys.readouterr().err
        b = MapBuilder()
        b.claim("Tea")
        dump(b.build(), "t.json")
        assert main(["render", "t.json", "-o", "t.png", "--layout", "tree"]) == 1  # the tree draws SVG only
        assert "draws SVG only" in capsys.readouterr().err
        # the drawing would replace the map: argparse's usage error, as before
        assert main(["render", "m.svg"]) == 2
        assert "name the output with -o OUT" in capsys.readouterr().err

    def test_a_map_not_drawn_straight_is_read_once_more_only(self, tmp_path, monkeypatch, capsys):
        """A map the straight path declines is read the usual way, and not
        tried straight again (once by each way at most); a richer map's
        fields decline it before it is parsed."""
        import argmap.formats._json_plain as plain_module

        monkeypatch.chdir(tmp_path)
        calls = []
        parsed = []
        real_plain_map, real_decode = plain_module.plain_map, plain_module.decode
        monkeypatch.setattr(plain_module, "plain_map", lambda data: calls.append(1) or real_plain_map(data))
        monkeypatch.setattr(plain_module, "decode", lambda data: parsed.append(1) or real_decode(data))
        b = MapBuilder()
        t = b.claim("Tea")
        b.attack(t, "Coffee")
        m = b.build()
        doc = argmap_json(m).replace('"target": "c1"', '"target": "r1"')  # a relation onto itself: declined
        Path("self.json").write_text(doc, encoding="utf-8")
        assert main(["render", "self.json", "-o", "a.svg", "--layout", "tree"]) == 1
        assert "r1: relation targets itself" in capsys.readouterr().err
        assert len(calls) == 1
        b = MapBuilder()
        b.claim("Tea", tags=["drinks"])
        dump(b.build(), "tags.json")
        calls.clear()
        parsed.clear()
        assert main(["render", "tags.json", "-o", "b.svg", "--layout", "tree"]) == 0
        assert len(calls) == 1 and len(parsed) == 0  # declined by its "tags" field, unparsed


def argmap_json(m):
    from argmap import dumps

    return dumps(m)
