"""Argdown's tokens: their kinds, in the reference's order of precedence,
and their names (for messages); see :mod:`._lexer`.

A token is a tuple ``(kind, image, pos)``; ``pos`` is its offset in the text.
"""

from __future__ import annotations

from typing import Any, TypeAlias

__all__ = [
    "ARG_DEF",
    "ARG_MENTION",
    "ARG_REF",
    "A_BOLD_END",
    "A_BOLD_START",
    "A_ITALIC_END",
    "A_ITALIC_START",
    "CONTRADICTION",
    "CONTROL",
    "DATA",
    "DEDENT",
    "EMPTYLINE",
    "EOF",
    "ESCAPED",
    "FREESTYLE",
    "FRONT_MATTER",
    "HEADING",
    "INDENT",
    "INF_END",
    "INF_START",
    "IN_ATTACK",
    "IN_SUPPORT",
    "IN_UNDERCUT",
    "LINE_REL",
    "LINE_TEXT",
    "LINK",
    "LIST_DELIM",
    "Line",
    "NAMES",
    "NEWLINE",
    "OL_ITEM",
    "OUT_ATTACK",
    "OUT_SUPPORT",
    "OUT_UNDERCUT",
    "RELATIONS",
    "SPECIAL",
    "STMT_DEF",
    "STMT_MENTION",
    "STMT_NUMBER",
    "STMT_REF",
    "SYMBOL_KINDS",
    "TAG",
    "Token",
    "UL_ITEM",
    "U_BOLD_END",
    "U_BOLD_START",
    "U_ITALIC_END",
    "U_ITALIC_START",
]

#: A token: its kind (one of the constants below), its text and its offset.
Token: TypeAlias = tuple[int, str, int]

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
    LINE_REL,
    LINE_TEXT,
) = range(43)

# LINE_REL and LINE_TEXT are whole lines in one token (:func:`tokenize_lines`):
# a relation line ``  + [Title]: Some text.`` and a line of
# text; the token's second item is the line's match, from which :func:`expand`
# makes the tokens the line stands for (see :data:`_FAST_RELATION`).

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

#: The kind of each relation symbol of a LINE_REL token (its match's group 2).
SYMBOL_KINDS = {
    "+>": IN_SUPPORT,
    "->": IN_ATTACK,
    "+": OUT_SUPPORT,
    "<+": OUT_SUPPORT,
    "-": OUT_ATTACK,
    "<-": OUT_ATTACK,
}

#: A token of :func:`tokenize_lines`: a token, or a LINE_REL or LINE_TEXT
#: token whose second item is the line's ``re.Match``.
Line: TypeAlias = tuple[int, Any, int]
