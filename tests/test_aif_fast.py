"""The AIF reader's quick way (argmap.formats._aif_fast) and the plain JSON
parse it stands on: the same maps, errors and warnings as the passes."""

import copy
import json
import pickle
import sys
import threading
import warnings

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
from argmap import ArgmapError, LossyConversionWarning, ParseError
from argmap.formats import _aif_fast, _aif_read, _common, aif
from argmap.formats._common import parse_json, parse_json_plain, tally
from argmap.strategies import aif_json, argument_maps


def reference(text):
    """The map (or the error) of the passes alone, after the strict parse:
    what aif.loads did before the quick way."""
    doc, clean = parse_json(text)
    return _aif_read._read(doc, clean=clean, owned=True)


def outcome(read, text):
    """What *read* makes of *text*: its map's AIF and argmap JSON, or its
    error's type and message; and the messages of its warnings."""
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        try:
            m = read(text)
        except ArgmapError as e:
            result = (type(e), str(e))
        else:
            result = (m, aif.dumps(m), argmap.dumps(m))
    return result, [str(w.message) for w in record]


@pytest.fixture
def passes_used(monkeypatch):
    """A list that gets an entry each time the passes read a document."""
    calls = []
    real = _aif_read._read

    def spy(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr("argmap.formats._aif_fast._read", spy)
    return calls


def obj(*pairs):
    """A JSON object written from *pairs*, a key possibly twice."""
    return "{" + ", ".join(f"{json.dumps(k)}: {v if isinstance(v, Raw) else json.dumps(v)}" for k, v in pairs) + "}"


class Raw(str):
    """JSON text to put in an object as it is."""


I1 = Raw(obj(("nodeID", "a"), ("text", "A"), ("type", "I")))
I2 = Raw(obj(("nodeID", "b"), ("text", "B"), ("type", "I")))
RA = Raw(obj(("nodeID", "r"), ("text", "RA"), ("type", "RA"), ("scheme", "Example")))
E1 = Raw(obj(("fromID", "b"), ("toID", "r"), ("edgeID", "b>r")))
E2 = Raw(obj(("fromID", "r"), ("toID", "a"), ("edgeID", "7")))


def document(nodes=(I1, I2, RA), edges=(E1, E2), *more):
    return obj(("nodes", Raw(f"[{', '.join(nodes)}]")), ("edges", Raw(f"[{', '.join(edges)}]")), *more)


json_scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
tricky_text = st.text(alphabet=st.sampled_from('ab"\\:/\n\u00e9\U0001f600'), max_size=6)
json_values = st.recursive(
    json_scalars | tricky_text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(tricky_text, inner, max_size=4),
    max_leaves=20,
)


class TestLiteralsAndTally:
    """A text's string literals, counted from its quotes, and the strings of
    the value json.loads makes of it: equal unless a key is repeated."""

    @given(json_values, st.booleans(), st.sampled_from([None, 0, 2]))
    def test_as_many_literals_as_strings(self, value, ascii_only, indent):
        text = json.dumps(value, ensure_ascii=ascii_only, indent=indent)
        doc, literals, _ = parse_json_plain(text)
        assert tally(doc)[0] == literals

    @given(st.dictionaries(tricky_text, json_values, min_size=1, max_size=3), st.data())
    def test_a_repeated_key_leaves_a_string_out(self, value, data):
        key = data.draw(st.sampled_from(sorted(value)))
        text = json.dumps(value)[:-1] + f", {json.dumps(key)}: {json.dumps(data.draw(json_values))}}}"
        doc, literals, _ = parse_json_plain(text)
        assert tally(doc)[0] < literals
        with pytest.raises(ParseError, match="duplicate key"):
            parse_json(text)

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ('"x"', (1, -1)),
            ("[]", (0, 0)),
            ('{"a": [1, {"b": "c"}]}', (3, 2)),
            ('[["a\\\\"], "\\"", {"\\\\\\"": null}]', (3, 1)),
        ],
    )
    def test_strings_and_depth(self, text, expected):
        doc, literals, _ = parse_json_plain(text)
        assert tally(doc) == expected and literals == expected[0]

    @pytest.mark.parametrize("text", ['{"a": NaN}', "[1e999]", '{"a": [-Infinity]}'])
    def test_numbers_the_strict_parser_refuses(self, text):
        doc, _, _ = parse_json_plain(text)
        assert tally(doc) is None

    def test_a_number_with_too_many_digits(self):
        text = "[" + "7" * 4301 + "]"
        limit = sys.get_int_max_str_digits()
        sys.set_int_max_str_digits(4300)
        try:
            assert parse_json_plain(text) is None  # Python's own limit
            sys.set_int_max_str_digits(0)
            doc, _, _ = parse_json_plain(text)
            assert tally(doc) is None
        finally:
            sys.set_int_max_str_digits(limit)

    def test_bad_json_is_left_to_the_strict_parser(self):
        assert parse_json_plain('{"a": }') is None
        assert parse_json_plain("[" * 100_000) is None


