"""Argdown texts, for testing Argdown readers: argdown_texts."""

from __future__ import annotations

import warnings

from hypothesis import strategies as st

from argmap.model import ArgumentMap
from argmap.strategies._maps import argument_maps
from argmap.strategies._values import check_bool, check_size, check_strategy, claim_texts

__all__ = ["argdown_texts"]

# Pieces of Argdown lines: the syntax the reader knows, and its edge cases.
_INDENTS = st.sampled_from(["", "", " ", "  ", "    ", "\t", "  \t", "'"])
_RELATIONS = st.sampled_from(["+ ", "- ", "<+ ", "<- ", "+> ", "-> ", ">< ", "_> ", "<_ ", "_ ", "+", "-", ""])
_WORDS = st.sampled_from(
    [
        "text",
        "A",
        "[A]",
        "[A]:",
        "[Title with spaces]: ",
        "<B>",
        "<B>:",
        "@[A]",
        "@<B>",
        "#tag",
        "#(long tag)",
        "[link](https://x.org)",
        "*it*",
        "**bold**",
        "_u_",
        "__b__",
        "*",
        "**",
        "_",
        "\\",
        "\\[",
        "\\*",
        ".~.",
        ":A:",
        "{a: 1}",
        "{",
        "}",
        "<!--",
        "-->",
        "<!-- c -->",
        "/*",
        "*/",
        "// c",
        "(1)",
        "(2)",
        "1.",
        "* ",
        "#",
        "# ",
        "--",
        "----",
        "-- rule --",
        "===",
        ",",
        ":",
        ".",
        " ",
        "\t",
        "é",
        "☃",
    ]
)


@st.composite
def _line(draw: st.DrawFn) -> str:
    head = draw(_INDENTS) + draw(_RELATIONS)
    words = draw(st.lists(_WORDS, max_size=6))
    return head + " ".join(words)


@st.composite
def _noisy(draw: st.DrawFn, max_lines: int) -> str:
    lines = draw(st.lists(st.one_of(_line(), st.just(""), st.text(max_size=10)), max_size=max_lines))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    return newline.join(lines) + draw(st.sampled_from(["", newline]))


def _dumps(m: ArgumentMap) -> str:
    from argmap.formats.argdown import dumps

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return dumps(m)


def argdown_texts(
    *, maps: st.SearchStrategy[ArgumentMap] | None = None, valid: bool = False, max_lines: int = 12
) -> st.SearchStrategy[str]:
    """Argdown texts.

    With ``valid=True``, documents that :func:`argmap.formats.argdown.dumps`
    wrote for maps drawn from *maps* (default :func:`argument_maps` with
    single-line texts), which :func:`argmap.formats.argdown.loads` must read.
    Otherwise, texts made of up to *max_lines* lines of Argdown syntax and its
    edge cases (relations at any indentation, titles, tags, comments, escapes,
    premise-conclusion structures, unbalanced ranges, stray text) in any
    line-ending convention: a reader must return a map or raise ParseError.
    """
    check_bool(valid, "valid")
    check_strategy(maps, "maps")
    check_size(max_lines, "max_lines", at_least=1)
    if valid:
        if maps is None:
            maps = argument_maps(texts=claim_texts().filter(lambda t: "\n" not in t))
        return maps.map(_dumps)
    if maps is not None:
        return st.one_of(_noisy(max_lines), maps.map(_dumps))
    return _noisy(max_lines)
