"""argmap's JSON document read as plain columns, without the model, when it
is certainly a valid map of the plainest shape.

``argmap render MAP.json --layout tree`` draws most maps straight from
these columns (:func:`argmap.render.layout._view.view_of_columns`), so that
the command loads neither attrs nor the model.  :func:`plain_map` accepts
only what :func:`argmap.formats.json.loads` reads on its fast path (claims
of exactly ``id`` and ``text``, relations of exactly ``id``, ``kind``,
``premises`` and ``target``; no source, no data) and only a map that the
model's checks (:mod:`argmap._validation`) pass in their common case: plain
ids, each used once; printable, non-blank texts and title; every premise a
claim of the map, listed once; every target a claim or relation other than
the relation itself and its premises.  Anything else (any error, anything
unusual, any doubt) gives None, and the caller reads the file the usual
way, which reports what is wrong.
"""

from __future__ import annotations

import json
import re
from itertools import chain, compress
from operator import itemgetter

from argmap._kinds import Kind
from argmap.errors import ArgmapError
from argmap.formats._decode import decode

TYPE_CHECKING = False  # (typing.TYPE_CHECKING, without importing typing)
if TYPE_CHECKING:
    from typing import Any

__all__ = ["PlainMap", "count_literals", "plain_map"]

_KINDS = {k.value: k for k in Kind}
_TOP = frozenset({"argmap", "title", "claims", "relations"})
_ID = itemgetter("id")
_TEXT = itemgetter("text")
_KIND = itemgetter("kind")
_PREMISES = itemgetter("premises")
_TARGET = itemgetter("target")


#: A valid map's columns, in map order: title, claim ids, texts, relation
#: ids, kinds, premises, targets (a plain tuple: cheaper to make than a class).
PlainMap = tuple[str | None, list[str], list[str], list[str], list[Kind], list[tuple[str, ...]], list[str]]


#: The fields of a richer map, as argmap's writer writes them: a document
#: that has one (or a text that looks like it) is left to the usual reader
#: without being parsed here.  (One pass over the document for all six,
#: rather than six.)
_OTHER_KEYS = (b'"source":', b'"data":', b'"quote":', b'"tags":', b'"base_score":', b'"scheme":')
_OTHER_KEY = re.compile(b"|".join(map(re.escape, _OTHER_KEYS)))


# A run of backslashes before a quote: an odd run escapes it.
_BACKSLASHES_QUOTE = re.compile(r'\\+"')


def count_literals(text: str) -> int:
    """The number of string literals in JSON text *text*: a quote that is
    not escaped starts or ends one, and quotes appear nowhere else."""
    quotes = text.count('"')
    if "\\" in text:
        quotes -= sum(len(run) % 2 == 0 for run in _BACKSLASHES_QUOTE.findall(text))  # an odd run, then the quote
    return quotes // 2


def plain_map(data: bytes) -> PlainMap | None:
    """The columns of the map in *data* (the bytes of an argmap JSON file),
    or None unless it is certainly a valid map of the plainest shape (see
    the module's documentation)."""
    if _OTHER_KEY.search(data):
        return None  # (a field of a richer map, most likely: not worth parsing to see)
    try:
        text = decode(data)
        doc = json.loads(text)
    except (ArgmapError, ValueError, RecursionError):  # (a JSONDecodeError is a ValueError)
        return None
    if type(doc) is not dict or not _TOP.issuperset(doc) or "claims" not in doc or "relations" not in doc:
        return None
    version = doc.get("argmap")
    if type(version) is not int or version != 1:
        return None
    title = doc.get("title")
    if title is not None and (type(title) is not str or not _plain_texts([title])):
        return None
    claims, relations = doc["claims"], doc["relations"]
    if type(claims) is not list or type(relations) is not list:
        return None
    columns = _claim_columns(claims)
    if columns is None:
        return None
    claim_ids, texts = columns
    rows = _relation_columns(relations)
    if rows is None:
        return None
    relation_ids, kind_names, premise_lists, targets = rows
    premises = list(map(tuple, premise_lists))
    # Every string of the value is one of the text's literals: fewer
    # literals than that means a key given twice in one object, which the
    # strict parser refuses (json.loads keeps the last).
    strings = len(doc) + (title is not None) + 4 * len(claims) + 7 * len(relations) + sum(map(len, premises))
    if count_literals(text) != strings:
        return None
    if not _valid(claim_ids, texts, relation_ids, premises, targets):
        return None
    kinds = list(map(_KINDS.__getitem__, kind_names))
    return title, claim_ids, texts, relation_ids, kinds, premises, targets


