"""AIFdb dialogue (IAT) maps: the argument layer is the map, the dialogue
layer (locutions, speakers, timestamps, YA and TA nodes) is kept as data and
written back, so AIF -> argmap -> AIF gives the same document."""

import json
from pathlib import Path

import pytest

import argmap
from argmap.formats import aif

AIFDB = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "aifdb"
FILES = sorted(AIFDB.glob("*/*.json")) if AIFDB.is_dir() else []

# A small IAT analysis of two turns: Bob asserts a claim, Alice disagrees,
# with the locutions, their transition and the illocutions anchoring the
# I-nodes and the conflict.
IAT = {
    "nodes": [
        {"nodeID": "1", "text": "Tax should rise", "type": "I", "timestamp": "2020-01-01 10:00:00"},
        {"nodeID": "2", "text": "Tax hurts growth", "type": "I", "timestamp": "2020-01-01 10:00:00"},
        {"nodeID": "3", "text": "Default Conflict", "type": "CA", "timestamp": "2020-01-01 10:00:00"},
        {"nodeID": "4", "text": "Bob : tax should rise", "type": "L", "timestamp": "2020-01-01 10:00:00"},
        {"nodeID": "5", "text": "Alice : no, it hurts growth", "type": "L", "timestamp": "2020-01-01 10:00:05"},
        {"nodeID": "6", "text": "Asserting", "type": "YA", "timestamp": "2020-01-01 10:00:00"},
        {"nodeID": "7", "text": "Default Transition", "type": "TA", "timestamp": "2020-01-01 10:00:05"},
        {"nodeID": "8", "text": "Disagreeing", "type": "YA", "timestamp": "2020-01-01 10:00:05"},
    ],
    "edges": [
        {"edgeID": "e1", "fromID": "2", "toID": "3"},
        {"edgeID": "e2", "fromID": "3", "toID": "1"},
        {"edgeID": "e3", "fromID": "4", "toID": "6"},
        {"edgeID": "e4", "fromID": "6", "toID": "1"},
        {"edgeID": "e5", "fromID": "4", "toID": "7"},
        {"edgeID": "e6", "fromID": "7", "toID": "5"},
        {"edgeID": "e7", "fromID": "7", "toID": "8"},
        {"edgeID": "e8", "fromID": "8", "toID": "3"},
    ],
    "locutions": [
        {
            "nodeID": "4",
            "personID": "11",
            "timestamp": "2020-01-01 10:00:00",
            "start": None,
            "end": None,
            "source": None,
        },
        {
            "nodeID": "5",
            "personID": "12",
            "timestamp": "2020-01-01 10:00:05",
            "start": None,
            "end": None,
            "source": None,
        },
    ],
}


def _key(item: object) -> str:
    return json.dumps(item, sort_keys=True)


def _same_document(a: dict, b: dict) -> None:
    assert sorted(a) == sorted(b)
    for field in a:
        assert sorted(map(_key, a[field])) == sorted(map(_key, b[field])), field


def test_argument_layer_is_the_map():
    m = aif.loads(json.dumps(IAT))
    assert [c.id for c in m.claims] == ["1", "2"]
    ((r,),) = [m.relations]
    assert (r.id, r.kind.value, r.premises, r.target) == ("3", "attack", ("2",), "1")
    assert [t.id for t in m.theses] == ["1"]


def test_dialogue_layer_is_kept_as_data():
    m = aif.loads(json.dumps(IAT))
    kept = {n["nodeID"]: n["type"] for n in m.data["nodes"]}
    assert kept == {"4": "L", "5": "L", "6": "YA", "7": "TA", "8": "YA"}
    assert [loc["personID"] for loc in m.data["locutions"]] == ["11", "12"]
    assert {e["edgeID"] for e in m.data["edges"]} == {"e3", "e4", "e5", "e6", "e7", "e8"}
    assert m.claim("1").data["timestamp"] == "2020-01-01 10:00:00"


def test_round_trip_gives_the_same_document():
    m = aif.loads(json.dumps(IAT))
    _same_document(IAT, json.loads(aif.dumps(m)))
    assert aif.loads(aif.dumps(m)) == m


def test_dialogue_layer_survives_argmap_json():
    m = aif.loads(json.dumps(IAT))
    again = argmap.loads(argmap.dumps(m))
    _same_document(IAT, json.loads(aif.dumps(again)))


@pytest.mark.skipif(not FILES, reason="../shared/corpora/aifdb is not there")
@pytest.mark.parametrize("path", FILES, ids=[f"{p.parent.name}/{p.name}" for p in FILES])
def test_aifdb_corpus_round_trip(path):
    doc = json.loads(path.read_text(encoding="utf-8"))
    m = argmap.load(path, format="aif")
    assert len(m.claims) == sum(n["type"] == "I" for n in doc["nodes"])
    _same_document(doc, json.loads(aif.dumps(m)))


@pytest.mark.skipif(not FILES, reason="../shared/corpora/aifdb is not there")
def test_aifdb_corpus_figures():
    # The figures in docs/corpora.md.
    counts = {}
    for path in FILES:
        m = argmap.load(path, format="aif")
        n = counts.setdefault(path.parent.name, [0, 0, 0, 0])
        n[0] += 1
        n[1] += len(m.claims)
        n[2] += len(m.relations)
        n[3] += sum(node["type"] == "L" for node in m.data.get("nodes", ()))
    assert counts == {"iac": [10, 113, 66, 0], "qt30": [10, 193, 70, 419], "us-2016": [10, 226, 116, 502]}
