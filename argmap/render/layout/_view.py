"""What the tree layout reads of a map: a light view of it.

The layout needs the claims' ids and texts, the relations (id, kind,
premises, target, scheme), the claims' roles, the relations into each node
and the map's title.  :func:`view_of` takes them from an
:class:`~argmap.model.ArgumentMap`; :func:`view_of_columns` builds them from
the plain columns of a map that is known to be valid (the CLI's straight
path for argmap JSON, which loads neither attrs nor the model), with the
roles worked out by the model's own rule (:func:`argmap._kinds.claim_roles`).
Both give the same view of the same map, so the drawings are the same.
"""

from __future__ import annotations

from collections.abc import Container, Mapping, Sequence
from itertools import repeat

from argmap._kinds import Kind, Role, claim_roles, first_relations
from argmap._namedtuple import NamedTuple

TYPE_CHECKING = False  # (typing.TYPE_CHECKING, without importing typing)
if TYPE_CHECKING:
    from typing import Protocol

    from argmap._kinds import Bearing
    from argmap.model import ArgumentMap

__all__ = ["MapView", "PlainRelation", "view_of", "view_of_columns"]


if TYPE_CHECKING:  # (a Protocol is costly to make, and only the type checker reads it)

    class Rel(Bearing, Protocol):
        """What the layout reads of a relation (a :class:`~argmap.model.Relation`
        or a :class:`PlainRelation`): what the roles are worked out from, and
        its id and scheme."""

        @property
        def id(self) -> str: ...

        @property
        def scheme(self) -> str | None: ...


class PlainRelation(NamedTuple):
    """A relation of a map read as plain data."""

    id: str
    kind: Kind
    premises: tuple[str, ...]
    target: str
    scheme: str | None = None


class MapView:
    """A map as the layout reads it: the claims' ids, texts and roles in map
    order, the relations in map order, each node's relations by target (in
    map order), the title, and *items*, which holds every claim and relation
    id (for an evaluation's check)."""

    __slots__ = ("claim_ids", "into", "items", "relations", "roles", "texts", "title")

    def __init__(
        self,
        title: str | None,
        claim_ids: list[str],
        texts: list[str],
        roles: list[Role],
        relations: Sequence[Rel],
        into: Mapping[str, Sequence[Rel]],
        items: Container[str],
    ) -> None:
        self.title = title
        self.claim_ids = claim_ids
        self.texts = texts
        self.roles = roles
        self.relations = relations
        self.into = into
        self.items = items


def view_of(m: ArgumentMap) -> MapView:
    """The view of map *m* (its roles and adjacency as the map has them)."""
    claims = m.claims
    return MapView(
        m.title,
        [c.id for c in claims],
        [c.text for c in claims],
        m._role_list(),
        m.relations,
        m._adjacency()[0],
        m,
    )


_new_relation = tuple.__new__


def view_of_columns(
    title: str | None,
    claim_ids: list[str],
    texts: list[str],
    relation_ids: list[str],
    kinds: list[Kind],
    premises: list[tuple[str, ...]],
    targets: list[str],
) -> MapView:
    """The view of the map with these claims and relations (no schemes),
    which must be a valid map: the ids unique, every premise a claim, every
    target a claim or relation (:func:`argmap.formats._json_plain.plain_map`
    checks as much)."""
    relations: list[PlainRelation] = list(
        map(_new_relation, repeat(PlainRelation), zip(relation_ids, kinds, premises, targets, repeat(None)))
    )
    into: dict[str, list[PlainRelation]] = {}
    setdefault = into.setdefault
    for r in relations:
        setdefault(r.target, []).append(r)
    roles = claim_roles(claim_ids, first_relations(relations), set(relation_ids))
    items = set(claim_ids)
    items.update(relation_ids)
    return MapView(title, claim_ids, texts, roles, relations, into, items)
