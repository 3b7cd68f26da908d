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
characters are looked at one by one (each piece of them, such as ``"\n"``
or ``"e\u0301"``, is worked out once and then reused).  The spans are kept
as segments, a run copied unchanged being one segment, so the view of a
13 MB typeset text holds about two million integers, not 27 million.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from array import array

from argmap._text_search import all_starts

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
    ``[starts[i], ends[i])`` of the original text it stands for.

    The spans are kept as segments: a run of characters copied unchanged
    (each stands for the one character it is: the run's start plus its
    place in the run) or one character that stands for a span of its own.
    A text of plain words is then a few segments, not two integers a
    character; :meth:`span` finds a character's segment by bisection."""

    __slots__ = ("_ends", "_firsts", "_starts", "text")

    def __init__(self, text: str, firsts: array[int], starts: array[int], ends: array[int]) -> None:
        self.text = text
        self._firsts = firsts  # where each segment starts in the view
        self._starts = starts  # the original start of its first character
        self._ends = ends  # -1: a run; else the end of the one character's span

    def span(self, i: int, j: int) -> tuple[int, int]:
        """The span of the original text that ``self.text[i:j]`` stands for
        (``i < j``)."""
        firsts, starts, ends = self._firsts, self._starts, self._ends
        k = bisect.bisect_right(firsts, i) - 1
        start = starts[k] if ends[k] >= 0 else starts[k] + i - firsts[k]
        j -= 1
        if j != i:
            k = bisect.bisect_right(firsts, j, k) - 1
        end = ends[k] if ends[k] >= 0 else starts[k] + j - firsts[k] + 1
        return start, end

    @property
    def starts(self) -> list[int]:
        """The start of each character's span (computed on each use)."""
        return [self.span(i, i + 1)[0] for i in range(len(self.text))]

    @property
    def ends(self) -> list[int]:
        """The end of each character's span (computed on each use)."""
        return [self.span(i, i + 1)[1] for i in range(len(self.text))]


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


class _Writer:
    """The view being written: its pieces and its segments (see :class:`View`)."""

    __slots__ = ("ends", "firsts", "last", "out", "size", "starts")

    def __init__(self, n: int) -> None:
        code = "i" if n < 1 << 31 else "q"
        self.out: list[str] = []
        self.firsts: array[int] = array(code)
        self.starts: array[int] = array(code)
        self.ends: array[int] = array(code)
        self.size = 0  # characters written
        self.last = ""  # the last character written (" " and "-" runs collapse)

    def run(self, chunk: str, start: int) -> None:
        """*chunk*, copied unchanged from *start* on."""
        self.firsts.append(self.size)
        self.starts.append(start)
        self.ends.append(-1)
        self.out.append(chunk)
        self.size += len(chunk)
        self.last = chunk[-1]

    def char(self, ch: str, start: int, end: int) -> None:
        """*ch*, standing for ``[start, end)``."""
        self.firsts.append(self.size)
        self.starts.append(start)
        self.ends.append(end)
        self.out.append(ch)
        self.size += 1
        self.last = ch

    def stretch(self, end: int) -> None:
        """The last character written stands for the original up to *end*."""
        k = len(self.ends) - 1
        if self.ends[k] >= 0:
            self.ends[k] = end
            return
        at = self.size - 1  # the last character of a run: now a segment of its own
        start = self.starts[k] + at - self.firsts[k]
        if self.firsts[k] == at:
            self.ends[k] = end
        else:
            self.firsts.append(at)
            self.starts.append(start)
            self.ends.append(end)

    def emit(self, chars: str, start: int, end: int) -> None:
        """*chars* (one character of the original, normalised), each standing
        for ``[start, end)``."""
        for c in chars:
            if c in DROPPED:
                continue
            ch = " " if c.isspace() else _MAP.get(c, c)
            if ch == self.last and ch in " -":
                self.stretch(end)  # the run stands for more of the original
                continue
            self.char(ch, start, end)

    def special(self, text: str, a: int, b: int) -> int:
        """``text[a:b]``, character by character (with the combining marks
        after each, which may reach past *b*); characters that stand for
        themselves (most letters of other scripts) are copied as runs.
        Returns where it stopped: *b*, or past the marks after it."""
        n = len(text)
        same = -1  # where the run of characters that stand for themselves began
        i = a
        while i < b:
            ch = text[i]
            j = i + 1
            if j < n and (text[j] in DROPPED or unicodedata.combining(text[j])):
                j = _cluster_end(text, i)  # (an ASCII letter with the marks after it, too)
            if (
                j == i + 1
                and ch not in DROPPED
                and ch not in _MAP
                and not ch.isspace()
                and (ch.isascii() or unicodedata.is_normalized("NFKC", ch))
            ):
                same = i if same < 0 else same  # (it stands for itself)
                i = j
                continue
            if same >= 0:
                self.run(text[same:i], same)
                same = -1
            if j == i + 1 and (ch.isascii() or ch.isspace() or ch in _MAP or ch in DROPPED):
                self.emit(ch, i, j)
            else:
                cluster = "".join(c for c in text[i:j] if c not in DROPPED)
                self.emit(unicodedata.normalize("NFKC", cluster), i, j)
            i = j
        if same >= 0:
            self.run(text[same:i], same)
        return i


