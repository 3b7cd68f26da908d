"""SADFace JSON (argmap.formats.sadface): round trips, the reference validator, bad input."""

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
from argmap import FormatError, Kind
from argmap.formats import sadface
from argmap.strategies import argument_maps, ids, sadface_json

DATA = Path(__file__).parent / "data" / "interchange"
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "syria_airstrikes.py"

try:  # the reference implementation (test-only dependency, pure Python, works offline)
    from sadface.validation import verify
except ImportError:  # pragma: no cover
    verify = None
needs_sadface = pytest.mark.skipif(verify is None, reason="the sadface package is not installed")


@pytest.fixture(scope="module")
def seed_map():
    import importlib.util

    spec = importlib.util.spec_from_file_location("syria_airstrikes_for_sadface", EXAMPLE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.build_map()


def valid(text):
    ok, problems = verify(json.loads(text))
    assert ok, problems
    return True


class TestSeed:
    def test_round_trips_equal(self, seed_map):
        assert sadface.loads(sadface.dumps(seed_map)) == seed_map

    def test_quotes_are_sadface_sources(self, seed_map):
        doc = sadface.to_data(seed_map)
        (resource,) = doc["resources"]
        assert resource["content"] == seed_map.source.text
        atom = next(n for n in doc["nodes"] if n["metadata"].get("argmap", {}).get("id") == "thesis")
        (src,) = atom["sources"]
        assert resource["content"][src["offset"] : src["offset"] + src["length"]] == src["text"]

    @needs_sadface
    def test_validates(self, seed_map):
        assert valid(sadface.dumps(seed_map))


class TestReading:
    def test_document_made_by_the_sadface_package(self):
        # add_support() writes "inference" nodes (which its own verify() refuses).
        m = sadface.loads((DATA / "sadface_lib.sadface.json").read_bytes())
        assert len(m.claims) == 4 and len(m.relations) == 2
        linked = m.relations[0]
        assert linked.is_linked and linked.kind is Kind.SUPPORT and linked.data["type"] == "inference"
        assert m.source.text.startswith("You are going to die")
        quoted = [c for c in m.claims if c.quote is not None]
        assert [(c.quote.text, c.quote.start, c.quote.end) for c in quoted] == [("You are going to die", 0, 20)]
        assert m.data["metadata"]["core"]["analyst_name"] == "A User"
        back = json.loads(sadface.dumps(m))
        original = json.loads((DATA / "sadface_lib.sadface.json").read_text(encoding="utf-8"))
        assert sorted(e["id"] for e in back["edges"]) == sorted(e["id"] for e in original["edges"])
        assert sorted(n["id"] for n in back["nodes"]) == sorted(n["id"] for n in original["nodes"])
        assert sadface.loads(json.dumps(back)) == m

    def scheme_doc(self, name, **extra):
        a, b, s = ("00000000-0000-4000-8000-00000000000" + c for c in "abc")
        return {
            "metadata": {"core": {}},
            "resources": [],
            "nodes": [
                {"id": a, "type": "atom", "text": "A", "sources": [], "metadata": {"core": {}}},
                {"id": b, "type": "atom", "text": "B", "sources": [], "metadata": {"core": {}}},
                {"id": s, "type": "scheme", "name": name, "metadata": {"core": {}}, **extra},
            ],
            "edges": [
                {"id": "00000000-0000-4000-8000-000000000001", "source_id": b, "target_id": s},
                {"id": "00000000-0000-4000-8000-000000000002", "source_id": s, "target_id": a},
            ],
        }

    @pytest.mark.parametrize(("name", "kind"), [("support", Kind.SUPPORT), ("attack", Kind.ATTACK), ("conflict", Kind.ATTACK)])
    def test_scheme_names(self, name, kind):
        (r,) = sadface.from_data(self.scheme_doc(name)).relations
        assert r.kind is kind and r.scheme is None

    def test_a_scheme_name_that_says_no_kind_is_refused(self):
        with pytest.raises(FormatError, match=r"^nodes\[2\]\.name: scheme 'Expert Opinion' does not say"):
            sadface.from_data(self.scheme_doc("Expert Opinion"))

    def test_a_scheme_name_with_a_kind(self):
        doc = self.scheme_doc("Expert Opinion")
        doc["nodes"][2]["metadata"]["argmap"] = {"kind": "attack"}
        (r,) = sadface.from_data(doc).relations
        assert (r.kind, r.scheme) == (Kind.ATTACK, "Expert Opinion")

    @pytest.mark.parametrize(
        ("change", "where"),
        [
            (lambda d: d["nodes"][2].update(type="argument"), r"^nodes\[2\]\.type: unknown node type 'argument'"),
            (lambda d: d["edges"][0].update(target_id="nowhere"), r"^edges\[0\]\.target_id: no node has the id 'nowhere'"),
            (lambda d: d["edges"].pop(), r"^nodes\[2\]: scheme node .* has no conclusion"),
            (lambda d: d["edges"].pop(0), r"^nodes\[2\]: scheme node .* has no premise"),
            (lambda d: d["nodes"][0].pop("text"), r"^nodes\[0\]\.text: missing required field"),
            (lambda d: d.pop("edges"), r"^edges: missing required field"),
        ],
    )
    def test_bad_documents(self, change, where):
        doc = self.scheme_doc("support")
        change(doc)
        with pytest.raises(FormatError, match=where):
            sadface.from_data(doc)

    def test_registered(self, tmp_path, seed_map):
        argmap.dump(seed_map, tmp_path / "seed.sadface.json")
        assert argmap.load(tmp_path / "seed.sadface.json") == seed_map


class TestProperties:
    @settings(max_examples=100)
    @given(argument_maps(with_metadata=True, with_source=True, base_scores=True, kinds=tuple(Kind), shared_claims=True, cycles=True))
    def test_every_map_round_trips(self, m):
        text = sadface.dumps(m)
        assert sadface.loads(text) == m
        if verify is not None:
            assert valid(text)

    @given(argument_maps(ids=ids(), with_metadata=True))
    def test_any_ids_round_trip(self, m):
        assert sadface.from_data(sadface.to_data(m)) == m

    @given(sadface_json())
    def test_documents_read_and_round_trip(self, text):
        m = sadface.loads(text)
        assert sadface.loads(sadface.dumps(m)) == m


class TestFuzz:

    values = st.recursive(
        st.none() | st.booleans() | st.integers(-3, 3) | st.sampled_from(["", "a", "support", "attack", "core", "argmap"]),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(["core", "argmap", "id", "kind", "text", "data", "resource_id", "offset", "length"]), inner, max_size=3),
        max_leaves=6,
    )
    ids_ = st.sampled_from(["a", "b", "c", "d"])
    node = st.fixed_dictionaries(
        {"id": ids_ | values, "type": st.sampled_from(["atom", "scheme", "inference", "conflict", "x"]) | values},
        optional={"text": values, "name": values, "metadata": values, "sources": values},
    )
    edge = st.fixed_dictionaries({"source_id": ids_, "target_id": ids_}, optional={"id": values})

    @given(st.lists(node, max_size=5), st.lists(edge, max_size=5), values, values)
    def test_read_or_refuse(self, nodes, edges, metadata, resources):
        doc = {"metadata": metadata, "resources": resources, "nodes": nodes, "edges": edges}
        try:
            m = sadface.loads(json.dumps(doc))
        except argmap.ArgmapError:
            return
        assert sadface.loads(sadface.dumps(m)) == m