class TestQuickWay:
    def test_a_plain_document_is_read_without_the_passes(self, passes_used):
        m = aif.loads(document())
        assert passes_used == []
        assert [c.id for c in m.claims] == ["a", "b"]
        (r,) = m.relations
        assert (r.premises, r.target, r.scheme) == (("b",), "a", "Example")
        assert r.data == {"edges": ({}, {"edgeID": "7"})}

    @settings(max_examples=200)
    @given(aif_json(argument_maps(with_metadata=False)))
    def test_same_map_as_the_passes(self, text):
        assert outcome(aif.loads, text) == outcome(reference, text)

    @given(aif_json())
    def test_documents_with_every_field_read_the_same(self, text):
        assert outcome(aif.loads, text) == outcome(reference, text)

    def test_texts_with_quotes_and_backslashes(self, passes_used):
        text = 'He said "no": C:\\ and \\" \\\\'
        node = Raw(obj(("nodeID", 'a"\\'), ("text", text), ("type", "I"), ('k"\\', "\\")))
        m = aif.loads(document((node,), ()))
        assert passes_used == []
        assert m.claims[0].text == text and m.claims[0].data == {'k"\\': "\\"}

    @pytest.mark.parametrize(
        "text",
        [
            document((Raw(obj(("nodeID", "a"), ("text", "A"), ("type", "I"), ("text", "B"))), I2, RA)),
            document((I1, I2, Raw(obj(("nodeID", "r"), ("type", "RA"), ("type", "RA")))), (E1, E2)),
            document((I1, I2, RA), (E1, Raw(obj(("fromID", "r"), ("toID", "a"), ("toID", "a"))))),
            document((I1, I2, RA), (E1, E2), ("title", "x"), ("title", "y")),
            document((I1, I2, RA), (E1, E2), ("locutions", Raw(f"[{obj(('k', 1), ('k', 2))}]"))),
            document(
                (I1, Raw(obj(("nodeID", "y"), ("text", "Y"), ("type", "YA"), ("v", Raw(obj(("x", 1), ("x", 1))))))), ()
            ),
            document((I1, I2, RA), (E1, E2), ("nodes", Raw("[]"))),
            '{"AIF": ' + document() + ', "text": "x", "text": "y"}',
            document((Raw(obj(("nodeID", "a"), ("text", "A"), ("type", "I"), ("n", Raw("NaN")))),), ()),
            document((Raw(obj(("nodeID", "a"), ("text", "A"), ("type", "I"), ("n", Raw("1e400")))),), ()),
        ],
    )
    def test_what_the_strict_parser_refuses_is_its_error(self, text):
        with pytest.raises(ParseError) as got:
            aif.loads(text)
        with pytest.raises(ParseError) as expected:
            parse_json(text)
        assert str(got.value) == str(expected.value)
        assert (got.value.lineno, got.value.colno) == (expected.value.lineno, expected.value.colno)

    @pytest.mark.parametrize(
        "text",
        [
            document((Raw(obj(("nodeID", 1), ("text", "A"), ("type", "I"))),), ()),  # a numeric id
            document((I1, I2, RA), (E1,)),  # an inference without conclusion: a warning
            document((I1, Raw(obj(("nodeID", "a"), ("text", "B"), ("type", "I")))), ()),  # a repeated id
            document((Raw(obj(("nodeID", "a"), ("text", "A"), ("type", "I"), ("q", Raw("[1]")))),), ()),
            document(
                (Raw(obj(("nodeID", "a"), ("text", "A"), ("type", "I"), ("argmap", Raw('{"tags": ["t"]}')))),), ()
            ),
            document((I1, I2, RA), (E1, E2, Raw(obj(("fromID", "a"), ("toID", "b"))))),  # I to I: an error
            document((I1, I2, RA), (E1, E2, Raw(obj(("fromID", "a"), ("toID", "zz"))))),  # a dangling end
            document((I1, I2, Raw(obj(("nodeID", "r"), ("text", "RA"), ("type", "XA")))), ()),
            '{"AIF": ' + document() + ', "OVA": {"k": 1}}',
        ],
    )
    def test_unusual_documents_are_read_by_the_passes(self, text, passes_used):
        assert outcome(aif.loads, text) == outcome(reference, text)
        assert passes_used

    def test_a_warning_points_at_the_caller(self):
        with pytest.warns(LossyConversionWarning, match="RA-node 'r' has no conclusion") as record:
            aif.loads(document((I1, I2, RA), (E1,)))
        assert record[0].filename == __file__


