"""argmap.strategies: each strategy checked against its real consumer (the
model's validation, the JSON reader) and against what its options promise."""

import json
import pathlib
import subprocess
import sys

import pytest
from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import argmap
import argmap.strategies
from argmap import ArgmapError, ArgumentMap, Claim, Kind, Quote, Relation, Source
from argmap.formats import json as argmap_json_format
from argmap.model import bad_char
from argmap.strategies import (
    FORMAT_DEFECTS,
    VALIDATION_DEFECTS,
    argmap_json,
    argument_maps,
    argument_trees,
    claim_texts,
    claims,
    ids,
    invalid_maps,
    quotes,
    relations,
    sources,
)

# For find(): look long enough, and keep the examples out of the database.
FIND = settings(database=None, max_examples=2000)


class _Found(Exception):
    pass


def draw_one(strategy, wanted=lambda x: True, *, tries=2000):
    """The first drawn value that satisfies *wanted*, not shrunk (find() would
    shrink it, which is slow and not the point when checking reach)."""
    found = []

    @settings(database=None, max_examples=tries, phases=[Phase.generate])
    @given(strategy)
    def probe(x):
        if wanted(x):
            found.append(x)
            raise _Found

    try:
        probe()
    except _Found:
        return found[0]
    raise AssertionError(f"no value drawn in {tries} tries satisfies the condition")


# --------------------------------------------------------------------------
# Structure, computed from the definitions (not with the model's helpers)


def uses(m):
    """How many relations each claim is a premise of."""
    out = {c.id: 0 for c in m.claims}
    for r in m.relations:
        for p in r.premises:
            out[p] += 1
    return out


def edges(m):
    """premise -> relation -> target, as a dict of successor lists."""
    succ = {x.id: [] for x in (*m.claims, *m.relations)}
    for r in m.relations:
        for p in r.premises:
            succ[p].append(r.id)
        succ[r.id].append(r.target)
    return succ


def has_cycle(m):
    succ = edges(m)
    state = dict.fromkeys(succ, 0)  # 0 new, 1 on the path, 2 done
    for start in succ:
        if state[start]:
            continue
        stack = [(start, iter(succ[start]))]
        state[start] = 1
        while stack:
            node, it = stack[-1]
            for nxt in it:
                if state[nxt] == 1:
                    return True
                if state[nxt] == 0:
                    state[nxt] = 1
                    stack.append((nxt, iter(succ[nxt])))
                    break
            else:
                state[node] = 2
                stack.pop()
    return False


def depths(m):
    """For an acyclic map: each claim's longest distance (in relations) to a thesis."""
    succ = edges(m)
    order, seen = [], set()
    for start in succ:  # iterative post-order: targets before what bears on them
        if start in seen:
            continue
        seen.add(start)
        stack = [(start, iter(succ[start]))]
        while stack:
            node, it = stack[-1]
            for nxt in it:
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, iter(succ[nxt])))
                    break
            else:
                order.append(node)
                stack.pop()
    claim_ids = {c.id for c in m.claims}
    depth = {}
    for node in order:
        below = [depth[n] for n in succ[node]]
        if node in claim_ids:
            depth[node] = 1 + max(below) if below else 0
        else:
            depth[node] = below[0]  # a relation: the depth of its target
    return {c: depth[c] for c in claim_ids}


def is_forest(m):
    return all(n <= 1 for n in uses(m).values()) and not has_cycle(m)


# --------------------------------------------------------------------------


class TestImportSurface:
    def test_all_is_sorted_and_complete(self):
        assert argmap.strategies.__all__ == sorted(argmap.strategies.__all__)
        for name in argmap.strategies.__all__:
            assert hasattr(argmap.strategies, name), name

    def test_import_argmap_loads_neither_hypothesis_nor_graphviz(self):
        code = "import argmap, sys; assert 'hypothesis' not in sys.modules and 'graphviz' not in sys.modules"
        subprocess.run([sys.executable, "-c", code], check=True)

    def test_only_the_strategies_package_imports_hypothesis(self):
        package = pathlib.Path(argmap.__file__).parent
        offenders = [
            str(path.relative_to(package))
            for path in package.rglob("*.py")
            if "strategies" not in path.parts
            and any(word in path.read_text(encoding="utf-8") for word in ("import hypothesis", "from hypothesis"))
        ]
        assert offenders == []


