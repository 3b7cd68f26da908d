"""MapBuilder: write an argument map the way one writes an outline.

>>> from argmap import MapBuilder, Source
>>> b = MapBuilder(title="Lunch", source=Source("We should eat early. The canteen closes at one."))
>>> thesis = b.claim("Eat early", quote="We should eat early.")
>>> r = b.support(thesis, "The canteen closes at 1 pm", quote="The canteen closes at one.")
>>> b.attack(r.premise, "It reopens at two")
RelationRef(id='r2', premises=(ClaimRef(id='c3'),))
>>> m = b.build()
>>> [(c.id, str(m.role(c.id))) for c in m.claims]
[('c1', 'thesis'), ('c2', 'premise'), ('c3', 'objection')]
>>> m.claim("c2").quote
Quote(text='The canteen closes at one.', start=21, end=47)
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Mapping
from itertools import repeat
from typing import Any, TypeAlias, TypeGuard

import attrs

from argmap._gc import paused
from argmap._validation import column_index
from argmap.errors import ArgmapError, Problem, ValidationError
from argmap.model import (
    ArgumentMap,
    Claim,
    Kind,
    Quote,
    Relation,
    Source,
    _new_claim,
    _new_claims,
    _new_relation,
    _new_relations,
    _slot_setters,
)

__all__ = ["ClaimRef", "MapBuilder", "RelationRef"]


@attrs.frozen
class ClaimRef:
    """A handle on a claim added to a :class:`MapBuilder`."""

    id: str


@attrs.frozen
class RelationRef:
    """A handle on a relation added to a :class:`MapBuilder`.

    ``premise`` is the single premise (for an unlinked relation); ``premises``
    are all of them.
    """

    id: str
    premises: tuple[ClaimRef, ...]

    @property
    def premise(self) -> ClaimRef:
        if len(self.premises) != 1:
            msg = f"relation {self.id!r} has {len(self.premises)} linked premises; use .premises"
            raise ArgmapError(msg)
        return self.premises[0]


# Handles are made on every builder call: write their slots directly (see
# argmap.model._new_claim) instead of going through attrs' __init__.
_new = object.__new__
_REF_SETTERS = _slot_setters(ClaimRef)
_RELREF_SETTERS = _slot_setters(RelationRef)
if _REF_SETTERS is not None and _RELREF_SETTERS is not None:
    (_cr_id,) = _REF_SETTERS
    _rr_id, _rr_premises = _RELREF_SETTERS

    def _claim_ref(id: str) -> ClaimRef:
        ref = _new(ClaimRef)
        _cr_id(ref, id)
        return ref

    def _relation_ref(id: str, premises: tuple[ClaimRef, ...]) -> RelationRef:
        ref = _new(RelationRef)
        _rr_id(ref, id)
        _rr_premises(ref, premises)
        return ref

    def _one_premise_ref(id: str, premise: str) -> RelationRef:
        """``RelationRef(id, (ClaimRef(premise),))``."""
        claim = _new(ClaimRef)
        _cr_id(claim, premise)
        ref = _new(RelationRef)
        _rr_id(ref, id)
        _rr_premises(ref, (claim,))
        return ref

else:  # pragma: no cover
    _claim_ref, _relation_ref = ClaimRef, RelationRef

    def _one_premise_ref(id: str, premise: str) -> RelationRef:
        return RelationRef(id, (ClaimRef(premise),))


Target: TypeAlias = ClaimRef | RelationRef | str
Premises: TypeAlias = str | ClaimRef | Iterable[str | ClaimRef]

_SUPPORT, _ATTACK = Kind.SUPPORT, Kind.ATTACK


def _target_id(target: Target) -> Any:
    return target.id if isinstance(target, (ClaimRef, RelationRef)) else target


def _all_texts(premises: Any) -> TypeGuard[list[str] | tuple[str, ...]]:
    """Whether *premises* is a list or tuple of texts (new claims), which
    the builder's calls take without going through relate()."""
    t = type(premises)
    return (t is list or t is tuple) and len(premises) > 0 and all(map(operator.is_, map(type, premises), repeat(str)))


def _attack_on_relation(ref: RelationRef) -> str:
    ids = ", ".join(repr(p.id) for p in ref.premises)
    if len(ref.premises) == 1:
        premise = f"use .premise (claim {ids}) to attack its premise"
    else:
        premise = f"use .premises[i] (claims {ids}) to attack one of its linked premises"
    return (
        f"attack() targets a claim, but got the relation {ref.id!r}: {premise}, "
        "or undercut() to attack the inference itself"
    )