keys = st.sampled_from(["nodeID", "text", "type", "fromID", "toID", "edgeID", "scheme", "argmap", "edges", "t"])
ids_ = st.sampled_from(["a", "b", "r", "c", 1])
scalars = st.sampled_from([None, True, 0, 1.5, "", "a", "b", "r", "c", "I", "RA", "CA", "YA", "RA ", '"', "\\"])
pairs = st.lists(st.tuples(keys, scalars | ids_ | st.just(Raw("[]")) | st.just(Raw('{"x": 1}'))), max_size=5)
nodes_ = st.lists(
    st.builds(
        lambda nid, t, text, more: obj(("nodeID", nid), ("type", t), ("text", text), *more),
        ids_,
        st.sampled_from(["I", "I", "RA", "CA", "YA", "XA"]),
        st.sampled_from(["A", "RA", "CA", 3]),
        pairs,
    ).map(Raw),
    max_size=6,
)
edges_ = st.lists(
    st.builds(lambda a, b, more: obj(("fromID", a), ("toID", b), *more), ids_, ids_, pairs).map(Raw), max_size=6
)


class TestFuzz:
    """Documents with the usual outline and random, sometimes repeated,
    fields: the quick way and the passes give the same map, error and
    warnings."""

    @settings(max_examples=300)
    @given(nodes_, edges_, st.lists(st.tuples(st.sampled_from(["x", "argmap", "nodes", "AIF"]), scalars), max_size=2))
    def test_same_outcome(self, nodes, edges, more):
        text = document(nodes, edges, *more)
        assert outcome(aif.loads, text) == outcome(reference, text)


def _fresh_relation_data(text):
    """The data of each relation of *text* read the quick way, none read yet."""
    return [r.data for r in aif.loads(text).relations]


