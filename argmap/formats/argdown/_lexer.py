"""The Argdown lexer: text to tokens, the way @argdown/core 1.7.5 cuts it.

The reference lexer (chevrotain, ``lexer.js``) tries its token patterns in a
fixed order at each position; several of them only match at the start of a
line (relations, statement numbers, list items, headings) and push
``Indent``/``Dedent`` tokens as a side effect.  This module follows the same
order and the same patterns, but dispatches on the first character so that
ordinary text costs one regular-expression match per run of text, and the
commonest lines (``  + [Title]: Some text, **bold** too. #tag``) one match
each (:mod:`._lines`).

Lexing takes time linear in the text, whatever the text.  Several of the
reference's patterns look ahead for a closing character (``[...]:``,
``<!-- ... -->``, ``{...}``, ``#(...)``); as regular expressions tried at
every position they rescan the rest of the line (or of the text) each time,
so 80 KB of ``[`` or ``<!--`` took a minute.  Here each of them is a small
function over :class:`_Next`, which remembers where a closing character
next occurs: the lexer only moves forward, so every character is looked at
a bounded number of times.  The reference's pattern is quoted above each
function (and the tests check the two agree).

A token is a tuple ``(kind, image, pos)``; ``pos`` is its offset in the text.
Whitespace and comments are skipped, as in the reference.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NoReturn, TypeAlias, cast

from argmap.errors import ParseError
from argmap.formats.argdown._lines import FAST_RELATION, FAST_TEXT, TAG_CHARS, expand
from argmap.formats.argdown._tokens import (
    A_BOLD_END,
    A_BOLD_START,
    A_ITALIC_END,
    A_ITALIC_START,
    ARG_DEF,
    ARG_MENTION,
    ARG_REF,
    CONTRADICTION,
    CONTROL,
    DATA,
    DEDENT,
    EMPTYLINE,
    ESCAPED,
    FREESTYLE,
    FRONT_MATTER,
    HEADING,
    IN_ATTACK,
    IN_SUPPORT,
    IN_UNDERCUT,
    INDENT,
    INF_END,
    INF_START,
    LINE_REL,
    LINE_TEXT,
    LINK,
    LIST_DELIM,
    NEWLINE,
    OL_ITEM,
    OUT_ATTACK,
    OUT_SUPPORT,
    OUT_UNDERCUT,
    SPECIAL,
    STMT_DEF,
    STMT_MENTION,
    STMT_NUMBER,
    STMT_REF,
    TAG,
    U_BOLD_END,
    U_BOLD_START,
    U_ITALIC_END,
    U_ITALIC_START,
    UL_ITEM,
    Line,
    Token,
)

__all__ = ["expand", "tokenize", "tokenize_lines"]


# JavaScript's "." (no line terminators).
_DOT = "[^\\n\\r\\u2028\\u2029]"
_NL = "(?:\\r\\n|\\n|\\r)"
_LINE_BREAK = re.compile("[\n\r\u2028\u2029]")
_WHITE = re.compile(r"\s")
_AFTER_COMMENT_EMPTYLINE = re.compile(r"(?:[ \t]*\r\n|\n|\r)*")
_AFTER_COMMENT_NEWLINE = re.compile(rf"(?:[ \t]*{_NL}(?![ \t]*{_NL}))?")
_EQUALS = re.compile("=+")
_DATA_STOP = re.compile(r"[\r\u2028\u2029]|\}\s[^,}]")
_DATA_NOT_END = re.compile(r"\s*[,}]")
_TAG_WORD = re.compile(f"{TAG_CHARS}+[ \t]?")
_ESCAPED = re.compile(rf"\\{_DOT} *")
_EMPTYLINE = re.compile(r"(?:[ \t]*(?:\r\n|\n)){2,}")
_NEWLINE = re.compile(rf"[ \t]*{_NL}")
_INF_START = re.compile(r"[' \t]*--")
_RELATION = re.compile(r"([' \t]*)(?:(\+>)|(->)|(<?\+)|(<?-)|(><)|(_>)|(<_|_(?=\s)))")
_REL_KINDS = (-1, -1, IN_SUPPORT, IN_ATTACK, OUT_SUPPORT, OUT_ATTACK, CONTRADICTION, IN_UNDERCUT, OUT_UNDERCUT)
_HEADING = re.compile(r"(#+) ")
_STMT_NUMBER = re.compile(r"[' \t]*\(\d+\)")
_OL_ITEM = re.compile(r"([' \t]*)\d+\.(?=\s)")
_UL_ITEM = re.compile(r"([' \t]*)\*(?=\s)")
_END_TAIL = r"(?:[ \t]|(?=[\n\r)}_.,!?;:\-*]|\Z))"
_A_BOLD_END = re.compile(rf"\*\*{_END_TAIL}")
_U_BOLD_END = re.compile(rf"__{_END_TAIL}")
_A_ITALIC_END = re.compile(rf"\*{_END_TAIL}")
_U_ITALIC_END = re.compile(rf"_{_END_TAIL}")
_A_BOLD_START = re.compile(r"\*\*(?!\s)")
_U_BOLD_START = re.compile(r"__(?!\s)")
_A_ITALIC_START = re.compile(r"\*(?!\s)")
_U_ITALIC_START = re.compile(r"_(?!\s)")
_SPACES = re.compile(r"[ \t]+")
_FREESTYLE = re.compile(r"[^\\@#*_\[\],.:;</>\-\r\n(){}]+")
_CONTROL = re.compile(r"[@#*_\[\],.:;</>\-(){}][ \t]?")
_INF_END = re.compile(r"-{2,}")

_FAST_RELATION_START = frozenset(" \t'+-<")
_CONTROLS = frozenset("@#*_[],.:;</>-(){}")
# Characters that start nothing but an unused control character.
_ONLY_CONTROL = frozenset(",;)]}")
_SPECIALS = frozenset("\\@#*_[],.:;</>-(){}\r\n")
_NOT_PLAIN = _SPECIALS | frozenset(" \t'+=0123456789")


_Search: TypeAlias = Callable[[str, int, int], "re.Match[str] | None"]


class _Next:
    """Where *needle* (a string, or a pattern of one character) next occurs
    at or after a position, ``len(text)`` when nowhere.

    The answer is remembered with the stretch it covers: the lexer asks at
    positions that grow (now and then one or two back), so no stretch of
    the text is searched twice."""

    __slots__ = ("at", "lo", "n", "needle", "search", "text", "width")

    def __init__(self, text: str, needle: str | re.Pattern[str]):
        self.text = text
        self.n = len(text)
        self.needle: str
        self.search: _Search | None
        self.width: int
        if isinstance(needle, str):
            self.needle, self.search, self.width = needle, None, len(needle)
        else:
            self.needle, self.search, self.width = "", needle.search, 1
        self.lo = self.at = -1  # no occurrence starts in [lo, at); one starts at at

    def __call__(self, q: int) -> int:
        lo = self.lo
        if lo <= q <= self.at:
            return self.at
        if 0 <= q < lo:
            # a step back: only [q, lo) is new
            r = self._find(q, lo + self.width - 1)
            if r < 0:
                self.lo = q
                return self.at
        else:
            r = self._find(q, self.n)
            if r < 0:
                r = self.n
        self.lo, self.at = q, r
        return r

    def _find(self, q: int, end: int) -> int:
        if self.search is None:
            return self.text.find(self.needle, q, end)
        m = self.search(self.text, q, end)
        return m.start() if m else -1


class _Scanner:
    """The reference's look-ahead patterns, each a method that gives the end
    of its token at *p* or -1, in time linear in the text over all calls."""

    def __init__(self, text: str):
        self.text = text
        self.n = len(text)
        nxt = _Next
        self.line_break = nxt(text, _LINE_BREAK)
        self.white = nxt(text, _WHITE)
        self.comment_end = nxt(text, "-->")
        self.block_comment_end = nxt(text, "*/")
        self.fence = nxt(text, "===")
        self.dot = nxt(text, ".")
        self.colon = nxt(text, ":")
        self.link_bracket = nxt(text, "]")
        self.link_paren = nxt(text, ")")
        self.tag_paren = nxt(text, ")")
        self.def_end = {"[": nxt(text, "]:"), "<": nxt(text, ">:")}
        self.ref_end = {"[": nxt(text, "]"), "<": nxt(text, ">")}
        self.mention_end = {"[": nxt(text, "]"), "<": nxt(text, ">")}
        # data blocks: for p in [data_lo, data_stop), the block at p ends
        # after data_best (when data_best > p)
        self.data_lo = self.data_stop = self.data_best = -1

    def _blank(self, end: int) -> int:
        """*end*, after an optional space or tab (``[ \\t]?``)."""
        if end < self.n and self.text[end] in " \t":
            return end + 1
        return end

    def comment(self, p: int, last: int) -> int:
        """``<!--[\\s\\S]*?-->|/\\*[\\s\\S]*?\\*/|//.*?(?=\\r\\n|\\n|\\r)``, and
        after a line break the line breaks that follow it."""
        text, n = self.text, self.n
        if text.startswith("<!--", p):
            e = self.comment_end(p + 4)
            if e >= n:
                return -1
            end = e + 3
        elif text.startswith("/*", p):
            e = self.block_comment_end(p + 2)
            if e >= n:
                return -1
            end = e + 2
        elif text.startswith("//", p):
            end = self.line_break(p + 2)
            if end >= n or text[end] not in "\r\n":
                return -1
        else:
            return -1
        # (both patterns match the empty string, so they always match)
        if last == EMPTYLINE:
            return _match_end(_AFTER_COMMENT_EMPTYLINE, text, end)
        if last == NEWLINE:
            return _match_end(_AFTER_COMMENT_NEWLINE, text, end)
        return end

    def front_matter(self, p: int) -> int:
        """``===+[\\s\\S]*?===+``"""
        e = _match_end(_EQUALS, self.text, p)
        if e - p < 3:
            return -1
        q = self.fence(e)
        if q < self.n:
            return _match_end(_EQUALS, self.text, q)
        # no fence after this run of "=": the run closes itself if it can
        return e if e - p >= 6 else -1

    def data(self, p: int) -> int:
        """``\\{(?:(?!\\}\\s[^,}])[^\\r\\u2028\\u2029])*\\}(?!\\s*[,}])``: the block
        runs to the last "}" before the first stop (a line break other than
        \\n, or a "}" and a space before a character other than "," and "}")
        that is not followed by spaces and "," or "}"."""
        if not (self.data_lo <= p < self.data_stop):
            text = self.text
            m = _DATA_STOP.search(text, p + 1)
            stop = m.start() if m else self.n
            best = -1
            r = text.rfind("}", p + 1, min(stop, self.n - 1) + 1)
            while r >= 0:
                if not _DATA_NOT_END.match(text, r + 1):
                    best = r
                    break
                r = text.rfind("}", p + 1, r)
            self.data_lo, self.data_stop, self.data_best = p, stop, best
        return self.data_best + 1 if self.data_best > p else -1

    def special(self, p: int) -> int:
        """``\\.[^\\s]+?\\.[ \\t]?|:[^\\s]+?:[ \\t]?``"""
        if p + 1 >= self.n:
            return -1
        w = self.white(p + 1)
        if w == p + 1:
            return -1
        q = (self.dot if self.text[p] == "." else self.colon)(p + 2)
        if q >= w:
            return -1
        return self._blank(q + 1)

    def link(self, p: int) -> int:
        """``\\[[^\\]]+?\\]\\([^)]+?\\)[ \\t]?``"""
        j = self.link_bracket(p + 1)
        if j == p + 1 or j >= self.n - 1 or self.text[j + 1] != "(":
            return -1
        k = self.link_paren(j + 2)
        if k == j + 2 or k >= self.n:
            return -1
        return self._blank(k + 1)

    def definition(self, p: int) -> int:
        """``\\[.+?\\]:`` and ``<.+?>:``"""
        q = self.def_end[self.text[p]](p + 2)
        if q >= self.n or self.line_break(p + 1) < q:
            return -1
        return q + 2

    def reference(self, p: int) -> int:
        """``\\[[^-].*?\\]`` and ``<[^-].*?>``"""
        if p + 1 >= self.n or self.text[p + 1] == "-":
            return -1
        q = self.ref_end[self.text[p]](p + 2)
        if q >= self.n or self.line_break(p + 2) < q:
            return -1
        return q + 1

    def mention(self, p: int) -> int:
        """``@\\[.+?\\][ \\t]?`` and ``@<.+?>[ \\t]?``"""
        if p + 2 >= self.n:
            return -1
        q = self.mention_end[self.text[p + 1]](p + 3)
        if q >= self.n or self.line_break(p + 2) < q:
            return -1
        return self._blank(q + 1)

    def tag(self, p: int) -> int:
        """``#(?:\\([^)]+\\)|[a-zA-z0-9\\-\\u00a0-\\ud7ff\\uf900-\\ufdcf\\ufdf0-\\uffef]+)[ \\t]?``"""
        if p + 1 < self.n and self.text[p + 1] == "(":
            k = self.tag_paren(p + 2)
            if k == p + 2 or k >= self.n:
                return -1
            return self._blank(k + 1)
        m = _TAG_WORD.match(self.text, p + 1)
        return m.end() if m else -1


