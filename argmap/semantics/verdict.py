"""The verdict on a map's theses, and what each one hinges on.

:func:`explain` evaluates a map under one semantics and, for each thesis
(root claim), gives a verdict and the claims it hinges on: for a gradual
semantics the top of :func:`~argmap.semantics.sensitivity`'s ranking, for a
Dung semantics the claims whose removal changes the thesis's label.

Verdicts: a gradual strength of at least :data:`STANDS` "stands", at most
:data:`FALLS` "falls", else "contested"; a Dung label ``in`` is
"accepted", ``out`` "rejected", ``undec`` "undecided".

>>> from argmap import MapBuilder
>>> b = MapBuilder()
>>> t = b.claim("Eat early", id="t")
>>> _ = b.support(t, "The canteen closes at one", id="s")
>>> _ = b.attack(t, "The food is cold early", id="o")
>>> r = explain(b.build(), "df-quad", hinges=2)
>>> th = r["theses"][0]
>>> th["verdict"], th["value"], [h["id"] for h in th["hinges_on"]]
('contested', 0.5, ['c1', 'c2'])
"""

from __future__ import annotations

import heapq
import time
from collections.abc import Hashable, Iterable
from typing import TYPE_CHECKING, Any

from argmap.semantics._kernels import _deadline, _timed_out
from argmap.semantics.dung import DEFAULT_MAX_EXTENSIONS, IN, OUT, Framework
from argmap.semantics.evaluation import _dung_labels, evaluate
from argmap.semantics.gradual import GRADUAL_SEMANTICS
from argmap.semantics.projection import framework
from argmap.semantics.sensitivity import sensitivity

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

__all__ = ["FALLS", "STANDS", "explain", "verdict"]

#: Strength from which a thesis stands, and up to which it falls.
STANDS = 2 / 3
FALLS = 1 / 3

_LABEL_VERDICTS = {"in": "accepted", "out": "rejected", "undec": "undecided"}


def verdict(value: float | str) -> str:
    """The word for a strength or a Dung label.

    >>> verdict(0.9), verdict(0.5), verdict(0.1), verdict("undec")
    ('stands', 'contested', 'falls', 'undecided')
    """
    if isinstance(value, str):
        return _LABEL_VERDICTS[value]
    return "stands" if value >= STANDS else "falls" if value <= FALLS else "contested"


def _dung_hinges(
    f: Framework,
    target: Hashable,
    semantics: str,
    claims: set[str],
    backend: str = "auto",
    *,
    max_extensions: int = DEFAULT_MAX_EXTENSIONS,
    timeout: float | None = None,
    deadline: float | None = None,
) -> list[tuple[Hashable, str]]:
    """(argument, new label) for each argument whose removal changes the
    label of *target*, nearest to the target first."""
    into: dict[Hashable, list[Hashable]] = {}
    for a, b in f.attacks:
        into.setdefault(b, []).append(a)
    order = [target]
    seen = {target}
    for x in order:  # breadth first: nearest first
        for a in into.get(x, ()):
            if a not in seen:
                seen.add(a)
                order.append(a)
    keep = [a for a in f.arguments if a in seen]
    sub = Framework(keep, [(a, b) for a, b in f.attacks if a in seen and b in seen])
    acyclic = _acyclic_hinges(sub, target, order, claims)
    if acyclic is not None:
        return acyclic
    now = _dung_labels(sub, semantics, backend, max_extensions=max_extensions, timeout=timeout)[target]
    out: list[tuple[Hashable, str]] = []
    for x in order[1:]:
        if x not in claims:
            continue
        if deadline is not None and time.monotonic() > deadline:
            assert timeout is not None  # (there is a deadline)
            raise _timed_out(f"the hinges of {target!r}", timeout)
        rest = [a for a in keep if a != x]
        g = Framework(rest, [(a, b) for a, b in sub.attacks if x not in (a, b)])
        new = _dung_labels(g, semantics, backend, max_extensions=max_extensions, timeout=timeout)[target]
        if new != now:
            out.append((x, new))
    return out


