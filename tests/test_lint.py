"""argmap.report.lint, and `argmap check` with lint, --source and --strict."""

from pathlib import Path

import pytest
from _seed import seed_map as _seed_map

import argmap
from argmap import ArgumentMap, Claim, Kind, MapBuilder, Quote, Relation, Source
from argmap.cli import main
from argmap.report import CODES, distance, lint

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "seeds" / "000_7b4271381ed26147.txt"


def codes(m, **kw):
    return [(p.id, p.code) for p in lint(m, **kw)]


class TestDistance:
    def test_same_words(self):
        assert distance("Strikes failed to dismantle ISIS", "the strikes have failed to dismantle ISIS") == 0.0

    def test_no_shared_words(self):
        assert distance("Bananas are yellow", "The sky is blue") == 1.0

    def test_stems_and_case(self):
        assert distance("Radicalization groups", "RADICAL GROUP") == 0.0

    def test_only_stop_words(self):
        assert distance("It is so", "whatever") == 0.0

    def test_bounds(self):
        d = distance("The regime welcomes the strikes", "the regime views the strikes as beneficial")
        assert 0 < d < 1


class TestLint:
    def test_clean_map(self):
        b = MapBuilder(source=Source("Eat early. The canteen closes at one."))
        t = b.claim("Eat early", quote="Eat early.")
        b.support(t, "The canteen closes at one", quote="The canteen closes at one.")
        assert lint(b.build()) == ()

    def test_unconnected(self):
        m = ArgumentMap([Claim("a", "A"), Claim("b", "B"), Claim("c", "C")], [Relation("r", Kind.SUPPORT, ("b",), "a")])
        assert codes(m) == [("c", "unconnected")]

    def test_lone_claim_is_fine(self):
        assert lint(ArgumentMap([Claim("a", "A")])) == ()

    def test_undercut_connects(self):
        b = MapBuilder()
        r = b.support(b.claim("A"), "B")
        b.undercut(r, "C")
        assert lint(b.build()) == ()

    def test_extra_root_when_a_thesis_is_named(self):
        claims = [Claim(i, i.upper()) for i in "abcd"]
        relations = [Relation("r1", Kind.SUPPORT, ("b",), "a"), Relation("r2", Kind.SUPPORT, ("d",), "c")]
        assert codes(ArgumentMap(claims, relations)) == []  # no thesis named: two roots are fine
        named = ArgumentMap(claims, relations, data={"thesis": "a"})
        assert codes(named) == [("c", "extra-root")]
        tagged = ArgumentMap([Claim("a", "A", tags=["thesis"]), *claims[1:]], relations)
        assert codes(tagged) == [("c", "extra-root")]

    def test_no_quote_only_with_a_source(self):
        b = MapBuilder(source=Source("Tea."))
        b.support(b.claim("A", quote="Tea."), "B")
        assert codes(b.build()) == [("c2", "no-quote")]
        b = MapBuilder()
        b.support(b.claim("A"), "B")
        assert codes(b.build()) == []

    def test_shared_quote(self):
        b = MapBuilder(source=Source("Tea is calm."))
        t = b.claim("Tea is calm", quote="Tea is calm.")
        b.support(t, "Tea calms", quote="Tea is calm.")
        assert codes(b.build()) == [("c2", "shared-quote")]

    def test_drift(self):
        b = MapBuilder(source=Source("Tea is calm. Coffee is loud."))
        t = b.claim("Tea is calm", quote="Tea is calm.")
        b.attack(t, "Bananas taste yellow", quote="Coffee is loud.")
        (p,) = lint(b.build())
        assert (p.id, p.code) == ("c2", "drift")
        assert "distance 1.00 > 0.70" in p.message
        assert lint(b.build(), max_distance=1.0) == ()

    def test_quote_problems_against_another_text(self):
        b = MapBuilder(source=Source("Tea is calm. Coffee is loud."))
        t = b.claim("Tea is calm", quote="Tea is calm.")
        b.attack(t, "Coffee is loud", quote="Coffee is loud.")
        m = b.build()
        problems = lint(m, source="Coffee is loud. Tea is quite calm.")
        assert [(p.id, p.code) for p in problems] == [("c1", "quote-missing"), ("c2", "quote-moved")]
        assert problems[0].message == (
            "quote 'Tea is calm.' does not occur in the source; nearest passage (16..34): Tea is [-quite-] calm."
        )

    def test_loose_and_ambiguous(self):
        m = ArgumentMap(
            [Claim("a", "tea", quote=Quote('"tea"')), Claim("b", "calm", quote=Quote("calm"))],
            [Relation("r", Kind.SUPPORT, ("b",), "a")],
        )
        # (a map's own source holds only exact quotes: the model checks them)
        assert codes(m, source="“tea” is calm, calm.") == [("a", "quote-loose"), ("b", "quote-ambiguous")]

    def test_codes_are_listed(self):
        assert set(CODES) >= {"unconnected", "extra-root", "no-quote", "shared-quote", "drift"}

    def test_seed_map_is_clean(self):
        assert lint(_seed_map()) == ()


@pytest.fixture
def seed_json(tmp_path):
    path = tmp_path / "seed.json"
    argmap.dump(_seed_map(), path)
    return path


class TestCheckCommand:
    def test_source_reports_coverage(self, seed_json, capsys):
        assert main(["check", str(seed_json), "--source", str(ARTICLE)]) == 0
        out, err = capsys.readouterr()
        assert err == ""
        assert f"{seed_json}: coverage of {ARTICLE}: 30 of 31 sentences (96.8%)" in out
        assert out.endswith(f"OK {seed_json}: 35 claims, 30 relations\n")

    def test_mismatched_quotes_are_errors_with_a_hint(self, seed_json, tmp_path, capsys):
        edited = tmp_path / "edited.txt"
        edited.write_text(ARTICLE.read_text().replace("Assad needs to focus", "Assad has to focus"))
        assert main(["check", str(seed_json), "--source", str(edited)]) == 1
        out, err = capsys.readouterr()
        assert "OK" not in out
        (line,) = [x for x in err.splitlines() if "hold-cities" in x]
        assert line.startswith(f"{seed_json}: error: hold-cities: quote 'Assad needs to focus")
        assert "nearest passage (2529..2609): Assad [-has-]{+needs+} to focus on holding the large cities" in line
        assert line.endswith("[quote-missing]")

    def test_warnings_and_strict(self, tmp_path, capsys):
        path = tmp_path / "m.json"
        argmap.dump(ArgumentMap([Claim("a", "A"), Claim("b", "B")]), path)
        assert main(["check", str(path)]) == 0
        out, err = capsys.readouterr()
        assert err == (
            f"{path}: warning: a: claim is connected to nothing [unconnected]\n"
            f"{path}: warning: b: claim is connected to nothing [unconnected]\n"
        )
        assert out == f"OK {path}: 2 claims, 0 relations\n"
        assert main(["check", "--strict", str(path)]) == 1
        out, err = capsys.readouterr()
        assert err.count(": error: ") == 2 and out == ""

    def test_unreadable_source(self, seed_json, tmp_path, capsys):
        assert main(["check", str(seed_json), "--source", str(tmp_path / "none.txt")]) == 1
        assert "none.txt: error: cannot read source" in capsys.readouterr().err