class TestEdgeFieldsMadeWhenRead:
    """A relation's edges' fields (``data["edges"]``) are made when first
    read: until then the data holds the parsed dicts.  In every other way it
    is the FrozenDict the passes make."""

    def test_not_made_until_read(self):
        (d,) = _fresh_relation_data(document())
        with pytest.raises(AttributeError):
            object.__getattribute__(d, "_d")
        assert d["edges"][1] == {"edgeID": "7"}
        assert object.__getattribute__(d, "_d") is not None

    def test_written_without_being_made(self):
        m = aif.loads(document())
        assert aif.dumps(m) == aif.dumps(reference(document()))
        with pytest.raises(AttributeError):
            object.__getattribute__(m.relations[0].data, "_d")

    @settings(max_examples=50)
    @given(aif_json(argument_maps(with_metadata=False)))
    def test_written_the_same_once_made(self, text):
        m = aif.loads(text)
        for r in m.relations:
            dict(r.data)  # made
        assert aif.dumps(m) == aif.dumps(reference(text))

    def test_hashed_and_compared_before_anything_else(self):
        (expected,) = [r.data for r in reference(document()).relations]
        (d,) = _fresh_relation_data(document())
        assert hash(d) == hash(expected)
        (d,) = _fresh_relation_data(document())
        assert d._key() == expected._key()
        assert d == expected

    @settings(max_examples=100)
    @given(aif_json(argument_maps(with_metadata=False)))
    def test_same_as_the_passes_in_every_way(self, text):
        expected = [r.data for r in reference(text).relations]
        ways = [
            lambda d: d,
            lambda d: pickle.loads(pickle.dumps(d)),
            lambda d: pickle.loads(pickle.dumps(d, protocol=2)),
            copy.copy,
            copy.deepcopy,
        ]
        for way in ways:
            got = [way(d) for d in _fresh_relation_data(text)]
            assert got == expected
            assert [hash(d) for d in got] == [hash(d) for d in expected]
            assert [repr(d) for d in got] == [repr(d) for d in expected]
            assert [list(d.items()) for d in got] == [list(d.items()) for d in expected]

    def test_as_a_field_value_it_stays_as_it_is(self):
        m = aif.loads(document())
        (r,) = m.relations
        evolved = attrs.evolve(r, scheme=None)
        assert evolved.data is r.data
        assert argmap.dumps(argmap.ArgumentMap(m.claims, [evolved])) == argmap.dumps(
            argmap.ArgumentMap(m.claims, [attrs.evolve(reference(document()).relations[0], scheme=None)])
        )

    def test_threads_reading_at_once_see_the_same(self):
        edges = [Raw(obj(("fromID", "b"), ("toID", f"r{i}"), ("x", i))) for i in range(200)]
        edges += [Raw(obj(("fromID", f"r{i}"), ("toID", "a"))) for i in range(200)]
        nodes = [I1, I2] + [Raw(obj(("nodeID", f"r{i}"), ("text", "RA"), ("type", "RA"))) for i in range(200)]
        text = document(nodes, edges)
        expected = [r.data for r in reference(text).relations]
        for _ in range(5):
            data = _fresh_relation_data(text)
            barrier = threading.Barrier(4)

            def read(out, data=data, barrier=barrier):
                barrier.wait()
                out.extend(dict(d) for d in data)

            outs = [[] for _ in range(4)]
            threads = [threading.Thread(target=read, args=(o,)) for o in outs]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            assert all(o == [dict(d) for d in expected] for o in outs)


odd_text = st.text(
    alphabet=st.sampled_from(["a", " ", ">", "\n", "\t", "\x00", "\x7f", "\x85", "\u200d", "\ufdd0", "\U0001f600"])
)


