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

import os
import stat
from os import PathLike

from argmap._files import (
    atomic_write,  # re-exported: argmap.formats.atomic_write
    encoded,
)
from argmap._namedtuple import NamedTuple
from argmap.errors import ArgmapError, FormatError, LimitError, ParseError

TYPE_CHECKING = False  # (typing.TYPE_CHECKING, without importing typing)
if TYPE_CHECKING:  # (the command's start loads this module, and not typing)
    from typing import Any, Protocol

    from argmap.model import ArgumentMap

__all__ = [
    "MAX_BYTES",
    "Format",
    "atomic_write",
    "dump",
    "dumps",
    "format_for_path",
    "formats",
    "get_format",
    "load",
    "loads",
]

StrPath = str | PathLike[str]

#: The default ``max_bytes`` of :func:`load`, :func:`loads` and
#: :func:`argmap.load_all`: 512 MiB, far more than any real map (the largest
#: corpus files are a few megabytes), little enough that ``/dev/zero`` or a
#: never-ending pipe given as a map ends in a :class:`~argmap.errors.LimitError`.
MAX_BYTES = 512 * 1024 * 1024

#: How much :func:`load` reads at a time from what is not a regular file.
_CHUNK = 1 << 22


if TYPE_CHECKING:

    class _FormatModule(Protocol):
        """What a format module offers: ``loads`` and ``dumps``."""

        def loads(self, text: str | bytes) -> ArgumentMap: ...

        def dumps(self, m: ArgumentMap) -> str: ...


class Format(NamedTuple):
    """One entry of the format table."""

    name: str
    suffixes: tuple[str, ...]
    module: str  # imported on first use
    description: str

    def _module(self) -> _FormatModule:
        # "package.module:name" names an object of the module (one of several
        # formats that a module serves).
        name, _, attr = self.module.partition(":")
        import importlib  # (not at every start of the command: a format is loaded on first use)

        module = importlib.import_module(name)
        found: _FormatModule = getattr(module, attr) if attr else module
        return found

    def loads(self, text: str | bytes) -> ArgumentMap:
        return self._module().loads(text)

    def dumps(self, m: ArgumentMap) -> str:
        return self._module().dumps(m)

    def load_file(self, data: bytes, path: str, max_bytes: int | None) -> ArgumentMap:
        """Read *data*, the bytes of file *path*: a format whose files come
        with others (a ``.txt`` beside the annotations) reads those too."""
        module = self._module()
        reader = getattr(module, "load_file", None)
        if reader is None:
            return module.loads(data)
        result: ArgumentMap = reader(data, path, max_bytes=max_bytes)  # an optional hook, found by name
        return result


