r"""Fidelity to the source: sentences, quote location and coverage.

A map that carries a :class:`~argmap.model.Source` ties each claim to the
words of the text it comes from.  This module answers three questions about
that tie:

* Where are the sentences of the text?  :func:`sentences` splits it (news
  prose: "U.N." and "U.S." do not end a sentence, nor do the dots of
  "3,200,000"; a closing quote mark stays with its sentence; a line without
  end punctuation, such as a section heading, is a sentence of its own marked
  ``heading``).
* Where does a quote occur?  :func:`locate` looks for the exact text first,
  then for the same words with any whitespace and any quote marks (straight
  or curly, single or double), and reports every span it matched, so an
  ambiguous quote is visible.  :func:`nearest` gives the passage most like a
  quote that does not occur at all, as a hint.
* How much of the text does the map cover?  :func:`coverage` tells which
  sentences each claim quotes, which sentences no claim quotes, and the share
  of the sentences and of their characters that the quotes reach.

>>> from argmap import MapBuilder, Source
>>> text = 'The U.N. met on Monday. It said: "Talks failed." Over 3,200,000 fled.'
>>> [s.text for s in sentences(text)]
['The U.N. met on Monday.', 'It said: "Talks failed."', 'Over 3,200,000 fled.']
>>> locate(text, "It said:  “Talks failed.”")
Match(quote='It said:  “Talks failed.”', spans=((24, 48),), exact=False)
>>> b = MapBuilder(source=Source(text))
>>> _ = b.claim("Talks failed", quote="Talks failed")
>>> cov = coverage(b.build())
>>> [s.index for s in cov.uncovered], f"{cov.sentence_share:.0%}"
([0, 2], '33%')
"""

from __future__ import annotations

import functools
import heapq
import itertools
import operator
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Union

import attrs

from argmap.model import _SURROGATE, Quote, Source

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

__all__ = [
    "MAX_HINT_WORDS",
    "MIN_HINT",
    "Coverage",
    "Match",
    "QuoteCheck",
    "Sentence",
    "check_quotes",
    "coverage",
    "locate",
    "nearest",
    "sentences",
]

Text = Union[Source, str]


def _text(source: Text) -> str:
    return source.text if isinstance(source, Source) else source


# --------------------------------------------------------------------------
# Sentences


@attrs.frozen
class Sentence:
    """One sentence of a text: its position ``index``, its span
    ``[start, end)`` and its text.  ``heading`` marks a line without end
    punctuation (a title or section heading), which coverage leaves out."""

    index: int
    start: int
    end: int
    text: str
    heading: bool = False


# Words after which a full stop does not end the sentence (compared without
# the dot, case-insensitively).  Dotted initials ("U.S.", "e.g.") and single
# capitals ("J. Smith") are recognised by shape instead.
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sr jr st mt ft rev gen col lt sgt capt cmdr adm gov sen rep pres
    vs etc al inc ltd co corp dept univ approx est no nos vol fig figs ca cf
    jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)

# Words that, after dotted initials such as "U.S.", show that a new sentence
# starts ("... the U.S. The next day ...") where a name would not ("the U.S.
# Army").
_STARTERS = frozenset(
    """a an the this that these those it its he she they we i you there here but and or so
    yet however in on at for after before when while if as since meanwhile thus then
    still also although though many some most all one no""".split()
)

# A candidate end: a whole run of end punctuation, closing quotes or
# brackets, then space.  The look-behind and the possessive quantifiers keep
# the scan linear: a run is tried once, from its first character, and never
# backtracked into (without them, a run of n dots before a letter costs n^2).
_END = re.compile(r"""(?<![.!?])[.!?]++['"’”)\]]*+(?=\s|$)""")
# The characters of the word before a full stop ("U.S.", "it's", "p.m."),
# scanned backwards from the stop, at most _WORD_REACH of them.
_WORD_CHARS = re.compile(r"[\w.'’-]")
_WORD_REACH = 80
_DOTTED = re.compile(r"(?:[A-Za-z]\.){2,}$")
_LINE_END = re.compile(r"""[.!?:;]['"’”)\]]*$""")


