import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from argmap import (
    ArgmapError,
    ArgumentMap,
    Claim,
    Kind,
    MapBuilder,
    Quote,
    Relation,
    Role,
    Source,
    UnknownIdError,
    ValidationError,
)
from argmap.model import freeze
from argmap.strategies import argument_maps


def small_map():
    b = MapBuilder(title="t")
    t = b.claim("thesis")
    r = b.support(t, "premise")
    o = b.attack(r.premise, "objection")
    b.attack(o.premise, "rebuttal")
    b.undercut(r, "undercutter")
    b.support(t, ["linked a", "linked b"])
    return b.build()


class TestRoles:
    def test_roles_follow_structure(self):
        m = small_map()
        roles = {m.claim(i).text: str(role) for i, role in m.roles.items()}
        assert roles == {
            "thesis": "thesis",
            "premise": "premise",
            "objection": "objection",
            "rebuttal": "rebuttal",
            "undercutter": "undercutter",
            "linked a": "premise",
            "linked b": "premise",
        }

    def test_roots(self):
        assert [c.text for c in small_map().roots] == ["thesis"]

    def test_cycle_is_legal(self):
        m = ArgumentMap(
            [Claim("a", "A"), Claim("b", "B")],
            [Relation("r1", Kind.ATTACK, ["a"], "b"), Relation("r2", Kind.ATTACK, ["b"], "a")],
        )
        assert m.roots == ()
        assert set(m.roles.values()) == {Role.REBUTTAL}

    @given(argument_maps(kinds=tuple(Kind), cycles=True, shared_claims=True), st.booleans())
    def test_roles_follow_the_first_relation(self, m, adjacency_first):
        # The roles are computed from each claim's first relation, whether
        # or not the full adjacency has been built already.
        if adjacency_first:
            m.relations_from(m.claims[0].id)
        expected = {}
        for c in m.claims:
            out = [r for r in m.relations if c.id in r.premises]
            if not out:
                expected[c.id] = Role.THESIS
            elif isinstance(m[out[0].target], Relation):
                expected[c.id] = Role.UNDERCUTTER
            elif out[0].is_support:
                expected[c.id] = Role.PREMISE
            else:
                target_out = [r for r in m.relations if out[0].target in r.premises]
                attacked_by_it = bool(target_out) and target_out[0].is_attack
                expected[c.id] = Role.REBUTTAL if attacked_by_it else Role.OBJECTION
        assert dict(m.roles) == expected and list(m.roles) == [c.id for c in m.claims]

    @given(argument_maps(kinds=tuple(Kind), cycles=True, shared_claims=True))
    def test_roles_from_the_targeted_relations(self, m):
        # The DOT writer hands the roles the ids of the relations that are
        # targets, which tell an inference as well as every relation id.
        targeted = {r.target for r in m.relations if isinstance(m[r.target], Relation)}
        assert m._compute_roles(targeted) == m._compute_roles() == list(m.roles.values())


class TestValidation:
    def test_every_problem_is_reported(self):
        with pytest.raises(ValidationError) as e:
            ArgumentMap(
                [Claim("a", ""), Claim("a", "dup"), Claim("b", "bad\x00char", base_score=2)],
                [
                    Relation("r1", Kind.SUPPORT, ["zz"], "a"),
                    Relation("r2", Kind.SUPPORT, ["b"], "b"),
                    Relation("r3", "nonsense", ["b"], "a"),
                ],
            )
        codes = {(p.id, p.code) for p in e.value.problems}
        assert codes == {
            ("a", "empty-text"),
            ("a", "duplicate-id"),
            ("b", "bad-char"),
            ("b", "bad-score"),
            ("r1", "dangling-id"),
            ("r2", "self-target"),
            ("r3", "bad-kind"),
        }

    @pytest.mark.parametrize("tags", [None, {}, set(), 0, False, {"a": 1}])
    def test_tags_that_are_not_a_sequence(self, tags):
        # once only truthy tags were checked: Claim(tags=None) made a map its writers could not write
        with pytest.raises(ValidationError, match="a: tags must be a sequence of strings"):
            ArgumentMap([Claim("a", "A", tags=tags)])

    def test_quote_checked_against_source(self):
        src = Source("Alpha beta gamma.")
        ArgumentMap([Claim("a", "A", quote=Quote("beta", 6, 10))], source=src)
        with pytest.raises(ValidationError) as e:
            ArgumentMap([Claim("a", "A", quote=Quote("beta", 0, 4))], source=src)
        assert e.value.problems[0].code == "quote-mismatch"
        assert "6..10" in str(e.value)

    def test_builder_collects_problems(self):
        b = MapBuilder(source=Source("Some text."))
        t = b.claim("x", quote="not there")
        b.support(t, "")
        with pytest.raises(ValidationError) as e:
            b.build()
        assert [p.code for p in e.value.problems] == ["quote-not-in-source", "empty-text"]
        assert e.value.ids == ("c1", "c2")

    def test_unknown_id(self):
        m = small_map()
        with pytest.raises(UnknownIdError, match="nope"):
            m["nope"]
        with pytest.raises(KeyError):
            m.claim("r1")  # a relation, not a claim


