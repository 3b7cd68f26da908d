"""A .json file in another format: the error names the format it looks like."""

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given

import argmap
from argmap import FormatError, ParseError
from argmap.formats._sniff import looks_like, looks_like_text
from argmap.strategies import argument_maps

DATA = Path(__file__).parent / "data" / "interchange"
AIFDB = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "aifdb"


def _map() -> argmap.ArgumentMap:
    b = argmap.MapBuilder()
    b.support(b.claim("Tea is better", id="t"), b.claim("It is calming", id="p"), id="r")
    return b.build()


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("aif", lambda: argmap.dumps(_map(), format="aif")),
        ("aif", lambda: (DATA / "ova3.json").read_text(encoding="utf-8")),
        ("aif", lambda: '{"nodes": [], "edges": [], "locutions": []}'),
        ("sadface", lambda: argmap.dumps(_map(), format="sadface")),
        ("sadface", lambda: (DATA / "sadface_lib.sadface.json").read_text(encoding="utf-8")),
    ],
)
def test_foreign_json_is_named(tmp_path, name, text):
    path = tmp_path / "map.json"
    path.write_text(text(), encoding="utf-8")
    with pytest.raises(FormatError) as e:
        argmap.load(path)
    assert str(e.value).startswith(f'{path}:argmap: no "argmap" version field; this looks like ')
    assert str(e.value).endswith(f": pass format={name!r} (or --from {name})")
    argmap.load(path, format=name)  # and the hint is right


def test_argdown_json_is_named(tmp_path):
    path = tmp_path / "map.json"
    path.write_text(argmap.dumps(_map(), format="argdown-json"), encoding="utf-8")
    with pytest.raises(
        FormatError, match=r"looks like Argdown's JSON export, not argmap's own JSON: read the Argdown document"
    ):
        argmap.load(path)


def test_kialo_text_is_named(tmp_path):
    path = tmp_path / "debate.json"
    shutil.copy(DATA / "tea.kialo.txt", path)
    with pytest.raises(ParseError, match=r"looks like Kialo's text export, not argmap's own JSON: pass format='kialo'"):
        argmap.load(path)
    argmap.load(path, format="kialo")


def test_no_guess_without_a_signature():
    with pytest.raises(FormatError, match=r'missing "argmap" version field; is this an argmap JSON document\?$'):
        argmap.loads('{"claims": []}')
    with pytest.raises(ParseError) as e:
        argmap.loads("{")
    assert "looks like" not in str(e.value)
    assert looks_like([]) is None and looks_like({"nodes": 1, "edges": []}) is None
    assert looks_like_text("2. Not a thesis") is None


def test_cli_names_the_format(tmp_path, capsys):
    from argmap.cli import main

    path = tmp_path / "x.json"
    path.write_text(argmap.dumps(_map(), format="aif"), encoding="utf-8")
    assert main(["check", str(path)]) == 1
    assert "this looks like AIF, not argmap's own JSON: pass format='aif' (or --from aif)" in capsys.readouterr().err


@given(argument_maps())
def test_argmap_json_is_never_taken_for_another_format(m):
    assert looks_like(json.loads(argmap.dumps(m))) is None
    assert looks_like_text(argmap.dumps(m)) is None


@given(argument_maps())
def test_aif_of_any_map_is_named(m):
    assert looks_like(json.loads(argmap.dumps(m, format="aif"))) == "aif"


@pytest.mark.skipif(not AIFDB.is_dir(), reason="../shared/corpora/aifdb is not there")
def test_aifdb_files_are_named():
    files = sorted(AIFDB.glob("*/*.json"))
    assert files and all(looks_like(json.loads(f.read_text(encoding="utf-8"))) == "aif" for f in files)
