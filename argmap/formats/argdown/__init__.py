"""Argdown, the field's plain-text syntax for argument maps (argdown.org).

``loads`` reads any document that the reference implementation
(@argdown/core 1.7.5) accepts and makes the same statements, arguments and
relations of it; a document it rejects raises :class:`~argmap.errors.ParseError`
at the line it names.  ``dumps`` writes idiomatic Argdown.  See
docs/argdown.md for the mapping onto argmap's model.

>>> m = loads('''[Tea]: Tea is better.
...   + [Taste]: It tastes better.
...   - <Coffee>: Coffee is stronger.''')
>>> [c.id for c in m.claims]
['Tea', 'Taste', '<Coffee>']
>>> [(r.id, r.kind.value, r.premises, r.target) for r in m.relations]
[('r1', 'support', ('Taste',), 'Tea'), ('r2', 'attack', ('<Coffee>',), 'Tea')]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from argmap._gc import paused
from argmap.formats._decode import decode
from argmap.formats.argdown._yaml import MAX_YAML_EXPANSION

if TYPE_CHECKING:
    from argmap.formats.argdown._model import Doc
    from argmap.model import ArgumentMap, Source

__all__ = ["MAX_YAML_EXPANSION", "draft", "dumps", "load_file", "loads", "parse_document"]


def parse_document(text: str | bytes, *, max_yaml_expansion: int = MAX_YAML_EXPANSION) -> tuple[str, Doc]:
    """Argdown's own model of *text* (statements, arguments, relations), as the
    reference builds it; used by the ``argdown-json`` writer and the tests."""
    from argmap.formats.argdown._builder import build
    from argmap.formats.argdown._direct import build_direct
    from argmap.formats.argdown._lexer import expand, tokenize_lines
    from argmap.formats.argdown._parser import parse

    text = decode(text)
    if isinstance(max_yaml_expansion, bool) or not isinstance(max_yaml_expansion, int) or max_yaml_expansion < 1:
        raise ValueError(f"max_yaml_expansion must be a positive integer, not {max_yaml_expansion!r}")
    # The syntax tree and the model are many small objects and no cycles
    # worth collecting: without the cyclic collector, reading is 3x faster.
    with paused(promote=True):  # (the model is returned: filed as old, not scanned as young)
        tokens = tokenize_lines(text)
        doc = build_direct(text, tokens)
        if doc is None:
            doc = build(text, parse(text, expand(tokens)), max_yaml_expansion)
        return text, doc


def loads(
    text: str | bytes, *, max_yaml_expansion: int = MAX_YAML_EXPANSION, base_dir: str | None = None
) -> ArgumentMap:
    """Read an Argdown document (a ParseError names the line and column).

    Front matter ``source:`` names the article the document maps (a path,
    or a mapping with ``path``, ``url``, ``title`` or the ``text`` itself);
    each ``{quote: "..."}`` in a statement's data is located in it (see
    docs/argdown.md).  A path is read relative to *base_dir*, and only when
    *base_dir* is given (``argmap.load`` gives the file's folder): a string
    read from elsewhere never makes argmap open a file it names.  Only a
    regular file is read.

    Reading takes time linear in the text.  *max_yaml_expansion* bounds what
    YAML aliases and merge keys in front matter and data blocks may expand
    to: at most this many times the block's length (a
    :class:`~argmap.errors.LimitError` past that; see docs/argdown.md).
    """
    from argmap.formats.argdown._convert import to_map

    src, doc = parse_document(text, max_yaml_expansion=max_yaml_expansion)
    with paused(promote=True):  # (the map is returned: filed as old)
        return to_map(doc, src, base_dir=base_dir)


def load_file(data: bytes, path: str, *, max_bytes: int | None = None) -> ArgumentMap:
    """The map of Argdown file *path* (its bytes *data*): a ``source:`` path
    in its front matter is read relative to the file's directory."""
    import os

    return loads(data, base_dir=os.path.dirname(path) or os.curdir)


def dumps(m: ArgumentMap, *, source_path: str | None = None) -> str:
    """Write *m* as Argdown (byte-identical for equal maps).

    The map's source is written into the front matter: its text, or, given
    *source_path*, that path (relative to where the document will be, as
    the reader takes it) with the source's title and url.
    """
    from argmap.formats.argdown._writer import write

    return write(m, source_path=source_path)


def draft(source: Source, *, source_path: str | None = None, title: str | None = None) -> str:
    """A starting point for annotating *source* by hand: every sentence as a
    statement that quotes it, grouped by paragraph (what ``argmap draft``
    writes; see docs/argdown.md).  The front matter names the source by
    *source_path* when given (relative to where the document will be), else
    holds its text."""
    from argmap.formats.argdown._draft import draft as _draft

    return _draft(source, source_path=source_path, title=title)