class TestValues:
    def test_equal_by_value_and_hashable(self):
        assert small_map() == small_map()
        assert hash(small_map()) == hash(small_map())

    def test_data_is_frozen(self):
        c = Claim("a", "A", data={"k": [1, {"x": 2}]})
        assert c.data == {"k": (1, {"x": 2})}
        with pytest.raises(TypeError):
            c.data["k"] = 3

    def test_freeze_rejects_non_json(self):
        with pytest.raises(ValidationError, match="set is not a JSON value"):
            freeze({"k": {1, 2}})
        loop = []
        loop.append(loop)
        with pytest.raises(ValidationError, match="contains itself"):
            freeze({"k": loop})
        with pytest.raises(ValidationError, match="nan"):
            freeze({"k": float("nan")})

    def test_deep_chain_no_recursion(self):
        b = MapBuilder()
        prev = b.claim("c0")
        for i in range(1, 100_000):
            prev = b.support(prev, f"c{i}").premise
        m = b.build()
        assert len(m.claims) == 100_000
        assert m.role(prev.id) is Role.PREMISE


class TestQuoteOffsets:
    """Quote offsets come from files other people wrote: they are checked
    before anything uses them, and never size anything."""

    SRC = Source("Alpha beta gamma.")

    @pytest.mark.parametrize(
        "start, end, field",
        [
            (6, 2**40, "quote.end 1099511627776 is past the end of the source (17 characters)"),
            (6, 2**63, "is past the end of the source"),
            (-1, 4, "quote.start -1 is negative"),
            (10, 6, "quote span 10..6 ends before it starts"),
            (True, 10, "quote.start must be an integer, not bool"),
            (6, 10.0, "quote.end must be an integer, not float"),
            (6, None, "quote.end is missing"),
            ("6", 10, "quote.start must be an integer, not str"),
        ],
    )
    def test_bad_span_names_the_claim_and_the_field(self, start, end, field):
        with pytest.raises(ValidationError) as e:
            ArgumentMap([Claim("c7", "A", quote=Quote("beta", start, end))], source=self.SRC)
        assert e.value.ids == ("c7",)
        assert field in str(e.value)

    def test_tail_of_the_source_with_a_huge_end(self):
        # The quote's text is the source's tail, so slicing alone would accept it.
        with pytest.raises(ValidationError, match=r"c1: quote\.end 3221225472 is past the end"):
            ArgumentMap([Claim("c1", "A", quote=Quote("gamma.", 11, 3 * 2**30))], source=self.SRC)

    def test_a_huge_end_in_a_document_allocates_nothing(self):
        import json
        import tracemalloc

        from argmap.formats import json as json_format

        for end in (2**40, 2**63, 3 * 2**30):
            doc = json.dumps(
                {
                    "argmap": 1,
                    "source": {"text": "ab"},
                    "claims": [{"id": "c1", "text": "t", "quote": {"text": "b", "start": 1, "end": end}}],
                    "relations": [],
                }
            )
            tracemalloc.start()
            try:
                with pytest.raises(ArgmapError, match=r"c1: quote\.end"):
                    json_format.loads(doc)
                _, peak = tracemalloc.get_traced_memory()
            finally:
                tracemalloc.stop()
            assert peak < 2**20

    @pytest.mark.parametrize("char", ["\ud800", "\udfff"])
    def test_lone_surrogates_in_quotes_and_source(self, char):
        with pytest.raises(ValidationError) as e:
            ArgumentMap([Claim("c3", "A", quote=Quote("a" + char))])
        assert e.value.ids == ("c3",) and "lone surrogate" in str(e.value)
        for source in (Source("a" + char), Source("a", title="t" + char), Source("a", url="u" + char)):
            with pytest.raises(ValidationError) as e:
                ArgumentMap([Claim("c3", "A")], source=source)
            assert "source" in str(e.value)

    def test_surrogates_in_a_document(self):
        from argmap.formats import json as json_format

        doc = '{"argmap": 1, "claims": [{"id": "c1", "text": "t", "quote": {"text": "x\\ud800"}}], "relations": []}'
        with pytest.raises(ValidationError, match="c1: quote text contains a lone surrogate"):
            json_format.loads(doc)


