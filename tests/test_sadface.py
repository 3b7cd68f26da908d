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
    from sadface import sadface as reference
    from sadface.validation import verify
except ImportError:  # pragma: no cover
    verify = reference = None
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

    @pytest.mark.parametrize(
        ("name", "kind"), [("support", Kind.SUPPORT), ("attack", Kind.ATTACK), ("conflict", Kind.ATTACK)]
    )
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
            (
                lambda d: d["edges"][0].update(target_id="nowhere"),
                r"^edges\[0\]\.target_id: no node has the id 'nowhere'",
            ),
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

    def test_a_lone_surrogate_in_the_title(self):
        # once a UnicodeEncodeError, while the reader made the default metadata to compare with
        doc = {"metadata": {"core": {}, "argmap": {"title": "\ud800"}}, "resources": [], "nodes": [], "edges": []}
        with pytest.raises(argmap.ValidationError, match="map title contains the control character U\\+D800"):
            sadface.loads(json.dumps(doc))

    def test_registered(self, tmp_path, seed_map):
        argmap.dump(seed_map, tmp_path / "seed.sadface.json")
        assert argmap.load(tmp_path / "seed.sadface.json") == seed_map


class TestProperties:
    @settings(max_examples=100)
    @given(
        argument_maps(
            with_metadata=True, with_source=True, base_scores=True, kinds=tuple(Kind), shared_claims=True, cycles=True
        )
    )
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


# --------------------------------------------------------------------------
# Unique ids (issue 17): two nodes, or an edge and a node, once shared an id.

U1 = "11111111-1111-4111-8111-111111111111"
U2 = "22222222-2222-4222-8222-222222222222"
E1 = "eeeeeeee-eeee-4eee-8eee-eeeeeeeeeee1"
E2 = "eeeeeeee-eeee-4eee-8eee-eeeeeeeeeee2"
#: Ids that collide under the plain rule (a UUID id is kept, any other id is
#: written as uuid_for(id), an edge as uuid_for("source>target")).
COLLIDING = [
    "c1",
    "c2",
    "r1",
    "c1#1",
    sadface.uuid_for("c1"),
    sadface.uuid_for("c2"),
    sadface.uuid_for("c1#1"),
    sadface.uuid_for("r1"),
    U1,
    U2,
    f"{U1}>{U2}",
    f"{U2}>{U1}",
    sadface.uuid_for(f"{U1}>{U2}"),
    sadface.uuid_for(f"{U2}>{U1}"),
]


def check_ids_unique_and_readable(m, text):
    """Every node and edge id of *text* differs, the document reads back as
    *m*, passes the reference validator, and the reference library finds each
    node and edge by its id."""
    doc = json.loads(text)
    node_ids = [n["id"] for n in doc["nodes"]]
    edge_ids = [e["id"] for e in doc["edges"]]
    assert len(set(node_ids + edge_ids)) == len(node_ids) + len(edge_ids)
    assert sadface.loads(text) == m
    if reference is not None:
        assert valid(text)
        reference.set_doc(reference.import_json(text))
        for n in doc["nodes"]:
            assert reference.get_node(n["id"]) == n
        for e in doc["edges"]:
            assert reference.get_edge(e["id"]) == e
        for c, nid in zip(m.claims, node_ids):
            assert reference.get_atom(nid)["text"] == c.text


