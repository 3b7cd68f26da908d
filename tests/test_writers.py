"""Every writer's output reads back (issue 17): for each format argmap can
write, and for its DOT and Mermaid text, any map gives output that the
format's own reader reads, and the format's reference reader where one is
installed.

Lossless formats (argmap JSON, AIF, SADFace) read back equal.  Lossy ones
may warn, with :class:`~argmap.errors.LossyConversionWarning` only: Kialo
reads back exactly ``kialo.simplify(m)``, Argdown reads back equal whenever
it did not warn.  The write-only ``argdown-json`` is checked as JSON whose
relations name its statements and arguments.  DOT has no reader of ours:
Graphviz's ``dot`` is its reference reader (marker ``exe``).  Mermaid has
neither here, so :func:`read_mermaid` below reads the subset argmap writes
the way Mermaid does (a ``%%{...}%%`` directive counts wherever it appears).

The maps vary the options of :func:`argmap.strategies.argument_maps` (deep,
linked, undercuts, shared claims and cycles, odd texts, arbitrary ids,
everything at once).  Each bug these properties found has a test of its own
below with its minimal example; a bug not yet fixed is marked
``xfail(strict=True)``, and the properties steer around its inputs only
where the comment says so.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import warnings

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap import ArgumentMap, Claim, Kind, MapBuilder, Relation
from argmap.errors import LossyConversionWarning
from argmap.formats import formats, get_format, kialo
from argmap.render import to_dot, to_mermaid
from argmap.render.dot import node_id
from argmap.strategies import argument_maps, claim_texts, ids

try:  # the reference implementation of SADFace (a test dependency)
    from sadface import sadface as sadface_ref
    from sadface.validation import verify as sadface_verify
except ImportError:  # pragma: no cover
    sadface_ref = sadface_verify = None


# --------------------------------------------------------------------------
# Maps

# Pieces of text that mean something to some format: quotes, escapes,
# brackets, list and comment markers, entity look-alikes, line breaks,
# Unicode line separators and a character outside the BMP.  Mermaid's
# directive "%%{" is left out here: see TestMermaid.test_directive_in_a_claim_text.
PIECES = [
    "a",
    "Z",
    "1",
    " ",
    "  ",
    "\n",
    "\t",
    '"',
    "'",
    "\\",
    "<",
    ">",
    "&",
    "#",
    "`",
    "[",
    "]",
    "{",
    "}",
    "(",
    ")",
    "*",
    "_",
    "-",
    "+",
    ":",
    ".",
    "1.",
    "->",
    "<-",
    "--",
    "<!--",
    "/*",
    "%%",
    "&amp;",
    "#quot;",
    "Pro:",
    "Con:",
    "===",
    "@",
    "é",
    "\u00a0",
    "\u2028",
    "🙂",
    "<br/>",
]
ODD_TEXTS = st.lists(st.sampled_from(PIECES), min_size=1, max_size=8).map("".join).filter(lambda t: t.strip() != "")

VARIANTS = {  # deep: chains up to 119 relations deep (Argdown nests at most 150)
    "plain": argument_maps(),
    "deep": st.lists(claim_texts(max_size=12), min_size=2, max_size=120).map(lambda texts: chain(len(texts), texts)),
    "large": argument_maps(min_claims=20, max_claims=60),
    "linked": argument_maps(max_premises=3),
    "undercuts": argument_maps(kinds=tuple(Kind), undercuts=True),
    "graph": argument_maps(shared_claims=True, cycles=True),
    "odd texts": argument_maps(texts=ODD_TEXTS),
    "ids": argument_maps(ids=ids()),
    "everything": argument_maps(
        with_source=True,
        base_scores=True,
        with_metadata=True,
        kinds=tuple(Kind),
        shared_claims=True,
        cycles=True,
        texts=ODD_TEXTS,
        ids=ids(),
    ),
}
VARIANT_NAMES = sorted(VARIANTS)


def chain(n: int, texts: list[str] | None = None) -> ArgumentMap:
    """n claims, each supporting the one before (depth n - 1)."""
    texts = texts or [f"Claim {i}" for i in range(n)]
    b = MapBuilder()
    c = b.claim(texts[0], id="c0")
    for i in range(1, n):
        d = b.claim(texts[i], id=f"c{i}")
        b.support(c, d)
        c = d
    return b.build()


def write(fmt: str, m: ArgumentMap, *, lossy: bool) -> str:
    """*m* written in format *fmt*; only LossyConversionWarning (and only
    where *lossy*) may be warned."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        text = get_format(fmt).dumps(m)
    for w in caught:
        assert lossy and issubclass(w.category, LossyConversionWarning), f"{w.category.__name__}: {w.message}"
    return text


