"""Many quotes in one source: the word-start index (argmap._text_search) and
the view's segments (argmap._text_normal) give the answers a plain search of
the whole text gave, only sooner."""

from __future__ import annotations

import random
import unicodedata
from array import array
from collections.abc import Callable, Iterator

import pytest
from _guards import hang_guard
from hypothesis import given
from hypothesis import strategies as st

from argmap import MapBuilder, Quote, Source, ValidationError, _text_normal, _text_search, source
from argmap._text_normal import DROPPED, _cluster_end, normalize, normalize_quote
from argmap._text_search import KEY, REREADS, Finder, all_starts, finder
from argmap.source import find_quote, locate, quote_span

# --------------------------------------------------------------------------
# The normalised view as it was written before its spans became segments:
# one start and one end for each character.  The segments must give the same.


def _reference_view(text: str) -> tuple[str, list[int], list[int]]:
    out: list[str] = []
    starts: array[int] = array("q")
    ends: array[int] = array("q")
    last = ""

    def emit(chars: str, start: int, end: int) -> None:
        nonlocal last
        for c in chars:
            if c in DROPPED:
                continue
            ch = " " if c.isspace() else _text_normal._MAP.get(c, c)
            if ch == last and ch in " -":
                ends[-1] = end
                continue
            out.append(ch)
            starts.append(start)
            ends.append(end)
            last = ch

    pos = 0
    for m in _text_normal._SPECIAL.finditer(text):
        a, b = m.span()
        if b <= pos:  # marks that the last character before took
            continue
        a = max(a, pos)
        if a > pos:
            chunk = text[pos:a]
            k = 1 if chunk[0] == last and last in " -" else 0
            if k:
                ends[-1] = pos + 1
            out.append(chunk[k:])
            starts.extend(range(pos + k, a))
            ends.extend(range(pos + k + 1, a + 1))
            last = chunk[-1] if len(chunk) > k else last
        i = a
        while i < b:
            ch = text[i]
            j = _cluster_end(text, i)
            if j == i + 1 and (ch.isascii() or ch.isspace() or ch in _text_normal._MAP or ch in DROPPED):
                emit(ch, i, j)
            else:
                cluster = "".join(c for c in text[i:j] if c not in DROPPED)
                emit(unicodedata.normalize("NFKC", cluster), i, j)
            i = j
        pos = i  # (past b when the last character's marks reach further)
    if pos < len(text):
        chunk = text[pos:]
        k = 1 if chunk[0] == last and last in " -" else 0
        if k:
            ends[-1] = pos + 1
        out.append(chunk[k:])
        starts.extend(range(pos + k, len(text)))
        ends.extend(range(pos + k + 1, len(text) + 1))
    return "".join(out), list(starts), list(ends)


def _plain_locate(text: str, quote: str) -> tuple[tuple[tuple[int, int], ...], bool]:
    """locate()'s spans and exactness by plain searches of the reference view."""
    if not quote or not quote.strip():
        return (), True
    hits = all_starts(text, quote)
    if hits:
        return tuple((i, i + len(quote)) for i in hits), True
    needle = _reference_view(quote)[0].strip(" ")
    if not needle:
        return (), True
    view, starts, ends = _reference_view(text)
    spans = {(starts[i], ends[i + len(needle) - 1]): None for i in all_starts(view, needle)}
    return tuple(spans), False


KEYS = [1, 2, 3, KEY]  # (short keys: most needles have anchors, most keys many word starts)


def _indexed(key: int) -> Callable[[str], Finder]:
    """``finder`` with the index built at once, filing *key* characters."""
    made: dict[str, Finder] = {}

    def finder(text: str) -> Finder:
        if text not in made:
            made[text] = Finder(text, key=key)
            made[text].build()
        return made[text]

    return finder


# Pieces of typeset and typed text: whitespace of every kind, quote marks,
# dashes, ellipses, dropped characters, combining marks (also where they
# follow a space or a dash), compatibility characters, other scripts (whose
# letters mostly stand for themselves).
PIECES = [
    "word", "Assad", "talks", "42", "a", " ", "  ", "\n", "\t", " \n ", "\u00a0", "\u2009",
    '"', "\u201c", "\u201d", "'", "\u2019", "`", "-", "--", "\u2014", "\u2013", "...", "\u2026", ".",
    "\u00ad", "\u200b", "e\u0301", "\u00e9", "\u0301", " \u0301", "-\u0308", "\ufb01", "fi", "\u00a8", "\u2474",
    "\u0441\u043b\u043e\u0432\u043e", "\u0438\u0306", "\u4e2d\u6587", "\u1100\u1161", "\u2126", "\u00c5\u00ad\u0301",
]  # fmt: skip


