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

import contextlib
import os
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from operator import attrgetter
from os import PathLike
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from argmap._data import _WithEdges
from argmap.errors import ArgmapError, OutOfMemoryError, WorkerKilledError
from argmap.formats import MAX_BYTES, load
from argmap.model import EMPTY, ArgumentMap, Claim, FrozenDict, Kind, Relation, Source, _slot_setters

if TYPE_CHECKING:
    from argmap.analysis import MapStats

__all__ = [
    "WORKERS_MIN_BYTES",
    "WORKERS_MIN_BYTES_SPAWN",
    "convert_one",
    "load_all",
    "load_one",
    "stats_one",
    "to_dataframe",
]

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

    A file that needs more memory than the process may use yields an
    :class:`~argmap.errors.OutOfMemoryError` (also a :class:`MemoryError`)
    naming it, and the other files are still read.

    *workers* (a whole number >= 1) reads the files in that many processes
    (``None`` or 1: in this one).  The results still come in the order of
    *paths*, and each file's warnings are issued again here, as it is
    yielded.  Processes pay off on many files or large ones: each map is
    sent back pickled, and starting the processes costs some milliseconds.
    A worker process that is killed (most often by the system's
    out-of-memory killer) is not a bug: the file it was reading yields a
    :class:`~argmap.errors.WorkerKilledError`, and the others are still
    read, by a process started in its place.
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
    yield from _in_processes(
        list(paths),
        partial(load_one, format=format, max_bytes=max_bytes),
        partial(_load_wire, format=format, max_bytes=max_bytes),
        _received,
        workers,
        stacklevel=3,
        lost=partial(_killed, format=format),
    )


def load_one(
    path: str | PathLike[str], *, format: str | None = None, max_bytes: int | None = MAX_BYTES
) -> ArgumentMap | ArgmapError:
    """The map in *path*, or the :class:`~argmap.errors.ArgmapError` that
    stopped it (returned, not raised): :func:`load_all`'s work on one file.

    A pure function of the file, importable and picklable, so that it can be
    sent to other processes or machines (see docs/corpora.md for a Dask bag).
    Running out of memory is the file's error too: an
    :class:`~argmap.errors.OutOfMemoryError` (also a :class:`MemoryError`)
    naming it and its size.
    """
    try:
        return load(path, format=format, max_bytes=max_bytes)
    except ArgmapError as e:
        return e
    except MemoryError:
        pass  # (the error is made once the memory the reading held is let go)
    return _out_of_memory(path, format)


def _limit(path: str | PathLike[str], format: str | None) -> str:
    """The named limit that refuses a file like *path* before it is read:
    ``max_arguments`` for an ICCMA 2023 (i23) framework, whose header can
    ask for much memory in a few bytes, else ``max_bytes``."""
    from argmap.errors import FormatError
    from argmap.formats import format_for_path

    if format is None:
        try:
            format = format_for_path(path).name
        except (FormatError, TypeError, ValueError):
            return "max_bytes"
    return "max_arguments" if format == "i23" else "max_bytes"


def _out_of_memory(path: str | PathLike[str], format: str | None) -> OutOfMemoryError:
    """The :class:`~argmap.errors.OutOfMemoryError` of reading *path* (after
    collecting what the reading left in reference cycles), with the file's
    size when it is a regular file."""
    import gc
    import stat

    gc.collect()
    size = None
    try:
        st = os.stat(path)
    except (OSError, TypeError, ValueError):
        pass
    else:
        size = st.st_size if stat.S_ISREG(st.st_mode) else None
    return OutOfMemoryError(path=_name(path), size=size, limit=_limit(path, format))


def _name(path: str | PathLike[str]) -> str:
    name = os.fspath(path)
    return name if isinstance(name, str) else os.fsdecode(name)


def _killed(path: str | PathLike[str], exitcode: int | None, *, format: str | None = None) -> WorkerKilledError:
    """The error of the file *path* whose worker process died (see
    :func:`argmap._workers.run_ordered`)."""
    return WorkerKilledError(path=_name(path), exitcode=exitcode, limit=_limit(path, format))


def stats_one(
    path: str | PathLike[str], *, format: str | None = None, max_bytes: int | None = MAX_BYTES
) -> MapStats | ArgmapError:
    """The statistics (:func:`argmap.stats`) of the map in *path*, or the
    :class:`~argmap.errors.ArgmapError` that stopped it: pure and picklable
    like :func:`load_one`, and what a worker sends back is small."""
    from argmap.analysis import stats

    m = load_one(path, format=format, max_bytes=max_bytes)
    if isinstance(m, ArgmapError):
        return m
    try:
        return stats(m)
    except MemoryError:
        del m  # (the error is made once the map is let go)
    return _out_of_memory(path, format)


