"""argmap.compare: alignment, scores, kappa, CASS, semantic difference."""

from __future__ import annotations

import attrs
import pytest
from _guards import hang_guard
from hypothesis import assume, given
from hypothesis import strategies as st

import argmap
from argmap import ArgmapError, ArgumentMap, Claim, Kind, MapBuilder, Quote, Relation, Source
from argmap.analysis import cohen_kappa, compare, compare_many, diff_dot, diff_html, prf, text_similarity
from argmap.strategies import argument_maps

MAPS = argument_maps(max_claims=12, cycles=True, shared_claims=True, with_source=True, kinds=tuple(Kind))


def _perfect(c: argmap.analysis.Comparison) -> None:
    for s in (c.claims, c.relations, c.relations_labelled):
        assert (s.precision, s.recall, s.f1) == (1.0, 1.0, 1.0)
    assert c.kappa == 1.0
    assert c.cass == 1.0 and c.cass_kappa == 1.0
    assert c.candidate_only == c.reference_only == ()
    assert c.candidate_only_relations == c.reference_only_relations == c.relabelled == ()
    assert c.differences == ()


def _without_relations(m: ArgumentMap, drop: set[str]) -> ArgumentMap:
    return attrs.evolve(m, relations=tuple(r for r in m.relations if r.id not in drop))


def _droppable(m: ArgumentMap) -> list[str]:
    """Relations no other relation targets: dropping them keeps the map valid."""
    targets = {r.target for r in m.relations}
    return [r.id for r in m.relations if r.id not in targets]


class TestProperties:
    @given(MAPS)
    def test_a_map_compared_with_itself_is_perfect(self, m):
        _perfect(compare(m, m))

    @given(MAPS)
    def test_a_copy_with_other_ids_is_perfect_too(self, m):
        # Aligned by span or text, not by id: rename every claim.
        names = {c.id: f"x{i}" for i, c in enumerate(m.claims)}
        assume(len({argmap.analysis._align._normalise(c.text) for c in m.claims}) == len(m.claims))
        claims = [attrs.evolve(c, id=names[c.id]) for c in m.claims]
        relations = [
            attrs.evolve(r, premises=tuple(names[p] for p in r.premises), target=names.get(r.target, r.target))
            for r in m.relations
        ]
        copy = attrs.evolve(m, claims=claims, relations=relations)
        c = compare(copy, m, match_ids=False)
        assert c.claims.f1 == c.relations.f1 == c.relations_labelled.f1 == 1.0
        assert {(a.candidate, a.reference) for a in c.aligned} == {(v, k) for k, v in names.items()}

    @given(MAPS, MAPS)
    def test_scores_lie_in_their_ranges(self, a, b):
        c = compare(a, b)
        for s in (c.claims, c.relations, c.relations_labelled):
            for v in (s.precision, s.recall, s.f1):
                assert 0.0 <= v <= 1.0
        assert c.kappa is None or -1.0 <= c.kappa <= 1.0
        assert 0.0 <= c.cass <= 1.0
        assert -0.5 <= c.cass_kappa <= 1.0

    @given(MAPS, MAPS)
    def test_swapping_the_maps_swaps_precision_and_recall(self, a, b):
        ab, ba = compare(a, b, semantics=None), compare(b, a, semantics=None)
        for x, y in (
            (ab.claims, ba.claims),
            (ab.relations, ba.relations),
            (ab.relations_labelled, ba.relations_labelled),
        ):
            assert (x.precision, x.recall, x.f1) == (y.recall, y.precision, y.f1)
        assert {(p.candidate, p.reference) for p in ab.aligned} == {(p.reference, p.candidate) for p in ba.aligned}

    @given(MAPS, st.data())
    def test_dropping_k_of_n_relations_gives_recall_n_minus_k_over_n(self, m, data):
        can = _droppable(m)
        assume(can)
        drop = data.draw(st.sets(st.sampled_from(can), min_size=1))
        c = compare(_without_relations(m, drop), m)
        n, k = len(m.relations), len(drop)
        assert c.relations.recall == (n - k) / n
        assert c.relations_labelled.recall == (n - k) / n
        assert c.relations.precision == (1.0 if k < n else 0.0)
        assert c.claims.f1 == 1.0

    @given(MAPS, st.data())
    def test_a_map_with_one_claim_removed_has_recall_below_one(self, m, data):
        gone = data.draw(st.sampled_from([c.id for c in m.claims]))
        # Remove the claim, every relation it is in, and what targets those.
        dropped = {gone}
        changed = True
        while changed:
            changed = False
            for r in m.relations:
                if r.id not in dropped and (r.target in dropped or dropped & set(r.premises)):
                    dropped.add(r.id)
                    changed = True
        smaller = attrs.evolve(
            m,
            claims=[c for c in m.claims if c.id != gone],
            relations=[r for r in m.relations if r.id not in dropped],
        )
        c = compare(smaller, m)
        n = len(m.claims)
        assert c.claims.recall == (n - 1) / n < 1
        assert c.claims.precision == (1.0 if n > 1 else 0.0)  # nothing predicted, something missed: 0
        assert c.reference_only == (gone,)