class TestFromType:
    """The `hypothesis` entry point registers argmap's types (pyproject.toml)."""

    @given(st.from_type(ArgumentMap))
    def test_argument_map(self, m):
        assert isinstance(m, ArgumentMap)

    @given(st.from_type(Claim))
    def test_claim(self, c):
        assert isinstance(c, Claim)
        ArgumentMap([c])

    @given(st.from_type(Source))
    def test_source(self, s):
        assert isinstance(s, Source) and isinstance(s.text, str)

    def test_the_hook_runs_in_a_fresh_interpreter(self):
        code = (
            "from hypothesis import find, settings, strategies as st; from argmap import ArgumentMap; "
            "m = find(st.from_type(ArgumentMap), lambda m: len(m.relations) > 0, settings=settings(database=None)); "
            "print(len(m.claims))"
        )
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        assert out.stdout.strip() == "2"


class TestTexts:
    @given(claim_texts())
    def test_claim_texts_are_accepted(self, text):
        assert bad_char(text) is None and text.strip()
        ArgumentMap([Claim("c1", text)])

    @given(claim_texts(min_size=3, max_size=5))
    def test_sizes(self, text):
        assert 3 <= len(text) <= 5

    @pytest.mark.parametrize(
        "wanted",
        [
            lambda t: "\n" in t,
            lambda t: "\t" in t,
            lambda t: any(ord(ch) > 0xFFFF for ch in t),
            lambda t: any(ord(ch) > 0x7F for ch in t),
            lambda t: t != t.strip(),
        ],
        ids=["newline", "tab", "astral", "non-ascii", "surrounding-space"],
    )
    def test_texts_reach_the_corners_the_model_allows(self, wanted):
        draw_one(claim_texts(), wanted)

    @given(ids())
    def test_ids_are_accepted(self, ident):
        ArgumentMap([Claim(ident, "a claim")])

    @given(claims())
    def test_claims_are_valid_in_a_map(self, c):
        assert ArgumentMap([c]).claims == (c,)

    def test_claims_draw_every_field(self):
        for field in ("quote", "tags", "data", "base_score"):
            draw_one(claims(), lambda c, f=field: getattr(c, f))


class TestSourcesAndQuotes:
    @given(st.data())
    def test_quotes_occur_in_the_source_at_their_span(self, data):
        source = data.draw(sources())
        quote = data.draw(quotes(source, max_size=7))
        assert source.text[quote.start : quote.end] == quote.text
        assert 1 <= len(quote.text) <= 7
        ArgumentMap([Claim("c1", "a claim", quote=quote)], source=source)

    @given(quotes("Alpha beta"))
    def test_quotes_of_a_plain_string(self, quote):
        assert "Alpha beta"[quote.start : quote.end] == quote.text

    def test_quotes_shrink_to_the_first_character(self):
        assert find(quotes("Alpha beta"), lambda q: True, settings=FIND) == Quote("A", 0, 1)

    @given(sources(min_size=2, max_size=9))
    def test_source_sizes(self, source):
        assert 2 <= len(source.text) <= 9


