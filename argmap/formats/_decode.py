"""The one UTF-8 decoder every reader uses: in a module of its own, which
loads nothing but the errors, so that a reader that needs no map (Argdown to
argdown-json) does not load the model to decode its input."""

from __future__ import annotations

from argmap.errors import FormatError, ParseError

__all__ = ["decode"]


def decode(text: str | bytes) -> str:
    """*text* as a str: bytes are decoded as UTF-8 (a BOM is dropped), with a
    ParseError locating a bad byte."""
    if isinstance(text, (bytes, bytearray)):
        raw = bytes(text)
        try:
            # (utf-8-sig's own: the BOM dropped, then UTF-8; that codec is a
            # module of Python to load at every start, this one is built in)
            text = raw[3:].decode("utf-8") if raw.startswith(b"\xef\xbb\xbf") else raw.decode("utf-8")
        except UnicodeDecodeError as e:
            bom = 3 if raw.startswith(b"\xef\xbb\xbf") else 0
            doc = raw.decode("utf-8-sig", errors="replace")
            pos = len(raw[bom : e.start + bom].decode("utf-8", errors="replace"))
            msg = f"not UTF-8 text: {e.reason} (byte 0x{raw[e.start + bom]:02x} at offset {e.start + bom})"
            raise ParseError(msg, doc=doc, pos=pos) from None
    elif not isinstance(text, str):
        raise FormatError(f"expected text or bytes, not {type(text).__name__}")
    elif text.startswith("\ufeff"):
        text = text[1:]
    if text.startswith("\ufeff"):
        raise ParseError("a second byte order mark (U+FEFF)", doc=text, pos=0)
    return text
