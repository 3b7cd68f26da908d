"""argmap's JSON document (argmap.formats.json): one class per function."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import argmap
from argmap import ArgmapError, ArgumentMap, Claim, Kind, Quote, Relation, Source
from argmap.errors import FormatError, ParseError, Problem, ValidationError
from argmap.formats.json import dumps, from_data, loads, to_data
from argmap.strategies import argument_maps

# --------------------------------------------------------------------------
# Fixtures and strategies

SOURCE = Source(
    "Tea is better. It has less caffeine. Not all tea does.",
    title="On tea",
    url="https://example.org/tea?x=1&y=\u00e9",
)


def full_map():
    """Every field the document can carry."""
    claims = [
        Claim(
            "thesis",
            "Tea is better",
            quote=Quote("Tea is better", 0, 13),
            tags=("main", "drinks"),
            data={"nested": {"list": [1, 2.5, None, True, "x"], "empty": {}}, "n": -3},
            base_score=0.75,
        ),
        Claim("less", "Tea has less caffeine", quote=Quote("It has less caffeine", 15, 35), base_score=1),
        Claim("not-all", "Not all tea has less caffeine", quote=Quote("Not all tea does.")),
        Claim("unicode", 'Th\u00e9 \u2013 \U0001f375 "quoted" \\ back\nline\ttab'),
        Claim("e", "Caffeine is bad", base_score=0.0),
        Claim("f", "Tea is healthy"),
        Claim("g", "Tea is unhealthy"),
        Claim("u", "Less caffeine says nothing about taste"),
    ]
    relations = [
        Relation("r1", Kind.SUPPORT, ("less", "e"), "thesis", scheme="practical reasoning", base_score=0.5),
        Relation("r2", Kind.ATTACK, ("not-all",), "less", data={"aif": {"scheme": "CA"}}),
        Relation("r3", Kind.ENTAILS, ("f",), "thesis"),
        Relation("r4", Kind.CONTRARY, ("g",), "f"),
        Relation("r5", Kind.CONTRADICTORY, ("f",), "g"),
        Relation("r6", Kind.ATTACK, ("u",), "r1", scheme="undercut"),
        Relation("r7", Kind.SUPPORT, ("unicode",), "r6"),
    ]
    return ArgumentMap(claims, relations, title="Tea \u2615", source=SOURCE, data={"kialo": {"id": 12, "ok": False}})


# The golden text of a small document: the format's stability contract.
GOLDEN = """\
{
  "argmap": 1,
  "title": "Tea",
  "source": {
    "title": "On tea",
    "url": "https://example.org/tea",
    "text": "Tea is better. It has less caffeine."
  },
  "data": {
    "editor": "me",
    "rev": [
      1,
      2
    ]
  },
  "claims": [
    {"id": "c1", "text": "Tea is better", "quote": {"text": "Tea is better", "start": 0, "end": 13}, "tags": ["thesis"], "base_score": 0.5},
    {"id": "c2", "text": "Tea has less caffeine", "data": {"k": {"v": null}}},
    {"id": "c3", "text": "Caf\u00e9 has more"}
  ],
  "relations": [
    {"id": "r1", "kind": "support", "premises": ["c2"], "target": "c1", "scheme": "cause", "base_score": 1.0},
    {"id": "r2", "kind": "attack", "premises": ["c3"], "target": "r1"}
  ]
}
"""


def golden_map():
    source = Source("Tea is better. It has less caffeine.", title="On tea", url="https://example.org/tea")
    return ArgumentMap(
        [
            Claim("c1", "Tea is better", quote=Quote("Tea is better", 0, 13), tags=["thesis"], base_score=0.5),
            Claim("c2", "Tea has less caffeine", data={"k": {"v": None}}),
            Claim("c3", "Caf\u00e9 has more"),
        ],
        [
            Relation("r1", "support", ["c2"], "c1", scheme="cause", base_score=1),
            Relation("r2", "attack", ["c3"], "r1"),
        ],
        title="Tea",
        source=source,
        data={"editor": "me", "rev": [1, 2]},
    )


json_scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text()
json_values = st.recursive(
    json_scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)

# Documents shaped like argmap's, with wrong values here and there: this
# reaches the field checks, not only the "expected an object" at the top.
FIELDS = [
    "argmap",
    "title",
    "source",
    "data",
    "claims",
    "relations",
    "id",
    "text",
    "quote",
    "tags",
    "base_score",
    "kind",
    "premises",
    "target",
    "scheme",
    "start",
    "end",
    "url",
]
near_values = st.recursive(
    json_scalars | st.sampled_from(["c1", "c2", "r1", "support", "attack", "entails", 1, 0.5]),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=3), children, max_size=5)
    ),
    max_leaves=30,
)
claim_like = st.fixed_dictionaries(
    {"id": st.sampled_from(["c1", "c2", "c3"]), "text": st.just("t") | near_values},
    optional={"quote": near_values, "tags": near_values, "base_score": near_values, "data": near_values},
)
relation_like = st.fixed_dictionaries(
    {
        "id": st.sampled_from(["r1", "r2"]),
        "kind": st.sampled_from([k.value for k in Kind]) | near_values,
        "premises": st.lists(st.sampled_from(["c1", "c2", "c3", "r1"]), max_size=3) | near_values,
        "target": st.sampled_from(["c1", "c2", "r1", "r2"]) | near_values,
    },
    optional={"scheme": near_values, "base_score": near_values, "data": near_values},
)
document_like = st.fixed_dictionaries(
    {
        "argmap": st.integers(0, 9).map(lambda i: {8: 2, 9: "1"}.get(i, 1)),
        "claims": st.lists(claim_like | near_values, max_size=4),
        "relations": st.lists(relation_like | near_values, max_size=3),
    },
    optional={
        "title": st.text(max_size=5) | near_values,
        "source": st.fixed_dictionaries({"text": st.text(max_size=9)}) | near_values,
        "data": st.dictionaries(st.text(max_size=3), near_values, max_size=3) | near_values,
    },
)


def loads_or_argmap_error(doc):
    """argmap.loads gives a map or an ArgmapError, never another exception."""
    try:
        result = loads(doc)
    except ArgmapError:
        return None
    assert isinstance(result, ArgumentMap)
    return result


# --------------------------------------------------------------------------


class TestDumps:
    def test_golden_document(self):
        assert dumps(golden_map()) == GOLDEN

    def test_empty_map(self):
        assert dumps(ArgumentMap()) == '{\n  "argmap": 1,\n  "claims": [],\n  "relations": []\n}\n'

    @given(argument_maps())
    def test_deterministic(self, m):
        # Equal maps give byte-identical documents, however they were made.
        copy = ArgumentMap(list(m.claims), list(m.relations), title=m.title, source=m.source, data=m.data)
        assert dumps(m) == dumps(copy)
        assert dumps(loads(dumps(m))) == dumps(m)

    @given(argument_maps())
    def test_is_the_json_of_to_data(self, m):
        assert json.loads(dumps(m)) == to_data(m)

    def test_one_item_per_line(self):
        lines = dumps(full_map()).splitlines()
        assert sum(line.startswith('    {"id": ') for line in lines) == len(full_map().claims) + len(
            full_map().relations
        )

    def test_lone_surrogates_are_refused(self):
        # A lone surrogate cannot be written as UTF-8, so the model refuses it
        # wherever text can stand, and a document that escapes one is refused.
        for bad in ({"source": Source("a\ud800b")}, {"data": {"k": "\ude00"}}, {"data": {"\udc00": 1}}):
            with pytest.raises(ValidationError, match=r"lone surrogate|valid strings"):
                ArgumentMap(**bad)
        with pytest.raises(FormatError, match=r"data\.k: contains a lone surrogate"):
            loads('{"argmap": 1, "data": {"k": "\\ud800"}, "claims": [], "relations": []}')

    def test_non_ascii_is_written_as_is(self):
        m = ArgumentMap([Claim("c1", "Th\u00e9 \U0001f375")])
        assert '"Th\u00e9 \U0001f375"' in dumps(m)


class TestLoads:
    @given(argument_maps())
    def test_round_trip(self, m):
        assert loads(dumps(m)) == m

    @given(argument_maps())
    def test_round_trip_bytes(self, m):
        assert loads(dumps(m).encode("utf-8")) == m

    def test_full_feature_map_round_trips_exactly(self):
        m = full_map()
        back = loads(dumps(m))
        assert back == m
        assert back.source == SOURCE
        assert back.claim("thesis").quote == Quote("Tea is better", 0, 13)
        assert back.claim("not-all").quote == Quote("Not all tea does.")
        assert back.claim("thesis").data["nested"]["list"] == (1, 2.5, None, True, "x")
        assert back.relation("r6").target == "r1"
        assert [r.kind for r in back.relations] == [r.kind for r in m.relations]
        assert type(back.claim("less").base_score) is float  # scores are floats: 1 is read as 1.0
        assert dumps(back) == dumps(m)

    def test_golden_document(self):
        assert loads(GOLDEN) == golden_map()

    @pytest.mark.parametrize("prefix", [b"\xef\xbb\xbf", "\ufeff"])
    def test_byte_order_mark_is_skipped(self, prefix):
        text = GOLDEN.encode() if isinstance(prefix, bytes) else GOLDEN
        assert loads(prefix + text) == golden_map()

    def test_crlf_line_ends(self):
        assert loads(GOLDEN.replace("\n", "\r\n")) == golden_map()

    def test_null_optional_fields_are_absent(self):
        doc = {
            "argmap": 1,
            "title": None,
            "claims": [{"id": "c1", "text": "t", "base_score": None, "data": None}],
            "relations": [],
        }
        assert loads(json.dumps(doc)) == ArgumentMap([Claim("c1", "t")])

    @given(st.binary())
    def test_any_bytes(self, data):
        loads_or_argmap_error(data)

    @given(st.text())
    def test_any_text(self, text):
        loads_or_argmap_error(text)

    @given(json_values)
    def test_any_json_value(self, value):
        loads_or_argmap_error(json.dumps(value))

    @settings(suppress_health_check=[HealthCheck.too_slow])
    @given(document_like)
    def test_any_document_like_value(self, doc):
        m = loads_or_argmap_error(json.dumps(doc))
        if m is not None:
            assert loads(dumps(m)) == m

    @given(argument_maps(), st.data())
    def test_damaged_documents(self, m, data):
        text = dumps(m)
        i = data.draw(st.integers(0, len(text)))
        j = data.draw(st.integers(i, min(len(text), i + 5)))
        loads_or_argmap_error(text[:i] + data.draw(st.text(max_size=3)) + text[j:])

    def test_not_text(self):
        with pytest.raises(FormatError, match="expected text or bytes, not dict"):
            loads({"argmap": 1})


def _doc(**fields):
    doc = {"argmap": 1, "claims": [{"id": "c1", "text": "a"}, {"id": "c2", "text": "b"}], "relations": []}
    doc.update(fields)
    return json.dumps(doc)


# (document, exception type, str(exception)): pinned messages, each naming its place.
BAD_DOCUMENTS = {
    "missing version": (
        '{"claims": [], "relations": []}',
        FormatError,
        'argmap: missing "argmap" version field; is this an argmap JSON document?',
    ),
    "version 2": (_doc(argmap=2), FormatError, "argmap: unsupported version 2; this argmap reads version 1"),
    "version as text": (_doc(argmap="1"), FormatError, "argmap: unsupported version '1'; this argmap reads version 1"),
    "version as float": (_doc(argmap=1.0), FormatError, "argmap: unsupported version 1.0; this argmap reads version 1"),
    "not an object": ("[1, 2]", FormatError, "$: expected an object, got an array"),
    "claims not a list": (_doc(claims={}), FormatError, "claims: expected an array, got an object"),
    "claims missing": ('{"argmap": 1, "relations": []}', FormatError, "claims: missing required field"),
    "claim text a number": (
        _doc(claims=[{"id": "c1", "text": "a"}, {"id": "c2", "text": 3}]),
        FormatError,
        "claims[1].text: expected a string, got a number",
    ),
    "claim id missing": (_doc(claims=[{"text": "a"}]), FormatError, "claims[0].id: missing required field"),
    "unknown claim field": (
        _doc(claims=[{"id": "c1", "text": "a", "colour": "red"}]),
        FormatError,
        "claims[0].colour: unknown field; expected one of base_score, data, id, quote, tags, text",
    ),
    "quote span a float": (
        _doc(claims=[{"id": "c1", "text": "a", "quote": {"text": "a", "start": 0.5, "end": 2}}]),
        FormatError,
        "claims[0].quote.start: expected an integer, got a number",
    ),
    "score a string": (
        _doc(claims=[{"id": "c1", "text": "a", "base_score": "high"}]),
        FormatError,
        "claims[0].base_score: expected a number, got a string",
    ),
    "tag a boolean": (
        _doc(claims=[{"id": "c1", "text": "a", "tags": ["x", True]}]),
        FormatError,
        "claims[0].tags[1]: expected a string, got a boolean",
    ),
    "data an array": (_doc(data=[]), FormatError, "data: expected an object, got an array"),
    "unknown relation kind": (
        _doc(relations=[{"id": "r1", "kind": "supports", "premises": ["c2"], "target": "c1"}]),
        FormatError,
        "relations[0].kind: unknown relation kind 'supports'; known kinds: support, attack, entails, contrary, contradictory",
    ),
    "premise a number": (
        _doc(relations=[{"id": "r1", "kind": "support", "premises": ["c2", 7], "target": "c1"}]),
        FormatError,
        "relations[0].premises[1]: expected a string, got a number",
    ),
    "duplicate keys": (
        '{"argmap": 1,\n "claims": [{"id": "c1", "text": "a"},\n  {"id": "c2", "text": "b", "text": "c"}], "relations": []}',
        ParseError,
        "line 3:29: duplicate key 'text' in an object",
    ),
    "NaN": (
        '{"argmap": 1, "title": "NaN", "claims": [NaN], "relations": []}',
        ParseError,
        "line 1:42: NaN is not a JSON number",
    ),
    "Infinity": ('{"argmap": 1, "data": {"x": -Infinity}}', ParseError, "line 1:29: -Infinity is not a JSON number"),
    "float overflow": (
        '{"argmap": 1, "data": {"x": 1e400}}',
        ParseError,
        "line 1:29: number 1e400 is too large for a floating-point number",
    ),
    "huge integer": (
        '{"argmap": 1, "data": {"x": ' + "9" * 5000 + "}}",
        ParseError,
        "line 1:29: number 99999999999999999... has more than 4300 digits",
    ),
    "deep nesting": ("[" * 100_000, ParseError, "line 1:1: the document is nested too deeply"),
    "deep data": (
        _doc(data={"x": json.loads("[" * 200 + "]" * 200)}),
        FormatError,
        "data.x" + "[0]" * 99 + ": is nested more than 100 levels deep",
    ),
    "empty": ("", ParseError, "line 1:1: Expecting value"),
    "syntax error": ('{\n  "argmap": 1\n    "claims": []\n}', ParseError, "line 3:5: Expecting ',' delimiter"),
    "trailing text": ('{"argmap": 1, "claims": [], "relations": []} x', ParseError, "line 1:46: Extra data"),
    "two BOMs": (b"\xef\xbb\xbf\xef\xbb\xbf{}", ParseError, "line 1:1: a second byte order mark (U+FEFF)"),
    "invalid UTF-8": (
        b'{"argmap": 1,\n "title": "caf\xe9", "claims": [], "relations": []}',
        ParseError,
        "line 2:15: not UTF-8 text: invalid continuation byte (byte 0xe9 at offset 28)",
    ),
    "UTF-16": (
        '{"argmap": 1}'.encode("utf-16"),
        ParseError,
        "line 1:1: not UTF-8 text: invalid start byte (byte 0xff at offset 0)",
    ),
    "dangling premise": (
        _doc(relations=[{"id": "r7", "kind": "support", "premises": ["c9"], "target": "c1"}]),
        ValidationError,
        "invalid argument map (1 problem):\n  r7: premise 'c9' is not a claim of the map",
    ),
    "control character": (
        _doc(claims=[{"id": "c1", "text": "a\u0000"}]),
        ValidationError,
        "invalid argument map (1 problem):\n  c1: claim text contains the control character U+0000",
    ),
    "quote not at its span": (
        _doc(source={"text": "abc"}, claims=[{"id": "c1", "text": "t", "quote": {"text": "b", "start": 0, "end": 1}}]),
        ValidationError,
        "invalid argument map (1 problem):\n  c1: quote 'b' is not in the source at 0..1 (it occurs at 1..2)",
    ),
}


class TestLoadsErrors:
    @pytest.mark.parametrize("name", list(BAD_DOCUMENTS))
    def test_pinned_message(self, name):
        doc, error, message = BAD_DOCUMENTS[name]
        with pytest.raises(error) as info:
            loads(doc)
        if message is not None:
            assert str(info.value) == message

    def test_format_error_names_the_field(self):
        with pytest.raises(FormatError) as info:
            loads(BAD_DOCUMENTS["claim text a number"][0])
        assert info.value.where == "claims[1].text"
        assert info.value.msg == "expected a string, got a number"
        assert info.value.path is None

    def test_parse_error_has_line_column_and_excerpt(self):
        with pytest.raises(ParseError) as info:
            loads(BAD_DOCUMENTS["syntax error"][0])
        err = info.value
        assert (err.lineno, err.colno, err.msg) == (3, 5, "Expecting ',' delimiter")
        assert err.excerpt == '    "claims": []\n    ^'

    def test_validation_error_names_the_relation(self):
        with pytest.raises(ValidationError) as info:
            loads(BAD_DOCUMENTS["dangling premise"][0])
        assert info.value.problems == (Problem("r7", "dangling-id", "premise 'c9' is not a claim of the map"),)
        assert info.value.ids == ("r7",)

    def test_bad_data_names_its_json_path(self):
        with pytest.raises(FormatError) as info:
            loads(_doc(claims=[{"id": "a", "text": "A", "data": {"k": [1, {"v": "\ud800"}]}}]))
        assert info.value.where == "claims[0].data.k[1].v"

    def test_duplicate_key_is_found_in_its_own_object(self):
        # The key "k" occurs earlier, as a value and in other objects.
        text = '{"a": "k", "x": {"k": 1}, "k": 2, "y": [{"k": 1, "j": {"k": 3}}, {"k": 1, "k": 2}]}'
        with pytest.raises(ParseError) as info:
            loads(text)
        assert info.value.pos == text.rindex('"k"')

    def test_errors_are_value_errors(self):
        for doc, _, _ in BAD_DOCUMENTS.values():
            with pytest.raises(ValueError):
                loads(doc)


class TestToData:
    def test_plain_data(self):
        data = to_data(golden_map())
        assert data["claims"][1] == {"id": "c2", "text": "Tea has less caffeine", "data": {"k": {"v": None}}}
        assert data["relations"][1] == {"id": "r2", "kind": "attack", "premises": ["c3"], "target": "r1"}
        assert list(data) == ["argmap", "title", "source", "data", "claims", "relations"]

    def test_leaves_out_empty_fields(self):
        assert to_data(ArgumentMap([Claim("c1", "t")])) == {
            "argmap": 1,
            "claims": [{"id": "c1", "text": "t"}],
            "relations": [],
        }


class TestFromData:
    @given(argument_maps())
    def test_round_trip(self, m):
        assert from_data(to_data(m)) == m

    def test_full_feature_map(self):
        assert from_data(to_data(full_map())) == full_map()

    def test_errors_name_the_field(self):
        with pytest.raises(FormatError) as info:
            from_data({"argmap": 1, "claims": [], "relations": [{"id": "r1"}]})
        assert info.value.where == "relations[0].kind"


class TestPublicFunctions:
    """argmap.loads / argmap.dumps are this module's functions for format="json"."""

    @given(argument_maps())
    def test_same_as_the_module(self, m):
        assert argmap.dumps(m) == dumps(m)
        assert argmap.loads(dumps(m)) == m
