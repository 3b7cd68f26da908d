"""The ``argmap eval`` command."""

from __future__ import annotations

import json

import pytest

import argmap
from argmap.cli import main
from test_sensitivity import tea


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
