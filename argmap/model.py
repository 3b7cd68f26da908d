"""The argument model: immutable values for claims, relations and maps.

An :class:`ArgumentMap` holds :class:`Claim` objects and :class:`Relation`
objects in insertion order.  A relation is one inference step: one or more
premises (claim ids) that together support or attack a target, which is a
claim or, for an undercut, another relation.  Roles (thesis, premise,
objection, rebuttal, undercutter) are derived from this structure, never
stored.

Every map is valid: constructing one checks the whole structure and raises
:class:`~argmap.errors.ValidationError` listing every problem at once.

This module is the model's public face; the work is done in private modules
below it, whose names it re-exports: the read-only ``data`` values
(``argmap._data``), the value classes (``argmap._values``) and the checks
(``argmap._validation``).  The classes name this module as theirs
(``__module__``), so they pickle and print as ``argmap.model.Claim`` and so
on, as they did when they were written here.
"""

from __future__ import annotations

import warnings
from collections.abc import Container, Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from argmap import _display, _validation

# The names below are defined in the private modules and re-exported here,
# where they have always been imported from (``X as X``: re-exported on purpose).
from argmap._data import _SURROGATE as _SURROGATE
from argmap._data import EMPTY as EMPTY
from argmap._data import MAX_DEPTH as MAX_DEPTH
from argmap._data import DataError as DataError
from argmap._data import FrozenDict as FrozenDict
from argmap._data import _freeze_data
from argmap._data import freeze as freeze
from argmap._data import thaw as thaw
from argmap._kinds import claim_roles, first_relations
from argmap._validation import bad_char as bad_char
from argmap._values import Claim as Claim
from argmap._values import Kind as Kind
from argmap._values import Quote as Quote
from argmap._values import Relation as Relation
from argmap._values import Role as Role
from argmap._values import Source as Source
from argmap._values import _new_claim as _new_claim
from argmap._values import _new_claims as _new_claims
from argmap._values import _new_relation as _new_relation
from argmap._values import _new_relations as _new_relations
from argmap._values import _slot_setters as _slot_setters
from argmap.errors import Problem, ValidationError
from argmap.errors import UnknownIdError as UnknownIdError  # defined in errors.py, re-exported here

if TYPE_CHECKING:
    from argmap._kinds import Bearing

__all__ = [
    "ArgumentMap",
    "Claim",
    "FrozenDict",
    "Kind",
    "Quote",
    "Relation",
    "Role",
    "Source",
    "UnknownIdError",
    "freeze",
]
# The classes defined in the private modules are this module's: pickles and
# tracebacks name argmap.model.Claim, as before they moved.  (Set here, with
# this module's own name, so that a pickle is byte for byte what it was.)
for _cls in (Claim, FrozenDict, Kind, Quote, Relation, Role, Source):
    _cls.__module__ = __name__
del _cls


def _claims(claims: Iterable[Claim]) -> tuple[Claim, ...]:
    return tuple(claims)


def _relations(relations: Iterable[Relation]) -> tuple[Relation, ...]:
    return tuple(relations)


class _Roles(FrozenDict):
    """:attr:`ArgumentMap.roles`: a read-only mapping that, called as the
    method it once was, warns and returns itself."""

    __slots__ = ()

    def __call__(self) -> _Roles:
        msg = "ArgumentMap.roles is a property now: write m.roles, not m.roles()"
        warnings.warn(msg, DeprecationWarning, stacklevel=2)
        return self


