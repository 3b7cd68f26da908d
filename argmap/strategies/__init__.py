"""Hypothesis strategies for argument maps (the extra ``argmap[strategies]``).

Test code that reads, writes, renders or evaluates argument maps against
arbitrary valid maps, the way Hypothesis tests code against arbitrary text::

    from hypothesis import given
    from argmap.strategies import argument_maps

    @given(argument_maps(undercuts=False))
    def test_my_converter_round_trips(m):
        assert my_reader(my_writer(m)) == m

Values: :func:`claim_texts`, :func:`ids`, :func:`claims`, :func:`sources`,
:func:`quotes`.  Maps: :func:`argument_maps`, :func:`argument_trees`,
:func:`relations` (one more relation for a given map).  Documents:
:func:`argmap_json` (valid JSON texts) and :func:`invalid_maps` (documents
with one known defect, for testing error handling); :func:`aif_json`,
:func:`sadface_json` and :func:`kialo_text` for the interchange formats;
:func:`argdown_texts` for Argdown.

Installing argmap registers ``st.from_type(ArgumentMap)``,
``st.from_type(Claim)`` and ``st.from_type(Source)`` through Hypothesis's
entry point.  This package is the only part of argmap that imports hypothesis.
"""


def _hypothesis_setup_hook() -> None:
    """Run by Hypothesis when it is imported (the ``hypothesis`` entry point
    in pyproject.toml): make ``st.from_type`` draw valid argmap values.

    It is defined before anything is imported: importing this package imports
    hypothesis, whose import runs this hook, while this package is still
    half-initialised.
    """
    from hypothesis import strategies as st

    from argmap.model import ArgumentMap, Claim, Source
    from argmap.strategies._maps import argument_maps
    from argmap.strategies._values import claims, sources

    st.register_type_strategy(ArgumentMap, argument_maps())
    st.register_type_strategy(Claim, claims())
    st.register_type_strategy(Source, sources())


from argmap._optional import import_module

import_module("hypothesis", needed_for="argmap.strategies")  # names the extra when it is missing

from argmap.strategies._argdown import argdown_texts
from argmap.strategies._documents import argmap_json
from argmap.strategies._interchange import aif_json, kialo_text, sadface_json
from argmap.strategies._invalid import FORMAT_DEFECTS, VALIDATION_DEFECTS, InvalidDocument, invalid_maps
from argmap.strategies._maps import argument_maps, argument_trees, relations
from argmap.strategies._values import claim_texts, claims, ids, quotes, sources

__all__ = [
    "FORMAT_DEFECTS",
    "InvalidDocument",
    "VALIDATION_DEFECTS",
    "aif_json",
    "argdown_texts",
    "argmap_json",
    "argument_maps",
    "argument_trees",
    "claim_texts",
    "claims",
    "ids",
    "invalid_maps",
    "kialo_text",
    "quotes",
    "relations",
    "sadface_json",
    "sources",
]
