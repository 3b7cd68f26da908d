"""The Argdown lexer: text to tokens, the way @argdown/core 1.7.5 cuts it.

The reference lexer (chevrotain, ``lexer.js``) tries its token patterns in a
fixed order at each position; several of them only match at the start of a
line (relations, statement numbers, list items, headings) and push
``Indent``/``Dedent`` tokens as a side effect.  This module follows the same
order and the same patterns, but dispatches on the first character so that
ordinary text costs one regular-expression match per run of text, and a
plain line (``  + text``) costs three.

A token is a tuple ``(kind, image, pos)``; ``pos`` is its offset in the text.
Whitespace and comments are skipped, as in the reference.
"""

from __future__ import annotations

import re

from argmap.errors import ParseError

__all__ = ["tokenize", "NAMES"]

# Token kinds, in the reference's order of precedence.
(
    FRONT_MATTER,
    DATA,
    ESCAPED,
    SPECIAL,
    EMPTYLINE,
    NEWLINE,
    DEDENT,
    INDENT,
    INF_START,
    IN_SUPPORT,  # +>  (the parent supports the child)
    IN_ATTACK,  # ->
    OUT_SUPPORT,  # + or <+  (the child supports the parent)
    OUT_ATTACK,  # - or <-
    CONTRADICTION,  # ><
    IN_UNDERCUT,  # _>
    OUT_UNDERCUT,  # <_ or _
    HEADING,
    STMT_NUMBER,
    OL_ITEM,
    UL_ITEM,
    A_BOLD_END,
    U_BOLD_END,
    A_ITALIC_END,
    U_ITALIC_END,
    A_BOLD_START,
    U_BOLD_START,
    A_ITALIC_START,
    U_ITALIC_START,
    LINK,
    TAG,
    STMT_DEF,
    STMT_REF,
    STMT_MENTION,
    ARG_DEF,
    ARG_REF,
    ARG_MENTION,
    FREESTYLE,
    CONTROL,
    INF_END,
    LIST_DELIM,
    EOF,
) = range(41)

NAMES = {
    FRONT_MATTER: "Front Matter (YAML)",
    DATA: "Meta Data (YAML)",
    ESCAPED: "\\{character} (Escaped Character)",
    SPECIAL: ".{name}. or :{name}: (Special Character)",
    EMPTYLINE: "{linebreak}{linebreak} (Empty Line)",
    NEWLINE: "{linebreak} (New Line)",
    DEDENT: "Dedent",
    INDENT: "Indent",
    INF_START: "-- (Inference Start)",
    IN_SUPPORT: "+> (Incoming Support)",
    IN_ATTACK: "-> (Incoming Attack)",
    OUT_SUPPORT: "<+ (Outgoing Support)",
    OUT_ATTACK: "<- (Outgoing Attack)",
    CONTRADICTION: ">< (Contradiction)",
    IN_UNDERCUT: "_> (Incoming Undercut)",
    OUT_UNDERCUT: "<_ (Outgoing Undercut)",
    HEADING: "# (Heading Start)",
    STMT_NUMBER: "(Number) (Statement Number)",
    OL_ITEM: "{Indentation}{number}. (Ordered List Item)",
    UL_ITEM: "{Indentation}* (Unordered List Item)",
    A_BOLD_END: "** (Bold End)",
    U_BOLD_END: "__ (Bold End)",
    A_ITALIC_END: "* (Italic End)",
    U_ITALIC_END: "_ (Italic End)",
    A_BOLD_START: "** (Bold Start)",
    U_BOLD_START: "__ (Bold Start)",
    A_ITALIC_START: "* (Italic Start)",
    U_ITALIC_START: "_ (Italic Start)",
    LINK: "[Title](Url) (Link)",
    TAG: "#tag-text or #(tag text) (Tag)",
    STMT_DEF: "[Statement Title]: (Statement Definition)",
    STMT_REF: "[Statement Title] (Statement Reference)",
    STMT_MENTION: "@[Statement Title] (Statement Mention)",
    ARG_DEF: "<Argument Title>: (Argument Definition)",
    ARG_REF: "<Argument Title> (Argument Reference)",
    ARG_MENTION: "@<Argument Title> (Argument Mention)",
    FREESTYLE: "Text Content",
    CONTROL: "Text Content (Control Characters)",
    INF_END: "-- (Inference End)",
    LIST_DELIM: ",",
    EOF: "EOF",
}

