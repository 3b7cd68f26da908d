"""The passage of a text most like a quote (see :func:`argmap.source.nearest`)."""

from __future__ import annotations

import functools
import heapq
import itertools
import operator
import re

__all__ = ["MAX_HINT_WORDS", "MIN_HINT", "nearest"]

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


def nearest(text: str, quote: str) -> tuple[int, int] | None:
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
    best = _Best()
    for dlo, dhi in bands:
        _align(wanted, idx.words, n, dlo, dhi, best)
    if best.key is None or best.key[0] < MIN_HINT * _EXACT * m:
        return None
    return _widen(text, idx.starts[best.first], idx.ends[best.end - 1])


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


class _Best:
    """The best passage found so far: its key (score, minus its length, minus
    its first word), its first word and the word after its last."""

    __slots__ = ("end", "first", "key")

    def __init__(self) -> None:
        self.key: tuple[int, int, int] | None = None
        self.first = 0
        self.end = 0


def _align(wanted: list[dict[str, int]], words: list[str], n: int, dlo: int, dhi: int, best: _Best) -> None:
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
    key = best.key
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
                        best.key, best.first, best.end = key, start, j
            cur[k] = left = v
        prev = cur
