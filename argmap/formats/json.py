"""argmap's own JSON document: a versioned, lossless, deterministic format.

The document is an object with ``"argmap": 1`` (the format version), then
``title``, ``source``, ``data``, ``claims`` and ``relations``.  Optional
fields are left out when empty, keys come in a fixed order, and the text ends
with one newline, so equal maps give byte-identical documents.

>>> from argmap import MapBuilder
>>> b = MapBuilder(title="Tea")
>>> t = b.claim("Tea is better", tags=["drinks"])
>>> _ = b.attack(t, "Coffee is stronger")
>>> print(dumps(b.build()), end="")
{
  "argmap": 1,
  "title": "Tea",
  "claims": [
    {"id": "c1", "text": "Tea is better", "tags": ["drinks"]},
    {"id": "c2", "text": "Coffee is stronger"}
  ],
  "relations": [
    {"id": "r1", "kind": "attack", "premises": ["c2"], "target": "c1"}
  ]
}
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring as _q  # the C escaper of json.dumps(ensure_ascii=False)
from typing import Any, TypeVar

from argmap._gc import paused
from argmap.errors import DataError, FormatError, ParseError
from argmap.formats._common import fast_frozen, parse_json
from argmap.formats._sniff import hint, looks_like, looks_like_text
from argmap.model import (
    EMPTY,
    ArgumentMap,
    Claim,
    Kind,
    Quote,
    Relation,
    Source,
    _new_claim,
    _new_relation,
    freeze,
    thaw,
)

__all__ = ["VERSION", "dumps", "from_data", "loads", "to_data"]

#: The version of argmap's JSON document this module writes (``"version"``).
VERSION = 1

_KINDS = {k.value: k for k in Kind}


# --------------------------------------------------------------------------
# Writing


def to_data(m: ArgumentMap) -> dict[str, Any]:
    """The plain-data (dict/list) form of *m*, ready for ``json.dumps``."""
    doc = _head_data(m)
    doc["claims"] = [_claim_data(c) for c in m.claims]
    doc["relations"] = [_relation_data(r) for r in m.relations]
    return doc


def _head_data(m: ArgumentMap) -> dict[str, Any]:
    doc: dict[str, Any] = {"argmap": VERSION}
    if m.title is not None:
        doc["title"] = m.title
    if m.source is not None:
        s = m.source
        src: dict[str, Any] = {}
        if s.title is not None:
            src["title"] = s.title
        if s.url is not None:
            src["url"] = s.url
        src["text"] = s.text
        doc["source"] = src
    if m.data:
        doc["data"] = thaw(m.data)
    return doc


def _claim_data(c: Claim) -> dict[str, Any]:
    d: dict[str, Any] = {"id": c.id, "text": c.text}
    if c.quote is not None:
        q: dict[str, Any] = {"text": c.quote.text}
        if c.quote.start is not None:
            q["start"] = c.quote.start
            q["end"] = c.quote.end
        d["quote"] = q
    if c.tags:
        d["tags"] = list(c.tags)
    if c.base_score is not None:
        d["base_score"] = c.base_score
    if c.data:
        d["data"] = thaw(c.data)
    return d


def _relation_data(r: Relation) -> dict[str, Any]:
    d: dict[str, Any] = {"id": r.id, "kind": r.kind.value, "premises": list(r.premises), "target": r.target}
    if r.scheme is not None:
        d["scheme"] = r.scheme
    if r.base_score is not None:
        d["base_score"] = r.base_score
    if r.data:
        d["data"] = thaw(r.data)
    return d


def dumps(m: ArgumentMap) -> str:
    """*m* as a JSON document: one claim or relation per line, fixed key order."""
    doc = _head_data(m)
    head = json.dumps(doc, ensure_ascii=False, indent=2)[:-2]  # drop "\n}"
    parts = [head + ("," if len(doc) > 0 else "")]
    parts.append(_lines("claims", [_claim_line(c) for c in m.claims]) + ",")
    parts.append(_lines("relations", [_relation_line(r) for r in m.relations]))
    return "\n".join(parts) + "\n}\n"


_encode = json.JSONEncoder(ensure_ascii=False).encode


def _claim_line(c: Claim) -> str:
    # The common case (id and text only) is written directly: 4x faster.
    if c.quote is None and not c.tags and c.base_score is None and not c.data:
        return f'    {{"id": {_q(c.id)}, "text": {_q(c.text)}}}'
    return "    " + _encode(_claim_data(c))


def _relation_line(r: Relation) -> str:
    if r.scheme is None and r.base_score is None and not r.data:
        premises = ", ".join(map(_q, r.premises))
        return (
            f'    {{"id": {_q(r.id)}, "kind": {_q(r.kind.value)}, "premises": [{premises}], "target": {_q(r.target)}}}'
        )
    return "    " + _encode(_relation_data(r))


def _lines(key: str, lines: list[str]) -> str:
    if not lines:
        return f'  "{key}": []'
    body = ",\n".join(lines)
    return f'  "{key}": [\n{body}\n  ]'


# --------------------------------------------------------------------------
# Reading


def loads(text: str | bytes) -> ArgumentMap:
    """Read a document written by :func:`dumps` (or by hand).

    Raises ParseError (bad JSON, with line and column), FormatError (a field
    of the wrong shape, named by its JSON path) or ValidationError (a map that
    breaks the model's rules, naming the ids).
    """
    # Many small objects and no cycles: the collector paused, and the map it
    # returns filed as old rather than scanned again as young objects.
    with paused(promote=True):
        try:
            data, clean = parse_json(text)
        except ParseError as e:
            sniffed = looks_like_text(e.doc)
            if sniffed is None:
                raise
            raise ParseError(e.msg + hint(sniffed), doc=e.doc, pos=e.pos) from None
        return _from_data(data, owned=clean)


def from_data(doc: Any) -> ArgumentMap:
    """Build a map from the plain-data form (as :func:`to_data` gives it)."""
    return _from_data(doc, owned=False)


def _from_data(doc: Any, *, owned: bool) -> ArgumentMap:
    # owned: *doc* was just parsed by loads() from text without lone
    # surrogates, so its data dicts may be adopted rather than copied.
    sniffed = looks_like(doc)
    if sniffed is not None:
        raise FormatError(f'no "argmap" version field{hint(sniffed)}', where="argmap")
    obj = _object(doc, "", {"argmap", "title", "source", "data", "claims", "relations"})
    version = obj.get("argmap", None)
    if "argmap" not in obj:
        raise FormatError('missing "argmap" version field; is this an argmap JSON document?', where="argmap")
    if type(version) is not int or version != VERSION:
        raise FormatError(f"unsupported version {version!r}; this argmap reads version {VERSION}", where="argmap")
    title = _opt(obj, "title", str, "")
    source = None
    if "source" in obj:
        s = _object(obj["source"], "source", {"text", "title", "url"})
        source = Source(
            _req(s, "text", str, "source"),
            title=_opt(s, "title", str, "source"),
            url=_opt(s, "url", str, "source"),
        )
    claims = _claims(_list(obj, "claims", ""), owned)
    relations = _relations(_list(obj, "relations", ""), owned)
    return ArgumentMap(claims, relations, title=title, source=source, data=_data(obj, "", owned))


def _claims(items: list[Any], owned: bool) -> list[Claim]:
    # Fast path: a claim object with exactly "id" and "text", both strings,
    # is what _claim() would accept and build; anything else goes through
    # _claim(), which names the offending field.
    out: list[Claim] = []
    append = out.append
    # A claim of "id", "text" and a "quote" of exactly "text", "start" and
    # "end" (a map written beside its article) takes a fast path too.
    for i, c in enumerate(items):
        if type(c) is dict:
            n = len(c)
            if n == 2:
                ident = c.get("id")
                text = c.get("text")
                if type(ident) is str and type(text) is str:
                    append(_new_claim(ident, text))
                    continue
            elif n == 3:
                ident = c.get("id")
                text = c.get("text")
                q = c.get("quote")
                if type(ident) is str and type(text) is str and type(q) is dict and len(q) == 3:
                    qt, qs, qe = q.get("text"), q.get("start"), q.get("end")
                    if type(qt) is str and type(qs) is int and type(qe) is int:
                        append(_new_claim(ident, text, Quote(qt, qs, qe)))
                        continue
        append(_claim(c, f"claims[{i}]", owned))
    return out


def _relations(items: list[Any], owned: bool) -> list[Relation]:
    # Fast path: exactly "id", "kind", "premises" and "target", with a known
    # kind, strings and a list of strings.
    out: list[Relation] = []
    append = out.append
    kinds = _KINDS
    for i, r in enumerate(items):
        if type(r) is dict and len(r) == 4:
            ident, kind, premises, target = r.get("id"), r.get("kind"), r.get("premises"), r.get("target")
            if (
                type(ident) is str
                and type(target) is str
                and type(kind) is str
                and kind in kinds
                and type(premises) is list
                and all(type(p) is str for p in premises)
            ):
                append(_new_relation(ident, kinds[kind], tuple(premises), target))
                continue
        append(_relation(r, f"relations[{i}]", owned))
    return out


_CLAIM_KEYS = {"id", "text", "quote", "tags", "base_score", "data"}
_RELATION_KEYS = {"id", "kind", "premises", "target", "scheme", "base_score", "data"}


def _claim(c: Any, where: str, owned: bool = False) -> Claim:
    c = _object(c, where, _CLAIM_KEYS)
    quote = None
    if "quote" in c:
        q = _object(c["quote"], f"{where}.quote", {"text", "start", "end"})
        quote = Quote(
            _req(q, "text", str, f"{where}.quote"),
            _opt(q, "start", int, f"{where}.quote"),
            _opt(q, "end", int, f"{where}.quote"),
        )
    tags = tuple(_str(t, f"{where}.tags[{i}]") for i, t in enumerate(_list(c, "tags", where, required=False)))
    return Claim(
        _req(c, "id", str, where),
        _req(c, "text", str, where),
        quote=quote,
        tags=tags,
        data=_data(c, where, owned),
        base_score=_score(c, where),
    )


def _relation(r: Any, where: str, owned: bool = False) -> Relation:
    r = _object(r, where, _RELATION_KEYS)
    kind = _req(r, "kind", str, where)
    if kind not in _KINDS:
        raise FormatError(f"unknown relation kind {kind!r}; known kinds: {', '.join(_KINDS)}", where=f"{where}.kind")
    premises = tuple(_str(p, f"{where}.premises[{i}]") for i, p in enumerate(_list(r, "premises", where)))
    return Relation(
        _req(r, "id", str, where),
        _KINDS[kind],
        premises,
        _req(r, "target", str, where),
        scheme=_opt(r, "scheme", str, where),
        data=_data(r, where, owned),
        base_score=_score(r, where),
    )


def _path(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _type_name(value: Any) -> str:
    return {dict: "an object", list: "an array", str: "a string", bool: "a boolean", type(None): "null"}.get(
        type(value), "a number"
    )


def _object(value: Any, where: str, keys: set[str]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise FormatError(f"expected an object, got {_type_name(value)}", where=where or "$")
    extra = [k for k in value if k not in keys]
    if extra:
        raise FormatError(f"unknown field; expected one of {', '.join(sorted(keys))}", where=_path(where, extra[0]))
    return value


_T = TypeVar("_T")


def _check(value: object, typ: type[_T], where: str) -> _T:
    if isinstance(value, typ) and (typ is bool or not isinstance(value, bool)):
        return value
    expected = {str: "a string", int: "an integer", list: "an array", dict: "an object"}.get(typ, typ.__name__)
    raise FormatError(f"expected {expected}, got {_type_name(value)}", where=where)


def _str(value: Any, where: str) -> str:
    return _check(value, str, where)


def _req(obj: dict[str, Any], key: str, typ: type, where: str) -> Any:
    if key not in obj:
        raise FormatError("missing required field", where=_path(where, key))
    return _check(obj[key], typ, _path(where, key))


def _opt(obj: dict[str, Any], key: str, typ: type, where: str) -> Any:
    value = obj.get(key)
    return None if value is None else _check(value, typ, _path(where, key))


def _list(obj: dict[str, Any], key: str, where: str, *, required: bool = True) -> list[Any]:
    if key not in obj:
        if required:
            raise FormatError("missing required field", where=_path(where, key))
        return []
    return _check(obj[key], list, _path(where, key))


def _score(obj: dict[str, Any], where: str) -> float | None:
    value = obj.get("base_score")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise FormatError(f"expected a number, got {_type_name(value)}", where=_path(where, "base_score"))
    return value


def _data(obj: dict[str, Any], where: str, owned: bool = False) -> Any:
    value = obj.get("data")
    if value is None:
        return EMPTY
    where = _path(where, "data")
    if owned:
        return fast_frozen(_check(value, dict, where), where, True)
    try:
        return freeze(_check(value, dict, where), where)
    except DataError as e:
        raise FormatError(e.reason, where=e.where) from None
