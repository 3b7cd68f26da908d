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

from typing import TYPE_CHECKING, Any

from argmap.semantics.dung import DUNG_SEMANTICS, Framework
from argmap.semantics.gradual import GRADUAL_SEMANTICS
from argmap.semantics.projection import framework
from argmap.semantics.sensitivity import _dung_labels, evaluate, sensitivity

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

__all__ = ["FALLS", "STANDS", "explain", "verdict"]

#: Strength from which a thesis stands, and up to which it falls.
STANDS = 2 / 3
FALLS = 1 / 3

_LABEL_VERDICTS = {"in": "accepted", "out": "rejected", "undec": "undecided"}


def verdict(value: Any) -> str:
    """The word for a strength or a Dung label.

    >>> verdict(0.9), verdict(0.5), verdict(0.1), verdict("undec")
    ('stands', 'contested', 'falls', 'undecided')
    """
    if isinstance(value, str):
        return _LABEL_VERDICTS[value]
    return "stands" if value >= STANDS else "falls" if value <= FALLS else "contested"


def _dung_hinges(
    f: Framework, target: str, semantics: str, claims: set[str], backend: str = "auto"
) -> list[tuple[str, str]]:
    """(argument, new label) for each argument whose removal changes the
    label of *target*, nearest to the target first."""
    into: dict = {}
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
    now = _dung_labels(sub, semantics, backend)[target]
    out = []
    for x in order[1:]:
        if x not in claims:
            continue
        rest = [a for a in keep if a != x]
        g = Framework(rest, [(a, b) for a, b in sub.attacks if x not in (a, b)])
        new = _dung_labels(g, semantics, backend)[target]
        if new != now:
            out.append((x, new))
    return out


def explain(m: ArgumentMap, semantics: str = "df-quad", *, hinges: int = 3, backend: str = "auto") -> dict:
    """The evaluation of *m* as plain data: ``semantics``, ``values`` (claim
    id -> strength or label), and ``theses``, one per root claim, each with
    its ``id``, ``text``, ``value``, ``verdict`` and (when *hinges* > 0)
    ``hinges_on``: up to *hinges* claims, each with ``id``, ``text`` and
    ``effect`` (a sentence saying what changes without it).  *backend* picks
    the solver of a Dung semantics (see :func:`~argmap.semantics.extensions`)."""
    values = evaluate(m, semantics, backend=backend)
    theses = []
    claims = {c.id for c in m.claims}
    f = framework(m) if semantics in DUNG_SEMANTICS and hinges > 0 else None
    for c in m.roots:
        v = values[c.id]
        entry: dict[str, Any] = {"id": c.id, "text": c.text, "value": v, "verdict": verdict(v)}
        if hinges > 0:
            found = []
            if semantics in GRADUAL_SEMANTICS:
                for i in sensitivity(m, c.id, semantics)[:hinges]:
                    if i.impact <= 0:
                        break
                    change = i.removed if abs(i.removed) >= max(abs(i.at_zero), abs(i.at_one)) else (
                        i.at_zero if abs(i.at_zero) >= abs(i.at_one) else i.at_one
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
                            "text": m.claim(i.argument).text,
                            "effect": f"{how} the thesis's strength moves by {change:+.3f}",
                            "impact": i.impact,
                            "attribution": i.attribution,
                        }
                    )
            else:
                for x, new in _dung_hinges(f, c.id, semantics, claims, backend)[:hinges]:
                    found.append(
                        {"id": x, "text": m.claim(x).text, "effect": f"without it the thesis is {new}"}
                    )
            entry["hinges_on"] = found
        theses.append(entry)
    return {"semantics": semantics, "values": values, "theses": theses}
