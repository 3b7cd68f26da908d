"""arg-microtexts arggraph XML (argmap.formats.microtext): the corpus, small
documents of our own, hostile XML."""

from __future__ import annotations

import contextlib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from _guards import hang_guard
from hypothesis import given
from hypothesis import strategies as st

import argmap
from argmap import ArgmapError, Kind, LimitError, ParseError, Source
from argmap.formats import format_for_path, microtext

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "microtexts" / "part1-en"
CORPUS_FILES = sorted(CORPUS.glob("*.xml")) if CORPUS.is_dir() else []

DOC = """<?xml version='1.0' encoding='UTF-8'?>
<arggraph id="t1" topic_id="tea" stance="pro">
  <edu id="e1"><![CDATA[Tea is better.]]></edu>
  <edu id="e2"><![CDATA[It calms you,]]></edu>
  <edu id="e3"><![CDATA[and it is cheap.]]></edu>
  <edu id="e4"><![CDATA[Coffee tastes better.]]></edu>
  <edu id="e5"><![CDATA[Taste is not everything.]]></edu>
  <adu id="a1" type="pro"/>
  <adu id="a2" type="pro"/>
  <adu id="a3" type="opp"/>
  <adu id="a4" type="pro"/>
  <edge id="c1" src="e1" trg="a1" type="seg"/>
  <edge id="c2" src="e2" trg="a2" type="seg"/>
  <edge id="c3" src="e3" trg="a2" type="seg"/>
  <edge id="c4" src="e4" trg="a3" type="seg"/>
  <edge id="c5" src="e5" trg="a4" type="seg"/>
  <edge id="c6" src="a2" trg="a1" type="exa"/>
  <edge id="c7" src="a3" trg="a1" type="reb"/>
  <edge id="c8" src="a4" trg="c7" type="und"/>
</arggraph>
"""
TEXT = "Tea is better. It calms you, and it is cheap. Coffee tastes better. Taste is not everything."