SPACES = [" ", " ", " ", "  ", "\n", "\t", " \n ", "\u00a0", "\u2009", " \u0301"]


@st.composite
def texts(draw: st.DrawFn) -> str:
    """A text of pieces, mostly words between spaces, with passages repeated
    (so quotes are ambiguous and their keys stand at many word starts)."""
    parts = draw(st.lists(st.sampled_from(PIECES), min_size=1, max_size=40))
    parts = [p for part in parts for p in (part, draw(st.sampled_from(["", *SPACES])))]
    for _ in range(draw(st.integers(0, 3))):
        i = draw(st.integers(0, len(parts) - 1))
        j = draw(st.integers(i, len(parts)))
        parts[j:j] = parts[i:j]
    return "".join(parts)


@st.composite
def anchored(draw: st.DrawFn, key: int) -> tuple[str, str]:
    """A text of words between spaces and a slice of it that holds a word
    start with *key* characters after it: a needle the index answers."""
    words = draw(st.lists(st.sampled_from(PIECES), min_size=2, max_size=30))
    text = "".join(w + draw(st.sampled_from(SPACES)) for w in words)
    for _ in range(draw(st.integers(0, 3))):  # (repeated passages)
        i = draw(st.integers(0, len(text) - 1))
        j = draw(st.integers(i, len(text)))
        text = text[:j] + text[i:j] + text[j:]
    starts = [k for k in range(1, len(text) - key + 1) if text[k - 1].isspace() and not text[k].isspace()]
    if not starts:
        text += " " + "z" * key
        starts = [len(text) - key]
    w = draw(st.sampled_from(starts))
    i = draw(st.integers(max(0, w - 8), w - 1))
    j = draw(st.integers(w + key, min(len(text), w + key + 40)))
    return text, text[i:j]


_TYPED = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2019": "'", "\u00a0": " ", "\u00ad": None})


@st.composite
def texts_and_quotes(draw: st.DrawFn) -> tuple[str, str]:
    """A text and a quote: a slice of it (often from a word start), maybe
    typed otherwise, or any text."""
    text = draw(st.one_of(texts(), texts(), st.text(max_size=80)))
    kind = draw(st.sampled_from(["slice", "typed", "phrase", "typed phrase", "other"]))
    if kind.endswith("phrase"):
        text, quote = draw(anchored(KEY))
        return text, _typed(quote) if kind == "typed phrase" else quote
    if kind == "other" or not text:
        return text, draw(st.one_of(texts(), st.text(max_size=20)))
    starts = [k for k in range(1, len(text)) if text[k - 1].isspace() and not text[k].isspace()]
    from_a_word = bool(starts) and draw(st.booleans())
    i = draw(st.sampled_from(starts)) if from_a_word else draw(st.integers(0, len(text) - 1))
    j = draw(st.integers(i + 1, len(text)))
    quote = text[i:j]
    return text, _typed(quote) if kind == "typed" else quote


def _typed(quote: str) -> str:
    """*quote* as it might be typed: straight quotes, ``--``, ``...``, composed accents."""
    return unicodedata.normalize("NFC", quote.translate(_TYPED)).replace("\u2014", "--").replace("\u2026", "...")


class TestView:
    @given(st.one_of(texts(), st.text(max_size=60)))
    def test_segments_give_every_span_the_reference_gave(self, text):
        view = normalize(text)
        ref_text, ref_starts, ref_ends = _reference_view(text)
        assert view.text == ref_text
        assert view.starts == ref_starts and view.ends == ref_ends
        n = len(view.text)
        for i in range(n):
            for j in (i + 1, n):
                assert view.span(i, j) == (ref_starts[i], ref_ends[j - 1])

    @given(st.one_of(texts(), st.text(max_size=60)))
    def test_a_quote_is_normalised_as_before(self, quote):
        assert normalize_quote(quote) == _reference_view(quote)[0].strip(" ")

    def test_a_combining_mark_after_a_run_of_spaces(self):
        # (the cluster of the last space reaches past the run: the one case the
        # view works out character by character)
        text = "a  \u0301b \u2014\u0308c"
        view = normalize(text)
        assert (view.text, view.starts, view.ends) == _reference_view(text)

    def test_plain_text_is_one_segment(self):
        view = normalize("Plain words, one run of them.")
        assert len(view._firsts) == 1

    def test_letters_of_other_scripts_are_runs_and_long_pieces_are_not_kept(self):
        text = "\u4e2d\u6587" * 5000 + " \u0441\u043b\u043e\u0432\u043e" * 1000
        view = normalize(text)
        assert view.text == text and len(view._firsts) <= 1 + 2 * 1000  # (a run, and a space and a run a word)
        assert view.span(3, 10_004) == (3, 10_004)
        assert max(map(len, _text_normal._TEMPLATES), default=0) <= _text_normal._MAX_PIECE


