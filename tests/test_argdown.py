"""Argdown: reading as the reference does, writing what it reads back.

Expectations under tests/data/argdown/ were made by the reference
implementation (@argdown/cli 1.7.5, ``argdown json``): ``valid/NAME.json``
holds its statements (title -> wordings), argument titles and relations;
``invalid/NAME.error`` the line:column of the first error it reports (empty
when it names none) and its message.  For invalid YAML the reference names
the line and column inside the block: the ``.error`` file gives the block's
own line:column, where argmap reports it, and the reference's message.
"""

import glob
import json
import os
import shutil
import subprocess
import warnings

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from argmap import ArgumentMap, Claim, Kind, MapBuilder, Relation
from argmap.errors import ArgmapError, FormatError, LossyConversionWarning, ParseError
from argmap.formats import format_for_path, get_format
from argmap.formats.argdown import dumps, loads
from argmap.formats.argdown._parser import MAX_NESTING
from argmap.formats.argdown._writer import escape
from argmap.formats.argdown_json import to_data
from argmap.strategies import argdown_texts, argument_maps, claim_texts, ids

HERE = os.path.dirname(__file__)
DATA = os.path.join(HERE, "data", "argdown")
CORPUS = os.path.join(HERE, "..", "..", "shared", "corpora", "argdown")
ONE_LINE = claim_texts().filter(lambda t: "\n" not in t)


def summary(data):
    """What the conformance tests compare: statements (title -> wordings),
    argument titles, relations (as sorted tuples), and the data (YAML data
    blocks) of statements and arguments."""
    return {
        "statements": {
            k: [m["text"] for m in v["members"] if m.get("text") and m["text"].strip()] for k, v in data["statements"].items()
        },
        "arguments": sorted(data["arguments"]),
        "relations": sorted([r["from"], r["fromType"], r["relationType"], r["to"], r["toType"]] for r in data["relations"]),
        "data": {
            kind: {k: v["data"] for k, v in data[kind].items() if v.get("data") is not None} for kind in ("statements", "arguments")
        },
    }


def relations(m):
    return [(r.id, r.kind.value, r.premises, r.target) for r in m.relations]


def _files(folder, pattern="*.argdown"):
    return sorted(glob.glob(os.path.join(folder, pattern)))


def _id(path):
    return os.path.basename(path)


# --------------------------------------------------------------------------
# Reading


