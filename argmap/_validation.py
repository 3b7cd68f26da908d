"""Validation of a whole map: what :class:`~argmap.model.ArgumentMap` checks
when it is made, reported as :class:`~argmap.errors.Problem` values (all of
them at once, each naming its claim or relation), and the text argmap accepts.
"""

from __future__ import annotations

import operator
import re
from itertools import chain, compress, repeat
from typing import TYPE_CHECKING, Any

from argmap._data import _SURROGATE, EMPTY, FrozenDict
from argmap._values import _KINDS, Claim, Kind, Quote, Relation, Source
from argmap.errors import Problem

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

__all__ = ["bad_char", "problems"]


# Text must be printable: no control characters (tab and newline excepted), no
# surrogates, no Unicode noncharacters (XML, and so Graphviz, rejects them).
_BAD_CHAR = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(f"{chr(p * 0x10000 + 0xFFFE)}{chr(p * 0x10000 + 0xFFFF)}" for p in range(17))
    + "]"
)


# Cheap prefilters for _BAD_CHAR, whose 34 astral noncharacters make it a slow
# range scan (about 35 ns a character).  Every character it matches is
# unprintable (Cc, Cs or Cn), so text that str.isprintable() accepts (the
# usual case, a fast C loop) is clean.  Otherwise _SUSPECT, the same ranges
# below U+10000 plus every astral character, is a bitmap test per character;
# only what it flags (rare: emoji and the like) goes on to the exact pattern.
_SUSPECT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff\U00010000-\U0010ffff]")


def _has_bad_char(text: str) -> bool:
    return not text.isprintable() and _SUSPECT.search(text) is not None and _BAD_CHAR.search(text) is not None


def bad_char(text: str) -> str | None:
    """The first character of *text* that argmap refuses, as ``U+XXXX``, or None."""
    m = None if text.isprintable() or not _SUSPECT.search(text) else _BAD_CHAR.search(text)
    return f"U+{ord(m.group()):04X}" if m else None


def _text_problems(owner: str, field: str, text: Any, out: list[Problem], *, allow_empty: bool = False) -> None:
    if not isinstance(text, str):
        out.append(Problem(owner, "bad-type", f"{field} must be a string, not {type(text).__name__}"))
        return
    if not allow_empty and not text.strip():
        out.append(Problem(owner, "empty-text", f"{field} is empty"))
    if _has_bad_char(text):
        out.append(Problem(owner, "bad-char", f"{field} contains the control character {bad_char(text)}"))


def _score_problem(owner: str, score: Any, out: list[Problem]) -> None:
    if score is None:
        return
    if isinstance(score, bool) or not isinstance(score, (int, float)):
        out.append(Problem(owner, "bad-type", f"base score must be a number, not {type(score).__name__}"))
    elif not 0.0 <= score <= 1.0:  # also false for NaN
        out.append(Problem(owner, "bad-score", f"base score {score!r} is outside [0, 1]"))


