"""Schemes and base scores in Argdown: an argument's first inference rule is
its relation's scheme, ``{score: ...}`` on an argument its base score."""

from __future__ import annotations

import warnings
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
from argmap import ArgumentMap, Claim, Kind, Relation
from argmap.errors import LossyConversionWarning, ParseError
from argmap.formats.argdown import dumps, loads
from argmap.strategies import argument_maps, claim_texts

ONE_LINE = claim_texts().filter(lambda t: "\n" not in t)
SCHEMES = st.sampled_from(["Argument from expert opinion", "Modus ponens", "Argument from consequences, negative"])
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "aif" / "araucaria"


def _no_loss(m: ArgumentMap) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("error", LossyConversionWarning)
        return dumps(m)


@pytest.mark.parametrize(
    "rule",
    [
        "-- Argument from expert opinion --",
        "--\nArgument from expert opinion\n--",
        "-- Argument from expert opinion {uses: [1]} --",
    ],
)
def test_the_first_inference_rule_is_the_scheme(rule: str) -> None:
    m = loads(f"<A>\n\n(1) [E]: The expert says so.\n{rule}\n(2) [C]: So it is.\n")
    assert m.relation("A").scheme == "Argument from expert opinion"


def test_further_rules_stay_data_and_an_argument_scores() -> None:
    m = loads("<A>: Why. {score: 0.25, x: 1}\n\n(1) [P]: p\n-- Modus ponens, Rule two --\n(2) [C]: c\n")
    r = m.relation("A")
    assert (r.scheme, r.base_score) == ("Modus ponens", 0.25)
    assert r.data["argdown"]["rules"] == ("Rule two",)
    assert r.data["argdown"]["data"] == {"x": 1}
    assert loads(_no_loss(m)) == m


def test_a_scheme_is_written_as_an_inference_rule() -> None:
    m = ArgumentMap(
        [Claim("c", "C"), Claim("p", "P")],
        [Relation("r1", Kind.SUPPORT, ("p",), "c", scheme="Argument from expert opinion", base_score=0.5)],
    )
    text = _no_loss(m)
    assert "<r1> {score: 0.5}" in text and "-- Argument from expert opinion --" in text
    assert loads(text) == m


def test_an_argument_score_out_of_range_is_an_error() -> None:
    with pytest.raises(ParseError, match=r"line 1:1: argument 'A': score 2 is outside \[0, 1\]"):
        loads("<A> {score: 2}\n\n(1) [P]: p\n----\n(2) [C]: c\n")


@settings(max_examples=60)
@given(argument_maps(texts=ONE_LINE, base_scores=True, shared_claims=True, undercuts=False), st.data())
def test_schemes_and_scores_read_back(m: ArgumentMap, data: st.DataObject) -> None:
    relations = [attrs.evolve(r, scheme=data.draw(st.none() | SCHEMES)) for r in m.relations]
    m = ArgumentMap(m.claims, relations, title=m.title)
    assert loads(_no_loss(m)) == m


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpora/aif/araucaria is not there")
def test_araucaria_schemes_survive_argdown() -> None:
    """Every AraucariaDB map with schemes, converted to Argdown and back,
    keeps its relations and their schemes (the AIF node data is not Argdown's)."""
    maps = 0
    schemes = 0
    for path in sorted(CORPUS.glob("*.json")):
        m = argmap.load(path, format="aif")
        if not any(r.scheme for r in m.relations):
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", LossyConversionWarning)  # (AIF's own data)
            back = loads(dumps(m))
        shape = [(r.id, r.kind, r.premises, r.target, r.scheme) for r in m.relations]
        assert [(r.id, r.kind, r.premises, r.target, r.scheme) for r in back.relations] == shape, path.name
        maps += 1
        schemes += sum(r.scheme is not None for r in m.relations)
    assert maps >= 60 and schemes >= 180


def test_a_scheme_is_drawn_on_its_arrow_and_listed_in_the_report() -> None:
    from argmap.render import to_dot
    from argmap.report import report

    m = loads(
        "<A>\n\n(1) [E]: The expert says so.\n-- Argument from expert opinion --\n(2) [T]: So it is.\n\n"
        "<B>\n\n(1) [F]: Another expert says so.\n-- Argument from expert opinion --\n(2) [T]\n\n"
        "[T]\n  - [X]: It is not so.\n"
    )
    arrows = [line for line in to_dot(m).splitlines() if '-> "T"' in line]
    assert sum("label=<<I>Argument from expert<BR/>opinion</I>>" in a for a in arrows) == 2
    assert all('fontcolor="#5f6368"' in a for a in arrows if "label=" in a)
    assert not any("label=" in a for a in arrows if a.startswith('\t"X"'))
    page = report(m, diagram=False)
    assert '<dt>Schemes</dt><dd class="schemes">Argument from expert opinion (2)</dd>' in page
    assert "Schemes" not in report(loads("[T]: t\n  - [X]: x\n"), diagram=False)