class TestLoads:
    def test_relations_in_both_directions(self):
        m = loads("A\n  +> B\n  -> C\n  <+ D\n  <- E\n")
        a, b, c, d, e = (x.id for x in m.claims)
        assert [x.text for x in m.claims] == ["A", "B", "C", "D", "E"]
        assert relations(m) == [
            ("r1", "support", (a,), b),
            ("r2", "attack", (a,), c),
            ("r3", "support", (d,), a),
            ("r4", "attack", (e,), a),
        ]

    def test_untitled_statements_are_named_as_the_reference_names_them(self):
        m = loads("A\n  + B\n\nC\n")
        assert [c.id for c in m.claims] == ["Untitled 1", "Untitled 2", "Untitled 3"]

    def test_pcs_is_a_linked_relation_with_the_argument_title(self):
        m = loads("<Arg>: Why.\n\n(1) [P]: p\n(2) [Q]: q\n-- Modus ponens --\n(3) [C]: c\n")
        assert [c.id for c in m.claims] == ["P", "Q", "C"]
        (r,) = m.relations
        assert (r.id, r.kind, r.premises, r.target) == ("Arg", Kind.SUPPORT, ("P", "Q"), "C")
        assert r.data["argdown"] == {"description": "Why.", "rules": ("Modus ponens",)}

    def test_multi_step_pcs(self):
        m = loads("<A>\n\n(1) p\n(2) q\n----\n(3) r\n(4) s\n----\n(5) t\n")
        assert relations(m) == [
            ("A (3)", "support", ("Untitled 1", "Untitled 2"), "Untitled 3"),
            ("A", "support", ("Untitled 3", "Untitled 4"), "Untitled 5"),
        ]
        assert m["A (3)"].data["argdown"] == {"argument": "A", "conclusion": 3}

    def test_undercut_targets_the_inference(self):
        m = loads("<Arg>\n\n(1) [P]: p\n----\n(2) [C]: c\n\n[U]: u\n  _> <Arg>\n")
        assert relations(m)[-1] == ("r1", "attack", ("U",), "Arg")

    def test_argument_without_pcs_is_a_claim(self):
        m = loads("[T]: t\n  - <Coffee>: Coffee is stronger.\n")
        assert m["<Coffee>"].text == "Coffee is stronger."
        assert m["<Coffee>"].data["argdown"] == {"argument": True}
        assert relations(m) == [("r1", "attack", ("<Coffee>",), "T")]

    def test_relations_of_a_reconstructed_argument_start_at_its_conclusion(self):
        m = loads("<A>\n\n(1) [P]: p\n----\n(2) [C]: c\n\n<A>\n  -> [T]: t\n")
        assert relations(m)[-1] == ("r1", "attack", ("C",), "T")

    def test_strict_mode(self):
        m = loads("===\nmodel:\n  mode: strict\n===\n\n[A]: a\n  + [B]: b\n  - [C]: c\n  >< [D]: d\n")
        assert [r.kind for r in m.relations] == [Kind.ENTAILS, Kind.CONTRARY, Kind.CONTRADICTORY]
        assert m.data["argdown"]["mode"] == "strict"

    def test_loose_mode_contradiction(self):
        m = loads("[A]: a\n  >< [D]: d\n")
        assert relations(m) == [("r1", "contradictory", ("A",), "D")]

    def test_equivalence_class(self):
        m = loads("[A]: first\n\n[A]: second\n\n[B]: b\n  + [A]\n")
        assert m["A"].text == "first"
        assert m["A"].data["argdown"]["wordings"] == ("second",)

    def test_tags_links_mentions_and_escapes(self):
        m = loads("[T]: See [the site](https://x.org) and @[A]. #pro #(long tag) \\# \\[x\\]\n")
        assert m["T"].text == "See the site and @[A]. #pro #(long tag) # [x]"
        assert m["T"].tags == ("pro", "long tag")

    def test_headings_and_data(self):
        m = loads("===\ntitle: My map\n===\n\n# Part one\n\n[A]: a {color: red}\n")
        assert m.title == "My map"
        assert m["A"].data["argdown"] == {"data": {"color": "red"}, "section": "Part one"}
        assert m.data["argdown"]["sections"][0]["title"] == "Part one"

    def test_windows_line_endings_and_bom(self):
        assert loads("\ufeffA\r\n  + B\r\n") == loads("A\n  + B\n")
        assert loads("A\n  + B\n".encode("utf-8-sig")) == loads("A\n  + B\n")

    def test_deep_indentation_is_a_parse_error_not_a_recursion_error(self):
        deep = "A\n" + "".join(f"{'  ' * (i + 1)}+ S{i}\n" for i in range(3000))
        with pytest.raises(ParseError, match="nest more than"):
            loads(deep)
        ok = "A\n" + "".join(f"{'  ' * (i + 1)}+ S{i}\n" for i in range(MAX_NESTING))
        assert len(loads(ok).relations) == MAX_NESTING

    def test_deeply_nested_bold_is_a_parse_error(self):
        with pytest.raises(ParseError):
            loads("**" * 5000 + "x")

    def test_bad_utf8(self):
        with pytest.raises(ParseError, match="not UTF-8"):
            loads(b"A \xff")

    def test_error_location(self):
        with pytest.raises(ParseError) as info:
            loads("A\n\n  + B\n", )
        err = info.value
        assert (err.lineno, err.colno) == (3, 1)
        assert err.excerpt == "  + B\n^"

    def test_registered(self):
        assert format_for_path("x.argdown").name == "argdown"
        assert format_for_path("x.ad").name == "argdown"
        assert format_for_path("x.argdown.json").name == "argdown-json"