class TestIdsAndTexts:
    """The quick way checks each id and text as the map would, and leaves
    the map to check those it cannot pass at once: same map, same error."""

    @settings(max_examples=300)
    @given(odd_text, odd_text, odd_text)
    def test_same_outcome(self, claim_id, text, relation_id):
        nodes = (
            Raw(obj(("nodeID", claim_id), ("text", text), ("type", "I"))),
            I2,
            Raw(obj(("nodeID", relation_id), ("text", "RA"), ("type", "RA"))),
        )
        edges = (
            Raw(obj(("fromID", "b"), ("toID", relation_id))),
            Raw(obj(("fromID", relation_id), ("toID", claim_id), ("edgeID", "7"))),
        )
        text_ = document(nodes, edges)
        assert outcome(aif.loads, text_) == outcome(reference, text_)

    @pytest.mark.parametrize(
        ("claim_id", "text"),
        [("a", "two\nlines"), ("a", "tab\there"), ("a\u200d", "A"), ("a", "\u200dA")],
    )
    def test_valid_though_not_printable(self, claim_id, text, passes_used):
        nodes = (Raw(obj(("nodeID", claim_id), ("text", text), ("type", "I"))), I2, RA)
        edges = (E1, Raw(obj(("fromID", "r"), ("toID", claim_id))))
        m = aif.loads(document(nodes, edges))
        assert passes_used == []
        assert m.claim(claim_id).text == text

    @pytest.mark.parametrize(
        ("claim_id", "text", "problem"),
        [(" a", "A", "bad-id"), ("a", "   ", "empty-text"), ("a", "nul\x00", "bad-char"), ("a\x01", "A", "bad-id")],
    )
    def test_refused_as_the_map_refuses(self, claim_id, text, problem):
        nodes = (Raw(obj(("nodeID", claim_id), ("text", text), ("type", "I"))), I2, RA)
        edges = (E1, Raw(obj(("fromID", "r"), ("toID", claim_id))))
        with pytest.raises(argmap.ValidationError) as info:
            aif.loads(document(nodes, edges))
        assert problem in [p.code for p in info.value.problems]


def _strings(value):
    """Every key and string in a value json.loads made."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)
    elif isinstance(value, str):
        yield value


class TestTextFacts:
    """What one look at the whole text tells the reader of its strings."""

    @given(st.dictionaries(odd_text, json_values | odd_text, max_size=4), st.booleans())
    def test_what_they_promise_holds(self, value, ascii_only):
        text = json.dumps(value, ensure_ascii=ascii_only)
        facts = _aif_fast._facts(text)
        strings = list(_strings(json.loads(text)))
        if facts.printable:
            assert all(s.isprintable() for s in strings)
        if not facts.arrows:
            assert not any(">" in s for s in strings)

    def test_a_raw_delete_character_is_not_printable(self):
        assert not _aif_fast._facts('{"a": "x\x7f"}').printable
        assert _aif_fast._facts('{"a": "x y"}') == (True, False)


flat_values = json_scalars | tricky_text
flat_objects = st.dictionaries(tricky_text, flat_values, max_size=4)


class TestFrozenParsed:
    """A value json.loads made, frozen without a walk where its shape is the
    usual one: the value freeze_at makes, in the same order."""

    @given(json_values | flat_objects | st.lists(flat_objects, max_size=4) | st.lists(flat_values, max_size=4))
    def test_same_as_freeze_at(self, value):
        parsed = json.loads(json.dumps(value))
        expected = _common.freeze_at(json.loads(json.dumps(value)), "x")
        got = _common.frozen_parsed(parsed, "x")
        assert got == expected and repr(got) == repr(expected) and type(got) is type(expected)

    def test_the_document_fields_of_a_dialogue_map(self):
        text = document(
            (I1, I2, RA, Raw(obj(("nodeID", "l"), ("text", "Bob: A"), ("type", "L")))),
            (E1, E2, Raw(obj(("fromID", "l"), ("toID", "a")))),
            ("locutions", Raw('[{"nodeID": "l", "personID": 1, "start": null}]')),
            ("participants", Raw('[{"participantID": 1, "firstname": "Bob", "meta": {"a": [1]}}]')),
        )
        assert outcome(aif.loads, text) == outcome(reference, text)
        m = aif.loads(text)
        assert m.data["participants"][0]["meta"] == {"a": (1,)}
        assert m.data["locutions"][0]["personID"] == 1