_FORMATS: dict[str, Format] = {
    f.name: f
    for f in [
        Format("json", (".json",), "argmap.formats.json", 'argmap\'s own JSON document ({"argmap": 1, ...})'),
        Format(
            "aif",
            (".aif", ".aif.json"),
            "argmap.formats.aif",
            "AIF JSON (AIFdb, OVA): I, RA, CA nodes; MA, PA, L, YA, TA kept as data",
        ),
        Format(
            "sadface",
            (".sadface", ".sadface.json"),
            "argmap.formats.sadface",
            "SADFace JSON: atoms, schemes, resources",
        ),
        Format(
            "kialo",
            (".kialo", ".kialo.txt"),
            "argmap.formats.kialo",
            "Kialo's plain-text export (1. / 1.1. Pro: / -> See)",
        ),
        Format(
            "argdown",
            (".argdown", ".ad"),
            "argmap.formats.argdown",
            "Argdown text (argdown.org), as @argdown/core 1.7.5 reads it",
        ),
        Format(
            "argdown-json",
            (".argdown.json",),
            "argmap.formats.argdown_json",
            "the JSON of Argdown's reference 'argdown json' (write-only)",
        ),
        Format(
            "microtext",
            (".xml",),
            "argmap.formats.microtext",
            "arg-microtexts arggraph XML (read-only; the .txt beside it is the source)",
        ),
        Format(
            "brat",
            (".ann",),
            "argmap.formats.brat",
            "brat standoff annotations (read-only; the .txt beside it is the source)",
        ),
        Format("apx", (".apx",), "argmap.formats.iccma:apx", "ICCMA abstract framework, apx (arg(a). att(a,b).)"),
        Format("tgf", (".tgf",), "argmap.formats.iccma:tgf", "ICCMA abstract framework, trivial graph format"),
        Format(
            "i23", (".i23",), "argmap.formats.iccma:i23", "ICCMA 2023 abstract framework (p af N, numbered arguments)"
        ),
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


def loads(text: str | bytes, *, format: str = "json", max_bytes: int | None = MAX_BYTES) -> ArgumentMap:
    """Read a map from *text* in the named format.

    Input longer than *max_bytes* bytes (text: in UTF-8) is refused with a
    :class:`~argmap.errors.LimitError` before it is parsed; ``None`` sets no
    limit.

    >>> loads('{"argmap": 1, "claims": []}', max_bytes=10)
    Traceback (most recent call last):
    ...
    argmap.errors.LimitError: the input is larger than max_bytes=10 bytes (27 bytes); pass max_bytes= (or --max-bytes) to raise the limit
    """
    fmt = get_format(format)
    limit = _check_max_bytes(max_bytes)
    if limit is not None:
        size = _size(text)
        if size is not None and size > limit:
            raise _too_large(limit, size)
    return fmt.loads(text)


def dumps(m: ArgumentMap, *, format: str = "json") -> str:
    """Write *m* as text in the named format (byte-identical for equal maps)."""
    fmt = get_format(format)
    return fmt.dumps(_check_map(m))


def _check_map(m: Any) -> ArgumentMap:
    from argmap.model import ArgumentMap

    if not isinstance(m, ArgumentMap):
        raise ArgmapError(f"expected an ArgumentMap, not {type(m).__name__}")
    return m


def _check_path(path: Any) -> str:
    name = os.fspath(path) if isinstance(path, (str, PathLike)) else None
    if not isinstance(name, str):
        shown = type(name if isinstance(path, PathLike) else path).__name__
        raise ArgmapError(f"a file path is a str or an os.PathLike giving one, not {shown}")
    return name


def load(path: StrPath, *, format: str | None = None, max_bytes: int | None = MAX_BYTES) -> ArgumentMap:
    """Read the map in file *path*; the format comes from its suffix unless given.

    At most *max_bytes* + 1 bytes are read: a larger file (or a device or
    pipe that gives more) is a :class:`~argmap.errors.LimitError` naming the
    file; ``None`` sets no limit.  Errors name the file: a ParseError,
    FormatError or LimitError carries *path*, and a file that cannot be read
    (missing, a directory, no permission) is an ArgmapError naming it.
    """
    name = _check_path(path)
    fmt = get_format(format) if format is not None else format_for_path(name)
    limit = _check_max_bytes(max_bytes)
    data = _read(name, limit)
    try:
        return fmt.load_file(data, name, limit)
    except (ParseError, FormatError, LimitError) as e:
        # An error in a file read beside this one names that file already.
        raise (e if e.path is not None else e.with_path(name)) from None


def _check_max_bytes(max_bytes: Any) -> int | None:
    if max_bytes is None:
        return None
    if type(max_bytes) is not int or max_bytes < 0:
        raise ArgmapError(f"max_bytes must be a whole number of bytes >= 0 or None, not {max_bytes!r}")
    return max_bytes


def _size(text: Any) -> int | None:
    """The size of *text* in bytes (UTF-8 for a str), or None if it is
    neither text nor bytes (the reader says what it expects)."""
    if isinstance(text, (bytes, bytearray, memoryview)):
        return memoryview(text).nbytes
    if isinstance(text, str):
        return len(text.encode("utf-8", "surrogatepass")) if not text.isascii() else len(text)
    return None


def _too_large(limit: int, size: int | None = None, path: str | None = None) -> LimitError:
    got = f" ({size} bytes)" if size is not None else ""
    return LimitError(
        f"the input is larger than max_bytes={limit} bytes{got}; pass max_bytes= (or --max-bytes) to raise the limit",
        limit="max_bytes",
        value=limit,
        path=path,
    )


def _read(path: str, limit: int | None) -> bytes:
    """The bytes of file *path*, at most *limit* of them (a LimitError naming
    *path* when there are more: a regular file is measured before it is read)."""
    if "\0" in path:
        raise ArgmapError(f"{path}: cannot read: a file name cannot hold a NUL character")
    try:
        with open(path, "rb", buffering=0) as f:
            if limit is None:
                return f.readall()
            st = os.fstat(f.fileno())
            size = st.st_size if stat.S_ISREG(st.st_mode) else None
            if size is not None and size > limit:
                raise _too_large(limit, size, path)
            return _read_limited(f, limit, first=None if size is None else size + 1, path=path)
    except OSError as e:
        raise ArgmapError(f"{path}: cannot read: {e.strerror or e}") from e


def _read_limited(stream: Any, limit: int, *, first: int | None = None, path: str | None = None) -> bytes:
    """What binary *stream* holds, read until its end or one byte past
    *limit*, whichever comes first: a device or a pipe that never ends
    (``/dev/zero``, ``yes |``) gives a LimitError after at most
    *limit* + 1 bytes.  *first* is the size of the first read (default
    4 MiB), and *path* names the input in the error."""
    parts: list[bytes] = []
    n = 0
    want = first or _CHUNK
    while n <= limit:
        chunk = stream.read(min(want, limit + 1 - n))
        if not chunk:
            break
        parts.append(chunk)
        n += len(chunk)
        want = _CHUNK
    if n > limit:
        raise _too_large(limit, None, path)
    return parts[0] if len(parts) == 1 else b"".join(parts)


def dump(m: ArgumentMap, path: StrPath, *, format: str | None = None) -> None:
    """Write *m* to file *path* atomically (a temporary file, then a rename).

    A device, a FIFO or ``/dev/stdout`` is written through, never replaced
    (see :func:`argmap._files.atomic_write`); a failure is a
    :class:`~argmap.errors.WriteError` naming *path*.
    """
    _check_path(path)
    fmt = get_format(format) if format is not None else format_for_path(path)
    atomic_write(path, encoded(fmt.dumps(_check_map(m))))