class TestArgumentMaps:
    @given(argument_maps())
    def test_default_maps_are_forests_numbered_like_the_builder(self, m):
        assert 1 <= len(m.claims) <= 20
        assert is_forest(m)
        assert [c.id for c in m.claims] == [f"c{i + 1}" for i in range(len(m.claims))]
        assert [r.id for r in m.relations] == [f"r{i + 1}" for i in range(len(m.relations))]
        assert {r.kind for r in m.relations} <= {Kind.SUPPORT, Kind.ATTACK}
        assert m.source is None and m.title is None and not m.data
        assert all(c.quote is None and c.base_score is None and not c.tags and not c.data for c in m.claims)

    @given(argument_maps(min_claims=3, max_claims=4))
    def test_claim_counts(self, m):
        assert 3 <= len(m.claims) <= 4

    @given(argument_maps(min_claims=0, max_claims=0))
    def test_the_empty_map(self, m):
        assert m == ArgumentMap()

    @pytest.mark.parametrize("shared", [False, True])
    @given(data=st.data())
    def test_max_depth(self, shared, data):
        max_depth = data.draw(st.integers(0, 3))
        m = data.draw(argument_maps(max_depth=max_depth, shared_claims=shared))
        assert max(depths(m).values()) <= max_depth

    @given(argument_maps(max_premises=2))
    def test_max_premises(self, m):
        assert all(1 <= len(r.premises) <= 2 for r in m.relations)

    @given(argument_maps(linked=False, shared_claims=True))
    def test_unlinked(self, m):
        assert all(len(r.premises) == 1 for r in m.relations)

    @given(argument_maps(undercuts=False, cycles=True, shared_claims=True))
    def test_no_undercuts(self, m):
        claim_ids = {c.id for c in m.claims}
        assert all(r.target in claim_ids for r in m.relations)

    @given(argument_maps(kinds=[Kind.CONTRARY, "entails"]))
    def test_kinds(self, m):
        assert {r.kind for r in m.relations} <= {Kind.CONTRARY, Kind.ENTAILS}

    @given(argument_maps(base_scores=True))
    def test_base_scores(self, m):
        assert all(0 <= c.base_score <= 1 for c in m.claims)
        assert all(r.base_score is None or 0 <= r.base_score <= 1 for r in m.relations)

    @given(argument_maps(with_source=True))
    def test_with_source(self, m):
        assert m.source is not None and m.source.text
        for c in m.claims:
            if c.quote is not None and c.quote.start is not None:
                assert m.source.text[c.quote.start : c.quote.end] == c.quote.text
            elif c.quote is not None:
                assert c.quote.text in m.source.text

    @given(argument_maps(ids=ids()))
    def test_custom_ids(self, m):
        every = [x.id for x in (*m.claims, *m.relations)]
        assert len(set(every)) == len(every)

    @given(argument_maps(shared_claims=True))
    def test_shared_claims_without_cycles(self, m):
        assert not has_cycle(m)

    @pytest.mark.parametrize(
        ("options", "wanted"),
        [
            ({}, lambda m: any(r.target.startswith("r") for r in m.relations)),
            ({}, lambda m: any(len(r.premises) == 3 for r in m.relations)),
            ({}, lambda m: len(m.roots) >= 2),
            ({}, lambda m: max(depths(m).values()) >= 4),
            ({"kinds": tuple(Kind)}, lambda m: {r.kind for r in m.relations} == set(Kind)),
            ({"shared_claims": True}, lambda m: max(uses(m).values()) >= 2),
            ({"cycles": True}, has_cycle),
            ({"cycles": True}, lambda m: has_cycle(m) and max(uses(m).values()) <= 1),
            ({"with_source": True}, lambda m: any(c.quote and c.quote.start is None for c in m.claims)),
            ({"with_source": True}, lambda m: any(c.quote and c.quote.start is not None for c in m.claims)),
            ({"with_metadata": True}, lambda m: m.title and m.data),
            ({"with_metadata": True}, lambda m: any(c.tags and c.data for c in m.claims)),
            ({"with_metadata": True}, lambda m: any(r.scheme and r.data for r in m.relations)),
        ],
        ids=[
            "undercut",
            "three-linked-premises",
            "two-theses",
            "depth-4",
            "every-kind",
            "shared-claim",
            "cycle",
            "cycle-without-shared-claims",
            "unlocated-quote",
            "located-quote",
            "title-and-data",
            "tags-and-claim-data",
            "scheme-and-relation-data",
        ],
    )
    def test_options_reach_what_they_promise(self, options, wanted):
        draw_one(argument_maps(max_claims=12, **options), wanted)

    @given(argument_trees())
    def test_trees_have_one_thesis(self, m):
        assert [c.id for c in m.roots] == ["c1"]
        assert all(n == 1 for c, n in uses(m).items() if c != "c1")
        assert not has_cycle(m)

    @given(argument_trees(max_depth=0))
    def test_a_tree_of_depth_zero_is_a_thesis(self, m):
        assert len(m.claims) == 1 and not m.relations

    @given(
        argument_maps(
            max_claims=50,
            shared_claims=True,
            cycles=True,
            with_source=True,
            base_scores=True,
            with_metadata=True,
            kinds=tuple(Kind),
        )
    )
    @settings(suppress_health_check=())
    def test_no_health_check_fails_at_default_settings(self, m):
        # Explicitly no suppressions (the "ci" profile suppresses too_slow).
        assert isinstance(m, ArgumentMap)


class TestRelations:
    @given(st.data())
    def test_a_drawn_relation_can_be_added(self, data):
        m = data.draw(argument_maps(min_claims=2, cycles=True, shared_claims=True))
        r = data.draw(relations(m, kinds=tuple(Kind)))
        assert r.id not in m
        bigger = ArgumentMap(m.claims, (*m.relations, r), title=m.title, source=m.source, data=m.data)
        assert bigger.relation(r.id) == r

    @given(st.data())
    def test_custom_ids(self, data):
        m = data.draw(argument_maps(min_claims=2))
        r = data.draw(relations(m, ids=ids(), max_premises=1, undercuts=False))
        assert r.id not in m and len(r.premises) == 1 and r.target in {c.id for c in m.claims}