class TestYaml:
    """Front matter and data blocks are YAML, read as the reference reads them."""

    def test_data_is_parsed(self):
        m = loads("[A]: a {color: red, size: 2}\n  + [B]: b\n    {\n      list: [1, x]\n      nested:\n        k: v\n    }\n")
        assert m["A"].data["argdown"]["data"] == {"color": "red", "size": 2}
        assert m["B"].data["argdown"]["data"] == {"list": (1, "x"), "nested": {"k": "v"}}

    def test_yaml_1_2_scalars_and_json_values(self):
        m = loads("[A]: a {a: yes, b: on, c: 1e3, d: 0o17, e: ~, f: 2020-01-02, g: 1:20, 1: one, true: t, h: .inf}\n")
        assert dict(m["A"].data["argdown"]["data"]) == {
            "a": "yes",
            "b": "on",
            "c": 1000.0,
            "d": 15,
            "e": None,
            "f": "2020-01-02T00:00:00.000Z",
            "g": "1:20",
            "1": "one",
            "true": "t",
            "h": ".inf",
        }

    def test_equivalence_class_data_merges_as_the_reference_does(self):
        m = loads("[A]: a {x: 1, d: {p: 1}, l: [1, 2, 3]}\n\n[A]: again {y: 2, d: {q: 2}, l: [9]}\n")
        assert m["A"].data["argdown"]["data"] == {"x": 1, "d": {"p": 1, "q": 2}, "l": (9, 2, 3), "y": 2}

    def test_argument_inference_and_heading_data(self):
        m = loads("# H {isGroup: true}\n\n<Arg>: why {w: 1}\n\n(1) [P]: p\n-- rule {uses: [1]} --\n(2) [C]: c\n")
        info = m["Arg"].data["argdown"]
        assert info["data"] == {"w": 1}
        assert info["inference_data"] == {"uses": (1,)}
        assert m.data["argdown"]["sections"][0]["data"] == {"isGroup": True}

    def test_empty_blocks(self):
        assert loads("[A]: a {}\n")["A"].data["argdown"]["data"] == {}
        assert not loads("[A]: a\n  {\n  }\n")["A"].data
        assert not loads("===\n===\n\n[A]: a\n").data

    def test_front_matter(self):
        m = loads("===\ntitle: 'It''s a map'\nauthor: me\nmodel: {mode: strict}\n===\n\n[A]: a\n  + [B]: b\n")
        assert m.title == "It's a map"
        assert m.data["argdown"]["front_matter"] == {"author": "me", "model": {"mode": "strict"}}
        assert m.relations[0].kind is Kind.ENTAILS

    def test_only_model_mode_strict_is_strict(self):
        for fm in ("# model: {mode: strict}", "mode: strict", "model: strict", "model: {mode: Strict}"):
            m = loads(f"===\n{fm}\n===\n\n[A]: a\n  + [B]: b\n")
            assert m.relations[0].kind is Kind.SUPPORT, fm

    @pytest.mark.parametrize(
        "text, where, message",
        [
            ("[A]: a\n  + [B]: b {x: [1, 2}\n", "2:12", "invalid YAML in the data block at 2:21"),
            ("[A]: a {x: 1, x: 2}\n", "1:8", "duplicated mapping key"),
            ("===\ntitle: [a\n===\n\n[A]: a\n", "1:1", "invalid YAML in the front matter"),
            ("(1) p\n-- r {a: b: c} --\n(2) c\n", "2:6", "invalid YAML in the data block"),
            ("[A]: a {x: !!python/object/apply:os.system [ls]}\n", "1:8", "could not determine a constructor"),
            ("[A]: a {1: x, '1': y}\n", "1:8", "duplicated mapping key '1'"),
            ("[A]: a {[1]: x}\n", "1:8", "a key must be"),
            ("[A]: a\n  {\n  - a list\n  }\n", "2:3", "must be a YAML mapping"),
            ("===\njust text\n===\n\n[A]: a\n", "1:1", "must be a YAML mapping"),
            ("[A]: a {" + "[" * 2000 + "}\n", "1:8", "data block"),
        ],
    )
    def test_invalid_yaml_is_a_parse_error_at_the_block(self, text, where, message):
        with pytest.raises(ParseError, match=message) as info:
            loads(text)
        assert f"{info.value.lineno}:{info.value.colno}" == where

    def test_data_round_trips(self):
        text = (
            "===\ntitle: T\nauthor: {name: 'x}} y', 'odd key': [1, 2.5, null, true]}\nsep: a == b\nmodel: {mode: strict}\n===\n\n"
            "[A]: a {s: \"close}brace\", u: \"line\\u2028sep\", é: ü, n: -3, f: 1e-7}\n  + [B]: b\n\n"
            "<Arg>: why {w: 1}\n\n(1) [P]: p\n-- rule {uses: [1], '#': x} --\n(2) [A]\n"
        )
        m = loads(text)
        assert loads(_quiet_dumps(m)) == m
        assert dumps(loads(dumps(m))) == dumps(m)
        # text that would end the front matter or a data block is escaped
        odd = "a === b } c\u2028d"
        m = ArgumentMap(
            [Claim("a", "a", data={"argdown": {"data": {odd: odd}}}), Claim("b", "b")],
            [Relation("r1", Kind.SUPPORT, ("b",), "a", data={"argdown": {"inference_data": {"k": odd}}})],
            title=odd,
            data={"argdown": {"front_matter": {odd: [odd, {"x": odd}]}}},
        )
        assert loads(_quiet_dumps(m)) == m

    @settings(max_examples=60)
    @given(
        st.dictionaries(
            st.text(max_size=8),
            st.recursive(
                st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=12),
                lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
                max_leaves=8,
            ),
            max_size=4,
        )
    )
    def test_any_json_data_round_trips(self, data):
        m = ArgumentMap([Claim("a", "a", data={"argdown": {"data": data}}), Claim("b", "b")], [Relation("r1", Kind.SUPPORT, ("b",), "a")])
        assert loads(_quiet_dumps(m)) == m

    def test_data_kept_as_text_is_still_written(self):
        m = ArgumentMap([Claim("a", "a", data={"argdown": {"data": ["{x: 1}", "{y: 2}"]}})], [])
        assert loads(_quiet_dumps(m))["a"].data["argdown"]["data"] == {"x": 1, "y": 2}


