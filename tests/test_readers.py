"""Every reader, whatever it is given: a map or an ArgmapError, never another
exception. Every format in the table is tested here automatically, so a new
reader joins the fuzzing the moment it is registered."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmap import ArgmapError, ArgumentMap
from argmap.formats import formats

READERS = [f.name for f in formats()]


def _read_or_refuse(name, data):
    from argmap.formats import get_format

    try:
        result = get_format(name).loads(data)
    except ArgmapError:
        return
    assert isinstance(result, ArgumentMap)


class TestAnyInput:
    @pytest.mark.parametrize("name", READERS)
    @given(data=st.binary(max_size=300))
    def test_any_bytes(self, name, data):
        _read_or_refuse(name, data)

    @pytest.mark.parametrize("name", READERS)
    @given(text=st.text(max_size=300))
    def test_any_text(self, name, text):
        _read_or_refuse(name, text)

    @pytest.mark.parametrize("name", READERS)
    @given(text=st.text(alphabet="{}[]\":,0123 \n\t-+<>()#@*_.abc\\", max_size=200))
    def test_structure_characters(self, name, text):
        _read_or_refuse(name, text)
