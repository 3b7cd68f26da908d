"""Argdown straight to argdown-json (``from_argdown``, ``argmap convert``):
byte for byte what describing the map writes, with the same errors.

A plain document (statements and relations) goes from Argdown's model to
JSON without the map (``_doc_json.write``); anything else takes the long
way.  Both must give the same bytes, which these tests check on generated
documents and on the corpus.
"""

from __future__ import annotations

import glob
import json
import os
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

import argmap
from argmap.errors import ArgmapError, ParseError
from argmap.formats.argdown import loads, parse_document
from argmap.formats.argdown._doc_json import write
from argmap.formats.argdown._lexer import expand, tokenize, tokenize_lines
from argmap.formats.argdown_json import dumps, from_argdown, from_argdown_file
from argmap.strategies import argdown_texts

HERE = os.path.dirname(__file__)
CORPUS = os.path.join(HERE, "..", "..", "shared", "corpora", "argdown")


def long_way(text):
    """What describing the map writes, or the error reading gives."""
    try:
        return dumps(loads(text))
    except ArgmapError as e:
        return type(e), str(e)


def short_way(text):
    try:
        return from_argdown(text)
    except ArgmapError as e:
        return type(e), str(e)


def takes_direct_path(text):
    _, doc = parse_document(text)
    return write(doc) is not None


# Lines of plain documents: relations at any depth, titles (some repeated,
# some the map renames), tags, bold and italic, mentions, continued lines.
_PLAIN_WORDS = st.sampled_from(
    [
        "text",
        "more words",
        "A.",
        "B. ",
        "#tag",
        "#(two words)",
        "**bold**",
        "*it*",
        "_u_",
        "@[T]",
        "[link](https://x.org)",
        '"quoted"',
        "back\\\\slash",
        "é",
        "☃",
        ".",
        "a, b",
        "c;d",
        "one. two",
        "**x**,",
        "**y**.",
        "**z**\t",
        "**w**  ",
        "e.g. v",
        "**1**",
        "**q**!",
        "x,\ty",
        ".\t",
        "= =",
        "**a****b**",
    ]
)
_PLAIN_TITLES = st.sampled_from(
    ["", "", "", "", "", "", "", "[T]: ", "[T]: ", "[U]: ", "[U]: ", "[W w]: ", "[Untitled 1]: "]
    + ["[r1]: ", "[ V]: ", "[V\u00a0]: "]  # titles the map renames or refuses: the long way
)
_PLAIN_SYMBOLS = st.sampled_from(["+ ", "- ", "<+ ", "<- ", "+> ", "-> ", ">< ", "_> ", "<_ "])


@st.composite
def plain_documents(draw):
    lines = [draw(_PLAIN_TITLES) + " ".join(draw(st.lists(_PLAIN_WORDS, min_size=1, max_size=4)))]
    depth = 0
    for _ in range(draw(st.integers(0, 12))):
        what = draw(st.sampled_from(["relation", "relation", "relation", "reference", "continued", "paragraph"]))
        if what == "paragraph":
            lines += ["", draw(_PLAIN_TITLES) + draw(_PLAIN_WORDS)]
            depth = 0
            continue
        if what == "continued":
            lines.append("  " * depth + "  " + draw(_PLAIN_WORDS))
            continue
        depth = draw(st.integers(1, depth + 1))
        body = (
            draw(st.sampled_from(["[T]", "[U]", "[r1]"]))
            if what == "reference"
            else draw(_PLAIN_TITLES) + " ".join(draw(st.lists(_PLAIN_WORDS, min_size=1, max_size=4)))
        )
        lines.append("  " * depth + draw(_PLAIN_SYMBOLS) + body)
    return "\n".join(lines) + draw(st.sampled_from(["", "\n", "\r\n"]))


class TestSameBytes:
    @given(plain_documents())
    def test_plain_documents(self, text):
        assert short_way(text) == long_way(text)

    @given(argdown_texts())
    def test_any_document(self, text):
        assert short_way(text) == long_way(text)

    @given(argdown_texts(valid=True))
    def test_documents_argmap_writes(self, text):
        assert short_way(text) == long_way(text)

    @pytest.mark.parametrize(
        "text",
        [
            "A\n  + B\n  - C\n",
            "[T]: t\n  + [U]: u #x\n    - [T]\n  >< [U]\n",  # a title used again
            "[T]: t\n  - [T]\n",  # a statement may attack itself
            "[T]: t\n  + [T]\n  >< [T]\n  _> [T]\n",  # but not support, contradict or undercut itself
            "A\n  _> B\n  <_ C\n",  # undercuts between statements
            "[T]\n\n[T]: second\n\n[T]: third",  # a reference before its definitions
            "[r1]: a claim whose title is a relation id\n  + B\n",
            "[ T]: spaces around a title\n  + B\n",
            "[\u00a0T]: an unusual space\n  + B\n",
            "A #(\u00a0)\n",  # a tag the map refuses
            'A "quoted" \\\\ text\n  + \u2603 **bold** and *it*\n  more.\n',
            "A\n  + B\n\nC\n  - D\n",
            "A\n  + B\n  + B\n",
        ],
    )
    def test_cases(self, text):
        assert short_way(text) == long_way(text)

    def test_the_benchmark_shape_takes_the_direct_path(self):
        sys.path.insert(0, os.path.join(HERE, "benchmarks"))
        try:
            from argdown import make_tree  # tests/benchmarks/argdown.py
        finally:
            sys.path.pop(0)
        text = make_tree(3000)
        assert takes_direct_path(text)
        assert short_way(text) == long_way(text)

    @pytest.mark.parametrize(
        "text",
        ["<A>: an argument\n  + B\n", "# Heading\n\nA\n  + B\n", "A {x: 1}\n  + B\n", "===\ntitle: t\n===\n\nA\n"],
    )
    def test_other_documents_take_the_long_way(self, text):
        assert not takes_direct_path(text)
        assert short_way(text) == long_way(text)

    def test_errors_are_the_readers(self):
        with pytest.raises(ParseError, match="needs at least one statement"):
            from_argdown("")
        with pytest.raises(ParseError) as info:
            from_argdown("A\n  + B\n - C\n")
        assert (info.value.lineno, info.value.colno) == (3, 1)


