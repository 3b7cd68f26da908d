"""YAML in Argdown: front matter (``=== ... ===``) and data blocks (``{...}``).

The reference (@argdown/core 1.7.5, ``DataPlugin``) reads both with js-yaml 4
(YAML 1.2) and stops at the first block that is not valid YAML.  This module
reads them with PyYAML's safe loader (libyaml's parser when it is there),
with YAML 1.2's scalars rather than PyYAML's YAML 1.1 ones (``yes``, ``on``
and ``1:20`` are strings, ``1e3`` is a number, ``0o17`` is octal), rejects
duplicate keys as js-yaml does, and gives JSON-like values: dicts with
string keys, lists, strings, numbers, booleans and None.  Timestamps become
the strings the reference's JSON shows (``2020-01-01T00:00:00.000Z``),
infinities and NaN the strings ``.inf``, ``-.inf`` and ``.nan``, binary
data its base64 text, sets sorted lists.

YAML is only imported when a document has a block.
"""

from __future__ import annotations

import base64
import datetime
import json
import math
import re
from typing import Any

from argmap.errors import ParseError

__all__ = ["data_block", "flow", "front_matter", "merge", "plain_key", "string"]

_FM_START = re.compile(r"^\s*={3,}")
_FM_END = re.compile(r"={3,}\s*$")
_BLOCK_START = re.compile(r"^\{[ \t]*(?:\n\r|\n)")
_BLOCK_END = re.compile(r"\}\s*$")

_loader = None