_OFFSETS = st.one_of(
    st.none(),
    st.integers(-(2**64), 2**64),
    st.sampled_from([2**40, 2**63, -(2**63), 0, 1, True, False]),
    st.floats(allow_nan=True),
    st.text(max_size=3),
)


@given(text=st.text(max_size=20), quote=st.text(max_size=8), start=_OFFSETS, end=_OFFSETS, with_source=st.booleans())
def test_any_offsets_give_a_map_or_an_argmap_error(text, quote, start, end, with_source):
    import json

    from argmap.formats import json as json_format
    from argmap.source import check_quotes, coverage

    q = {"text": quote}
    if start is not None:
        q["start"] = start
    if end is not None:
        q["end"] = end
    doc = {"argmap": 1, "claims": [{"id": "c1", "text": "t", "quote": q}], "relations": []}
    if with_source:
        doc["source"] = {"text": text}
    try:
        raw = json.dumps(doc)
    except ValueError:
        return  # (NaN and friends: JSON cannot say them)
    try:
        m = json_format.loads(raw)
    except ArgmapError:
        return
    # A map: its spans, and what check and coverage make of them, lie in the text.
    for c in check_quotes(m, text):
        assert c.span is None or 0 <= c.span[0] <= c.span[1] <= len(text)
    cov = coverage(m, text)
    assert all(0 <= s <= e <= len(text) for s, e in cov.spans.values())
    assert 0.0 <= cov.char_share <= 1.0


class TestSourceFromFile:
    def test_a_path_that_is_not_a_path_is_refused_without_touching_descriptors(self):
        import os

        from argmap import ArgmapError, Source

        with pytest.raises(ArgmapError, match=r"must be a str or os\.PathLike, not bool"):
            Source.from_file(True)  # open(True) would open, then close, standard output
        os.fstat(1)  # standard output is still open

    def test_an_endless_device_stops_at_max_bytes(self):
        from argmap import LimitError, Source

        with pytest.raises(LimitError, match=r"max_bytes=1000 bytes; pass max_bytes=") as e:
            Source.from_file("/dev/zero", max_bytes=1000)
        assert (e.value.limit, e.value.value) == ("max_bytes", 1000)

    def test_at_the_limit_it_reads(self, tmp_path):
        from argmap import LimitError, Source

        p = tmp_path / "a.txt"
        p.write_bytes(b"\xef\xbb\xbfTea.\r\nCoffee.\r")
        assert Source.from_file(p, max_bytes=17).text == "Tea.\nCoffee.\n"
        with pytest.raises(LimitError):
            Source.from_file(p, max_bytes=16)

    @pytest.mark.parametrize("limit", [1 << 40, 99999999999999999999999])
    def test_a_limit_larger_than_memory(self, tmp_path, limit):
        # once MemoryError (1 TiB was allocated for the read) or OverflowError (argmap check --source
        # ARTICLE --max-bytes 99999999999999999999999)
        from argmap import Source

        p = tmp_path / "a.txt"
        p.write_text("Tea.")
        assert Source.from_file(p, max_bytes=limit).text == "Tea."

    @pytest.mark.parametrize("bad", [-1, 1.5, "10", True])
    def test_bad_limit(self, tmp_path, bad):
        from argmap import ArgmapError, Source

        p = tmp_path / "a.txt"
        p.write_text("Tea.")
        with pytest.raises(ArgmapError, match=r"^max_bytes must be a whole number of bytes >= 0 or None, not"):
            Source.from_file(p, max_bytes=bad)

    def test_a_directory_is_an_argmap_error(self, tmp_path):
        from argmap import ArgmapError, Source

        with pytest.raises(ArgmapError, match="cannot read source"):
            Source.from_file(tmp_path)


