"""Argdown's errors in argmap's own words: where they are and what they say."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from _guards import hang_guard
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.errors import ParseError
from argmap.formats.argdown import loads

BOM = b"\xef\xbb\xbf"
INVALID = Path(__file__).parent / "data" / "argdown" / "invalid"


class TestByteOrderMark:
    """A byte order mark is not a character of the document: positions after
    it are counted as in the same text without one."""

    @pytest.mark.parametrize(
        ("raw", "line", "col", "byte"),
        [
            (b"[A]: ab\xffcd", 1, 8, 7),
            (b"[A]: text.\n  + ab\xffc", 2, 7, 17),
        ],
    )
    def test_a_bad_byte_is_located_with_or_without_a_bom(self, raw: bytes, line: int, col: int, byte: int) -> None:
        for data, offset in ((raw, byte), (BOM + raw, byte + 3)):
            with pytest.raises(ParseError) as info:
                loads(data)
            assert (info.value.lineno, info.value.colno) == (line, col)
            assert f"byte 0xff at offset {offset}" in str(info.value)

    def test_a_syntax_error_after_a_bom_names_its_own_column(self) -> None:
        text = "[A]: a claim.\n  + [B]: a **bold"
        cols = set()
        for data in (text, "\ufeff" + text, text.encode(), BOM + text.encode()):
            with pytest.raises(ParseError) as info:
                loads(data)
            cols.add((info.value.lineno, info.value.colno))
        assert cols == {(2, 14)}


# Every syntax error the reader can report, with where it is reported.
BROKEN = [
    ("'+' with nothing after it", "A\n  +> ", 2, 3, "'+>' needs a statement or argument after it"),
    ("'><' with nothing after it", "A\n  ><", 2, 3, "'><' needs a statement after it"),
    ("a paragraph that starts with a relation", "A\n\n  + B", 3, 1, "a paragraph cannot start with a relation"),
    ("a relation under nothing", "  + B", 1, 1, "belongs to no statement or argument"),
    ("a relation indented to no open depth", "A\n    + B\n  - C", 3, 1, "'-' is indented to a depth"),
    ("a list item among relations", "A\n  * x\n  + y", 2, 1, "must start with a relation"),
    ("two premises, no inference", "(1) p\n(2) q\n", 2, 6, "needs an inference line"),
    ("an inference without a conclusion", "(1) p\n----\n", 2, 5, "needs a numbered conclusion after it"),
    ("an inference line not closed", "(1) p\n-- r\n(2) c", 3, 1, "must end with '--'"),
    ("text after an inference line", "(1) p\n-- r --x\n(2) c", 2, 8, "must end after its closing '--'"),
    ("an empty inference rule", "(1) p\n-- a, --\n(2) c", 2, 7, "expected an inference rule after ','"),
    ("a support under an inference", "(1) p\n----\n  + x\n(2) c", 3, 1, "only undercuts"),
    ("a structure that ends with a premise", "(1) p\n----\n(2) c\n(3) d\n", 4, 6, "needs an inference line"),
    ("an argument as a premise", "(1) <A>: x\n----\n(2) c", 1, 5, "an argument (<Title>) cannot be a premise"),
    ("an argument contradicted", "[A]: a\n  >< <C>: c", 2, 6, "the target of a contradiction"),
    ("bold text not closed", "A **bold", 1, 5, "'**' starts bold text that does not end"),
    ("italic text not closed", "A _it", 1, 4, "'_' starts italic text that does not end"),
    (
        "two structures for one argument",
        "<A>\n\n(1) p\n----\n(2) c\n\n<A>\n\n(1) q\n----\n(2) d",
        9,
        1,
        "already has a premise-conclusion structure",
    ),
    ("a backslash at the end of a line", "A \\", 1, 3, "a backslash must escape a character"),
    ("an empty document", "", 1, 1, "needs at least one statement"),
    ("invalid YAML in a data block", "[A]: a\n  + [B]: b {x: [1, 2}\n", 2, 12, "invalid YAML in the data block"),
]

# What the grammar and the lexer call things; a message never says them.
_FORBIDDEN = re.compile(
    r"-->|<--|\b(?:token|tokens|EOF|indent|dedent|newline|emptyline|freestyle|iteration|pcs)\b"
    r"|statementContent|pcsStatement|freestyleText|incoming|outgoing|Statement Number|Inference End"
    r"|Inference Start|Text Content|Argument Definition|Statement Definition|Special Character",
    re.IGNORECASE,
)


class TestSyntaxErrors:
    @pytest.mark.parametrize(("name", "text", "line", "col", "words"), BROKEN, ids=[b[0] for b in BROKEN])
    def test_each_error_names_its_place_in_plain_words(
        self, name: str, text: str, line: int, col: int, words: str
    ) -> None:
        with pytest.raises(ParseError) as info:
            loads(text)
        err = info.value
        assert (err.lineno, err.colno) == (line, col)
        assert words in err.msg
        assert not _FORBIDDEN.search(err.msg), err.msg

    @pytest.mark.parametrize(("name", "text", "line", "col", "words"), BROKEN, ids=[b[0] for b in BROKEN])
    def test_the_message_shows_the_line_and_a_caret(
        self, name: str, text: str, line: int, col: int, words: str
    ) -> None:
        with pytest.raises(ParseError) as info:
            loads(text)
        shown = str(info.value).split("\n")
        assert shown[0] == f"line {line}:{col}: {info.value.msg}"
        source_line = text.split("\n")[line - 1]
        if source_line.strip():
            assert shown[1:] == [source_line, " " * (col - 1) + "^"]
        else:
            assert shown[1:] == []
        assert str(info.value.with_path("m.argdown")).split("\n")[1:] == shown[1:]

    @pytest.mark.parametrize("path", sorted(INVALID.glob("*.argdown")), ids=lambda p: p.name)
    def test_no_error_of_the_conformance_fixtures_says_a_token_name(self, path: Path) -> None:
        with pytest.raises(ParseError) as info:
            loads(path.read_bytes())
        assert not _FORBIDDEN.search(info.value.msg), info.value.msg

    @settings(max_examples=300)
    @given(st.text(alphabet=" \t\n+-<>_*#[]():.,@{}\\/!=123aA'", max_size=80))
    def test_no_error_says_a_token_name(self, text: str) -> None:
        try:
            loads(text)
        except ParseError as e:
            # (what PyYAML says about the YAML inside a block is quoted as it
            # says it, after "invalid YAML in the ...: ")
            assert not _FORBIDDEN.search(e.msg.split(": ", 1)[0] if e.msg.startswith("invalid YAML") else e.msg), e.msg


class TestCommandLine:
    def test_an_argdown_error_is_shown_like_a_compiler_with_a_caret(self, tmp_path: Path) -> None:
        path = tmp_path / "m.argdown"
        path.write_text("[A]: a claim.\n  + [B]: a **bold\n", encoding="utf-8")
        out = subprocess.run(
            [sys.executable, "-m", "argmap", "check", str(path)],
            capture_output=True,
            text=True,
            env={**os.environ, "NO_COLOR": "1"},
        )
        assert out.returncode == 1
        lines = out.stderr.splitlines()
        assert (
            lines[0]
            == f"{path}:2:18: error: '**' starts bold text that does not end: close it with '**', or write \\*\\* for the characters themselves"
        )
        assert lines[1:3] == ["  + [B]: a **bold", "                 ^"]


class TestMessagesCostNothingUntilRaised:
    def test_a_valid_document_never_works_out_what_was_found(self, monkeypatch: pytest.MonkeyPatch) -> None:
        # What a message says was found looks ahead through the tokens; done
        # on every check rather than only for the error raised, it made
        # reading quadratic (5,000 arguments with premise-conclusion
        # structures: 1.5 s to parse instead of 0.1 s).
        from argmap.formats.argdown import _parser

        def found(self: object) -> str:
            raise AssertionError("found() on the way to no error")

        monkeypatch.setattr(_parser._Parser, "found", found)
        text = (
            "===\ntitle: T\n===\n\n# Heading\n\n[A]: a\n  + [B]: b\n    - <C>: c\n\n"
            "<D>: d\n\n(1) p\n-- r1, r2 {k: v} --\n  <_ [U]: u\n(2) q\n----\n(3) c\n\n"
            "  * item\n  * other\n\n  1. one\n  2. two\n"
        )
        assert loads(text).claims
        for i in range(3):
            loads(text.replace("[", f"[{i}"))

    def test_many_inferences_read(self) -> None:
        text = "\n\n".join(f"<a{i}>\n\n(1) p{i}\n-- r --\n(2) c{i}" for i in range(5_000)) + "\n"
        with hang_guard(60):
            m = loads(text)
        assert len(m.relations) == 5_000