RELATIONS = frozenset({IN_SUPPORT, IN_ATTACK, OUT_SUPPORT, OUT_ATTACK, CONTRADICTION, IN_UNDERCUT, OUT_UNDERCUT})

# JavaScript's "." (no line terminators).
_DOT = "[^\\n\\r\\u2028\\u2029]"
_NL = "(?:\\r\\n|\\n|\\r)"
_COMMENT_BODY = rf"(?:<!--[\s\S]*?-->|/\*[\s\S]*?\*/|//{_DOT}*?(?=\r\n|\n|\r))"
_COMMENT = re.compile(_COMMENT_BODY)
_COMMENT_AFTER_EMPTYLINE = re.compile(rf"{_COMMENT_BODY}(?:[ \t]*\r\n|\n|\r)*")
_COMMENT_AFTER_NEWLINE = re.compile(rf"{_COMMENT_BODY}(?:[ \t]*{_NL}(?![ \t]*{_NL}))?")
_FRONT_MATTER = re.compile(r"===+[\s\S]*?===+")
_DATA = re.compile(r"\{(?:(?!\}\s[^,}])[^\r\u2028\u2029])*\}(?!\s*[,}])")
_ESCAPED = re.compile(rf"\\{_DOT} *")
_SPECIAL = re.compile(r"\.[^\s]+?\.[ \t]?|:[^\s]+?:[ \t]?")
_EMPTYLINE = re.compile(rf"(?:[ \t]*(?:\r\n|\n)){{2,}}")
_NEWLINE = re.compile(rf"[ \t]*{_NL}")
_INF_START = re.compile(r"[' \t]*--")
_RELATION = re.compile(r"([' \t]*)(?:(\+>)|(->)|(<?\+)|(<?-)|(><)|(_>)|(<_|_(?=\s)))")
_REL_KINDS = (None, None, IN_SUPPORT, IN_ATTACK, OUT_SUPPORT, OUT_ATTACK, CONTRADICTION, IN_UNDERCUT, OUT_UNDERCUT)
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
_LINK = re.compile(r"\[[^\]]+?\]\([^)]+?\)[ \t]?")
_TAG = re.compile("#(?:\\([^)]+\\)|[a-zA-z0-9\\-\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef]+)[ \t]?")
_STMT_DEF = re.compile(rf"\[{_DOT}+?\]:")
_STMT_REF = re.compile(rf"\[[^-]{_DOT}*?\]")
_STMT_MENTION = re.compile(rf"@\[{_DOT}+?\][ \t]?")
_ARG_DEF = re.compile(rf"<{_DOT}+?>:")
_ARG_REF = re.compile(rf"<[^-]{_DOT}*?>")
_ARG_MENTION = re.compile(rf"@<{_DOT}+?>[ \t]?")
_SPACES = re.compile(r"[ \t]+")
_FREESTYLE = re.compile(r"[^\\@#*_\[\],.:;</>\-\r\n(){}]+")
_CONTROL = re.compile(r"[@#*_\[\],.:;</>\-(){}][ \t]?")
_INF_END = re.compile(r"-{2,}")
_INF_FREESTYLE = _FREESTYLE