def convert_one(
    path: str | PathLike[str],
    out: str | PathLike[str],
    *,
    to: str,
    format: str | None = None,
    max_bytes: int | None = MAX_BYTES,
) -> tuple[str, ArgmapError] | None:
    """Convert the map in *path* to the format *to*, written to *out*
    (atomically, see :func:`argmap.dump`): ``None`` when it is written, else
    the file the error concerns (*path* when it could not be read, *out*
    when the map could not be written there) and the
    :class:`~argmap.errors.ArgmapError`.  Pure and picklable like
    :func:`load_one`: ``argmap convert IN... -d OUTDIR`` runs it on each file."""
    from argmap._files import encoded, write_output
    from argmap.formats import dumps

    m = load_one(path, format=format, max_bytes=max_bytes)
    if isinstance(m, ArgmapError):
        return os.fspath(path), m
    try:
        write_output(out, encoded(dumps(m, format=to)))
    except ArgmapError as e:
        return os.fspath(out), e
    return None


def _each(
    fn: Callable[[P], T],
    paths: list[P],
    workers: int,
    *,
    per_file: int = 0,
    format: str | None = None,
    lost: Callable[[P, ArgmapError], T] | None = None,
) -> Iterator[tuple[P, T]]:
    """``(path, fn(path))`` for each of *paths*, in order, in *workers*
    processes when the files are worth it (see :data:`WORKERS_MIN_BYTES`;
    *per_file* bytes are added for each file, for work that does not grow
    with its size).  *fn* must be picklable where children are not forked (a
    module's function, or a :func:`functools.partial` of one).  A file whose
    worker process dies gets ``lost(path, error)``, the error a
    :class:`~argmap.errors.WorkerKilledError` (read as *format*, see
    :func:`load_all`); without *lost*, the error itself."""

    def killed(path: P, exitcode: int | None) -> Any:
        error = _killed(path, exitcode, format=format)
        return error if lost is None else lost(path, error)

    return _in_processes(paths, fn, fn, _same, workers, stacklevel=2, per_file=per_file, lost=killed)


def _same(x: T) -> T:
    return x


# --------------------------------------------------------------------------
# Workers

#: :func:`load_all` starts worker processes only when its files total at
#: least this many bytes (and there are at least two): below it, reading
#: them here is quicker than starting a process (forking one and sending
#: the maps back costs a few milliseconds; reading AIF goes at about
#: 20 MB/s).  Where children cannot be forked (other threads are running, or
#: not on Linux) they import argmap afresh, and the threshold is
#: :data:`WORKERS_MIN_BYTES_SPAWN`.  Figures: docs/benchmarks-corpora.md.
WORKERS_MIN_BYTES = 1024 * 1024
#: :data:`WORKERS_MIN_BYTES` where children are not forked.  (``argmap
#: convert -j`` counts each file as 64 KiB more, for writing it: 16 files
#: are enough.)
WORKERS_MIN_BYTES_SPAWN = 8 * 1024 * 1024


def _worth_processes(paths: list[P], workers: int, method: str, per_file: int = 0) -> bool:
    """Whether *paths* are enough work for *workers* processes (see
    :data:`WORKERS_MIN_BYTES`): their sizes, plus *per_file* each, are
    summed until the threshold is reached (a file that cannot be read
    counts only *per_file*)."""
    if workers < 2 or len(paths) < 2:
        return False
    need = WORKERS_MIN_BYTES if method == "fork" else WORKERS_MIN_BYTES_SPAWN
    total = 0
    for path in paths:
        total += per_file
        with contextlib.suppress(OSError, ValueError, TypeError):
            total += os.stat(path).st_size
        if total >= need:
            return True
    return False


