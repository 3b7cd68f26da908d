"""Text-level strategies for the readers: documents as their files hold them."""

from __future__ import annotations

import json

from hypothesis import strategies as st

from argmap.formats.json import dumps, to_data
from argmap.model import ArgumentMap
from argmap.strategies._maps import argument_maps
from argmap.strategies._values import check_bool, check_strategy

__all__ = ["argmap_json"]


def argmap_json(
    maps: st.SearchStrategy[ArgumentMap] | None = None, *, canonical: bool = False
) -> st.SearchStrategy[str]:
    """JSON texts of valid maps, each one a document that
    :func:`argmap.formats.json.loads` must read.

    The maps come from *maps* (default :func:`argument_maps`).  With
    ``canonical=True`` the text is exactly what :func:`argmap.formats.json.dumps`
    writes; otherwise it is also written the ways other JSON tools write it
    (other indentation and key order, ``\\uXXXX`` escapes, a byte order
    mark), which must read back as the same map.
    """
    check_strategy(maps, "maps")
    check_bool(canonical, "canonical")
    maps = maps if maps is not None else argument_maps()
    return maps.map(dumps) if canonical else _texts(maps)


@st.composite
def _texts(draw: st.DrawFn, maps: st.SearchStrategy[ArgumentMap]) -> str:
    m = draw(maps)
    if draw(st.booleans()):
        return dumps(m)
    text = json.dumps(
        to_data(m),
        indent=draw(st.sampled_from([None, 0, 1, 2, 4, "\t"])),
        ensure_ascii=draw(st.booleans()),
        sort_keys=draw(st.booleans()),
    )
    space = st.text(st.sampled_from(" \t\r\n"), max_size=2)
    return ("\ufeff" if draw(st.booleans()) else "") + draw(space) + text + draw(space)
