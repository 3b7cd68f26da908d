"""Quotes copied by hand: the normalised view, forgiving location, the
message for a missing quote, and attaching a source to any map."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from _guards import hang_guard
from _seed import seed_map as _seed_map
from hypothesis import assume, example, given
from hypothesis import strategies as st

import argmap
from argmap import ArgumentMap, Claim, Kind, MapBuilder, Quote, Relation, Source, ValidationError
from argmap._text_normal import all_starts, normalize, normalize_quote
from argmap.cli import main
from argmap.formats import aif
from argmap.source import attach, describe_missing, find_quote, locate, locate_quotes, sentences

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "seeds" / "000_7b4271381ed26147.txt"


# What copying by hand may turn a character into (each stands for the key).
VARIANTS: dict[str, list[str]] = {
    " ": ["  ", "\n", " \n ", "\t", "\u00a0", "\u2009", "\r\n"],
    '"': ["\u201c", "\u201d", "\u201e", "\u00ab", "\u00bb"],
    "'": ["\u2018", "\u2019", "\u201a", "`", "\u2032"],
    "-": ["\u2010", "\u2011", "\u2013", "\u2014", "\u2212", "--"],
    "...": ["\u2026"],
    "\u00e9": ["e\u0301"],
    "fi": ["\ufb01"],
}


class TestNormalisedView:
    @pytest.mark.parametrize(
        ("text", "view"),
        [
            ("a  \n\t b", "a b"),
            ("\u201cno\u201d \u2018yes\u2019", "\"no\" 'yes'"),
            ("a\u2014b a--b a - b", "a-b a-b a - b"),
            ("wait\u2026", "wait..."),
            ("soft\u00adhy\u200bphen\ufeff", "softhyphen"),
            ("cafe\u0301 \ufb01ne", "caf\u00e9 fine"),
            ("a \u200b b", "a b"),
        ],
    )
    def test_rules(self, text, view):
        assert normalize(text).text == view

    def test_each_character_maps_back_to_its_span(self):
        text = "He said\n\u201cno \u2014 never\u2026\u201d"
        v = normalize(text)
        assert len(v.starts) == len(v.ends) == len(v.text)
        i = v.text.index('"')
        assert text[slice(*v.span(i, len(v.text)))] == "\u201cno \u2014 never\u2026\u201d"

    def test_offsets_are_monotone_and_cover_the_text(self):
        text = "  x\u2014\u2014y \u2026 e\u0301\u00ad \n\n end  "
        v = normalize(text)
        assert list(v.starts) == sorted(v.starts) and list(v.ends) == sorted(v.ends)
        assert all(0 <= s < e <= len(text) for s, e in zip(v.starts, v.ends))

    def test_a_soft_hyphen_between_a_letter_and_its_accent(self):
        assert normalize("nai\u00ad\u0308ve").text == "na\u00efve"

    def test_an_ellipsis_ends_a_sentence(self):
        text = "Tea or coffee\n\nSome teas have as much caffeine as coffee\u2026 Others less."
        assert [(s.text, s.heading) for s in sentences(text)] == [
            ("Tea or coffee", True),
            ("Some teas have as much caffeine as coffee\u2026", False),
            ("Others less.", False),
        ]

    def test_quote_is_stripped(self):
        assert normalize_quote(" \u200b a\u00a0b \n") == "a b"

    def test_marks_after_a_run_of_spaces_are_written_once(self):
        # (the piece of spaces takes the mark with its last space: the mark
        # is not read again as a piece of its own)
        assert normalize_quote("a  \u0300  b") == "a \u0300 b"
        assert normalize("a  \u0301\u0302\u00e9 b").text == "a \u0301\u0302\u00e9 b"
        assert normalize("a  \u0300  b").text == normalize("a \u0300 b").text

    def test_linear_on_a_megabyte_of_special_characters(self):
        text = "\u201c\u2014 \u00a0\u2026e\u0301\u200b" * 125_000
        with hang_guard(60):
            v = normalize(text + "x")
        assert v.text.endswith("x")


class TestForgivingLocate:
    TEXT = "The minister said: \u201cIt\u2019s over \u2014 for now\u2026\u201d\nThen he left the caf\u00e9."

    @pytest.mark.parametrize(
        "quote",
        [
            '"It\'s over -- for now..."',
            '"It\'s over - for now..."',
            "\u201cIt's  over \u2013 for\nnow...\u201d",
            '"It\u00ad\'s over \u2014 for\u200b now\u2026"',
        ],
    )
    def test_typography_is_forgiven(self, quote):
        s, e = self.TEXT.index("\u201c"), self.TEXT.index("\u201d") + 1
        found = locate(self.TEXT, quote)
        assert found.spans == ((s, e),) and not found.exact
        assert find_quote(self.TEXT, quote) == Quote(self.TEXT[s:e], s, e)

    def test_normal_forms(self):
        s = self.TEXT.index("left")
        assert find_quote(self.TEXT, "left the cafe\u0301.") == Quote("left the caf\u00e9.", s, len(self.TEXT))

    def test_case_and_words_still_count(self):
        assert not locate(self.TEXT, "it's over").found
        assert not locate(self.TEXT, "It's all over").found

    def test_exact_first(self):
        assert locate("a--b a\u2014b", "a\u2014b").spans == ((5, 8),)

    def test_ellipsis_matches_once(self):
        assert locate("wait\u2026 now", "wait...").spans == ((0, 5),)

    def test_empty_after_normalising(self):
        assert not locate("abc", "\u200b\u00ad").found

    def test_a_thousand_quotes_against_a_megabyte(self):
        para = "Officials said the \u201cstrikes\u201d had failed \u2014 again. "
        words = [f"w{i}" for i in range(20_000)]
        text = " ".join(f"{para}{w}" for w in words)[:1_000_000]
        quotes = [f"failed -- again. w{i} Officials" for i in range(0, 16_000, 16)]
        assert len(text) == 1_000_000 and len(quotes) == 1000
        with hang_guard(120):
            found = [find_quote(text, q) for q in quotes]
        assert all(q is not None and q.text.startswith("failed \u2014 again.") for q in found)


@st.composite
def sources_and_quotes(draw: st.DrawFn) -> tuple[str, int, int, str]:
    """A text of words and typographic characters, a passage of it, and the
    passage as it might be copied by hand."""
    pieces = st.sampled_from(["word", "Assad", "42", "e\u0301t\u00e9", " ", "  ", "\n", '"', "'", "-", "...", "fi"])
    parts = draw(st.lists(pieces, min_size=3, max_size=40))
    # the source uses the typographic form of some pieces
    source_parts = [draw(st.sampled_from([p, *VARIANTS[p]])) if p in VARIANTS else p for p in parts]
    words = [k for k, p in enumerate(parts) if p[0].isalnum()]
    assume(words)
    i = draw(st.sampled_from(words))
    j = 1 + draw(st.sampled_from([k for k in words if k >= i]))  # (a passage from word to word)
    copied = [draw(st.sampled_from([p, *VARIANTS[p]])) if p in VARIANTS else p for p in parts[i:j]]
    start = len("".join(source_parts[:i]))
    end = start + len("".join(source_parts[i:j]))
    return "".join(source_parts), start, end, "".join(copied)


class TestProperties:
    @given(sources_and_quotes())
    def test_a_perturbed_quote_is_located_to_the_same_span(self, case):
        text, start, end, quote = case
        found = locate(text, quote)
        assert found.found
        if len(all_starts(normalize(text).text, normalize_quote(quote))) == 1:  # unique, forgiving typography
            assert found.spans == ((start, end),)
        q = find_quote(text, quote)
        assert q is not None and q.start is not None
        assert text[q.start : q.end] == q.text  # the source's own text
        assert normalize_quote(q.text) == normalize_quote(quote)

    @given(st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60), st.data())
    @example("\u0300", None)  # a combining mark after doubled spaces: it was written twice
    @example("a \u0301\u0302 \u0300\u00e9 b", None)
    def test_a_slice_perturbed_only_in_typography_is_found_at_its_span(self, text, data):
        # a quote with its own words around it: unique, so the span is known
        text = f"\u00abZq9\u00bb {text} \u2014 qZ8"
        quote = text.replace("\u00ab", '"').replace("\u00bb", '"').replace("\u2014", "--").replace(" ", "  ")
        found = find_quote(text, quote)
        assert found == Quote(text, 0, len(text))

    @given(sources_and_quotes())
    def test_every_span_is_a_slice_whose_view_is_the_quote(self, case):
        text, _, _, quote = case
        needle = normalize_quote(quote)
        assume(needle)
        for s, e in locate(text, quote).spans:
            assert 0 <= s < e <= len(text)
            assert needle in normalize_quote(text[s:e])

    @given(st.text(max_size=80))
    def test_view_is_idempotent(self, text):
        view = normalize(text).text
        assert normalize(view).text == view
        assert unicodedata.is_normalized("NFKC", view.replace("\u00ad", ""))


class TestDescribeMissing:
    TEXT = "Tea is good. Coffee is bitter and strong. Water."

    def test_whole_quote_and_marked_words(self):
        msg = describe_missing(self.TEXT, "Coffee is quite strong.")
        assert msg == (
            "quote 'Coffee is quite strong.' does not occur in the source; "
            "nearest passage (13..41): Coffee is [-bitter and-]{+quite+} strong."
        )

    def test_a_long_quote_is_not_cut(self):
        quote = "Coffee is " + "very " * 100 + "strong."
        assert repr(quote) in describe_missing(self.TEXT, quote)

    def test_words_past_the_passage_are_shown(self):
        msg = describe_missing(
            "The talks failed on Monday. Both sides left.", "The talks  \u2018stalled\u2019 on Monday."
        )
        assert msg.endswith("nearest passage (0..27): The talks [-failed-]{+\u2018stalled\u2019+} on Monday.")

    def test_typography_is_not_marked(self):
        msg = describe_missing("He said \u201cno\u201d to the plan today.", 'He said "no" to the plan yesterday')
        assert "\u201cno\u201d to the plan [-today.-]{+yesterday+}" in msg

    def test_nothing_like_it(self):
        assert describe_missing(self.TEXT, "quantum chromodynamics").endswith("nor does any passage like it")


class TestBuilder:
    def test_typographic_quote_is_located_and_stored_as_the_source(self):
        b = MapBuilder(source=Source("He said: \u201cWe\u2019ll see \u2014 maybe.\u201d"))
        b.claim("Maybe", quote='"We\'ll see -- maybe."')
        assert b.build().claims[0].quote == Quote("\u201cWe\u2019ll see \u2014 maybe.\u201d", 9, 29)

    def test_missing_quote_names_the_claim_the_whole_quote_and_the_passage(self):
        b = MapBuilder(source=Source("The canteen closes at one. It opens at nine."))
        quote = "The canteen shuts at one"
        b.claim("Early", quote=quote, id="early")
        with pytest.raises(ValidationError) as e:
            b.build()
        (p,) = e.value.problems
        assert (p.id, p.code) == ("early", "quote-not-in-source")
        assert repr(quote) in p.message and "[-closes-]{+shuts+}" in p.message


def _stripped(m: ArgumentMap) -> dict:
    """The seed map as JSON with no source and no spans, its quotes retyped."""
    d = json.loads(argmap.dumps(m))
    d.pop("source")
    for c in d["claims"]:
        q = c.get("quote")
        if q:
            del q["start"], q["end"]
            q["text"] = q["text"].replace("'", "\u2019").replace(" ", "\n", 1).replace(" -- ", " \u2014 ")
    return d


class TestAttach:
    def test_json_map_without_spans(self, tmp_path):
        seed = _seed_map()
        path = tmp_path / "m.json"
        path.write_text(json.dumps(_stripped(seed)))
        m = argmap.load(path)
        assert m.source is None and all(c.quote is None or c.quote.start is None for c in m.claims)
        attached = attach(m, Source.from_file(ARTICLE))
        assert attached.claims == seed.claims and attached.source == Source.from_file(ARTICLE)

    def test_aif_map_without_spans(self):
        seed = _seed_map()
        d = json.loads(aif.dumps(seed))
        del d["argmap"]["source"]
        for node in d["nodes"]:
            q = node.get("argmap", {}).get("quote")
            if q:
                del q["start"], q["end"]
                q["text"] = q["text"].replace("'", "\u2019")
        m = aif.loads(json.dumps(d))
        attached = attach(m, ARTICLE.read_text())
        assert [c.quote for c in attached.claims] == [seed.claim(c.id).quote for c in attached.claims]

    def test_every_missing_quote_reported(self):
        m = ArgumentMap(
            [
                Claim("a", "A", quote=Quote("not here")),
                Claim("b", "B", quote=Quote("calm")),
                Claim("c", "C", quote=Quote("nor this")),
            ],
            [Relation("r", Kind.SUPPORT, ("b",), "a")],
        )
        with pytest.raises(ValidationError) as e:
            attach(m, "Tea is calm.")
        assert [(p.id, p.code) for p in e.value.problems] == [
            ("a", "quote-not-in-source"),
            ("c", "quote-not-in-source"),
        ]

    def test_spans_into_another_text_are_relocated(self):
        m = ArgumentMap([Claim("a", "A", quote=Quote("calm", 0, 4))], source=Source("calm"))
        assert attach(m, Source("Tea is calm.")).claim("a").quote == Quote("calm", 7, 11)

    def test_locate_quotes_reports_ambiguity(self):
        m = ArgumentMap([Claim("a", "A", quote=Quote("calm"))])
        located, problems = locate_quotes(m, "calm, calm")
        assert located.source is None and located.claim("a").quote == Quote("calm", 0, 4)
        assert [(p.id, p.code) for p in problems] == [("a", "quote-ambiguous")]

    def test_not_a_source(self):
        with pytest.raises(argmap.ArgmapError, match="a source is a Source or a str, not int"):
            attach(ArgumentMap([]), 3)  # type: ignore[arg-type]  # (the error is what is tested)


class TestCommands:
    @pytest.fixture
    def stripped(self, tmp_path):
        path = tmp_path / "m.json"
        path.write_text(json.dumps(_stripped(_seed_map())))
        return path

    def test_check_source_locates_and_reports_coverage(self, stripped, capsys):
        assert main(["check", str(stripped), "--source", str(ARTICLE)]) == 0
        out, err = capsys.readouterr()
        assert err == ""  # no quote-loose warnings: typography is forgiven
        assert "30 of 31 sentences (96.8%)" in out

    def test_check_source_names_a_missing_quote(self, stripped, tmp_path, capsys):
        edited = tmp_path / "edited.txt"
        edited.write_text(ARTICLE.read_text().replace("Assad needs to focus", "Assad has to focus"))
        assert main(["check", str(stripped), "--source", str(edited)]) == 1
        err = capsys.readouterr().err
        (line,) = err.splitlines()
        assert line.startswith(f"{stripped}: error: hold-cities: quote 'Assad\\nneeds to focus")
        assert "Assad [-has-]{+needs+} to focus" in line and line.endswith("[quote-missing]")

    def test_check_source_ambiguous_is_a_warning(self, tmp_path, capsys):
        path = tmp_path / "m.json"
        argmap.dump(ArgumentMap([Claim("a", "Calm", quote=Quote("calm"))]), path)
        article = tmp_path / "a.txt"
        article.write_text("calm, calm.")
        assert main(["check", str(path), "--source", str(article)]) == 0
        assert "warning: a: quote occurs 2 times" in capsys.readouterr().err
        assert main(["check", str(path), "--source", str(article), "--strict"]) == 1

    def test_report_source(self, stripped, tmp_path, capsys):
        out = tmp_path / "r.html"
        assert main(["report", str(stripped), "--source", str(ARTICLE), "-o", str(out)]) == 0
        assert "coverage: 30 of 31 sentences (96.8%)" in capsys.readouterr().out
        page = out.read_text()
        assert "has failed to dismantle the group" in page

    def test_report_source_missing_quote(self, stripped, tmp_path, capsys):
        edited = tmp_path / "edited.txt"
        edited.write_text(ARTICLE.read_text().replace("Assad needs to focus", "Assad has to focus"))
        out = tmp_path / "r.html"
        assert main(["report", str(stripped), "--source", str(edited), "-o", str(out)]) == 1
        assert "hold-cities: quote 'Assad\\nneeds" in capsys.readouterr().err
        assert not out.exists()
