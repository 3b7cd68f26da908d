"""argmap's invariants as properties over drawn maps.

JSON round trips and reader fuzzing live in tests/test_json.py, DOT and text
tree properties in tests/test_render.py; this file holds the model's own:
validation, derived roles and structure, the builder, and deep maps.
"""

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmap import ArgmapError, ArgumentMap, Claim, Kind, MapBuilder, Relation, Role
from argmap.builder import ClaimRef
from argmap.formats import json as argmap_json
from argmap.strategies import argument_maps, invalid_maps, relations

# Every shape the model allows: all kinds, linked premises, undercuts, shared
# claims, cycles, sources and quotes, scores and metadata.
ANY_MAP = argument_maps(
    kinds=tuple(Kind),
    shared_claims=True,
    cycles=True,
    with_source=True,
    base_scores=True,
    with_metadata=True,
)
MAPS = st.one_of(argument_maps(), ANY_MAP)

ATTACKS = {Kind.ATTACK, Kind.CONTRARY, Kind.CONTRADICTORY}


class TestValidation:
    @given(MAPS)
    def test_accepts_every_drawn_map(self, m):
        again = ArgumentMap(m.claims, m.relations, title=m.title, source=m.source, data=m.data)
        assert again == m

    @given(invalid_maps())
    def test_rejects_every_invalid_document_naming_the_defect(self, bad):
        with pytest.raises(bad.error) as e:
            argmap_json.from_data(bad.document)
        assert bad.matches(e.value), f"expected {bad.code} at {bad.id or bad.where}, got: {e.value}"

    @given(invalid_maps())
    def test_the_reader_rejects_the_same_documents_as_text(self, bad):
        with pytest.raises(ArgmapError) as e:
            argmap_json.loads(json.dumps(bad.document))
        assert bad.matches(e.value), f"expected {bad.code} at {bad.id or bad.where}, got: {e.value}"

    @given(st.data())
    def test_a_relation_drawn_for_a_map_keeps_it_valid(self, data):
        m = data.draw(argument_maps(min_claims=2, kinds=tuple(Kind), shared_claims=True, cycles=True))
        r = data.draw(relations(m, kinds=tuple(Kind)))
        bigger = ArgumentMap(m.claims, (*m.relations, r))
        assert bigger.relations[-1] == r


def expected_roles(m):
    """Each claim's role, from the definitions in argmap.model.Role:
    a thesis bears on nothing; otherwise its first relation decides: on a
    relation it is an undercutter, a support makes it a premise, an attack
    an objection, or a rebuttal when the attacked claim itself attacks."""
    first = {}  # claim id -> the first relation (in map order) it is a premise of
    for r in m.relations:
        for p in r.premises:
            first.setdefault(p, r)
    claim_ids = {c.id for c in m.claims}
    roles = {}
    for c in m.claims:
        r = first.get(c.id)
        if r is None:
            roles[c.id] = Role.THESIS
        elif r.target not in claim_ids:
            roles[c.id] = Role.UNDERCUTTER
        elif r.kind not in ATTACKS:
            roles[c.id] = Role.PREMISE
        else:
            attacked = first.get(r.target)
            roles[c.id] = Role.REBUTTAL if attacked is not None and attacked.kind in ATTACKS else Role.OBJECTION
    return roles


class TestDerivedStructure:
    @given(MAPS)
    def test_roles_agree_with_the_relations(self, m):
        assert dict(m.roles) == expected_roles(m)
        assert list(m.roles) == [c.id for c in m.claims]

    @given(MAPS)
    def test_roots_are_the_claims_that_bear_on_nothing(self, m):
        premises = {p for r in m.relations for p in r.premises}
        assert [c.id for c in m.roots] == [c.id for c in m.claims if c.id not in premises]

    @given(MAPS)
    def test_relations_into_and_from_list_every_relation_once(self, m):
        for x in (*m.claims, *m.relations):
            assert m.relations_into(x.id) == tuple(r for r in m.relations if r.target == x.id)
        for c in m.claims:
            assert m.relations_from(c.id) == tuple(r for r in m.relations if c.id in r.premises)

    @given(MAPS)
    def test_lookup_finds_every_claim_and_relation(self, m):
        for c in m.claims:
            assert m.claim(c.id) is c and m[c.id] is c
        for r in m.relations:
            assert m.relation(r.id) is r and m[r.id] is r


class TestBuilder:
    @given(MAPS)
    def test_the_builder_rebuilds_any_map(self, m):
        b = MapBuilder(title=m.title, source=m.source, data=m.data)
        for c in m.claims:
            b.claim(c.text, id=c.id, quote=c.quote, tags=c.tags, data=c.data, base_score=c.base_score)
        for r in m.relations:
            b.relate(
                r.kind,
                r.target,
                [ClaimRef(p) for p in r.premises],
                id=r.id,
                scheme=r.scheme,
                data=r.data,
                base_score=r.base_score,
            )
        assert b.build() == m


class TestDeepMaps:
    def test_a_100000_deep_chain(self):
        n = 100_000
        claims = [Claim(f"c{i}", f"claim {i}") for i in range(n)]
        relations_ = [Relation(f"r{i}", Kind.SUPPORT, (f"c{i}",), f"c{i - 1}") for i in range(1, n)]
        m = ArgumentMap(claims, relations_)
        assert [c.id for c in m.roots] == ["c0"]
        roles = m.roles
        assert roles["c0"] is Role.THESIS and roles[f"c{n - 1}"] is Role.PREMISE
        text = argmap_json.dumps(m)
        back = argmap_json.loads(text)
        assert back == m
        assert argmap_json.dumps(back) == text
