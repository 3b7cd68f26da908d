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
