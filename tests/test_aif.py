"""AIF JSON (argmap.formats.aif): real corpora, round trips, bad input."""

import json
import warnings
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
from argmap import FormatError, Kind, LossyConversionWarning, ParseError, ValidationError
from argmap.formats import aif
from argmap.strategies import aif_json, argument_maps, ids

DATA = Path(__file__).parent / "data" / "interchange"
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "syria_airstrikes.py"


@pytest.fixture(scope="module")
def seed_map():
    import importlib.util

    spec = importlib.util.spec_from_file_location("syria_airstrikes_for_aif", EXAMPLE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.build_map()


CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "aif" / "araucaria"
CORPUS_FILES = sorted(CORPUS.glob("*.json")) if CORPUS.is_dir() else []


def _key(x):
    return json.dumps(x, sort_keys=True)


def same_graph(a, b):
    """Two AIF documents with the same nodes, edges and other fields (order aside)."""
    assert sorted(map(_key, a["nodes"])) == sorted(map(_key, b["nodes"]))
    assert sorted(map(_key, a["edges"])) == sorted(map(_key, b["edges"]))
    assert {k: v for k, v in a.items() if k not in ("nodes", "edges")} == {
        k: v for k, v in b.items() if k not in ("nodes", "edges")
    }


@pytest.mark.skipif(not CORPUS_FILES, reason="../shared/corpora/aif/araucaria is not there")
class TestAraucariaCorpus:
    def test_all_133_maps_load_render_and_round_trip(self):
        from argmap import render

        assert len(CORPUS_FILES) == 133
        claims = relations = linked = attacks = schemes = 0
        for path in CORPUS_FILES:
            with warnings.catch_warnings():
                warnings.simplefilter("error")  # nothing in this corpus needs a simplification
                m = argmap.load(path, format="aif")
            assert render.to_dot(m).startswith("digraph")
            text = aif.dumps(m)
            again = aif.loads(text)
            assert again == m, path.name  # AIF -> argmap -> AIF -> argmap
            same_graph(json.loads(path.read_text(encoding="utf-8")), json.loads(text))  # same ids, same graph
            claims += len(m.claims)
            relations += len(m.relations)
            linked += sum(r.is_linked for r in m.relations)
            attacks += sum(r.is_attack for r in m.relations)
            schemes += sum(r.scheme is not None for r in m.relations)
        assert (claims, relations, linked, attacks, schemes) == (844, 382, 244, 12, 183)

    def test_the_dialogical_layer_is_kept(self):
        m = argmap.load(CORPUS / "nodeset27.json", format="aif")
        assert [n["type"] for n in m.data["nodes"]].count("L") == 6
        assert len(m.data["edges"]) == 12


class TestReading:
    def test_ova_document(self):
        m = aif.loads((DATA / "ova.aif.json").read_bytes())
        assert [c.id for c in m.claims] == ["1", "2", "3", "5", "7"]
        ra, ca = m.relations
        assert (ra.kind, ra.premises, ra.target, ra.scheme) == (
            Kind.SUPPORT,
            ("2", "3"),
            "1",
            "Argument From Consequences",
        )
        assert (ca.kind, ca.premises, ca.target) == (Kind.ATTACK, ("5",), "4")  # an undercut
        assert m.role("5") == argmap.Role.UNDERCUTTER
        assert ra.data["schemeID"] == "12" and ra.data["text"] == "Default Inference"
        assert m.claim("1").data == {"timestamp": "2024-01-01 10:00:00"}
        assert sorted(n["type"] for n in m.data["nodes"]) == ["L", "L", "MA", "PA", "TA", "YA", "YA"]
        assert len(m.data["edges"]) == 10
        assert m.data["participants"][0]["firstname"] == "Bob"

    def test_ova_document_round_trips_to_the_same_graph(self):
        text = (DATA / "ova.aif.json").read_text(encoding="utf-8")
        back = aif.dumps(aif.loads(text))
        same_graph(json.loads(text), json.loads(back))
        assert aif.loads(back) == aif.loads(text)

    def test_numeric_ids_and_an_inference_without_conclusion(self):
        text = (DATA / "numeric.aif.json").read_text(encoding="utf-8")
        with pytest.warns(LossyConversionWarning, match=r"RA-node '5' has no conclusion"):
            m = aif.loads(text)
        assert [c.id for c in m.claims] == ["1", "2", "4"]
        assert m.relations[0].premises == ("2",)
        assert m.claim("1").data == {"nodeID": 1}
        assert m.data["nodes"][0]["nodeID"] == 5
        with pytest.warns(LossyConversionWarning):
            back = json.loads(aif.dumps(m))
            same_graph(json.loads(text), back)
            assert aif.loads(aif.dumps(m)) == m

    def test_from_data_does_not_change_its_input(self):
        doc = json.loads((DATA / "ova.aif.json").read_text(encoding="utf-8"))
        copy = json.loads(json.dumps(doc))
        assert aif.from_data(doc) == aif.loads(json.dumps(copy))
        assert doc == copy

    def test_registered_by_suffix(self, tmp_path):
        path = tmp_path / "m.aif.json"
        path.write_text((DATA / "numeric.aif.json").read_text(encoding="utf-8"), encoding="utf-8")
        with pytest.warns(LossyConversionWarning):
            assert len(argmap.load(path).claims) == 3


class TestMess:
    """Real-world mess: each case is refused with its JSON path, or kept."""

    @staticmethod
    def doc(nodes, edges):
        return json.dumps({"nodes": nodes, "edges": edges})

    I1 = {"nodeID": "a", "text": "A", "type": "I"}
    I2 = {"nodeID": "b", "text": "B", "type": "I"}
    RA = {"nodeID": "r", "text": "RA", "type": "RA"}

    def test_unknown_node_type(self):
        with pytest.raises(FormatError, match=r"^nodes\[1\]\.type: unknown node type 'XA'"):
            aif.loads(self.doc([self.I1, {"nodeID": "x", "text": "?", "type": "XA"}], []))

    def test_edge_to_a_missing_node(self):
        with pytest.raises(FormatError, match=r"^edges\[0\]\.toID: no node has the id 'zz'"):
            aif.loads(self.doc([self.I1], [{"edgeID": "1", "fromID": "a", "toID": "zz"}]))

    def test_edge_between_two_i_nodes(self):
        with pytest.raises(FormatError, match=r"^edges\[0\]: an edge from I-node 'a' straight to I-node 'b'"):
            aif.loads(self.doc([self.I1, self.I2], [{"edgeID": "1", "fromID": "a", "toID": "b"}]))

    def test_duplicate_node_id(self):
        with pytest.raises(FormatError, match=r"^nodes\[1\]\.nodeID: node id 'a' is used more than once"):
            aif.loads(self.doc([self.I1, self.I1], []))

    def test_bad_id_type(self):
        with pytest.raises(
            FormatError, match=r"^nodes\[0\]\.nodeID: expected a string or an integer id, got a boolean"
        ):
            aif.loads(self.doc([{"nodeID": True, "text": "A", "type": "I"}], []))

    def test_premise_that_is_also_the_conclusion(self):
        edges = [{"edgeID": "1", "fromID": "a", "toID": "r"}, {"edgeID": "2", "fromID": "r", "toID": "a"}]
        with pytest.warns(
            LossyConversionWarning, match=r"RA-node 'r' has I-node 'a' both as a premise and as its conclusion"
        ):
            m = aif.loads(self.doc([self.I1, self.RA], edges))
        assert m.relations == () and len(m.data["edges"]) == 2

    def test_two_conclusions_and_what_concludes_in_it(self):
        ca = {"nodeID": "c", "text": "CA", "type": "CA"}
        edges = [
            {"edgeID": "1", "fromID": "a", "toID": "r"},
            {"edgeID": "2", "fromID": "r", "toID": "b"},
            {"edgeID": "3", "fromID": "r", "toID": "x"},
            {"edgeID": "4", "fromID": "y", "toID": "c"},
            {"edgeID": "5", "fromID": "c", "toID": "r"},
        ]
        nodes = [
            self.I1,
            self.I2,
            {"nodeID": "x", "text": "X", "type": "I"},
            {"nodeID": "y", "text": "Y", "type": "I"},
            self.RA,
            ca,
        ]
        with pytest.warns(LossyConversionWarning) as record:
            m = aif.loads(self.doc(nodes, edges))
        message = str(record[0].message)
        assert "RA-node 'r' has 2 conclusions" in message and "CA-node 'c' concludes in RA-node 'r'" in message
        assert m.relations == () and len(m.claims) == 4
        with pytest.warns(LossyConversionWarning):
            assert aif.loads(aif.dumps(m)) == m

    def test_an_i_node_that_is_premise_and_conclusion_of_different_inferences(self):
        ra2 = {"nodeID": "r2", "text": "RA", "type": "RA"}
        c = {"nodeID": "c", "text": "C", "type": "I"}
        edges = [
            {"edgeID": "1", "fromID": "a", "toID": "r"},
            {"edgeID": "2", "fromID": "r", "toID": "b"},
            {"edgeID": "3", "fromID": "b", "toID": "r2"},
            {"edgeID": "4", "fromID": "r2", "toID": "c"},
        ]
        m = aif.loads(self.doc([self.I1, self.I2, c, self.RA, ra2], edges))
        assert [(r.premises, r.target) for r in m.relations] == [(("a",), "b"), (("b",), "c")]

    @pytest.mark.parametrize(
        ("text", "where"),
        [
            ("[]", r"^\$: expected an AIF document"),
            ('{"nodes": []}', r"^edges: missing required field"),
            ('{"nodes": {}, "edges": []}', r"^nodes: expected an array"),
            ('{"nodes": [{"nodeID": "a", "type": "I"}], "edges": []}', r"^nodes\[0\]\.text: missing required field"),
            ('{"nodes": [{"nodeID": "a", "text": "A"}], "edges": []}', r"^nodes\[0\]\.type: missing required field"),
            ('{"nodes": [], "edges": [{"toID": "a"}]}', r"^edges\[0\]\.fromID: missing required field"),
            (
                '{"nodes": [{"nodeID": "a", "text": "A", "type": "I", "argmap": {"tags": "x"}}], "edges": []}',
                r"^nodes\[0\]\.argmap\.tags: expected an array",
            ),
        ],
    )
    def test_shapes(self, text, where):
        with pytest.raises(FormatError, match=where):
            aif.loads(text)

    def test_empty_claim_text_is_a_validation_error(self):
        with pytest.raises(ValidationError, match="claim text is empty"):
            aif.loads(self.doc([{"nodeID": "a", "text": " ", "type": "I"}], []))

    def test_bad_json(self):
        with pytest.raises(ParseError):
            aif.loads('{"nodes": [}')


class TestWriting:
    def test_seed_map_round_trips_equal(self, seed_map):
        assert aif.loads(aif.dumps(seed_map)) == seed_map

    def test_deterministic(self, seed_map):
        assert aif.dumps(seed_map) == aif.dumps(aif.loads(aif.dumps(seed_map)))

    def test_strict_kinds_and_extras_ride_in_the_argmap_field(self):
        claims = (argmap.Claim("a", "A"), argmap.Claim("b", "B"))
        m = argmap.ArgumentMap(claims, (argmap.Relation("r", Kind.CONTRARY, ("b",), "a", base_score=0.5),), title="T")
        doc = aif.to_data(m)
        assert doc["nodes"][2] == {
            "nodeID": "r",
            "text": "CA",
            "type": "CA",
            "argmap": {"kind": "contrary", "base_score": 0.5},
        }
        assert doc["argmap"] == {"title": "T"}
        assert aif.from_data(doc) == m

    @settings(max_examples=100)
    @given(
        argument_maps(
            with_metadata=True, with_source=True, base_scores=True, kinds=tuple(Kind), shared_claims=True, cycles=True
        )
    )
    def test_every_map_round_trips(self, m):
        assert aif.loads(aif.dumps(m)) == m

    @given(argument_maps(ids=ids(), with_metadata=True))
    def test_any_ids_round_trip(self, m):
        assert aif.from_data(aif.to_data(m)) == m


class TestDocuments:
    @given(aif_json())
    def test_documents_read_and_round_trip(self, text):
        m = aif.loads(text)
        back = aif.dumps(m)
        assert aif.loads(back) == m
        same_graph(json.loads(text), json.loads(back))


class TestFuzz:
    """Documents with the right outline and random contents: a map or an ArgmapError, nothing else."""

    values = st.recursive(
        st.none()
        | st.booleans()
        | st.integers(-3, 3)
        | st.sampled_from(["", "a", "1", "I", "RA", "CA", "YA", "L", " x"]),
        lambda inner: (
            st.lists(inner, max_size=3)
            | st.dictionaries(st.sampled_from(["argmap", "text", "kind", "data"]), inner, max_size=3)
        ),
        max_leaves=6,
    )
    ids_ = st.sampled_from(["1", "2", "3", 1, 2, "a"]) | values
    node = st.fixed_dictionaries(
        {
            "nodeID": ids_,
            "type": st.sampled_from(list(aif.NODE_TYPES) + ["XA"]) | values,
            "text": st.sampled_from(["A", "B", "", 3]) | values,
        },
        optional={"scheme": values, "argmap": values, "edges": values, "timestamp": values},
    )
    edge = st.fixed_dictionaries({"fromID": ids_, "toID": ids_}, optional={"edgeID": values, "formEdgeID": values})

    @given(st.lists(node, max_size=6), st.lists(edge, max_size=6))
    def test_read_or_refuse(self, nodes, edges):
        text = json.dumps({"nodes": nodes, "edges": edges})
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", LossyConversionWarning)
            try:
                m = aif.loads(text)
            except argmap.ArgmapError:
                return
            assert aif.loads(aif.dumps(m)) == m


def same_xaif(a, b):
    """Two xAIF documents with the same AIF graph and the same other fields."""
    same_graph(a["AIF"], b["AIF"])
    assert {k: v for k, v in a.items() if k != "AIF"} == {k: v for k, v in b.items() if k != "AIF"}


class TestXAIF:
    """OVA3's xAIF export: {"AIF": {...}, "text": ..., "OVA": {...}} (and oAMF's "dialog")."""

    path = DATA / "ova3.json"

    def test_reading(self):
        m = aif.loads(self.path.read_bytes())
        assert [c.id for c in m.claims] == ["1_55", "4_55", "10_55"]
        ra, ca = m.relations
        assert (ra.id, ra.kind, ra.premises, ra.target) == ("7_55", Kind.SUPPORT, ("4_55",), "1_55")
        assert (ca.id, ca.kind, ca.premises, ca.target) == ("13_55", Kind.ATTACK, ("10_55",), "1_55")
        assert ra.data["edges"][0] == {"edgeID": 5}  # OVA3 numbers its edges
        assert sorted(n["type"] for n in m.data["nodes"]) == ["L"] * 3 + ["TA"] * 2 + ["YA"] * 5
        assert m.data["schemefulfillments"][0] == {"nodeID": "7_55", "schemeID": "72"}
        assert m.data["participants"][1]["firstname"] == "Bob"
        wrapper = m.data[aif.XAIF]
        assert list(wrapper) == ["text", "OVA"]
        assert wrapper["OVA"]["nodes"][0] == {"nodeID": "1_55", "visible": True, "x": 400, "y": 60, "timestamp": ""}
        assert len(wrapper["OVA"]["edges"]) == 18
        assert m.source is None  # the text is HTML: kept in data only
        assert wrapper["text"].startswith('Alice: <span class="highlighted"')

    def test_round_trip(self):
        text = self.path.read_text(encoding="utf-8")
        m = aif.loads(text)
        back = aif.dumps(m)
        assert aif.loads(back) == m
        doc = json.loads(back)
        assert list(doc) == ["AIF", "text", "OVA"]
        same_xaif(json.loads(text), doc)
        assert aif.to_data(m) == doc
        assert aif.dumps(aif.loads(back)) == back

    def test_from_data_does_not_change_its_input(self):
        doc = json.loads(self.path.read_text(encoding="utf-8"))
        copy = json.loads(json.dumps(doc))
        assert aif.from_data(doc) == aif.loads(json.dumps(copy))
        assert doc == copy

    def test_plain_text_is_the_source_and_dialog_is_kept(self):
        doc = json.loads(self.path.read_text(encoding="utf-8"))
        doc["text"] = "Alice: Tea is better than coffee, since it has less caffeine.\nBob: But coffee tastes better."
        doc["dialog"] = True
        m = aif.from_data(doc)
        assert m.source == argmap.Source(doc["text"])
        assert set(m.data[aif.XAIF]) == {"OVA", "dialog"} and m.data[aif.XAIF]["dialog"] is True
        back = aif.to_data(m)
        assert back["text"] == doc["text"] and "argmap" not in back["AIF"]
        same_xaif(doc, back)
        assert aif.from_data(back) == m

    @pytest.mark.parametrize(
        ("text", "source"),
        [
            ("", False),
            ("  \n", False),
            ("a < b and c > d", True),
            ("Tea &amp; coffee", False),
            ("x<br>y", False),
            ("<div>Tea</div>", False),
        ],
    )
    def test_which_texts_are_plain(self, text, source):
        m = aif.from_data({"AIF": {"nodes": [], "edges": []}, "text": text})
        assert (m.source is not None) is source
        assert ("text" in m.data[aif.XAIF]) is not source
        assert aif.to_data(m) == {"AIF": {"nodes": [], "edges": []}, "text": text}

    def test_other_text_shapes_are_kept(self):
        # Older OVA3 and the oAMF modules write {"txt": ..., "url": ...}.
        doc = {"AIF": {"nodes": [], "edges": []}, "OVA": {}, "dialog": False, "text": {"txt": "Plain", "url": ""}}
        m = aif.from_data(doc)
        assert m.source is None and m.data[aif.XAIF]["text"] == {"txt": "Plain", "url": ""}
        assert aif.to_data(m) == doc

    def test_a_source_with_a_title_rides_in_the_argmap_field(self):
        b = argmap.MapBuilder(title="Tea", source=argmap.Source("Tea is better.", title="Notes"))
        b.claim("Tea is better", id="t")
        m = b.build()
        m = argmap.ArgumentMap(
            m.claims, m.relations, title=m.title, source=m.source, data={aif.XAIF: {"OVA": {"nodes": []}}}
        )
        doc = aif.to_data(m)
        assert list(doc) == ["AIF", "OVA"]
        assert doc["AIF"]["argmap"] == {"title": "Tea", "source": {"text": "Tea is better.", "title": "Notes"}}
        assert aif.from_data(doc) == m

    def test_plain_maps_never_become_wrappers(self):
        # A data field "AIF", or an "xAIF" that is not what the reader makes,
        # is written in argmap's extension field.
        claims = (argmap.Claim("a", "A"),)
        for data in ({"AIF": {"nodes": []}}, {aif.XAIF: "x"}, {aif.XAIF: {"AIF": 1}}, {aif.XAIF: {"text": "plain"}}):
            m = argmap.ArgumentMap(claims, (), data=data)
            doc = aif.to_data(m)
            assert "nodes" in doc and doc["argmap"]["data"] == data
            assert aif.loads(aif.dumps(m)) == m

    @pytest.mark.parametrize(
        ("doc", "where"),
        [
            (
                {"AIF": {"nodes": [], "edges": []}, "nodes": []},
                r"^AIF: the document has both top-level \"nodes\" and an \"AIF\" object",
            ),
            (
                {"AIF": [], "OVA": {}},
                r"^AIF: expected an AIF document \(an object with nodes and edges\), got an array",
            ),
            ({"AIF": {"edges": []}}, r"^AIF\.nodes: missing required field"),
            ({"AIF": {"nodes": {}, "edges": []}}, r"^AIF\.nodes: expected an array"),
            (
                {"AIF": {"nodes": [{"nodeID": "a", "text": "A", "type": "I"}] * 2, "edges": []}},
                r"^AIF\.nodes\[1\]\.nodeID: node id 'a' is used more than once",
            ),
            (
                {"AIF": {"nodes": [{"nodeID": "x", "text": "?", "type": "XA"}], "edges": []}},
                r"^AIF\.nodes\[0\]\.type: unknown node type 'XA'",
            ),
            (
                {"AIF": {"nodes": [], "edges": [{"fromID": "a", "toID": "b"}]}},
                r"^AIF\.edges\[0\]\.fromID: no node has the id 'a'",
            ),
            ({"AIF": {"nodes": [], "edges": [], "argmap": {"title": 3}}}, r"^AIF\.argmap\.title: expected a string"),
            (
                {"AIF": {"nodes": [], "edges": [], "xAIF": {}}},
                r"^AIF\.xAIF: argmap keeps the fields of an xAIF document",
            ),
            (
                {"AIF": {"nodes": [], "edges": [], "argmap": {"data": {"xAIF": 1}}}},
                r"^AIF\.argmap\.data\.xAIF: is also the field",
            ),
            ({"AIF": {"AIF": {"nodes": [], "edges": []}}}, r"^AIF\.nodes: missing required field"),
            ({"AIF": {"nodes": [], "edges": [], "AIF": {}}}, r"^AIF\.AIF: the document has both"),
        ],
    )
    def test_errors_name_their_path_in_the_wrapper(self, doc, where):
        with pytest.raises(FormatError, match=where):
            aif.loads(json.dumps(doc))

    def test_a_bad_wrapper_field_names_its_path(self):
        with pytest.raises(FormatError, match=r"^OVA\.nodes\[0\]\.x: nan is not a JSON number"):
            aif.from_data({"AIF": {"nodes": [], "edges": []}, "OVA": {"nodes": [{"x": float("nan")}]}})

    def test_plain_documents_with_an_aif_or_xaif_field_are_refused(self):
        with pytest.raises(FormatError, match=r"^AIF: the document has both"):
            aif.loads('{"nodes": [], "edges": [], "AIF": {}}')
        with pytest.raises(FormatError, match=r"^xAIF: argmap keeps"):
            aif.loads('{"nodes": [], "edges": [], "xAIF": {}}')

    def test_warnings_point_at_the_caller(self):
        doc = {"AIF": {"nodes": [{"nodeID": "r", "text": "RA", "type": "RA"}], "edges": []}}
        with pytest.warns(LossyConversionWarning, match="RA-node 'r' has no premise") as record:
            aif.loads(json.dumps(doc))
        assert record[0].filename == __file__

    @given(
        aif_json(),
        st.sampled_from(
            [{}, {"OVA": {"nodes": [], "edges": []}}, {"text": "The text.", "dialog": True}, {"text": "<b>T</b>"}]
        ),
    )
    def test_documents_in_a_wrapper_read_and_round_trip(self, text, fields):
        doc = {"AIF": json.loads(text), **fields}
        m = aif.from_data(doc)
        assert m == aif.loads(json.dumps(doc)) == aif.loads(aif.dumps(m))
        assert m.claims == aif.loads(text).claims and m.relations == aif.loads(text).relations
        same_xaif(doc, json.loads(aif.dumps(m)))

    @settings(max_examples=50)
    @given(
        argument_maps(with_metadata=True, with_source=True, base_scores=True, kinds=tuple(Kind)),
        st.sampled_from([{}, {"OVA": {"nodes": []}}, {"text": "<p>x</p>"}, {"dialog": True}]),
    )
    def test_every_map_round_trips_as_a_wrapper(self, m, fields):
        m = argmap.ArgumentMap(m.claims, m.relations, title=m.title, source=m.source, data={**m.data, aif.XAIF: fields})
        assert aif.loads(aif.dumps(m)) == m
        assert "AIF" in aif.to_data(m)


class TestFuzzXAIF:
    """The same fuzz inside an xAIF wrapper, with random wrapper fields: a map or an ArgmapError."""

    @given(
        st.lists(TestFuzz.node, max_size=6),
        st.lists(TestFuzz.edge, max_size=6),
        st.dictionaries(
            st.sampled_from(["OVA", "text", "dialog", "nodes", "xAIF", "argmap"]),
            TestFuzz.values | st.sampled_from(["T", "<p>", "&amp;"]),
            max_size=3,
        ),
    )
    def test_read_or_refuse_in_a_wrapper(self, nodes, edges, fields):
        text = json.dumps({"AIF": {"nodes": nodes, "edges": edges}, **fields})
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", LossyConversionWarning)
            try:
                m = aif.loads(text)
            except argmap.ArgmapError:
                return
            assert aif.loads(aif.dumps(m)) == m
