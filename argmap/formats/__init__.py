"""Reading and writing maps: the format table, and ``load``/``dump``/``loads``/``dumps``.

Each format lives in its own module with ``loads(text) -> ArgumentMap`` and
``dumps(map) -> str`` and does no file I/O.  The functions here choose the
format by name or by file suffix, never by guessing from the content, and
write files atomically.

>>> from argmap.formats import format_for_path
>>> format_for_path("maps/seed.json").name
'json'
>>> format_for_path("corpus/nodeset12.aif.json").name
'aif'
>>> format_for_path("notes.txt")
Traceback (most recent call last):
...
argmap.errors.FormatError: notes.txt: unknown file suffix '.txt'; known suffixes: .json (json), ...; pass format= to choose one
"""

from __future__ import annotations

import importlib
import os
from os import PathLike
from typing import TYPE_CHECKING, Any, NamedTuple, Union

from argmap._files import atomic_write  # re-exported: argmap.formats.atomic_write
from argmap.errors import ArgmapError, FormatError, ParseError

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

__all__ = ["Format", "atomic_write", "dump", "dumps", "format_for_path", "formats", "get_format", "load", "loads"]

StrPath = Union[str, PathLike[str]]


class Format(NamedTuple):
    """One entry of the format table."""

    name: str
    suffixes: tuple[str, ...]
    module: str  # imported on first use
    description: str

    def _module(self) -> Any:
        return importlib.import_module(self.module)

    def loads(self, text: str | bytes) -> ArgumentMap:
        return self._module().loads(text)

    def dumps(self, m: ArgumentMap) -> str:
        return self._module().dumps(m)


_FORMATS: dict[str, Format] = {
    f.name: f
    for f in [
        Format("json", (".json",), "argmap.formats.json", "argmap's own JSON document ({\"argmap\": 1, ...})"),
        Format("aif", (".aif", ".aif.json"), "argmap.formats.aif", "AIF JSON (AIFdb, OVA): I, RA, CA nodes; MA, PA, L, YA, TA kept as data"),
        Format("sadface", (".sadface", ".sadface.json"), "argmap.formats.sadface", "SADFace JSON: atoms, schemes, resources"),
        Format("kialo", (".kialo", ".kialo.txt"), "argmap.formats.kialo", "Kialo's plain-text export (1. / 1.1. Pro: / -> See)"),
        Format("argdown", (".argdown", ".ad"), "argmap.formats.argdown", "Argdown text (argdown.org), as @argdown/core 1.7.5 reads it"),
        Format("argdown-json", (".argdown.json",), "argmap.formats.argdown_json", "the JSON of Argdown's reference 'argdown json' (write-only)"),
    ]
}


def formats() -> tuple[Format, ...]:
    """The known formats, in a fixed order."""
    return tuple(_FORMATS.values())


def get_format(name: str) -> Format:
    """The format called *name* (a FormatError lists the known names)."""
    try:
        return _FORMATS[name]
    except (KeyError, TypeError):
        known = ", ".join(_FORMATS)
        raise FormatError(f"unknown format {name!r}; known formats: {known}") from None


def format_for_path(path: StrPath) -> Format:
    """The format a file's suffix names (a FormatError lists the known suffixes)."""
    name = os.path.basename(os.fspath(path)).lower()
    suffix = os.path.splitext(name)[1]
    # The longest suffix wins, so that "map.aif.json" is AIF, not argmap JSON.
    best = max(
        ((len(s), f) for f in _FORMATS.values() for s in f.suffixes if name.endswith(s) and len(name) > len(s)),
        default=None,
        key=lambda x: x[0],
    )
    if best is not None:
        return best[1]
    known = ", ".join(f"{s} ({f.name})" for f in _FORMATS.values() for s in f.suffixes)
    what = f"unknown file suffix {suffix!r}" if suffix else "no file suffix"
    raise FormatError(f"{what}; known suffixes: {known}; pass format= to choose one", path=os.fspath(path))


def loads(text: str | bytes, *, format: str = "json") -> ArgumentMap:
    """Read a map from *text* in the named format."""
    return get_format(format).loads(text)


def dumps(m: ArgumentMap, *, format: str = "json") -> str:
    """Write *m* as text in the named format (byte-identical for equal maps)."""
    return get_format(format).dumps(m)


def load(path: StrPath, *, format: str | None = None) -> ArgumentMap:
    """Read the map in file *path*; the format comes from its suffix unless given.

    Errors name the file: a ParseError or FormatError carries *path*.
    """
    fmt = get_format(format) if format is not None else format_for_path(path)
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        raise ArgmapError(f"{os.fspath(path)}: cannot read: {e.strerror or e}") from e
    try:
        return fmt.loads(data)
    except (ParseError, FormatError) as e:
        raise e.with_path(os.fspath(path)) from None


def dump(m: ArgumentMap, path: StrPath, *, format: str | None = None) -> None:
    """Write *m* to file *path* atomically (a temporary file, then a rename).

    A device, a FIFO or ``/dev/stdout`` is written through, never replaced
    (see :func:`argmap._files.atomic_write`); a failure is a
    :class:`~argmap.errors.WriteError` naming *path*.
    """
    fmt = get_format(format) if format is not None else format_for_path(path)
    atomic_write(path, fmt.dumps(m).encode("utf-8"))