def tokenize(text: str) -> list[Token]:
    """The tokens of *text*, ending with the remaining Dedents (no EOF token)."""
    return cast("list[Token]", _tokenize(text, False))  # (without lines: tokens only)


def tokenize_lines(text: str) -> list[Line]:
    """The tokens of *text*, with each of the commonest lines (a relation
    line, a line of text) as one LINE_REL or LINE_TEXT token: fewer objects
    for a reader that takes them whole.  :func:`expand` makes the tokens of
    :func:`tokenize` of them."""
    return _tokenize(text, True)


def _tokenize(text: str, lines: bool) -> list[Line]:
    toks: list[Line] = []
    append = toks.append
    indents = [0]
    ranges: list[int] = []  # open bold/italic ranges, by start kind
    n = len(text)
    pos = 0
    last = -1  # kind of the last token, -1 before the first
    inference = False
    sc = _Scanner(text)

    def dedent_all(at: int) -> None:
        while len(indents) > 1:
            indents.pop()
            append((DEDENT, "", at))

    def indent_to(width: int, at: int) -> None:
        top = indents[-1]
        if width > top:
            indents.append(width)
            append((INDENT, "", at))
        else:
            while len(indents) > 1 and width < top:
                indents.pop()
                top = indents[-1]
                append((DEDENT, "", at))

    freestyle = _FREESTYLE.match
    fast_relation = FAST_RELATION.match
    fast_text = FAST_TEXT.match
    kind = -1
    line_start = frozenset({-1, NEWLINE, EMPTYLINE})  # the kinds after which a line starts
    while pos < n:
        c = text[pos]
        if last in line_start and not inference and not ranges:
            # Fast paths for the two commonest lines, "  + Some text." and
            # "Some text.": the same tokens as the general loop below makes.
            m = (
                fast_relation(text, pos)
                if c in _FAST_RELATION_START
                else fast_text(text, pos)
                if c not in _NOT_PLAIN
                else None
            )
            if m is not None:
                if c in _FAST_RELATION_START:
                    width = m.end(1) - pos
                    if width != indents[-1]:
                        indent_to(width, pos)
                    line = (LINE_REL, m, pos)
                else:
                    line = (LINE_TEXT, m, pos)
                if lines:
                    append(line)
                else:
                    toks.extend(expand([line]))
                last = NEWLINE
                pos = m.end()
                continue
        if c not in _NOT_PLAIN:
            # Plain text: nothing but Freestyle can start here, so it matches
            # (no None test on the hottest line).
            end = freestyle(text, pos).end()  # type: ignore[union-attr]
            append((FREESTYLE, text[pos:end], pos))
            last = FREESTYLE
            pos = end
            continue
        end = -1
        if inference:
            if c == "/" or c == "<":
                end = sc.comment(pos, last)
                if end >= 0:
                    pos = end
                    continue
            if c == " " or c == "\t" or c == "\r" or c == "\n":
                m = _NEWLINE.match(text, pos)
                if m:
                    end, kind = m.end(), NEWLINE
                elif c == " " or c == "\t":
                    pos = _match_end(_SPACES, text, pos)
                    continue
            elif c == "\\":
                m = _ESCAPED.match(text, pos)
                if m:
                    end, kind = m.end(), ESCAPED
            if end < 0 and (c == "." or c == ":"):
                end, kind = sc.special(pos), SPECIAL
            if end < 0 and c == "-":
                m = _INF_END.match(text, pos)
                if m:
                    inference = False
                    end, kind = m.end(), INF_END
            if end < 0 and c == "{":
                end, kind = sc.data(pos), DATA
            if end < 0 and c == ",":
                end, kind = pos + 1, LIST_DELIM
            if end < 0:
                m = freestyle(text, pos) or _CONTROL.match(text, pos)
                if m is None:
                    _no_token(text, pos)
                end, kind = m.end(), FREESTYLE if m.re is _FREESTYLE else CONTROL
            append((kind, text[pos:end], pos))
            last = kind
            pos = end
            continue
        # Comments (skipped).
        if c == "/" or c == "<":
            end = sc.comment(pos, last)
            if end >= 0:
                pos = end
                continue
        if c == "=":
            end, kind = sc.front_matter(pos), FRONT_MATTER
        elif c == "{":
            end, kind = sc.data(pos), DATA
        elif c == "\\":
            m = _ESCAPED.match(text, pos)
            if m:
                end, kind = m.end(), ESCAPED
        elif c == "." or c == ":":
            end, kind = sc.special(pos), SPECIAL
            if end < 0:
                # nothing else starts with these: an unused control character
                end, kind = _match_end(_CONTROL, text, pos), CONTROL
        elif c in _ONLY_CONTROL:
            end, kind = _match_end(_CONTROL, text, pos), CONTROL
        if end < 0 and (c == " " or c == "\t" or c == "\r" or c == "\n"):
            if last != EMPTYLINE:
                m = _EMPTYLINE.match(text, pos)
                if m:
                    end, kind = m.end(), EMPTYLINE
                    if end < n:
                        dedent_all(pos)
            if end < 0:
                m = _NEWLINE.match(text, pos)
                if m:
                    end, kind = m.end(), NEWLINE
        if end < 0 and last in line_start:
            m = None
            if (last != EMPTYLINE) and (c == "-" or c == " " or c == "\t" or c == "'"):
                m = _INF_START.match(text, pos)
                if m:
                    dedent_all(pos)
                    inference = True
                    kind = INF_START
            if m is None and c in " \t'+-<>_":
                m = _RELATION.match(text, pos)
                if m:
                    kind = _REL_KINDS[m.lastindex or 0]
                    indent_to(len(m.group(1)), pos)
            if m is None and c == "#":
                m = _HEADING.match(text, pos)
                if m:
                    kind = HEADING
            if m is None and c in " \t'(":
                m = _STMT_NUMBER.match(text, pos)
                if m:
                    dedent_all(pos)
                    kind = STMT_NUMBER
            if m is None and (c in " \t'" or "0" <= c <= "9"):
                m = _OL_ITEM.match(text, pos)
                if m:
                    indent_to(len(m.group(1)) + 1, pos)
                    kind = OL_ITEM
            if m is None and c in " \t'*":
                m = _UL_ITEM.match(text, pos)
                if m:
                    indent_to(len(m.group(1)) + 1, pos)
                    kind = UL_ITEM
            if m is not None:
                end = m.end()
        if end < 0 and (c == "*" or c == "_"):
            m = None
            top = ranges[-1] if ranges else -1
            if toks:
                if c == "*":
                    if top == A_BOLD_START:
                        m = _A_BOLD_END.match(text, pos)
                        kind = A_BOLD_END
                    elif top == A_ITALIC_START:
                        m = _A_ITALIC_END.match(text, pos)
                        kind = A_ITALIC_END
                else:
                    if top == U_BOLD_START:
                        m = _U_BOLD_END.match(text, pos)
                        kind = U_BOLD_END
                    elif top == U_ITALIC_START:
                        m = _U_ITALIC_END.match(text, pos)
                        kind = U_ITALIC_END
                if m:
                    ranges.pop()
            if m is None:
                if c == "*":
                    m = _A_BOLD_START.match(text, pos)
                    kind = A_BOLD_START
                    if m is None:
                        m = _A_ITALIC_START.match(text, pos)
                        kind = A_ITALIC_START
                else:
                    m = _U_BOLD_START.match(text, pos)
                    kind = U_BOLD_START
                    if m is None:
                        m = _U_ITALIC_START.match(text, pos)
                        kind = U_ITALIC_START
                if m:
                    ranges.append(kind)
            if m is not None:
                end = m.end()
        if end < 0:
            if c == "[":
                end, kind = sc.link(pos), LINK
                if end < 0:
                    end, kind = sc.definition(pos), STMT_DEF
                if end < 0:
                    end, kind = sc.reference(pos), STMT_REF
            elif c == "#":
                end, kind = sc.tag(pos), TAG
            elif c == "@":
                if pos + 1 < n and text[pos + 1] in "[<":
                    end, kind = sc.mention(pos), STMT_MENTION if text[pos + 1] == "[" else ARG_MENTION
            elif c == "<":
                end, kind = sc.definition(pos), ARG_DEF
                if end < 0:
                    end, kind = sc.reference(pos), ARG_REF
            elif c == " " or c == "\t":
                pos = _match_end(_SPACES, text, pos)
                continue
        if end < 0:
            m = freestyle(text, pos) or _CONTROL.match(text, pos)
            if m is None:
                _no_token(text, pos)
            end, kind = m.end(), FREESTYLE if m.re is _FREESTYLE else CONTROL
        append((kind, text[pos:end], pos))
        last = kind
        pos = end
    if toks and toks[-1][0] == EMPTYLINE:
        toks.pop()
    dedent_all(n)
    return toks


def _match_end(pattern: re.Pattern[str], text: str, pos: int) -> int:
    """The end of *pattern*'s match at *pos*, which the caller knows is there."""
    m = pattern.match(text, pos)
    assert m is not None
    return m.end()


def _no_token(text: str, pos: int) -> NoReturn:
    ch = text[pos]
    msg = "a backslash must escape a character on the same line" if ch == "\\" else f"unexpected character {ch!r}"
    raise ParseError(msg, doc=text, pos=pos, show_line=True)
