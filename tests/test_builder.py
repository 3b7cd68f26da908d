import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from argmap import (
    ArgmapError,
    ArgumentMap,
    Claim,
    ClaimRef,
    Kind,
    MapBuilder,
    Quote,
    Relation,
    Role,
    Source,
    ValidationError,
)


class TestClaim:
    def test_ids_are_sequential_and_skip_taken_ones(self):
        b = MapBuilder()
        assert b.claim("a", id="c2") == ClaimRef("c2")
        assert b.claim("b") == ClaimRef("c1")
        assert b.claim("c") == ClaimRef("c3")

    def test_quote_is_located_in_the_source(self):
        b = MapBuilder(source=Source("One. Two. Two."))
        b.claim("second", quote="Two.")
        assert b.build().claim("c1").quote == Quote("Two.", 5, 9)

    def test_explicit_quote_is_kept(self):
        b = MapBuilder(source=Source("One. Two. Two."))
        b.claim("third", quote=Quote("Two.", 10, 14))
        assert b.build().claim("c1").quote.start == 10

    def test_quote_without_source_has_no_span(self):
        b = MapBuilder()
        b.claim("x", quote="anything")
        assert b.build().claim("c1").quote == Quote("anything")

    def test_options_are_keyword_only(self):
        with pytest.raises(TypeError):
            MapBuilder().claim("x", "c9")

    def test_bad_data_names_the_claim(self):
        b = MapBuilder()
        b.claim("x", data={"k": object()})
        with pytest.raises(ValidationError) as e:
            b.build()
        assert e.value.problems[0].id == "c1"
        assert "data.k" in e.value.problems[0].message


class TestRelations:
    def test_support_attack_undercut(self):
        b = MapBuilder()
        t = b.claim("thesis")
        r = b.support(t, "premise")
        o = b.attack(r.premise, "objection")
        u = b.undercut(r, "undercutter")
        m = b.build()
        assert m.relation(r.id).kind is Kind.SUPPORT and m.relation(r.id).target == "c1"
        assert m.relation(o.id).target == r.premise.id
        assert m.relation(u.id).target == r.id
        assert m.role(u.premise.id) is Role.UNDERCUTTER

    def test_linked_premises_make_one_relation(self):
        b = MapBuilder()
        t = b.claim("t")
        a = b.claim("a")
        r = b.support(t, [a, "b"])
        m = b.build()
        assert len(m.relations) == 1
        assert m.relation(r.id).premises == ("c2", "c3")
        assert m.relation(r.id).is_linked
        with pytest.raises(ArgmapError, match="linked premises"):
            _ = r.premise  # the property raises

    def test_quote_for_linked_premises_is_a_problem(self):
        b = MapBuilder()
        t = b.claim("t")
        b.support(t, ["a", "b"], quote="x")
        with pytest.raises(ValidationError, match="quote= needs exactly one new premise"):
            b.build()

    def test_undercut_needs_an_inference(self):
        b = MapBuilder()
        t = b.claim("t")
        with pytest.raises(ArgmapError, match="use attack"):
            b.undercut(t, "x")

    def test_attack_on_a_relation_names_both_fixes(self):
        b = MapBuilder()
        t = b.claim("thesis")
        r = b.support(t, "premise")
        for options in ({}, {"id": "x"}, {"quote": "q"}):
            with pytest.raises(ArgmapError) as e:
                b.attack(r, "objection", **options)
            assert not isinstance(e.value, ValidationError)
            assert str(e.value) == (
                "attack() targets a claim, but got the relation 'r1': use .premise (claim 'c2') "
                "to attack its premise, or undercut() to attack the inference itself"
            )
        with pytest.raises(ArgmapError, match="undercut"):
            b.attack(r, [b.claim("a"), "b"])
        # Nothing was added: the map is the one before the refused calls.
        m = b.build()
        assert [c.id for c in m.claims] == ["c1", "c2", "c3"] and [x.id for x in m.relations] == ["r1"]

    def test_attack_on_linked_premises_points_to_premises(self):
        b = MapBuilder()
        r = b.support(b.claim("t"), ["a", "b"])
        with pytest.raises(ArgmapError, match=r"use \.premises\[i\] \(claims 'c2', 'c3'\)"):
            b.attack(r, "x")
        o = b.attack(r.premises[1], "x")
        u = b.undercut(r, "y")
        m = b.build()
        assert m.relation(o.id).target == "c3" and m.relation(u.id).target == r.id
        assert (m.role(o.premise.id), m.role(u.premise.id)) == (Role.OBJECTION, Role.UNDERCUTTER)

    def test_support_of_an_inference_is_a_backing(self):
        b = MapBuilder()
        r = b.support(b.claim("t"), "p")
        k = b.support(r, "backing")
        assert b.build().relation(k.id).target == r.id

    def test_string_target_is_an_id(self):
        b = MapBuilder()
        b.claim("t", id="thesis")
        b.support("thesis", "p")
        b.support("missing", "q")
        with pytest.raises(ValidationError) as e:
            b.build()
        assert [(p.id, p.code) for p in e.value.problems] == [("r2", "dangling-id")]

    def test_relation_options(self):
        b = MapBuilder()
        t = b.claim("t")
        r = b.relate("contrary", t, "c", scheme="Expert opinion", base_score=0.25, data={"w": 1})
        rel = b.build().relation(r.id)
        assert (rel.kind, rel.scheme, rel.base_score, dict(rel.data)) == (
            Kind.CONTRARY,
            "Expert opinion",
            0.25,
            {"w": 1},
        )


