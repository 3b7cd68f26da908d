"""The ``argmap eval`` command."""

from __future__ import annotations

import json

import pytest
from test_sensitivity import tea

import argmap
from argmap.cli import main


@pytest.fixture
def map_file(tmp_path):
    path = tmp_path / "tea.json"
    argmap.dump(tea(), path)
    return str(path)


def test_default_df_quad(map_file, capsys):
    assert main(["eval", map_file]) == 0
    out = capsys.readouterr().out
    assert out.startswith("semantics: df-quad\nt: ") and "hinges on" not in out


def test_explain(map_file, capsys):
    assert main(["eval", map_file, "--semantics", "df-quad", "--explain"]) == 0
    out = capsys.readouterr().out
    assert out.count("  hinges on ") == 3


def test_json(map_file, capsys):
    assert main(["eval", map_file, "--semantics", "preferred", "--json", "--explain"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["semantics"] == "preferred" and data["values"]["t"] == "in"
    assert data["theses"][0]["hinges_on"][0]["id"] == "h"


def test_bad_semantics(map_file, capsys):
    assert main(["eval", map_file, "--semantics", "nope"]) == 2


def test_missing_file(tmp_path, capsys):
    assert main(["eval", str(tmp_path / "none.json")]) == 1
    assert "error" in capsys.readouterr().err


@pytest.mark.parametrize("semantics", ["preferred", "grounded", "df-quad"])
def test_backend_python_same_as_default(map_file, capsys, semantics):
    assert main(["eval", map_file, "--semantics", semantics, "--explain"]) == 0
    default = capsys.readouterr().out
    assert main(["eval", map_file, "--semantics", semantics, "--explain", "--backend", "python"]) == 0
    assert capsys.readouterr().out == default and default.startswith(f"semantics: {semantics}\n")


@pytest.mark.parametrize("semantics", ["preferred", "stable", "semi-stable", "ideal", "complete", "grounded"])
def test_backend_clingo(map_file, capsys, semantics):
    pytest.importorskip("clingo")
    assert main(["eval", map_file, "--semantics", semantics, "--json", "--explain", "--backend", "python"]) == 0
    python = json.loads(capsys.readouterr().out)
    assert main(["eval", map_file, "--semantics", semantics, "--json", "--explain", "--backend", "clingo"]) == 0
    assert json.loads(capsys.readouterr().out) == python
    assert python["values"] and python["theses"][0]["verdict"] in ("accepted", "rejected", "undecided")


def test_backend_clingo_missing(map_file, capsys, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "clingo", None)
    assert main(["eval", map_file, "--semantics", "preferred", "--backend", "clingo"]) == 1
    err = capsys.readouterr().err
    assert "pip install 'argmap[clingo]'" in err and err.count("\n") == 1


def test_bad_backend(map_file, capsys):
    assert main(["eval", map_file, "--backend", "nope"]) == 2
    assert "--backend" in capsys.readouterr().err


def test_backend_choices_match_the_library():
    from argmap.cli import _BACKENDS
    from argmap.semantics.dung import BACKENDS

    assert set(_BACKENDS) == set(BACKENDS)


# --------------------------------------------------------------------------
# Limits and errors on hostile maps (issue 17)


def pairs_map(n_pairs=20):
    """A thesis attacked by one of each of *n_pairs* pairs of claims that
    attack each other: 2 ** n_pairs stable extensions (41 claims for 20)."""
    b = argmap.MapBuilder()
    t = b.claim("thesis", id="t")
    for i in range(n_pairs):
        p, q = b.claim(f"p{i}", id=f"p{i}"), b.claim(f"q{i}", id=f"q{i}")
        b.attack(q, p)
        b.attack(p, q)
        b.attack(t, p)
    return b.build()


def diverging_map():
    """A cyclic map on which DF-QuAD's iteration oscillates for ever."""
    b = argmap.MapBuilder()
    base = {"a0": 0.0, "a1": 0.5, "a2": 0.0, "a3": 1.0}
    c = {k: b.claim(k, id=k, base_score=v) for k, v in base.items()}
    for s, t in [("a0", "a1"), ("a3", "a0"), ("a0", "a2"), ("a2", "a3")]:
        b.attack(c[t], c[s])
    for s, t in [("a2", "a0"), ("a3", "a1"), ("a3", "a2")]:
        b.support(c[t], c[s])
    return b.build()


@pytest.fixture
def pairs_file(tmp_path):
    path = tmp_path / "pairs.json"
    argmap.dump(pairs_map(), path)
    return str(path)


@pytest.fixture
def diverging_file(tmp_path):
    path = tmp_path / "diverging.json"
    argmap.dump(diverging_map(), path)
    return str(path)


@pytest.mark.parametrize("semantics", ["stable", "preferred", "complete"])
def test_41_claims_hit_the_extension_limit(pairs_file, capsys, semantics):
    # Before: 2 ** 20 stable extensions built in a list, then MemoryError.
    assert main(["eval", pairs_file, "--semantics", semantics, "--backend", "python"]) == 1
    err = capsys.readouterr().err
    assert (
        err
        == f"{pairs_file}: error: more than 1000 {semantics} extensions; pass max_extensions= (--max-extensions) to allow more\n"
    )


def test_max_extensions_flag(tmp_path, capsys):
    path = tmp_path / "pairs.json"
    argmap.dump(pairs_map(3), path)  # 8 stable extensions
    assert main(["eval", str(path), "--semantics", "stable", "--max-extensions", "7"]) == 1
    assert "--max-extensions" in capsys.readouterr().err
    assert main(["eval", str(path), "--semantics", "stable", "--max-extensions", "8", "--explain"]) == 0
    assert capsys.readouterr().out.startswith("semantics: stable\nt: undecided")


def test_time_limit_flag(pairs_file, capsys):
    args = ["eval", pairs_file, "--semantics", "preferred", "--max-extensions", "100000000", "--time-limit", "0.2"]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "took longer than timeout=0.2 seconds" in err and "--time-limit" in err and err.count("\n") == 1


@pytest.mark.parametrize("flag", ["--max-extensions", "--time-limit"])
@pytest.mark.parametrize("value", ["0", "-1", "many", "nan"])
def test_bad_limits_are_usage_errors(map_file, capsys, flag, value):
    assert main(["eval", map_file, flag, value]) == 2
    assert flag in capsys.readouterr().err


@pytest.mark.parametrize(
    "command",
    [
        ["eval", "{}"],
        ["eval", "{}", "--explain", "--semantics", "quad"],
        ["report", "{}", "-o", "{out}.html", "--semantics", "df-quad"],
        ["render", "{}", "-o", "{out}.dot", "--semantics", "df-quad"],
    ],
)
def test_no_convergence_is_one_line(diverging_file, tmp_path, capsys, command):
    out = str(tmp_path / "out")
    args = [a.format(diverging_file, out=out) for a in command]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{diverging_file}: error: ") and "did not converge" in err and err.count("\n") == 1
    assert not list(tmp_path.glob("out*"))  # nothing written


def test_render_with_semantics(map_file, tmp_path, capsys):
    out = tmp_path / "tea.dot"
    assert main(["render", map_file, "-o", str(out), "--semantics", "grounded"]) == 0
    assert "<B>IN</B>" in out.read_text()
    assert main(["render", map_file, "-o", str(out), "--semantics", "df-quad"]) == 0
    assert "<B>0.50</B>" in out.read_text()


def test_render_with_semantics_hits_the_limit(pairs_file, tmp_path, capsys):
    out = tmp_path / "pairs.dot"
    assert main(["render", pairs_file, "-o", str(out), "--semantics", "stable", "--max-extensions", "5"]) == 1
    assert "more than 5 stable extensions" in capsys.readouterr().err and not out.exists()


def test_render_semantics_not_onto_mermaid(map_file, tmp_path, capsys):
    assert main(["render", map_file, "-o", str(tmp_path / "t.mmd"), "--semantics", "df-quad"]) == 2
    assert "Mermaid" in capsys.readouterr().err


def test_the_command_bounds_an_evaluation_by_default():
    from argmap.cli import _parser

    for command in ("eval", "render"):
        assert _parser().parse_args([command, "m.json"]).time_limit == 300.0
        assert _parser().parse_args([command, "m.json", "--time-limit", "none"]).time_limit is None
        assert _parser().parse_args([command, "m.json", "--time-limit", "2.5"]).time_limit == 2.5
