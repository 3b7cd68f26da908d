"""Kialo's plain-text export (argmap.formats.kialo): reading, the warned simplifications, bad input."""

import warnings
from pathlib import Path

import pytest
from hypothesis import given

import argmap
from argmap import Kind, LossyConversionWarning, ParseError
from argmap.formats import kialo
from argmap.strategies import argument_maps, kialo_text

DATA = Path(__file__).parent / "data" / "interchange"
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "syria_airstrikes.py"


@pytest.fixture(scope="module")
def seed_map():
    import importlib.util

    spec = importlib.util.spec_from_file_location("syria_airstrikes_for_kialo", EXAMPLE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.build_map()


def quiet_dumps(m):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LossyConversionWarning)
        return kialo.dumps(m)


class TestReading:
    def test_export(self):
        m = kialo.loads((DATA / "tea.kialo.txt").read_bytes())
        assert m.title == "Tea or coffee?"
        assert [c.id for c in m.claims] == ["1", "1.1", "1.1.1", "1.1.1.1", "1.2", "1.2.1"]
        assert m.claim("1.1").text == "Tea has less caffeine (about half)."
        assert m.claim("1.1.1.1").text == "Too much caffeine makes people\nanxious and sleepless."
        link = m.relation("r1.2.2")
        assert (link.kind, link.premises, link.target) == (Kind.SUPPORT, ("1.1.1",), "1.2")
        assert m.relation("r1.2").kind is Kind.ATTACK

    def test_written_back_unchanged(self):
        text = (DATA / "tea.kialo.txt").read_text(encoding="utf-8")
        m = kialo.loads(text)
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            assert kialo.dumps(m) == text

    def test_several_theses_and_no_title(self):
        m = kialo.loads("1. A\n1.1. Con: B\n2. C\n2.1. Pro: -> See 1.1.\n")
        assert [r.premises + (r.target,) for r in m.relations] == [("1.1", "1"), ("1.1", "2")]
        assert m.title is None

    def test_links_forward(self):
        m = kialo.loads("1. A\n1.1. Pro: -> See 1.2.\n1.2. Con: B\n")
        assert m.relation("r1.1").premises == ("1.2",)

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("1. A\n1.1. B\n", r"^line 2:6: expected 'Pro: ' or 'Con: ' after 1\.1\."),
            ("1. A\n1.2.1. Pro: B\n", r"^line 2:1: item 1\.2\.1\. has no parent item 1\.2\."),
            ("1. A\n1.1. Pro: B\n1.1. Con: C\n", r"^line 3:1: item 1\.1\. appears twice \(first on line 2\)"),
            ("1. A\n1.1. Pro: -> See 1.7.\n", r"^line 2:1: item 1\.1\. links to 1\.7\., which is not an item"),
            ("Some notes\n1. A\n", r"^line 1:1: expected an item such as '1\. The thesis'"),
            ("1. A\n1.1. Pro: \n", r"^line 2:1: item 1\.1\. has no text"),
        ],
    )
    def test_bad_outlines(self, text, message):
        with pytest.raises(ParseError, match=message):
            kialo.loads(text)

    def test_link_to_its_own_parent_is_a_validation_error(self):
        with pytest.raises(argmap.ValidationError, match="targets itself"):
            kialo.loads("1. A\n1.1. Pro: -> See 1.\n")


class TestWriting:
    def test_seed_map_only_the_warned_simplifications(self, seed_map):
        with pytest.warns(LossyConversionWarning) as record:
            text = kialo.dumps(seed_map)
        (w,) = record
        message = str(w.message)
        for what in ("linked premises", "undercuts", "the source text", "quotes", "ids"):
            assert what in message
        simplified, _ = kialo.simplify(seed_map)
        assert kialo.loads(text) == simplified
        # Only those: every claim text and title kept, every relation's polarity kept
        assert simplified.title == seed_map.title
        assert sorted(c.text for c in simplified.claims) == sorted(c.text for c in seed_map.claims)
        expected = sum(len(r.premises) for r in seed_map.relations)
        assert len(simplified.relations) == expected
        assert sum(r.is_attack for r in simplified.relations) == sum(
            len(r.premises) for r in seed_map.relations if r.is_attack
        )

    def test_undercut_and_linked_premises(self):
        b = argmap.MapBuilder()
        t = b.claim("T", id="1")
        r = b.support(t, [b.claim("P", id="1.1"), b.claim("Q", id="1.2")], id="r1.1")
        b.undercut(r, b.claim("U", id="1.1.1"), id="r1.1.1")
        with pytest.warns(LossyConversionWarning, match="linked premises .*; undercuts"):
            text = kialo.dumps(b.build())
        assert text == "1. T\n1.1. Pro: P\n1.1.1. Con: U\n1.2. Pro: Q\n"

    def test_nothing_lost_nothing_warned(self):
        m = kialo.loads("1. A\n1.1. Pro: B\n")
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            assert kialo.loads(kialo.dumps(m)) == m

    def test_deep_chain(self):
        n = 3000
        lines = ["1. c"] + [f"{'1.' * (k + 1)} Pro: c{k}" for k in range(1, n)]
        m = kialo.loads("\n".join(lines))
        assert len(m.relations) == n - 1
        assert kialo.loads(quiet_dumps(m)) == m


class TestProperties:
    @given(
        argument_maps(
            with_metadata=True, with_source=True, base_scores=True, kinds=tuple(Kind), shared_claims=True, cycles=True
        )
    )
    def test_reads_back_as_simplified_and_warns_iff_simplified(self, m):
        with warnings.catch_warnings(record=True) as record:
            warnings.simplefilter("always")
            text = kialo.dumps(m)
        simplified, losses = kialo.simplify(m)
        assert kialo.loads(text) == simplified
        assert len(record) == (1 if losses else 0)
        if not losses:
            assert simplified == m

    @given(kialo_text())
    def test_documents_round_trip(self, text):
        m = kialo.loads(text)
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            assert kialo.loads(kialo.dumps(m)) == m