class TestUniqueIds:
    def test_an_id_that_is_another_ids_uuid(self):
        # uuid_for("c1") as an id: both claims were written as that UUID.
        m = argmap.ArgumentMap([argmap.Claim("c1", "first"), argmap.Claim(sadface.uuid_for("c1"), "second")])
        doc = sadface.to_data(m)
        assert doc["nodes"][1]["id"] == sadface.uuid_for("c1")  # a UUID id is its own
        assert doc["nodes"][0]["id"] == sadface.uuid_for("c1#1")
        check_ids_unique_and_readable(m, sadface.dumps(m))

    def test_an_id_that_is_an_edge_key(self):
        # A claim id "<uuid>><uuid>" was written as the edge id between those two nodes.
        b = argmap.MapBuilder()
        t = b.claim("thesis", id=U1)
        b.support(t, "premise")
        edge = sadface.to_data(b.build())["edges"][0]
        b.claim("odd", id=f"{edge['source_id']}>{edge['target_id']}")
        m = b.build()
        check_ids_unique_and_readable(m, sadface.dumps(m))

    def test_an_id_that_is_an_edge_id(self):
        b = argmap.MapBuilder()
        t = b.claim("thesis", id=U1)
        b.support(t, "premise")
        edge = sadface.to_data(b.build())["edges"][0]
        b.claim("odd", id=edge["id"])  # a claim whose id is the id of an edge
        m = b.build()
        text = sadface.dumps(m)
        check_ids_unique_and_readable(m, text)
        key = f"{edge['source_id']}>{edge['target_id']}"
        assert edge["id"] == sadface.uuid_for(key)
        assert json.loads(text)["edges"][0]["id"] == sadface.uuid_for(key + "#1")

    @pytest.mark.parametrize(
        "kept",
        [
            [E2, E2],  # twice in one list
            [U1, E2],  # a node's id
            [E1, E2],  # both relations keep the same ids
        ],
    )
    def test_kept_edge_ids_that_clash(self, kept):
        claims = [argmap.Claim(U1, "thesis"), argmap.Claim("p", "premise"), argmap.Claim("q", "objection")]
        relations = [
            argmap.Relation("r1", Kind.SUPPORT, ("p",), U1, data={"edge_ids": kept}),
            argmap.Relation("r2", Kind.ATTACK, ("q",), U1, data={"edge_ids": [E1, E2]}),
        ]
        m = argmap.ArgumentMap(claims, relations)
        check_ids_unique_and_readable(m, sadface.dumps(m))

    def test_kept_edge_id_that_a_made_edge_id_takes(self):
        # r2 keeps, as its ids, the id argmap makes for r1's first edge.
        claims = [argmap.Claim("t", "thesis"), argmap.Claim("p", "premise"), argmap.Claim("q", "objection")]
        made = sadface.uuid_for(f"{sadface.uuid_for('p')}>{sadface.uuid_for('r1')}")
        relations = [
            argmap.Relation("r1", Kind.SUPPORT, ("p",), "t"),
            argmap.Relation("r2", Kind.ATTACK, ("q",), "t", data={"edge_ids": [made, E2]}),
        ]
        m = argmap.ArgumentMap(claims, relations)
        check_ids_unique_and_readable(m, sadface.dumps(m))

    def test_kept_edge_ids_that_are_the_made_ones(self):
        b = argmap.MapBuilder()
        t = b.claim("thesis", id="t")
        b.support(t, "premise", id="p")
        plain = b.build()
        made = [e["id"] for e in sadface.to_data(plain)["edges"]]
        r = plain.relations[0]
        m = argmap.ArgumentMap(
            plain.claims, [argmap.Relation(r.id, r.kind, r.premises, r.target, data={"edge_ids": made})]
        )
        check_ids_unique_and_readable(m, sadface.dumps(m))

    @settings(max_examples=200)
    @given(
        argument_maps(
            ids=st.sampled_from(COLLIDING) | st.integers(0, 99).map("x{}".format),
            max_claims=8,
            with_metadata=True,
            shared_claims=True,
            cycles=True,
        )
    )
    def test_any_map(self, m):
        check_ids_unique_and_readable(m, sadface.dumps(m))

    @given(argument_maps(with_metadata=True, with_source=True, kinds=tuple(Kind)))
    def test_reference_library_reads_every_map(self, m):
        check_ids_unique_and_readable(m, sadface.dumps(m))


class TestFuzz:
    values = st.recursive(
        st.none()
        | st.booleans()
        | st.integers(-3, 3)
        | st.sampled_from(["", "a", "support", "attack", "core", "argmap", "\ud800"]),
        lambda inner: (
            st.lists(inner, max_size=3)
            | st.dictionaries(
                st.sampled_from(["core", "argmap", "id", "kind", "text", "data", "resource_id", "offset", "length"]),
                inner,
                max_size=3,
            )
        ),
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