def sentences(source: Text) -> tuple[Sentence, ...]:
    """The sentences of *source* (a :class:`~argmap.model.Source` or a
    string), in order, without surrounding whitespace.

    A blank line always ends a sentence, and so does a line break after end
    punctuation or before a capital letter (a heading above its paragraph);
    other line breaks (hard-wrapped text) do not.  The rules are written for
    English news prose: see ``ABBREVIATIONS``.

    >>> [s.text for s in sentences("Civilian suffering\\nMore fundamentally, it failed. Mr. Obama agreed.")]
    ['Civilian suffering', 'More fundamentally, it failed.', 'Mr. Obama agreed.']
    >>> [s.text for s in sentences("Aid reached the U.S. The U.S. Army left. It was 9 p.m. when")]
    ['Aid reached the U.S.', 'The U.S. Army left.', 'It was 9 p.m. when']
    """
    return _sentences(_text(source))


@functools.lru_cache(maxsize=8)
def _sentences(text: str) -> tuple[Sentence, ...]:
    out: list[Sentence] = []
    for block_start, block_end in _blocks(text):
        start = block_start
        block = text[block_start:block_end]
        for m in _END.finditer(block):
            end = block_start + m.end()
            if end >= block_end or _ends_sentence(text, block_start + m.start(), end, block_end):
                _add(out, text, start, end)
                start = end
        _add(out, text, start, block_end)
    return tuple(out)


def _blocks(text: str) -> list[tuple[int, int]]:
    """Spans of *text* that no sentence crosses: split at blank lines and
    at the line breaks that end a sentence or a heading."""
    blocks = []
    start = 0
    lines = text.split("\n")
    pos = 0
    for i, line in enumerate(lines):
        end = pos + len(line)
        nxt = lines[i + 1].lstrip() if i + 1 < len(lines) else ""
        here = line.rstrip()
        if (
            i + 1 == len(lines)
            or not here.strip()
            or not nxt
            or _LINE_END.search(here)
            or (nxt[:1].isupper() and not here.endswith((",", "-", "--")))
        ):
            blocks.append((start, end))
            start = end + 1
        pos = end + 1
    return blocks


def _ends_sentence(text: str, dot: int, end: int, block_end: int) -> bool:
    """Whether the punctuation at ``text[dot:end]`` ends a sentence."""
    j = end
    while j < block_end and text[j].isspace():
        j += 1
    if j >= block_end:
        return True
    after = text[j : min(j + 40, block_end)]
    if text[dot] != "." or text[end - 1] != ".":
        return after[0].isupper() or after[0] in "\"'“‘([" or after[0].isdigit()
    word = _word_before(text, end)
    next_word = re.match(r"[\"'“‘(]?(\w+)", after)
    nxt = next_word.group(1) if next_word else ""
    if not (after[0].isupper() or after[0] in "\"'“‘(" or after[0].isdigit()):
        return False  # "e.g. this", "3 p.m. when"
    bare = word.rstrip(".")
    if _DOTTED.search(word):  # "U.S." : a sentence ends only before a typical first word
        return nxt.lower() in _STARTERS
    if bare.lower() in ABBREVIATIONS:
        return False
    if len(bare) == 1 and bare.isupper():  # an initial: "J. Smith"
        return False
    return True


def _word_before(text: str, end: int) -> str:
    """The word that ends at *end* (letters, digits, dots, apostrophes and
    hyphens), at most ``_WORD_REACH`` characters long.  The words before two
    candidate ends never overlap (an end is followed by space), so all the
    scans together read the text once."""
    i = end
    lo = max(0, end - _WORD_REACH)
    is_word = _WORD_CHARS.match
    while i > lo and is_word(text, i - 1):
        i -= 1
    return text[i:end]


