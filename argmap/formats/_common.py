"""Helpers shared by the JSON-based formats (argmap's own JSON, AIF, SADFace).

Reading JSON text the strict way argmap's own format does (duplicate keys,
``NaN``, huge numbers and bad UTF-8 are errors with a line and column), and
building canonical frozen ``data`` values cheaply from freshly parsed JSON.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterator
from itertools import chain
from typing import Any

from argmap.errors import DataError, FormatError, ParseError
from argmap.formats._decode import decode
from argmap.formats._json_plain import count_literals
from argmap.model import EMPTY, FrozenDict, freeze

__all__ = ["decode", "fast_frozen", "freeze_at", "parse_json", "parse_json_plain", "tally", "type_name"]

_SURROGATE = re.compile("[\ud800-\udfff]")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def parse_json(text: str | bytes) -> tuple[Any, bool]:
    """The JSON value in *text*, and whether it is certainly free of lone
    surrogates (so that strings taken from it need no further check)."""
    text = decode(text)
    try:
        data = json.loads(
            text,
            object_pairs_hook=_no_duplicates,
            parse_constant=_no_constant,
            parse_int=_int,
            parse_float=_float,
        )
    except json.JSONDecodeError as e:
        raise ParseError(e.msg, doc=text, pos=e.pos) from None
    except _DuplicateKey as e:
        raise ParseError(
            f"duplicate key {e.args[0]!r} in an object", doc=text, pos=_find_key(text, e.args[0])
        ) from None
    except _Constant as e:
        raise ParseError(f"{e.args[0]} is not a JSON number", doc=text, pos=_find_token(text, e.args[0])) from None
    except _BadNumber as e:
        number, why = e.args
        shown = number if len(number) <= 20 else number[:17] + "..."
        raise ParseError(f"number {shown} {why}", doc=text, pos=_find_token(text, number)) from None
    except RecursionError:
        raise ParseError("the document is nested too deeply", doc=text, pos=0) from None
    return data, _clean(text)


def parse_json_plain(text: str) -> tuple[Any, int, bool] | None:
    """The quick half of :func:`parse_json`: the value :func:`json.loads`
    gives without hooks, the number of string literals in *text* (keys
    included), and whether it is certainly free of lone surrogates; None
    when json.loads refuses *text* (then :func:`parse_json` says why).

    json.loads keeps the last of two equal keys, and reads ``NaN`` and
    numbers the strict parser refuses.  The value is the strict parser's
    exactly when :func:`tally` finds as many strings in it as *text* has
    literals and no such number: a repeated key drops a string (the key).
    """
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):  # JSONDecodeError is a ValueError, and so is a too long integer
        return None
    return value, count_literals(text), _clean(text)


def tally(value: Any) -> tuple[int, int] | None:
    """The strings in *value*, a value :func:`json.loads` made (each key of
    each object and each string value), and the depth of the deepest
    object or array (0 for *value* itself); None if it holds a number the
    strict parser refuses (not finite, or too many digits).

    One step a level of nesting, each with C-level counting, so that a list
    of many small objects costs little."""
    strings = 0
    depth = -1
    dicts: list[dict[str, Any]] = []
    lists: list[list[Any]] = [[value]]
    while True:  # one level of nesting a step: the values in *dicts* and *lists*
        kinds = Counter(map(type, _values(dicts, lists)))
        strings += kinds[str]
        if kinds[int] and any(abs(v) >= _TOO_BIG for v in _values(dicts, lists) if type(v) is int):
            return None
        if kinds[float] and not all(map(math.isfinite, [v for v in _values(dicts, lists) if type(v) is float])):
            return None
        n_dicts, n_lists = kinds[dict], kinds[list]
        if not n_dicts and not n_lists:
            return strings, depth
        depth += 1
        if n_dicts == kinds.total():
            dicts, lists = list(_values(dicts, lists)), []
        else:
            dicts, lists = (
                [v for v in _values(dicts, lists) if type(v) is dict],
                [v for v in _values(dicts, lists) if type(v) is list],
            )
        strings += sum(map(len, dicts))


def _values(dicts: list[dict[str, Any]], lists: list[list[Any]]) -> Iterator[Any]:
    """The values of the objects *dicts* and the items of the arrays *lists*."""
    return chain(chain.from_iterable(map(dict.values, dicts)), chain.from_iterable(lists))


def _clean(text: str) -> bool:
    """Whether strings parsed from JSON *text* certainly hold no lone surrogate:
    none in the text itself, and no ``\\uD800``-``\\uDFFF`` escape (cheap
    tests first: ASCII text has no surrogate, and most has no escape)."""
    if not text.isascii() and _SURROGATE.search(text) is not None:
        return False
    return "\\" not in text or "\\u" not in text or _SURROGATE_ESCAPE.search(text) is None


_CANONICAL = (str, int, float, bool, type(None), tuple, FrozenDict)
_CANONICAL_TYPES = frozenset(_CANONICAL)


def fast_frozen(d: dict[str, Any], where: str, clean: bool) -> FrozenDict:
    """*d* (a dict just parsed from JSON, owned by the caller) as a frozen
    ``data`` mapping.  A flat dict of scalars from a document known to hold
    no lone surrogates is wrapped without copying; anything else goes through
    :func:`argmap.model.freeze`, which checks it (a FormatError names *where*).
    """
    if not d:
        return EMPTY
    if clean:
        # Tuples and FrozenDicts never come from json.loads: they were put
        # there already frozen by the caller.
        for v in d.values():
            if type(v) not in _CANONICAL_TYPES and not isinstance(v, _CANONICAL):
                break
        else:
            return FrozenDict._adopt(d)
    try:
        return freeze(d, where)
    except DataError as e:
        raise FormatError(e.reason, where=e.where) from None


_JSON_SCALAR_TYPES = frozenset({str, int, float, bool, type(None)})


def frozen_parsed(value: Any, where: str) -> Any:
    """:func:`freeze_at` for a value json.loads made (owned by the caller)
    from a text free of lone surrogates, whose numbers :func:`tally` found
    valid: nothing in it can be refused then, so the usual shapes (an
    object or array of plain values, an array of such objects) are frozen
    in a few passes that run in C, their dicts adopted as they are; any
    other goes through :func:`freeze_at` (the same value: equal, and with
    the same order)."""
    t = type(value)
    if t in _JSON_SCALAR_TYPES:
        return value
    if t is dict:
        if _JSON_SCALAR_TYPES.issuperset(map(type, value.values())):
            return FrozenDict._adopt(value)
    elif t is list:
        kinds = set(map(type, value))
        if _JSON_SCALAR_TYPES.issuperset(kinds):
            return tuple(value)
        if kinds == {dict} and _JSON_SCALAR_TYPES.issuperset(map(type, chain.from_iterable(map(dict.values, value)))):
            return tuple(map(FrozenDict._adopt, value))
    return freeze_at(value, where)


def freeze_at(value: Any, where: str) -> Any:
    """Any JSON value in frozen form (a FormatError names *where*)."""
    try:
        return freeze({"v": value}, where)["v"] if not isinstance(value, dict) else freeze(value, where)
    except DataError as e:
        raise FormatError(e.reason, where=e.where.replace(f"{where}.v", where)) from None


def type_name(value: Any) -> str:
    """How a JSON value is named in messages ("an object", "a string", ...)."""
    return {dict: "an object", list: "an array", str: "a string", bool: "a boolean", type(None): "null"}.get(
        type(value), "a number"
    )


# --------------------------------------------------------------------------
# Strict JSON parsing: duplicate keys, NaN and huge numbers are errors, located


class _DuplicateKey(Exception):
    pass


class _Constant(Exception):
    pass


class _BadNumber(Exception):
    pass


#: Longest integer literal read (Python refuses to convert longer ones).
_MAX_DIGITS = 4300
_TOO_BIG = 10**_MAX_DIGITS


def _int(literal: str) -> int:
    if len(literal.lstrip("-")) > _MAX_DIGITS:
        raise _BadNumber(literal, f"has more than {_MAX_DIGITS} digits")
    return int(literal)


def _float(literal: str) -> float:
    value = float(literal)
    if not math.isfinite(value):
        raise _BadNumber(literal, "is too large for a floating-point number")
    return value


# Tokens: strings, punctuation, and anything else up to white space or punctuation.
_LEXEME = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[{}\[\],:]|[^\s"\[\]{},:]+')


def _find_token(text: str, literal: str) -> int:
    # The first occurrence of *literal* may be inside a string: scan the tokens.
    for m in _LEXEME.finditer(text):
        if m.group() == literal:
            return m.start()
    return max(0, text.find(literal))


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    d = dict(pairs)
    if len(d) != len(pairs):
        seen = set()
        for k, _ in pairs:
            if k in seen:
                raise _DuplicateKey(k)
            seen.add(k)
    return d


def _no_constant(name: str) -> None:
    raise _Constant(name)


def _find_key(text: str, key: str) -> int:
    """Where the second *key* of one object is: a linear scan that keeps the
    keys of each open object (only run to report the error)."""
    stack: list[set[str] | None] = []  # the keys seen in each open object; None for arrays
    expect_key = False
    for m in _LEXEME.finditer(text):
        token = m.group()
        if token == "{":
            stack.append(set())
            expect_key = True
        elif token == "[":
            stack.append(None)
        elif token in "]}":
            if stack:
                stack.pop()
            expect_key = False
        elif token == ",":
            expect_key = bool(stack) and stack[-1] is not None
        elif expect_key and token.startswith('"'):
            expect_key = False
            name = json.loads(token)
            keys = stack[-1]
            assert keys is not None  # expect_key is only ever set inside an object
            if name == key and name in keys:
                return m.start()
            keys.add(name)
        else:
            expect_key = False
    return max(0, text.find(json.dumps(key)))