def warned(fmt: str, m: ArgumentMap) -> tuple[str, bool]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        text = get_format(fmt).dumps(m)
    assert all(issubclass(w.category, LossyConversionWarning) for w in caught), [str(w.message) for w in caught]
    return text, bool(caught)


def test_every_writing_format_is_covered():
    # A new format in the table must join the tests below.
    # The ICCMA formats (apx, tgf, i23) are tested in test_iccma.py; microtext and brat are read-only.
    assert [f.name for f in formats()] == [
        *("json", "aif", "sadface", "kialo", "argdown", "argdown-json"),
        *("microtext", "brat", "apx", "tgf", "i23"),
    ]


# --------------------------------------------------------------------------
# Lossless formats: argmap JSON, AIF, SADFace


@pytest.mark.parametrize("variant", VARIANT_NAMES)
@pytest.mark.parametrize("fmt", ["json", "aif", "sadface"])
def test_lossless_formats_read_back_equal(fmt, variant):
    @given(VARIANTS[variant])
    @settings(suppress_health_check=[HealthCheck.too_slow])
    def check(m):
        text = write(fmt, m, lossy=False)
        assert get_format(fmt).loads(text) == m
        assert get_format(fmt).loads(text.encode("utf-8")) == m

    check()


# --------------------------------------------------------------------------
# SADFace's reference reader: the sadface package


def read_with_sadface(text: str, m: ArgumentMap) -> None:
    """The sadface package reads *text*: it verifies, every node and edge end
    is found by id (``get_node`` returns the node with that id, so no two
    nodes share one), and its atoms are the map's claims."""
    doc = sadface_ref.import_json(text)
    ok, problems = sadface_verify(doc)
    assert ok, problems
    sadface_ref.set_doc(doc)
    node_ids = [n["id"] for n in doc["nodes"]]
    assert len(set(node_ids)) == len(node_ids), (
        f"duplicate node ids: {sorted(i for i in node_ids if node_ids.count(i) > 1)}"
    )
    for node in doc["nodes"]:
        assert sadface_ref.get_node(node["id"]) is node
    for edge in doc["edges"]:
        assert sadface_ref.get_node(edge["source_id"]) is not None
        assert sadface_ref.get_node(edge["target_id"]) is not None
    assert sorted(a["text"] for a in sadface_ref.list_atoms()) == sorted(c.text for c in m.claims)


needs_sadface = pytest.mark.skipif(sadface_ref is None, reason="the sadface package is not installed")


@needs_sadface
@pytest.mark.parametrize("variant", VARIANT_NAMES)
def test_sadface_reference_reads_it(variant):
    @given(VARIANTS[variant])
    @settings(suppress_health_check=[HealthCheck.too_slow])
    def check(m):
        read_with_sadface(write("sadface", m, lossy=False), m)

    check()


@needs_sadface
def test_sadface_node_ids_are_unique_when_a_claim_id_is_anothers_uuid():
    from argmap.formats.sadface import uuid_for

    m = ArgumentMap([Claim("c1", "A"), Claim(uuid_for("c1"), "B")])
    text = write("sadface", m, lossy=False)
    read_with_sadface(text, m)
    assert get_format("sadface").loads(text) == m


@needs_sadface
def test_sadface_node_ids_are_unique_when_a_claim_id_looks_like_a_relation_id():
    # SADFace gives each relation a scheme node; its id must not be taken.
    m = ArgumentMap(
        [Claim("a", "A"), Claim("b", "B"), Claim("r1", "C")],
        [Relation("r2", Kind.SUPPORT, ("b",), "a"), Relation("r3", Kind.ATTACK, ("r1",), "a")],
    )
    read_with_sadface(write("sadface", m, lossy=False), m)


# --------------------------------------------------------------------------
# Kialo: reads back exactly what simplify() says it becomes


@pytest.mark.parametrize("variant", VARIANT_NAMES)
def test_kialo_reads_back_its_simplification(variant):
    @given(VARIANTS[variant])
    @settings(suppress_health_check=[HealthCheck.too_slow])
    def check(m):
        text = write("kialo", m, lossy=True)
        assert kialo.loads(text) == kialo.simplify(m)[0]

    check()


# --------------------------------------------------------------------------
# Argdown: reads back without error, equal when nothing was warned


