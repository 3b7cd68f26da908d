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

import warnings
from collections.abc import Iterable, Iterator
from operator import attrgetter
from os import PathLike
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from argmap.errors import ArgmapError
from argmap.formats import MAX_BYTES, load
from argmap.model import ArgumentMap, Claim, FrozenDict, Relation, Source, _slot_setters

if TYPE_CHECKING:
    from argmap.analysis import MapStats

__all__ = ["load_all", "load_one", "stats_one", "to_dataframe"]

P = TypeVar("P", bound=str | PathLike[str])
T = TypeVar("T")


def load_all(
    paths: Iterable[P],
    *,
    format: str | None = None,
    max_bytes: int | None = MAX_BYTES,
    workers: int | None = None,
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

    *workers* (a whole number >= 1) reads the files in that many processes
    (``None`` or 1: in this one).  The results still come in the order of
    *paths*, and each file's warnings are issued again here, as it is
    yielded.  Processes pay off on many files or large ones: each map is
    sent back pickled, and starting the processes costs some milliseconds.
    """
    if workers is not None and (type(workers) is not int or workers < 1):
        raise ArgmapError(f"workers must be a whole number >= 1 or None, not {workers!r}")
    try:
        paths = iter(paths)
    except TypeError:
        raise ArgmapError(f"paths must be an iterable of file paths, not {type(paths).__name__}") from None
    if workers is None or workers == 1:
        for path in paths:
            yield path, load_one(path, format=format, max_bytes=max_bytes)
        return
    yield from _load_in_processes(list(paths), format, max_bytes, workers)


def load_one(
    path: str | PathLike[str], *, format: str | None = None, max_bytes: int | None = MAX_BYTES
) -> ArgumentMap | ArgmapError:
    """The map in *path*, or the :class:`~argmap.errors.ArgmapError` that
    stopped it (returned, not raised): :func:`load_all`'s work on one file.

    A pure function of the file, importable and picklable, so that it can be
    sent to other processes or machines (see docs/corpora.md for a Dask bag).
    """
    try:
        return load(path, format=format, max_bytes=max_bytes)
    except ArgmapError as e:
        return e


def stats_one(
    path: str | PathLike[str], *, format: str | None = None, max_bytes: int | None = MAX_BYTES
) -> MapStats | ArgmapError:
    """The statistics (:func:`argmap.stats`) of the map in *path*, or the
    :class:`~argmap.errors.ArgmapError` that stopped it: pure and picklable
    like :func:`load_one`, and what a worker sends back is small."""
    from argmap.analysis import stats

    m = load_one(path, format=format, max_bytes=max_bytes)
    return m if isinstance(m, ArgmapError) else stats(m)


# One file's result in a worker process: the map or error, and the warnings
# issued while it was read (category, message), to be issued again by the
# process that asked.
_Outcome = tuple["ArgumentMap | ArgmapError | _Wire", list[tuple[type[Warning], str]]]


def _load_recording(job: tuple[str | PathLike[str], str | None, int | None]) -> _Outcome:
    path, format, max_bytes = job
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = load_one(path, format=format, max_bytes=max_bytes)
    sent: ArgumentMap | ArgmapError | _Wire = result
    if isinstance(result, ArgumentMap) and _CLAIM_SLOTS is not None and _RELATION_SLOTS is not None:
        sent = _to_wire(result)
    return sent, [(w.category, str(w.message)) for w in caught]


# A map on its way between processes: its claims' and relations' fields as
# plain tuples, which pickle several times faster than the objects' state
# dicts; the receiving process rebuilds the objects slot by slot and the map
# through its constructor, which checks it again.
_Wire = tuple[tuple[tuple[Any, ...], ...], tuple[tuple[Any, ...], ...], "str | None", "Source | None", FrozenDict]
_CLAIM_FIELDS = tuple(a.name for a in attrs.fields(Claim))
_RELATION_FIELDS = tuple(a.name for a in attrs.fields(Relation))
_CLAIM_SLOTS = _slot_setters(Claim)
_RELATION_SLOTS = _slot_setters(Relation)


def _to_wire(m: ArgumentMap) -> _Wire:
    claim_row = attrgetter(*_CLAIM_FIELDS)
    relation_row = attrgetter(*_RELATION_FIELDS)
    return (
        tuple(map(claim_row, m.claims)),
        tuple(map(relation_row, m.relations)),
        m.title,
        m.source,
        m.data,
    )


def _from_wire(wire: _Wire) -> ArgumentMap:
    claims, relations, title, source, data = wire
    return ArgumentMap(
        _objects(Claim, _CLAIM_SLOTS, claims),
        _objects(Relation, _RELATION_SLOTS, relations),
        title=title,
        source=source,
        data=data,
    )


def _objects(cls: type[T], setters: tuple[Any, ...] | None, rows: tuple[tuple[Any, ...], ...]) -> list[T]:
    assert setters is not None  # only maps sent as rows come here
    new = object.__new__
    out = []
    for row in rows:
        obj = new(cls)
        for setter, value in zip(setters, row):
            setter(obj, value)
        out.append(obj)
    return out


def _load_in_processes(
    paths: list[P], format: str | None, max_bytes: int | None, workers: int
) -> Iterator[tuple[P, ArgumentMap | ArgmapError]]:
    if not paths:
        return
    from concurrent.futures import ProcessPoolExecutor

    workers = min(workers, len(paths))
    # Large chunks: a small map takes far less time to read than to send.
    chunk = max(1, len(paths) // (workers * 4))
    jobs = [(p, format, max_bytes) for p in paths]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for path, (sent, caught) in zip(paths, pool.map(_load_recording, jobs, chunksize=chunk)):
            for category, message in caught:
                warnings.warn(message, category, stacklevel=2)
            yield path, sent if isinstance(sent, (ArgumentMap, ArgmapError)) else _from_wire(sent)


def to_dataframe(maps: Iterable[ArgumentMap | tuple[str | PathLike[str], ArgumentMap | ArgmapError]]) -> Any:
    """A pandas ``DataFrame`` of the statistics of *maps* (maps, or the
    ``(path, map)`` pairs :func:`load_all` yields; pairs whose load failed
    are left out), one row per map, with the columns of
    :meth:`argmap.analysis.MapStats.as_row`.  Needs the optional package
    pandas: ``pip install 'argmap[pandas]'``."""
    from argmap.analysis import to_dataframe as _to_dataframe

    return _to_dataframe(maps)
