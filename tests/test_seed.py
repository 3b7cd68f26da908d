"""The seed article's map (examples/syria_airstrikes.py): well formed, faithful to the text, documented."""

import importlib.util
import re
from pathlib import Path

import pytest

import argmap
from argmap import Kind, Relation, Role

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "syria_airstrikes.py"
PAGE = ROOT / "docs" / "seed-map.md"


def _load_example():
    spec = importlib.util.spec_from_file_location("syria_airstrikes_example", EXAMPLE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


example = _load_example()


@pytest.fixture(scope="module")
def m():
    return example.build_map()


def _edge(m, premise, target, kind):
    return any(r.target == target and premise in r.premises and r.kind == kind for r in m.relations)


def test_builds_and_validates(m):
    assert isinstance(m, argmap.ArgumentMap)
    assert m.source is not None
    assert m.source.text == (ROOT / "seeds" / "000_7b4271381ed26147.txt").read_text(encoding="utf-8")


def test_size(m):
    assert 25 <= len(m.claims) <= 40


def test_every_claim_quotes_the_article_exactly(m):
    text = m.source.text
    for c in m.claims:
        q = c.quote
        assert q is not None, c.id
        assert q.start is not None and q.end is not None, c.id
        assert text[q.start : q.end] == q.text, c.id


def test_no_two_claims_share_a_quote_span(m):
    spans = [(c.quote.start, c.quote.end) for c in m.claims]
    assert len(set(spans)) == len(spans)


def test_claim_texts_stay_short(m):
    for c in m.claims:
        assert len(c.text.split()) <= 13, c.id


def test_theses(m):
    roots = {c.id for c in m.roots}
    assert roots == {"thesis", "narrow-strategy-fails"}
    assert m.role("thesis") is Role.THESIS
    assert "beneficiaries of the foreign airstrikes" in m.claim("thesis").quote.text


def test_both_lines_support_the_thesis_together(m):
    (r,) = m.relations_into("thesis")
    assert r.kind is Kind.SUPPORT
    assert set(r.premises) == {"assad-benefits", "isis-benefits"}


def test_assad_line(m):
    for premise in ("regime-welcomes", "enemy-of-my-enemy", "regime-cover"):
        assert _edge(m, premise, "assad-benefits", Kind.SUPPORT), premise
    territory = m.relation("gains-territory")
    assert territory.target == "assad-benefits" and territory.is_linked
    assert set(territory.premises) == {"isis-retreats", "rebels-cannot-exploit", "army-best-placed"}
    assert _edge(m, "moallem-ok", "regime-welcomes", Kind.SUPPORT)
    assert _edge(m, "report-221", "regime-cover", Kind.SUPPORT)
    for premise in ("no-regime-change", "regime-not-targeted"):
        assert _edge(m, premise, "sides-with-assad-allies", Kind.SUPPORT)


def test_isis_line(m):
    linked = [r for r in m.relations_into("isis-benefits") if r.is_linked]
    assert [set(r.premises) for r in linked] == [{"command-intact", "militants-spread"}]
    assert _edge(m, "ripe-for-radicalization", "isis-benefits", Kind.SUPPORT)


def test_objections_and_rebuttals(m):
    assert _edge(m, "balance-unchanged", "assad-benefits", Kind.ATTACK)
    assert m.role("balance-unchanged") is Role.OBJECTION
    assert _edge(m, "isis-advancing", "balance-unchanged", Kind.SUPPORT)
    # resource constraints attack the territorial inference, not one of its premises
    assert _edge(m, "resource-constraints", "gains-territory", Kind.ATTACK)
    assert m.role("resource-constraints") is Role.UNDERCUTTER
    assert _edge(m, "hold-cities", "resource-constraints", Kind.SUPPORT)
    assert _edge(m, "aleppo-advances", "resource-constraints", Kind.ATTACK)
    assert m.role("aleppo-advances") is Role.REBUTTAL
    assert m.role("strikes-illegitimate") is Role.OBJECTION
    assert _edge(m, "moallem-ok", "strikes-illegitimate", Kind.ATTACK)


def test_narrow_strategy_line(m):
    for premise in (
        "frustrated",
        "attention-deflected",
        "crisis-not-eased",
        "casualties-outcry",
        "roots-ignored",
        "strikes-expand",
        "ripe-for-radicalization",
    ):
        assert _edge(m, premise, "narrow-strategy-fails", Kind.SUPPORT), premise
    instability = m.relation("instability")
    assert instability.target == "ripe-for-radicalization"
    assert set(instability.premises) == {"balance-persists", "own-goals"}


def test_has_linked_premises_and_an_undercut(m):
    assert sum(r.is_linked for r in m.relations) >= 3
    assert any(isinstance(m[r.target], Relation) and r.is_attack for r in m.relations)


def test_every_claim_is_connected(m):
    touched = set()
    for r in m.relations:
        touched.update(r.premises)
        touched.add(r.target)
    assert {c.id for c in m.claims} <= touched


def test_json_round_trip(m):
    assert argmap.loads(argmap.dumps(m)) == m


def test_build_is_deterministic(m):
    assert example.build_map() == m
    assert argmap.dumps(example.build_map()) == argmap.dumps(m)


def _page_ids():
    """The ids in the first column of the tables of docs/seed-map.md."""
    ids = []
    for line in PAGE.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.lstrip().startswith("|") and len(cells) >= 4:
            match = re.fullmatch(r"`([^`]+)`", cells[0])
            if match:
                ids.append(match.group(1))
    return ids


def test_docs_page_lists_every_claim(m):
    ids = _page_ids()
    claim_ids = [c.id for c in m.claims]
    assert sorted(ids) == sorted(set(ids)), "an id is listed twice"
    assert set(ids) == set(claim_ids)


def test_docs_page_matches_roles_and_quotes(m):
    text = PAGE.read_text(encoding="utf-8")
    for line in text.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        match = re.fullmatch(r"`([^`]+)`", cells[0]) if line.lstrip().startswith("|") else None
        if not match:
            continue
        cid = match.group(1)
        assert cells[1] == str(m.role(cid)), cid
        assert cells[2] == m.claim(cid).text.replace("|", "\\|"), cid
        assert cells[3] == "“" + m.claim(cid).quote.text.replace("|", "\\|") + "”", cid


@pytest.mark.exe
def test_script_writes_every_file(tmp_path):
    pytest.importorskip("argmap.render")
    import subprocess
    import sys

    done = subprocess.run([sys.executable, str(EXAMPLE), str(tmp_path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [f"syria_airstrikes.{s}" for s in ("argdown", "dot", "eval.svg", "html", "json", "png", "svg")]
    assert done.stdout.count("\n") == 8
    assert done.stdout.splitlines()[-1].startswith("coverage: 30 of 31 sentences (96.8%)")
    assert argmap.load(tmp_path / "syria_airstrikes.json") == example.build_map()