@pytest.mark.parametrize("variant", VARIANT_NAMES)
def test_argdown_reads_back(variant):
    @given(VARIANTS[variant])
    @settings(suppress_health_check=[HealthCheck.too_slow])
    def check(m):
        text, lossy = warned("argdown", m)
        back = get_format("argdown").loads(text)
        if not lossy:
            assert back == m

    check()


@pytest.mark.parametrize("depth", [10, 149])
def test_argdown_chain_within_the_nesting_limit(depth):
    m = chain(depth + 1)
    assert get_format("argdown").loads(write("argdown", m, lossy=False)) == m


def test_argdown_chain_deeper_than_the_nesting_limit():
    m = chain(152)
    assert get_format("argdown").loads(write("argdown", m, lossy=False)) == m


# --------------------------------------------------------------------------
# argdown-json (write-only): JSON whose relations name what it describes


@pytest.mark.parametrize("variant", VARIANT_NAMES)
def test_argdown_json_is_json_that_names_its_ends(variant):
    @given(VARIANTS[variant])
    @settings(suppress_health_check=[HealthCheck.too_slow])
    def check(m):
        text, _ = warned("argdown-json", m)
        data = json.loads(text)
        names = set(data["statements"]) | set(data["arguments"])
        for r in data["relations"]:
            assert r["from"] in names and r["to"] in names, r

    check()


def test_argdown_json_relation_onto_a_relation_onto_a_relation():
    b = MapBuilder()
    r1 = b.support(b.claim("A"), "B")
    r2 = b.support(r1, "C")
    b.support(r2, "D")
    data = json.loads(write("argdown-json", b.build(), lossy=True))
    names = set(data["statements"]) | set(data["arguments"])
    assert all(r["from"] in names and r["to"] in names for r in data["relations"]), data["relations"]


# --------------------------------------------------------------------------
# DOT: Graphviz reads it back


def expected_graph(m: ArgumentMap) -> tuple[list[str], list[tuple[str, str]]]:
    """The node names and edges (by name) of *m*'s drawing: a node per claim,
    a junction per linked or targeted relation, and the arrows between."""
    targeted = {r.target for r in m.relations}
    junction = {r.id for r in m.relations if r.is_linked or r.id in targeted}
    nodes = [c.id for c in m.claims] + [r.id for r in m.relations if r.id in junction]
    edges = []
    for r in m.relations:
        if r.id in junction:
            edges += [(p, r.id) for p in r.premises] + [(r.id, r.target)]
        else:
            edges.append((r.premises[0], r.target))
    return nodes, edges


def squeeze(text: str) -> str:
    return "".join(text.split())


def read_with_dot(source: str) -> tuple[list[str], list[tuple[str, str]], dict[str, str]]:
    """Graphviz's reading of DOT *source*: node names, edges, labels (text only)."""
    p = subprocess.run(["dot", "-Tjson"], input=source.encode("utf-8"), capture_output=True, timeout=120, check=False)
    assert p.returncode == 0 and not p.stderr, p.stderr.decode("utf-8", "replace")
    data = json.loads(p.stdout)
    # The theses' rank=same subgraph is an object too (with "nodes"); edges name objects by _gvid.
    objects = {o["_gvid"]: o for o in data.get("objects", [])}
    # Graphviz keeps the backslashes of a quoted id doubled (see argmap.render.dot.quote_id), and its JSON
    # output doubles those of labels too (its SVG shows them single): every backslash comes back as two.
    name = {k: node_id(o["name"]) for k, o in objects.items() if "nodes" not in o}
    names = list(name.values())
    edges = [(name[e["tail"]], name[e["head"]]) for e in data.get("edges", [])]
    labels = {
        name[k]: html.unescape(re.sub(r"<[^>]*>", " ", o.get("label", ""))).replace("\\\\", "\\")
        for k, o in objects.items()
        if k in name
    }
    return names, edges, labels


@pytest.mark.exe
@pytest.mark.parametrize("variant", VARIANT_NAMES)
def test_dot_reads_it_back(variant):
    @given(VARIANTS[variant])
    @settings(max_examples=15, suppress_health_check=[HealthCheck.too_slow])
    def check(m):
        names, edges, labels = read_with_dot(to_dot(m))
        want_nodes, want_edges = expected_graph(m)
        assert sorted(names) == sorted(want_nodes)
        assert sorted(edges) == sorted(want_edges)
        for c in m.claims:
            assert squeeze(c.text) in squeeze(labels[c.id])

    check()


# --------------------------------------------------------------------------
# Mermaid: read back the way Mermaid reads it