def _quote_problems(owner: str, quote: Any, source: Source | None, out: list[Problem]) -> None:
    # Offsets are checked for type, sign, order and against the source's
    # length before anything uses them: a span is only ever compared by
    # slicing, never used to size anything.
    if not isinstance(quote, Quote):
        out.append(Problem(owner, "bad-type", f"quote must be a Quote, not {type(quote).__name__}"))
        return
    text, start, end = quote.text, quote.start, quote.end
    if not isinstance(text, str) or not text:
        out.append(Problem(owner, "bad-quote", "quote text must be a non-empty string"))
        return
    if _SURROGATE.search(text):
        out.append(Problem(owner, "bad-char", "quote text contains a lone surrogate (not valid Unicode text)"))
        return
    if (start is None) != (end is None):
        field = "quote.end" if end is None else "quote.start"
        out.append(Problem(owner, "bad-quote", f"quote span needs both start and end ({field} is missing)"))
        return
    if start is not None:
        assert end is not None  # both or neither, checked above
        for field, value in (("quote.start", start), ("quote.end", end)):
            if type(value) is not int:
                out.append(Problem(owner, "bad-quote", f"{field} must be an integer, not {type(value).__name__}"))
                return
        if start < 0:
            out.append(Problem(owner, "bad-quote", f"quote.start {start} is negative"))
            return
        if start > end:
            out.append(Problem(owner, "bad-quote", f"quote span {start}..{end} ends before it starts"))
            return
    if source is None:
        return
    if start is None:
        if text not in source.text:
            out.append(Problem(owner, "quote-not-in-source", f"quote {_short(text)} does not occur in the source"))
        return
    assert end is not None  # both or neither, checked above
    if end > len(source.text):
        out.append(
            Problem(
                owner,
                "bad-quote",
                f"quote.end {end} is past the end of the source ({len(source.text)} characters)",
            )
        )
    elif source.text[start:end] != text:
        hint = source.text.find(text)
        where = f" (it occurs at {hint}..{hint + len(text)})" if hint >= 0 else " (it does not occur in the source)"
        out.append(
            Problem(owner, "quote-mismatch", f"quote {_short(text)} is not in the source at {start}..{end}{where}")
        )


def _short(text: str, n: int = 40) -> str:
    return repr(text if len(text) <= n else text[: n - 3] + "...")


def problems(m: ArgumentMap, index: dict[str, Claim | Relation]) -> list[Problem]:
    """Every problem of *m*, in order; fills *index* (id -> claim or relation)
    with the first item of each id."""
    # One linear pass over claims, then two over relations.  The common
    # case (a well-formed item) is tested inline with cheap checks; any
    # doubt falls through to the exact, reporting helpers below, so every
    # problem is still found and worded the same way.
    out: list[Problem] = []
    source = map_problems(m, out)
    stext = source.text if source is not None and type(source.text) is str else None
    slen = len(stext) if stext is not None else 0
    bad = _has_bad_char
    id_ok = _id_ok
    for c in m.claims:
        if type(c) is not Claim:
            out.append(Problem("", "bad-type", f"claims must be Claim objects, not {type(c).__name__}"))
            continue
        cid = c.id
        if (type(cid) is not str or not cid or cid != cid.strip() or not cid.isprintable()) and not id_ok(
            cid, "claim", out
        ):
            continue
        if cid in index:
            out.append(Problem(cid, "duplicate-id", "id is used more than once"))
        else:
            index[cid] = c
        text = c.text
        if type(text) is not str or not text.strip() or (not text.isprintable() and bad(text)):
            _text_problems(cid, "claim text", text, out)
        q = c.quote
        if q is not None and not (
            # the usual quote: text found in the source at its span
            type(q) is Quote
            and stext is not None
            and type(q.start) is int
            and type(q.end) is int
            and 0 <= q.start <= q.end <= slen
            and type(q.text) is str
            and q.text
            and stext[q.start : q.end] == q.text
            and (q.text.isascii() or not _SURROGATE.search(q.text))
        ):
            _quote_problems(cid, q, source, out)
        if c.base_score is not None:
            _score_problem(cid, c.base_score, out)
        if not isinstance(c.tags, tuple):  # (None, {} and 0 too: the writers iterate them)
            out.append(Problem(cid, "bad-type", "tags must be a sequence of strings"))
        elif c.tags:
            for t in c.tags:
                _text_problems(cid, "tag", t, out)
    relations = m.relations
    for r in relations:
        if type(r) is not Relation:
            out.append(Problem("", "bad-type", f"relations must be Relation objects, not {type(r).__name__}"))
            continue
        rid = r.id
        if (type(rid) is not str or not rid or rid != rid.strip() or not rid.isprintable()) and not id_ok(
            rid, "relation", out
        ):
            continue
        if rid in index:
            out.append(Problem(rid, "duplicate-id", "id is used more than once"))
        else:
            index[rid] = r
    get = index.get
    for r in relations:
        if type(r) is not Relation or not isinstance(r.id, str):
            continue
        # Fast path: a single claim premise bearing on another node, with
        # nothing optional set.  Everything else gets the full check.
        premises = r.premises
        if (
            type(premises) is tuple
            and len(premises) == 1
            and type(r.kind) is Kind
            and r.scheme is None
            and r.base_score is None
        ):
            p = premises[0]
            t = r.target
            if type(p) is str and type(get(p)) is Claim and type(t) is str and t in index and t != r.id and t != p:
                continue
        _relation_problems(r, index, out)
    data_problems(m, out)
    return out