def _chunk_size(count: int, workers: int) -> int:
    """Files per message: about eight chunks per worker, so that the work
    balances as processes become free, and at most 256 files."""
    return max(1, min(16, count // (workers * 8)))


def _in_processes(
    paths: list[P],
    local: Callable[[P], T],
    remote: Callable[[P], Any],
    decode: Callable[[Any], T],
    workers: int,
    stacklevel: int,
    per_file: int = 0,
    lost: Callable[[P, int | None], T] | None = None,
) -> Iterator[tuple[P, T]]:
    """``(path, result)`` for each of *paths*, in order, by
    :func:`argmap._workers.run_ordered` when they are worth processes, else
    by *local* here."""
    # The smaller threshold first, so that small work loads neither the
    # process machinery nor multiprocessing.
    worth = _worth_processes(paths, workers, "fork", per_file)
    if worth:
        from argmap._workers import run_ordered, start_method

        method = start_method()
        worth = method == "fork" or _worth_processes(paths, workers, method, per_file)
    if not worth:
        for path in paths:
            yield path, local(path)
        return
    yield from run_ordered(
        paths,
        local,
        remote,
        decode,
        workers=workers,
        chunk_size=_chunk_size(len(paths), workers),
        dispatch_table=_WIRE_TABLE,
        method=method,
        stacklevel=stacklevel + 1,
        lost=lost,
    )


def _load_wire(
    path: str | PathLike[str], *, format: str | None = None, max_bytes: int | None = MAX_BYTES
) -> _Wire | ArgmapError:
    """:func:`load_one` in a worker: the map as a :data:`_Wire`, or the error."""
    m = load_one(path, format=format, max_bytes=max_bytes)
    return m if isinstance(m, ArgmapError) else _to_wire(m)


def _received(sent: _Wire | ArgmapError) -> ArgumentMap | ArgmapError:
    return sent if isinstance(sent, ArgmapError) else _from_wire(sent)


# A map on its way between processes: its claims' and relations' fields as
# plain tuples, which pickle several times faster than the objects' state
# dicts; the receiving process rebuilds the objects slot by slot and the map
# without checking it again (it was checked where it was read).  The pickler sends a
# FrozenDict as its dict and a Kind as its value (_WIRE_TABLE), the unpickler
# wraps them again without copying or checking.
_Wire = tuple[tuple[tuple[Any, ...], ...], tuple[tuple[Any, ...], ...], "str | None", "Source | None", FrozenDict]
_CLAIM_FIELDS = tuple(a.name for a in attrs.fields(Claim))
_RELATION_FIELDS = tuple(a.name for a in attrs.fields(Relation))
_CLAIM_SLOTS = _slot_setters(Claim)
_RELATION_SLOTS = _slot_setters(Relation)
_KINDS = {k.value: k for k in Kind}


def _frozen(d: dict[str, Any]) -> FrozenDict:
    return EMPTY if not d else FrozenDict._adopt(d)


def _kind(value: str) -> Kind:
    return _KINDS[value]


def _reduce_frozen(d: FrozenDict) -> tuple[Any, ...]:
    return _frozen, (d._d,)


def _reduce_kind(k: Kind) -> tuple[Any, ...]:
    return _kind, (k.value,)


def _with_edges(fields: dict[str, Any], premises: Any, last: dict[str, Any]) -> FrozenDict:
    w = object.__new__(_WithEdges)
    w._fields, w._premises, w._last = fields, premises, last
    return w


def _reduce_with_edges(d: _WithEdges) -> tuple[Any, ...]:
    # A relation's data the AIF reader left unmade goes as it is (smaller,
    # and nothing to make on either side); once made, as a FrozenDict.
    fields = d._fields
    if fields is None:
        return _frozen, (d._d,)
    return _with_edges, (fields, d._premises, d._last)


_WIRE_TABLE: dict[type, Callable[[Any], Any]] = {
    FrozenDict: _reduce_frozen,
    _WithEdges: _reduce_with_edges,
    Kind: _reduce_kind,
}


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
    if _CLAIM_SLOTS is None or _RELATION_SLOTS is None or _MAP_FIELDS != _KNOWN_MAP_FIELDS:
        # pragma: no cover - attrs laid the slots out otherwise: the constructors
        return ArgumentMap(
            [Claim(**dict(zip(_CLAIM_FIELDS, row))) for row in claims],
            [Relation(**dict(zip(_RELATION_FIELDS, row))) for row in relations],
            title=title,
            source=source,
            data=data,
        )
    # The map was checked where it was read; here it is only put together
    # again: its fields, and the id index its constructor would have made.
    m = object.__new__(ArgumentMap)
    cs = tuple(_objects(Claim, _CLAIM_SLOTS, claims))
    rs = tuple(_objects(Relation, _RELATION_SLOTS, relations))
    index: dict[str, Claim | Relation] = {c.id: c for c in cs}
    index.update((r.id, r) for r in rs)
    for name, value in zip(_KNOWN_MAP_FIELDS, (cs, rs, title, source, data, index, {})):
        object.__setattr__(m, name, value)
    return m


_MAP_FIELDS = tuple(a.name for a in attrs.fields(ArgumentMap))
_KNOWN_MAP_FIELDS = ("claims", "relations", "title", "source", "data", "_index", "_cache")


def _objects(cls: type[T], setters: tuple[Any, ...], rows: tuple[tuple[Any, ...], ...]) -> list[T]:
    new = object.__new__
    out = []
    for row in rows:
        obj = new(cls)
        for setter, value in zip(setters, row):
            setter(obj, value)
        out.append(obj)
    return out


def to_dataframe(maps: Iterable[ArgumentMap | tuple[str | PathLike[str], ArgumentMap | ArgmapError]]) -> Any:
    """A pandas ``DataFrame`` of the statistics of *maps* (maps, or the
    ``(path, map)`` pairs :func:`load_all` yields; pairs whose load failed
    are left out), one row per map, with the columns of
    :meth:`argmap.analysis.MapStats.as_row`.  Needs the optional package
    pandas: ``pip install 'argmap[pandas]'``."""
    from argmap.analysis import to_dataframe as _to_dataframe

    return _to_dataframe(maps)