@pytest.mark.skipif(not os.path.isdir(CORPUS), reason="../shared/corpora/argdown is not here")
def test_corpus():
    paths = sorted(glob.glob(os.path.join(CORPUS, "fixtures", "*")))
    assert paths
    for path in paths:
        with open(path, "rb") as f:
            data = f.read()
        assert short_way(data) == long_way(data), path


class TestLines:
    """Whole lines as one token (what the direct path reads) stand for
    exactly the tokens of the lexer."""

    @given(argdown_texts())
    def test_expand_gives_the_tokens(self, text):
        try:
            tokens = tokenize(text)
        except ParseError as e:
            with pytest.raises(ParseError, match=e.msg):
                tokenize_lines(text)
            return
        assert expand(tokenize_lines(text)) == tokens

    @given(plain_documents())
    def test_expand_gives_the_tokens_of_plain_documents(self, text):
        assert expand(tokenize_lines(text)) == tokenize(text)


class TestFile:
    def test_reads_as_load_does(self, tmp_path):
        path = tmp_path / "m.argdown"
        path.write_text("A\n  + B #t\n  - [C]: c\n", encoding="utf-8")
        assert from_argdown_file(str(path)) == dumps(argmap.load(path))

    def test_errors_name_the_file(self, tmp_path):
        path = tmp_path / "bad.argdown"
        path.write_text("A\n  + B\n - C\n", encoding="utf-8")
        with pytest.raises(ParseError) as info:
            from_argdown_file(str(path))
        assert info.value.path == str(path)
        assert (info.value.lineno, info.value.colno) == (3, 1)

    def test_max_bytes(self, tmp_path):
        path = tmp_path / "m.argdown"
        path.write_text("A\n  + B\n", encoding="utf-8")
        with pytest.raises(argmap.errors.LimitError, match="max_bytes=3"):
            from_argdown_file(str(path), max_bytes=3)


def _argmap(*args, cwd):
    return subprocess.run([sys.executable, "-m", "argmap", *args], cwd=cwd, capture_output=True, text=True, timeout=120)


class TestConvertCommand:
    def test_writes_the_same_bytes(self, tmp_path):
        text = "[T]: t\n  + B #x\n    - [T]\n  <+ **C** and *d*.\n"
        (tmp_path / "m.argdown").write_text(text, encoding="utf-8")
        r = _argmap("convert", "m.argdown", "m.argdown.json", cwd=tmp_path)
        assert r.returncode == 0, r.stderr
        assert (tmp_path / "m.argdown.json").read_text(encoding="utf-8") == dumps(loads(text))
        assert json.loads((tmp_path / "m.argdown.json").read_text(encoding="utf-8"))["statements"]["T"]

    def test_long_way_through_the_command(self, tmp_path):
        text = "<A>: an argument\n\n(1) p\n----\n(2) c\n"
        (tmp_path / "m.ad").write_text(text, encoding="utf-8")
        r = _argmap("convert", "m.ad", "out.argdown.json", cwd=tmp_path)
        assert r.returncode == 0, r.stderr
        assert (tmp_path / "out.argdown.json").read_text(encoding="utf-8") == dumps(loads(text))

    def test_error_located_like_a_compiler(self, tmp_path):
        (tmp_path / "bad.argdown").write_text("A\n  + B\n - C\n", encoding="utf-8")
        r = _argmap("convert", "bad.argdown", "out.argdown.json", cwd=tmp_path)
        assert r.returncode == 1
        assert r.stderr.startswith("bad.argdown:3:1: error: ")
        assert not (tmp_path / "out.argdown.json").exists()

    def test_max_bytes(self, tmp_path):
        (tmp_path / "m.argdown").write_text("A\n  + B\n", encoding="utf-8")
        r = _argmap("convert", "--max-bytes", "3", "m.argdown", "out.argdown.json", cwd=tmp_path)
        assert r.returncode == 1
        assert "--max-bytes" in r.stderr
