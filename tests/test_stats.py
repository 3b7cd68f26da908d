"""argmap.stats, corpus statistics, the data frame, and the stats and
compare commands."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import sys

import attrs
import pytest
from _guards import hang_guard
from hypothesis import given

import argmap
import argmap.corpus
from argmap import ArgmapError, ArgumentMap, Claim, Kind, MapBuilder, MissingDependencyError, Quote, Relation, Source
from argmap.analysis import DISTRIBUTED, MapStats, corpus_stats, stats
from argmap.cli import main
from argmap.strategies import argument_maps

HAVE_PANDAS = importlib.util.find_spec("pandas") is not None
HAVE_MATPLOTLIB = importlib.util.find_spec("matplotlib") is not None


def tea() -> ArgumentMap:
    src = Source("Tea is better than coffee. It has less caffeine. Some teas have as much.\n\nA last word.")
    b = MapBuilder(title="Tea", source=src)
    t = b.claim("Tea is better than coffee", quote="Tea is better than coffee")
    r = b.support(t, "Tea has less caffeine", quote="It has less caffeine", scheme="argument from consequences")
    b.attack(r.premise, "Some teas have as much")
    b.undercut(r, "Caffeine is harmless")
    b.support(t, ["Tea is cheap", "Cheap is good"])
    return b.build()


class TestStats:
    def test_counts(self):
        s = stats(tea())
        assert (s.title, s.claims, s.relations) == ("Tea", 6, 4)
        assert s.by_kind == {"support": 2, "attack": 2, "entails": 0, "contrary": 0, "contradictory": 0}
        assert (s.linked, s.undercuts, s.backings) == (1, 1, 0)
        assert s.roles == {"thesis": 1, "premise": 3, "objection": 1, "rebuttal": 0, "undercutter": 1}
        # Depth: the rebuttal-free objection is 2 steps from the thesis; the
        # undercutter's premise is one past the inference's premises: 2.
        assert s.depth == 2
        # Into the thesis: 2 relations; into the premise: 1 attack.
        assert (s.branching_mean, s.branching_max) == (1.5, 2)
        assert (s.quotes, s.spans) == (2, 2)
        assert s.coverage == pytest.approx(2 / 4)  # 2 of the 4 body sentences
        assert 0 < s.char_coverage < 1
        assert s.schemes == {"argument from consequences": 1}

    def test_no_source_no_coverage(self):
        s = stats(MapBuilder().build())
        assert (s.claims, s.depth, s.branching_mean, s.branching_max, s.coverage) == (0, 0, 0.0, 0, None)

    def test_rows_and_dicts_are_plain_json(self):
        s = stats(tea())
        row = s.as_row()
        assert row["kind_support"] == 2 and row["role_thesis"] == 1 and row["schemes"] == 1
        assert json.loads(json.dumps(s.to_dict())) == s.to_dict()

    def test_not_a_map(self):
        with pytest.raises(ArgmapError, match="needs an ArgumentMap, not str"):
            stats("map.json")  # type: ignore[arg-type]

    @given(argument_maps(cycles=True, shared_claims=True, with_source=True, kinds=tuple(Kind)))
    def test_invariants(self, m):
        s = stats(m)
        assert s.claims == len(m.claims) == sum(s.roles.values())
        assert s.relations == len(m.relations) == sum(s.by_kind.values())
        assert s.linked + s.undercuts + s.backings <= 2 * s.relations
        assert 0 <= s.depth < max(1, s.claims)
        assert s.branching_max <= s.relations
        assert s.spans <= s.quotes <= s.claims
        assert s.coverage is None or 0.0 <= s.coverage <= 1.0

    @given(argument_maps(max_depth=4, linked=False, undercuts=False))
    def test_depth_of_a_tree_is_its_height(self, m):
        # In a forest every claim has one path to its thesis.
        height = {c.id: 0 for c in m.theses}
        todo = list(height)
        while todo:
            x = todo.pop()
            for r in m.relations_into(x):
                for p in r.premises:
                    height[p] = height[x] + 1
                    todo.append(p)
        assert stats(m).depth == max(height.values(), default=0)

    def test_a_100000_deep_chain(self):
        n = 100_000
        claims = [Claim(f"c{i}", "x") for i in range(n)]
        relations = [Relation(f"r{i}", Kind.SUPPORT, (f"c{i + 1}",), f"c{i}") for i in range(n - 1)]
        with hang_guard(120):
            s = stats(ArgumentMap(claims, relations))
        assert s.depth == n - 1

    def test_a_cycle_counts_no_depth(self):
        m = ArgumentMap(
            [Claim("a", "A"), Claim("b", "B")],
            [Relation("r1", Kind.ATTACK, ("a",), "b"), Relation("r2", Kind.ATTACK, ("b",), "a")],
        )
        assert stats(m).depth == 0


class TestCorpus:
    def test_totals_and_distributions(self):
        maps = [tea(), MapBuilder().build(), tea()]
        c = corpus_stats(maps)
        assert (c.maps, c.claims, c.relations) == (3, 12, 8)
        assert c.by_kind["attack"] == 4 and c.roles["thesis"] == 2
        d = c.distributions["claims"]
        assert (d.n, d.total, d.min, d.max, d.median, d.mean) == (3, 12, 0, 6, 6, 4.0)
        assert set(c.distributions) == set(DISTRIBUTED)
        assert corpus_stats(stats(m) for m in maps) == c
        assert json.loads(json.dumps(c.to_dict())) == c.to_dict()

    def test_empty_corpus(self):
        c = corpus_stats([])
        assert (c.maps, c.claims, c.distributions["claims"].mean) == (0, 0, 0.0)

    @pytest.mark.skipif(not HAVE_PANDAS, reason="pandas is not installed")
    def test_to_dataframe(self, tmp_path):
        argmap.dump(tea(), tmp_path / "tea.json")
        (tmp_path / "bad.json").write_text("{")
        df = argmap.corpus.to_dataframe(argmap.load_all(sorted(tmp_path.glob("*.json"))))
        assert list(df["claims"]) == [6] and df.columns[0] == "path"

    @pytest.mark.skipif(HAVE_PANDAS, reason="pandas is installed")
    def test_to_dataframe_without_pandas_names_the_extra(self):
        with pytest.raises(MissingDependencyError, match=r"pip install 'argmap\[pandas\]'"):
            argmap.corpus.to_dataframe([tea()])

    def test_to_dataframe_when_pandas_is_missing(self, monkeypatch):
        monkeypatch.setitem(sys.modules, "pandas", None)
        with pytest.raises(MissingDependencyError, match=r"pip install 'argmap\[pandas\]'"):
            argmap.corpus.to_dataframe([tea()])


# --------------------------------------------------------------------------
# The commands


@pytest.fixture
def maps(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    argmap.dump(tea(), tmp_path / "tea.json")
    b = MapBuilder()
    b.support(b.claim("Eat early"), "The canteen closes at one")
    argmap.dump(b.build(), tmp_path / "lunch.json")
    (tmp_path / "bad.json").write_text("{")
    return tmp_path


class TestStatsCommand:
    def test_table(self, maps, capsys):
        assert main(["stats", "tea.json", "lunch.json"]) == 0
        out = capsys.readouterr().out
        lines = out.splitlines()
        assert lines[0].split()[:3] == ["map", "claims", "relations"]
        assert lines[1].split()[:3] == ["tea.json", "6", "4"]
        assert lines[3].split()[:3] == ["total", "8", "5"]
        assert "claims per map: mean 4.00, median 4, min 2, max 6 (2 maps)" in out

    def test_csv(self, maps, capsys):
        assert main(["stats", "--format", "csv", "tea.json", "lunch.json"]) == 0
        rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
        assert [r["path"] for r in rows] == ["tea.json", "lunch.json"]
        assert rows[0]["claims"] == "6" and rows[1]["coverage"] == ""
        assert list(rows[0]) == ["path", *stats(tea()).as_row()]

    def test_json(self, maps, capsys):
        assert main(["stats", "--format", "json", "tea.json", "lunch.json"]) == 0
        data = json.loads(capsys.readouterr().out)
        assert data["maps"][0] == {"path": "tea.json", **stats(tea()).to_dict()}
        assert data["corpus"]["maps"] == 2 and data["corpus"]["claims"] == 8

    def test_a_bad_file_is_reported_and_the_rest_counted(self, maps, capsys):
        assert main(["stats", "tea.json", "bad.json", "lunch.json"]) == 1
        captured = capsys.readouterr()
        assert "bad.json:1:2: error:" in captured.err
        assert "(2 maps)" in captured.out

    def test_plot_needs_png_or_svg(self, maps, capsys):
        assert main(["stats", "--plot", "x.pdf", "tea.json"]) == 2
        assert "must be a .png or .svg file" in capsys.readouterr().err

    @pytest.mark.skipif(HAVE_MATPLOTLIB, reason="matplotlib is installed")
    def test_plot_without_matplotlib_names_the_extra(self, maps, capsys):
        assert main(["stats", "--plot", "sizes.svg", "tea.json"]) == 1
        assert "pip install 'argmap[plot]'" in capsys.readouterr().err
        assert not (maps / "sizes.svg").exists()

    @pytest.mark.skipif(not HAVE_MATPLOTLIB, reason="matplotlib is not installed")
    def test_plot(self, maps):
        assert main(["stats", "--plot", "sizes.svg", "tea.json", "lunch.json"]) == 0
        first = (maps / "sizes.svg").read_bytes()
        assert first.startswith(b"<?xml")
        assert main(["stats", "--plot", "sizes.svg", "tea.json", "lunch.json"]) == 0
        assert (maps / "sizes.svg").read_bytes() == first  # deterministic


class TestCompareCommand:
    def test_report(self, maps, capsys):
        assert main(["compare", "lunch.json", "tea.json"]) == 0
        out = capsys.readouterr().out
        assert out.splitlines()[0].split() == ["precision", "recall", "f1", "matched", "cand", "ref"]
        assert "theses under grounded:" in out

    def test_json(self, maps, capsys):
        assert main(["compare", "--json", "tea.json", "tea.json"]) == 0
        data = json.loads(capsys.readouterr().out)
        assert data["claims"]["f1"] == data["relations"]["f1"] == data["relations_labelled"]["f1"] == 1.0
        assert data["kappa"] == 1.0 and data["cass"] == 1.0
        assert data["aligned"][0] == ["c1", "c1"]

    def test_semantics_none(self, maps, capsys):
        assert main(["compare", "--semantics", "none", "--json", "tea.json", "tea.json"]) == 0
        data = json.loads(capsys.readouterr().out)
        assert data["semantics"] is None and data["theses"] == []

    @pytest.mark.parametrize("name", ["diff.html", "diff.dot"])
    def test_picture_files(self, maps, capsys, name):
        assert main(["compare", "--json", "-o", name, "lunch.json", "tea.json"]) == 0
        json.loads(capsys.readouterr().out)  # --json output stays pure JSON
        text = (maps / name).read_text()
        assert "MISSING" in text or "only in the reference" in text

    @pytest.mark.exe
    def test_svg(self, maps, capsys):
        assert main(["compare", "-o", "diff.svg", "lunch.json", "tea.json"]) == 0
        assert "wrote diff.svg" in capsys.readouterr().out
        assert b"<svg" in (maps / "diff.svg").read_bytes()

    def test_unknown_picture_suffix(self, maps, capsys):
        assert main(["compare", "-o", "diff.txt", "lunch.json", "tea.json"]) == 2
        assert ".svg, .png, .dot or .html" in capsys.readouterr().err

    def test_a_bad_file(self, maps, capsys):
        assert main(["compare", "bad.json", "tea.json"]) == 1
        assert "bad.json:1:2: error:" in capsys.readouterr().err


def test_stats_accepts_its_own_result_types():
    s = stats(tea())
    assert isinstance(s, MapStats)
    assert attrs.evolve(s, claims=1).claims == 1
    assert Quote  # (imported for the examples above)