class TestColumns:
    """The builder keeps what its calls add as plain values and makes the
    claims and relations in build(): the map is the one the calls describe."""

    def test_mixed_calls_give_the_described_map(self):
        src = Source("Tea is warm. Coffee is bitter.")
        b = MapBuilder(source=src)
        t = b.claim("Tea", tags=["drink"])
        r1 = b.support(t, "It is warm", quote="Tea is warm.")
        r2 = b.attack(t, ["Bitter", b.claim("Dark", id="dark")], id="against")
        r3 = b.relate(Kind.CONTRARY, r1.premise, "Cold", scheme="Sign", base_score=0.5)
        r4 = b.undercut(r2, "Not always")
        b.claim("Loose", data={"k": [1]})
        r5 = b.support(r1.premise, ("Sunny", "Still"))
        m = b.build()
        expected = ArgumentMap(
            [
                Claim("c1", "Tea", tags=("drink",)),
                Claim("c2", "It is warm", quote=Quote("Tea is warm.", 0, 12)),
                Claim("dark", "Dark"),
                Claim("c3", "Bitter"),
                Claim("c4", "Cold"),
                Claim("c5", "Not always"),
                Claim("c6", "Loose", data={"k": [1]}),
                Claim("c7", "Sunny"),
                Claim("c8", "Still"),
            ],
            [
                Relation("r1", Kind.SUPPORT, ("c2",), "c1"),
                Relation("against", Kind.ATTACK, ("c3", "dark"), "c1"),
                Relation("r2", Kind.CONTRARY, ("c4",), "c2", scheme="Sign", base_score=0.5),
                Relation("r3", Kind.ATTACK, ("c5",), "against"),
                Relation("r4", Kind.SUPPORT, ("c7", "c8"), "c2"),
            ],
            source=src,
        )
        assert m == expected
        assert [r1.id, r2.id, r3.id, r4.id, r5.id] == ["r1", "against", "r2", "r3", "r4"]
        assert r5.premises == (ClaimRef("c7"), ClaimRef("c8"))

    def test_build_twice_and_go_on(self):
        b = MapBuilder()
        t = b.claim("t")
        b.support(t, "p")
        first = b.build()
        assert b.build() == first and b.build() is not first
        b.attack(t, "o")
        second = b.build()
        assert len(second.claims) == 3 and len(first.claims) == 2

    def test_calls_leave_only_their_handles(self):
        # A call keeps no Claim or Relation object (build() makes them), so a
        # long script gives the cyclic collector little to scan: only the
        # three objects a call returns (the handle, its premises tuple and
        # the premise's handle) stay tracked.
        import gc

        b = MapBuilder()
        t = b.claim("t")
        refs = []
        gc.collect()
        before = len(gc.get_objects())
        for i in range(1000):
            refs.append(b.support(t, f"premise {i}"))
        grown = len(gc.get_objects()) - before
        assert grown <= 3 * 1000 + 50
        m = b.build()
        assert len(m.claims) == 1001 and m.relations[-1].premises == ("c1001",)


