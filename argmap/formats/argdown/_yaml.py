"""YAML in Argdown: front matter (``=== ... ===``) and data blocks (``{...}``).

The reference (@argdown/core 1.7.5, ``DataPlugin``) reads both with js-yaml 4
(YAML 1.2) and stops at the first block that is not valid YAML.  This module
reads them with PyYAML's safe loader (libyaml's parser when it is there),
with YAML 1.2's scalars as js-yaml 4 reads them rather than PyYAML's YAML
1.1 ones (``yes``, ``on`` and ``1:20`` are strings, ``1e3`` is a number,
``0o17`` octal, ``012`` decimal, ``1_000`` a string, and so is a number too
large for a JavaScript double), merge keys and duplicate keys as js-yaml
has them, and gives JSON-like values: dicts with
string keys, lists, strings, numbers, booleans and None.  Timestamps become
the strings the reference's JSON shows (``2020-01-01T00:00:00.000Z``),
infinities and NaN the strings ``.inf``, ``-.inf`` and ``.nan``, binary
data its base64 text, sets sorted lists.

Aliases and merge keys can make a short block stand for a huge value (a
"billion laughs"): the value a block expands to may be at most
``max_yaml_expansion`` (default :data:`MAX_YAML_EXPANSION`) times the
block's length (counted from 100 characters), each value counting one and
each string and key its length more; past that reading stops with a
:class:`~argmap.errors.LimitError`.

YAML is only imported when a document has a block.
"""

from __future__ import annotations

import base64
import datetime
import functools
import json
import math
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

if TYPE_CHECKING:
    import yaml

from argmap.errors import LimitError, ParseError

__all__ = [
    "MAX_YAML_EXPANSION",
    "data_block",
    "flow",
    "front_matter",
    "js_float",
    "js_int",
    "js_number",
    "merge",
    "plain_key",
    "string",
]

_FM_START = re.compile(r"^\s*={3,}")
_FM_END = re.compile(r"={3,}\s*$")
_BLOCK_START = re.compile(r"^\{[ \t]*(?:\n\r|\n)")
_BLOCK_END = re.compile(r"\}\s*$")

#: The default of ``max_yaml_expansion``: how many times its own length the
#: data a block's YAML aliases and merge keys expand to may be.
MAX_YAML_EXPANSION = 10

_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"
# js-yaml 4's syntax for numbers (lib/type/int.js, float.js): no "_", a
# leading zero is decimal (012 is 12), a leading dot takes no sign.
_INT_SYNTAX = re.compile(r"[-+]?(?:0b[01]+|0x[0-9a-fA-F]+|0o[0-7]+|[0-9]+)\Z")
_FLOAT_SYNTAX = re.compile(
    r"(?:[-+]?[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?"
    r"|\.[0-9]+(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))\Z"
)
_BASES = {"0b": 2, "0o": 8, "0x": 16}
# More significant digits than this, in each base, is beyond a double
# (2**1024) for sure: JavaScript's parseInt gives Infinity.
_MAX_DIGITS = {2: 1025, 8: 342, 10: 310, 16: 257}


def js_int(value: str) -> int | None:
    """*value* (a plain scalar in js-yaml's integer syntax) as js-yaml 4
    reads it: a JavaScript number, so an integer beyond 2**53 is rounded to
    a double, and one beyond a double's range is no integer at all (None:
    js-yaml then reads it as a string).

    >>> js_int("012"), js_int("0x1F"), js_int("-0o17"), js_int("12345678901234567890")
    (12, 31, -15, 12345678901234567168)
    >>> js_int("0x" + "f" * 300) is None
    True
    """
    sign = -1 if value[:1] == "-" else 1
    body = value[1:] if value[:1] in "+-" else value
    base = _BASES.get(body[:2], 10)
    digits = (body[2:] if base != 10 else body).lstrip("0")
    if len(digits) > _MAX_DIGITS[base]:
        return None
    n = int(digits or "0", base)
    if n > 2**53:
        try:
            n = int(float(n))
        except OverflowError:
            return None
    return sign * n


