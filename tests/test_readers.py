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
    @given(text=st.text(alphabet='{}[]":,0123 \n\t-+<>()#@*_.abc\\', max_size=200))
    def test_structure_characters(self, name, text):
        _read_or_refuse(name, text)


class TestMaxBytes:
    """The input limit of every reader: refused one byte past it, read at it."""

    @pytest.mark.parametrize("name", READERS)
    @given(data=st.binary(max_size=100) | st.text(max_size=50).map(str.encode))
    def test_loads_at_and_past_the_limit(self, name, data):
        from argmap import LimitError, loads

        with pytest.raises(LimitError, match=r"max_bytes=\d+ bytes \(\d+ bytes\); pass max_bytes= \(or --max-bytes\)"):
            loads(data + b" ", format=name, max_bytes=len(data))
        try:
            loads(data, format=name, max_bytes=len(data))
        except LimitError:  # pragma: no cover - the failure this test is for
            raise
        except ArgmapError:
            pass

    @pytest.mark.parametrize("name", READERS)
    def test_text_is_measured_in_utf8(self, name):
        from argmap import LimitError, loads

        with pytest.raises(LimitError):
            loads("é" * 5, format=name, max_bytes=9)

    def test_files(self, tmp_path):
        from argmap import LimitError, load, loads

        path = tmp_path / "m.json"
        text = '{"argmap": 1, "claims": [], "relations": []}'
        path.write_text(text)
        assert load(path, max_bytes=len(text)) == loads(text)
        assert load(path, max_bytes=None) == loads(text)
        with pytest.raises(LimitError) as info:
            load(path, max_bytes=len(text) - 1)
        assert (info.value.path, info.value.limit, info.value.value) == (str(path), "max_bytes", len(text) - 1)
        assert str(info.value).startswith(f"{path}: the input is larger than max_bytes={len(text) - 1} bytes")

    @pytest.mark.parametrize("bad", [-1, 1.5, "10", True])
    def test_bad_limit(self, bad):
        from argmap import loads

        with pytest.raises(ArgmapError, match="max_bytes must be a whole number"):
            loads("{}", max_bytes=bad)


class TestBadArguments:
    """Wrong arguments to the readers and writers are ArgmapErrors too."""

    @pytest.mark.parametrize("path", [None, 3, b"m.json", "m\x00.json"])
    def test_load_path(self, path):
        from argmap import load

        with pytest.raises(ArgmapError):
            load(path, format="json")

    @pytest.mark.parametrize("value", [None, 3, "map", {}])
    def test_dumps_map(self, value):
        from argmap import dumps
        from argmap.render import to_mermaid

        with pytest.raises(ArgmapError, match="expected an ArgumentMap"):
            dumps(value)
        with pytest.raises(ArgmapError, match="expected an ArgumentMap"):
            to_mermaid(value)

    @pytest.mark.parametrize("value", [None, 3, 1.5])
    def test_loads_input(self, value):
        from argmap import loads

        for name in READERS:
            with pytest.raises(ArgmapError):
                loads(value, format=name)

    def test_directory(self, tmp_path):
        from argmap import load

        with pytest.raises(ArgmapError, match="cannot read: Is a directory") as info:
            load(tmp_path, format="json")
        assert str(info.value).startswith(str(tmp_path))
