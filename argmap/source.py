r"""Fidelity to the source: sentences, quote location and coverage.

A map that carries a :class:`~argmap.model.Source` ties each claim to the
words of the text it comes from.  This module answers four questions about
that tie:

* Where are the sentences of the text?  :func:`sentences` splits it (news
  prose: "U.N." and "U.S." do not end a sentence, nor do the dots of
  "3,200,000"; a closing quote mark stays with its sentence; a line without
  end punctuation, such as a section heading, is a sentence of its own marked
  ``heading``).
* Where does a quote occur?  :func:`locate` looks for the exact text first,
  then for the same text up to what copying by hand changes: whitespace and
  line breaks, straight or typographic quote marks and apostrophes, dashes
  (hyphen, en, em, minus; ``--`` for ``—``), ``...`` for ``…``, soft
  hyphens and zero-width characters, and Unicode normal forms (NFC, NFKC).
  It reports every span it matched, so an ambiguous quote is visible, and a
  span is always the exact slice of the source.  :func:`nearest` gives the
  passage most like a quote that does not occur at all, and
  :func:`describe_missing` says how the two differ.
* Which quotes of a map are where?  :func:`attach` gives a map a source and
  locates every quote in it; :func:`check_quotes` checks them.
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

import bisect
import difflib
import functools
import itertools
import re
from collections.abc import Mapping
from typing import TypeAlias

import attrs

from argmap._text_nearest import MAX_HINT_WORDS, MIN_HINT
from argmap._text_nearest import nearest as _nearest
from argmap._text_normal import normalize, normalize_quote
from argmap._text_search import finder
from argmap._text_sentences import ABBREVIATIONS, Sentence
from argmap._text_sentences import sentences as _sentences
from argmap.errors import ArgmapError, Problem, ValidationError
from argmap.model import _SURROGATE, ArgumentMap, Claim, Quote, Source

__all__ = [
    "ABBREVIATIONS",
    "MAX_HINT_WORDS",
    "MIN_HINT",
    "Coverage",
    "Match",
    "QuoteCheck",
    "Sentence",
    "attach",
    "check_quotes",
    "coverage",
    "describe_missing",
    "find_quote",
    "locate",
    "locate_quotes",
    "nearest",
    "quote_span",
    "sentences",
]

Text: TypeAlias = Source | str


def _text(source: Text) -> str:
    return source.text if isinstance(source, Source) else source


def sentences(source: Text) -> tuple[Sentence, ...]:
    """The sentences of *source* (a :class:`~argmap.model.Source` or a
    string), in order, without surrounding whitespace.

    A blank line always ends a sentence, and so does a line break after end
    punctuation or before a capital letter (a heading above its paragraph);
    other line breaks (hard-wrapped text) do not.  The rules are written for
    English news prose: see ``ABBREVIATIONS``.

    >>> [s.text for s in sentences("Civilian suffering\\nMore fundamentally, it failed. Mr. Obama agreed.")]
    ['Civilian suffering', 'More fundamentally, it failed.', 'Mr. Obama agreed.']
    """
    return _sentences(_text(source))


def nearest(source: Text, quote: str) -> tuple[int, int] | None:
    """The span of the passage of *source* most like *quote*, or None when
    no passage scores at least ``MIN_HINT`` of an exact copy.

    Words are compared in lower case and in order, a word with a typo
    counting half; the search stays near-linear on any input (see
    ``argmap._text_nearest`` for how).

    >>> text = "Tea is good. Coffee is bitter and strong. Water."
    >>> s, e = nearest(text, "Cofee is quite strong")
    >>> text[s:e]
    'Coffee is bitter and strong.'
    >>> nearest(text, "quantum chromodynamics") is None
    True
    """
    return _nearest(_text(source), quote)


# --------------------------------------------------------------------------
# Locating quotes


@attrs.frozen
class Match:
    """Where a quote occurs: every span that matched, in text order.

    ``exact`` says whether the spans are exact occurrences (else they match
    only up to what copying by hand changes: see :func:`locate`).  No span:
    not found; several: ambiguous.  Each span is a slice of the source."""

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


def locate(source: Text, quote: str) -> Match:
    """Find *quote* in *source*: exactly, else forgiving what copying by
    hand changes (see the module's docstring and ``argmap._text_normal``).

    >>> locate("a b a b", "a b").spans
    ((0, 3), (4, 7))
    >>> locate("He said “no”.", 'said "no"')
    Match(quote='said "no"', spans=((3, 12),), exact=False)
    >>> text = "It is well\u2011known \u2014 and fine\u2026"
    >>> s, e = locate(text, "well-known -- and fine...").span
    >>> text[s:e] == text[6:]
    True
    >>> locate("abc", "xyz").found
    False

    The time is linear in the source (its normalised view is computed once
    and cached) plus the quote and the number of matches.  Many lookups in
    one source cost less: once they have read it ``REREADS`` (64) times
    over, the source and its view are indexed by their word starts, and a
    lookup then costs about the quote's length plus the places where its
    rarest eight characters after a space stand (see
    ``argmap._text_search``), with the same answers.
    """
    text = _text(source)
    if not quote or not quote.strip():
        return Match(quote, (), True)
    hits = finder(text).all(quote)
    if hits:
        return Match(quote, tuple((i, i + len(quote)) for i in hits), True)
    needle = normalize_quote(quote)
    if not needle:
        return Match(quote, (), True)
    view = normalize(text)
    spans: dict[tuple[int, int], None] = {}  # (one passage may match at several places of its view: "…" and ".")
    for i in finder(view.text).all(needle):
        spans[view.span(i, i + len(needle))] = None
    return Match(quote, tuple(spans), False)


def find_quote(source: Text, quote: str) -> Quote | None:
    """*quote* located in *source*: a :class:`~argmap.model.Quote` holding
    the source's own text and its span (the first exact occurrence, else the
    first forgiving one), or None.

    >>> find_quote("She said: ‘It is over’.", "said: 'It is over'")
    Quote(text='said: ‘It is over’', start=4, end=22)
    """
    text = _text(source)
    span = _first_span(text, quote)
    return None if span is None else Quote(text[span[0] : span[1]], span[0], span[1])


def _first_span(text: str, quote: str) -> tuple[int, int] | None:
    """``locate(text, quote).span``, without looking for the other spans."""
    if not quote or not quote.strip():
        return None
    i = finder(text).first(quote)
    if i >= 0:
        return i, i + len(quote)
    needle = normalize_quote(quote)
    if not needle:
        return None
    view = normalize(text)
    i = finder(view.text).first(needle)
    return None if i < 0 else view.span(i, i + len(needle))


# --------------------------------------------------------------------------
# Saying how a quote differs from the source


_EDGE_PUNCTUATION = ".,;:!?\"'()[]"


def _word_key(word: str) -> str:
    """*word* as the diff compares it: normalised, without the punctuation
    around it (a quote often leaves out its sentence's full stop)."""
    return normalize_quote(word).strip(_EDGE_PUNCTUATION) or word


def _marked(passage: str, quote: str) -> str:
    """*passage* with the words that differ from *quote* marked, as a word
    diff from the passage to the quote: ``[-passage words-]{+quote words+}``.
    Words are compared normalised, so only real differences are marked."""
    a, b = passage.split(), quote.split()
    na, nb = [_word_key(w) for w in a], [_word_key(w) for w in b]
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, na, nb, autojunk=False).get_opcodes():
        if op == "equal":
            out.extend(a[i1:i2])
            continue
        old = "[-" + " ".join(a[i1:i2]) + "-]" if i2 > i1 else ""
        new = "{+" + " ".join(b[j1:j2]) + "+}" if j2 > j1 else ""
        out.append(old + new)
    return " ".join(out)