def js_float(value: str) -> float | None:
    """*value* (in js-yaml's float syntax) as js-yaml 4 reads it, or None
    when it overflows (js-yaml then reads it as a string)."""
    low = value.lower()
    if low.endswith(".inf"):
        return -math.inf if low.startswith("-") else math.inf
    if low == ".nan":
        return math.nan
    f = float(value)
    return f if math.isfinite(f) else None


class _ExpansionError(Exception):
    """A block's aliases or merge keys expand past its budget (internal:
    :func:`_parse` turns it into a LimitError that names the block)."""


class _Budget:
    """What a block's data may expand to: YAML aliases can repeat a string
    or a collection many times over (``&a [...]``, ``[*a, *a, ...]``), merge
    keys copy mappings.  Each value costs one, a string or key its length
    more."""

    def __init__(self, limit: int) -> None:
        self.left = limit

    def spend(self, n: int) -> None:
        self.left -= n
        if self.left < 0:
            raise _ExpansionError


class _Loader(Protocol):
    """What :func:`_load` uses of the loader class that :func:`_make_loader` makes."""

    budget: _Budget
    merged: dict[yaml.MappingNode, dict[str, yaml.Node]]
    merging: set[yaml.MappingNode]

    def get_single_data(self) -> Any: ...

    def dispose(self) -> None: ...