class MapBuilder:
    """Build an :class:`~argmap.model.ArgumentMap` step by step.

    Claims get ids ``c1, c2, ...`` and relations ``r1, r2, ...`` unless an
    ``id=`` is given.  A ``quote=`` string is located in the source (exactly,
    or forgiving what copying by hand changes: see
    :func:`argmap.source.locate`), and the source's own text and span are
    recorded.  Problems are collected, and :meth:`build` raises one
    :class:`~argmap.errors.ValidationError` that lists them all.
    """

    def __init__(
        self,
        *,
        title: str | None = None,
        source: Source | None = None,
        data: Mapping[str, Any] | None = None,
    ):
        self.title = title
        self.source = source
        self.data = data
        # What the calls add is kept as columns of plain values, and the
        # Claim and Relation objects are made by build(), all at once, with
        # the cyclic collector paused: a script's calls then leave behind
        # only the handles they return, which keeps the collector's work
        # small while a large map is written.  A claim or relation made
        # with options (a quote, tags, data, a scheme, a score) is made at
        # once and kept by position; its columns hold placeholders.
        self._claim_ids: list[Any] = []
        self._claim_texts: list[Any] = []
        self._claim_objects: dict[int, Claim] = {}
        self._relation_ids: list[Any] = []
        self._relation_kinds: list[Any] = []
        self._relation_premises: list[Any] = []  # the premise's id, or a tuple of them
        self._linked: list[int] = []  # where _relation_premises holds a tuple
        self._relation_targets: list[Any] = []
        self._relation_objects: dict[int, Relation] = {}
        self._ids: set[str] = set()
        self._named = False  # an id was given (not made by the builder)
        self._problems: list[Problem] = []
        self._next_claim = 1
        self._next_relation = 1

    # ---- claims -----------------------------------------------------------

    def claim(
        self,
        text: str,
        *,
        id: str | None = None,
        quote: str | Quote | None = None,
        tags: Iterable[str] = (),
        data: Mapping[str, Any] | None = None,
        base_score: float | None = None,
    ) -> ClaimRef:
        """Add a claim and return its handle."""
        if id is None:
            id = self._fresh_claim()  # see relate() on self._ids
        else:
            self._named = True
            if isinstance(id, str):
                self._ids.add(id)
        if quote is not None:
            quote = self._locate(id, quote)
        if quote is not None or data is not None or base_score is not None or type(tags) is not tuple or tags:
            if data is None and base_score is None and type(tags) is tuple and not tags:
                claim = _new_claim(id, text, quote)
            else:
                try:
                    claim = Claim(id, text, quote=quote, tags=tags, data=data, base_score=base_score)
                except ValidationError as e:  # bad data: name the claim
                    self._problems.extend(Problem(str(id), p.code, p.message) for p in e.problems)
                    claim = Claim(id, text, quote=quote, tags=tags, base_score=base_score)
            self._claim_objects[len(self._claim_ids)] = claim
        self._claim_ids.append(id)
        self._claim_texts.append(text)
        return _claim_ref(id)

    def _fresh_claim(self) -> str:
        n = self._next_claim
        ident = f"c{n}"
        if self._ids:
            while ident in self._ids:
                n += 1
                ident = f"c{n}"
        self._next_claim = n + 1
        return ident

    def _fresh_relation(self) -> str:
        n = self._next_relation
        ident = f"r{n}"
        if self._ids:
            while ident in self._ids:
                n += 1
                ident = f"r{n}"
        self._next_relation = n + 1
        return ident

    def _fresh(self, prefix: str) -> str:
        return self._fresh_claim() if prefix == "c" else self._fresh_relation()

    def _locate(self, owner: Any, quote: str | Quote | None) -> Quote | None:
        if quote is None or isinstance(quote, Quote):
            return quote
        if not isinstance(quote, str):
            self._problems.append(
                Problem(str(owner), "bad-type", f"quote must be a string or Quote, not {type(quote).__name__}")
            )
            return None
        if self.source is None:
            return Quote(quote)
        from argmap.source import describe_missing, find_quote

        # (find_quote: the first exact occurrence, else the first forgiving one; indexed when many are looked up)
        found = find_quote(self.source, quote) if quote.strip() else self.source.find(quote)
        if found is None:
            self._problems.append(Problem(str(owner), "quote-not-in-source", describe_missing(self.source, quote)))
        return found

    # ---- relations --------------------------------------------------------

    def relate(
        self,
        kind: Kind | str,
        target: Target,
        premises: Premises,
        *,
        id: str | None = None,
        quote: str | Quote | None = None,
        scheme: str | None = None,
        data: Mapping[str, Any] | None = None,
        base_score: float | None = None,
    ) -> RelationRef:
        """Add a relation of any :class:`~argmap.model.Kind`.

        *premises* is one premise or a list of them (linked premises).  A
        string is the text of a new claim; a :class:`ClaimRef` reuses a claim.
        ``quote=`` applies to a single new premise.
        """
        # Generated ids need no entry in self._ids: the counters only go up,
        # so a generated id is never generated again.  Explicit ids go in, so
        # that the counters step over them.
        if id is None:
            id = self._fresh_relation()
        else:
            self._named = True
            if isinstance(id, str):
                self._ids.add(id)
        target_id = _target_id(target)
        if type(premises) is str:  # the common case: one new premise
            if quote is None:  # what self.claim(premises) does, inlined
                cid = self._fresh_claim()
                self._claim_ids.append(cid)
                self._claim_texts.append(premises)
                ref = _claim_ref(cid)
            else:
                ref = self.claim(premises, quote=quote)
            refs: tuple[ClaimRef, ...] = (ref,)
            premise_ids: tuple[str, ...] = (ref.id,)
        else:
            refs, premise_ids = self._premises(id, premises, quote)
        if data is not None or type(kind) is not Kind or scheme is not None or base_score is not None:
            if data is None and type(kind) is Kind:
                relation = _new_relation(id, kind, premise_ids, target_id, scheme, base_score)
            else:
                try:
                    relation = Relation(
                        id, kind, premise_ids, target_id, scheme=scheme, data=data, base_score=base_score
                    )
                except ValidationError as e:
                    self._problems.extend(Problem(str(id), p.code, p.message) for p in e.problems)
                    relation = Relation(id, kind, premise_ids, target_id, scheme=scheme, base_score=base_score)
            self._relation_objects[len(self._relation_ids)] = relation
        self._linked.append(len(self._relation_premises))
        self._relation_ids.append(id)
        self._relation_kinds.append(kind)
        self._relation_premises.append(premise_ids)
        self._relation_targets.append(target_id)
        return _relation_ref(id, refs)

    def _premises(
        self, id: Any, premises: Premises, quote: str | Quote | None
    ) -> tuple[tuple[ClaimRef, ...], tuple[str, ...]]:
        items = [premises] if isinstance(premises, (str, ClaimRef)) else list(premises)
        if quote is not None and not (len(items) == 1 and isinstance(items[0], str)):
            self._problems.append(
                Problem(
                    str(id), "bad-quote", "quote= needs exactly one new premise; quote linked premises with claim()"
                )
            )
            quote = None
        refs = []
        for item in items:
            if isinstance(item, ClaimRef):
                refs.append(item)
            elif isinstance(item, str):
                refs.append(self.claim(item, quote=quote))
            else:
                self._problems.append(
                    Problem(str(id), "bad-type", f"a premise is a text or a ClaimRef, not {type(item).__name__}")
                )
        return tuple(refs), tuple([r.id for r in refs])

    def _relate_one(self, kind: Kind, target: Target, text: str) -> RelationRef:
        """``relate(kind, target, text)`` with no options, for a plain ``str``
        premise: the hot path of a script, with every step inlined."""
        if self._ids:
            rid = self._fresh_relation()
            cid = self._fresh_claim()
        else:
            rid = f"r{self._next_relation}"
            self._next_relation += 1
            cid = f"c{self._next_claim}"
            self._next_claim += 1
        self._claim_ids.append(cid)
        self._claim_texts.append(text)
        self._relation_ids.append(rid)
        self._relation_kinds.append(kind)
        self._relation_premises.append(cid)
        self._relation_targets.append(
            target.id if type(target) is ClaimRef or type(target) is RelationRef else _target_id(target)
        )
        return _one_premise_ref(rid, cid)

    def _relate_texts(self, kind: Kind, target: Target, texts: list[str] | tuple[str, ...]) -> RelationRef:
        """``relate(kind, target, texts)`` with no options, for linked
        premises that are all new claims (texts)."""
        if self._ids:  # ids to step over: one at a time
            rid = self._fresh_relation()
            cids = tuple([self._fresh_claim() for _ in texts])
        else:
            rid = f"r{self._next_relation}"
            self._next_relation += 1
            n = self._next_claim
            self._next_claim = n + len(texts)
            cids = tuple([f"c{i}" for i in range(n, n + len(texts))])
        self._claim_ids += cids
        self._claim_texts += texts
        self._linked.append(len(self._relation_premises))
        self._relation_ids.append(rid)
        self._relation_kinds.append(kind)
        self._relation_premises.append(cids)
        self._relation_targets.append(
            target.id if type(target) is ClaimRef or type(target) is RelationRef else _target_id(target)
        )
        return _relation_ref(rid, tuple(map(_claim_ref, cids)))

    def support(self, target: Target, premises: Premises, **options: Any) -> RelationRef:
        """*premises* support *target* (a claim, or an inference: a backing)."""
        if not options:
            if type(premises) is str:
                return self._relate_one(_SUPPORT, target, premises)
            if _all_texts(premises):
                return self._relate_texts(_SUPPORT, target, premises)
        return self.relate(_SUPPORT, target, premises, **options)

    def attack(self, target: Target, premises: Premises, **options: Any) -> RelationRef:
        """*premises* attack *target*: an objection, or a rebuttal of one.

        *target* is a claim.  To attack what a relation concludes from, attack
        its premise (``ref.premise``); to attack the inference itself, use
        :meth:`undercut`.  A :class:`RelationRef` target raises an
        :class:`~argmap.errors.ArgmapError` that says so.
        """
        if type(target) is RelationRef:
            raise ArgmapError(_attack_on_relation(target))
        if not options:
            if type(premises) is str:
                return self._relate_one(_ATTACK, target, premises)
            if _all_texts(premises):
                return self._relate_texts(_ATTACK, target, premises)
        return self.relate(_ATTACK, target, premises, **options)

    def undercut(self, inference: RelationRef | str, premises: Premises, **options: Any) -> RelationRef:
        """*premises* attack the inference *inference*, not its conclusion."""
        if isinstance(inference, ClaimRef):
            msg = f"undercut() attacks an inference (a RelationRef), not the claim {inference.id!r}; use attack()"
            raise ArgmapError(msg)
        if not options:
            if type(premises) is str:
                return self._relate_one(_ATTACK, inference, premises)
            if _all_texts(premises):
                return self._relate_texts(_ATTACK, inference, premises)
        return self.relate(_ATTACK, inference, premises, **options)

    # ---- result -----------------------------------------------------------

    def build(self) -> ArgumentMap:
        """Validate and return the map; raise ValidationError with every problem."""
        # The collector is paused while the items and validation's indexes
        # are made (hundreds of thousands of small objects, no cycles), and
        # the map is filed as old: the collector's next young pass would
        # otherwise scan every item of the map just made, and the next
        # middle one again.
        with paused(promote=True):
            return self._build()

    def _build(self) -> ArgumentMap:
        problems = list(self._problems)
        claims = _new_claims(self._claim_ids, self._claim_texts)
        for i, claim in self._claim_objects.items():
            claims[i] = claim
        relations = _new_relations(
            self._relation_ids, self._relation_kinds, self._relation_premises, self._relation_targets, self._linked
        )
        for i, relation in self._relation_objects.items():
            relations[i] = relation
        if not problems and not self._claim_objects and not self._relation_objects:
            # Plain items (the common case): their columns are checked in
            # bulk, and a map without a problem is made without checking
            # its items again one by one.
            index = column_index(
                self._claim_ids,
                self._claim_texts,
                claims,
                self._relation_ids,
                self._relation_premises,
                self._relation_targets,
                relations,
                fresh_ids=not self._named,
                linked=self._linked,
            )
            if index is not None:
                m = ArgumentMap._prechecked(
                    claims, relations, index, title=self.title, source=self.source, data=self.data
                )
                if m is not None:
                    # What the builder knows of its items, kept for the DOT
                    # writer (argmap.render.dot), which would otherwise look
                    # for it in every id and relation again: where the
                    # premises may be linked (no relation has a scheme), and,
                    # when the builder made every id, that none needs more
                    # than quotes.
                    m._cache["linked"] = tuple(self._linked)
                    if not self._named:
                        m._cache["plain_ids"] = True
                    return m
        try:
            m = ArgumentMap(claims, relations, title=self.title, source=self.source, data=self.data)
        except ValidationError as e:
            problems.extend(e.problems)
            raise ValidationError(problems) from None
        if problems:
            raise ValidationError(problems)
        return m
