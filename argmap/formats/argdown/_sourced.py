"""The article an Argdown document maps, and the quotes of its statements.

Front matter ``source:`` names the article: a path (relative to the
document's directory), or a mapping with ``path``, ``url``, ``title`` and the
text itself under ``text``.  A statement's or argument's data may hold
``quote: "exact passage"`` (or ``quote: {text: ..., start: N, end: M}``
when the passage occurs more than once and it is not the first occurrence
that is meant; ``start: null`` keeps a quote unlocated) and ``score: 0.7`` (its base score).  The reader locates each
quote in the source forgivingly (:func:`argmap.source.locate`) and keeps the
source's own text and span; the writer writes them back.
"""

from __future__ import annotations

import contextlib
import os
import stat
from typing import Any

from argmap.errors import ArgmapError, ParseError
from argmap.model import Claim, Quote, Source
from argmap.source import describe_missing, locate

__all__ = ["SOURCE_KEYS", "claim_extras", "locate_claim_quote", "read_source", "source_front_matter", "split_data"]

#: The keys of a ``source:`` mapping in the front matter.
SOURCE_KEYS = ("path", "url", "title", "text")


def _front_matter_pos(text: str) -> int:
    i = text.find("===")
    return max(i, 0)


def read_source(value: Any, text: str, base_dir: str | None) -> Source:
    """The :class:`Source` that front matter ``source:`` *value* names; a
    ParseError at the front matter says what is wrong with it."""
    pos = _front_matter_pos(text)

    def fail(msg: str) -> ParseError:
        return ParseError(f"front matter 'source': {msg}", doc=text, pos=pos, show_line=True)

    if isinstance(value, str):
        value = {"path": value}
    if not isinstance(value, dict):
        raise fail(f"expected a path or a mapping with {', '.join(SOURCE_KEYS)}, not {type(value).__name__}")
    unknown = [k for k in value if k not in SOURCE_KEYS]
    if unknown:
        raise fail(f"unknown key {unknown[0]!r} (known: {', '.join(SOURCE_KEYS)})")
    for k in SOURCE_KEYS:
        if k in value and not isinstance(value[k], str):
            raise fail(f"{k!r} must be a string, not {type(value[k]).__name__}")
    title, url = value.get("title"), value.get("url")
    if "text" in value:
        if "path" in value:
            raise fail("give the article's 'text' or its 'path', not both")
        return Source(value["text"], title=title, url=url)
    path = value.get("path")
    if not path:
        raise fail("needs the article's 'path' or its 'text'")
    if base_dir is None:
        raise fail(
            f"the article {path!r} is read only from a file's folder: load the document with "
            "argmap.load(PATH), or pass base_dir= to loads()"
        )
    full = os.path.join(base_dir, path)
    with contextlib.suppress(OSError):  # (a file that is not there: Source.from_file says so)
        if not stat.S_ISREG(os.stat(full).st_mode):  # a FIFO or device would hang or never end
            raise fail(f"{path!r} is not a regular file")
    try:
        return Source.from_file(full, title=title, url=url)
    except ArgmapError as e:
        raise fail(str(e)) from None


def split_data(data: dict[str, Any] | None) -> tuple[Any, Any, dict[str, Any] | None]:
    """(quote, score, the rest of *data*) of a statement's or argument's data."""
    if data is None or ("quote" not in data and "score" not in data):
        return None, None, data
    rest = {k: v for k, v in data.items() if k not in ("quote", "score")}
    score = data.get("score")
    if score is not None and (isinstance(score, bool) or not isinstance(score, (int, float))):
        rest["score"] = score  # not a number: plain data
        score = None
    return data.get("quote"), score, rest or None


def locate_claim_quote(raw: Any, source: Source | None, text: str, pos: int, what: str) -> Quote:
    """The :class:`Quote` that statement data ``quote:`` *raw* gives, located
    in *source* when there is one (a ParseError at *pos* when it is not
    there)."""

    def fail(msg: str) -> ParseError:
        return ParseError(f"{what}: {msg}", doc=text, pos=pos, show_line=True)

    start = end = None
    if isinstance(raw, dict):
        q = raw.get("text")
        start, end = raw.get("start"), raw.get("end")
        unknown = [k for k in raw if k not in ("text", "start", "end")]
        if unknown:
            raise fail(f"unknown key {unknown[0]!r} in 'quote' (known: text, start, end)")
        for v in (start, end):
            if v is not None and (isinstance(v, bool) or not isinstance(v, int)):
                raise fail("a quote's 'start' and 'end' are whole numbers")
    else:
        q = raw
    if not isinstance(q, str) or not q:
        raise fail("'quote' must be a non-empty string (the exact passage of the source)")
    if source is None or (isinstance(raw, dict) and "start" in raw and start is None):
        return Quote(q, start, end)  # (``start: null``: a quote kept as it is, not located)
    src = source.text
    if start is not None and end is not None and 0 <= start <= end <= len(src) and src[start:end] == q:
        return Quote(q, start, end)
    span = locate(src, q).span
    if span is None:
        raise fail(describe_missing(src, q))
    return Quote(src[span[0] : span[1]], span[0], span[1])


def claim_extras(c: Claim, source: Source | None) -> dict[str, Any]:
    """What the writer adds to claim *c*'s data block: its quote and score."""
    out: dict[str, Any] = {}
    q = c.quote
    if q is not None:
        first = None
        if source is not None and q.start is not None:
            span = locate(source.text, q.text).span
            first = span[0] if span is not None else None
        if q.start is None and source is not None:
            out["quote"] = {"text": q.text, "start": None}  # (kept as it is: not located)
        elif q.start is None or (source is not None and first == q.start and q.end == q.start + len(q.text)):
            out["quote"] = q.text
        else:
            out["quote"] = {"text": q.text, "start": q.start, "end": q.end}
    if c.base_score is not None:
        out["score"] = c.base_score
    return out


def source_front_matter(source: Source, path: str | None) -> dict[str, Any]:
    """Front matter ``source:`` for *source*: its *path* when given, else its text."""
    out: dict[str, Any] = {}
    if path is not None:
        out["path"] = path
    if source.title is not None:
        out["title"] = source.title
    if source.url is not None:
        out["url"] = source.url
    if path is None:
        out["text"] = source.text
    return out