class TestMetrics:
    def test_kappa_of_wikipedias_worked_example(self):
        # 50 proposals read by A and B: yes/yes 20, no/no 15, A yes B no 5,
        # A no B yes 10.  po = 35/50 = 0.7; A says yes 25/50, B 30/50, so
        # pe = 0.5*0.6 + 0.5*0.4 = 0.5; kappa = (0.7 - 0.5) / (1 - 0.5) = 0.4.
        items = [("yes", "yes")] * 20 + [("no", "no")] * 15 + [("yes", "no")] * 5 + [("no", "yes")] * 10
        assert cohen_kappa(items) == pytest.approx(0.4)

    def test_kappa_of_cohens_three_category_table(self):
        # Cohen (1960), the table of his worked example (proportions x 200):
        # diagonal 88, 40, 12 of 200 -> po = 0.70; marginals A (.50 .30 .20),
        # B (.60 .30 .10): pe = .30 + .09 + .02 = .41; kappa = .29/.59.
        cells = {
            ("1", "1"): 88, ("1", "2"): 14, ("1", "3"): 18,
            ("2", "1"): 10, ("2", "2"): 40, ("2", "3"): 10,
            ("3", "1"): 2, ("3", "2"): 6, ("3", "3"): 12,
        }  # fmt: skip
        items = [pair for pair, n in cells.items() for _ in range(n)]
        # rows are B's ratings here (a = candidate = column sums .50 .30 .20)
        assert cohen_kappa((b, a) for a, b in items) == pytest.approx(0.29 / 0.59)

    def test_kappa_conventions(self):
        assert cohen_kappa([]) is None
        assert cohen_kappa([("x", "x")] * 4) == 1.0
        assert cohen_kappa([("x", "y"), ("y", "x")]) == pytest.approx(-1.0)

    def test_prf_conventions(self):
        assert prf(0, 0, 0).f1 == 1.0
        assert (prf(0, 0, 3).precision, prf(0, 0, 3).recall, prf(0, 0, 3).f1) == (0.0, 0.0, 0.0)
        assert (prf(0, 3, 0).precision, prf(0, 3, 0).recall) == (0.0, 0.0)
        with pytest.raises(ArgmapError, match="matched=4"):
            prf(4, 3, 5)

    def test_text_similarity(self):
        assert text_similarity("Tea, is better!", "tea is better") == 1.0
        assert text_similarity("a b c d", "a b x y") == 0.5
        assert text_similarity("?", "!") == 0.0


