"""``argmap check``: load and validate map files, lint them and check their
quotes (against ``--source``, or the article a map names), one file after
another or, with ``-j N``, in N processes.

What a file's check finds is a :class:`Checked`, made by :func:`check_one`
(in this process or a worker) and printed here, in the order of the files,
so that the output is the same whatever ``-j`` is.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterator
from functools import partial
from os import PathLike
from typing import TYPE_CHECKING, Any, NamedTuple

from argmap.cli._output import (
    _count,
    _guard_value,
    _load,
    _name,
    _per_file,
    _print_err,
    _Progress,
    _read_map,
    _report,
    _suffix_format,
)
from argmap.errors import ArgmapError, Problem

if TYPE_CHECKING:
    import argmap


class Checked(NamedTuple):
    """What ``argmap check`` found in one map: small, so that a worker sends
    it back cheaply."""

    claims: int
    relations: int
    #: With a source: the quotes found there more than once.
    ambiguous: tuple[Problem, ...]
    #: The lint's problems (``argmap.report.lint``).
    problems: tuple[Problem, ...]
    #: With a source: its coverage by the map's quotes (a summary line).
    coverage: str | None
    #: Without one, for a map that names its article: the quotes verified,
    #: the quotes, and the article's coverage.
    quotes: tuple[int, int, str] | None


def check_map(m: argmap.ArgumentMap, source: argmap.Source | None = None) -> Checked:
    """What ``argmap check`` finds in *m*: its lint and, against *source*
    (its quotes located there first, see :func:`argmap.source.locate_quotes`)
    or the map's own source, its quotes and the coverage."""
    from argmap.report import lint
    from argmap.source import coverage

    ambiguous: tuple[Problem, ...] = ()
    if source is not None:
        from argmap.source import locate_quotes

        m, located = locate_quotes(m, source)
        ambiguous = tuple(p for p in located if p.code == "quote-ambiguous")
    problems = tuple(lint(m, source=source))
    covered = quotes = None
    if source is not None:
        covered = coverage(m, source).summary()
    elif m.source is not None:
        from argmap.source import check_quotes

        checks = check_quotes(m)
        quotes = (sum(1 for c in checks if c.ok), len(checks), coverage(m).summary())
    return Checked(len(m.claims), len(m.relations), ambiguous, problems, covered, quotes)


def check_one(
    path: str | PathLike[str],
    *,
    format: str | None = None,
    max_bytes: int | None = None,
    max_arguments: int | None = None,
    source: argmap.Source | None = None,
) -> Checked | ArgmapError:
    """:func:`check_map` of the map in *path*, or the
    :class:`~argmap.errors.ArgmapError` that stopped it (returned; running
    out of memory is the file's :class:`~argmap.errors.OutOfMemoryError`): a
    pure function of the file, like :func:`argmap.corpus.load_one`."""
    name = os.fspath(path)
    return _per_file(name, lambda: check_map(_read_map(name, format, max_bytes, max_arguments), source))


def check_command(args: argparse.Namespace) -> int:
    """``argmap check MAP... [-j N]``."""
    source = None
    if args.source is not None:
        import argmap

        source = _guard_value(args.source, lambda: argmap.Source.from_file(args.source, max_bytes=args.max_bytes))
        if source is None:
            return 1
    status = 0
    failed: list[str] = []
    progress = _Progress(len(args.maps))
    results = _in_workers(args, source)
    for i, path in enumerate(args.maps):
        progress.show(i, path)
        checked = _checked(path, results, args, source)
        progress.clear()
        if checked is None or _print_checked(path, checked, args) != 0:
            status = 1
            failed.append(path)
    progress.done(status, failed)
    return status


def _in_workers(args: argparse.Namespace, source: argmap.Source | None) -> Iterator[tuple[str, Any]] | None:
    """With ``-j N`` (N > 1), the checks of the files in N processes, in
    order, for :func:`_checked`; else None.  Files named by no known suffix
    (and no --from), and standard input, are left to :func:`_checked`."""
    if args.jobs <= 1 or "-" in args.maps:
        return None
    from argmap.corpus import _each

    paths = [p for p in args.maps if args.from_ is not None or _suffix_format(p) is not None]
    job = partial(
        check_one, format=args.from_, max_bytes=args.max_bytes, max_arguments=args.max_arguments, source=source
    )
    # (checking costs more than reading: a file counts 64 KiB more)
    return _each(job, paths, args.jobs, per_file=64 * 1024, format=args.from_)


def _checked(
    path: str, results: Iterator[tuple[str, Any]] | None, args: argparse.Namespace, source: argmap.Source | None
) -> Checked | None:
    """The check of *path*, from *results* (see :func:`_in_workers`) or made
    here; None after reporting why there is none."""
    if results is None or (args.from_ is None and _suffix_format(path) is None):
        m = _load(path, args.from_, args.max_bytes, args.max_arguments)
        if m is None:
            return None
        checked: Checked | None = _guard_value(path, lambda: check_map(m, source))
        return checked
    _path, found = next(results)
    if isinstance(found, ArgmapError):
        _report(path, found)
        return None
    assert isinstance(found, Checked)
    return found


def _print_checked(path: str, c: Checked, args: argparse.Namespace) -> int:
    """Print what the check of *path* found; 1 if anything was an error."""
    strict = args.strict
    status = int(strict and bool(c.ambiguous))
    for p in c.ambiguous:
        _print_err(f"{path}: {'error' if strict else 'warning'}: {p} [{p.code}]")
    for problem in c.problems:
        error = strict or problem.code == "quote-missing"
        status |= error
        _print_err(f"{path}: {'error' if error else 'warning'}: {problem} [{problem.code}]")
    if c.coverage is not None:
        print(f"{_name(path)}: coverage of {_name(args.source)}: {c.coverage}")
    elif c.quotes is not None:
        ok, total, covered = c.quotes
        print(f"{_name(path)}: {ok} of {total} quotes verified; coverage: {covered}")
    if status == 0:
        print(f"OK {_name(path)}: {_count(c.claims, 'claim')}, {_count(c.relations, 'relation')}")
    return status