_TEXT_CHARS = r"[^\\@#*_\[\],.:;</>\-\r\n(){}]"
_FIRST_CHAR = r"[^\\@#*_\[\],.:;</>\-\r\n(){}=' \t0-9+]"
_LINE_END = r"(\.[ \t]?)?([ \t]*(?:\r\n|\n|\r))(?![ \t]*(?:\r\n|\n))"
_FAST_RELATION = re.compile(
    rf"([' \t]*)(?:(\+>)|(->)|(<?\+)|(<?-))[ \t]+(?:(\[[^\]\r\n\u2028\u2029]+\]:)[ \t]*)?({_FIRST_CHAR}{_TEXT_CHARS}*){_LINE_END}"
)
_FAST_TEXT = re.compile(rf"({_FIRST_CHAR}{_TEXT_CHARS}*){_LINE_END}")
_FAST_RELATION_START = frozenset(" \t'+-<")
_CONTROLS = frozenset("@#*_[],.:;</>-(){}")
# Characters that start nothing but an unused control character.
_ONLY_CONTROL = frozenset(",;)]}")
_SPECIALS = frozenset("\\@#*_[],.:;</>-(){}\r\n")
_NOT_PLAIN = _SPECIALS | frozenset(" \t'+=0123456789")


def tokenize(text: str) -> list[tuple[int, str, int]]:
    """The tokens of *text*, ending with the remaining Dedents (no EOF token)."""
    toks: list[tuple[int, str, int]] = []
    append = toks.append
    indents = [0]
    ranges: list[int] = []  # open bold/italic ranges, by start kind
    n = len(text)
    pos = 0
    last = -1  # kind of the last token, -1 before the first
    inference = False

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
    fast_relation = _FAST_RELATION.match
    fast_text = _FAST_TEXT.match
    while pos < n:
        c = text[pos]
        if (last == NEWLINE or last == EMPTYLINE or last == -1) and not inference:
            # Fast paths for the two commonest lines, "  + Some text." and
            # "Some text.": the same tokens as the general loop below makes.
            m = fast_relation(text, pos) if c in _FAST_RELATION_START else fast_text(text, pos) if c not in _NOT_PLAIN else None
            if m is not None:
                if c in _FAST_RELATION_START:
                    symbol = m.group(2) or m.group(3) or m.group(4) or m.group(5)
                    kind = IN_SUPPORT if m.group(2) else IN_ATTACK if m.group(3) else OUT_SUPPORT if m.group(4) else OUT_ATTACK
                    width = m.end(1) - pos
                    if width != indents[-1]:
                        indent_to(width, pos)
                    append((kind, text[pos : m.end(1) + len(symbol)], pos))
                    if m.group(6) is not None:
                        append((STMT_DEF, m.group(6), m.start(6)))
                    append((FREESTYLE, m.group(7), m.start(7)))
                    dot, nl = 8, 9
                else:
                    append((FREESTYLE, m.group(1), pos))
                    dot, nl = 2, 3
                if m.group(dot) is not None:
                    append((CONTROL, m.group(dot), m.start(dot)))
                append((NEWLINE, m.group(nl), m.start(nl)))
                last = NEWLINE
                pos = m.end()
                continue
        if c not in _NOT_PLAIN:
            # Plain text: nothing but Freestyle can start here.
            m = freestyle(text, pos)
            end = m.end()
            append((FREESTYLE, text[pos:end], pos))
            last = FREESTYLE
            pos = end
            continue
        if inference:
            m = None
            if c == "/" or c == "<":
                m = _comment(text, pos, last)
                if m:
                    pos = m.end()
                    continue
            if c == " " or c == "\t" or c == "\r" or c == "\n":
                m = _NEWLINE.match(text, pos)
                if m:
                    kind = NEWLINE
                elif c == " " or c == "\t":
                    pos = _SPACES.match(text, pos).end()
                    continue
            elif c == "\\":
                m = _ESCAPED.match(text, pos)
                kind = ESCAPED
            if m is None and (c == "." or c == ":"):
                m = _SPECIAL.match(text, pos)
                kind = SPECIAL
            if m is None and c == "-":
                m = _INF_END.match(text, pos)
                if m:
                    inference = False
                    kind = INF_END
            if m is None and c == "{":
                m = _DATA.match(text, pos)
                kind = DATA
            if m is None and c == ",":
                m = _COMMA_MATCH(text, pos)
                kind = LIST_DELIM
            if m is None:
                m = freestyle(text, pos)
                kind = FREESTYLE
                if m is None:
                    m = _CONTROL.match(text, pos)
                    kind = CONTROL
            if m is None:
                _no_token(text, pos)
            end = m.end()
            append((kind, text[pos:end], pos))
            last = kind
            pos = end
            continue
        m = None
        # Comments (skipped).
        if c == "/" or c == "<":
            m = _comment(text, pos, last)
            if m:
                pos = m.end()
                continue
        if c == "=":
            m = _FRONT_MATTER.match(text, pos)
            if m:
                kind = FRONT_MATTER
        elif c == "{":
            m = _DATA.match(text, pos)
            if m:
                kind = DATA
        elif c == "\\":
            m = _ESCAPED.match(text, pos)
            if m:
                kind = ESCAPED
        elif c == "." or c == ":":
            m = _SPECIAL.match(text, pos)
            if m:
                kind = SPECIAL
            else:
                # nothing else starts with these: an unused control character
                m = _CONTROL.match(text, pos)
                kind = CONTROL
        elif c in _ONLY_CONTROL:
            m = _CONTROL.match(text, pos)
            kind = CONTROL
        if m is None and (c == " " or c == "\t" or c == "\r" or c == "\n"):
            if last != EMPTYLINE:
                m = _EMPTYLINE.match(text, pos)
                if m:
                    if m.end() < n:
                        dedent_all(pos)
                    kind = EMPTYLINE
            if m is None:
                m = _NEWLINE.match(text, pos)
                if m:
                    kind = NEWLINE
        if m is None:
            at_line_start = last == -1 or last == NEWLINE or last == EMPTYLINE
            if at_line_start:
                if (last != EMPTYLINE) and (c == "-" or c == " " or c == "\t" or c == "'"):
                    m = _INF_START.match(text, pos)
                    if m:
                        dedent_all(pos)
                        inference = True
                        kind = INF_START
                if m is None and c in " \t'+-<>_":
                    m = _RELATION.match(text, pos)
                    if m:
                        kind = _REL_KINDS[m.lastindex]
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
        if m is None and (c == "*" or c == "_"):
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
        if m is None:
            if c == "[":
                m = _LINK.match(text, pos)
                kind = LINK
                if m is None:
                    m = _STMT_DEF.match(text, pos)
                    kind = STMT_DEF
                if m is None:
                    m = _STMT_REF.match(text, pos)
                    kind = STMT_REF
            elif c == "#":
                m = _TAG.match(text, pos)
                kind = TAG
            elif c == "@":
                m = _STMT_MENTION.match(text, pos)
                kind = STMT_MENTION
                if m is None:
                    m = _ARG_MENTION.match(text, pos)
                    kind = ARG_MENTION
            elif c == "<":
                m = _ARG_DEF.match(text, pos)
                kind = ARG_DEF
                if m is None:
                    m = _ARG_REF.match(text, pos)
                    kind = ARG_REF
            elif c == " " or c == "\t":
                pos = _SPACES.match(text, pos).end()
                continue
        if m is None:
            m = freestyle(text, pos)
            kind = FREESTYLE
            if m is None:
                m = _CONTROL.match(text, pos)
                kind = CONTROL
            if m is None:
                _no_token(text, pos)
        end = m.end()
        append((kind, text[pos:end], pos))
        last = kind
        pos = end
    if toks and toks[-1][0] == EMPTYLINE:
        toks.pop()
    dedent_all(n)
    return toks


def _COMMA_MATCH(text: str, pos: int):  # noqa: N802 - a matcher like the others
    return _COMMA.match(text, pos)


_COMMA = re.compile(",")


def _comment(text: str, pos: int, last: int):
    if last == EMPTYLINE:
        return _COMMENT_AFTER_EMPTYLINE.match(text, pos)
    if last == NEWLINE:
        return _COMMENT_AFTER_NEWLINE.match(text, pos)
    return _COMMENT.match(text, pos)


def _no_token(text: str, pos: int) -> None:
    ch = text[pos]
    if ch == "\\":
        msg = "a backslash must escape a character on the same line"
    else:
        msg = f"unexpected character {ch!r}"
    raise ParseError(msg, doc=text, pos=pos)