class _Id(str):
    """A string that is not a str (the id check refuses it)."""


class TestBulkCheck:
    """build() checks a script's plain claims and relations in bulk
    (argmap._validation.column_index) and checks them one by one only when
    that finds a doubt: the outcome is the one the item-by-item check gives."""

    good = st.sampled_from(["Tea is warm", "Milk", "é ü", "  spaced  out ", "a\tb", "x\ny"])
    bad = st.one_of(st.sampled_from(["", "   ", "bad\x00char", "\x7f"]), st.text(max_size=12))
    ids = st.sampled_from(["c1", "c2", "r1", "x", " x", "", "a\nb", "tea"])

    @staticmethod
    @st.composite
    def scripts(draw):
        # A script of good texts and generated ids, in which at most one
        # thing is wrong or odd: a text, an id, a target or linked premises.
        n = draw(st.integers(1, 8))
        kinds = ["claim", "support", "attack", "undercut", "linked"]
        ops = [
            [draw(st.sampled_from(kinds)), draw(TestBulkCheck.good), draw(TestBulkCheck.good), None, None]
            for _ in range(n)
        ]
        odd = draw(st.sampled_from(["none", "text", "id", "target", "twice"]))
        op = ops[draw(st.integers(0, n - 1))]
        if odd == "text":
            op[1] = draw(TestBulkCheck.bad)
        elif odd == "id":
            op[3] = draw(TestBulkCheck.ids)
        elif odd in ("target", "twice"):
            op[0] = "linked" if odd == "twice" else draw(st.sampled_from(kinds[1:]))
            op[4] = odd if odd == "twice" else draw(st.integers(0, 7))
        return ops

    @staticmethod
    def run(script):
        b = MapBuilder(title="t")
        claims, relations = [b.claim("root")], []
        for k, (op, text, other, ident, odd) in enumerate(script):
            options = {} if ident is None else {"id": ident}
            if op == "claim":
                claims.append(b.claim(text, **options))
                continue
            target = [*claims, *relations][k * 7 % (len(claims) + len(relations))]
            if type(odd) is int:
                # (the ids this call makes for its relation and first premise, if no id is given)
                coming = [f"r{len(relations) + 1}", f"c{len(claims) + 1}"]
                target = ["missing", *coming, "c1", "r1", 5, ["c1"], _Id("c1")][odd]
            try:
                if odd == "twice":  # one claim listed twice
                    ref = claims[-1] if len(claims) > 1 else b.claim("extra")
                    r = b.support(claims[0], [ref, ref], **options)
                elif op == "linked":
                    ref = claims[k % len(claims)]
                    premises = [text, other] if k % 2 else [text, ref]
                    r = b.support(target, premises, **options)
                elif op == "undercut":
                    r = b.undercut(target, text, **options)
                else:
                    r = getattr(b, op)(target, text, **options)
            except ArgmapError:
                continue  # refused at once (a handle of the wrong kind)
            relations.append(r)
            claims.extend(r.premises)
        try:
            return b.build()
        except ValidationError as e:
            return e.problems

    @given(st.lists(st.text(alphabet="ab \t\né" + "".join(map(chr, range(32))) + "\x7f", max_size=6), max_size=6))
    def test_texts_in_bulk_are_texts_one_by_one(self, texts):
        # Each refused ASCII character is looked for on its own, in texts
        # joined a few thousand at a time: the same verdict as text by text.
        from argmap import _validation

        one_by_one = all(t.strip() and not _validation._has_bad_char(t) for t in texts)
        assert _validation._plain_texts(texts) == one_by_one

    def test_every_ascii_character_in_bulk(self):
        from argmap import _validation

        for c in map(chr, range(128)):
            texts = ["Tea", f"a{c}b"]
            assert _validation._plain_texts(texts) == (not _validation._has_bad_char(texts[1])), repr(c)

    @given(scripts())
    @example([["linked", "Tea", "Milk", None, "twice"]])
    @example([["linked", "Tea", "Milk", None, None]])
    def test_positions_of_linked_premises_change_nothing(self, script):
        # The builder tells build()'s bulk steps where its linked premises
        # are; without that they look for them: the outcome is the same.
        import argmap.builder
        from argmap._validation import column_index

        seen = []

        def spy(*args, **kwargs):
            told = column_index(*args, **kwargs)
            found = column_index(*args, **{**kwargs, "linked": None})
            seen.append(kwargs["linked"])
            assert (told is None) == (found is None) and told == found
            return told

        real = argmap.builder.column_index
        try:
            argmap.builder.column_index = spy
            self.run(script)
        finally:
            argmap.builder.column_index = real
        for linked in seen:
            assert linked == sorted(linked)

    def test_builder_records_where_premises_are_linked(self):
        from argmap._values import _new_relations

        b = MapBuilder()
        t = b.claim("t")
        b.support(t, ["a", "b"])
        b.attack(t, "c")
        b.relate("support", t, "d")
        cols = (b._relation_ids, b._relation_kinds, b._relation_premises, b._relation_targets)
        assert b._linked == [0, 2]
        assert _new_relations(*cols, b._linked) == _new_relations(*cols)

    @pytest.mark.parametrize("bad", ["a\x01b", "é\x7f"])
    def test_bad_text_past_the_first_part_is_found(self, bad):
        # The texts are checked a part at a time: a bad one in a later part
        # (ASCII or not) is reported like one in the first.
        from argmap._validation import _TEXTS_AT_ONCE

        b = MapBuilder()
        t = b.claim("root")
        n = 2 * _TEXTS_AT_ONCE + 10
        for i in range(n):
            b.support(t, bad if i == n - 5 else f"premise {i}")
        with pytest.raises(ValidationError) as e:
            b.build()
        assert [p.id for p in e.value.problems] == [f"c{n - 3}"]

    @given(scripts())
    # One of each defect the bulk check looks for, always tried:
    @example([["support", "Tea", "Milk", None, 1]])  # a relation onto itself
    @example([["support", "Tea", "Milk", None, 2]])  # a premise onto itself
    @example([["claim", "Tea", "Milk", " x", None]])  # a malformed id
    @example([["claim", "Tea", "Milk", "c1", None]])  # an id used twice
    @example([["linked", "Tea", "Milk", None, "twice"]])  # a premise listed twice
    @example([["linked", "Tea", "Milk", None, None]])  # linked premises onto one of them
    @example([["attack", "Tea", "Milk", None, 6]])  # a target that cannot be an id
    @example([["attack", "Tea", "Milk", None, 7]])  # a target that is not a str
    @example([["support", "", "Milk", None, None]])  # an empty text
    @example([["support", "a\x01b", "Milk", None, None]])  # a control character
    def test_same_outcome_as_item_by_item(self, script):
        import argmap.builder

        fast = self.run(script)
        real = argmap.builder.column_index
        try:
            argmap.builder.column_index = lambda *args, **kwargs: None
            slow = self.run(script)
        finally:
            argmap.builder.column_index = real
        assert fast == slow