def _hand_maps() -> tuple[ArgumentMap, ArgumentMap]:
    """The worked example of docs/research.md."""
    ref = MapBuilder()
    t = ref.claim("We should eat early", id="t")
    ref.support(t, ref.claim("The canteen closes at one", id="s"), id="rs")
    ref.attack(t, ref.claim("The food is cold early", id="o"), id="ro")
    ref.support(t, ref.claim("Early lunch leaves the afternoon free", id="f"), id="rf")
    cand = MapBuilder()
    a = cand.claim("we should eat early", id="a")
    cand.support(a, cand.claim("The canteen closes at one.", id="b"), id="r1")
    cand.support(a, cand.claim("The food is cold early", id="c"), id="r2")
    cand.attack(a, cand.claim("Lunch is boring", id="d"), id="r3")
    return cand.build(), ref.build()


class TestWorkedExample:
    """Every number computed by hand (docs/research.md walks through it)."""

    def test_scores(self):
        cand, ref = _hand_maps()
        c = compare(cand, ref)
        assert [(x.candidate, x.reference, x.by) for x in c.aligned] == [
            ("a", "t", "text"),
            ("b", "s", "text"),
            ("c", "o", "text"),
        ]
        # Claims: 3 of 4 candidate claims align, 3 of 4 reference claims.
        assert (c.claims.precision, c.claims.recall) == (0.75, 0.75)
        # Relations: b->a and c->a exist in the reference (s->t, o->t);
        # d->a does not; f->t is missed.  Kinds: b->a support = support,
        # c->a support != attack.
        assert (c.relations.matched, c.relations_labelled.matched) == (2, 1)
        assert c.relations.f1 == pytest.approx(2 / 3)
        assert c.relations_labelled.f1 == pytest.approx(1 / 3)
        assert c.relabelled == (("r2", "ro"),)
        # Roles of the aligned claims: a/t thesis/thesis, b/s premise/premise,
        # c/o premise/objection.  po = 2/3; candidate (T, P, P), reference
        # (T, P, O): pe = (1*1 + 2*1 + 0) / 9 = 1/3; kappa = (2/3-1/3)/(2/3) = 0.5.
        assert c.kappa == pytest.approx(0.5)
        # CASS-F1 = (claim F1 0.75 + labelled relation F1 1/3) / 2.
        assert c.cass == pytest.approx((0.75 + 1 / 3) / 2)
        # CASS-kappa: relation items (candidate kind, reference kind):
        # (support, support), (support, attack), (attack, none), (none, support).
        # po = 1/4; candidate: support 2, attack 1, none 1; reference:
        # support 2, attack 1, none 1; pe = (2*2 + 1*1 + 1*1) / 16 = 6/16;
        # kappa = (4/16 - 6/16) / (10/16) = -0.2; CASS-kappa = (0.75 - 0.2) / 2.
        assert c.cass_kappa == pytest.approx((0.75 - 0.2) / 2)

    def test_semantic_difference(self):
        cand, ref = _hand_maps()
        c = compare(cand, ref, semantics="grounded")
        # Reference: o attacks t (t out); candidate: d attacks a (a out).
        assert [(x.candidate, x.candidate_status, x.reference, x.reference_status) for x in c.theses] == [
            ("a", "out", "t", "out")
        ]
        assert c.differences == ()

    def test_a_missing_attack_makes_the_difference(self):
        ref = MapBuilder()
        t = ref.claim("We should eat early", id="t")
        ref.support(t, ref.claim("The canteen closes at one", id="s"), id="rs")
        ref.attack(t, ref.claim("The food is cold early", id="o"), id="ro")
        reference = ref.build()
        candidate = _without_relations(reference, {"ro"})
        c = compare(candidate, reference)
        assert [
            (d.candidate, d.candidate_status, d.reference_status, d.relation, d.side, d.why) for d in c.differences
        ] == [("t", "in", "out", "ro", "reference", "only in the reference")]

    def test_the_difference_is_found_upstream(self):
        # t <- a <- b <- c (attacks); the candidate lacks c's attack on b, so
        # b, a and t all change status; each is traced to that relation.
        b = MapBuilder()
        t = b.claim("T", id="t")
        b.attack(t, b.claim("A", id="a"), id="ra")
        b.attack("a", b.claim("B", id="b"), id="rb")
        b.attack("b", b.claim("C", id="c"), id="rc")
        reference = b.build()
        c = compare(_without_relations(reference, {"rc"}), reference)
        assert [(d.reference, d.relation) for d in c.differences] == [("t", "rc"), ("a", "rc"), ("b", "rc")]

    def test_gradual_semantics_compares_verdicts(self):
        cand, ref = _hand_maps()
        c = compare(cand, ref, semantics="df-quad")
        assert c.theses[0].reference_status in {"stands", "contested", "falls"}