class TestDataDriven:
    @pytest.mark.parametrize("path", _files(os.path.join(DATA, "valid")), ids=_id)
    def test_valid(self, path):
        with open(path, "rb") as f:
            m = loads(f.read())
        with open(path[: -len(".argdown")] + ".json", encoding="utf-8") as f:
            expected = json.load(f)
        got = json.loads(json.dumps(summary(to_data(m))))
        if "data" not in expected:  # (made before argmap read YAML)
            del got["data"]
        assert got == expected

    @pytest.mark.parametrize("path", _files(os.path.join(DATA, "invalid")), ids=_id)
    def test_invalid(self, path):
        with open(path[: -len(".argdown")] + ".error", encoding="utf-8") as f:
            where = f.read().split("\n")[0]
        with open(path, "rb") as f, pytest.raises(ParseError) as info:
            loads(f.read())
        if where:
            assert f"{info.value.lineno}:{info.value.colno}" == where


@pytest.mark.skipif(not os.path.isdir(CORPUS), reason="../shared/corpora/argdown is not here")
class TestConformance:
    """The shared corpus: 39 Argdown files and what the reference made of them."""

    def cases(self):
        out = []
        for path in _files(os.path.join(CORPUS, "fixtures"), "*"):
            name = os.path.splitext(os.path.basename(path))[0]
            ref = os.path.join(CORPUS, "reference-json", name)
            if os.path.exists(ref + ".json"):
                out.append((path, ref + ".json"))
            elif os.path.exists(ref + ".stderr.txt"):
                out.append((path, ref + ".stderr.txt"))
        return out

    def test_every_fixture(self):
        import re

        passed, failures = 0, []
        cases = self.cases()
        for path, ref in cases:
            with open(path, "rb") as f:
                text = f.read()
            if ref.endswith(".json"):
                with open(ref, encoding="utf-8") as f:
                    expected = summary(json.load(f))
                try:
                    got = summary(to_data(loads(text)))
                except ArgmapError as e:
                    failures.append(f"{path}: {e}")
                    continue
                if got == expected:
                    passed += 1
                else:
                    failures.append(f"{path}: differs from the reference")
            else:
                with open(ref, encoding="utf-8") as f:
                    m = re.search(r"At (\d+):(\d+)", f.read())
                try:
                    loads(text)
                    failures.append(f"{path}: accepted, the reference rejects it")
                except ParseError as e:
                    if m and e.lineno != int(m.group(1)):
                        failures.append(f"{path}: error on line {e.lineno}, the reference says {m.group(1)}")
                    else:
                        passed += 1
        print(f"Argdown conformance: {passed} of {len(cases)} fixtures")
        assert not failures, "\n".join(failures)
        assert len(cases) == 35


# --------------------------------------------------------------------------
# Writing


def _quiet_dumps(m):
    with warnings.catch_warnings():
        warnings.simplefilter("error", LossyConversionWarning)
        return dumps(m)