@attrs.frozen(repr=False)
class ArgumentMap:
    """An argument map: claims and relations in order, an optional source and
    metadata.  Immutable, compared by value, and always valid.
    """

    claims: tuple[Claim, ...] = attrs.field(default=(), converter=_claims)
    relations: tuple[Relation, ...] = attrs.field(default=(), converter=_relations)
    title: str | None = attrs.field(default=None, kw_only=True)
    source: Source | None = attrs.field(default=None, kw_only=True)
    data: FrozenDict = attrs.field(default=EMPTY, kw_only=True, converter=_freeze_data)
    _index: dict[str, Claim | Relation] = attrs.field(init=False, eq=False, hash=False, repr=False)
    _cache: dict[str, Any] = attrs.field(init=False, eq=False, hash=False, repr=False)

    def __attrs_post_init__(self) -> None:
        index: dict[str, Claim | Relation] = {}
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_cache", {})
        problems = self._check(index)
        if problems:
            raise ValidationError(problems)

    # ---- validation -------------------------------------------------------

    def _check(self, index: dict[str, Claim | Relation]) -> list[Problem]:
        return _validation.problems(self, index)

    @classmethod
    def _prechecked(
        cls,
        claims: Iterable[Claim],
        relations: Iterable[Relation],
        index: dict[str, Claim | Relation],
        *,
        title: str | None = None,
        source: Source | None = None,
        data: Mapping[str, Any] | None = None,
    ) -> ArgumentMap | None:
        """The map of *claims* and *relations* whose items have been checked
        already, with *index* their index (see
        :func:`argmap._validation.column_index`): only the map's own fields
        are checked here.  None if they have a problem (then construct the
        map as usual, which reports every problem)."""
        m = object.__new__(cls)
        setattr_ = object.__setattr__
        try:
            setattr_(m, "data", _freeze_data(data))
        except ValidationError:
            return None
        setattr_(m, "claims", _claims(claims))
        setattr_(m, "relations", _relations(relations))
        setattr_(m, "title", title)
        setattr_(m, "source", source)
        setattr_(m, "_index", index)
        setattr_(m, "_cache", {})
        out: list[Problem] = []
        _validation.map_problems(m, out)
        _validation.data_problems(m, out)
        return None if out else m

    # ---- lookup -----------------------------------------------------------

    def __contains__(self, ident: object) -> bool:
        return ident in self._index

    def __getitem__(self, ident: str) -> Claim | Relation:
        """The claim or relation with id *ident*."""
        try:
            return self._index[ident]
        except (KeyError, TypeError):
            raise UnknownIdError(f"no claim or relation with id {ident!r}") from None

    def claim(self, ident: str) -> Claim:
        """The claim with id *ident* (:class:`UnknownIdError` if there is none)."""
        node = self._index.get(ident) if isinstance(ident, str) else None
        if type(node) is not Claim:
            raise UnknownIdError(f"no claim with id {ident!r}")
        return node

    def relation(self, ident: str) -> Relation:
        """The relation with id *ident* (:class:`UnknownIdError` if there is none)."""
        node = self._index.get(ident) if isinstance(ident, str) else None
        if type(node) is not Relation:
            raise UnknownIdError(f"no relation with id {ident!r}")
        return node

    # ---- structure (computed once, cached) --------------------------------

    def _adjacency(self) -> tuple[dict[str, list[Relation]], dict[str, list[Relation]]]:
        adj = self._cache.get("adj")
        if adj is None:
            into: dict[str, list[Relation]] = {}
            out: dict[str, list[Relation]] = {}
            for r in self.relations:
                into.setdefault(r.target, []).append(r)
                for p in r.premises:
                    out.setdefault(p, []).append(r)
            adj = self._cache["adj"] = (into, out)
        return adj

    def relations_into(self, ident: str) -> tuple[Relation, ...]:
        """The relations whose target is *ident* (a claim or a relation), in order."""
        self[ident]
        return tuple(self._adjacency()[0].get(ident, ()))

    def relations_from(self, claim_id: str) -> tuple[Relation, ...]:
        """The relations in which claim *claim_id* is a premise, in order."""
        self.claim(claim_id)
        return tuple(self._adjacency()[1].get(claim_id, ()))

    # Derived views are properties (``m.theses``, ``m.roles``), like the
    # stored ``m.claims``; lookups that take an id are methods (``m.role(id)``).

    @property
    def theses(self) -> tuple[Claim, ...]:
        """The theses: the claims that are premises of no relation, in order."""
        out = self._adjacency()[1]
        return tuple(c for c in self.claims if c.id not in out)

    @property
    def roots(self) -> tuple[Claim, ...]:
        """The claims that are premises of no relation: the map's roots as a
        graph, the same claims as :attr:`theses`."""
        return self.theses

    @property
    def roles(self) -> Mapping[str, Role]:
        """Each claim's role, keyed by claim id, in claim order.

        Calling it, ``m.roles()``, still works but is deprecated.
        """
        roles: Mapping[str, Role] | None = self._cache.get("roles")
        if roles is None:
            ids = [c.id for c in self.claims]
            roles = self._cache["roles"] = _Roles._adopt(dict(zip(ids, self._role_list())))
        return roles

    def _role_list(self, targeted: Container[str] | None = None) -> list[Role]:
        """The claims' roles, in claim order (computed once; what
        :attr:`roles` maps the ids to, without the mapping).  *targeted*,
        if given, holds the relation ids that are targets of relations (the
        caller had them already; else they are looked for)."""
        cached: list[Role] | None = self._cache.get("role_list")
        if cached is not None:
            return cached
        roles = self._cache.get("roles")
        cached = list(roles.values()) if roles is not None else self._compute_roles(targeted)
        self._cache["role_list"] = cached
        return cached

    def _compute_roles(self, targeted: Container[str] | None = None) -> list[Role]:
        # A claim's role follows its first relation: only that one is needed,
        # so this pass keeps the first relation of each premise rather than
        # building the full adjacency (unless that is there already).  The
        # rule itself is argmap._kinds' (the tree layout's reader of plain
        # JSON maps shares it).
        adj = self._cache.get("adj")
        first: Mapping[str, Bearing] = (
            first_relations(self.relations) if adj is None else {p: rels[0] for p, rels in adj[1].items()}
        )
        # (a target is a relation's id exactly when it is one of the
        # targeted relations' ids: either tells an inference)
        relation_ids = {r.id for r in self.relations} if targeted is None else targeted
        return claim_roles([c.id for c in self.claims], first, relation_ids)

    def role(self, claim_id: str) -> Role:
        """The role of claim *claim_id*: thesis if it bears on nothing, else
        what its first relation makes it (see :class:`Role`)."""
        self.claim(claim_id)
        return self.roles[claim_id]

    # ---- display ----------------------------------------------------------

    def __repr__(self) -> str:
        title = f" {self.title!r}" if self.title else ""
        return f"<ArgumentMap{title}: {len(self.claims)} claims, {len(self.relations)} relations>"

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None, **kwargs: Any) -> dict[str, str]:
        """Jupyter display: the diagram as SVG (when ``dot`` is installed) and
        the text tree.

        The drawing comes from :mod:`argmap.render`, registered with
        :mod:`argmap._display` (the model itself imports no renderer)."""
        return _display.mimebundle("ArgumentMap", self, include, exclude)