class TestAlignment:
    def test_spans_align_what_text_would_not(self):
        src = Source("Tea is better than coffee. It has less caffeine.")
        ref = ArgumentMap(
            [Claim("r1", "Tea beats coffee", quote=Quote("Tea is better than coffee", 0, 25))], source=src
        )
        cand = ArgumentMap([Claim("c1", "Tea wins", quote=Quote("Tea is better than coffee.", 0, 26))], source=src)
        c = compare(cand, ref)
        assert [(a.candidate, a.reference, a.by) for a in c.aligned] == [("c1", "r1", "span")]
        assert c.aligned[0].score == pytest.approx(25 / 26)

    def test_spans_that_hardly_overlap_do_not_align_by_text(self):
        src = Source("Tea is better than coffee. Tea is better than coffee.")
        ref = ArgumentMap(
            [Claim("r1", "Tea is better than coffee", quote=Quote("Tea is better than coffee", 0, 25))], source=src
        )
        cand = ArgumentMap(
            [Claim("r1", "Tea is better than coffee", quote=Quote("Tea is better than coffee", 27, 52))], source=src
        )
        assert compare(cand, ref).aligned == ()

    def test_span_threshold_is_honoured(self):
        src = Source("abcdefghij")
        ref = ArgumentMap([Claim("r", "first part", quote=Quote("abcdef", 0, 6))], source=src)
        cand = ArgumentMap([Claim("c", "second part", quote=Quote("defghij", 3, 10))], source=src)
        # overlap 3 of 10 characters
        assert compare(cand, ref, span_threshold=0.3).aligned[0].by == "span"
        assert compare(cand, ref).aligned == ()

    def test_ids_align_what_is_left_unless_asked_not_to(self):
        ref = ArgumentMap([Claim("c1", "Tea is better")])
        cand = ArgumentMap([Claim("c1", "Something else entirely")])
        assert [a.by for a in compare(cand, ref).aligned] == ["id"]
        assert compare(cand, ref, match_ids=False).aligned == ()

    def test_bad_arguments(self):
        m = MapBuilder().build()
        with pytest.raises(ArgmapError, match="candidate must be an ArgumentMap"):
            compare("x", m)  # type: ignore[arg-type]
        with pytest.raises(ArgmapError, match="text_threshold"):
            compare(m, m, text_threshold=0)
        with pytest.raises(ArgmapError, match="semantics"):
            compare(m, m, semantics="nonsense")

    def test_undercuts_match_by_the_inference_they_attack(self):
        b = MapBuilder()
        t = b.claim("T", id="t")
        r = b.support(t, b.claim("S", id="s"), id="r")
        b.undercut(r, b.claim("U", id="u"), id="x")
        m = b.build()
        other = attrs.evolve(m, relations=[m.relation("r"), attrs.evolve(m.relation("x"), id="y")])
        assert compare(other, m).relations_labelled.f1 == 1.0