@functools.cache
def _make_loader() -> Callable[[str], _Loader]:
    import yaml

    base = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader
    ConstructorError = yaml.constructor.ConstructorError

    # (the base is chosen at run time, which a type checker cannot follow)
    class Loader(base):  # type: ignore[misc, valid-type]
        yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, re.Pattern[str]]]]] = {}
        budget: _Budget
        merged: dict[yaml.MappingNode, dict[str, yaml.Node]]  # mapping node -> its pairs
        merging: set[yaml.MappingNode]  # mapping nodes whose pairs are being worked out

        def resolve(self, kind: type[yaml.Node], value: str, implicit: tuple[bool, bool]) -> str:
            # js-yaml tries null, bool, int, float, timestamp in turn; a
            # number that is infinite as a JavaScript number is no int or
            # float there, so it is read as a string.
            tag: str = super().resolve(kind, value, implicit)
            if (tag == _INT and js_int(value) is None) or (tag == _FLOAT and js_float(value) is None):
                tag = _STR
            return tag

        def construct_mapping(self, node: yaml.Node, deep: bool = False) -> dict[str, Any]:
            if not isinstance(node, yaml.MappingNode):
                raise ConstructorError(
                    None,
                    None,
                    f"expected a mapping node, but found {getattr(node, 'id', type(node).__name__)}",
                    node.start_mark,
                )
            return {k: self.construct_object(v, deep=deep) for k, v in self.pairs(node).items()}

        def pairs(self, node: yaml.MappingNode) -> dict[str, yaml.Node]:
            """The keys (as strings) and value nodes of a mapping node, as
            js-yaml builds a mapping: keys become strings as they are read
            (as in JavaScript); a key given twice is an error, unless the
            first came from a merge key (``<<``), whose mappings give the
            keys not yet there, the first mapping first.  Each node's pairs
            are worked out once, without repeats, so merge keys cannot
            multiply them (PyYAML's flatten_mapping copies them, repeats
            and all, which grows exponentially over nested merges)."""
            done = self.merged.get(node)
            if done is not None:
                return done
            if node in self.merging:
                raise ConstructorError(
                    "while constructing a mapping",
                    node.start_mark,
                    "found a merge key that merges the mapping into itself",
                    node.start_mark,
                )
            self.merging.add(node)
            out: dict[str, yaml.Node] = {}
            merged: set[str] = set()
            for key_node, value_node in node.value:
                if key_node.tag == _MERGE:
                    sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
                    for source in sources:
                        if not isinstance(source, yaml.MappingNode):
                            raise ConstructorError(
                                "while constructing a mapping",
                                node.start_mark,
                                "cannot merge mappings; the provided source object is unacceptable",
                                source.start_mark,
                            )
                        other = self.pairs(source)
                        self.budget.spend(len(other))
                        for k, v in other.items():
                            if k not in out:
                                out[k] = v
                                merged.add(k)
                    continue
                key = self.json_key(key_node)
                if key in out and key not in merged:
                    raise ConstructorError(
                        "while constructing a mapping",
                        node.start_mark,
                        f"duplicated mapping key {key!r}",
                        key_node.start_mark,
                    )
                merged.discard(key)
                out[key] = value_node
            self.merging.discard(node)
            self.merged[node] = out
            return out

        def json_key(self, key_node: yaml.Node) -> str:
            key = self.construct_object(key_node, deep=True)
            try:
                return _json_key(key, "")
            except ValueError as e:
                raise ConstructorError(None, None, str(e), key_node.start_mark) from None

    def construct_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
        value = loader.construct_scalar(node)
        n = js_int(value) if _INT_SYNTAX.match(value) else None
        if n is None:
            raise ConstructorError(
                None,
                None,
                f"cannot resolve a node with !!int tag: {_short(value)} is not a (finite) integer",
                node.start_mark,
            )
        return n

    def construct_float(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> float:
        value = loader.construct_scalar(node)
        f = js_float(value) if _FLOAT_SYNTAX.match(value) else None
        if f is None:
            raise ConstructorError(
                None,
                None,
                f"cannot resolve a node with !!float tag: {_short(value)} is not a (finite) number",
                node.start_mark,
            )
        return f

    def construct_bool(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> bool:
        return loader.construct_scalar(node).lower() == "true"

    def construct_timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
        try:
            return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
        except (ValueError, OverflowError, AttributeError, TypeError):  # (not a timestamp after all)
            return loader.construct_scalar(node)

    Loader.add_constructor(_INT, construct_int)
    Loader.add_constructor(_FLOAT, construct_float)
    Loader.add_constructor("tag:yaml.org,2002:bool", construct_bool)
    Loader.add_constructor("tag:yaml.org,2002:timestamp", construct_timestamp)
    # YAML 1.2's core schema, as js-yaml 4 resolves plain scalars.
    add = Loader.add_implicit_resolver
    add("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])
    add("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
    add(_INT, _INT_SYNTAX, list("-+0123456789"))
    add(_FLOAT, _FLOAT_SYNTAX, list("-+0123456789."))
    add(
        "tag:yaml.org,2002:timestamp",
        re.compile(
            r"^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"
            r"|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?"
            r"(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?"
            r"(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$"
        ),
        list("0123456789"),
    )
    add(_MERGE, re.compile(r"^(?:<<)$"), ["<"])
    return Loader


def _short(value: str) -> str:
    return repr(value) if len(value) <= 40 else repr(value[:20] + "...") + f" ({len(value)} characters)"


def _load(source: str, budget: _Budget) -> Any:
    loader = _make_loader()(source)
    loader.budget = budget
    loader.merged = {}
    loader.merging = set()
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def js_number(x: float) -> str:
    """A number as JavaScript's ``String(x)`` writes it (``1e+21``, ``1e-7``,
    ``12345678901234567000``): what a YAML key that is a number becomes.

    >>> js_number(1.5), js_number(1e21), js_number(1e-7), js_number(2**64), js_number(1000.0)
    ('1.5', '1e+21', '1e-7', '18446744073709552000', '1000')
    """
    if x != x:
        return "NaN"
    if x in (math.inf, -math.inf):
        return "Infinity" if x > 0 else "-Infinity"
    if x == 0:
        return "0"
    if isinstance(x, int) and abs(x) <= 2**53:
        return str(x)
    sign = "-" if x < 0 else ""
    # the shortest digits that read back as the double, and the place of the point
    digits, _, exp = repr(abs(float(x))).partition("e")
    whole, _, frac = digits.partition(".")
    frac = frac.rstrip("0")
    point = len(whole) + int(exp or 0)
    digits = (whole + frac).lstrip("0")
    point -= len(whole + frac) - len((whole + frac).lstrip("0"))
    digits = digits.rstrip("0")
    k = len(digits)
    if k <= point <= 21:
        out = digits + "0" * (point - k)
    elif 0 < point <= 21:
        out = digits[:point] + "." + digits[point:]
    elif -6 < point <= 0:
        out = "0." + "0" * -point + digits
    else:
        e = point - 1
        out = digits[0] + ("." + digits[1:] if k > 1 else "") + ("e+" if e > 0 else "e-") + str(abs(e))
    return sign + out


def _json_key(key: Any, where: str) -> str:
    if isinstance(key, str):
        return key
    if key is None:
        return "null"
    if isinstance(key, bool):
        return "true" if key else "false"
    if isinstance(key, (int, float)):
        return js_number(key)
    if isinstance(key, datetime.date):
        return str(_json_value(key, where))
    raise ValueError(f"a key must be a string, number, boolean or null, not {type(key).__name__}")


def _json_value(value: Any, where: str, budget: _Budget | None = None) -> Any:
    if budget is not None:
        budget.spend(1 + len(value) if isinstance(value, str) else 1)
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        return value
    if isinstance(value, dict):
        if budget is not None:
            budget.spend(sum(len(k) for k in value if isinstance(k, str)))
        return {_json_key(k, where): _json_value(v, where, budget) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_value(v, where, budget) for v in value]
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(datetime.UTC).replace(tzinfo=None)
        return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"
    if isinstance(value, datetime.date):
        return value.isoformat() + "T00:00:00.000Z"
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, (set, frozenset)):
        return sorted(_json_key(v, where) for v in value)
    return str(value)


def _parse(text: str, pos: int, source: str, offset: int, what: str, max_expansion: int) -> Any:
    """*source* is the YAML of a block at *pos* in *text*; it starts at
    ``pos + offset``.  Errors are raised at the block's position."""
    import yaml

    budget = _Budget(max_expansion * max(len(source), 100))
    try:
        return _json_value(_load(source, budget), what, budget)
    except _ExpansionError:
        line, col = _doc_line_col_index(text, pos)
        msg = (
            f"line {line}:{col}: the {what}'s YAML aliases and merge keys expand to more than "
            f"max_yaml_expansion={max_expansion} times its length; if the document is trusted, "
            "pass max_yaml_expansion= (a larger number) to argmap.formats.argdown.loads"
        )
        raise LimitError(msg, limit="max_yaml_expansion", value=max_expansion) from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
        detail = (getattr(e, "problem", None) or getattr(e, "reason", None) or str(e)).strip()
        context = getattr(e, "context", None)
        if context and getattr(e, "problem", None):
            detail = f"{detail} ({context})"
        if mark is not None:
            at = _doc_line_col(text, pos + offset, source, mark.line, mark.column)
        elif getattr(e, "position", None) is not None:
            at = _doc_line_col_index(text, pos + offset + e.position)  # type: ignore[attr-defined]
        else:
            at = None
        where = f" at {at[0]}:{at[1]}" if at else ""
        raise ParseError(f"invalid YAML in the {what}{where}: {detail}", doc=text, pos=pos, show_line=True) from None
    except RecursionError:
        raise ParseError(f"the {what} nests too deeply", doc=text, pos=pos, show_line=True) from None
    except (ValueError, OverflowError, TypeError, AttributeError) as e:
        raise ParseError(f"invalid {what}: {e}", doc=text, pos=pos, show_line=True) from None


def _doc_line_col_index(text: str, index: int) -> tuple[int, int]:
    index = max(0, min(index, len(text)))
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _doc_line_col(text: str, start: int, source: str, line: int, column: int) -> tuple[int, int]:
    index = 0
    for _ in range(line):
        nl = source.find("\n", index)
        if nl < 0:
            break
        index = nl + 1
    return _doc_line_col_index(text, start + min(index + column, len(source)))


def data_block(text: str, image: str, pos: int, max_expansion: int = MAX_YAML_EXPANSION) -> dict[str, Any] | None:
    """The mapping of the data block *image* at *pos* (None when it is empty),
    read as the reference reads it: ``{`` and a line break start the block
    format, whose braces are not part of the YAML.  Its aliases may expand
    to *max_expansion* times its length (a LimitError past that)."""
    source, offset = image, 0
    m = _BLOCK_START.match(image)
    if m:
        offset = m.end()
        source = _BLOCK_END.sub("", image[offset:])
    value = _parse(text, pos, source, offset, "data block", max_expansion)
    if value is not None and not isinstance(value, dict):
        raise ParseError(
            f"a data block must be a YAML mapping ({{key: value}}), not {_kind(value)}",
            doc=text,
            pos=pos,
            show_line=True,
        )
    return value


def front_matter(text: str, image: str, pos: int, max_expansion: int = MAX_YAML_EXPANSION) -> dict[str, Any] | None:
    """The mapping of the front matter *image* at *pos* (None when it is empty)."""
    m = _FM_START.match(image)
    offset = m.end() if m else 0
    source = _FM_END.sub("", image[offset:])
    value = _parse(text, pos, source, offset, "front matter", max_expansion)
    if value is not None and not isinstance(value, dict):
        raise ParseError(
            f"the front matter must be a YAML mapping (key: value lines), not {_kind(value)}",
            doc=text,
            pos=pos,
            show_line=True,
        )
    return value


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a string"
    return f"a {type(value).__name__}"


def merge(old: Any, new: dict[str, Any], *, in_place: bool = False) -> dict[str, Any]:
    """lodash's ``merge(old, new)``, as the reference merges the data of one
    title's statements: mappings and lists merge deeply (lists by index).
    *in_place*: *old* is a result of ``merge`` that may be changed (so that
    merging the data of many statements costs the size of each, not the
    size of all so far each time)."""
    out = old if in_place and isinstance(old, dict) else dict(old) if isinstance(old, dict) else {}
    for k, v in new.items():
        out[k] = _merge_value(out.get(k), v, in_place)
    return out


def _merge_value(old: Any, new: Any, in_place: bool) -> Any:
    if isinstance(new, dict):
        return merge(old if isinstance(old, dict) else None, new, in_place=in_place)
    if isinstance(new, list):
        base = (old if in_place else list(old)) if isinstance(old, list) else []
        for i, v in enumerate(new):
            if i < len(base):
                base[i] = _merge_value(base[i], v, in_place)
            else:
                base.append(_merge_value(None, v, in_place))
        return base
    return new


# --------------------------------------------------------------------------
# Writing

_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_ -]*[A-Za-z0-9_]|[A-Za-z_]")
_NOT_PLAIN = frozenset({"true", "True", "TRUE", "false", "False", "FALSE", "null", "Null", "NULL", "y", "Y", "n", "N"})
# Characters YAML does not allow as they are (and line breaks Argdown's
# lexer stops at), escaped inside double quotes.
_UNPRINTABLE = re.compile("[^\t\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def plain_key(key: str) -> bool:
    return bool(_PLAIN_KEY.fullmatch(key)) and key not in _NOT_PLAIN and "  " not in key


def string(s: str) -> str:
    # JSON's quoting is YAML's double quotes; "}" and "===" are escaped so
    # that the text cannot end a data block or the front matter early.
    out = json.dumps(s, ensure_ascii=False)
    if "}" in out:
        out = out.replace("}", "\\u007d")
    if "===" in out:
        out = out.replace("=", "\\u003d")
    if _UNPRINTABLE.search(out):
        out = _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", out)
    return out


def _key(key: str) -> str:
    return key if plain_key(key) else string(key)


def flow(value: Any, notes: list[str] | None = None) -> str:
    """*value* (JSON-like, as :func:`data_block` gives) as one line of
    flow-style YAML, which reads back as *value*, except an integer beyond
    2**53, which YAML in Argdown reads as a JavaScript number (rounded to a
    double): that is noted in *notes*."""
    if isinstance(value, dict) or (hasattr(value, "items") and hasattr(value, "keys")):
        return "{" + ", ".join(f"{_key(str(k))}: {flow(v, notes)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(flow(v, notes) for v in value) + "]"
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        if -(2**53) <= value <= 2**53:
            return str(value)
        try:
            out = js_number(float(value))
        except OverflowError:
            out = string(("-" if value < 0 else "") + "0x" + format(abs(value), "x"))
        if notes is not None:
            notes.append(
                f"an integer beyond 2**53 in the data reads back as a number rounded to a double (written as {_short(out)})"
            )
        return out
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return string(_json_value(value, ""))
        return repr(value)
    return string(str(value))
