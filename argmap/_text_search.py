r"""Many needles looked for in one text: an index of its word starts.

A map of 100,000 claims quotes its source 100,000 times; searching the whole
source for each quote makes that 100,000 times its length.  :class:`Finder`
answers the same questions as a plain search (:func:`all_starts`, the first
start) and, once looking for needles has read the text many times over,
builds an index of it and answers from the index instead, with the same
answers.

The index is a dict from the first ``KEY`` characters at each *word start*
of the text (a character that is not whitespace, after one that is) to the
word starts where they stand.  Every occurrence of a needle holds a word
start wherever the needle itself has one: where the needle has whitespace at
``b - 1`` and none at ``b``, so has the text at ``p + b - 1`` and ``p + b``
for an occurrence at ``p``.  So the occurrences of a needle with an anchor
(a word start ``b`` with ``KEY`` characters of the needle from it) are among
``s - b`` for the word starts ``s`` filed under ``needle[b : b + KEY]``; each
is checked with ``str.startswith``.  Of the needle's anchors, the one with
the fewest word starts in the text is used; a key that is not in the index
at all means the needle does not occur.  Nothing is assumed about where an
occurrence starts (it may start inside a word), so the answers are exactly a
plain search's, overlapping occurrences included.

A needle without an anchor (no whitespace followed by ``KEY`` more
characters: a single word, a very short phrase) is searched for in the
whole text, and so is one whose candidates would cost more to check than
reading the text (``"a a a ... a"`` in a text of ``"a "``: every word start
a candidate, each checked over the whole needle), so a lookup never costs
much more than a plain search.

>>> f = Finder("a cat sat on the cat mat; the cat sat")
>>> f.all("the cat"), f.first("cat sat"), f.first("dog")
([13, 26], 2, -1)
>>> f.build()
>>> f.all("the cat"), f.first("cat sat"), f.first("dog")
([13, 26], 2, -1)
"""

from __future__ import annotations

import functools
import re
from array import array
from collections.abc import Sequence

__all__ = ["KEY", "REREADS", "Finder", "all_starts", "finder"]

#: Characters of a word start filed in the index (and needed after an anchor).
KEY = 8
#: How many times over plain searches may read a text before it is indexed:
#: building the index costs about as much as a hundred plain searches, so a
#: few lookups never pay for it and many pay for it once.
REREADS = 64
# Characters a plain search reads in about the time one candidate is checked;
# in a text shorter than _FLOOR, any number of candidates may be checked.
_CHECK = 256
_FLOOR = 1 << 16

_WORD_START = re.compile(r"\s(?=\S)")  # (a word start is the end of a match)


class Finder:
    """Every start, or the first, of needles in one text (see the module's
    docstring).  The index is built by :meth:`build`, or on its own once
    plain searches have read the text ``REREADS`` times over; it files the
    first *key* characters of each word start."""

    __slots__ = ("_budget", "_index", "key", "text")

    def __init__(self, text: str, *, key: int = KEY) -> None:
        self.text = text
        self.key = key
        self._index: dict[str, array[int]] | None = None
        self._budget = REREADS * max(len(text), 1)  # characters plain searches may still read

    def build(self) -> None:
        """Index the text's word starts (once)."""
        if self._index is not None:
            return
        text, n = self.text, self.key
        code = "i" if len(text) < 1 << 31 else "q"  # (4 bytes a word start, not a list's 40)
        index: dict[str, array[int]] = {}
        get = index.get
        for m in _WORD_START.finditer(text):
            s = m.end()
            key = text[s : s + n]
            at = get(key)
            if at is None:
                index[key] = array(code, (s,))
            else:
                at.append(s)
        self._index = index

    def _candidates(self, needle: str) -> tuple[int, Sequence[int]] | None:
        """The offset of the needle's rarest anchor and the word starts filed
        under its key, or None when the text is to be searched instead: it is
        not (yet) indexed, the needle has no anchor, or its candidates are too
        many."""
        index = self._index
        if index is None:
            if self._budget > 0:
                return None
            self.build()
            index = self._index
            assert index is not None
        best: tuple[int, Sequence[int]] | None = None
        n = self.key
        last = len(needle) - n
        for m in _WORD_START.finditer(needle, 0, last + 1):
            b = m.end()
            if b > last:
                break
            at = index.get(needle[b : b + n])
            if at is None:
                return b, ()  # a key the text does not have: no occurrence
            if best is None or len(at) < len(best[1]):
                best = b, at
                if len(at) <= 1:
                    break
        if best is not None and len(best[1]) * (len(needle) + _CHECK) > max(len(self.text), _FLOOR):
            return None  # (checking the candidates would cost more than reading the text)
        return best

    def all(self, needle: str) -> list[int]:
        """Every start of *needle* in the text, overlapping ones included, in
        order: :func:`all_starts`."""
        found = self._candidates(needle) if needle else None
        if found is None:
            self._budget -= len(self.text)
            return all_starts(self.text, needle)
        b, at = found
        startswith = self.text.startswith
        return [s - b for s in at if s >= b and startswith(needle, s - b)]

    def first(self, needle: str) -> int:
        """The first start of *needle* in the text, or -1: ``str.find``."""
        found = self._candidates(needle) if needle else None
        if found is None:
            i = self.text.find(needle)
            self._budget -= len(self.text) if i < 0 else i + len(needle)
            return i
        b, at = found
        startswith = self.text.startswith
        for s in at:
            if s >= b and startswith(needle, s - b):
                return s - b
        return -1


@functools.lru_cache(
    maxsize=2
)  # one text and its normalised view: a map's quotes are all looked up in them (a bound on what is kept)
def finder(text: str) -> Finder:
    """The :class:`Finder` of *text*, shared by every lookup in it."""
    return Finder(text)


def all_starts(haystack: str, needle: str) -> list[int]:
    """Every start of *needle* in *haystack*, overlapping ones included, in
    time linear in the haystack plus the answer.

    Searching again from each start + 1 re-reads the whole needle for every
    overlapping occurrence ("a" * 1000 in a megabyte of "a": 4 s).  Once two
    occurrences overlap, the needle's smallest period p is known to matter:
    the next occurrence is then p further on (checked by reading p new
    characters), or, failing that, further than len(needle) - p on.

    >>> all_starts("aaaa", "aa")
    [0, 1, 2]
    """
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
