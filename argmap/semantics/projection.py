"""From an argument map to an abstract (Dung) or a quantitative bipolar framework.

What becomes an argument
------------------------
* Every claim is an argument, under its claim id.
* A relation becomes an argument of its own, under its relation id, when a
  single arrow cannot stand for it: when its premises are **linked** (they
  only work together) or when another relation **targets** it (an undercut
  or a backing needs an inference to point at).  :func:`qbaf` also gives one
  to a relation with its own base score.  Every other relation is simply an
  arrow from its one premise to its target.

Abstract frameworks (:func:`framework`)
---------------------------------------
Dung frameworks have attacks only, so:

* an attack from a claim (or from a relation argument) to its target's
  argument; ``contradictory`` with one premise attacks both ways;
* a linked or undercut **attack** relation ``r`` is an argument that attacks
  the target, and is attacked by whatever attacks one of its premises (an
  argument falls with any of its premises, as in ASPIC+) and by its
  undercuts;
* supports (and backings, and undercuts of supports) are left out: Dung's
  semantics has no notion of support.  Use a gradual semantics
  (:func:`qbaf`) to weigh supports.

Quantitative bipolar frameworks (:func:`qbaf`)
----------------------------------------------
* A claim's base score is its ``base_score``, or *default* (0.5: no opinion
  either way) when it has none.
* A relation argument is the **conjunction** of its premises (a QBAF
  *link* from each): its strength starts from its weakest premise's
  strength, times the relation's own ``base_score`` (1 when it has none);
  then undercuts attack it and backings support it, and it supports or
  attacks the target.  Linked premises only work together, so the
  inference is as strong as its weakest premise; an unlinked, un-undercut
  relation is simply an arrow that passes its premise's strength on, and
  an undercut one starts from that strength too.  (The gradual semantics of
  the literature have no conjunction; without linked or undercut relations
  the projection is a plain QBAF and every semantics computes what its paper
  defines.)

>>> from argmap import MapBuilder
>>> b = MapBuilder()
>>> t = b.claim("Tweety flies", id="t")
>>> r = b.support(t, "Tweety is a bird", id="r")
>>> _ = b.undercut(r, "Tweety is a penguin", id="u")
>>> _ = b.attack(t, "Tweety is a toy", id="a")
>>> m = b.build()
>>> framework(m)
Framework(['t', 'c1', 'c2', 'c3'], [('c3', 't')])
>>> q = qbaf(m)
>>> q.arguments, q.supports, q.links
(('t', 'c1', 'c2', 'c3', 'r'), (('r', 't'),), (('c1', 'r'),))
>>> q.attacks
(('c2', 'r'), ('c3', 't'))
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING

from argmap._gc import pausing
from argmap.errors import SemanticsError
from argmap.semantics.dung import Framework
from argmap.semantics.gradual import QBAF, Pair

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

__all__ = ["DEFAULT_BASE_SCORE", "framework", "qbaf"]

#: The base score of a claim or relation that has none.
DEFAULT_BASE_SCORE = 0.5


def _relation_nodes(m: ArgumentMap, *, scored: bool) -> set[str]:
    targeted = {r.target for r in m.relations}
    return {r.id for r in m.relations if r.is_linked or r.id in targeted or (scored and r.base_score is not None)}


@pausing
def framework(m: ArgumentMap) -> Framework:
    """The abstract framework of *m* (see the module's documentation)."""
    from argmap.model import Kind  # here, so that argmap.semantics starts fast

    claims = {c.id for c in m.claims}
    relations = {r.id: r for r in m.relations}
    nodes = {rid for rid in _relation_nodes(m, scored=False) if relations[rid].is_attack}
    attacks: list[tuple[str, str]] = []
    for r in m.relations:
        if not r.is_attack:
            continue
        target = r.target
        if target not in claims and target not in nodes:
            continue  # an undercut of a support: no support in Dung's frameworks
        sources = [r.id] if r.id in nodes else list(r.premises)
        for s in sources:
            attacks.append((s, target))
            if r.kind is Kind.CONTRADICTORY and target in claims and s in claims:
                attacks.append((target, s))
    # A relation argument falls with any of its premises.
    into: dict[str, list[str]] = {}
    for a, b in attacks:
        if b in claims:
            into.setdefault(b, []).append(a)
    extra = [(a, rid) for rid in nodes for p in relations[rid].premises for a in into.get(p, ())]
    args = [c.id for c in m.claims] + [r.id for r in m.relations if r.id in nodes]
    return Framework(args, attacks + extra)


@pausing
def qbaf(m: ArgumentMap, *, default: float = DEFAULT_BASE_SCORE) -> QBAF:
    """The quantitative bipolar framework of *m*: base scores from the claims
    (and relation arguments), *default* where none is given."""
    from argmap.model import Kind

    if isinstance(default, bool) or not isinstance(default, (int, float)) or not 0 <= default <= 1:
        msg = f"default base score must be a number in [0, 1], not {default!r}"
        raise SemanticsError(msg)
    nodes = _relation_nodes(m, scored=True)
    default = float(default)
    base: dict[Hashable, float] = {}
    for c in m.claims:
        base[c.id] = default if c.base_score is None else c.base_score
    attacks: list[Pair] = []
    supports: list[Pair] = []
    links: list[Pair] = []
    for r in m.relations:
        if r.id in nodes:
            base[r.id] = 1.0 if r.base_score is None else r.base_score
            links.extend((p, r.id) for p in r.premises)
            sources: tuple[str, ...] = (r.id,)
        else:
            sources = r.premises
        edges = attacks if r.is_attack else supports
        edges.extend((s, r.target) for s in sources)
        if r.kind is Kind.CONTRADICTORY and r.id not in nodes and r.target in base:
            attacks.append((r.target, r.premises[0]))
    # A pair can be both (a claim attacks and supports the same target):
    # the QBAF cannot hold both; the attack wins, as the more cautious reading.
    both = set(attacks) & set(supports)
    if both:
        supports = [e for e in supports if e not in both]
    # The map is valid, so the parts need no second check.
    return QBAF._trusted(base, attacks, supports, links)