def map_problems(m: ArgumentMap, out: list[Problem]) -> Source | None:
    """Append the problems of *m*'s title and source to *out*; return the
    source that quotes are checked against (None when there is none, or it
    is unusable)."""
    source = m.source
    if m.title is not None:
        _text_problems("", "map title", m.title, out)
    if source is not None:
        if not isinstance(source, Source):
            out.append(Problem("", "bad-type", f"source must be a Source, not {type(source).__name__}"))
            source = None
        elif not isinstance(source.text, str):
            out.append(Problem("", "bad-type", "source text must be a string"))
            source = None
        else:
            if _SURROGATE.search(source.text):
                out.append(Problem("", "bad-char", "source text contains a lone surrogate (not valid Unicode text)"))
            for field in ("title", "url"):
                if getattr(source, field) is not None:
                    _text_problems("", f"source {field}", getattr(source, field), out)
    return source


def data_problems(m: ArgumentMap, out: list[Problem]) -> None:
    """Append the problem of *m*'s data, if it has one, to *out*."""
    if m.data is not EMPTY and not isinstance(m.data, FrozenDict):
        out.append(Problem("", "bad-type", "data must be a mapping"))


# ---- a builder's columns, checked in bulk ----------------------------------

#: The ASCII characters _BAD_CHAR refuses, each looked for on its own: a
#: search for one character (memchr) is many times faster than one pass
#: that tests every character (bytes.translate, a regular expression).
_ASCII_BAD = tuple(chr(b) for b in range(128) if _BAD_CHAR.match(chr(b)))
#: How many texts _plain_texts checks in one piece.
_TEXTS_AT_ONCE = 4096


def column_index(
    claim_ids: list[Any],
    texts: list[Any],
    claims: list[Claim],
    relation_ids: list[Any],
    premises: list[Any],
    targets: list[Any],
    relations: list[Relation],
    *,
    fresh_ids: bool,
    linked: list[int] | None = None,
) -> dict[str, Claim | Relation] | None:
    """The index (id -> item) of a map made by a MapBuilder from its calls,
    if its items have no problem; else None, and the map is checked item by
    item as any map is, which finds and words every problem.

    The items are plain: claims with an id and a text, relations with a
    Kind, premises and a target, nothing optional.  A premise that is a
    string is the id of a claim made by the same call; a tuple lists
    premise ids.  *fresh_ids* says that the builder made every id (so each
    is well-formed); *linked*, if given, lists where *premises* holds
    tuples (else they are looked for).  The checks run over the columns in
    bulk, with passes that run in C, which is much faster than a pass an
    item for a large map.
    """
    try:
        index: dict[str, Claim | Relation] = dict(zip(claim_ids, claims))
        index.update(zip(relation_ids, relations))
    except TypeError:
        return None  # an id that cannot be one
    if len(index) != len(claims) + len(relations):
        return None  # an id used twice
    if not fresh_ids and not all(map(_id_is_plain, index)):
        return None
    if not _plain_texts(texts):
        return None
    if set(map(type, targets)) - {str} or not all(map(index.__contains__, targets)):
        return None  # a target that is not an id, or names no item
    if any(map(operator.eq, targets, relation_ids)) or any(map(operator.eq, targets, premises)):
        return None  # a relation onto itself, or a premise onto itself
    # Linked premises (tuples), all at once: none empty, none onto its
    # target, none listed twice, every one the id of a claim.
    if linked is None:
        linked = list(compress(range(len(premises)), map(operator.is_, map(type, premises), repeat(tuple))))
    groups = list(map(premises.__getitem__, linked))
    if groups:
        ids = list(chain.from_iterable(groups))
        if set(map(type, ids)) - {str} or not all(map(operator.is_, map(type, map(index.get, ids)), repeat(Claim))):
            return None
        if not all(groups) or any(map(operator.contains, groups, map(targets.__getitem__, linked))):
            return None
        if any(map(operator.ne, map(len, map(set, groups)), map(len, groups))):
            return None
    return index