def _make_loader() -> type:
    import yaml

    base = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader

    class Loader(base):  # type: ignore[misc, valid-type]
        yaml_implicit_resolvers: dict = {}

        def construct_mapping(self, node, deep=False):  # noqa: ANN001
            # Keys become strings as they are read (as in JavaScript), and a
            # key given twice is an error, as in js-yaml (merge keys aside).
            if not isinstance(node, yaml.MappingNode):
                raise yaml.constructor.ConstructorError(None, None, f"expected a mapping node, but found {node.id}", node.start_mark)
            seen: set = set()
            for key_node, _ in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    continue
                key = self.json_key(key_node)
                if key in seen:
                    raise yaml.constructor.ConstructorError(
                        "while constructing a mapping", node.start_mark, f"duplicated mapping key {key!r}", key_node.start_mark
                    )
                seen.add(key)
            self.flatten_mapping(node)
            mapping = {}
            for key_node, value_node in node.value:
                mapping[self.json_key(key_node)] = self.construct_object(value_node, deep=deep)
            return mapping

        def json_key(self, key_node):  # noqa: ANN001
            key = self.construct_object(key_node, deep=True)
            try:
                return _json_key(key, "")
            except ValueError as e:
                raise yaml.constructor.ConstructorError(None, None, str(e), key_node.start_mark) from None

    def construct_int(loader, node):  # noqa: ANN001
        value = loader.construct_scalar(node).replace("_", "")
        sign = -1 if value[:1] == "-" else 1
        if value[:1] in "+-":
            value = value[1:]
        if value.startswith("0x"):
            return sign * int(value[2:], 16)
        if value.startswith("0o"):
            return sign * int(value[2:], 8)
        if value.startswith("0b"):
            return sign * int(value[2:], 2)
        return sign * int(value)

    def construct_float(loader, node):  # noqa: ANN001
        value = loader.construct_scalar(node).replace("_", "").lower()
        if value.endswith(".inf"):
            return -math.inf if value.startswith("-") else math.inf
        if value == ".nan":
            return math.nan
        return float(value)

    def construct_bool(loader, node):  # noqa: ANN001
        return loader.construct_scalar(node).lower() == "true"

    def construct_timestamp(loader, node):  # noqa: ANN001
        try:
            return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
        except (ValueError, OverflowError, AttributeError, TypeError):  # (not a timestamp after all)
            return loader.construct_scalar(node)

    Loader.add_constructor("tag:yaml.org,2002:int", construct_int)
    Loader.add_constructor("tag:yaml.org,2002:float", construct_float)
    Loader.add_constructor("tag:yaml.org,2002:bool", construct_bool)
    Loader.add_constructor("tag:yaml.org,2002:timestamp", construct_timestamp)
    # YAML 1.2's core schema, as js-yaml resolves plain scalars.
    add = Loader.add_implicit_resolver
    add("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])
    add("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
    add(
        "tag:yaml.org,2002:int",
        re.compile(r"^(?:[-+]?0b[01_]+|[-+]?0o[0-7_]+|[-+]?0x[0-9a-fA-F_]+|[-+]?(?:0|[1-9][0-9_]*))$"),
        list("-+0123456789"),
    )
    add(
        "tag:yaml.org,2002:float",
        re.compile(
            r"^(?:[-+]?(?:[0-9][0-9_]*)(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?"
            r"|\.[0-9_]+(?:[eE][-+]?[0-9]+)?"
            r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
        ),
        list("-+0123456789."),
    )
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
    add("tag:yaml.org,2002:merge", re.compile(r"^(?:<<)$"), ["<"])
    return Loader


def _load(source: str) -> Any:
    global _loader
    if _loader is None:
        _loader = _make_loader()
    import yaml

    return yaml.load(source, Loader=_loader)  # noqa: S506 - a safe loader


def _json_key(key: Any, where: str) -> str:
    if isinstance(key, str):
        return key
    if key is None:
        return "null"
    if isinstance(key, bool):
        return "true" if key else "false"
    if isinstance(key, int):
        return str(key)
    if isinstance(key, float):
        return str(int(key)) if key.is_integer() else _json_value(key, where) if not math.isfinite(key) else repr(key)
    if isinstance(key, datetime.date):
        return _json_value(key, where)
    raise ValueError(f"a key must be a string, number, boolean or null, not {type(key).__name__}")


class _Budget:
    """How many values a block may expand to: YAML aliases can repeat a
    collection many times over (``&a [...]``, ``[*a, *a, ...]``)."""

    def __init__(self, limit: int) -> None:
        self.left = limit

    def spend(self) -> None:
        self.left -= 1
        if self.left < 0:
            raise ValueError("its aliases expand to too many values")


def _json_value(value: Any, where: str, budget: _Budget | None = None) -> Any:
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if budget is not None and isinstance(value, (dict, list, tuple)):
        budget.left -= len(value)
        budget.spend()
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        return value
    if isinstance(value, dict):
        return {_json_key(k, where): _json_value(v, where, budget) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_value(v, where, budget) for v in value]
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(datetime.timezone.utc).replace(tzinfo=None)
        return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"
    if isinstance(value, datetime.date):
        return value.isoformat() + "T00:00:00.000Z"
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, (set, frozenset)):
        return sorted(_json_key(v, where) for v in value)
    return str(value)


def _parse(text: str, pos: int, source: str, offset: int, what: str) -> Any:
    """*source* is the YAML of a block at *pos* in *text*; it starts at
    ``pos + offset``.  Errors are raised at the block's position."""
    import yaml

    try:
        return _json_value(_load(source), what, _Budget(10 * len(source) + 1000))
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
        raise ParseError(f"invalid YAML in the {what}{where}: {detail}", doc=text, pos=pos) from None
    except RecursionError:
        raise ParseError(f"the {what} nests too deeply", doc=text, pos=pos) from None
    except (ValueError, OverflowError, TypeError, AttributeError) as e:
        raise ParseError(f"invalid {what}: {e}", doc=text, pos=pos) from None


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


def data_block(text: str, image: str, pos: int) -> dict[str, Any] | None:
    """The mapping of the data block *image* at *pos* (None when it is empty),
    read as the reference reads it: ``{`` and a line break start the block
    format, whose braces are not part of the YAML."""
    source, offset = image, 0
    m = _BLOCK_START.match(image)
    if m:
        offset = m.end()
        source = _BLOCK_END.sub("", image[offset:])
    value = _parse(text, pos, source, offset, "data block")
    if value is not None and not isinstance(value, dict):
        raise ParseError(f"a data block must be a YAML mapping ({{key: value}}), not {_kind(value)}", doc=text, pos=pos)
    return value


def front_matter(text: str, image: str, pos: int) -> dict[str, Any] | None:
    """The mapping of the front matter *image* at *pos* (None when it is empty)."""
    m = _FM_START.match(image)
    offset = m.end() if m else 0
    source = _FM_END.sub("", image[offset:])
    value = _parse(text, pos, source, offset, "front matter")
    if value is not None and not isinstance(value, dict):
        raise ParseError(f"the front matter must be a YAML mapping (key: value lines), not {_kind(value)}", doc=text, pos=pos)
    return value


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a string"
    return f"a {type(value).__name__}"


def merge(old: Any, new: dict[str, Any]) -> dict[str, Any]:
    """lodash's ``merge(old, new)``, as the reference merges the data of one
    title's statements: mappings and lists merge deeply (lists by index)."""
    out = dict(old) if isinstance(old, dict) else {}
    for k, v in new.items():
        out[k] = _merge_value(out.get(k), v, k in out)
    return out


def _merge_value(old: Any, new: Any, present: bool) -> Any:
    if isinstance(new, dict):
        return merge(old if isinstance(old, dict) else None, new)
    if isinstance(new, list):
        base = list(old) if isinstance(old, list) else []
        for i, v in enumerate(new):
            if i < len(base):
                base[i] = _merge_value(base[i], v, True)
            else:
                base.append(_merge_value(None, v, False))
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


def flow(value: Any) -> str:
    """*value* (JSON-like, as :func:`data_block` gives) as one line of
    flow-style YAML, which reads back as *value*."""
    if isinstance(value, dict) or (hasattr(value, "items") and hasattr(value, "keys")):
        return "{" + ", ".join(f"{_key(str(k))}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return string(_json_value(value, ""))
        return repr(value)
    return string(str(value))
