"""``argmap draft``: an article as an Argdown map to start from, every
sentence a statement that quotes it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings

import argmap
from argmap import Source
from argmap.formats.argdown import draft, loads
from argmap.source import coverage, sentences
from argmap.strategies import sources

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "seeds" / "000_7b4271381ed26147.txt"


def _argmap(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    return subprocess.run(
        [sys.executable, "-m", "argmap", *args], capture_output=True, text=True, timeout=120, cwd=cwd, env=env
    )


def test_the_seed_article_drafts_to_full_coverage(tmp_path: Path) -> None:
    r = _argmap("draft", str(ARTICLE), "-o", "maps/draft.argdown", "--title", "Airstrikes", cwd=tmp_path)
    assert r.returncode == 1 and "maps/draft.argdown" in r.stderr  # (no such folder: a WriteError)
    (tmp_path / "maps").mkdir()
    r = _argmap("draft", str(ARTICLE), "-o", "maps/draft.argdown", "--title", "Airstrikes", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout == "wrote maps/draft.argdown\n"
    r = _argmap("check", "maps/draft.argdown", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "33 of 33 quotes verified; coverage: 31 of 31 sentences (100.0%), 100.0% of the characters" in r.stdout
    m = argmap.load(tmp_path / "maps" / "draft.argdown")
    assert m.title == "Airstrikes" and not m.relations
    assert [c.quote.text for c in m.claims if c.quote] == [s.text for s in sentences(ARTICLE.read_text("utf-8"))]


def test_the_article_is_not_replaced(tmp_path: Path) -> None:
    art = tmp_path / "a.argdown"
    art.write_text("Tea.", encoding="utf-8")
    r = _argmap("draft", "a.argdown", cwd=tmp_path)
    assert r.returncode == 2 and "would replace a.argdown" in r.stderr
    r = _argmap("draft", "missing.txt", cwd=tmp_path)
    assert r.returncode == 1 and "missing.txt" in r.stderr


def test_paragraphs_follow_blank_lines() -> None:
    text = draft(Source("One. Two.\nStill two.\n\nThree."), title="T")
    assert "[p1s3]: Still two." in text and "// paragraph 2\n\n[p2s1]: Three." in text


@settings(max_examples=60)
@given(sources(max_size=300))
def test_any_article_drafts_to_full_coverage(source: Source) -> None:
    m = loads(draft(source))
    assert m.source == Source(source.text, url=source.url)
    assert not coverage(m).uncovered
    assert [c.quote.text for c in m.claims if c.quote] == [s.text for s in sentences(source.text)]
