"""Lint: what is legal in a map but probably a mistake.

:func:`lint` returns :class:`~argmap.errors.Problem` values, in map order,
with these codes:

``unconnected``
    a claim in no relation, in a map of more than one claim.
``extra-root``
    a root claim other than the thesis the map names (in ``data["thesis"]``,
    or as the one claim tagged ``thesis``).  A map that names no thesis may
    have several roots (the seed article has two conclusions).
``no-quote``
    a claim without a quote, in a map that has a source.
``shared-quote``
    a claim whose quote is the same passage (same span, or same text when
    unlocated) as an earlier claim's.
``drift``
    a claim whose words stand far from its quote: :func:`distance` above
    ``max_distance`` (0.7 by default).
``quote-missing``, ``quote-moved``, ``quote-loose``, ``quote-ambiguous``
    the quote is not in the source, is there but not at its recorded span,
    is there only as typed by hand (other whitespace, quote marks, dashes...), or (unlocated) is
    there more than once.  See :func:`argmap.source.check_quotes`.

``argmap check`` prints these as warnings (``quote-missing`` as an error),
and ``--strict`` makes them all errors.

>>> from argmap import MapBuilder, Source
>>> b = MapBuilder(source=Source("Tea is calm. Coffee is loud."))
>>> t = b.claim("Tea is calm", quote="Tea is calm.")
>>> _ = b.attack(t, "Coffee is loud", quote="Coffee is loud.")
>>> _ = b.claim("Water is best")
>>> [(p.id, p.code) for p in lint(b.build())]
[('c3', 'unconnected'), ('c3', 'no-quote')]
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from argmap.errors import Problem
from argmap.source import QuoteCheck, Text, check_quotes, describe_missing

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

__all__ = ["CODES", "MAX_DISTANCE", "distance", "lint"]

#: Every code :func:`lint` may give.
CODES = (
    "unconnected",
    "extra-root",
    "no-quote",
    "shared-quote",
    "drift",
    "quote-missing",
    "quote-moved",
    "quote-loose",
    "quote-ambiguous",
)

#: Claims further than this from their quote are flagged as ``drift``.
MAX_DISTANCE = 0.7

#: Function words, left out when comparing a claim with its quote.
STOP_WORDS = frozenset(
    """a an the of to in on at for by and or but nor is are was were be been being am it its this
    that these those as with from than then so not no can could may might will would shall should
    must has have had do does did their his her they them he she we our you your i my me if which
    who whom whose what when where while into onto over under about after before up down out more
    most some any all each other such own same very just also only there here s t""".split()
)

_WORDS = re.compile(r"\w+")

#: Words are compared by their first five letters, a crude stem that makes
#: "strikes" meet "strike" and "radicalization" meet "radical".
STEM = 5


def _stems(text: str) -> list[str]:
    return [w[:STEM] for w in (x.lower() for x in _WORDS.findall(text)) if w not in STOP_WORDS]


def distance(text: str, quote: str) -> float:
    """How far a claim's *text* stands from its *quote*, from 0 to 1.

    The share of the claim's content words (words that are not in
    ``STOP_WORDS``, compared by their first five letters, ignoring case) that
    do not occur in the quote: 0 when every word comes from the quote, 1 when
    none does.  It measures borrowing, not meaning: a faithful paraphrase
    with new words scores high, so the threshold is lenient.  A text with no
    content word is at distance 0.

    >>> distance("The strikes failed", "the strike has failed")
    0.0
    >>> distance("Tea calms the nerves", "Tea is good")
    0.67
    """
    words = _stems(text)
    if not words:
        return 0.0
    quoted = set(_stems(quote))
    missing = sum(w not in quoted for w in words)
    return round(missing / len(words), 2)


def _named_thesis(m: ArgumentMap) -> str | None:
    named = m.data.get("thesis")
    if isinstance(named, str) and named in m:
        return named
    tagged = [c.id for c in m.claims if "thesis" in c.tags]
    return tagged[0] if len(tagged) == 1 else None


def lint(m: ArgumentMap, *, source: Text | None = None, max_distance: float = MAX_DISTANCE) -> tuple[Problem, ...]:
    """The lint problems of *m*, checked against *source* (default: the
    map's own source), claim by claim in map order; see the module's
    docstring for the codes."""
    if source is None:
        source = m.source
    into, out = m._adjacency()
    per_claim: dict[str, list[Problem]] = {c.id: [] for c in m.claims}

    if len(m.claims) > 1:
        for c in m.claims:
            if c.id not in into and c.id not in out:
                per_claim[c.id].append(Problem(c.id, "unconnected", "claim is connected to nothing"))

    thesis = _named_thesis(m)
    if thesis is not None:
        for c in m.roots:
            if c.id != thesis and c.id in into:  # a lone claim is 'unconnected' already
                msg = f"claim is a root, but the map names {thesis!r} as its thesis"
                per_claim[c.id].append(Problem(c.id, "extra-root", msg))

    if source is not None:
        for c in m.claims:
            if c.quote is None:
                per_claim[c.id].append(Problem(c.id, "no-quote", "claim has no quote from the source"))
        text = source if isinstance(source, str) else source.text
        for check in check_quotes(m, source):
            if check.status == "ok":
                continue
            per_claim[check.claim].append(_quote_problem(check, text))

    seen: dict[object, str] = {}
    for c in m.claims:
        q = c.quote
        if q is None:
            continue
        key = (q.start, q.end) if q.start is not None else q.text
        first = seen.setdefault(key, c.id)
        if first != c.id:
            msg = f"claim quotes the same passage as {first!r}"
            per_claim[c.id].append(Problem(c.id, "shared-quote", msg))
        d = distance(c.text, q.text)
        if d > max_distance:
            msg = f"claim stands far from its quote (distance {d:.2f} > {max_distance:.2f})"
            per_claim[c.id].append(Problem(c.id, "drift", msg))
    return tuple(p for problems in per_claim.values() for p in problems)


def _short(text: str, n: int = 60) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= n else text[: n - 3] + "...")


def _quote_problem(check: QuoteCheck, text: str) -> Problem:
    cid, status = check.claim, check.status
    if status == "missing":  # the whole quote, and the nearest passage with the words that differ marked
        return Problem(cid, "quote-missing", describe_missing(text, check.quote, hint=check.hint))
    assert check.span is not None  # every status but "missing" has one
    s, e = check.span
    if status == "moved":
        return Problem(cid, "quote-moved", f"quote is in the source at {s}..{e}, not at its recorded span")
    if status == "loose":
        return Problem(
            cid,
            "quote-loose",
            f"quote matches {s}..{e} only as typed by hand (other whitespace, quote marks, dashes...): {_short(text[s:e])}",
        )
    return Problem(cid, "quote-ambiguous", f"quote occurs {check.count} times in the source (first at {s}..{e})")
