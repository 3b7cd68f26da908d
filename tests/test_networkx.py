"""networkx graphs (argmap.formats.nx): to_networkx / from_networkx."""

import inspect
import json

import pytest
from hypothesis import given

nx = pytest.importorskip("networkx")

from argmap import FormatError, Kind, MapBuilder, Quote, Source, ValidationError  # noqa: E402
from argmap.formats.nx import from_networkx, to_networkx  # noqa: E402
from argmap.model import freeze  # noqa: E402
from argmap.strategies import argument_maps, ids  # noqa: E402


def small():
    b = MapBuilder(title="Tea")
    t = b.claim("Tea is better", id="t")
    r = b.support(t, [b.claim("Calming", id="p"), b.claim("Calm is good", id="q")], id="r")
    b.undercut(r, b.claim("Not always", id="u"), id="x")
    return b.build()


class TestToNetworkx:
    def test_nodes_and_edges(self):
        g = to_networkx(small())
        assert isinstance(g, nx.MultiDiGraph)
        assert dict(g.nodes(data="type")) == {
            "t": "claim",
            "p": "claim",
            "q": "claim",
            "u": "claim",
            "r": "relation",
            "x": "relation",
        }
        assert g.nodes["r"]["kind"] == "support" and g.nodes["x"]["kind"] == "attack"
        assert g.nodes["t"]["text"] == "Tea is better"
        assert sorted((u, v, a["role"]) for u, v, a in g.edges(data=True)) == [
            ("p", "r", "premise"),
            ("q", "r", "premise"),
            ("r", "t", "target"),
            ("u", "x", "premise"),
            ("x", "r", "target"),
        ]
        assert g.graph["title"] == "Tea"

    def test_algorithms_run(self):
        g = to_networkx(small())
        assert nx.is_directed_acyclic_graph(g)
        assert nx.has_path(g, "u", "t")


class TestFromNetworkx:
    def test_round_trip(self):
        assert from_networkx(to_networkx(small())) == small()

    @given(
        argument_maps(
            with_metadata=True, with_source=True, base_scores=True, kinds=tuple(Kind), shared_claims=True, cycles=True
        )
    )
    def test_every_map_round_trips(self, m):
        assert from_networkx(to_networkx(m)) == m

    @given(argument_maps(ids=ids()))
    def test_any_ids(self, m):
        assert from_networkx(to_networkx(m)) == m

    def test_plain_digraph(self):
        g = nx.DiGraph()
        g.add_node("a", type="claim", text="A")
        g.add_node("b", type="claim", text="B")
        g.add_node("r", type="relation", kind="attack")
        g.add_edge("b", "r", role="premise")
        g.add_edge("r", "a", role="target")
        (r,) = from_networkx(g).relations
        assert (r.kind, r.premises, r.target) == (Kind.ATTACK, ("b",), "a")

    @pytest.mark.parametrize(
        ("change", "message"),
        [
            (lambda g: g.add_node("z", type="thing"), r"^node 'z'\.type: expected type 'claim' or 'relation'"),
            (lambda g: g.add_node("z", type="claim"), r"^node 'z'\.text: a claim node needs a text string"),
            (lambda g: g.add_edge("p", "r", role="because"), r"role 'premise' or 'target'"),
            (lambda g: g.remove_edge("r", "t"), r"^node 'r': relation 'r' has no target"),
            (lambda g: g.nodes["r"].update(kind="maybe"), r"^node 'r'\.kind: unknown relation kind 'maybe'"),
            # node-link JSON of {"graph": 1}: once an AttributeError
            (lambda g: setattr(g, "graph", 1), r"^graph: expected a dict of graph attributes, not int"),
        ],
    )
    def test_bad_graphs(self, change, message):
        g = to_networkx(small())
        change(g)
        with pytest.raises(FormatError, match=message):
            from_networkx(g)

    def test_tags_that_are_not_a_list(self):
        # {"tags": null} on a claim node: once a map whose writers raised TypeError
        g = to_networkx(small())
        g.nodes["t"]["tags"] = None
        with pytest.raises(ValidationError, match="t: tags must be a sequence of strings"):
            from_networkx(g)

    def test_not_a_graph(self):
        with pytest.raises(FormatError, match="expected a networkx DiGraph"):
            from_networkx({})


# --------------------------------------------------------------------------
# JSON: the attributes are plain values, so node_link_data dumps

#: node_link_data's and node_link_graph's name for the edge list: networkx
#: 3.4 added edges= (and warned that its default changes from "links");
#: earlier versions have only link=, whose default both sides share.
LINKS = {"edges": "edges"} if "edges" in inspect.signature(nx.node_link_data).parameters else {}

EVERYTHING = argument_maps(
    with_metadata=True, with_source=True, base_scores=True, kinds=tuple(Kind), shared_claims=True, cycles=True
)