class TestFinder:
    @given(st.one_of(texts(), st.text(max_size=80)), st.sampled_from(KEYS), st.data())
    def test_indexed_answers_are_a_plain_search(self, text, key, data):
        needle = data.draw(st.one_of(st.just(text), st.text(max_size=20), st.sampled_from(PIECES)))
        if text and data.draw(st.booleans()):
            i = data.draw(st.integers(0, len(text) - 1))
            needle = text[i : data.draw(st.integers(i, len(text)))]
        f = Finder(text, key=key)
        f.build()
        assert f.all(needle) == all_starts(text, needle)
        assert f.first(needle) == text.find(needle)

    @given(st.sampled_from(KEYS).flatmap(lambda key: st.tuples(st.just(key), anchored(key))))
    def test_a_needle_with_an_anchor_is_answered_by_the_index(self, case):
        key, (text, needle) = case
        f = Finder(text, key=key)
        f.build()
        assert f._candidates(needle) is not None  # (the index answers)
        hits = f.all(needle)
        assert hits == all_starts(text, needle) and hits
        assert f.first(needle) == text.find(needle)
        other = needle.replace(needle[-1], "\u2603")  # (a needle that may be nowhere)
        assert f.all(other) == all_starts(text, other) and f.first(other) == text.find(other)

    @given(st.integers(1, 6), st.integers(1, 40), st.sampled_from([" ", "\n", " \t", "\u00a0"]))
    def test_periodic_text_every_overlapping_occurrence(self, period, times, gap):
        unit = "ab" * period + gap
        text = unit * times
        needle = unit * 3 + "ab"
        f = Finder(text)
        f.build()
        assert f.all(needle) == all_starts(text, needle) and f.first(needle) == text.find(needle)

    def test_an_occurrence_inside_a_word(self):
        text = "the metropolitan area, politan areas and more"
        f = Finder(text)
        f.build()
        assert f.all("politan area") == all_starts(text, "politan area") == [9, 23]

    def test_a_needle_without_an_anchor_is_searched_for(self):
        f = Finder("one two three one two three")
        f.build()
        assert f.all("one") == [0, 14] and f.first("two thre") == 4  # (no whitespace with 8 characters after it)

    def test_too_many_candidates_are_not_checked(self):
        text = "a " * 500_000
        needle = "a " * 1_000 + "a"  # (it stands at every other character)
        f = Finder(text)
        f.build()
        assert f._candidates(needle) is None  # (500,000 candidates, each checked over 2,001 characters)
        with hang_guard(30):  # (about 0.1 s)
            assert f.all(needle) == list(range(0, 998_000, 2))
            assert all(f.first(needle[1:] + "b") == -1 for _ in range(100))

    def test_a_key_the_text_lacks_means_no_occurrence(self):
        f = Finder("The canteen closes at one.")
        f.build()
        assert f.all("The canteen shuts at one.") == [] and f.first("canteen shuts at one") == -1

    def test_index_is_built_once_the_text_is_read_often(self):
        text = "x " * 1000
        f = Finder(text)
        for _ in range(REREADS):
            assert f.first("y z") == -1
        assert f._index is None
        f.first("y z")
        assert f._index is not None

    def test_a_few_lookups_build_nothing(self):
        f = finder("a b c " * 1000 + "the end")
        f.all("the end")
        assert f._index is None