# What a special piece is written as: runs (text, start, -1) and characters
# (character, start, end), offsets relative to the piece.
_Template = tuple[tuple[str, int, int], ...]
_TEMPLATES: dict[str, _Template] = {}  # special pieces repeat ("\n", "é", " “"): each is worked out once
_MAX_TEMPLATES = 4096
_MAX_PIECE = 8  # longer pieces (a word of Cyrillic, a line of Chinese) are written out each time


def _template(piece: str) -> _Template:
    """What a special piece of text is written as, when nothing was written
    before it and no combining mark follows it."""
    chars = _TEMPLATES.get(piece)
    if chars is None:
        w = _Writer(len(piece))
        w.special(piece, 0, len(piece))
        text = "".join(w.out)
        bounds = [*w.firsts, len(text)]
        chars = tuple((text[bounds[k] : bounds[k + 1]], w.starts[k], w.ends[k]) for k in range(len(w.firsts)))
        if len(_TEMPLATES) >= _MAX_TEMPLATES:
            _TEMPLATES.clear()
        _TEMPLATES[piece] = chars
    return chars


class _TextWriter(_Writer):
    """A writer of the view's text alone (a quote's spans are never asked for)."""

    __slots__ = ()

    def run(self, chunk: str, start: int) -> None:
        self.out.append(chunk)
        self.last = chunk[-1]

    def char(self, ch: str, start: int, end: int) -> None:
        self.out.append(ch)
        self.last = ch

    def stretch(self, end: int) -> None:
        pass


def _build(text: str, w: _Writer) -> _Writer:
    """*w* with the view of *text* written."""
    run = w.run
    n = len(text)
    pos = 0
    for m in _SPECIAL.finditer(text):
        a, b = m.span()
        if b <= pos:
            continue  # (marks that the piece before took with its last character)
        if a < pos:  # the rest of a piece that begins with such marks
            pos = w.special(text, pos, b)
            continue
        if a > pos:  # a plain run: copied whole
            k = 1 if text[pos] == w.last and w.last in " -" else 0
            if k:
                w.stretch(pos + 1)
            if a > pos + k:
                run(text[pos + k : a], pos + k)
        if b - a > _MAX_PIECE or (b < n and not text[b].isascii()):  # (a combining mark may follow: see _cluster_end)
            pos = w.special(text, a, b)
            continue
        for ch, s, e in _TEMPLATES.get(m.group()) or _template(m.group()):
            if e < 0:
                run(ch, a + s)  # (a run: never a space or a dash)
            elif ch == w.last and ch in " -":
                w.stretch(a + e)
            else:
                w.char(ch, a + s, a + e)
        pos = b
    if pos < n:
        k = 1 if text[pos] == w.last and w.last in " -" else 0
        if k:
            w.stretch(pos + 1)
        if n > pos + k:
            run(text[pos + k :], pos + k)
    return w


@functools.lru_cache(maxsize=2)  # a map's quotes are all looked up in one text (a bound on what is kept)
def normalize(text: str) -> View:
    """The normalised view of *text* (see the module's docstring)."""
    w = _build(text, _Writer(len(text)))
    return View("".join(w.out), w.firsts, w.starts, w.ends)


def normalize_quote(quote: str) -> str:
    r"""*quote* normalised as texts are, without surrounding whitespace and
    dropped characters.

    >>> normalize_quote("  it\u00ads ‘fine’ --\n ")
    "its 'fine' -"
    """
    return "".join(_build(quote, _TextWriter(0)).out).strip(" ")
