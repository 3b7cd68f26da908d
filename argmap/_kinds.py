"""The model's two enumerations, :class:`Kind` and :class:`Role`, and the
rule that gives each claim its role: in a module of their own, which loads
neither attrs nor the model, so that code that reads a map's plain data (the
tree layout drawing a JSON map straight from the file) shares them.

Both are re-exported by :mod:`argmap.model`, where they are documented (and
whose name they carry, so that they pickle as ``argmap.model.Kind``).
"""

from __future__ import annotations

import enum
from collections.abc import Container, Iterable, Mapping

TYPE_CHECKING = False  # (typing.TYPE_CHECKING, without importing typing)
if TYPE_CHECKING:
    from typing import Protocol

__all__ = ["Kind", "Role", "claim_roles", "first_relations"]


class Kind(str, enum.Enum):
    """What a relation does to its target.

    ``SUPPORT`` and ``ATTACK`` are the everyday kinds.  ``ENTAILS``,
    ``CONTRARY`` and ``CONTRADICTORY`` are Argdown's strict relations between
    statements; they count as a support, an attack and an attack.
    """

    SUPPORT = "support"
    ATTACK = "attack"
    ENTAILS = "entails"
    CONTRARY = "contrary"
    CONTRADICTORY = "contradictory"

    @property
    def is_attack(self) -> bool:
        return self in _ATTACKS

    @property
    def polarity(self) -> Kind:
        """``Kind.SUPPORT`` or ``Kind.ATTACK``."""
        return Kind.ATTACK if self in _ATTACKS else Kind.SUPPORT

    def __str__(self) -> str:
        return self.value


_ATTACKS = frozenset({Kind.ATTACK, Kind.CONTRARY, Kind.CONTRADICTORY})


class Role(str, enum.Enum):
    """The part a claim plays, derived from the map's structure."""

    THESIS = "thesis"  # supports and attacks nothing: a root
    PREMISE = "premise"  # supports a claim
    OBJECTION = "objection"  # attacks a thesis or a premise
    REBUTTAL = "rebuttal"  # attacks an objection (or another rebuttal)
    UNDERCUTTER = "undercutter"  # attacks (or backs) an inference

    def __str__(self) -> str:
        return self.value


Kind.__module__ = Role.__module__ = "argmap.model"


if TYPE_CHECKING:  # (a Protocol is costly to make, and only the type checker reads it)

    class Bearing(Protocol):
        """What the roles are worked out from: a relation's kind, premises and
        target (a :class:`~argmap.model.Relation`, or a lighter record of one)."""

        @property
        def kind(self) -> Kind: ...

        @property
        def premises(self) -> tuple[str, ...]: ...

        @property
        def target(self) -> str: ...


def first_relations(relations: Iterable[Bearing]) -> dict[str, Bearing]:
    """Each premise's first relation, in map order (what its role follows)."""
    first: dict[str, Bearing] = {}
    setdefault = first.setdefault
    for rel in relations:
        for p in rel.premises:
            setdefault(p, rel)
    return first


def claim_roles(claim_ids: Iterable[str], first: Mapping[str, Bearing], relation_ids: Container[str]) -> list[Role]:
    """The role of each claim of a valid map, in order: a thesis if it is the
    premise of no relation, else what its first relation (*first*, as
    :func:`first_relations` gives it) makes it.  *relation_ids* holds the
    map's relation ids (a target among them is an inference)."""
    get = first.get
    attacks = _ATTACKS
    thesis, premise, undercutter = Role.THESIS, Role.PREMISE, Role.UNDERCUTTER
    rebuttal, objection = Role.REBUTTAL, Role.OBJECTION
    roles: list[Role] = []
    append = roles.append
    for r in map(get, claim_ids):
        if r is None:
            append(thesis)
        elif r.kind not in attacks:
            append(undercutter if r.target in relation_ids else premise)
        else:
            t = r.target
            if t in relation_ids:
                append(undercutter)
            else:
                t_first = get(t)
                append(rebuttal if t_first is not None and t_first.kind in attacks else objection)
    return roles
