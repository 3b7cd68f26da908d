"""invalid_maps: documents in argmap's JSON shape with exactly one known defect."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from argmap.errors import ArgmapError, FormatError, ValidationError
from argmap.formats.json import to_data
from argmap.model import Kind
from argmap.strategies._maps import argument_trees
from argmap.strategies._values import TEXT_CHARS, claim_texts

__all__ = ["FORMAT_DEFECTS", "InvalidDocument", "VALIDATION_DEFECTS", "invalid_maps"]


@attrs.frozen(eq=False)
class InvalidDocument:
    """A document that :func:`argmap.formats.json.from_data` must reject.

    ``document`` is plain data (dicts, lists, strings, numbers), as
    ``json.loads`` gives it; ``json.dumps(document)`` is the JSON text.
    ``error`` is the exception expected: :class:`~argmap.errors.ValidationError`
    with a problem ``(id, code)``, or :class:`~argmap.errors.FormatError` with
    ``.where == where``, the JSON path of the bad field.  ``code`` names the
    defect (for a ValidationError, the problem's code).
    """

    document: Any
    error: type[ArgmapError]
    code: str
    id: str | None = None
    where: str | None = None

    def matches(self, error: BaseException) -> bool:
        """Whether *error* is the error this document should raise."""
        if not isinstance(error, self.error):
            return False
        if isinstance(error, ValidationError):
            return any(p.id == self.id and p.code == self.code for p in error.problems)
        return getattr(error, "where", None) == self.where


# --------------------------------------------------------------------------
# Defects.  Each takes (draw, doc) where doc is a valid document with a
# source and at least two claims and one relation; it breaks one thing and
# returns the id (ValidationError) or the JSON path (FormatError) to expect,
# or a (path, replacement) pair when the defect replaces the whole document.

Defect = Callable[[st.DrawFn, dict[str, Any]], "str | tuple[str, Any]"]
ValidationDefect = Callable[[st.DrawFn, dict[str, Any]], str]

_BLANK = st.text(st.sampled_from(" \t\n\u00a0\u2003\u3000"), max_size=3)
_BAD_CHARS = st.one_of(
    st.integers(0x00, 0x08),
    st.integers(0x0B, 0x1F),
    st.integers(0x7F, 0x9F),
    st.integers(0xD800, 0xDFFF),
    st.integers(0xFDD0, 0xFDEF),
    st.sampled_from([p * 0x10000 + 0xFFFE + i for p in range(17) for i in (0, 1)]),
).map(chr)


def _index(draw: st.DrawFn, items: list[Any]) -> int:
    return draw(st.integers(0, len(items) - 1))


def _a_claim(draw: st.DrawFn, doc: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    i = _index(draw, doc["claims"])
    return i, doc["claims"][i]


def _a_relation(draw: st.DrawFn, doc: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    j = _index(draw, doc["relations"])
    return j, doc["relations"][j]


def _id(item: dict[str, Any]) -> str:
    """The id of a claim or relation object (a string: defects that break
    an id return the id they wrote)."""
    ident: str = item["id"]
    return ident


def _fresh(doc: dict[str, Any], stem: str) -> str:
    taken = {x["id"] for x in doc["claims"] + doc["relations"]}
    n = 1
    while f"{stem}{n}" in taken:
        n += 1
    return f"{stem}{n}"


def _bad_text_field(draw: st.DrawFn, doc: dict[str, Any], bad: str) -> str:
    """Put the text *bad* in a claim text, a tag or a relation scheme."""
    field = draw(st.sampled_from(["text", "tag", "scheme"]))
    if field == "scheme":
        _, r = _a_relation(draw, doc)
        r["scheme"] = bad
        return _id(r)
    _, c = _a_claim(draw, doc)
    if field == "text":
        c["text"] = bad
    else:
        c.setdefault("tags", []).append(bad)
    return _id(c)


def _empty_text(draw: st.DrawFn, doc: dict[str, Any]) -> str:
    return _bad_text_field(draw, doc, draw(_BLANK))


def _bad_char(draw: st.DrawFn, doc: dict[str, Any]) -> str:
    text = draw(claim_texts(max_size=5))
    at = draw(st.integers(0, len(text)))
    return _bad_text_field(draw, doc, text[:at] + draw(_BAD_CHARS) + text[at:])


def _bad_score(draw: st.DrawFn, doc: dict[str, Any]) -> str:
    score = draw(
        st.floats(min_value=1, exclude_min=True, allow_infinity=False)
        | st.floats(max_value=-5e-324, allow_infinity=False)
        | st.integers(2, 10**6)
        | st.integers(-(10**6), -1)
    )
    _, item = draw(st.sampled_from([_a_claim, _a_relation]))(draw, doc)
    item["base_score"] = score
    return _id(item)


def _duplicate_id(draw: st.DrawFn, doc: dict[str, Any]) -> str:
    taken: str = draw(st.sampled_from([x["id"] for x in doc["claims"] + doc["relations"]]))
    at = draw(st.integers(0, len(doc["claims"])))
    doc["claims"].insert(at, {"id": taken, "text": "a second claim with a used id"})
    return taken


def _bad_id(draw: st.DrawFn, doc: dict[str, Any]) -> str:
    base = _fresh(doc, "c")
    bad = draw(
        st.sampled_from([f" {base}", f"{base} ", f"\n{base}", f"{base}\t"]) | _BAD_CHARS.map(lambda ch: base + ch)
    )
    doc["claims"].append({"id": bad, "text": "a claim with a bad id"})
    return bad


def _dangling_id(draw: st.DrawFn, doc: dict[str, Any]) -> str:
    _, r = _a_relation(draw, doc)
    missing = _fresh(doc, "missing")
    if draw(st.booleans()):
        r["target"] = missing
    else:
        r["premises"][_index(draw, r["premises"])] = missing
    return _id(r)


def _self_target(draw: st.DrawFn, doc: dict[str, Any]) -> str:
    _, r = _a_relation(draw, doc)
    r["target"] = draw(st.sampled_from([r["id"], *r["premises"]]))
    if r["target"] != r["id"] and r["kind"] == "attack" and len(r["premises"]) == 1:
        r["kind"] = "support"  # a claim may attack itself, not support itself
    return _id(r)


def _duplicate_premise(draw: st.DrawFn, doc: dict[str, Any]) -> str:
    _, r = _a_relation(draw, doc)
    r["premises"].insert(draw(st.integers(0, len(r["premises"]))), draw(st.sampled_from(r["premises"])))
    return _id(r)


def _no_premises(draw: st.DrawFn, doc: dict[str, Any]) -> str:
    _, r = _a_relation(draw, doc)
    r["premises"] = []
    return _id(r)


def _bad_premise(draw: st.DrawFn, doc: dict[str, Any]) -> str:
    _, r = _a_relation(draw, doc)
    others = [x["id"] for x in doc["relations"] if x["id"] != r["target"]]
    r["premises"][_index(draw, r["premises"])] = draw(st.sampled_from(others))
    return _id(r)


def _a_span(draw: st.DrawFn, text: str) -> tuple[int, int]:
    start = draw(st.integers(0, len(text) - 1))
    return start, draw(st.integers(start + 1, len(text)))


def _quote_mismatch(draw: st.DrawFn, doc: dict[str, Any]) -> str:
    text = doc["source"]["text"]
    start, end = _a_span(draw, text)
    extra = draw(TEXT_CHARS)
    _, c = _a_claim(draw, doc)
    c["quote"] = {"text": text[start:end] + extra, "start": start, "end": end}  # longer than its span
    return _id(c)


def _quote_not_in_source(draw: st.DrawFn, doc: dict[str, Any]) -> str:
    _, c = _a_claim(draw, doc)
    c["quote"] = {"text": doc["source"]["text"] + "\u2026"}  # longer than the source
    return _id(c)


def _bad_quote(draw: st.DrawFn, doc: dict[str, Any]) -> str:
    text = doc["source"]["text"]
    start, end = _a_span(draw, text)
    quote = draw(
        st.sampled_from(
            [
                {"text": text[start:end], "start": end, "end": start},  # backwards
                {"text": text[start:end], "start": start},  # no end
                {"text": text[start:end], "end": end},  # no start
                {"text": "", "start": start, "end": start},  # empty
                {"text": text[start:end], "start": -1 - start, "end": end},  # before the text
            ]
        )
    )
    _, c = _a_claim(draw, doc)
    c["quote"] = quote
    return _id(c)


# ---- FormatError defects: they return the JSON path


def _missing_field(draw: st.DrawFn, doc: dict[str, Any]) -> str:
    choice = draw(st.sampled_from(["claim", "relation", "top", "source"]))
    if choice == "claim":
        i, c = _a_claim(draw, doc)
        key = draw(st.sampled_from(["id", "text"]))
        del c[key]
        return f"claims[{i}].{key}"
    if choice == "relation":
        j, r = _a_relation(draw, doc)
        key = draw(st.sampled_from(["id", "kind", "premises", "target"]))
        del r[key]
        return f"relations[{j}].{key}"
    if choice == "source":
        del doc["source"]["text"]
        return "source.text"
    key = draw(st.sampled_from(["argmap", "claims", "relations"]))
    del doc[key]
    return key


_NOT_STRINGS: st.SearchStrategy[object] = st.one_of(
    st.integers(-3, 3), st.booleans(), st.floats(-1, 1), st.lists(st.integers(0, 3), max_size=2), st.just({})
)
_NOT_LISTS = st.one_of(st.integers(-3, 3), st.booleans(), st.text(max_size=3), st.just({"a": 1}))
_NOT_OBJECTS = st.one_of(
    st.integers(-3, 3), st.booleans(), st.text(max_size=3), st.lists(st.integers(0, 3), max_size=2)
)
_NOT_NUMBERS: st.SearchStrategy[object] = st.one_of(
    st.booleans(), st.text(max_size=3), st.lists(st.integers(0, 3), max_size=2), st.just({})
)
_NOT_INTEGERS = st.one_of(
    st.floats(0, 10, exclude_min=True).filter(lambda f: not f.is_integer()), st.booleans(), st.text(max_size=3)
)


def _wrong_type(draw: st.DrawFn, doc: dict[str, Any]) -> str:
    i, c = _a_claim(draw, doc)
    j, r = _a_relation(draw, doc)
    field = draw(
        st.sampled_from(
            [
                "title",
                "claim.id",
                "claim.text",
                "claim.tags",
                "claim.tag",
                "claim.base_score",
                "claim.data",
                "claim.quote.start",
                "relation.kind",
                "relation.premises",
                "relation.premise",
                "relation.target",
                "relation.scheme",
            ]
        )
    )
    if field == "title":
        doc["title"] = draw(_NOT_STRINGS)
        return "title"
    owner, _, key = field.partition(".")
    item, where = (c, f"claims[{i}]") if owner == "claim" else (r, f"relations[{j}]")
    if key == "tag":
        tags = item.setdefault("tags", [])
        tags.append(draw(_NOT_STRINGS))
        return f"{where}.tags[{len(tags) - 1}]"
    if key == "premise":
        k = _index(draw, item["premises"])
        item["premises"][k] = draw(_NOT_STRINGS)
        return f"{where}.premises[{k}]"
    if key == "quote.start":
        text = doc["source"]["text"]
        start, end = _a_span(draw, text)
        item["quote"] = {"text": text[start:end], "start": draw(_NOT_INTEGERS), "end": end}
        return f"{where}.quote.start"
    item[key] = draw(
        {"tags": _NOT_LISTS, "premises": _NOT_LISTS, "base_score": _NOT_NUMBERS, "data": _NOT_OBJECTS}.get(
            key, _NOT_STRINGS
        )
    )
    return f"{where}.{key}"


_KNOWN_KEYS = {
    "": {"argmap", "title", "source", "data", "claims", "relations"},
    "source": {"text", "title", "url"},
    "claim": {"id", "text", "quote", "tags", "base_score", "data"},
    "relation": {"id", "kind", "premises", "target", "scheme", "base_score", "data"},
}


def _unknown_field(draw: st.DrawFn, doc: dict[str, Any]) -> str:
    owner = draw(st.sampled_from(["claim", "relation", "", "source"]))
    known = _KNOWN_KEYS[owner]
    key = draw(
        st.text(st.characters(codec="ascii", categories=("Ll", "Lu", "Nd", "Pc")), min_size=1, max_size=8).filter(
            lambda k: k not in known
        )
    )
    value = draw(st.none() | st.integers(0, 3) | st.text(max_size=3))
    if owner == "claim":
        i, c = _a_claim(draw, doc)
        c[key] = value
        return f"claims[{i}].{key}"
    if owner == "relation":
        j, r = _a_relation(draw, doc)
        r[key] = value
        return f"relations[{j}].{key}"
    if owner == "source":
        doc["source"][key] = value
        return f"source.{key}"
    doc[key] = value
    return key


def _unknown_kind(draw: st.DrawFn, doc: dict[str, Any]) -> str:
    known = {k.value for k in Kind}
    kind = draw(st.sampled_from(["supports", "Support", "ATTACK", "undercut", "pro", "con", ""]) | st.text(max_size=8))
    j, r = _a_relation(draw, doc)
    r["kind"] = kind if kind not in known else kind + "s"
    return f"relations[{j}].kind"


def _bad_version(draw: st.DrawFn, doc: dict[str, Any]) -> str:
    doc["argmap"] = draw(
        st.sampled_from([0, 2, -1, 1.0, 1.5, "1", True, None, [1], {"version": 1}]) | st.integers(2, 10**6)
    )
    return "argmap"


def _not_an_object(draw: st.DrawFn, doc: dict[str, Any]) -> str | tuple[str, Any]:
    choice = draw(st.sampled_from(["claim", "relation", "source", "document"]))
    value = draw(_NOT_OBJECTS)
    if choice == "claim":
        i, _ = _a_claim(draw, doc)
        doc["claims"][i] = value
        return f"claims[{i}]"
    if choice == "relation":
        j, _ = _a_relation(draw, doc)
        doc["relations"][j] = value
        return f"relations[{j}]"
    if choice == "source":
        doc["source"] = value
        return "source"
    return "$", value  # the whole document is replaced


#: Defects that make the map invalid; the reader raises ValidationError.
VALIDATION_DEFECTS: dict[str, ValidationDefect] = {
    "bad-char": _bad_char,
    "bad-id": _bad_id,
    "bad-premise": _bad_premise,
    "bad-quote": _bad_quote,
    "bad-score": _bad_score,
    "dangling-id": _dangling_id,
    "duplicate-id": _duplicate_id,
    "duplicate-premise": _duplicate_premise,
    "empty-text": _empty_text,
    "no-premises": _no_premises,
    "quote-mismatch": _quote_mismatch,
    "quote-not-in-source": _quote_not_in_source,
    "self-target": _self_target,
}

#: Defects in the document's shape; the reader raises FormatError.
FORMAT_DEFECTS: dict[str, Defect] = {
    "bad-version": _bad_version,
    "missing-field": _missing_field,
    "not-an-object": _not_an_object,
    "unknown-field": _unknown_field,
    "unknown-kind": _unknown_kind,
    "wrong-type": _wrong_type,
}


def invalid_maps(*, codes: Iterable[str] | None = None) -> st.SearchStrategy[InvalidDocument]:
    """Documents in argmap's JSON shape (what :func:`argmap.formats.json.to_data`
    writes) with exactly one known defect, as :class:`InvalidDocument` records.

    The defect is one of *codes* (default: all): the model's problem codes in
    ``VALIDATION_DEFECTS`` (``"dangling-id"``, ``"self-target"``, ...) and the
    shape defects in ``FORMAT_DEFECTS`` (``"missing-field"``, ``"wrong-type"``,
    ...).  The rest of the document is a valid map of two to five claims with
    a source.
    """
    known = {**VALIDATION_DEFECTS, **FORMAT_DEFECTS}
    if codes is None:
        chosen = list(known)
    else:
        if isinstance(codes, str) or not isinstance(codes, Iterable):
            msg = f"codes={codes!r} must be a collection of defect codes"
            raise InvalidArgument(msg)
        chosen = list(dict.fromkeys(codes))
        unknown = [c for c in chosen if c not in known]
        if unknown or not chosen:
            msg = (
                f"unknown defect codes {unknown!r}; known: {', '.join(sorted(known))}"
                if unknown
                else "codes=() chooses no defect"
            )
            raise InvalidArgument(msg)
    return _invalid_documents(tuple(chosen))


_BASES = argument_trees(min_claims=2, max_claims=5, with_source=True, kinds=tuple(Kind))


@st.composite
def _invalid_documents(draw: st.DrawFn, codes: tuple[str, ...]) -> InvalidDocument:
    code = draw(st.sampled_from(codes))
    doc = to_data(draw(_BASES))
    if code in VALIDATION_DEFECTS:
        ident = VALIDATION_DEFECTS[code](draw, doc)
        return InvalidDocument(doc, ValidationError, code, id=ident)
    where = FORMAT_DEFECTS[code](draw, doc)
    if isinstance(where, tuple):
        where, doc = where
    return InvalidDocument(doc, FormatError, code, where=where)