class TestRead:
    def test_units_relations_and_thesis(self):
        m = microtext.loads(DOC)
        assert m.title == "t1" and m.data["microtext"] == {"id": "t1", "topic_id": "tea", "stance": "pro"}
        assert [(c.id, c.text, c.tags) for c in m.claims] == [
            ("a1", "Tea is better.", ("pro",)),
            ("a2", "It calms you, and it is cheap.", ("pro",)),
            ("a3", "Coffee tastes better.", ("opp",)),
            ("a4", "Taste is not everything.", ("pro",)),
        ]
        assert m.claim("a2").data["microtext"] == {"type": "pro", "edus": ("e2", "e3")}
        assert [(r.id, r.kind, r.premises, r.target, r.data["microtext"]["type"]) for r in m.relations] == [
            ("c6", Kind.SUPPORT, ("a2",), "a1", "exa"),
            ("c7", Kind.ATTACK, ("a3",), "a1", "reb"),
            ("c8", Kind.ATTACK, ("a4",), "c7", "und"),
        ]
        assert [c.id for c in m.theses] == ["a1"]
        assert m.source is None and m.claim("a1").quote == argmap.Quote("Tea is better.")

    def test_source_locates_quotes(self):
        m = microtext.loads(DOC, source=TEXT)
        assert m.claim("a2").quote == argmap.Quote("It calms you, and it is cheap.", 15, 45)

    def test_add_is_a_linked_premise(self):
        doc = DOC.replace(
            '<edge id="c8" src="a4" trg="c7" type="und"/>', '<edge id="c8" src="a4" trg="c6" type="add"/>'
        )
        m = microtext.loads(doc)
        assert m.relation("c6").premises == ("a2", "a4")

    def test_load_reads_the_text_beside(self, tmp_path):
        (tmp_path / "t1.xml").write_text(DOC)
        (tmp_path / "t1.txt").write_text(TEXT + "\n")
        m = argmap.load(tmp_path / "t1.xml")
        assert m.source == Source(TEXT + "\n", title="t1.txt")
        assert all(c.quote.start is not None for c in m.claims)
        assert format_for_path("x/micro_b001.xml").name == "microtext"

    def test_the_text_beside_has_the_same_limit(self, tmp_path):
        (tmp_path / "t1.xml").write_text(DOC)
        (tmp_path / "t1.txt").write_text(TEXT * 100)
        with pytest.raises(LimitError) as e:
            argmap.load(tmp_path / "t1.xml", max_bytes=len(DOC) + 10)
        assert e.value.path == str(tmp_path / "t1.txt")

    def test_a_text_beside_that_does_not_match(self, tmp_path):
        (tmp_path / "t1.xml").write_text(DOC)
        (tmp_path / "t1.txt").write_bytes(b"Something else entirely.")
        with pytest.raises(ParseError, match=r"t1\.xml:8:3: the text of adu 'a1' does not occur in the source"):
            argmap.load(tmp_path / "t1.xml")
        (tmp_path / "t1.txt").write_bytes(b"\xff")
        with pytest.raises(ParseError, match=r"t1\.txt:1:1: not UTF-8 text"):
            argmap.load(tmp_path / "t1.xml")

    @pytest.mark.parametrize(
        "change, message",
        [
            (
                ('<edge id="c7" src="a3" trg="a1" type="reb"/>', '<edge id="c7" src="a3" trg="a1" type="xyz"/>'),
                r"^line 18:3: edge 'c7' has an unknown type 'xyz'",
            ),
            (
                ('<edge id="c7" src="a3" trg="a1" type="reb"/>', '<edge id="c7" src="a9" trg="a1" type="reb"/>'),
                r"^line 18:3: edge 'c7': src 'a9' is not an adu",
            ),
            (
                ('<edge id="c8" src="a4" trg="c7" type="und"/>', '<edge id="c8" src="a4" trg="a1" type="und"/>'),
                r"^line 19:3: edge 'c8': an undercut's trg 'a1'",
            ),
            (('<adu id="a4" type="pro"/>', '<adu id="a4"/>'), r"^line 11:3: <adu> has no type attribute"),
            (
                ('<adu id="a4" type="pro"/>', '<adu id="a4" type="pro" x="1"/>'),
                r"^line 11:3: <adu> has an unknown attribute 'x'",
            ),
            (('<adu id="a4" type="pro"/>', '<adu id="a3" type="pro"/>'), r"^line 11:3: id 'a3' is used twice"),
            (('<adu id="a4" type="pro"/>', "<note/>"), r"^line 11:3: unknown element <note>"),
            (('<adu id="a4" type="pro"/>', "<adu"), r"^line 12:\d+: not well-formed XML"),
            (('<edge id="c5" src="e5" trg="a4" type="seg"/>', ""), r"^line 11:3: adu 'a4' has no segment"),
            (("<arggraph", "<graph"), r"^line 2:1: expected an <arggraph> document, not <graph>"),
            (("]]></edu>\n  <adu", "]]><b/></edu>\n  <adu"), r"<b> inside another element"),
            (('<adu id="a1" type="pro"/>', 'oops <adu id="a1" type="pro"/>'), r"^line 8:1: text outside an <edu>"),
        ],
    )
    def test_bad_documents_are_located(self, change, message):
        old, new = change
        assert old in DOC
        with pytest.raises(ParseError, match=message):
            microtext.loads(DOC.replace(old, new, 1))

    def test_cycle_of_undercuts_is_located(self):
        doc = DOC.replace(
            '<edge id="c8" src="a4" trg="c7" type="und"/>', '<edge id="c8" src="a4" trg="c8" type="und"/>'
        )
        with pytest.raises(ParseError, match=r"^line 19:3: c8: relation targets itself"):
            microtext.loads(doc)


def test_read_only():
    with pytest.raises(argmap.FormatError, match="microtext is read-only"):
        argmap.dumps(microtext.loads(DOC), format="microtext")


def _units(n):
    """An arggraph of *n* + 1 units, each of the *n* supporting the first."""
    return (
        "<arggraph id='x'><edu id='e0'>t</edu><adu id='a0' type='pro'/><edge id='s0' src='e0' trg='a0' type='seg'/>"
        + "".join(
            f"<edu id='e{i}'>u{i}</edu><adu id='a{i}' type='pro'/><edge id='s{i}' src='e{i}' trg='a{i}' type='seg'/>"
            f"<edge id='c{i}' src='a{i}' trg='a0' type='sup'/>"
            for i in range(1, n + 1)
        )
        + "</arggraph>"
    )


