"""brat standoff (argmap.formats.brat): AbstRCT, essay-style stances, the
label vocabulary and annotation.conf."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import argmap
from argmap import ArgmapError, Kind, LimitError, ParseError, Source
from argmap.formats import brat, format_for_path

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "brat" / "abstrct-neoplasm-dev"
CORPUS_FILES = sorted(CORPUS.glob("*.ann")) if CORPUS.is_dir() else []

TEXT = "Schools should teach cooperation. Children learn social skills. Competition motivates more."
ANN = (
    "T1\tMajorClaim 0 33\tSchools should teach cooperation.\n"
    "T2\tClaim 34 63\tChildren learn social skills.\n"
    "T3\tClaim 64 91\tCompetition motivates more.\n"
    "T4\tPremise 34 42;56 62\tChildren skills\n"
    "A1\tStance T2 For\n"
    "A2\tStance T3 Against\n"
    "R1\tsupports Arg1:T4 Arg2:T2\t\n"
    "#1\tAnnotatorNotes T3\tcontested\n"
)
CONF = """# a comment
[entities]
MajorClaim
Claim
Premise
[relations]
supports Arg1:Premise, Arg2:Claim|Premise
[attributes]
Stance Arg:Claim, Value:For|Against
[events]
"""


class TestRead:
    def test_units_relations_and_stances(self):
        m = brat.loads(ANN, source=TEXT)
        assert [(c.id, c.tags, c.quote.start, c.quote.end) for c in m.claims] == [
            ("T1", ("MajorClaim",), 0, 33),
            ("T2", ("Claim",), 34, 63),
            ("T3", ("Claim",), 64, 91),
            ("T4", ("Premise",), 34, 62),
        ]
        assert m.claim("T4").data["brat"] == {"label": "Premise", "spans": ((34, 42), (56, 62))}
        assert m.claim("T3").data["brat"]["notes"] == ("contested",)
        assert [(r.id, r.kind, r.premises, r.target) for r in m.relations] == [
            ("R1", Kind.SUPPORT, ("T4",), "T2"),
            ("A1", Kind.SUPPORT, ("T2",), "T1"),
            ("A2", Kind.ATTACK, ("T3",), "T1"),
        ]
        assert [c.id for c in m.theses] == ["T1"]

    def test_an_offset_of_thousands_of_digits(self):
        # once a ValueError from int() (Python refuses to convert past 4,300 digits)
        ann = "T1\tClaim 0 " + "1" * 5000 + "\tx\n"
        with pytest.raises(ParseError, match=r"^line 1:10: span offset 1{20}\.\.\. is too large \(5000 digits\)"):
            brat.loads(ann)
        with pytest.raises(ParseError, match="too large"):
            brat.loads("T1\tClaim 0 1;2 " + "9" * 19 + "\tx\n")

    def test_offsets_are_ascii_digits(self):
        with pytest.raises(ParseError, match="expected a text-bound annotation"):
            brat.loads("T1\tClaim \u0660 1\tx\n")

    def test_without_the_text_spans_are_kept(self):
        m = brat.loads(ANN)
        assert m.claim("T1").quote == argmap.Quote("Schools should teach cooperation.", 0, 33)
        assert m.claim("T4").quote == argmap.Quote("Children skills")  # in fragments: no single span

    def test_load_reads_the_text_and_the_conf_beside(self, tmp_path):
        (tmp_path / "e1.ann").write_text(ANN)
        (tmp_path / "e1.txt").write_text(TEXT)
        assert argmap.load(tmp_path / "e1.ann").source == Source(TEXT, title="e1.txt")
        (tmp_path / "annotation.conf").write_text(CONF.replace("Premise, Arg2", "Claim, Arg2"))
        with pytest.raises(
            ParseError,
            match=r"e1\.ann:7:1: Arg1 'T4' is a Premise, which annotation\.conf does not allow in a supports",
        ):
            argmap.load(tmp_path / "e1.ann")
        (tmp_path / "annotation.conf").write_text(CONF.replace("Premise\n[rel", "[rel"))
        with pytest.raises(ParseError, match=r"e1\.ann:4:4: label 'Premise' is not declared in annotation\.conf"):
            argmap.load(tmp_path / "e1.ann")
        (tmp_path / "annotation.conf").write_text(CONF + "[oops]\n")
        with pytest.raises(ParseError, match=r"annotation\.conf:11:1: unknown section \[oops\]"):
            argmap.load(tmp_path / "e1.ann")
        (tmp_path / "annotation.conf").write_text(CONF)
        assert len(argmap.load(tmp_path / "e1.ann").relations) == 3
        assert format_for_path("x/e1.ann").name == "brat"

    def test_a_declared_entity_is_a_unit(self, tmp_path):
        (tmp_path / "e1.ann").write_text("T1\tThesis 0 7\tSchools\n")
        with pytest.raises(ParseError, match=r"label 'Thesis' is not a 'unit' or 'major' label; pass labels="):
            argmap.load(tmp_path / "e1.ann")
        (tmp_path / "annotation.conf").write_text("[entities]\nThesis\n")
        assert argmap.load(tmp_path / "e1.ann").claim("T1").tags == ("Thesis",)

    def test_labels_vocabulary(self, tmp_path):
        ann = "T1\tConclusion 0 7\tSchools\nT2\tReason 8 14\tshould\nR1\tBacks Arg1:T2 Arg2:T1\n"
        m = brat.loads(ann, labels={"Conclusion": "major", "Reason": "unit", "Backs": "support"})
        assert m.relation("R1").kind is Kind.SUPPORT
        (tmp_path / "x.ann").write_text(ann)
        m2 = brat.load(tmp_path / "x.ann", labels={"Conclusion": "major", "Reason": "unit", "Backs": "attack"})
        assert m2.relation("R1").kind is Kind.ATTACK
        with pytest.raises(ArgmapError, match=r"labels\['Backs'\] must be one of unit, major, support, attack, stance"):
            brat.loads(ann, labels={"Backs": "supports"})

    def test_the_text_beside_has_the_same_limit(self, tmp_path):
        (tmp_path / "e1.ann").write_text(ANN)
        (tmp_path / "e1.txt").write_text(TEXT * 20)
        with pytest.raises(LimitError) as e:
            argmap.load(tmp_path / "e1.ann", max_bytes=len(ANN) + 5)
        assert e.value.path == str(tmp_path / "e1.txt")

    @pytest.mark.parametrize(
        "old, new, message",
        [
            ("T2\tClaim 34 63", "T2\tClaim 34 64", r"^line 2:1: T2: its text is not the text at its span 34\.\.64"),
            ("T2\tClaim 34 63", "T2\tClaim 34 630", r"^line 2:1: T2: span ends at 630, past the end of the text"),
            ("T2\tClaim 34 63", "T2\tClaim 63 34", r"^line 2:10: span 63 34 ends before it starts"),
            ("T2\tClaim 34 63", "T2\tClaim 34", r"^line 2:1: expected a text-bound annotation"),
            ("T3\tClaim", "T2\tClaim", r"^line 3:1: id 'T2' is used twice \(first on line 2\)"),
            ("Arg1:T4", "Arg1:T9", r"^line 7:1: Arg1 'T9' is not a text-bound annotation"),
            ("Arg1:T4", "Arg1:T2", r"^line 7:1: R1: premise 'T2' targets itself"),
            (
                "R1\tsupports",
                "R1\tcauses",
                r"^line 7:4: label 'causes' is not a 'support' or 'attack' label; pass labels=\{'causes': \.\.\.\}",
            ),
            ("Stance T3 Against", "Stance T3 Maybe", r"^line 6:1: stance value 'Maybe' is not 'support' or 'attack'"),
            ("A1\tStance T2 For", "A1\tStance T8 For", r"^line 5:1: a stance of 'T8'"),
            ("T1\tMajorClaim", "T1\tClaim", r"^line 5:1: a stance, but no major claim"),
            ("#1\tAnnotatorNotes T3", "#1\tAnnotatorNotes T9", r"^line 1:1: a note on 'T9'"),
            ("#1\tAnnotatorNotes T3\t", "#1\tAnnotatorNotes T3 ", r"^line 8:1: expected a note"),
            ("A1\tStance T2 For", "X1\tStance T2 For", r"^line 5:1: unknown annotation 'X1'"),
        ],
    )
    def test_bad_annotations_are_located(self, old, new, message):
        assert old in ANN
        with pytest.raises(ParseError, match=message):
            brat.loads(ANN.replace(old, new, 1), source=TEXT)

    def test_other_lines_are_kept(self):
        m = brat.loads("T1\tClaim 0 7\tSchools\nE1\tEvent:T1\n*\tAlias T1 T1\n")
        assert m.data["brat"]["other"] == ("E1\tEvent:T1", "*\tAlias T1 T1")

    def test_read_only(self):
        with pytest.raises(argmap.FormatError, match="brat is read-only"):
            argmap.dumps(brat.loads(ANN), format="brat")


@st.composite
def annotated(draw):
    words = draw(
        st.lists(st.text(alphabet="abcdé é.,", min_size=1, max_size=6).filter(str.strip), min_size=1, max_size=12)
    )
    text = " ".join(words)
    lines = []
    pos = 0
    for i, w in enumerate(words):
        if draw(st.booleans()) and w.strip() == w:
            lines.append(f"T{i}\t{draw(st.sampled_from(['Claim', 'Premise', 'MajorClaim']))} {pos} {pos + len(w)}\t{w}")
        pos += len(w) + 1
    return text, "\n".join(lines) + "\n"


class TestProperties:
    @given(doc=annotated())
    def test_every_unit_is_quoted_at_its_span(self, doc):
        text, ann = doc
        m = brat.loads(ann, source=text)
        assert len(m.claims) == ann.count("\t") // 2
        for c in m.claims:
            assert text[c.quote.start : c.quote.end] == c.quote.text == c.text

    @given(
        text=st.lists(
            st.sampled_from(
                ["T1", "R1", "A1", "#1", "\t", " ", "\n", "Claim", "Arg1:", "Arg2:T1", "0", "5", ";", "For"]
            ),
            max_size=40,
        ).map("".join)
    )
    def test_ann_like_text(self, text):
        with contextlib.suppress(ArgmapError):
            assert isinstance(brat.loads(text, source="Hello world."), argmap.ArgumentMap)


@pytest.mark.skipif(not CORPUS_FILES, reason="../shared/corpora/brat is not there")
def test_every_abstract():
    """Each AbstRCT abstract loads with its text and the corpus's
    annotation.conf: one claim per T line quoted at its span, one relation per
    R line."""
    claims = relations = 0
    for path in CORPUS_FILES:
        m = argmap.load(path)
        lines = path.read_text().splitlines()
        assert m.source is not None and m.source.text == path.with_suffix(".txt").read_text()
        assert len(m.claims) == sum(1 for line in lines if line.startswith("T"))
        assert len(m.relations) == sum(1 for line in lines if line.startswith("R"))
        for c in m.claims:
            assert m.source.text[c.quote.start : c.quote.end] == c.text
        assert argmap.loads(argmap.dumps(m), format="json") == m
        claims += len(m.claims)
        relations += len(m.relations)
    assert (len(CORPUS_FILES), claims, relations) == (50, 326, 219)
