r"""The forgiving view of a text in which quotes are looked for.

Copying a passage by hand changes things a reader does not see: a line break
becomes a space, curly quotes become straight ones, an em dash becomes two
hyphens, an ellipsis three dots, a soft hyphen or a zero-width space
disappears, an accented letter is composed or decomposed.  :func:`normalize`
undoes all of these at once, and keeps for each character of the result the
span of the original text it stands for, so that a passage found in the
normalised view is reported as the exact slice of the original.

The rules, applied to the text and to the quote alike:

* any run of whitespace (spaces, tabs, line breaks, no-break and thin spaces)
  is one space;
* every double quote mark (straight, curly, low, guillemets, double prime) is
  ``"``, every single one (apostrophes, primes, backtick, acute) is ``'``;
* every dash (hyphen, non-breaking hyphen, figure, en, em, horizontal bar,
  minus) is ``-``, and a run of dashes is one ``-`` (``--`` matches ``—``);
* soft hyphens and zero-width characters (ZWSP, ZWNJ, ZWJ, word joiner,
  byte-order mark) are left out;
* everything else is in Unicode normal form NFKC, taken per base character
  with its combining marks (so ``…`` is ``...``, ``ﬁ`` is ``fi``, and
  ``e`` + COMBINING ACUTE is ``é``).

Letter case is kept: a quote with other capitals is a different quote.

>>> view = normalize("He said\n“no — never…”")
>>> view.text
'He said "no - never..."'
>>> s, e = view.span(8, 23)
>>> "He said\n“no — never…”"[s:e]
'“no — never…”'

The work is linear in the text: runs of plain ASCII (letters, digits,
punctuation and single spaces) are copied in one piece, and only the other
characters are looked at one by one.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from array import array

__all__ = ["DROPPED", "View", "all_starts", "normalize", "normalize_quote"]

_DOUBLE = '"“”„‟«»″〝〞＂'
_SINGLE = "'‘’‚‛′`´‹›＇"
_DASHES = "-‐‑‒–—―−﹘﹣－⸺⸻"
#: Characters a quote may lose or gain without changing: soft hyphen and the
#: zero-width characters.
DROPPED = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff\u180e")

_MAP: dict[str, str] = dict.fromkeys(_DOUBLE, '"') | dict.fromkeys(_SINGLE, "'") | dict.fromkeys(_DASHES, "-")

# What a plain run may not hold: whitespace other than a lone space, a space
# next to other whitespace, characters outside ASCII (with the ASCII character
# before them, which a combining mark may belong to), the ASCII quote marks
# the view changes, and runs of hyphens.
_SPECIAL = re.compile(r"\s{2,}|[^\S ]|[\x00-\x7f]?[^\x00-\x7f]+|[`]|-{2,}")


class View:
    """A normalised text and, for each of its characters, the span
    ``[starts[i], ends[i])`` of the original text it stands for."""

    __slots__ = ("ends", "starts", "text")

    def __init__(self, text: str, starts: array[int], ends: array[int]) -> None:
        self.text = text
        self.starts = starts
        self.ends = ends

    def span(self, i: int, j: int) -> tuple[int, int]:
        """The span of the original text that ``self.text[i:j]`` stands for
        (``i < j``)."""
        return self.starts[i], self.ends[j - 1]


def _cluster_end(text: str, i: int) -> int:
    """The end of the character at *i* with the combining marks after it
    (and any dropped characters between them: a soft hyphen between a letter
    and its accent)."""
    j = i + 1
    n = len(text)
    while j < n:
        k = j
        while k < n and text[k] in DROPPED:
            k += 1
        if k == n or not unicodedata.combining(text[k]):
            return j
        j = k + 1
    return j


def _build(text: str) -> View:
    out: list[str] = []
    starts: array[int] = array("q")
    ends: array[int] = array("q")
    last = ""  # the last character written (" " and "-" runs collapse)

    def emit(chars: str, start: int, end: int) -> None:
        nonlocal last
        for c in chars:
            if c in DROPPED:
                continue
            ch = " " if c.isspace() else _MAP.get(c, c)
            if ch == last and ch in " -":
                ends[-1] = end  # the run stands for more of the original
                continue
            out.append(ch)
            starts.append(start)
            ends.append(end)
            last = ch

    pos = 0
    for m in _SPECIAL.finditer(text):
        a, b = m.span()
        if a > pos:  # a plain run: copied whole
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
            j = _cluster_end(text, i)  # (an ASCII letter with the marks after it, too)
            if j == i + 1 and (ch.isascii() or ch.isspace() or ch in _MAP or ch in DROPPED):
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
    return View("".join(out), starts, ends)


@functools.lru_cache(maxsize=8)  # a map's quotes are all looked up in one text
def normalize(text: str) -> View:
    """The normalised view of *text* (see the module's docstring)."""
    return _build(text)


def normalize_quote(quote: str) -> str:
    r"""*quote* normalised as texts are, without surrounding whitespace and
    dropped characters.

    >>> normalize_quote("  it\u00ads ‘fine’ --\n ")
    "its 'fine' -"
    """
    return _build(quote).text.strip(" ")


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