class TestDumps:
    def test_idiomatic_tree(self):
        b = MapBuilder(title="Tea")
        t = b.claim("Tea is better.")
        p = b.support(t, "It tastes better.")
        b.attack(p.premise, "Taste is subjective.")
        b.attack(t, "Coffee is stronger.")
        assert dumps(b.build()) == (
            '===\ntitle: "Tea"\n===\n\n'
            "[c1]: Tea is better\\.\n"
            "  + [c2]: It tastes better\\.\n"
            "    - [c3]: Taste is subjective\\.\n"
            "  - [c4]: Coffee is stronger\\.\n"
        )

    def test_linked_premises_become_a_pcs(self):
        b = MapBuilder()
        t = b.claim("C")
        b.support(t, ["P", "Q"])
        text = dumps(b.build())
        assert "<r1>\n\n(1) [c2]: P\n(2) [c3]: Q\n----\n(3) [c1]\n" in text
        assert loads(text) == b.build()

    def test_linked_attack_notes_its_kind(self):
        b = MapBuilder()
        t = b.claim("C")
        b.attack(t, ["P", "Q"])
        assert "-- {kind: attack} --" in dumps(b.build())
        assert loads(dumps(b.build())) == b.build()

    def test_undercut(self):
        b = MapBuilder()
        t = b.claim("C")
        r = b.support(t, "P")
        b.undercut(r, "U")
        m = b.build()
        text = dumps(m)
        assert "<r1>\n  <_ [c3]: U" in text
        assert loads(text) == m

    def test_escapes(self):
        assert escape(" lead") == "\\ lead"
        assert escape("a.\tb") == "a\\.\\\tb"
        assert escape("#t", keep=frozenset({"t"})) == "#t"
        assert escape("@[A] x") == "@[A] x"

    def test_deterministic(self):
        m = loads("[A]: a\n  + [B]: b\n")
        assert dumps(m) == dumps(loads(dumps(m)))

    @settings(max_examples=40)
    @given(argument_maps(texts=ONE_LINE, kinds=tuple(Kind), shared_claims=True, cycles=True, undercuts=False))
    def test_round_trip_all_kinds(self, m):
        assert loads(_quiet_dumps(m)) == m

    @settings(max_examples=40)
    @given(argument_maps(texts=ONE_LINE, linked=False, shared_claims=True))
    def test_round_trip_undercuts(self, m):
        by_id = {r.id: r for r in m.relations}
        # Argdown cannot undercut an undercut, nor write one relation twice.
        assume(not any(r.target in by_id and by_id[r.target].target in by_id for r in m.relations))
        keys = [(r.premises, r.kind, r.target) for r in m.relations if r.target in by_id]
        assume(len(keys) == len(set(keys)))
        assert loads(_quiet_dumps(m)) == m

    @settings(max_examples=40)
    @given(argument_maps(texts=ONE_LINE, ids=ids(), shared_claims=True))
    def test_round_trip_or_warning(self, m):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            text = dumps(m)
        back = loads(text)
        if not any(issubclass(w.category, LossyConversionWarning) for w in caught):
            assert back == m

    def test_warned_losses(self):
        m = ArgumentMap(
            [Claim("a", "line\nbreak", tags=("t",), base_score=0.5), Claim("b", "b")],
            [Relation("r1", Kind.SUPPORT, ("b",), "a", scheme="Expert opinion")],
        )
        with pytest.warns(LossyConversionWarning) as caught:
            loads(dumps(m))
        message = str(caught[0].message)
        for part in ("line breaks", "tag 't'", "base score", "scheme"):
            assert part in message

    def test_linked_undercut_is_a_warned_loss(self):
        b = MapBuilder()
        r = b.support(b.claim("C"), "P")
        b.undercut(r, ["U", "V"])
        with pytest.warns(LossyConversionWarning, match="separate relations"):
            dumps(b.build())


# --------------------------------------------------------------------------
# argdown-json


class TestArgdownJson:
    def test_write_only(self):
        with pytest.raises(FormatError, match="write-only"):
            get_format("argdown-json").loads("{}")

    def test_shape(self):
        m = loads("[A]: a\n  + <X>: x\n\n<Y>\n\n(1) [P]: p\n----\n(2) [A]\n")
        data = json.loads(get_format("argdown-json").dumps(m))
        assert sorted(data) == ["arguments", "relations", "sections", "statements", "tags"]
        assert data["relations"] == [
            {"type": "relation", "relationType": "support", "from": "X", "fromType": "argument", "to": "A", "toType": "equivalence-class"}
        ]
        assert sorted(data["arguments"]) == ["X", "Y"]
        assert [s["role"] for s in data["arguments"]["Y"]["pcs"]] == ["premise", "main-conclusion"]


# --------------------------------------------------------------------------
# Any text


