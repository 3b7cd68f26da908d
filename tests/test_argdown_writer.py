"""The Argdown writer writes what a person would: a backslash only where
Argdown needs one, and the reference reads the same texts back."""

from __future__ import annotations

import contextlib
import json
import re
import subprocess
import warnings
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_argdown import ARGDOWN, summary

from argmap import ArgumentMap, Claim, Kind, Relation
from argmap.errors import ArgmapError, LossyConversionWarning
from argmap.formats.argdown import dumps, loads
from argmap.formats.argdown._writer import escape
from argmap.formats.argdown_json import to_data
from argmap.strategies import claim_texts

ROOT = Path(__file__).resolve().parents[1]

# Text dense in what Argdown reads specially: every special character, the
# shortcodes' insides, white space, digits and letters that make tags.
SYNTAX = "\\@#*_[],.:;</>-(){}= \t'+~^vAEh1x"
dense_texts = st.text(SYNTAX, min_size=1, max_size=30).filter(lambda t: t.strip())
texts = st.one_of(dense_texts, claim_texts().map(lambda t: t.replace("\n", " ")))


def _one_claim(text: str) -> ArgumentMap:
    return ArgumentMap([Claim("a", text)])


def _quiet_dumps(m: ArgumentMap) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LossyConversionWarning)
        return dumps(m)


class TestRoundTrip:
    @settings(max_examples=500)
    @given(texts)
    def test_any_text_reads_back_as_written(self, text: str) -> None:
        m = _one_claim(text)
        assert loads(dumps(m)) == m

    @given(st.lists(texts, min_size=2, max_size=6))
    def test_texts_side_by_side_read_back(self, parts: list[str]) -> None:
        # one text's end is the next one's start: no escape may rely on
        # what follows it
        m = ArgumentMap([Claim(f"c{i}", t) for i, t in enumerate(parts)])
        assert loads(_quiet_dumps(m)) == m


def _escapes(line: str) -> list[int]:
    """The offsets of the backslashes that escape a character in *line*."""
    out = []
    i = 0
    while i < len(line):
        if line[i] == "\\":
            out.append(i)
            i += 1
        i += 1
    return out


class TestOnlyWhatIsNeeded:
    def test_every_escape_in_the_seed_map_is_needed(self) -> None:
        import importlib.util

        spec = importlib.util.spec_from_file_location(
            "syria_airstrikes_writer", ROOT / "examples" / "syria_airstrikes.py"
        )
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        text = _quiet_dumps(module.build_map())
        assert not re.search(r"\\[,.:;()\-]", text), text

    @settings(max_examples=300)
    @given(dense_texts)
    def test_no_backslash_can_be_left_out(self, text: str) -> None:
        # The claim's line is followed by one that closes a data block,
        # front matter, a comment and an argument reference: an unescaped
        # "{", "===", "/*", "<!--" or "<" (at the end) would open one that
        # runs to it.
        def doc(written: str) -> str:
            return f"[a]: {written}\n  + [b]: x}} y === z \\*/ w --> v)\n"

        written = escape(text)
        m = loads(doc(written))
        assert m["a"].text == text
        for i in _escapes(written):
            shorter = written[:i] + written[i + 1 :]
            try:
                same = loads(doc(shorter)) == m
            except ArgmapError:
                same = False
            assert not same, f"the backslash at {i} in {written!r} is not needed"

    def test_a_bracket_at_the_end_of_a_line_is_escaped(self) -> None:
        # an unescaped "[" there and the "]" of the next line would be a
        # reference
        m = ArgumentMap([Claim("a", "a ["), Claim("b", "b [")], [Relation("r1", Kind.SUPPORT, ("b",), "a")])
        text = dumps(m)
        assert "[a]: a \\[\n  + [b]: b \\[\n" in text
        assert loads(text) == m
        with pytest.raises(ArgmapError):
            loads(text.replace("\\[", "["))

    @pytest.mark.parametrize(
        ("text", "written"),
        [
            (
                "In the short term, the strikes serve Assad: so it seems.",
                "In the short term, the strikes serve Assad: so it seems.",
            ),
            ("Moallem: if the aim is to strike ISIS, it's OK", "Moallem: if the aim is to strike ISIS, it's OK"),
            ("e.g. (a) - b; c > d", "e.g. (a) - b; c > d"),
            ("2 * 3 = 6 and 2 == 2", "2 * 3 = 6 and 2 == 2"),
            ("a [note] here", "a \\[note] here"),
            ("a *bold* claim", "a \\*bold* claim"),
            ("#1 priority", "\\#1 priority"),
            ("x < y", "x < y"),
            ("x < y > z", "x \\< y > z"),
            ("<!-- x", "\\<!-- x"),
            ("{not data}", "\\{not data}"),
            ("a.~.b", "a\\.~.b"),
        ],
    )
    def test_what_a_person_writes(self, text: str, written: str) -> None:
        assert escape(text) == written
        assert loads(f"[a]: {written}\n") == _one_claim(text)