_NODE = re.compile(r'    (n\d+)\["([^"\n]*)"\]:::(\w+)')
_JUNCTION = re.compile(r'    (j\d+)\(\(" "\)\):::(\w+)')
_EDGE = re.compile(
    r"    ([nj]\d+) (-->|--x|---|-\.->|-\.-x|-\.-|==>\|entails\||==x\|contrary\||x==x\|contradictory\||===) ([nj]\d+)"
)
_OTHER = re.compile(r"flowchart (BT|TB|LR|RL)|    %% [^\n]*|    linkStyle [^\n]*|    classDef [^\n]*")
# Mermaid takes "%%{ ... }%%" for a directive wherever it appears (also with
# single quotes inside), not only at the start of a line.
_DIRECTIVE = re.compile(r"%%\{.*?\}%%", re.DOTALL)
_ENTITY = re.compile(r"#(quot|lt|gt|amp|\d+);")
_ENTITIES = {"quot": '"', "lt": "<", "gt": ">", "amp": "&"}


def _unescape(label: str) -> str:
    return _ENTITY.sub(lambda m: _ENTITIES.get(m.group(1)) or chr(int(m.group(1))), label)


def read_mermaid(text: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(caption id, text) per claim box, in order, and the edges by node name,
    from Mermaid flowchart text as argmap writes it; AssertionError on
    anything else, or on a directive hidden in the text."""
    assert not _DIRECTIVE.search(text), f"Mermaid would read a directive: {_DIRECTIVE.search(text).group()!r}"
    lines = text.split("\n")
    assert lines[-1] == "", "no final newline"
    boxes, edges = [], []
    for line in lines[:-1]:
        if m := _NODE.fullmatch(line):
            caption, _, body = m.group(2).partition("<br/>")
            _role, _, ident = caption.partition(" · ")
            boxes.append((_unescape(ident), _unescape(body.replace("<br/>", "\n"))))
        elif m := _EDGE.fullmatch(line):
            edges.append((m.group(1), m.group(3)))
        elif not (_JUNCTION.fullmatch(line) or _OTHER.fullmatch(line)):
            raise AssertionError(f"a line Mermaid would not read as argmap meant it: {line!r}")
    return boxes, edges


def expected_mermaid_edges(m: ArgumentMap) -> list[tuple[str, str]]:
    _, edges = expected_graph(m)
    claim_index = {c.id: f"n{k}" for k, c in enumerate(m.claims)}
    rel_index = {r.id: f"j{k}" for k, r in enumerate(m.relations)}
    name = {**claim_index, **rel_index}
    return [(name[a], name[b]) for a, b in edges]


class TestMermaid:
    @pytest.mark.parametrize("variant", VARIANT_NAMES)
    def test_reads_back(self, variant):
        @given(VARIANTS[variant])
        @settings(suppress_health_check=[HealthCheck.too_slow])
        def check(m):
            boxes, edges = read_mermaid(to_mermaid(m))
            assert [i for i, _ in boxes] == [" ".join(c.id.split()) for c in m.claims]
            for (_, text), c in zip(boxes, m.claims):
                assert squeeze(text) == squeeze(c.text.replace("\t", " "))
            assert sorted(edges) == sorted(expected_mermaid_edges(m))

        check()

    def test_directive_in_a_claim_text(self):
        m = ArgumentMap([Claim("c1", '%%{init: {"theme": "dark"}}%%')])
        read_mermaid(to_mermaid(m))

    def test_directive_in_a_claim_id(self):
        m = ArgumentMap([Claim("%%{init: {'theme': 'dark'}}%%", "A")])
        read_mermaid(to_mermaid(m))

    def test_directive_in_the_title(self):
        m = ArgumentMap([Claim("c1", "A")], title='%%{init: {"theme": "dark"}}%%')
        read_mermaid(to_mermaid(m))


@pytest.mark.exe
def test_dot_keeps_an_id_that_starts_with_a_percent_sign():
    # Graphviz reads a node name "%3" as its own anonymous object 3.
    m = ArgumentMap(
        [Claim("0", "a"), Claim("%", "b"), Claim("%1", "c"), Claim("\\%", "d"), Claim("&%1", "e"), Claim("&", "f")],
        [Relation("r", Kind.SUPPORT, ["%", "%1", "\\%", "&%1", "&"], "0")],
    )
    names, edges, labels = read_with_dot(to_dot(m))
    assert sorted(names) == sorted(expected_graph(m)[0])
    assert sorted(edges) == sorted(expected_graph(m)[1])
    assert {c.id: labels[c.id] for c in m.claims}.keys() == {"0", "%", "%1", "\\%", "&%1", "&"}