def _claim_columns(claims: list[Any]) -> tuple[list[str], list[str]] | None:
    """The ids and texts of *claims*, if each is an object of exactly a
    string ``id`` and a string ``text``."""
    if not set(map(type, claims)) <= {dict} or not set(map(len, claims)) <= {2}:
        return None
    try:
        ids = list(map(_ID, claims))
        texts = list(map(_TEXT, claims))
    except KeyError:
        return None
    if not set(map(type, ids)) <= {str} or not set(map(type, texts)) <= {str}:
        return None
    return ids, texts


def _relation_columns(relations: list[Any]) -> tuple[list[str], list[str], list[list[str]], list[str]] | None:
    """The ids, kinds, premises and targets of *relations*, if each is an
    object of exactly a string ``id``, a known ``kind``, a non-empty array
    of strings ``premises`` and a string ``target``."""
    if not set(map(type, relations)) <= {dict} or not set(map(len, relations)) <= {4}:
        return None
    try:
        ids = list(map(_ID, relations))
        kinds = list(map(_KIND, relations))
        premises = list(map(_PREMISES, relations))
        targets = list(map(_TARGET, relations))
    except KeyError:
        return None
    if not set(map(type, ids)) <= {str} or not set(map(type, targets)) <= {str}:
        return None
    if not set(map(type, kinds)) <= {str} or not _KINDS.keys() >= set(kinds):
        return None
    if not set(map(type, premises)) <= {list} or not all(premises):
        return None
    if not set(map(type, chain.from_iterable(premises))) <= {str}:
        return None
    return ids, kinds, premises, targets


def _printable(texts: list[str]) -> bool:
    """Whether every one of *texts* is printable (``str.isprintable``: no
    control character, line break or other separator than the space)."""
    joined = "".join(texts)
    if joined.isascii():  # the usual case: one pass over bytes, faster than isprintable()
        data = joined.encode("ascii")
        return len(data.translate(None, _ASCII_UNPRINTABLE)) == len(data)
    return joined.isprintable()


#: The ASCII characters that are not printable: the controls and DEL.
_ASCII_UNPRINTABLE = bytes([*range(32), 127])


def _plain_texts(texts: list[str]) -> bool:
    """Every text printable and not blank: what the model accepts, and more
    plainly."""
    return all(texts) and _printable(texts) and not any(map(str.isspace, texts))


def _plain_ids(ids: list[str]) -> bool:
    """Every id non-empty, printable, without surrounding spaces."""
    return all(ids) and _printable(ids) and list(map(str.strip, ids)) == ids


def _valid(
    claim_ids: list[str],
    texts: list[str],
    relation_ids: list[str],
    premises: list[tuple[str, ...]],
    targets: list[str],
) -> bool:
    """Whether the map of these columns passes the model's checks (see the
    module's documentation), checked over whole columns."""
    if not _plain_ids(claim_ids) or not _plain_ids(relation_ids) or not _plain_texts(texts):
        return False
    claims = set(claim_ids)
    items = claims.union(relation_ids)
    if len(items) != len(claim_ids) + len(relation_ids):
        return False  # an id used twice
    if not claims.issuperset(chain.from_iterable(premises)) or not items.issuperset(targets):
        return False  # a premise that is not a claim, a target that is nothing
    if any(map(str.__eq__, targets, relation_ids)):
        return False  # a relation onto itself
    single = list(map(len, premises))
    for i in compress(range(len(premises)), map((1).__ne__, single)):
        ps = premises[i]
        if len(set(ps)) != len(ps) or targets[i] in ps:
            return False  # a premise listed twice, or one onto itself
    firsts = list(map(itemgetter(0), premises))
    return not any(map(str.__eq__, targets, firsts))  # a premise onto itself
