"""Aligning the claims of two maps of one text: by quoted spans, by text,
by id (see :func:`argmap.analysis.compare`)."""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence

import attrs

from argmap.model import ArgumentMap, Claim

__all__ = ["MAX_POSTING", "SPAN_THRESHOLD", "TEXT_THRESHOLD", "Alignment", "text_similarity"]

#: Two quoted spans align when they share at least this share of the
#: characters they cover together (intersection over union).
SPAN_THRESHOLD = 0.5
#: Two claim texts align when the Dice coefficient of their sets of
#: normalised words is at least this.
TEXT_THRESHOLD = 0.7
#: A word in more than this many claims of either map does not, alone, make
#: two claims candidates for text alignment (it still counts in their
#: similarity): this keeps alignment near linear on large maps.
MAX_POSTING = 200


# --------------------------------------------------------------------------
# Alignment

_WORD = re.compile(r"\w+")


def _normalise(text: str) -> str:
    """The text's words, NFKC-normalised and case-folded, one space apart
    (the text itself, so folded, when it has no word)."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_WORD.findall(folded)) or " ".join(folded.split())


def _words(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(_normalise(text)))


def text_similarity(a: str, b: str) -> float:
    """The Dice coefficient of the sets of words of *a* and *b*, after NFKC
    normalisation and case folding (punctuation and spacing do not count);
    1.0 for texts equal after normalisation.

    >>> text_similarity("Tea is better than coffee.", "tea is BETTER than coffee")
    1.0
    >>> round(text_similarity("Tea is better than coffee", "Tea is much better than coffee"), 3)
    0.909
    """
    if _normalise(a) == _normalise(b):
        return 1.0
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return 0.0
    return 2 * len(wa & wb) / (len(wa) + len(wb))


@attrs.frozen
class Alignment:
    """A candidate claim and the reference claim it stands for: ``by`` is
    ``"span"``, ``"text"`` or ``"id"``, ``score`` the span overlap or text
    similarity (1.0 for an id)."""

    candidate: str
    reference: str
    by: str
    score: float


def _span(c: Claim) -> tuple[int, int] | None:
    q = c.quote
    if q is None or q.start is None or q.end is None or q.end <= q.start:
        return None
    return q.start, q.end


def _greedy(
    scored: list[tuple[float, bool, int, int]],
    cand: Sequence[Claim],
    ref: Sequence[Claim],
    taken_c: set[int],
    taken_r: set[int],
    by: str,
    out: list[Alignment],
) -> None:
    # Best score first; on a tie the pair with equal ids, then map order.
    # The key is the same with the maps swapped (the two positions enter as
    # a set), so swapping candidate and reference aligns the same pairs.
    scored.sort(key=lambda t: (-t[0], not t[1], min(t[2], t[3]), max(t[2], t[3])))
    for score, _same, i, j in scored:
        if i in taken_c or j in taken_r:
            continue
        taken_c.add(i)
        taken_r.add(j)
        out.append(Alignment(cand[i].id, ref[j].id, by, score))


def _align(
    candidate: ArgumentMap,
    reference: ArgumentMap,
    *,
    span_threshold: float,
    text_threshold: float,
    match_ids: bool,
) -> list[Alignment]:
    cand, ref = candidate.claims, reference.claims
    taken_c: set[int] = set()
    taken_r: set[int] = set()
    out: list[Alignment] = []
    same_text = candidate.source is None or reference.source is None or candidate.source.text == reference.source.text
    cspan = [_span(c) if same_text else None for c in cand]
    rspan = [_span(c) if same_text else None for c in ref]

    # 1. Quoted spans: a sweep over the spans in order of their start finds
    # every overlapping pair without comparing all pairs.
    events = sorted(
        [(s[0], s[1], 0, i) for i, s in enumerate(cspan) if s is not None]
        + [(s[0], s[1], 1, j) for j, s in enumerate(rspan) if s is not None]
    )
    open_: tuple[list[tuple[int, int, int]], list[tuple[int, int, int]]] = ([], [])
    scored: list[tuple[float, bool, int, int]] = []
    for start, end, side, k in events:
        other = open_[1 - side]
        other[:] = [o for o in other if o[1] > start]
        for ostart, oend, ok in other:
            inter = min(end, oend) - max(start, ostart)
            union = max(end, oend) - min(start, ostart)
            score = inter / union
            if score >= span_threshold:
                i, j = (k, ok) if side == 0 else (ok, k)
                scored.append((score, cand[i].id == ref[j].id, i, j))
        open_[side].append((start, end, k))
    _greedy(scored, cand, ref, taken_c, taken_r, "span", out)

    # 2. Text, between claims that do not both have a span (two spans that
    # do not overlap are two different places in the text).
    def free_c(i: int) -> bool:
        return i not in taken_c

    def free_r(j: int) -> bool:
        return j not in taken_r

    # 2a. Texts equal after normalisation, group by group in linear time:
    # equal ids first, then each claim with a span paired with one without
    # (two spans never pair), then the rest, in map order.
    groups: dict[str, tuple[list[int], list[int]]] = {}
    for i, c in enumerate(cand):
        if free_c(i):
            groups.setdefault(_normalise(c.text), ([], []))[0].append(i)
    for j, c in enumerate(ref):
        if free_r(j) and _normalise(c.text) in groups:
            groups[_normalise(c.text)][1].append(j)
    exact: list[tuple[int, int]] = []
    for cs, rs in groups.values():
        if not rs:
            continue
        rid = {ref[j].id: j for j in rs}
        used_c: set[int] = set()
        used_r: set[int] = set()
        for i in cs:
            twin = rid.get(cand[i].id)
            if twin is not None and not (cspan[i] is not None and rspan[twin] is not None):
                exact.append((i, twin))
                used_c.add(i)
                used_r.add(twin)
        c_s = [i for i in cs if i not in used_c and cspan[i] is not None]
        c_u = [i for i in cs if i not in used_c and cspan[i] is None]
        r_s = [j for j in rs if j not in used_r and rspan[j] is not None]
        r_u = [j for j in rs if j not in used_r and rspan[j] is None]
        exact += zip(c_s, r_u)
        exact += zip(c_u, r_s)
        exact += zip(c_u[len(r_s) :], r_u[len(c_s) :])
    _greedy([(1.0, cand[i].id == ref[j].id, i, j) for i, j in exact], cand, ref, taken_c, taken_r, "text", out)

    # 2b. Similar texts: a set-similarity join.  Words are ordered rarest
    # first (over both maps); two word sets with Dice >= t share at least
    # a = t|A|/(2-t) words, so they share a word among the first |A|-a+1 of
    # each (the prefix filter), and their sizes differ by at most that
    # ratio (the length filter).  Only prefix words are indexed and probed.
    t = text_threshold
    rwords = [_words(c.text) if free_r(j) else frozenset() for j, c in enumerate(ref)]
    cwords = [_words(c.text) if free_c(i) else frozenset() for i, c in enumerate(cand)]
    freq: Counter[str] = Counter(w for ws in (*rwords, *cwords) for w in ws)
    cfreq: Counter[str] = Counter(w for ws in cwords for w in ws)
    rfreq: Counter[str] = Counter(w for ws in rwords for w in ws)

    def prefix(ws: frozenset[str]) -> list[str]:
        need = max(1, math.ceil(t * len(ws) / (2 - t) - 1e-9))
        return sorted(ws, key=lambda w: (freq[w], w))[: len(ws) - need + 1]

    postings: dict[str, list[int]] = {}
    for j, ws in enumerate(rwords):
        if ws:
            for w in prefix(ws):
                postings.setdefault(w, []).append(j)
    scored = []
    for i, c in enumerate(cand):
        ws = cwords[i]
        if not ws:
            continue
        seen: set[int] = set()
        lo, hi = t * len(ws) / (2 - t) - 1e-9, (2 - t) * len(ws) / t + 1e-9
        for w in prefix(ws):
            post = postings.get(w, ())
            if rfreq[w] > MAX_POSTING or cfreq[w] > MAX_POSTING:
                continue
            for j in post:
                if j in seen:
                    continue
                seen.add(j)
                rw = rwords[j]
                if not lo <= len(rw) <= hi or (cspan[i] is not None and rspan[j] is not None):
                    continue
                score = 2 * len(ws & rw) / (len(ws) + len(rw))
                if score >= t:
                    scored.append((score, c.id == ref[j].id, i, j))
    _greedy(scored, cand, ref, taken_c, taken_r, "text", out)

    # 3. Ids, for what is left.
    if match_ids:
        rindex = {c.id: j for j, c in enumerate(ref) if free_r(j)}
        scored = []
        for i, c in enumerate(cand):
            same = rindex.get(c.id) if free_c(i) else None
            if same is not None and not (cspan[i] is not None and rspan[same] is not None):
                scored.append((1.0, True, i, same))
        _greedy(scored, cand, ref, taken_c, taken_r, "id", out)
    order = {c.id: j for j, c in enumerate(ref)}
    out.sort(key=lambda a: order[a.reference])
    return out