def _add(out: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        body = text[start:end]
        heading = "\n" not in body and not _LINE_END.search(body) and len(body.split()) <= 12
        out.append(Sentence(len(out), start, end, body, heading))


# --------------------------------------------------------------------------
# Locating quotes

_QUOTE_MARKS = str.maketrans({c: '"' for c in "“”„‟«»″"} | {c: "'" for c in "‘’‚‛′`´"})


@functools.lru_cache(maxsize=8)  # a map's quotes are all looked up in one text
def _normalize(text: str) -> tuple[str, list[int]]:
    """*text* with quote marks made straight and whitespace runs made one
    space, and for each character of the result its index in *text*."""
    chars: list[str] = []
    where: list[int] = []
    space = False
    for i, ch in enumerate(text.translate(_QUOTE_MARKS)):
        if ch.isspace():
            if not space:
                chars.append(" ")
                where.append(i)
            space = True
        else:
            chars.append(ch)
            where.append(i)
            space = False
    return "".join(chars), where


@attrs.frozen
class Match:
    """Where a quote occurs: every span that matched, in text order.

    ``exact`` says whether the spans are exact occurrences (else they match
    only when whitespace and quote marks are ignored).  No span: not found;
    several: ambiguous."""

    quote: str
    spans: tuple[tuple[int, int], ...]
    exact: bool

    @property
    def found(self) -> bool:
        return bool(self.spans)

    @property
    def ambiguous(self) -> bool:
        return len(self.spans) > 1

    @property
    def span(self) -> tuple[int, int] | None:
        """The first span, or None."""
        return self.spans[0] if self.spans else None


def _all(haystack: str, needle: str) -> list[int]:
    """Every start of *needle* in *haystack*, overlapping ones included, in
    time linear in the haystack plus the answer.

    Searching again from each start + 1 re-reads the whole needle for every
    overlapping occurrence ("a" * 1000 in a megabyte of "a": 4 s).  Once two
    occurrences overlap, the needle's smallest period p is known to matter:
    the next occurrence is then p further on (checked by reading p new
    characters), or, failing that, further than len(needle) - p on."""
    out: list[int] = []
    m = len(needle)
    i = haystack.find(needle)
    period = 0
    while i >= 0:
        out.append(i)
        if period:
            if haystack.startswith(needle[m - period :], i + m):
                i += period
                continue
            i = haystack.find(needle, i + m - period + 1)
            continue
        j = haystack.find(needle, i + 1)
        if 0 <= j < i + m:  # overlapping occurrences: the needle is periodic
            period = _period(needle)
        i = j
    return out


def _period(word: str) -> int:
    """The smallest period of *word* (Knuth-Morris-Pratt's failure function)."""
    fail = [0] * len(word)
    k = 0
    for i in range(1, len(word)):
        while k and word[i] != word[k]:
            k = fail[k - 1]
        if word[i] == word[k]:
            k += 1
        fail[i] = k
    return len(word) - fail[-1]


def locate(source: Text, quote: str) -> Match:
    """Find *quote* in *source*: exactly, else ignoring whitespace and quote
    marks.

    >>> locate("a b a b", "a b").spans
    ((0, 3), (4, 7))
    >>> locate("He said “no”.", 'said "no"')
    Match(quote='said "no"', spans=((3, 12),), exact=False)
    >>> locate("abc", "xyz").found
    False
    """
    text = _text(source)
    if not quote or not quote.strip():
        return Match(quote, (), True)
    hits = _all(text, quote)
    if hits:
        return Match(quote, tuple((i, i + len(quote)) for i in hits), True)
    norm_text, where = _normalize(text)
    norm_quote = _normalize.__wrapped__(quote.strip())[0]  # (quotes stay out of the cache)
    spans = []
    for i in _all(norm_text, norm_quote):
        j = i + len(norm_quote) - 1
        spans.append((where[i], where[j] + 1))
    return Match(quote, tuple(spans), False)


_WORDS = re.compile(r"\w+")

#: How well a passage must match a quote to be offered as a hint: this share
#: of the score of an exact copy (at least half the quote's words, when the
#: passage has no words of its own between them).
MIN_HINT = 0.5

# The score of a passage against a quote is that of their best word alignment
# (words compared in lower case, in order): +4 for a word matched exactly, +2
# for a word matched with a typo (see _typo), -1 for each word of the passage
# left unmatched.  Quote words left unmatched cost nothing: they are what the
# hint shows as different.
_EXACT, _TYPO, _GAP = 4, 2, 1
_TYPO_MIN, _TYPO_MAX = 4, 24  # shorter and longer words are compared exactly only

# Work bounds of the search (see nearest).  Below _EXACT_CELLS alignment
# cells the whole text is aligned.  Above, the quote's words and word pairs
# vote, rarest first, until _VOTES votes are cast (a word or pair over the
# whole budget is sampled, and only when nothing rarer voted); the _SHORTLIST
# best-voted places are ranked by how many of the quote's words they hold,
# and the best _CANDIDATES of them are aligned in a band of +-drift words.
_EXACT_CELLS = 40_000
_VOTES = 1_024
_SHORTLIST = 64
_CANDIDATES = 4
_DRIFT_MIN, _DRIFT_MAX = 4, 32
_TYPO_FANOUT = 16  # words of the text tried as typos of one quote word
#: The words of a quote that :func:`nearest` aligns: a longer quote's hint is
#: the passage most like its first ``MAX_HINT_WORDS`` words.
MAX_HINT_WORDS = 2_000


def _deletions(word: str) -> set[str]:
    return {word, *(word[:k] + word[k + 1 :] for k in range(len(word)))}


def _typo(a: str, b: str) -> bool:
    """Whether *a* and *b* differ by a typo: two words of ``_TYPO_MIN`` to
    ``_TYPO_MAX`` characters, not equal, that become equal when at most one
    character is deleted from each (one character wrong, missing or extra, or
    two neighbours swapped)."""
    return (
        a != b
        and _TYPO_MIN <= len(a) <= _TYPO_MAX
        and _TYPO_MIN <= len(b) <= _TYPO_MAX
        and not _deletions(a).isdisjoint(_deletions(b))
    )


def _weight(a: str, b: str) -> int:
    """The alignment score of quote word *a* against text word *b* (both in
    lower case): ``_EXACT``, ``_TYPO`` or 0."""
    return _EXACT if a == b else _TYPO if _typo(a, b) else 0


class _Index:
    """The words of one text, for :func:`nearest`: lower-case forms, their
    character spans, where each word and each pair of neighbouring words
    occurs, and (built on first use) the words one typo away."""

    def __init__(self, text: str):
        self.starts: list[int] = []
        self.ends: list[int] = []
        words: list[str] = []
        for m in _WORDS.finditer(text):
            words.append(m.group().lower())
            self.starts.append(m.start())
            self.ends.append(m.end())
        self.words = words
        postings: dict[str, list[int]] = {}
        for k, w in enumerate(words):
            postings.setdefault(w, []).append(k)
        self.postings = postings
        pairs: dict[str, list[int]] = {}
        for k in range(len(words) - 1):
            pairs.setdefault(f"{words[k]} {words[k + 1]}", []).append(k)
        self.pairs = pairs
        self._by_deletion: dict[str, list[str]] | None = None

    def matches(self, word: str) -> dict[str, int]:
        """The words of the text that quote word *word* matches, with their weight."""
        out = {word: _EXACT} if word in self.postings else {}
        if _TYPO_MIN <= len(word) <= _TYPO_MAX:
            if self._by_deletion is None:
                table: dict[str, list[str]] = {}
                for w in self.postings:  # (first-occurrence order: deterministic)
                    if _TYPO_MIN <= len(w) <= _TYPO_MAX:
                        for d in _deletions(w):
                            table.setdefault(d, []).append(w)
                self._by_deletion = table
            near: set[str] = set()
            for d in _deletions(word):
                near.update(self._by_deletion.get(d, ()))
            near.discard(word)
            for w in sorted(near)[:_TYPO_FANOUT]:
                out[w] = _TYPO
        return out


@functools.lru_cache(maxsize=4)  # a map's quotes are all compared with one text
def _index(text: str) -> _Index:
    return _Index(text)


def nearest(source: Text, quote: str) -> tuple[int, int] | None:
    """The span of the passage of *source* most like *quote*, from its first
    to its last matching word (with the quote marks, brackets and end
    punctuation around them), or None when no passage scores at least
    ``MIN_HINT`` of an exact copy.

    Words are compared in lower case and in order; a word matched exactly
    scores 4, a word with a typo 2 (``"goverment"`` for ``"government"``), and
    each word of the passage that matches nothing costs 1.  The passage with
    the best score wins; among equals, the shortest, then the first.

    >>> text = "Tea is good. Coffee is bitter and strong. Water."
    >>> s, e = nearest(text, "coffee is bitter")
    >>> text[s:e]
    'Coffee is bitter'
    >>> s, e = nearest(text, "Cofee is quite strong")
    >>> text[s:e]
    'Coffee is bitter and strong.'
    >>> nearest(text, "quantum chromodynamics") is None
    True

    The search stays near-linear on any input.  The text's words are indexed
    once (and cached); the quote's rarest words and word pairs vote for where
    it would start; the best-voted places are ranked by the quote words they
    hold, and only the few best are aligned word by word, within a band of a
    few words' drift.  A short text is aligned whole, so there the answer is
    the best passage of all; in a long one, a passage none of whose words or
    word pairs is among the quote's rarer ones may be missed.
    """
    text = _text(source)
    q = [m.group().lower() for m in itertools.islice(_WORDS.finditer(quote), MAX_HINT_WORDS)]
    if not q or not text:
        return None
    idx = _index(text)
    n, m = len(idx.words), len(q)
    if not n:
        return None
    known: dict[str, dict[str, int]] = {}
    wanted = [known[w] if w in known else known.setdefault(w, idx.matches(w)) for w in q]
    if not any(wanted):
        return None
    bands = [(-m, n)] if (n + m + 1) * m <= _EXACT_CELLS else _bands(idx, q, wanted)
    best: list = [None, 0, 0]  # key, first word, end word
    for dlo, dhi in bands:
        _align(wanted, idx.words, n, dlo, dhi, best)
    if best[0] is None or best[0][0] < MIN_HINT * _EXACT * m:
        return None
    return _widen(text, idx.starts[best[1]], idx.ends[best[2] - 1])


_OPENING = frozenset("\"'“‘([")
_CLOSING = frozenset(".!?\"'”’)]")


def _widen(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of words ``text[start:end]`` with the punctuation that opens
    and closes it (an opening quote mark, a full stop, a closing bracket),
    three characters at most on each side."""
    lo = max(0, start - 3)
    while start > lo and text[start - 1] in _OPENING:
        start -= 1
    hi = min(len(text), end + 3)
    while end < hi and text[end] in _CLOSING:
        end += 1
    return start, end


def _bands(idx: _Index, q: list[str], wanted: list[dict[str, int]]) -> list[tuple[int, int]]:
    """The diagonal bands (ranges of text word index minus quote word index)
    worth aligning, merged where they overlap."""
    m = len(q)
    drift = max(_DRIFT_MIN, min(_DRIFT_MAX, m // 4))
    # Anchors: each quote word's matches and each exact pair, rarest first.
    anchors = []
    for i, ws in enumerate(wanted):
        for w, weight in ws.items():
            anchors.append((len(idx.postings[w]), i, 0, w, weight))
        if i + 1 < m:
            pair = f"{q[i]} {q[i + 1]}"
            if pair in idx.pairs:
                anchors.append((len(idx.pairs[pair]), i, 1, pair, 2 * _EXACT))
    anchors.sort()
    votes: dict[int, int] = {}
    spent = 0
    for freq, i, is_pair, key, weight in anchors:
        posts = (idx.pairs if is_pair else idx.postings)[key]
        if spent + freq > _VOTES:
            if spent:
                break
            posts = posts[:: -(-freq // _VOTES)]  # nothing rarer: a sample
        for p in posts:
            b = (p - i) // drift
            votes[b] = votes.get(b, 0) + weight
        spent += len(posts)
    # The shortlist, ranked by the quote's words (and typos) each place holds.
    quoted = set().union(*wanted)
    shortlist = heapq.nlargest(_SHORTLIST, votes.items(), key=operator.itemgetter(1))  # ties: first voted
    words = idx.words
    ranked = []
    for rank, (b, v) in enumerate(shortlist):
        lo = max(0, b * drift - drift)
        held = len(quoted.intersection(words[lo : lo + m + 3 * drift]))
        ranked.append((-held, -v, rank, b))
    ranked.sort()
    spans = sorted((b * drift - drift, b * drift + 2 * drift - 1) for _, _, _, b in ranked[:_CANDIDATES])
    merged: list[tuple[int, int]] = []
    for lo, hi in spans:
        if merged and lo <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    return merged


_NEG = -(1 << 62)


def _align(wanted: list[dict[str, int]], words: list[str], n: int, dlo: int, dhi: int, best: list) -> None:
    """Align the quote (``wanted``: for each of its words, the text words it
    matches) with the text's words on the diagonals ``dlo..dhi`` (text
    position minus quote position), and update *best* with the best passage.

    A cell holds the best (score, latest first word) of the quote's first i
    words against a passage of the text ending before word j, packed in one
    integer ``score * (n + 1) + first``; lexicographic order is then integer
    order, and every step (+weight, -_GAP, +0) keeps it."""
    size = n + 1
    gap = _GAP * size
    width = dhi - dlo + 1
    m = len(wanted)
    # Rows whose band lies wholly before the text or after it hold nothing.
    first_row = max(1, -dhi)
    last_row = min(m, n - dlo)
    # Row first_row - 1: no word matched yet, a passage may start anywhere.
    base = first_row - 1 + dlo
    prev = [base + k if 0 <= base + k <= n else _NEG for k in range(width)]
    key = best[0]
    for i in range(first_row, last_row + 1):
        ws = wanted[i - 1]
        j0 = i + dlo
        cur = [_NEG] * width
        k_lo = max(0, -j0)
        k_hi = min(width - 1, n - j0)
        left = _NEG
        for k in range(k_lo, k_hi + 1):
            j = j0 + k
            v = j  # nothing matched yet: the passage starts at j
            if k + 1 < width and prev[k + 1] > v:
                v = prev[k + 1]  # this quote word left unmatched
            if left - gap > v:
                v = left - gap  # text word j-1 left unmatched
            if ws and j:
                w = ws.get(words[j - 1])
                if w and prev[k] != _NEG:
                    c = prev[k] + w * size
                    if c > v:
                        v = c
                    score, start = divmod(c, size)
                    cand = (score, start - j, -start)
                    if key is None or cand > key:
                        key = cand
                        best[:] = [key, start, j]
            cur[k] = left = v
        prev = cur


# --------------------------------------------------------------------------
# Checking a map's quotes


@attrs.frozen
class QuoteCheck:
    """The verdict on one claim's quote.

    ``status`` is ``"ok"`` (the text is at its span, or found once exactly),
    ``"moved"`` (found exactly, but not at the span the claim records),
    ``"loose"`` (found only with other whitespace or quote marks),
    ``"ambiguous"`` (no span recorded and found more than once) or
    ``"missing"`` (not found; ``hint`` is the nearest passage's span).
    ``span`` is where the quote was found (the first place, if several)."""

    claim: str
    status: str
    quote: str
    span: tuple[int, int] | None
    hint: tuple[int, int] | None = None
    count: int = 1

    @property
    def ok(self) -> bool:
        return self.status == "ok"


def check_quotes(m: ArgumentMap, source: Text | None = None) -> tuple[QuoteCheck, ...]:
    """Check every quote of *m* against *source* (default: the map's own
    source), in claim order.  Claims without a quote are skipped.

    >>> from argmap import MapBuilder
    >>> b = MapBuilder()
    >>> _ = b.claim("Closing early", quote="closes at one")
    >>> [c.status for c in check_quotes(b.build(), "The canteen closes at one.")]
    ['ok']
    >>> [c.status for c in check_quotes(b.build(), "The canteen shuts at one.")]
    ['missing']
    """
    if source is None:
        source = m.source
    if source is None:
        return ()
    text = _text(source)
    out = []
    for c in m.claims:
        q = c.quote
        if q is None:
            continue
        if _recorded(q, text, c.id) is not None:
            out.append(QuoteCheck(c.id, "ok", q.text, (q.start, q.end)))
            continue
        found = locate(text, q.text)
        if not found.found:
            out.append(QuoteCheck(c.id, "missing", q.text, None, nearest(text, q.text), 0))
        elif not found.exact:
            out.append(QuoteCheck(c.id, "loose", q.text, found.span, None, len(found.spans)))
        elif q.start is not None:
            out.append(QuoteCheck(c.id, "moved", q.text, found.span, None, len(found.spans)))
        elif found.ambiguous:
            out.append(QuoteCheck(c.id, "ambiguous", q.text, found.span, None, len(found.spans)))
        else:
            out.append(QuoteCheck(c.id, "ok", q.text, found.span))
    return tuple(out)


def quote_span(quote: Quote, text: str, *, claim: str = "") -> tuple[int, int] | None:
    """Where *quote* stands in *text*: its recorded span when the text is
    there, else its first exact or loose match, else None.

    A span that reaches past the end of *text* is not there (the quote is
    then located).  A span that is no span at all (not two integers, negative,
    ending before it starts) raises :class:`~argmap.errors.ValidationError`
    naming *claim* and the field, before anything uses it.

    >>> quote_span(Quote("one", 4, 7), "two one")
    (4, 7)
    >>> quote_span(Quote("one", 4, 2**40), "two one")
    (4, 7)
    >>> quote_span(Quote("one", 7, 4), "two one", claim="c1")
    Traceback (most recent call last):
    ...
    argmap.errors.ValidationError: invalid argument map (1 problem):
      c1: quote span 7..4 ends before it starts
    """
    span = _recorded(quote, text, claim)
    return span if span is not None else locate(text, quote.text).span


def _recorded(quote: Quote, text: str, claim: str) -> tuple[int, int] | None:
    """*quote*'s recorded span if the quote's text stands there in *text*.

    Offsets come from files other people wrote: they are checked (type, sign,
    order, the text's length) before they are used, and only ever to slice."""
    from argmap.errors import Problem, ValidationError

    start, end = quote.start, quote.end
    if not isinstance(quote.text, str) or _SURROGATE.search(quote.text):
        problem = "quote text must be a string of valid Unicode text"
    elif start is None and end is None:
        return None
    elif type(start) is not int or type(end) is not int:
        field, value = ("quote.start", start) if type(start) is not int else ("quote.end", end)
        problem = f"{field} must be an integer, not {type(value).__name__}"
    elif start < 0:
        problem = f"quote.start {start} is negative"
    elif start > end:
        problem = f"quote span {start}..{end} ends before it starts"
    elif end > len(text) or text[start:end] != quote.text:
        return None
    else:
        return start, end
    raise ValidationError([Problem(claim, "bad-quote", problem)])


# --------------------------------------------------------------------------
# Coverage


@attrs.frozen
class Coverage:
    """Which sentences of a text a map's quotes reach.

    ``sentences`` are all the text's sentences; ``claims`` maps a sentence
    index to the ids of the claims whose quote overlaps it (in claim order);
    ``spans`` maps a claim id to the span its quote was found at.  Headings
    count neither as covered nor as uncovered."""

    text: str
    sentences: tuple[Sentence, ...]
    claims: Mapping[int, tuple[str, ...]]
    spans: Mapping[str, tuple[int, int]]

    @property
    def body(self) -> tuple[Sentence, ...]:
        """The sentences that are not headings."""
        return tuple(s for s in self.sentences if not s.heading)

    @property
    def covered(self) -> tuple[Sentence, ...]:
        return tuple(s for s in self.body if s.index in self.claims)

    @property
    def uncovered(self) -> tuple[Sentence, ...]:
        return tuple(s for s in self.body if s.index not in self.claims)

    @property
    def sentence_share(self) -> float:
        """The share of the (non-heading) sentences that some quote reaches."""
        body = self.body
        return len(self.covered) / len(body) if body else 1.0

    @property
    def char_share(self) -> float:
        """The share of the characters of the (non-heading) sentences that
        lie inside some quote (whitespace not counted)."""
        n = len(self.text)
        inside = [False] * n
        for start, end in self.spans.values():
            start, end = max(0, min(start, n)), max(0, min(end, n))  # (spans past the text cover nothing there)
            inside[start:end] = [True] * (end - start)
        total = hit = 0
        for s in self.body:
            for i in range(s.start, s.end):
                if not self.text[i].isspace():
                    total += 1
                    hit += inside[i]
        return hit / total if total else 1.0

    def summary(self) -> str:
        """One line: ``"30 of 31 sentences (96.8%), 61.2% of the characters"``."""
        n, total = len(self.covered), len(self.body)
        return f"{n} of {total} sentences ({self.sentence_share:.1%}), {self.char_share:.1%} of the characters"


def coverage(m: ArgumentMap, source: Text | None = None) -> Coverage:
    """The coverage of *source* (default: the map's own source) by the
    quotes of *m*.  Quotes are placed by their span when it holds, else
    located (see :func:`locate`); a quote not found covers nothing.

    Raises :class:`~argmap.errors.ArgmapError` when there is no source.
    """
    from argmap.errors import ArgmapError

    if source is None:
        source = m.source
    if source is None:
        msg = "the map has no source text; pass one to coverage()"
        raise ArgmapError(msg)
    text = _text(source)
    sents = sentences(text)
    starts = [s.start for s in sents]
    import bisect

    spans: dict[str, tuple[int, int]] = {}
    by_sentence: dict[int, list[str]] = {}
    for c in m.claims:
        if c.quote is None:
            continue
        span = quote_span(c.quote, text, claim=c.id)
        if span is None:
            continue
        spans[c.id] = span
        i = max(bisect.bisect_right(starts, span[0]) - 1, 0)
        while i < len(sents) and sents[i].start < span[1]:
            if sents[i].end > span[0]:
                by_sentence.setdefault(i, []).append(c.id)
            i += 1
    return Coverage(text, sents, {i: tuple(v) for i, v in sorted(by_sentence.items())}, spans)
