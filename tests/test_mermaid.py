"""argmap.render.to_mermaid: golden files, escaping, and `argmap render --format mermaid`.

Golden files live in tests/data/golden/*.mmd; regenerate them after an
intended change with ARGMAP_REGEN_GOLDEN=1.  tests/test_browser.py also
renders them with mermaid.js when ARGMAP_MERMAID_JS names a copy of it.
"""

import re

import pytest
from hypothesis import given
from test_render import GOLDEN, MAPS, REGEN, chain, hostile_map

import argmap
from argmap import ArgmapError, Claim, Kind
from argmap.cli import main
from argmap.render import render, to_mermaid
from argmap.render.mermaid import escape
from argmap.strategies import argument_maps

LINE = re.compile(
    r"flowchart (BT|TB|LR|RL)"
    r"|    %% [^\n]*"
    r'|    [nj]\d+\["[^"\n]*"\]:::\w+'
    r'|    j\d+\(\(" "\)\):::\w+'
    r"|    [nj]\d+ (-->|--x|---|-\.->|-\.-x|-\.-|==>\|entails\||==x\|contrary\||x==x\|contradictory\||===) [nj]\d+"
    r"|    linkStyle [\d,]+ stroke:#\w+,stroke-width:[\d.]+px(,stroke-dasharray:5 4)?"
    r"|    classDef \w+ fill:#\w+,stroke:#\w+(,stroke-width:[\d.]+px,color:#\w+)?"
)


@pytest.mark.parametrize("name", sorted(MAPS))
def test_golden(name):
    text = to_mermaid(MAPS[name]())
    path = GOLDEN / f"{name}.mmd"
    if REGEN:
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no golden file {path}; run with ARGMAP_REGEN_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(MAPS))
def test_every_line_has_a_known_shape(name):
    for line in to_mermaid(MAPS[name]()).splitlines():
        assert LINE.fullmatch(line), line


def test_arrow_kinds():
    text = to_mermaid(MAPS["undercut"]())
    assert " --> " in text and " -.-x " in text and "stroke-dasharray" in text
    strict = to_mermaid(MAPS["strict"]())
    for arrow in ("==>|entails|", "==x|contrary|", "x==x|contradictory|"):
        assert arrow in strict
    assert " --x " in to_mermaid(MAPS["attack"]())


def test_linked_premises_meet_in_a_junction():
    text = to_mermaid(MAPS["linked"]())
    assert text.count("---") == 2 and 'j0((" ")):::supportjunction' in text and "j0 --> n0" in text


def test_roles_are_classes():
    text = to_mermaid(MAPS["rebuttal"]())
    for role in ("thesis", "objection", "rebuttal"):
        assert f":::{role}" in text and f"classDef {role} " in text


def test_hostile_text_is_escaped():
    text = to_mermaid(hostile_map())
    body = "\n".join(line for line in text.splitlines() if '["' in line)
    for label in re.findall(r'\["(.*)"\]', body):
        assert not set(label.replace("<br/>", "")) & set('"<>`'), label
    assert "She said #quot;no#quot; #amp; left" in text
    assert "#lt;b#gt;bold#lt;/b#gt;" in text
    assert "%% #lt;" not in text and "%% <Hostile>" in text  # the title is only a comment


def test_escape_is_reversible():
    s = 'a "b" <c> & #d; `e`'
    back = escape(s)
    for code, ch in [("#quot;", '"'), ("#lt;", "<"), ("#gt;", ">"), ("#96;", "`"), ("#amp;", "&")]:
        back = back.replace(code, ch)
    assert back.replace("#35;", "#") == s


def test_options():
    m = MAPS["support"]()
    assert to_mermaid(m, direction="right").startswith("flowchart LR\n")
    with pytest.raises(ArgmapError, match="direction"):
        to_mermaid(m, direction="sideways")
    with pytest.raises(ArgmapError, match="wrap"):
        to_mermaid(m, wrap=0)


def test_deep_chain():
    text = to_mermaid(chain(20_000))
    assert text.count("\n") > 40_000


@given(argument_maps())
def test_any_map(m):
    text = to_mermaid(m)
    assert text == to_mermaid(m)
    for line in text.splitlines():
        assert LINE.fullmatch(line), line


def test_render_file_and_cli(tmp_path, capsys):
    m = MAPS["support"]()
    assert render(m, tmp_path / "m.mmd").read_text() == to_mermaid(m)
    path = tmp_path / "m.json"
    argmap.dump(m, path)
    assert main(["render", str(path), "--format", "mermaid", "-o", "-"]) == 0
    assert capsys.readouterr().out == to_mermaid(m)
    assert main(["render", str(path), "--format", "mermaid"]) == 0
    assert (tmp_path / "m.mmd").read_text() == to_mermaid(m)
    assert main(["render", str(path), "-o", str(tmp_path / "x.mmd"), "--direction", "left"]) == 0
    assert (tmp_path / "x.mmd").read_text().startswith("flowchart RL\n")


def test_claim_ids_never_reach_node_ids():
    m = argmap.ArgumentMap([Claim('a"]; click n0 call alert(1)', "text")])
    assert to_mermaid(m).splitlines()[1].startswith('    n0["THESIS · a#quot;]; click')


def test_undercut_kind_order():
    assert Kind.ATTACK.is_attack  # the arrow table covers every kind
    from argmap.render.mermaid import _arrows

    for kind in Kind:
        for onto in (False, True):
            head, line = _arrows(kind, onto)
            assert head and line