_UNSET: tuple[int, int] = (-1, -1)


def describe_missing(source: Text, quote: str, *, hint: tuple[int, int] | None = _UNSET) -> str:
    """Why *quote* is not in *source*, in words: the whole quote and the
    nearest passage of the source (see :func:`nearest`) with the words that
    differ marked as in ``git diff --word-diff``: ``[-words of the
    source-]{+words of the quote+}``.  *hint* is the nearest passage's span
    when it is known already (None: there is none).

    >>> text = "Tea is good. Coffee is bitter and strong. Water."
    >>> print(describe_missing(text, "Coffee is quite strong."))
    quote 'Coffee is quite strong.' does not occur in the source; nearest passage (13..41): Coffee is [-bitter and-]{+quite+} strong.
    >>> print(describe_missing(text, "quantum chromodynamics"))
    quote 'quantum chromodynamics' does not occur in the source, nor does any passage like it
    """
    text = _text(source)
    if hint == _UNSET:
        hint = _nearest(text, quote)
    head = f"quote {quote!r} does not occur in the source"
    if hint is None:
        return head + ", nor does any passage like it"
    s, e = _stretch(text, hint, quote)
    return f"{head}; nearest passage ({s}..{e}): {_marked(text[s:e], quote)}"


_TOKEN = re.compile(r"\S+")
_SPACE = re.compile(r"\s")
#: The ASCII characters that are whitespace (``str.isspace``).
_ASCII_SPACE = bytes(c for c in range(128) if chr(c).isspace())