class TestDocuments:
    @given(argmap_json())
    def test_argmap_json_reads(self, text):
        m = argmap.loads(text)
        assert argmap.loads(argmap.dumps(m)) == m

    @given(argmap_json(canonical=True))
    def test_canonical_json_is_what_dumps_writes(self, text):
        assert argmap.dumps(argmap.loads(text)) == text

    @given(argmap_json(argument_maps(with_source=True, with_metadata=True, base_scores=True)))
    def test_argmap_json_of_given_maps(self, text):
        argmap.loads(text.encode("utf-8"))

    @pytest.mark.parametrize("code", sorted({**VALIDATION_DEFECTS, **FORMAT_DEFECTS}))
    def test_every_defect_is_drawn_and_rejected(self, code):
        bad = draw_one(invalid_maps(codes=[code]))
        assert bad.code == code
        json.dumps(bad.document, allow_nan=False)  # JSON-able
        with pytest.raises(ArgmapError) as e:
            argmap_json_format.from_data(bad.document)
        assert bad.matches(e.value), e.value

    def test_matches_names_the_id_or_the_path(self):
        bad = draw_one(invalid_maps(codes=["dangling-id"]))
        assert bad.id is not None and bad.where is None
        assert not bad.matches(argmap.ValidationError([argmap.Problem("elsewhere", "dangling-id", "")]))
        assert not bad.matches(argmap.FormatError("no", where="claims"))
        fmt = draw_one(invalid_maps(codes=["missing-field"]))
        assert fmt.where is not None and fmt.id is None
        assert fmt.matches(argmap.FormatError("missing", where=fmt.where))


class TestShrinking:
    def test_one_relation_shrinks_to_two_claims(self):
        m = find(argument_maps(max_claims=50), lambda m: len(m.relations) >= 1, settings=FIND)
        assert [c.id for c in m.claims] == ["c1", "c2"]
        assert m.relations == (Relation("r1", Kind.SUPPORT, ("c2",), "c1"),)
        assert all(len(c.text) == 1 for c in m.claims)

    def test_an_undercut_shrinks_to_three_claims(self):
        def has_undercut(m):
            return any(r.target in {x.id for x in m.relations} for r in m.relations)

        m = find(argument_maps(max_claims=50), has_undercut, settings=FIND)
        assert len(m.claims) == 3 and len(m.relations) == 2

    def test_a_failing_test_reports_a_two_claim_map(self):
        seen = []

        @given(argument_maps(max_claims=50, with_source=True, base_scores=True))
        @settings(database=None, max_examples=500)
        def renderer_that_chokes_on_attacks(m):
            seen.append(m)
            assert not any(r.is_attack for r in m.relations), "attack!"

        with pytest.raises(AssertionError, match="attack!"):
            renderer_that_chokes_on_attacks()
        shrunk = seen[-1]  # Hypothesis replays the shrunk example last
        assert len(shrunk.claims) == 2
        assert [(r.kind, r.premises, r.target) for r in shrunk.relations] == [(Kind.ATTACK, ("c2",), "c1")]


class TestArgumentsAreChecked:
    @pytest.mark.parametrize(
        "make",
        [
            lambda: argument_maps(min_claims=-1),
            lambda: argument_maps(min_claims=5, max_claims=4),
            lambda: argument_maps(max_claims=-1),
            lambda: argument_trees(max_claims=0),
            lambda: argument_maps(max_claims=2.5),
            lambda: argument_maps(max_depth=-1),
            lambda: argument_maps(max_premises=0),
            lambda: argument_maps(linked=False, max_premises=2),
            lambda: argument_maps(cycles="yes"),
            lambda: argument_maps(kinds=[]),
            lambda: argument_maps(kinds=["supports"]),
            lambda: argument_maps(kinds="support"),
            lambda: argument_maps(texts="abc"),
            lambda: argument_maps(ids=["a", "b"]),
            lambda: argument_trees(min_claims=0),
            lambda: argument_trees(max_depth=0, min_claims=2),
            lambda: claim_texts(min_size=0),
            lambda: claim_texts(min_size=4, max_size=3),
            lambda: ids(max_size=0),
            lambda: sources(min_size=-1),
            lambda: quotes(Source("")),
            lambda: quotes(42),
            lambda: quotes("abc", max_size=0),
            lambda: relations(ArgumentMap([Claim("c1", "alone")])),
            lambda: relations("not a map"),
            lambda: relations(ArgumentMap([Claim("a", "A"), Claim("b", "B")]), max_premises=0),
            lambda: invalid_maps(codes=["no-such-defect"]),
            lambda: invalid_maps(codes=[]),
            lambda: invalid_maps(codes="dangling-id"),
            lambda: argmap_json(maps=3),
            lambda: argmap_json(canonical=1),
            lambda: claims(ids="c1"),
        ],
    )
    def test_bad_arguments_raise_invalid_argument_at_once(self, make):
        with pytest.raises(InvalidArgument):
            make()