def test_unknown_id_error_escapes_the_id():
    from argmap import UnknownIdError

    m = small_map()
    with pytest.raises(UnknownIdError) as e:
        m.claim("x\x1b[2J\ny")
    assert "\x1b" not in str(e.value) and "\n" not in str(e.value)


class TestModuleSurface:
    """argmap.model is the model's public face over private modules
    (argmap._data, argmap._values, argmap._validation): every name it has
    always had is still there, and its values pickle and print as before."""

    NAMES = (
        "ArgumentMap Claim DataError EMPTY FrozenDict Kind MAX_DEPTH Quote Relation Role Source UnknownIdError "
        "bad_char freeze thaw _SURROGATE _new_claim _new_relation _slot_setters"
    ).split()

    def test_every_name_is_still_importable(self):
        import argmap.model

        assert [n for n in self.NAMES if not hasattr(argmap.model, n)] == []
        assert set(argmap.model.__all__) <= set(self.NAMES)

    def test_the_classes_are_argmap_model_s(self):
        import argmap.model

        for name in self.NAMES:
            value = getattr(argmap.model, name)
            if isinstance(value, type):
                # the exceptions live in argmap.errors, with every other
                expected = "argmap.errors" if issubclass(value, Exception) else "argmap.model"
                assert value.__module__ == expected, name

    @given(argument_maps(with_source=True))
    def test_a_pickle_names_only_argmap_model(self, m):
        import pickle

        for value in (m, *m.claims, *m.relations, m.roles, m.data):
            for protocol in (2, pickle.HIGHEST_PROTOCOL):
                data = pickle.dumps(value, protocol)
                assert b"argmap._" not in data
                assert pickle.loads(data) == value

    def test_repr_is_unchanged(self):
        m = small_map()
        assert repr(m) == "<ArgumentMap 't': 7 claims, 5 relations>"
        assert repr(m.claims[0]).startswith("Claim(id='c1', text='thesis', quote=None, tags=(), data=FrozenDict({})")
        assert repr(m.relations[0]) == (
            "Relation(id='r1', kind=<Kind.SUPPORT: 'support'>, premises=('c2',), target='c1', "
            "scheme=None, data=FrozenDict({}), base_score=None)"
        )


_QUOTE_TEXT = st.text(alphabet=st.sampled_from("ab \u00e9\ud800"), min_size=0, max_size=4)
_OFFSET = st.one_of(st.none(), st.booleans(), st.integers(-2, 8), st.floats(allow_nan=False, width=16), st.just("1"))


@given(
    source=st.one_of(st.none(), st.text(alphabet=st.sampled_from("ab \u00e9"), max_size=6)),
    text=st.one_of(_QUOTE_TEXT, st.none(), st.just(3), st.tuples(st.integers(0, 6), st.integers(0, 9), st.booleans())),
    start=_OFFSET,
    end=_OFFSET,
)
@example(source="ab", text=(1, 9, True), start=None, end=None)  # the source's tail, the span past its end
@example(source="a\u00e9", text=(1, 2, True), start=None, end=None)
def test_quote_checks_in_a_map_are_the_exact_checks(source, text, start, end):
    """A map's quotes are checked inline where they are plainly right, and
    otherwise by the exact check: a map reports what the exact check says
    of its quote, and nothing when it says nothing."""
    from argmap import ValidationError
    from argmap._validation import _quote_problems

    if isinstance(text, tuple):  # a piece of the source (the usual quote), at its span or not
        a, b, at_span = text
        text = (source or "")[a:b]
        if at_span:
            start, end = a, b
    quote = Quote(text, start, end)
    src = None if source is None else Source(source)
    expected: list = []
    _quote_problems("a", quote, src, expected)
    try:
        ArgumentMap([Claim("a", "t", quote=quote)], source=src)
    except ValidationError as e:
        assert list(e.problems) == expected and expected
    else:
        assert expected == []