def _non_space(text: str) -> int:
    """How many characters of *text* are not whitespace (``str.isspace``)."""
    if text.isascii():  # the usual case: one pass over bytes
        data = text.encode("ascii")
        return len(data.translate(None, _ASCII_SPACE))
    return len(text) - _SPACE.subn("", text)[1]


_REACH = 64  # characters looked at for each word a passage is stretched by


def _stretch(text: str, span: tuple[int, int], quote: str) -> tuple[int, int]:
    """*span* with as many more words of *text* on each side as *quote* has
    words before its first, and after its last, word in the passage: the
    passage then shows what stands where the quote differs at its ends."""
    s, e = span
    a, b = [_word_key(w) for w in text[s:e].split()], [_word_key(w) for w in quote.split()]
    ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    if not ops:
        return span
    op, _, _, j1, j2 = ops[0]
    if op == "insert" and j2 > j1:
        lo = max(0, s - _REACH * (j2 - j1))
        before = [m.start() for m in _TOKEN.finditer(text, lo, s)][-(j2 - j1) :]
        if before:
            s = before[0]
    op, _, _, j1, j2 = ops[-1]
    if op == "insert" and j2 > j1:
        after = list(itertools.islice(_TOKEN.finditer(text, e, e + _REACH * (j2 - j1)), j2 - j1))
        if after:
            e = after[-1].end()
    return s, e


# --------------------------------------------------------------------------
# A map and a source


def locate_quotes(m: ArgumentMap, source: Text) -> tuple[ArgumentMap, tuple[Problem, ...]]:
    """*m* with its quotes located in *source*, and what could not be done.

    A quote whose recorded span holds in *source* is kept; any other (no
    span, as in a map written by hand or read from a format without spans,
    or a span into another text) is looked for with :func:`find_quote` and
    stored as the source's own text with its span.  The problems, in claim
    order, are ``quote-not-in-source`` for a quote that is not in *source*
    (left as it was; the message is :func:`describe_missing`'s) and
    ``quote-ambiguous`` for a quote found more than once (placed at its
    first occurrence).

    The map returned has no source of its own (its spans point into
    *source*, and a quote that is not there could not stand beside it):
    :func:`attach` is this function with the source added.

    >>> from argmap import ArgumentMap, Claim, Quote
    >>> m = ArgumentMap([Claim("c1", "Calm", quote=Quote("calm")), Claim("c2", "Loud", quote=Quote("loud"))])
    >>> located, problems = locate_quotes(m, "Tea is calm, calm.")
    >>> located.claim("c1").quote, [(p.id, p.code) for p in problems]
    (Quote(text='calm', start=7, end=11), [('c1', 'quote-ambiguous'), ('c2', 'quote-not-in-source')])
    """
    text = _source_text(source)
    claims: list[Claim] = []
    problems: list[Problem] = []
    for c in m.claims:
        q = c.quote
        if q is None or _recorded(q, text, c.id) is not None:
            claims.append(c)
            continue
        found = locate(text, q.text)
        span = found.span
        if span is None:
            problems.append(Problem(c.id, "quote-not-in-source", describe_missing(text, q.text)))
            claims.append(c)
            continue
        if found.ambiguous:
            msg = f"quote occurs {len(found.spans)} times in the source; placed at the first ({span[0]}..{span[1]})"
            problems.append(Problem(c.id, "quote-ambiguous", msg))
        claims.append(attrs.evolve(c, quote=Quote(text[span[0] : span[1]], span[0], span[1])))
    return ArgumentMap(claims, m.relations, title=m.title, data=m.data), tuple(problems)


def _source_text(source: object) -> str:
    if isinstance(source, Source) and isinstance(source.text, str):
        return source.text
    if isinstance(source, str):
        return source
    msg = f"a source is a Source or a str, not {type(source).__name__}"
    raise ArgmapError(msg)


