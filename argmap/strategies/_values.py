"""Strategies for the parts of a map: texts, ids, claims, sources, quotes, data."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from argmap.model import Claim, Quote, Source

__all__ = ["claim_texts", "claims", "ids", "quotes", "sources"]

# The characters the model accepts in a text (see argmap.model._BAD_CHAR): no
# control characters but tab and newline, no surrogates, no noncharacters.
_NONCHARACTERS = "".join(chr(c) for c in range(0xFDD0, 0xFDF0)) + "".join(
    chr(p * 0x10000 + 0xFFFE) + chr(p * 0x10000 + 0xFFFF) for p in range(17)
)
TEXT_CHARS = st.characters(
    exclude_categories=("Cc", "Cs"),
    exclude_characters=_NONCHARACTERS,
    include_characters="\t\n",
)
# Ids may not hold tabs or newlines either.
ID_CHARS = st.characters(exclude_categories=("Cc", "Cs"), exclude_characters=_NONCHARACTERS)


# --------------------------------------------------------------------------
# Checking arguments up front, as Hypothesis's own strategies do


def check_type(value: Any, types: type | tuple[type, ...], name: str) -> None:
    if not isinstance(value, types) or (isinstance(value, bool) and types is int):
        names = types.__name__ if isinstance(types, type) else " or ".join(t.__name__ for t in types)
        msg = f"{name}={value!r} must be {names}, not {type(value).__name__}"
        raise InvalidArgument(msg)


def check_bool(value: Any, name: str) -> None:
    if not isinstance(value, bool):
        msg = f"{name}={value!r} must be True or False"
        raise InvalidArgument(msg)


def check_size(value: Any, name: str, *, at_least: int = 0, optional: bool = False) -> None:
    if value is None and optional:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        msg = f"{name}={value!r} must be an integer"
        raise InvalidArgument(msg)
    if value < at_least:
        msg = f"{name}={value!r} must be at least {at_least}"
        raise InvalidArgument(msg)


def check_range(lo: int, hi: int | None, lo_name: str, hi_name: str) -> None:
    if hi is not None and hi < lo:
        msg = f"{lo_name}={lo!r} is more than {hi_name}={hi!r}"
        raise InvalidArgument(msg)


def check_strategy(value: Any, name: str, *, optional: bool = True) -> None:
    if value is None and optional:
        return
    if not isinstance(value, st.SearchStrategy):
        msg = f"{name}={value!r} must be a Hypothesis strategy, not {type(value).__name__}"
        raise InvalidArgument(msg)


# --------------------------------------------------------------------------
# Texts and ids


def _non_blank(text: str) -> str:
    # Cheaper than a filter (which costs Hypothesis a second draw): a blank
    # text gets a "0" in front, so the strategy still shrinks to "0".
    return text if text.strip() else "0" + text[1:]


def _trimmed(text: str) -> str:
    return text.strip() or "0"


def claim_texts(*, min_size: int = 1, max_size: int = 40) -> st.SearchStrategy[str]:
    """Texts the model accepts for a claim (and for titles, tags and schemes).

    Any Unicode text that is not blank and has no control character (tab and
    newline excepted), surrogate or noncharacter.  Shrinks towards ``"0"``.
    """
    check_size(min_size, "min_size", at_least=1)
    check_size(max_size, "max_size", at_least=1)
    check_range(min_size, max_size, "min_size", "max_size")
    return st.text(TEXT_CHARS, min_size=min_size, max_size=max_size).map(_non_blank)


def ids(*, max_size: int = 12) -> st.SearchStrategy[str]:
    """Ids the model accepts for claims and relations: non-empty text without
    surrounding white space, tabs, newlines or other control characters.

    Maps drawn by :func:`~argmap.strategies.argument_maps` number their items
    ``c1, c2, ...`` and ``r1, r2, ...`` unless given ``ids=ids()``.
    """
    check_size(max_size, "max_size", at_least=1)
    return st.text(ID_CHARS, min_size=1, max_size=max_size).map(_trimmed)


_DEFAULT_IDS = ids()


# --------------------------------------------------------------------------
# JSON-like data, tags, titles


_JSON_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-(2**53), 2**53)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(TEXT_CHARS, max_size=10)
)
_KEYS = st.text(TEXT_CHARS, max_size=8)


def data_mappings() -> st.SearchStrategy[dict[str, Any]]:
    """Small JSON-like mappings for ``data`` fields (what
    :func:`argmap.model.freeze` accepts and every JSON writer can write):
    scalars, and lists and mappings of scalars, two levels deep."""
    values = _JSON_SCALARS | st.lists(_JSON_SCALARS, max_size=3) | st.dictionaries(_KEYS, _JSON_SCALARS, max_size=2)
    return st.dictionaries(_KEYS, values, max_size=3)


def tag_lists() -> st.SearchStrategy[list[str]]:
    return st.lists(claim_texts(max_size=10), max_size=2)


def optional_texts(max_size: int = 20) -> st.SearchStrategy[str | None]:
    return st.none() | claim_texts(max_size=max_size)


_URLS = st.text("abc/#?=19", max_size=8).map("https://example.org/".__add__)


# --------------------------------------------------------------------------
# Claims, sources, quotes


@st.composite
def _unsourced_quotes(draw: st.DrawFn) -> Quote:
    text = draw(st.text(TEXT_CHARS, min_size=1, max_size=20))
    if draw(st.booleans()):
        start = draw(st.integers(0, 10_000))
        return Quote(text, start, start + len(text))
    return Quote(text)


def claims(
    *, ids: st.SearchStrategy[str] | None = None, texts: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[Claim]:
    """Claims on their own: an id, a text, and sometimes a quote (no source
    to check it against, so located or not), tags, data and a base score.

    Any drawn claim is valid in a map without a source.  ``st.from_type(Claim)``
    gives this strategy.
    """
    check_strategy(ids, "ids")
    check_strategy(texts, "texts")
    return st.builds(
        Claim,
        ids if ids is not None else _DEFAULT_IDS,
        texts if texts is not None else claim_texts(),
        quote=st.none() | _unsourced_quotes(),
        tags=tag_lists(),
        data=st.none() | data_mappings(),
        base_score=st.none() | st.floats(0, 1),
    )


def sources(*, min_size: int = 1, max_size: int = 200) -> st.SearchStrategy[Source]:
    """Sources: a text of *min_size* to *max_size* characters (the same
    characters claim texts may hold, blank allowed), sometimes a title and a url."""
    check_size(min_size, "min_size", at_least=0)
    check_size(max_size, "max_size", at_least=0)
    check_range(min_size, max_size, "min_size", "max_size")
    return st.builds(
        Source,
        st.text(TEXT_CHARS, min_size=min_size, max_size=max_size),
        title=optional_texts(),
        url=st.none() | _URLS,
    )


def quotes(source: Source | str, *, max_size: int = 40) -> st.SearchStrategy[Quote]:
    """Located quotes of *source* (a :class:`~argmap.model.Source` or its
    text): ``Quote(text, start, end)`` with ``source.text[start:end] == text``
    and at most *max_size* characters.  Shrinks towards the first character.
    """
    if isinstance(source, Source):
        text = source.text
    elif isinstance(source, str):
        text = source
    else:
        msg = f"source={source!r} must be a Source or a str, not {type(source).__name__}"
        raise InvalidArgument(msg)
    check_type(text, str, "source.text")
    if not text:
        msg = "source text is empty: there is nothing to quote"
        raise InvalidArgument(msg)
    check_size(max_size, "max_size", at_least=1)
    return _quotes(text, max_size)


@st.composite
def _quotes(draw: st.DrawFn, text: str, max_size: int) -> Quote:
    start = draw(st.integers(0, len(text) - 1))
    end = start + draw(st.integers(1, min(max_size, len(text) - start)))
    return Quote(text[start:end], start, end)
