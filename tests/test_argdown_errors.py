"""Argdown's errors in argmap's own words: where they are and what they say."""

from __future__ import annotations

import pytest

from argmap.errors import ParseError
from argmap.formats.argdown import loads

BOM = b"\xef\xbb\xbf"


class TestByteOrderMark:
    """A byte order mark is not a character of the document: positions after
    it are counted as in the same text without one."""

    @pytest.mark.parametrize(
        ("raw", "line", "col", "byte"),
        [
            (b"[A]: ab\xffcd", 1, 8, 7),
            (b"[A]: text.\n  + ab\xffc", 2, 7, 17),
        ],
    )
    def test_a_bad_byte_is_located_with_or_without_a_bom(self, raw: bytes, line: int, col: int, byte: int) -> None:
        for data, offset in ((raw, byte), (BOM + raw, byte + 3)):
            with pytest.raises(ParseError) as info:
                loads(data)
            assert (info.value.lineno, info.value.colno) == (line, col)
            assert f"byte 0xff at offset {offset}" in str(info.value)

    def test_a_syntax_error_after_a_bom_names_its_own_column(self) -> None:
        text = "[A]: a claim.\n  + [B]: a **bold"
        cols = set()
        for data in (text, "\ufeff" + text, text.encode(), BOM + text.encode()):
            with pytest.raises(ParseError) as info:
                loads(data)
            cols.add((info.value.lineno, info.value.colno))
        assert cols == {(2, 14)}