class TestLocateIndexed:
    @given(texts_and_quotes(), st.sampled_from(KEYS))
    def test_locate_gives_the_plain_answer(self, case, key):
        text, quote = case
        plain = _plain_locate(text, quote)
        found = locate(text, quote)
        assert (found.spans, found.exact) == plain
        first = plain[0][0] if plain[0] else None
        expected = None if first is None else Quote(text[first[0] : first[1]], *first)
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(source, "finder", _indexed(key))
            found = locate(text, quote)
            assert (found.spans, found.exact) == plain
            assert quote_span(Quote(quote), text) == first
            assert find_quote(text, quote) == expected

    @given(texts_and_quotes(), st.sampled_from(KEYS))
    def test_the_builder_places_a_quote_where_it_did(self, case, key):
        text, quote = case
        b = MapBuilder(source=Source(text))
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(source, "finder", _indexed(key))
            b.claim("C", quote=quote, id="c")
        # (before: the first exact occurrence, blank quotes too, else the first forgiving one)
        i = text.find(quote) if quote else -1
        if i >= 0:
            expected = Quote(quote, i, i + len(quote))
        else:
            spans = _plain_locate(text, quote)[0]
            expected = Quote(text[spans[0][0] : spans[0][1]], *spans[0]) if spans else None
        if expected is None:
            with pytest.raises(ValidationError, match="does not occur in the source"):
                b.build()
        else:
            assert b.build().claim("c").quote == expected

    def test_the_first_of_repeated_passages(self):
        text = "He said \u201cit is over\u201d. Later: \u201cit is over\u201d. Then \u201cit is over\u201d."
        finder(text).build()
        finder(normalize(text).text).build()
        assert locate(text, '"it is over"').spans == ((8, 20), (29, 41), (48, 60))
        assert find_quote(text, '"it is over"') == Quote("\u201cit is over\u201d", 8, 20)


# --------------------------------------------------------------------------
# Many quotes


def _sentences(n: int, seed: int = 1) -> Iterator[str]:
    """Typeset sentences, each unique (a numbered word), as an article has them."""
    rnd = random.Random(seed)
    words = "the coalition strikes government forces rebels city north border aid civilians report".split()
    for k in range(n):
        ws = [rnd.choice(words) for _ in range(rnd.randint(8, 20))] + [f"n{k}"]
        rnd.shuffle(ws)
        i = rnd.randrange(len(ws))
        ws[i] = rnd.choice([f"\u201c{ws[i]}\u201d", f"{ws[i]}\u2019s", f"{ws[i]} \u2014", f"cafe\u0301 {ws[i]}"])
        yield " ".join(ws).capitalize() + (".\n" if k % 7 == 6 else ". ")


def _typed_sentence(sentence: str) -> str:
    typed = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2019": "'"})
    return " ".join(unicodedata.normalize("NFC", sentence.translate(typed)).replace("\u2014", "--").split())


class _Counted(str):
    """A text that counts how many times over plain searches read it."""

    reads = 0.0

    def find(self, needle, *args):
        i = super().find(needle, *args)
        _Counted.reads += 1 if i < 0 else (i + len(needle)) / len(self)
        return i


class TestManyQuotes:
    def test_the_source_is_read_a_bounded_number_of_times(self, monkeypatch):
        sentences = list(_sentences(3000))
        text = _Counted("".join(sentences))

        def counted(haystack, needle):
            _Counted.reads += 1  # (the whole haystack: the text or its view)
            return all_starts(haystack, needle)

        monkeypatch.setattr(_text_search, "all_starts", counted)
        quotes = [s.strip() if k % 2 else _typed_sentence(s) for k, s in enumerate(sentences)]
        random.Random(2).shuffle(quotes)
        _Counted.reads = 0
        assert all(find_quote(text, q) is not None for q in quotes)
        assert all(locate(text, q).found for q in quotes)
        # (a plain search for each quote: the text or its view read thousands of times over)
        assert _Counted.reads <= 2 * (REREADS + 1)
        assert finder(text)._index is not None and finder(normalize(text).text)._index is not None

    def test_every_sentence_quoted_in_document_order_and_shuffled(self):
        sentences = list(_sentences(10_000))
        text = "".join(sentences)
        starts = [0]
        for s in sentences:
            starts.append(starts[-1] + len(s))
        order = list(range(len(sentences)))
        for shuffle in (False, True):
            if shuffle:
                random.Random(3).shuffle(order)
            b = MapBuilder(source=Source(text))
            with hang_guard(120):  # (about 1 s; 4 s when each quote was a plain search of the text)
                for k in order:
                    quote = sentences[k].strip() if k % 2 else _typed_sentence(sentences[k])
                    b.claim(f"Claim {k}", quote=quote, id=f"c{k}")
                m = b.build()
            for k in order[:500]:
                q = m.claim(f"c{k}").quote
                assert q is not None and q.start == starts[k] and q.text == sentences[k].strip()
