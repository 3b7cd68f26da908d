"""networkx graphs (argmap.formats.nx): to_networkx / from_networkx."""

import pytest
from hypothesis import given

nx = pytest.importorskip("networkx")

from argmap import FormatError, Kind, MapBuilder, ValidationError  # noqa: E402
from argmap.formats.nx import from_networkx, to_networkx  # noqa: E402
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
