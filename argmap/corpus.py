"""Loading many map files at once: a corpus.

:func:`load_all` reads the files one by one and yields each file's map or
the error that stopped it, so that one bad file never stops the rest.

>>> import argmap, pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> m = argmap.MapBuilder().build()
>>> argmap.dump(m, folder / "good.json")
>>> _ = (folder / "bad.json").write_text("{")
>>> for path, result in load_all(sorted(folder.glob("*.json"))):
...     print(path.name, type(result).__name__)
bad.json ParseError
good.json ArgumentMap
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from os import PathLike
from typing import Any, TypeVar

from argmap.errors import ArgmapError
from argmap.formats import MAX_BYTES, load
from argmap.model import ArgumentMap

__all__ = ["load_all", "to_dataframe"]

P = TypeVar("P", bound=str | PathLike[str])


def load_all(
    paths: Iterable[P], *, format: str | None = None, max_bytes: int | None = MAX_BYTES
) -> Iterator[tuple[P, ArgumentMap | ArgmapError]]:
    """For each of *paths*, in order, ``(path, map)`` or ``(path, error)``.

    The format comes from each file's suffix unless *format* names one.
    *max_bytes* is :func:`argmap.load`'s input limit, for each file (a larger
    one yields a :class:`~argmap.errors.LimitError`); ``None`` sets none.
    Every :class:`~argmap.errors.ArgmapError` (a file that cannot be read, bad
    syntax, a wrong field, an invalid map) is yielded, never raised; other
    exceptions (bugs, KeyboardInterrupt) propagate.  Warnings (such as a
    :class:`~argmap.errors.LossyConversionWarning` from the AIF reader) are
    issued as usual while the file is read.
    """
    try:
        paths = iter(paths)
    except TypeError:
        raise ArgmapError(f"paths must be an iterable of file paths, not {type(paths).__name__}") from None
    for path in paths:
        try:
            result: ArgumentMap | ArgmapError = load(path, format=format, max_bytes=max_bytes)
        except ArgmapError as e:
            result = e
        yield path, result


def to_dataframe(maps: Iterable[ArgumentMap | tuple[str | PathLike[str], ArgumentMap | ArgmapError]]) -> Any:
    """A pandas ``DataFrame`` of the statistics of *maps* (maps, or the
    ``(path, map)`` pairs :func:`load_all` yields; pairs whose load failed
    are left out), one row per map, with the columns of
    :meth:`argmap.analysis.MapStats.as_row`.  Needs the optional package
    pandas: ``pip install 'argmap[pandas]'``."""
    from argmap.analysis import to_dataframe as _to_dataframe

    return _to_dataframe(maps)