def attach(m: ArgumentMap, source: Text) -> ArgumentMap:
    """*m* with *source* as its source and every quote located in it (see
    :func:`locate_quotes`; a quote found more than once is placed at its
    first occurrence).

    Every quote that is not in *source* is reported at once: a
    :class:`~argmap.errors.ValidationError` with one problem
    (``quote-not-in-source``) per claim, each with the whole quote and the
    nearest passage of the source with the words that differ marked (see
    :func:`describe_missing`).

    >>> from argmap import ArgumentMap, Claim, Quote
    >>> m = ArgumentMap([Claim("c1", "Talks failed", quote=Quote("talks  ‘failed’"))])
    >>> attach(m, "The talks 'failed' today.").claim("c1").quote
    Quote(text="talks 'failed'", start=4, end=18)
    >>> attach(m, "The talks stalled on Monday.")
    Traceback (most recent call last):
    ...
    argmap.errors.ValidationError: invalid argument map (1 problem):
      c1: quote 'talks  ‘failed’' does not occur in the source; nearest passage (4..17): talks [-stalled-]{+‘failed’+}
    """
    src = source if isinstance(source, Source) else Source(_source_text(source))
    located, problems = locate_quotes(m, src.text)
    errors = [p for p in problems if p.code == "quote-not-in-source"]
    if errors:
        raise ValidationError(errors)
    return ArgumentMap(located.claims, located.relations, title=m.title, source=src, data=m.data)


# --------------------------------------------------------------------------
# Checking a map's quotes


@attrs.frozen
class QuoteCheck:
    """The verdict on one claim's quote.

    ``status`` is ``"ok"`` (the text is at its span, or found once exactly),
    ``"moved"`` (found exactly, but not at the span the claim records),
    ``"loose"`` (found only forgiving what copying by hand changes: see
    :func:`locate`),
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
        span = _recorded(q, text, c.id)
        if span is not None:
            out.append(QuoteCheck(c.id, "ok", q.text, span))
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
    return span if span is not None else _first_span(text, quote.text)


def _recorded(quote: Quote, text: str, claim: str) -> tuple[int, int] | None:
    """*quote*'s recorded span if the quote's text stands there in *text*.

    Offsets come from files other people wrote: they are checked (type, sign,
    order, the text's length) before they are used, and only ever to slice."""
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

    # (what follows is worked out once, on first use: a Coverage does not change)

    @functools.cached_property
    def body(self) -> tuple[Sentence, ...]:
        """The sentences that are not headings."""
        return tuple(s for s in self.sentences if not s.heading)

    @functools.cached_property
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

    @functools.cached_property
    def char_share(self) -> float:
        """The share of the characters of the (non-heading) sentences that
        lie inside some quote (whitespace not counted)."""
        text = self.text
        n = len(text)
        # The quotes' spans merged, then swept along the sentences; the
        # characters counted in C (``\s`` is str.isspace's whitespace).
        # (a span past the text covers nothing there)
        spans = sorted((max(0, min(a, n)), max(0, min(b, n))) for a, b in self.spans.values())
        merged: list[list[int]] = []
        for a, b in spans:
            if a >= b:
                continue
            if merged and a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        # The pieces of text are gathered and their characters counted at
        # once (a pass a piece would cost a call each).
        body: list[str] = []
        hits: list[str] = []
        k = 0
        for s in self.body:
            body.append(text[s.start : s.end])
            while k < len(merged) and merged[k][1] <= s.start:
                k += 1
            j = k
            while j < len(merged) and merged[j][0] < s.end:
                hits.append(text[max(merged[j][0], s.start) : min(merged[j][1], s.end)])
                j += 1
        total = _non_space("".join(body))
        hit = _non_space("".join(hits))
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
    own = source is None or source is m.source
    if own:
        # A map's own coverage is made once (the map cannot change): the
        # report and the command that writes it both want it.
        cached: Coverage | None = m._cache.get("coverage")
        if cached is not None:
            return cached
        source = m.source
    if source is None:
        msg = "the map has no source text; pass one to coverage()"
        raise ArgmapError(msg)
    found = _coverage(m, _text(source))
    if own:
        m._cache["coverage"] = found
    return found


def _coverage(m: ArgumentMap, text: str) -> Coverage:
    sents = sentences(text)
    starts = [s.start for s in sents]

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