@pytest.mark.skipif(ARGDOWN is None, reason="the reference @argdown/cli is not installed")
class TestReference:
    @settings(max_examples=1, deadline=None)
    @given(st.lists(texts, min_size=60, max_size=60, unique_by=lambda t: t.strip()))
    def test_the_reference_reads_the_same_texts(
        self, tmp_path_factory: pytest.TempPathFactory, parts: list[str]
    ) -> None:
        m = ArgumentMap([Claim(f"c{i}", t) for i, t in enumerate(parts)])
        folder = tmp_path_factory.mktemp("texts")
        (folder / "m.argdown").write_text(_quiet_dumps(m), encoding="utf-8")
        run = subprocess.run(
            [ARGDOWN, "json", str(folder / "m.argdown"), str(folder)], capture_output=True, text=True, timeout=300
        )
        assert run.returncode == 0 and "error" not in (run.stdout + run.stderr).lower(), run.stdout + run.stderr
        got = summary(json.loads((folder / "m.json").read_text(encoding="utf-8")))
        assert got["statements"] == summary(to_data(m))["statements"]


_json_scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
_json_values = st.recursive(
    _json_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=25,
)


class TestIndentedJson:
    """argdown-json's own indenting encoder writes what json.dumps(indent=2) writes."""

    @given(st.dictionaries(st.text(max_size=5), _json_values, max_size=5))
    def test_same_as_the_standard_library(self, data):
        from argmap.formats.argdown import _json

        assert _json._indented(data) == json.dumps(data, ensure_ascii=False, indent=2)

    @pytest.mark.parametrize("odd", [{1: "a"}, {"a": (1, 2)}, {"a": {"b": {True: None}}}, {"a": [object()]}])
    def test_unusual_values_are_left_to_json(self, odd):
        from argmap.formats.argdown import _json

        with pytest.raises(_json._Unusual):
            _json._indented(odd)

    def test_dumps_falls_back_to_json(self, monkeypatch):
        from argmap.formats.argdown import _json

        m = loads("[A]: Tea is good.\n  + [B]: It is warm.\n")
        fast = _json.dumps(m)

        def unusual(data):
            raise _json._Unusual

        monkeypatch.setattr(_json, "_indented", unusual)
        assert _json.dumps(m) == fast == json.dumps(to_data(m), ensure_ascii=False, indent=2) + "\n"


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)
_HINT_KEYS = ["argument", "title", "wordings", "reference", "description", "descriptions", "tags", "rules"]


class TestHintsFromElsewhere:
    """``data["argdown"]`` of a map read from JSON may hold anything: the
    writers leave out what is not an Argdown hint, and say so."""

    def _map(self, claim_hint: object, relation_hint: object) -> ArgumentMap:
        return ArgumentMap(
            [Claim("t", "Tea", data={"argdown": claim_hint}), Claim("p", "Calm")],
            [Relation("r", Kind.SUPPORT, ("p",), "t", data={"argdown": relation_hint})],
        )

    def test_hints_that_are_not_a_mapping(self):
        # a JSON map with "data": {"argdown": 1} on a claim once raised AttributeError
        m = self._map(1, [1])
        with pytest.warns(LossyConversionWarning, match=r"claim 't': data 'argdown' \(not a mapping\) is not written"):
            text = dumps(m)
        assert "[t]: Tea" in text
        assert set(to_data(m)["statements"]) == {"t", "p"}

    def test_hints_of_the_wrong_shape(self):
        m = self._map({"wordings": 5, "title": ["x"]}, {"argument": 2, "descriptions": "x", "tags": [1]})
        with pytest.warns(LossyConversionWarning) as info:
            dumps(m)
        msg = str(info[0].message)
        assert "claim 't': data 'argdown' 'wordings' (not a list of strings) is not written" in msg
        assert "relation 'r': data 'argdown' 'tags' (not a list of strings) is not written" in msg
        assert set(to_data(m)["statements"]) == {"t", "p"}

    @given(
        claim_hint=_JSON_VALUES | st.dictionaries(st.sampled_from(_HINT_KEYS), _JSON_VALUES, max_size=4),
        relation_hint=_JSON_VALUES | st.dictionaries(st.sampled_from(_HINT_KEYS), _JSON_VALUES, max_size=4),
    )
    def test_any_hints(self, claim_hint, relation_hint):
        m = self._map(claim_hint, relation_hint)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", LossyConversionWarning)
            with contextlib.suppress(ArgmapError):
                assert isinstance(dumps(m), str)
            to_data(m)
