"""Argdown that carries its source and quotes: front matter ``source:``,
``{quote: ...}`` and ``{score: ...}`` in statement data."""

from __future__ import annotations

import os
import subprocess
import warnings
from pathlib import Path

import attrs
import pytest
from _guards import hang_guard
from hypothesis import given, settings
from test_argdown import ARGDOWN, summary

import argmap
from argmap import ArgumentMap, Claim, Quote, Source
from argmap.errors import LossyConversionWarning, ParseError
from argmap.formats.argdown import dumps, loads
from argmap.formats.argdown_json import to_data
from argmap.strategies import argument_maps, claim_texts

ONE_LINE = claim_texts().filter(lambda t: "\n" not in t)
ARTICLE = "Tea is calm. Coffee is “strong”, and coffee is loud.\nWater is plain."


def _no_loss(m: ArgumentMap, **kw: str) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("error", LossyConversionWarning)
        return dumps(m, **kw)


class TestReading:
    def test_quotes_are_located_in_the_text_of_the_front_matter(self) -> None:
        text = (
            f'===\nsource: {{title: Drinks, text: {ARTICLE!r}}}\n===\n\n[A]: Tea calms.\n  {{quote: "Tea is calm"}}\n'
        )
        m = loads(text.replace("'", '"').replace("\n", "\\n", 0))
        assert m.source == Source(ARTICLE, title="Drinks")
        assert m.claim("A").quote == Quote("Tea is calm", 0, 11)
        assert "front_matter" not in m.data.get("argdown", {})

    def test_a_path_is_read_relative_to_the_file(self, tmp_path: Path) -> None:
        (tmp_path / "art").mkdir()
        (tmp_path / "art" / "drinks.txt").write_text(ARTICLE, encoding="utf-8")
        doc = tmp_path / "maps" / "m.argdown"
        doc.parent.mkdir()
        doc.write_text(
            '===\nsource: ../art/drinks.txt\n===\n\n[C]: Coffee is strong.\n  {quote: "Coffee is \\"strong\\""}\n',
            encoding="utf-8",
        )
        m = argmap.load(doc)
        assert m.claim("C").quote == Quote("Coffee is “strong”", 13, 31)  # forgiving: the source's own text
        assert m.source is not None and m.source.text == ARTICLE

    def test_an_argument_may_quote_and_a_statement_may_score(self) -> None:
        text = f'===\nsource: {{text: "{ARTICLE.replace(chr(10), " ")}"}}\n===\n\n<W>: Water.\n  {{quote: "Water is plain", score: 0.25}}\n'
        c = loads(text).claim("<W>")
        assert c.quote is not None and c.quote.start == 53 and c.base_score == 0.25

    def test_the_second_occurrence_is_kept_when_written(self) -> None:
        src = Source("a b. a b.")
        m = ArgumentMap([Claim("x", "X", quote=Quote("a b", 5, 8))], source=src)
        text = _no_loss(m)
        assert "start: 5" in text
        assert loads(text) == m

    def test_a_quote_not_in_the_source_names_the_line_and_the_nearest_passage(self, tmp_path: Path) -> None:
        (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
        doc = tmp_path / "m.argdown"
        doc.write_text(
            '===\nsource: a.txt\n===\n\n[A]: a\n\n[B]: Coffee.\n  {quote: "Coffee is quite loud"}\n', encoding="utf-8"
        )
        with pytest.raises(ParseError) as e:
            argmap.load(doc)
        msg = str(e.value)
        assert msg.startswith(f"{doc}:7:1: statement 'B': quote 'Coffee is quite loud' does not occur in the source")
        assert "nearest passage" in msg

    @pytest.mark.parametrize(
        ("source", "says"),
        [
            ("missing.txt", "cannot read source"),
            ("{title: T}", "needs the article's 'path' or its 'text'"),
            ("{path: a, text: b}", "not both"),
            ("{text: a, author: me}", "unknown key 'author'"),
            ("[a, b]", "expected a path or a mapping"),
            ("{text: 3}", "'text' must be a string"),
        ],
    )
    def test_a_bad_source_is_named(self, tmp_path: Path, source: str, says: str) -> None:
        doc = tmp_path / "m.argdown"
        doc.write_text(f"===\nsource: {source}\n===\n\n[A]: a\n", encoding="utf-8")
        with pytest.raises(ParseError, match=says) as e:
            argmap.load(doc)
        assert str(e.value).startswith(f"{doc}:1:1: front matter 'source': ")

    @pytest.mark.parametrize(
        "data", ["{quote: 3}", "{quote: ''}", "{quote: {text: a, at: 1}}", "{quote: {text: a, start: x}}"]
    )
    def test_a_bad_quote_is_named(self, data: str) -> None:
        with pytest.raises(ParseError, match="line 3:1: statement 'B': "):
            loads(f"[A]: a\n\n[B]: b\n  {data}\n")

    def test_a_quote_without_a_source_is_kept_unlocated(self) -> None:
        assert loads('[A]: a\n  {quote: "words"}\n').claim("A").quote == Quote("words")

    def test_a_score_out_of_range_is_an_error(self) -> None:
        with pytest.raises(ParseError, match=r"line 1:1: statement .A.: score 7 is outside"):
            loads("[A]: a\n  {score: 7}\n")


class TestRoundTrip:
    @settings(max_examples=60)
    @given(argument_maps(texts=ONE_LINE, with_source=True, base_scores=True, shared_claims=True, undercuts=False))
    def test_any_map_with_a_source_reads_back_equal(self, m: ArgumentMap) -> None:
        m = ArgumentMap(
            m.claims, [attrs.evolve(r, base_score=None) for r in m.relations], title=m.title, source=m.source
        )
        assert loads(_no_loss(m)) == m

    def test_seed_map_with_its_path(self) -> None:
        root = Path(__file__).resolve().parents[1]
        m = argmap.load(root / "examples" / "syria_airstrikes.argdown")
        assert sum(1 for c in m.claims if c.quote is not None) == 35
        assert m.source is not None and m.source.text.startswith("After several months")


@pytest.mark.skipif(ARGDOWN is None, reason="the reference @argdown/cli is not installed")
def test_reference_reads_the_quoted_seed_map(tmp_path: Path) -> None:
    """To @argdown/cli the quotes are data: it reads the file and sees the
    same statements, arguments and relations."""
    root = Path(__file__).resolve().parents[1]
    path = root / "examples" / "syria_airstrikes.argdown"
    subprocess.run([ARGDOWN, "json", str(path), str(tmp_path)], check=True, capture_output=True, timeout=120)
    import json

    with open(tmp_path / "syria_airstrikes.json", encoding="utf-8") as f:
        reference = summary(json.load(f))
    ours = summary(to_data(argmap.load(path)))
    assert reference["statements"] == ours["statements"]
    assert reference["relations"] == ours["relations"]
    assert reference["arguments"] == ours["arguments"]


def test_check_and_report_on_the_argdown_example_match_the_json(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[1]
    ad = root / "examples" / "syria_airstrikes.argdown"
    js = tmp_path / "seed.json"
    argmap.dump(argmap.load(ad), js)
    exe = [os.environ.get("ARGMAP_PYTHON", "python"), "-m", "argmap"]
    import sys

    exe[0] = sys.executable
    env = {**os.environ, "PYTHONPATH": str(root)}
    outs = []
    for p in (ad, js):
        r = subprocess.run([*exe, "check", str(p)], capture_output=True, text=True, timeout=120, env=env)
        assert r.returncode == 0, r.stderr
        outs.append(r.stdout.replace(str(p), "MAP"))
    assert outs[0] == outs[1]
    assert "35 of 35 quotes verified; coverage: 30 of 31 sentences (96.8%)" in outs[0]
    r = subprocess.run(
        [*exe, "report", str(ad), "-o", str(tmp_path / "r.html"), "--no-diagram"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert r.returncode == 0, r.stderr
    assert "coverage: 30 of 31 sentences (96.8%)" in r.stdout
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "35 of 35 verified" in page
    r = subprocess.run(
        [*exe, "report", str(js), "-o", str(tmp_path / "j.html"), "--no-diagram"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "j.html").read_text(encoding="utf-8") == page


class TestUntrustedSourcePaths:
    DOC = "===\nsource: {path}\n===\n\n[a]: A\n"

    def test_loads_reads_no_file_without_base_dir(self, tmp_path):
        (tmp_path / "article.txt").write_text("A.", encoding="utf-8")
        with pytest.raises(ParseError, match="read only from a file's folder"):
            loads(self.DOC.format(path=tmp_path / "article.txt"))
        assert loads(self.DOC.format(path="article.txt"), base_dir=str(tmp_path)).source.text == "A."

    @pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
    def test_a_fifo_is_refused_not_waited_on(self, tmp_path):
        os.mkfifo(tmp_path / "pipe")
        with hang_guard(30), pytest.raises(ParseError, match="not a regular file"):
            loads(self.DOC.format(path="pipe"), base_dir=str(tmp_path))
