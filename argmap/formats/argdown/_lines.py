"""Whole lines as one token: the lexer's fast paths for the commonest lines.

A relation line (``  + [Title]: Some text, with **bold** words. #tag``) and a
line of text are each matched by one regular expression; the lexer gives the
line as one LINE_REL or LINE_TEXT token holding the match
(:func:`~._lexer.tokenize_lines`), or the tokens it stands for
(:func:`expand`), exactly those that its general loop makes of the line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import cast

from argmap.formats.argdown._tokens import (
    A_BOLD_END,
    A_BOLD_START,
    CONTROL,
    FREESTYLE,
    LINE_REL,
    NEWLINE,
    STMT_DEF,
    SYMBOL_KINDS,
    TAG,
    Line,
    Token,
)

__all__ = ["FAST_RELATION", "FAST_TEXT", "TAG_CHARS", "expand"]

#: The characters of a tag's word (the reference's pattern, ``A-z`` and all).
TAG_CHARS = "[a-zA-z0-9\\-\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef]"

# The fast paths' patterns: possessive (``*+``), since a line without a line
# break at its end must fail at once rather than try every shorter run of
# text against the spaces after it.
_TEXT_CHARS = r"[^\\@#*_\[\],.:;</>\-\r\n(){}]"
_FIRST_CHAR = r"[^\\@#*_\[\],.:;</>\-\r\n(){}=' \t0-9+]"
_LINE_END = rf"(\.[ \t]?)?(#{TAG_CHARS}++[ \t]?)?([ \t]*(?:\r\n|\n|\r))(?![ \t]*(?:\r\n|\n))"
# A line's text: runs of text (Freestyle), bold text (** Freestyle **, its
# end followed by a space, which it takes, or by what ends a run: the reader
# drops a tab that a bold end takes, so that is left to the general loop),
# and between them a comma or semicolon (and a space or tab), or a full stop
# and one.  A run never starts with a space or tab (the lexer skips those,
# and the text would lose them) nor with what may start something else there.
_RUN = rf"{_FIRST_CHAR}{_TEXT_CHARS}*+"
_BOLD = rf"\*\*(?={_FIRST_CHAR}){_TEXT_CHARS}++\*\*(?: |(?=[.,;!?\r\n]))"
_CONTENT = rf"(?:{_RUN}|{_BOLD})(?:{_RUN}|{_BOLD}|[,;][ \t]?|\.[ \t])*+"
#: A relation line: its indentation (1), relation symbol (2), statement
#: definition (3), text (4), full stop (5), tag (6) and line break (7).
FAST_RELATION = re.compile(
    rf"([' \t]*)(\+>|->|<?\+|<?-)[ \t]+(?:(\[[^\]\r\n\u2028\u2029]+\]:)[ \t]*)?({_CONTENT}){_LINE_END}"
)
#: A line of text: the text (1), full stop (2), tag (3) and line break (4).
FAST_TEXT = re.compile(rf"((?={_FIRST_CHAR}){_CONTENT}){_LINE_END}")
# The tokens of a line's text (see _content_tokens).
_SPLIT = re.compile("[*,;.]")
_PIECE = re.compile(rf"(\*\* ?)|([,;][ \t]?|\.[ \t])|{_TEXT_CHARS}+")


def expand(tokens: list[Line]) -> list[Token]:
    """The tokens that the lines among *tokens* stand for."""
    out: list[Token] = []
    append = out.append
    for tok in tokens:
        kind, m = tok[0], tok[1]
        if isinstance(m, str):
            append(cast(Token, tok))
            continue
        if kind == LINE_REL:
            append((SYMBOL_KINDS[m[2]], m.string[tok[2] : m.end(2)], tok[2]))
            if m[3] is not None:
                append((STMT_DEF, m[3], m.start(3)))
            _content_tokens(m[4], m.start(4), append)
            dot = 5
        else:
            _content_tokens(m[1], tok[2], append)
            dot = 2
        if m[dot] is not None:
            append((CONTROL, m[dot], m.start(dot)))
        if m[dot + 1] is not None:
            append((TAG, m[dot + 1], m.start(dot + 1)))
        append((NEWLINE, m[dot + 2], m.start(dot + 2)))
    return out


def _content_tokens(content: str, at: int, append: Callable[[Token], None]) -> None:
    """The tokens of a line's text *content* (at offset *at*), as _CONTENT
    matched it: each run of text is one Freestyle token (it stops only at
    "*", ",", ";" and "."), each "**" a bold start or end (an end takes the
    space after it), each punctuation mark a Control token."""
    if not _SPLIT.search(content):
        append((FREESTYLE, content, at))
        return
    bold = False
    for m in _PIECE.finditer(content):
        if m.lastindex == 1:
            kind = A_BOLD_END if bold else A_BOLD_START
            bold = not bold
        else:
            kind = CONTROL if m.lastindex == 2 else FREESTYLE
        append((kind, m.group(), at + m.start()))