class TestAnyText:
    @given(argdown_texts())
    def test_map_or_parse_error(self, text):
        try:
            m = loads(text)
        except ParseError:
            return
        assert isinstance(m, ArgumentMap)
        if m.claims:  # (a document of headings alone has none)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                assert isinstance(loads(dumps(m)), ArgumentMap)

    @given(argdown_texts(valid=True))
    def test_valid_texts_read(self, text):
        assert isinstance(loads(text), ArgumentMap)

    @given(st.text(alphabet=" \t\n\r+-<>_*#[]():.,@{}\\/!=123aA'", max_size=120))
    def test_syntax_soup(self, text):
        try:
            loads(text)
        except ParseError:
            pass


# --------------------------------------------------------------------------
# The reference itself, when it is installed (never on CI)

ARGDOWN = os.environ.get("ARGDOWN_CLI") or shutil.which("argdown") or (
    "/tmp/ad/node_modules/.bin/argdown" if os.path.exists("/tmp/ad/node_modules/.bin/argdown") else None
)


@pytest.mark.skipif(ARGDOWN is None, reason="the reference @argdown/cli is not installed")
def test_reference_reads_what_dumps_writes(tmp_path):
    b = MapBuilder(title="Check === it")
    data = {"color": "red } {", "n": [1, 2.5, None, True], "when": "2020-01-02T00:00:00.000Z", "nested": {"yes": "on"}}
    t = b.claim("Thesis: with [brackets], <angles> and #hash.", data={"argdown": {"data": data}})
    r = b.support(t, ["Premise one", "Premise two"])
    b.undercut(r, "An undercutter")
    b.attack(t, "Objection *starred*")
    b.relate(Kind.CONTRADICTORY, t, "Contradiction")
    m = b.build()
    path = tmp_path / "check.argdown"
    path.write_text(dumps(m), encoding="utf-8")
    subprocess.run([ARGDOWN, "json", str(path), str(tmp_path)], check=True, capture_output=True, timeout=120)
    with open(tmp_path / "check.json", encoding="utf-8") as f:
        reference = summary(json.load(f))
    assert reference == summary(to_data(m))


def test_committed_seed_example_is_current():
    """examples/syria_airstrikes.argdown is what `make demo` writes, and reads
    back as the seed map's claims and relations (its quotes and source stay in
    the JSON)."""
    import importlib.util

    root = os.path.dirname(HERE)
    spec = importlib.util.spec_from_file_location("syria_airstrikes_argdown", os.path.join(root, "examples", "syria_airstrikes.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    m = module.build_map()
    with pytest.warns(LossyConversionWarning, match="quote"):
        text = dumps(m)
    with open(os.path.join(root, "examples", "syria_airstrikes.argdown"), encoding="utf-8") as f:
        assert f.read() == text
    back = loads(text)
    assert back.relations == m.relations
    assert [(c.id, c.text) for c in back.claims] == [(c.id, c.text) for c in m.claims]


class TestDirectPath:
    """Plain documents skip the syntax tree (_model.build_direct); they must
    come out exactly as the full path makes them."""

    @staticmethod
    def both(text):
        from argmap.formats.argdown._convert import to_map
        from argmap.formats.argdown._lexer import tokenize
        from argmap.formats.argdown._model import build, build_direct
        from argmap.formats.argdown._parser import parse

        try:
            tokens = tokenize(text)
        except ParseError:
            return None, None
        direct = build_direct(text, tokens)
        if direct is None:
            return None, None
        full = build(text, parse(text, tokens))

        def outcome(doc):
            try:
                return to_map(doc, text)
            except ParseError as e:  # a document the model cannot hold
                return str(e)

        return outcome(direct), outcome(full)

    # (a document the direct path accepts must parse in full too: a
    # ParseError from the full path fails these tests)

    @given(argdown_texts())
    def test_same_as_full_path(self, text):
        direct, full = self.both(text)
        assert direct == full

    @given(
        st.lists(
            st.sampled_from(["A", "B c", "[T]: t", "  + x", "  - y *i* z", "    <+ **b** w.", "  >< [T]", "", "#tag q", "  _> u @[T]", "[R]", "__u__ v"]),
            max_size=12,
        )
    )
    def test_same_as_full_path_on_plain_lines(self, lines):
        direct, full = self.both("\n".join(lines))
        assert direct == full

    def test_benchmark_shape_takes_the_direct_path(self):
        from argmap.formats.argdown._lexer import tokenize
        from argmap.formats.argdown._model import build_direct

        text = "[S]: A **bold** claim. #tag\n  + Support.\n    <- [T]: An *attack*.\n  +> Next\n  line.\n"
        assert build_direct(text, tokenize(text)) is not None
