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

import difflib
import functools
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Union

import attrs

from argmap.model import Quote, Source

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

__all__ = [
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
    out = []
    i = haystack.find(needle)
    while i >= 0:
        out.append(i)
        i = haystack.find(needle, i + 1)
    return out


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

#: The share of a quote's words a passage must hold to be offered as a hint.
MIN_HINT = 0.5


def nearest(source: Text, quote: str) -> tuple[int, int] | None:
    """The span of the passage of *source* most like *quote*: the sentence
    (or run of sentences, for a long quote) sharing most of its words, cut
    to the matching stretch.  None when no sentence shares a word.

    >>> text = "Tea is good. Coffee is bitter and strong. Water."
    >>> s, e = nearest(text, "coffee is bitter")
    >>> text[s:e]
    'Coffee is bitter'
    """
    text = _text(source)
    wanted = [w.lower() for w in _WORDS.findall(quote)]
    if not wanted:
        return None
    sents = sentences(text)
    best, best_score = None, 0.0
    want = set(wanted)
    for i, s in enumerate(sents):
        # A quote may run over sentence ends: try a window of two as well.
        for span in ((s.start, s.end), (s.start, sents[i + 1].end) if i + 1 < len(sents) else None):
            if span is None:
                continue
            words = {w.lower() for w in _WORDS.findall(text[span[0] : span[1]])}
            score = len(want & words) / len(want) - 0.001 * len(words)
            if score > best_score:
                best, best_score = span, score
    if best is None or best_score < MIN_HINT:
        return None
    start, end = best
    passage = text[start:end]
    sm = difflib.SequenceMatcher(None, passage.lower(), quote.lower(), autojunk=False)
    blocks = [b for b in sm.get_matching_blocks() if b.size >= 4]
    if blocks:
        lo = start + blocks[0].a
        hi = start + blocks[-1].a + blocks[-1].size
        # Widen to whole words.
        while lo > start and not text[lo - 1].isspace():
            lo -= 1
        while hi < end and not text[hi].isspace():
            hi += 1
        while hi > lo and text[hi - 1] in ",;:":
            hi -= 1
        return lo, hi
    return best


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
        if q.start is not None and text[q.start : q.end] == q.text:
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


def quote_span(quote: Quote, text: str) -> tuple[int, int] | None:
    """Where *quote* stands in *text*: its recorded span when the text is
    there, else its first exact or loose match, else None."""
    if quote.start is not None and text[quote.start : quote.end] == quote.text:
        return quote.start, quote.end
    return locate(text, quote.text).span


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
        inside = [False] * len(self.text)
        for start, end in self.spans.values():
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
        span = quote_span(c.quote, text)
        if span is None:
            continue
        spans[c.id] = span
        i = max(bisect.bisect_right(starts, span[0]) - 1, 0)
        while i < len(sents) and sents[i].start < span[1]:
            if sents[i].end > span[0]:
                by_sentence.setdefault(i, []).append(c.id)
            i += 1
    return Coverage(text, sents, {i: tuple(v) for i, v in sorted(by_sentence.items())}, spans)
