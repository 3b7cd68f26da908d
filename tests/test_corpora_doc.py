"""The figures of docs/corpora.md, computed again from the shared corpora
(skipped when ../shared/corpora is not there)."""

import re
import statistics
import warnings
from pathlib import Path

import pytest

import argmap

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
PAGE = ROOT / "docs" / "corpora.md"

SETS = {
    "AraucariaDB (AIF)": ("aif/araucaria/*.json", "aif"),
    "arg-microtexts part 1 (en)": ("microtexts/part1-en/*.xml", None),
    "AbstRCT neoplasm dev (brat)": ("brat/abstrct-neoplasm-dev/*.ann", None),
    "ICCMA probo (apx)": ("iccma/probo/*.apx", None),
    "ICCMA probo (tgf)": ("iccma/probo/*.tgf", None),
    "AIFdb IAC": ("aifdb/iac/*.json", "aif"),
    "AIFdb US2016": ("aifdb/us-2016/*.json", "aif"),
    "AIFdb QT30": ("aifdb/qt30/*.json", "aif"),
}


def _table() -> dict[str, list[str]]:
    rows = {}
    for line in PAGE.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if line.startswith("| ") and cells[0] in SETS:
            rows[cells[0]] = cells[1:]
    return rows


def test_the_page_has_every_corpus():
    assert list(_table()) == list(SETS)


@pytest.mark.skipif(not CORPORA.is_dir(), reason="../shared/corpora is not there")
@pytest.mark.parametrize("name", list(SETS))
def test_figures(name):
    pattern, fmt = SETS[name]
    paths = sorted(CORPORA.glob(pattern))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        results = [r for _p, r in argmap.load_all(paths, format=fmt)]
    assert not [r for r in results if isinstance(r, argmap.ArgmapError)]
    claims = [len(m.claims) for m in results]
    relations = sum(len(m.relations) for m in results)
    median = f"{statistics.median(claims):g}"
    assert _table()[name] == [str(len(paths)), str(sum(claims)), str(relations), median, str(max(claims))]


@pytest.mark.skipif(not CORPORA.is_dir(), reason="../shared/corpora is not there")
def test_locutions_sentence():
    text = PAGE.read_text(encoding="utf-8")
    found = re.search(r"keep (\d+) \(US2016\) and (\d+) \(QT30\) locutions", text)
    assert found is not None
    for count, folder in zip(found.groups(), ("us-2016", "qt30")):
        maps = [argmap.load(p, format="aif") for p in sorted((CORPORA / "aifdb" / folder).glob("*.json"))]
        assert int(count) == sum(n["type"] == "L" for m in maps for n in m.data.get("nodes", ()))