def _acyclic_hinges(
    sub: Framework, target: Hashable, order: list[Hashable], claims: set[str]
) -> list[tuple[Hashable, str]] | None:
    """:func:`_dung_hinges` on an acyclic framework, or None when *sub* has
    a cycle.

    An acyclic framework has one complete extension (Dung 1995: it is well
    founded), so every semantics labels it as the grounded one does: an
    argument is ``in`` when all its attackers are ``out``.  Removing an
    argument flips labels only downstream of it; they are recomputed in
    topological order, up to where a label comes out unchanged.  Where the
    change travels along a path (one argument changed, attacking a single
    other), the target's label depends only on that argument and its new
    label, which is remembered, so a chain costs linear time in all.
    """
    att, tgt = sub._att, sub._tgt
    n = len(att)
    indeg = [len(a) for a in att]
    topo = [i for i in range(n) if not indeg[i]]
    for i in topo:
        for j in tgt[i]:
            indeg[j] -= 1
            if not indeg[j]:
                topo.append(j)
    if len(topo) < n:
        return None
    pos = [0] * n
    label = [False] * n  # in?
    for k, i in enumerate(topo):
        pos[i] = k
        label[i] = not any(label[a] for a in att[i])
    t = sub._index[target]
    word = {True: IN, False: OUT}
    memo: dict[int, bool] = {}  # i -> the target's label when i alone has flipped

    def flipped_alone(i: int) -> bool:
        path: list[int] = []
        while i not in memo and len(tgt[i]) == 1 and i != t:
            path.append(i)
            j = tgt[i][0]
            new = not any(label[a] != (a == i) for a in att[j])  # i flipped, the rest as before
            if new == label[j]:
                memo[i] = label[t]
                break
            i = j
        else:
            if i == t:
                memo[t] = not label[t]
            elif i not in memo:
                memo[i] = spread({i: not label[i]}, set(), tgt[i])
        result = memo[i]
        for k in path:
            memo[k] = result
        return result

    def spread(changed: dict[int, bool], gone: set[int], start: Iterable[int]) -> bool:
        heap = [(pos[j], j) for j in dict.fromkeys(start)]
        heapq.heapify(heap)
        queued = {j for _, j in heap}
        while heap:
            _, i = heapq.heappop(heap)
            new = not any(changed.get(a, label[a]) for a in att[i] if a not in gone)
            if new == label[i]:
                continue
            changed[i] = new
            for j in tgt[i]:
                if j not in queued:
                    queued.add(j)
                    heapq.heappush(heap, (pos[j], j))
        return changed.get(t, label[t])

    out: list[tuple[Hashable, str]] = []
    for a in order[1:]:
        if a not in claims:
            continue
        x = sub._index[a]
        if len(tgt[x]) == 1:
            j = tgt[x][0]
            new = not any(label[k] for k in att[j] if k != x)
            now_t = label[t] if new == label[j] else (not label[t] if j == t else flipped_alone(j))
        else:
            now_t = spread({}, {x}, tgt[x])
        if now_t != label[t]:
            out.append((a, word[now_t]))
    return out


def explain(
    m: ArgumentMap,
    semantics: str = "df-quad",
    *,
    hinges: int = 3,
    backend: str = "auto",
    max_extensions: int = DEFAULT_MAX_EXTENSIONS,
    timeout: float | None = None,
) -> dict[str, Any]:
    """The evaluation of *m* as plain data: ``semantics``, ``values`` (claim
    id -> strength or label), and ``theses``, one per root claim, each with
    its ``id``, ``text``, ``value``, ``verdict`` and (when *hinges* > 0)
    ``hinges_on``: up to *hinges* claims, each with ``id``, ``text`` and
    ``effect`` (a sentence saying what changes without it).  *backend*,
    *max_extensions* and *timeout* (seconds, for the whole call) are
    :func:`~argmap.semantics.extensions`'s; past a limit the call stops with
    :class:`~argmap.semantics.SemanticsLimitError`.

    The hinges cost about linear time in the size of the map: a gradual
    semantics re-evaluates, for each claim, only the claims its change
    reaches, and only as far as it changes them (see
    :func:`~argmap.semantics.sensitivity`); a Dung semantics on an acyclic
    framework propagates labels the same way.  A cyclic framework is
    evaluated again without each claim, within the limits."""
    deadline = _deadline(timeout)

    def left() -> float | None:
        if deadline is None:
            return None
        rest = deadline - time.monotonic()
        if rest <= 0:
            assert timeout is not None  # (there is a deadline)
            raise _timed_out("explaining the map", timeout)
        return rest

    values = evaluate(m, semantics, backend=backend, max_extensions=max_extensions, timeout=timeout)
    theses = []
    claims = {c.id for c in m.claims}
    texts: dict[Hashable, str] = {c.id: c.text for c in m.claims}
    f: Framework | None = None  # (made once, for the first Dung thesis)
    for c in m.theses:
        v = values[c.id]
        entry: dict[str, Any] = {"id": c.id, "text": c.text, "value": v, "verdict": verdict(v)}
        if hinges > 0:
            found: list[dict[str, Any]] = []
            if semantics in GRADUAL_SEMANTICS:
                for i in sensitivity(m, c.id, semantics, timeout=left())[:hinges]:
                    if i.impact <= 0:
                        break
                    change = (
                        i.removed
                        if abs(i.removed) >= max(abs(i.at_zero), abs(i.at_one))
                        else (i.at_zero if abs(i.at_zero) >= abs(i.at_one) else i.at_one)
                    )
                    how = (
                        "without it"
                        if change == i.removed
                        else "with its base score at 0"
                        if change == i.at_zero
                        else "with its base score at 1"
                    )
                    found.append(
                        {
                            "id": i.argument,
                            "text": texts[i.argument],
                            "effect": f"{how} the thesis's strength moves by {change:+.3f}",
                            "impact": i.impact,
                            "attribution": i.attribution,
                        }
                    )
            else:
                if f is None:
                    f = framework(m)
                dung = _dung_hinges(
                    f,
                    c.id,
                    semantics,
                    claims,
                    backend,
                    max_extensions=max_extensions,
                    timeout=left(),
                    deadline=deadline,
                )
                for x, new in dung[:hinges]:
                    found.append({"id": x, "text": texts[x], "effect": f"without it the thesis is {new}"})
            entry["hinges_on"] = found
        theses.append(entry)
    return {"semantics": semantics, "values": values, "theses": theses}
