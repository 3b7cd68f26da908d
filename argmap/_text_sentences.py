"""Sentences of a text, for coverage (see :func:`argmap.source.sentences`)."""

from __future__ import annotations

import functools
import re

import attrs

__all__ = ["ABBREVIATIONS", "Sentence", "sentences"]


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
_END = re.compile(r"""(?<![.!?…])[.!?…]++['"’”)\]]*+(?=\s|$)""")
# The characters of the word before a full stop ("U.S.", "it's", "p.m."),
# scanned backwards from the stop, at most _WORD_REACH of them.
_WORD_CHARS = re.compile(r"[\w.'’-]")
_WORD_REACH = 80
_DOTTED = re.compile(r"(?:[A-Za-z]\.){2,}$")
_LINE_END = re.compile(r"""[.!?:;…]['"’”)\]]*$""")


def sentences(text: str) -> tuple[Sentence, ...]:
    """The sentences of *text*: :func:`argmap.source.sentences` on a string
    (its docstring gives the rules).

    >>> [s.text for s in sentences("Aid reached the U.S. The U.S. Army left. It was 9 p.m. when")]
    ['Aid reached the U.S.', 'The U.S. Army left.', 'It was 9 p.m. when']
    """
    return _sentences(text)


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
    return not (len(bare) == 1 and bare.isupper())  # (an initial: "J. Smith")


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