def _id_is_plain(ident: Any) -> bool:
    """The common, well-formed id (what the claim loop of problems() lets through at once)."""
    return type(ident) is str and bool(ident) and ident == ident.strip() and ident.isprintable()


def _plain_texts(texts: list[Any]) -> bool:
    """Every text a string that is not blank and has no refused character."""
    if set(map(type, texts)) - {str} or not all(texts) or any(map(str.isspace, texts)):
        return False
    # A few thousand texts at a time: the joined copies stay small, and the
    # memory of one part is reused by the next (one copy of every text at
    # once would be tens of megabytes for a large map, freshly paged in).
    for k in range(0, len(texts), _TEXTS_AT_ONCE):
        part = texts[k : k + _TEXTS_AT_ONCE]
        joined = "\n".join(part)
        if joined.isascii():  # the usual case: much faster than isprintable()
            if any(map(joined.__contains__, _ASCII_BAD)):
                return False
        elif any(not t.isprintable() and _has_bad_char(t) for t in part):
            return False
    return True


def _id_ok(ident: Any, what: str, out: list[Problem]) -> bool:
    if (
        type(ident) is not str
        or not ident
        or ident != ident.strip()
        or _has_bad_char(ident)
        or "\n" in ident
        or "\t" in ident
    ):
        msg = f"{what} id {ident!r} must be a non-empty string without surrounding spaces or control characters"
        out.append(Problem(str(ident), "bad-id", msg))
        return False
    return True


def _relation_problems(r: Relation, index: dict[str, Claim | Relation], out: list[Problem]) -> None:
    rid = r.id
    if not isinstance(r.kind, Kind):
        out.append(Problem(rid, "bad-kind", f"kind {r.kind!r} is not one of {', '.join(sorted(_KINDS))}"))
    premises = r.premises
    if not isinstance(premises, tuple) or not premises:
        out.append(Problem(rid, "no-premises", "a relation needs at least one premise"))
        premises = ()
    seen = set()
    for p in premises:
        if type(p) is not str:
            out.append(Problem(rid, "bad-type", f"premise ids must be strings, not {type(p).__name__}"))
            continue
        if p in seen:
            out.append(Problem(rid, "duplicate-premise", f"premise {p!r} is listed twice"))
        seen.add(p)
        node = index.get(p)
        if node is None:
            out.append(Problem(rid, "dangling-id", f"premise {p!r} is not a claim of the map"))
        elif type(node) is not Claim:
            out.append(Problem(rid, "bad-premise", f"premise {p!r} is a relation, not a claim"))
    t = r.target
    if type(t) is not str:
        out.append(Problem(rid, "bad-type", f"target must be an id string, not {type(t).__name__}"))
    elif t not in index:
        out.append(Problem(rid, "dangling-id", f"target {t!r} is not a claim or relation of the map"))
    elif t == rid:
        out.append(Problem(rid, "self-target", "relation targets itself"))
    elif t in seen and not (r.kind is Kind.ATTACK and len(premises) == 1):
        # A claim may attack itself (an abstract framework's att(a,a)); it
        # cannot support itself, nor be one of linked premises against itself.
        out.append(Problem(rid, "self-target", f"premise {t!r} targets itself"))
    if r.scheme is not None:
        _text_problems(rid, "scheme", r.scheme, out)
    if r.base_score is not None:
        _score_problem(rid, r.base_score, out)
