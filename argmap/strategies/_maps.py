"""Strategies for whole maps: argument_maps, argument_trees, relations.

How a map is drawn, and why it shrinks well.  The structure is a list of
*steps*, one per claim, drawn with ``st.lists``; a step is three choices
(its text, a small integer packing where the claim goes and with which
kind, and an "aim" choosing a target) read against the map built so far.  A
choice that cannot apply (a link with no relation to join, a target deeper
than ``max_depth``) falls back to a simpler one, so every list of steps
gives a valid map.  Hypothesis shrinks a list by deleting runs of a few
choices and each integer towards 0; with steps this small it can delete any
one claim, and 0 means "support the first claim".  Shared claims and cycles
come from a second list of equally small elements.  Scores, quotes, tags
and data are drawn afterwards, in lists of fixed size, so they never stand
in the way of deleting a step.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from argmap.model import ArgumentMap, Claim, Kind, Quote, Relation
from argmap.strategies._values import (
    check_bool,
    check_range,
    check_size,
    check_strategy,
    claim_texts,
    data_mappings,
    optional_texts,
    sources,
    tag_lists,
)

__all__ = ["argument_maps", "argument_trees", "relations"]

EVERYDAY_KINDS = (Kind.SUPPORT, Kind.ATTACK)

# A choice among n items is drawn as an integer in [0, 256) and scaled: it
# draws uniformly, does not depend on the map built so far, and shrinks to 0.
_AIM = st.integers(0, 255)


def _pick(items: list[Any], aim: int) -> Any:
    return items[aim * len(items) >> 8]


# Where a step puts its claim: 0-6 bear on a target (a new relation), 7-8
# join the previous relation as a linked premise, 9 start a new thesis.
_LINK = (7, 8)
_THESIS = 9


def _kinds(kinds: Any) -> tuple[Kind, ...]:
    if isinstance(kinds, (str, Kind)) or not isinstance(kinds, Iterable):
        msg = f"kinds={kinds!r} must be a sequence of Kind values, such as (Kind.SUPPORT, Kind.ATTACK)"
        raise InvalidArgument(msg)
    out = []
    for k in kinds:
        try:
            out.append(Kind(k))
        except ValueError:
            known = ", ".join(repr(k.value) for k in Kind)
            msg = f"kinds: {k!r} is not a relation kind; known kinds: {known}"
            raise InvalidArgument(msg) from None
    if not out:
        msg = "kinds=() leaves no kind of relation to draw"
        raise InvalidArgument(msg)
    return tuple(dict.fromkeys(out))


@attrs.frozen
class _Options:
    min_claims: int
    max_claims: int
    max_depth: int | None
    max_premises: int
    undercuts: bool
    cycles: bool
    shared_claims: bool
    with_source: bool
    base_scores: bool
    with_metadata: bool
    kinds: tuple[Kind, ...]
    texts: st.SearchStrategy[str]
    ids: st.SearchStrategy[str] | None
    one_thesis: bool

    @property
    def shapes(self) -> st.SearchStrategy[int]:
        return st.integers(0, 100 * len(self.kinds) - 1)


def _options(
    *,
    min_claims: int,
    max_claims: int,
    max_depth: int | None,
    max_premises: int | None,
    linked: bool,
    undercuts: bool,
    cycles: bool,
    shared_claims: bool,
    with_source: bool,
    base_scores: bool,
    with_metadata: bool,
    kinds: Iterable[Kind | str],
    texts: st.SearchStrategy[str] | None,
    ids: st.SearchStrategy[str] | None,
    one_thesis: bool,
) -> _Options:
    check_size(min_claims, "min_claims", at_least=1 if one_thesis else 0)
    check_size(max_claims, "max_claims", at_least=1 if one_thesis else 0)
    check_range(min_claims, max_claims, "min_claims", "max_claims")
    check_size(max_depth, "max_depth", optional=True)
    check_size(max_premises, "max_premises", at_least=1, optional=True)
    for name, flag in [
        ("linked", linked),
        ("undercuts", undercuts),
        ("cycles", cycles),
        ("shared_claims", shared_claims),
        ("with_source", with_source),
        ("base_scores", base_scores),
        ("with_metadata", with_metadata),
    ]:
        check_bool(flag, name)
    if max_premises is None:
        max_premises = 3 if linked else 1
    elif not linked and max_premises > 1:
        msg = f"linked=False allows one premise per relation, but max_premises={max_premises}"
        raise InvalidArgument(msg)
    if one_thesis and max_depth == 0:
        if min_claims > 1:
            msg = f"a tree with max_depth=0 is its thesis alone, but min_claims={min_claims}"
            raise InvalidArgument(msg)
        max_claims = 1
    check_strategy(texts, "texts")
    check_strategy(ids, "ids")
    return _Options(
        min_claims=min_claims,
        max_claims=max_claims,
        max_depth=max_depth,
        max_premises=max_premises,
        undercuts=undercuts,
        cycles=cycles,
        shared_claims=shared_claims,
        with_source=with_source,
        base_scores=base_scores,
        with_metadata=with_metadata,
        kinds=_kinds(kinds),
        texts=texts if texts is not None else claim_texts(),
        ids=ids,
        one_thesis=one_thesis,
    )


def argument_maps(
    *,
    min_claims: int = 1,
    max_claims: int = 20,
    max_depth: int | None = None,
    max_premises: int | None = None,
    linked: bool = True,
    undercuts: bool = True,
    cycles: bool = False,
    shared_claims: bool = False,
    with_source: bool = False,
    base_scores: bool = False,
    with_metadata: bool = False,
    kinds: Iterable[Kind | str] = EVERYDAY_KINDS,
    texts: st.SearchStrategy[str] | None = None,
    ids: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[ArgumentMap]:
    """Valid argument maps of *min_claims* to *max_claims* claims.

    By default a map is a forest: one or more theses, each claim the premise
    of at most one relation, no cycles.  Claims are numbered ``c1, c2, ...``
    and relations ``r1, r2, ...`` in the order they are added, the way
    :class:`~argmap.builder.MapBuilder` numbers them.

    - *max_depth*: no claim is more than this many relations away from its
      thesis (``0``: theses only).  With ``cycles=True`` the bound holds for
      the tree the map grows from, not for the extra relations.
    - *max_premises*: the most premises one relation links (default 3, or 1
      when ``linked=False``); ``linked=False`` draws no linked premises.
    - *undercuts*: relations may target relations (undercuts and backings).
    - *shared_claims*: a claim may be the premise of several relations, so
      the map is a graph rather than a forest (still without cycles unless
      ``cycles=True``).
    - *cycles*: relations may close cycles (a claim supports its own
      objection, two claims attack each other).
    - *with_source*: the map has a :class:`~argmap.model.Source`, and about
      half the claims quote it (located spans, some left unlocated).
    - *base_scores*: every claim has a base score in [0, 1], some relations too.
    - *with_metadata*: titles, tags, schemes and ``data`` mappings are drawn too.
    - *kinds*: the relation kinds to draw; ``kinds=tuple(Kind)`` adds
      Argdown's strict relations (entails, contrary, contradictory).
    - *texts*, *ids*: strategies for claim texts (default
      :func:`claim_texts`) and for ids (default: numbered as above; pass
      ``ids()`` for arbitrary ids).  They must draw values the model accepts.

    A failing example shrinks to the fewest claims that still fail, most
    often one or two.  ``st.from_type(ArgumentMap)`` gives ``argument_maps()``.
    """
    o = _options(
        min_claims=min_claims,
        max_claims=max_claims,
        max_depth=max_depth,
        max_premises=max_premises,
        linked=linked,
        undercuts=undercuts,
        cycles=cycles,
        shared_claims=shared_claims,
        with_source=with_source,
        base_scores=base_scores,
        with_metadata=with_metadata,
        kinds=kinds,
        texts=texts,
        ids=ids,
        one_thesis=False,
    )
    return _maps(o)


def argument_trees(
    *,
    min_claims: int = 1,
    max_claims: int = 20,
    max_depth: int | None = None,
    max_premises: int | None = None,
    linked: bool = True,
    undercuts: bool = True,
    with_source: bool = False,
    base_scores: bool = False,
    with_metadata: bool = False,
    kinds: Iterable[Kind | str] = EVERYDAY_KINDS,
    texts: st.SearchStrategy[str] | None = None,
    ids: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[ArgumentMap]:
    """Valid maps that are one strict tree: the first claim is the only
    thesis, and every other claim is the premise of exactly one relation.

    The options mean what they mean for :func:`argument_maps`.
    """
    o = _options(
        min_claims=min_claims,
        max_claims=max_claims,
        max_depth=max_depth,
        max_premises=max_premises,
        linked=linked,
        undercuts=undercuts,
        cycles=False,
        shared_claims=False,
        with_source=with_source,
        base_scores=base_scores,
        with_metadata=with_metadata,
        kinds=kinds,
        texts=texts,
        ids=ids,
        one_thesis=True,
    )
    return _maps(o)


# Drawing.  First the structure: a list of steps (one per claim) and, with
# shared_claims or cycles, a list of extra relations between claims already
# drawn.  Each element is at most four choices: Hypothesis's shrinker deletes
# at most five consecutive choices at a time (one more is the list's "go on"
# flag), so a bigger element could not be deleted whole.  Then, once the
# shape is known, the decorations (scores, quotes, tags, data) in
# fixed-size lists.


class _Step(NamedTuple):
    """Where a claim goes.  ``shape`` packs four small choices (see _read_shape)."""

    shape: int
    text: str
    aim: int


class _ExtraSpec(NamedTuple):
    """A relation between claims already in the map (shared claims, cycles)."""

    after: int  # aim: after which step it is added
    shape: int  # kind, undercut, premise count (see _read_extra_shape)
    target: int  # aim: its target
    premises: int  # aim: where its premises start among the candidates


def _read_shape(shape: int, o: _Options) -> tuple[Kind, int, bool, bool]:
    """kind, place (see _LINK, _THESIS), recent (aim at one of the last three
    targets, which grows chains), undercut (aim at a relation, 1 time in 5).
    Shape 0 is the simplest step: a support of the first claim."""
    n = len(o.kinds)
    kind, shape = o.kinds[shape % n], shape // n
    place, shape = shape % 10, shape // 10
    return kind, place, shape % 2 == 1, o.undercuts and shape >= 8


def _read_extra_shape(shape: int, o: _Options) -> tuple[Kind, bool, int]:
    n = len(o.kinds)
    kind, shape = o.kinds[shape % n], shape // n
    undercut, shape = o.undercuts and shape % 5 == 4, shape // 5
    return kind, undercut, 1 + shape % o.max_premises


@st.composite
def _maps(draw: st.DrawFn, o: _Options) -> ArgumentMap:
    source = draw(sources(min_size=1)) if o.with_source else None
    steps = draw(st.lists(st.builds(_Step, o.shapes, o.texts, _AIM), min_size=o.min_claims, max_size=o.max_claims))
    extras: list[_ExtraSpec] = []
    if (o.shared_claims or o.cycles) and len(steps) > 1:
        shapes = st.integers(0, len(o.kinds) * 5 * o.max_premises - 1)
        extras = draw(st.lists(st.builds(_ExtraSpec, _AIM, shapes, _AIM, _AIM), max_size=len(steps)))
    claims, rels = _assemble(steps, extras, o)

    # Decorations, now that the numbers of claims and relations are known.
    n, m = len(claims), len(rels)
    if o.base_scores:
        for c, score in zip(claims, draw(_fixed(_SCORES, n))):
            c["base_score"] = score
        for r, score in zip(rels, draw(_fixed(_MAYBE_SCORE, m))):
            r.score = score
    if source is not None:  # o.with_source
        for c, spec in zip(claims, draw(_fixed(_QUOTE_SPECS, n))):
            c["quote"] = _quote(source.text, spec)
    title = data = None
    if o.with_metadata:
        title = draw(optional_texts(40))
        data = draw(st.none() | data_mappings())
        for c, (tags, c_data) in zip(claims, draw(_fixed(_CLAIM_METADATA, n))):
            c["tags"], c["data"] = tags, c_data
        for r, (scheme, r_data) in zip(rels, draw(_fixed(_RELATION_METADATA, m))):
            r.scheme, r.data = scheme, r_data

    claim_objects = [Claim(f"c{i + 1}", c.pop("text"), **c) for i, c in enumerate(claims)]
    relation_objects = [
        Relation(
            f"r{j + 1}",
            r.kind,
            tuple(f"c{p + 1}" for p in r.premises),
            f"{r.target[0]}{r.target[1] + 1}",
            scheme=r.scheme,
            data=r.data,
            base_score=r.score,
        )
        for j, r in enumerate(rels)
    ]
    if o.ids is not None:
        k = n + m
        names = draw(st.lists(o.ids, min_size=k, max_size=k, unique=True))
        claim_objects, relation_objects = _rename(claim_objects, relation_objects, names)
    return ArgumentMap(claim_objects, relation_objects, title=title, source=source, data=data)


def _fixed(elements: st.SearchStrategy[Any], n: int) -> st.SearchStrategy[list[Any]]:
    return st.lists(elements, min_size=n, max_size=n)


_SCORES = st.floats(0, 1)
_MAYBE_SCORE = st.none() | _SCORES
# None, or (start aim, length, located?)
_QUOTE_SPECS = st.none() | st.tuples(_AIM, st.integers(0, 39), st.booleans())
_CLAIM_METADATA = st.tuples(st.just(()) | tag_lists(), st.none() | st.none() | data_mappings())
_RELATION_METADATA = st.tuples(st.none() | claim_texts(max_size=20), st.none() | st.none() | data_mappings())


def _quote(text: str, spec: tuple[int, int, bool] | None) -> Quote | None:
    if spec is None:
        return None
    aim, length, located = spec
    start = aim * len(text) >> 8
    end = start + 1 + length % min(40, len(text) - start)
    return Quote(text[start:end], start, end) if located else Quote(text[start:end])


class _Rel:
    """A relation being assembled: premises as claim indexes, the target as a
    node key (``("c", i)`` for the i-th claim, ``("r", j)`` for the j-th
    relation)."""

    __slots__ = ("data", "kind", "premises", "scheme", "score", "target")

    def __init__(self, kind: Kind, premises: list[int], target: tuple[str, int]):
        self.kind = kind
        self.premises = premises
        self.target = target
        self.score = self.scheme = self.data = None


class _Growth:
    """The map as it grows, with what the next step needs to read its choices."""

    def __init__(self, o: _Options):
        self.o = o
        self.claims: list[dict[str, Any]] = []
        self.rels: list[_Rel] = []
        self.depth_c: list[int] = []  # each claim's distance from its thesis
        self.depth_r: list[int] = []  # each relation's: that of its premises
        self.claim_targets: list[int] = []  # claims that may take a relation (within max_depth)
        self.relation_targets: list[int] = []
        self.uses: list[int] = []  # how many relations each claim is a premise of

    def within(self, depth: int) -> bool:
        return self.o.max_depth is None or depth < self.o.max_depth

    def add_relation(self, kind: Kind, premises: list[int], target: tuple[str, int], depth: int) -> None:
        self.rels.append(_Rel(kind, premises, target))
        self.depth_r.append(depth)
        if self.within(depth):
            self.relation_targets.append(len(self.rels) - 1)
        for p in premises:
            self.uses[p] += 1

    def add_claim(self, step: _Step) -> None:
        o = self.o
        i = len(self.claims)
        self.claims.append({"text": step.text})
        self.uses.append(0)
        kind, place, recent, undercut = _read_shape(step.shape, o)
        rels = self.rels
        if i == 0 or not self.claim_targets or (place == _THESIS and not o.one_thesis):
            depth = 0
        elif place in _LINK and rels and len(rels[-1].premises) < o.max_premises:
            rels[-1].premises.append(i)  # a linked premise of the previous relation
            self.uses[i] += 1
            depth = self.depth_r[-1]
        else:
            if undercut and self.relation_targets:
                pool, what = self.relation_targets, "r"
            else:
                pool, what = self.claim_targets, "c"
            t = _pick(pool[-3:] if recent else pool, step.aim)
            depth = (self.depth_c[t] if what == "c" else self.depth_r[t]) + 1
            self.add_relation(kind, [i], (what, t), depth)
        self.depth_c.append(depth)
        if self.within(depth):
            self.claim_targets.append(i)

    def add_extra(self, spec: _ExtraSpec) -> None:
        """A relation between claims already there, if one fits the options."""
        o = self.o
        kind, undercut, count = _read_extra_shape(spec.shape, o)
        bounded = o.max_depth is not None and not o.cycles
        n = len(self.claims)
        if undercut and self.rels:
            pool = [("r", j) for j in range(len(self.rels)) if not bounded or self.within(self.depth_r[j])]
        else:
            pool = [("c", i) for i in range(n) if not bounded or self.within(self.depth_c[i])]
        if not pool:
            return
        target = _pick(pool, spec.target)
        t_depth = self.depth_c[target[1]] if target[0] == "c" else self.depth_r[target[1]]
        candidates = [i for i in range(n) if (o.shared_claims or self.uses[i] == 0) and target != ("c", i)]
        if not o.cycles:
            if bounded:
                # Keep depths consistent (each premise one level below its
                # target): then max_depth holds on every path, and no cycle forms.
                candidates = [i for i in candidates if self.depth_c[i] == t_depth + 1]
            else:
                reach = _reachable(target, self.rels)
                candidates = [i for i in candidates if ("c", i) not in reach]
        if candidates:
            start = _pick(candidates, spec.premises)
            chosen = (candidates[start:] + candidates[:start])[:count]
            self.add_relation(kind, chosen, target, t_depth + 1)


def _assemble(steps: list[_Step], extras: list[_ExtraSpec], o: _Options) -> tuple[list[dict[str, Any]], list[_Rel]]:
    g = _Growth(o)
    n = len(steps)
    pending = sorted(extras, key=lambda e: e.after * n >> 8)  # stable: list order within a step
    k = 0
    for i, step in enumerate(steps):
        g.add_claim(step)
        while k < len(pending) and pending[k].after * n >> 8 == i:
            g.add_extra(pending[k])
            k += 1
    return g.claims, g.rels


def _reachable(start: tuple[str, int], rels: list[_Rel]) -> set[tuple[str, int]]:
    """The nodes reachable from *start* along premise -> relation -> target."""
    out: dict[int, list[int]] = {}
    for j, r in enumerate(rels):
        for p in r.premises:
            out.setdefault(p, []).append(j)
    seen = {start}
    todo = [start]
    while todo:
        kind, n = todo.pop()
        nexts = [("r", j) for j in out.get(n, ())] if kind == "c" else [rels[n].target]
        for node in nexts:
            if node not in seen:
                seen.add(node)
                todo.append(node)
    return seen


def _rename(claims: list[Claim], relations: list[Relation], names: list[str]) -> tuple[list[Claim], list[Relation]]:
    new = {c.id: names[i] for i, c in enumerate(claims)}
    new.update({r.id: names[len(claims) + j] for j, r in enumerate(relations)})
    claims = [attrs.evolve(c, id=new[c.id]) for c in claims]
    relations = [
        attrs.evolve(r, id=new[r.id], premises=tuple(new[p] for p in r.premises), target=new[r.target])
        for r in relations
    ]
    return claims, relations


# --------------------------------------------------------------------------
# One more relation for a given map


def relations(
    argument_map: ArgumentMap,
    *,
    max_premises: int = 3,
    undercuts: bool = True,
    kinds: Iterable[Kind | str] = EVERYDAY_KINDS,
    ids: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[Relation]:
    """Relations that could be added to *argument_map* and keep it valid: a
    fresh id, one to *max_premises* distinct claims of the map as premises,
    and a target (a claim that is not a premise, or with *undercuts* a
    relation).  The map needs at least two claims.

    New ids are ``r1, r2, ...`` (the first not taken) unless *ids* is given.
    The relation may close a cycle or reuse a premise, which is legal.
    """
    if not isinstance(argument_map, ArgumentMap):
        msg = f"argument_map must be an ArgumentMap, not {type(argument_map).__name__}"
        raise InvalidArgument(msg)
    if len(argument_map.claims) < 2:
        msg = f"a relation needs two claims (a premise and a target); the map has {len(argument_map.claims)}"
        raise InvalidArgument(msg)
    check_size(max_premises, "max_premises", at_least=1)
    check_bool(undercuts, "undercuts")
    check_strategy(ids, "ids")
    return _relations(argument_map, max_premises, undercuts, _kinds(kinds), ids)


@st.composite
def _relations(
    draw: st.DrawFn, m: ArgumentMap, max_premises: int, undercuts: bool, kinds: tuple[Kind, ...], ids: Any
) -> Relation:
    claim_ids = [c.id for c in m.claims]
    if undercuts and m.relations and draw(st.integers(0, 4)) == 4:
        target = draw(st.sampled_from([r.id for r in m.relations]))
        candidates = claim_ids
    else:
        target = draw(st.sampled_from(claim_ids))
        candidates = [c for c in claim_ids if c != target]
    premises = draw(st.lists(st.sampled_from(candidates), min_size=1, max_size=max_premises, unique=True))
    kind = draw(st.sampled_from(kinds))
    if ids is None:
        n = 1
        while f"r{n}" in m:
            n += 1
        ident = f"r{n}"
    else:
        ident = draw(ids.filter(lambda i: i not in m))
    return Relation(ident, kind, tuple(premises), target)
