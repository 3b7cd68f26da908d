"""Many quotes in one source: the word-start index (argmap._text_search) and
the view's segments (argmap._text_normal) give the answers a plain search of
the whole text gave, only sooner."""

from __future__ import annotations

import unicodedata
from array import array

from hypothesis import given
from hypothesis import strategies as st

from argmap import _text_normal
from argmap._text_normal import DROPPED, _cluster_end, normalize, normalize_quote

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
        pos = b
    if pos < len(text):
        chunk = text[pos:]
        k = 1 if chunk[0] == last and last in " -" else 0
        if k:
            ends[-1] = pos + 1
        out.append(chunk[k:])
        starts.extend(range(pos + k, len(text)))
        ends.extend(range(pos + k + 1, len(text) + 1))
    return "".join(out), list(starts), list(ends)


# Pieces of typeset and typed text: whitespace of every kind, quote marks,
# dashes, ellipses, dropped characters, combining marks (also where they
# follow a space or a dash), compatibility characters.
PIECES = [
    "word", "Assad", "talks", "42", "a", " ", "  ", "\n", "\t", " \n ", "\u00a0", "\u2009",
    '"', "\u201c", "\u201d", "'", "\u2019", "`", "-", "--", "\u2014", "\u2013", "...", "\u2026", ".",
    "\u00ad", "\u200b", "e\u0301", "\u00e9", "\u0301", " \u0301", "-\u0308", "\ufb01", "fi", "\u00a8", "\u2474",
]  # fmt: skip


@st.composite
def texts(draw: st.DrawFn) -> str:
    """A text of pieces, with passages repeated (so quotes are ambiguous)."""
    parts = draw(st.lists(st.sampled_from(PIECES), min_size=1, max_size=60))
    for _ in range(draw(st.integers(0, 3))):
        i = draw(st.integers(0, len(parts) - 1))
        j = draw(st.integers(i, len(parts)))
        parts[j:j] = parts[i:j]
    return "".join(parts)


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
