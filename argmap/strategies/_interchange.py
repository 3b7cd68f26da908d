"""Documents in the interchange formats, as other tools write them.

:func:`aif_json`, :func:`sadface_json` and :func:`kialo_text` draw texts
that the format's reader must accept: a map written by argmap's writer, then
changed the way real files differ (AIF: numeric ids, timestamps, dialogical
L/YA nodes and MA rephrases, nodes and edges in any order; SADFace: UUIDs,
metadata blocks; Kialo: blank lines, CRLF line ends, no title).
"""

from __future__ import annotations

import json
import warnings
from typing import Any

from hypothesis import strategies as st

from argmap.errors import LossyConversionWarning
from argmap.formats import aif, kialo, sadface
from argmap.model import ArgumentMap
from argmap.strategies._maps import argument_maps
from argmap.strategies._values import check_strategy, claim_texts

__all__ = ["aif_json", "kialo_text", "sadface_json"]


def _default(maps: st.SearchStrategy[ArgumentMap] | None) -> st.SearchStrategy[ArgumentMap]:
    check_strategy(maps, "maps")
    return maps if maps is not None else argument_maps(max_claims=12)


_TIMESTAMPS = st.builds(
    "2012-04-12 {:02d}:{:02d}:{:02d}".format, st.integers(0, 23), st.integers(0, 59), st.integers(0, 59)
)


def aif_json(maps: st.SearchStrategy[ArgumentMap] | None = None) -> st.SearchStrategy[str]:
    """AIF JSON texts, as AIFdb and OVA write them, of maps drawn from *maps*
    (default :func:`argument_maps`)."""
    return _aif(_default(maps))


@st.composite
def _aif(draw: st.DrawFn, maps: st.SearchStrategy[ArgumentMap]) -> str:
    doc = aif.to_data(draw(maps))
    nodes, edges = doc["nodes"], doc["edges"]
    numeric = draw(st.booleans())
    renames: dict[Any, Any] = {}
    if numeric:  # AIFdb: numbers as ids (strings of digits or plain numbers)
        as_int = draw(st.booleans())
        for k, n in enumerate(nodes):
            new = 100 + k
            renames[n["nodeID"]] = new if as_int else str(new)
            n["nodeID"] = renames[n["nodeID"]]
        for k, e in enumerate(edges):
            e["fromID"], e["toID"] = renames[e["fromID"]], renames[e["toID"]]
            e["edgeID"] = 1000 + k if as_int else str(1000 + k)
    if draw(st.booleans()):
        for n in nodes:
            n["timestamp"] = draw(_TIMESTAMPS)
        for e in edges:
            e["formEdgeID"] = None
    i_nodes = [n for n in nodes if n["type"] == "I"]
    if bool(i_nodes) and draw(st.booleans()):  # the dialogical layer: L -> YA -> I, and an MA rephrase
        for k, n in enumerate(i_nodes[: draw(st.integers(1, 3))]):
            loc, ya = f"L{k}", f"YA{k}"
            nodes.append({"nodeID": loc, "text": f"Speaker says '{n['text']}'", "type": "L"})
            nodes.append({"nodeID": ya, "text": "Asserting", "type": "YA"})
            edges.append({"edgeID": f"e-{loc}", "fromID": loc, "toID": ya})
            edges.append({"edgeID": f"e-{ya}", "fromID": ya, "toID": n["nodeID"]})
        if len(i_nodes) > 1 and draw(st.booleans()):
            nodes.append({"nodeID": "MA0", "text": "Default Rephrase", "type": "MA"})
            edges.append({"edgeID": "e-MA0-in", "fromID": i_nodes[0]["nodeID"], "toID": "MA0"})
            edges.append({"edgeID": "e-MA0-out", "fromID": "MA0", "toID": i_nodes[1]["nodeID"]})
    nodes[:] = draw(st.permutations(nodes))
    edges[:] = draw(st.permutations(edges))
    if draw(st.booleans()):
        doc["locutions"] = []
        doc["participants"] = []
    return json.dumps(doc, ensure_ascii=draw(st.booleans()), indent=draw(st.sampled_from([None, 1, 2])))


def sadface_json(maps: st.SearchStrategy[ArgumentMap] | None = None) -> st.SearchStrategy[str]:
    """SADFace JSON texts of maps drawn from *maps*: UUID ids, metadata
    blocks and analyst details, as the ``sadface`` package writes them."""
    return _sadface(_default(maps))


@st.composite
def _sadface(draw: st.DrawFn, maps: st.SearchStrategy[ArgumentMap]) -> str:
    doc = sadface.to_data(draw(maps))
    if draw(st.booleans()):  # fresh UUIDs everywhere, argmap's own ids dropped
        k = len(doc["nodes"]) + len(doc["edges"])
        fresh = [str(u) for u in draw(st.lists(st.uuids(version=4), min_size=k, max_size=k, unique=True))]
        renames = {}
        for n in doc["nodes"]:
            renames[n["id"]] = n["id"] = fresh.pop()
            n["metadata"].get("argmap", {}).pop("id", None)
        for e in doc["edges"]:
            e["id"] = fresh.pop()
            e["source_id"], e["target_id"] = renames[e["source_id"]], renames[e["target_id"]]
    if draw(st.booleans()):
        doc["metadata"]["core"].update(
            analyst_name="A User",
            analyst_email="user@email.address",
            created="2020-06-25T18:05:36",
            edited="2020-06-25T18:05:36",
        )
    doc["nodes"] = draw(st.permutations(doc["nodes"]))
    return json.dumps(doc, ensure_ascii=draw(st.booleans()), indent=draw(st.sampled_from([None, 2])))


def kialo_text(maps: st.SearchStrategy[ArgumentMap] | None = None) -> st.SearchStrategy[str]:
    """Kialo plain-text exports of maps drawn from *maps* (what Kialo cannot
    hold is simplified first), with the variations of real exports: no
    title, blank lines, Windows line ends."""
    return _kialo(_default(maps) if maps is not None else argument_maps(max_claims=12, texts=claim_texts(max_size=40)))


@st.composite
def _kialo(draw: st.DrawFn, maps: st.SearchStrategy[ArgumentMap]) -> str:
    m = draw(maps)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LossyConversionWarning)
        text = kialo.dumps(m)
    lines = text.split("\n")
    if draw(st.booleans()) and lines and lines[0].startswith("Discussion Title: "):
        lines = lines[2:]
    if draw(st.booleans()):
        lines = [x for line in lines for x in ([line, ""] if line else [line])]
    return ("\r\n" if draw(st.booleans()) else "\n").join(lines)