class TestLargeMaps:
    def test_a_long_chain_is_compared_in_linear_time(self):
        # 20,000 claims in one chain of attacks (no recursion, no pairwise
        # comparison of claims): about 1 s linear; quadratic would be hours.
        n = 20_000
        claims = [Claim(f"c{i}", f"claim number {i}") for i in range(n)]
        relations = [Relation(f"r{i}", Kind.ATTACK, (f"c{i + 1}",), f"c{i}") for i in range(n - 1)]
        m = ArgumentMap(claims, relations)
        with hang_guard(120):
            c = compare(_without_relations(m, {f"r{n - 2}"}), m)
        assert c.relations.recall == (n - 2) / (n - 1)
        assert len(c.differences) == n - 1  # every claim above the cut flips
        assert {d.relation for d in c.differences} == {f"r{n - 2}"}

    def test_many_claims_sharing_common_words(self):
        n = 5_000
        claims = [Claim(f"c{i}", f"the claim of the map number {i}") for i in range(n)]
        m = ArgumentMap(claims)
        with hang_guard(120):
            c = compare(m, m, semantics=None)
        assert c.claims.f1 == 1.0

    def test_many_claims_with_one_text(self):
        # Equal texts pair group by group, never all pairs with all pairs
        # (25 million here): about 0.1 s linear.
        n = 5_000
        m = ArgumentMap([Claim(f"c{i}", "the same words") for i in range(n)])
        other = ArgumentMap([Claim(f"d{i}", "The same words!") for i in range(n)])
        with hang_guard(60):
            c = compare(other, m, semantics=None)
        assert c.claims.f1 == 1.0
        assert c.aligned[:2] == (
            argmap.analysis.Alignment("d0", "c0", "text", 1.0),
            argmap.analysis.Alignment("d1", "c1", "text", 1.0),
        )


class TestMany:
    def test_pairwise_and_mean(self):
        cand, ref = _hand_maps()
        agreement = compare_many([cand, ref, ref])
        assert sorted(agreement.pairs) == [(0, 1), (0, 2), (1, 2)]
        assert agreement.mean["claims_f1"] == pytest.approx((0.75 + 0.75 + 1) / 3)
        assert agreement.to_dict()["mean"]["cass"] == pytest.approx(agreement.mean["cass"])

    def test_needs_two_maps(self):
        with pytest.raises(ArgmapError, match="at least two maps"):
            compare_many([MapBuilder().build()])


class TestPictures:
    def test_diff_dot_marks_missing_and_extra(self):
        cand, ref = _hand_maps()
        c = compare(cand, ref)
        dot = diff_dot(c, cand, ref)
        assert dot == diff_dot(c, cand, ref)  # deterministic
        assert '"r:f" [style="rounded,dashed"' in dot and "MISSING · f" in dot
        assert '"c:d" [style="rounded,filled,dotted"' in dot and "EXTRA · d" in dot
        assert "attack (candidate: support)" in dot
        assert '"c~r3" -> "r:t" [arrowhead=tee, style=dotted' in dot

    def test_diff_html_lists_every_claim(self):
        cand, ref = _hand_maps()
        page = diff_html(compare(cand, ref), cand, ref)
        assert page.count('<tr class="both">') == 3 + 2
        assert "only in the reference" in page and "only in the candidate" in page

    def test_hostile_text_is_escaped(self):
        m = ArgumentMap([Claim("<x>", '</td><script>alert("x")</script>]\\')])
        c = compare(m, m)
        assert "<script>" not in diff_html(c, m, m)
        assert "<script>" not in diff_dot(c, m, m)


def test_json_keys_as_the_issue_says():
    cand, ref = _hand_maps()
    d = compare(cand, ref).to_dict()
    for key in ("claims", "relations", "relations_labelled"):
        assert {"precision", "recall", "f1"} <= set(d[key])
    assert {"kappa", "cass", "aligned"} <= set(d)
    assert d["aligned"] == [["a", "t"], ["b", "s"], ["c", "o"]]


def test_argmap_compare_is_the_function():
    import argmap.analysis

    assert argmap.compare is compare
    assert callable(argmap.stats)