def through_json(g):
    """*g* saved the usual way (node-link JSON text) and read back."""
    text = json.dumps(nx.node_link_data(g, **LINKS))
    return nx.node_link_graph(json.loads(text), **LINKS)


def plain_values(value):
    """Whether *value* is made only of dicts, lists, str, int, float, bool and None."""
    if isinstance(value, dict):
        return all(type(k) is str and plain_values(v) for k, v in value.items())
    if isinstance(value, list):
        return all(plain_values(v) for v in value)
    return value is None or type(value) in (str, int, float, bool)


def small_with_everything():
    b = MapBuilder(title="Tea", source=Source("Tea is better. It calms.", title="On tea", url="https://tea.example"))
    t = b.claim("Tea is better", id="t", quote="Tea is better", tags=["a", "b"], data={"n": [1, {"x": None}]})
    b.support(t, b.claim("It calms", id="p", base_score=0.25), id="r", scheme="cause", data={"k": True})
    b.attack(t, b.claim("Not located", id="q", quote=Quote("It calms")), id="s")
    return b.build()


class TestJson:
    def test_node_link_data_dumps(self):
        # once: TypeError: Object of type FrozenDict is not JSON serializable
        g = to_networkx(small_with_everything())
        json.dumps(nx.node_link_data(g, **LINKS))

    def test_attributes_are_plain_values(self):
        g = to_networkx(small_with_everything())
        assert plain_values(g.graph)
        assert all(plain_values(a) for _, a in g.nodes(data=True))
        assert all(plain_values(a) for _, _, a in g.edges(data=True))
        assert g.nodes["t"]["quote"] == {"text": "Tea is better", "start": 0, "end": 13}
        assert g.nodes["q"]["quote"] == {"text": "It calms"}
        assert g.nodes["t"]["tags"] == ["a", "b"] and g.nodes["t"]["data"] == {"n": [1, {"x": None}]}
        assert g.graph["source"] == {
            "text": "Tea is better. It calms.",
            "title": "On tea",
            "url": "https://tea.example",
        }

    def test_round_trip_through_json(self):
        m = small_with_everything()
        assert from_networkx(through_json(to_networkx(m))) == m

    @given(EVERYTHING)
    def test_every_map_is_plain_and_round_trips_through_json(self, m):
        g = to_networkx(m)
        assert plain_values(g.graph)
        assert all(plain_values(a) for _, a in g.nodes(data=True))
        assert from_networkx(through_json(g)) == m

    @given(argument_maps(ids=ids(), with_metadata=True))
    def test_any_ids_through_json(self, m):
        assert from_networkx(through_json(to_networkx(m))) == m

    @given(EVERYTHING)
    def test_graphs_made_the_old_way_still_read(self, m):
        # Graphs from earlier versions held the model's values: Quote,
        # Source, FrozenDict and tuples.
        g = to_networkx(m)
        for c in m.claims:
            a = g.nodes[c.id]
            for key, value in (("quote", c.quote), ("tags", c.tags), ("data", c.data)):
                if key in a:
                    a[key] = value
        for r in m.relations:
            if r.data:
                g.nodes[r.id]["data"] = r.data
        if m.source is not None:
            g.graph["source"] = m.source
        if m.data:
            g.graph["data"] = freeze(m.data)
        assert from_networkx(g) == m

    @pytest.mark.parametrize(
        ("change", "message"),
        [
            (lambda g: g.nodes["t"].update(quote="Tea"), r"^node 't'\.quote: expected a dict, not str"),
            (lambda g: g.nodes["t"].update(quote={"txt": "x"}), r"^node 't'\.quote\.txt: unknown field"),
            (lambda g: g.nodes["t"].update(quote={"text": 1}), r"^node 't'\.quote\.text: expected a string"),
            (
                lambda g: g.nodes["t"].update(quote={"text": "x", "start": "0"}),
                r"^node 't'\.quote\.start: expected an integer",
            ),
            (
                lambda g: g.nodes["t"].update(quote={"text": "x", "end": True}),
                r"^node 't'\.quote\.end: expected an integer",
            ),
            (lambda g: g.graph.update(source=["x"]), r"^graph\.source: expected a dict, not list"),
            (lambda g: g.graph.update(source={"title": "x"}), r"^graph\.source\.text: expected a string"),
            (lambda g: g.graph.update(source={"text": "x", "url": 3}), r"^graph\.source\.url: expected a string"),
            (lambda g: g.graph.update(source={"text": "x", "page": 3}), r"^graph\.source\.page: unknown field"),
        ],
    )
    def test_bad_quotes_and_sources(self, change, message):
        g = to_networkx(small_with_everything())
        change(g)
        with pytest.raises(FormatError, match=message):
            from_networkx(g)