def _adds(n):
    """An arggraph whose support c0 gets *n* more premises by a chain of add
    edges, each pointing at the one before it."""
    return (
        "<arggraph id='x'><edu id='e0'>t</edu><adu id='a0' type='pro'/><edge id='s0' src='e0' trg='a0' type='seg'/>"
        "<edu id='e1'>u</edu><adu id='a1' type='opp'/><edge id='s1' src='e1' trg='a1' type='seg'/>"
        "<edge id='c0' src='a0' trg='a1' type='sup'/>"
        + "".join(
            f"<edu id='f{i}'>x{i}</edu><adu id='b{i}' type='pro'/><edge id='g{i}' src='f{i}' trg='b{i}' type='seg'/>"
            f"<edge id='d{i}' src='b{i}' trg='{target}' type='add'/>"
            for i, target in enumerate(["c0"] + [f"d{i}" for i in range(n - 1)])
        )
        + "</arggraph>"
    )


class TestLinearTime:
    def test_many_units(self):
        # each unit once sorted its segments by a table of every edu made anew:
        # 20,000 units read in 33 s; these 50,000 now in about 3 s
        with hang_guard(150):
            m = microtext.loads(_units(50_000))
        assert len(m.relations) == 50_000

    def test_a_chain_of_add_edges(self):
        # each add edge once followed the chain to its relation: 8,000 read in 19 s, now 0.5 s
        with hang_guard(60):
            m = microtext.loads(_adds(20_000))
        assert m["c0"].premises[:3] == ("a0", "b0", "b1") and len(m["c0"].premises) == 20_001


class TestHostileXML:
    LAUGHS = (
        '<?xml version="1.0"?><!DOCTYPE arggraph [<!ENTITY a "aaaaaaaaaa">'
        + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
        + ']><arggraph id="x"><edu id="e1">&j;</edu></arggraph>'
    )

    def test_no_document_type_and_so_no_entity_expansion(self):
        with (
            hang_guard(10),
            pytest.raises(ParseError, match=r"^line 1:\d+: a document type declaration \(DOCTYPE\) is not allowed"),
        ):
            microtext.loads(self.LAUGHS)

    @pytest.mark.parametrize(
        "doc",
        [
            '<arggraph id="x"><edu id="e1">&ext;</edu></arggraph>',
            '<?xml-stylesheet href="x"?><arggraph id="x"/>',
        ],
    )
    def test_references_and_instructions(self, doc):
        with pytest.raises(ParseError):
            microtext.loads(doc)

    @given(
        text=st.lists(
            st.sampled_from(
                list("<>/=\"' !?[]&;")
                + [
                    "arggraph",
                    "edu",
                    "adu",
                    "edge",
                    "id",
                    "src",
                    "trg",
                    "type",
                    "seg",
                    "sup",
                    "und",
                    "add",
                    "a1",
                    "e1",
                    "c1",
                    "<![CDATA[",
                    "]]>",
                ]
            ),
            max_size=60,
        ).map("".join)
    )
    def test_xml_like_text(self, text):
        with contextlib.suppress(ArgmapError):
            assert isinstance(microtext.loads(text), argmap.ArgumentMap)


@pytest.mark.skipif(not CORPUS_FILES, reason="../shared/corpora/microtexts is not there")
def test_every_microtext():
    """Each file loads with its text, validates, quotes every ADU at its span,
    and has one relation per sup, exa, reb and und edge, one thesis."""
    claims = relations = 0
    for path in CORPUS_FILES:
        m = argmap.load(path)
        root = ET.parse(path).getroot()
        adus = root.findall("adu")
        edges = [e.get("type") for e in root.findall("edge")]
        assert m.source is not None and m.source.text == path.with_suffix(".txt").read_text()
        assert len(m.claims) == len(adus) == sum(1 for c in m.claims if c.quote and c.quote.start is not None)
        assert len(m.relations) == sum(edges.count(t) for t in ("sup", "exa", "reb", "und"))
        assert sum(len(r.premises) for r in m.relations) == len(m.relations) + edges.count("add")
        assert len(m.theses) == 1
        assert argmap.loads(argmap.dumps(m), format="json") == m
        claims += len(m.claims)
        relations += len(m.relations)
    assert (len(CORPUS_FILES), claims, relations) == (112, 576, 443)
