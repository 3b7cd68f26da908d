"""The ``argmap stats`` and ``argmap compare`` commands.

:func:`add_stats` and :func:`add_compare` add their arguments to the
``argmap`` command's parser; their handlers print through the CLI's own
output helpers (argmap.cli stays the one module that prints).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import Any

__all__ = ["add_compare", "add_stats", "run_compare", "run_stats", "stats_one"]


def add_stats(sub: argparse.ArgumentParser, input_format: Callable[[argparse.ArgumentParser], None]) -> None:
    """Add ``stats``' arguments to *sub*, the input options through the
    CLI's *input_format*."""
    sub.set_defaults(run=run_stats)
    sub.add_argument("maps", nargs="+", metavar="MAP", help="map files")
    sub.add_argument(
        "--format", choices=("table", "csv", "json"), default="table", help="output format (default: table)"
    )
    sub.add_argument(
        "--plot",
        metavar="FILE",
        help="also draw the distributions of claims and relations per map (.png or .svg; needs matplotlib)",
    )
    input_format(sub)
    from argmap.cli._parser import jobs_option

    jobs_option(sub)


def add_compare(
    sub: argparse.ArgumentParser, input_format: Callable[[argparse.ArgumentParser], None], semantics: Sequence[str]
) -> None:
    """Add ``compare``'s arguments to *sub*; *semantics* are the names
    ``--semantics`` takes (besides ``none``)."""
    sub.set_defaults(run=run_compare)
    sub.add_argument("candidate", metavar="CANDIDATE", help="the map to score (a student's, a system's)")
    sub.add_argument("reference", metavar="REFERENCE", help="the map to score against (the model answer, the gold)")
    sub.add_argument("--json", action="store_true", help="print the scores as JSON")
    sub.add_argument(
        "-o", "--output", metavar="OUT", help="draw the difference: OUT.svg, OUT.png, OUT.dot or an OUT.html table"
    )
    action = sub.add_argument(
        "--semantics",
        metavar="NAME",
        default="grounded",
        choices=_WithNone(semantics),
        help="compare the claims' status under %(names)s or none (default: grounded)",
    )
    vars(action)["names"] = _WithNone(semantics, none=False)  # (the help may name any attribute of its action)
    sub.add_argument(
        "--no-ids", action="store_true", help="never align claims by id alone (ids are not shared between the maps)"
    )
    input_format(sub)


class _WithNone(Sequence[str]):
    """*names* and then ``"none"`` (unless not *none*), read from *names*
    only when asked: when an argument is checked, or the help shown (where
    ``str()`` lists them)."""

    def __init__(self, names: Sequence[str], *, none: bool = True) -> None:
        self._names = names
        self._none = none

    def _all(self) -> tuple[str, ...]:
        return (*self._names, "none") if self._none else tuple(self._names)

    def __getitem__(self, i: Any) -> Any:
        return self._all()[i]

    def __len__(self) -> int:
        return len(self._all())

    def __contains__(self, name: object) -> bool:
        return name in self._all()

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __str__(self) -> str:
        return ", ".join(self._all())


def _dumps(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)


def run_stats(args: argparse.Namespace) -> int:
    from argmap.analysis._stats import PLOT_FORMATS, corpus_stats, plot
    from argmap.cli import _output as cli

    fmt = None
    if args.plot is not None:
        fmt = PLOT_FORMATS.get(Path(args.plot).suffix.lower())
        if fmt is None:
            raise cli.UsageError(f"--plot {args.plot}: the picture must be a .png or .svg file")
    status = 0
    rows = []
    failed: list[str] = []
    progress = cli._Progress(len(args.maps))
    results = _in_workers(args)
    for i, path in enumerate(args.maps):
        progress.show(i, path)
        s = _stats_of(path, results, args)
        progress.clear()
        if s is None:
            status = 1
            failed.append(path)
            continue
        rows.append((path, s))
    progress.done(status, failed, "counted")
    corpus = corpus_stats(s for _p, s in rows)
    if args.format == "json":
        text = _dumps({"maps": [{"path": p, **s.to_dict()} for p, s in rows], "corpus": corpus.to_dict()})
    elif args.format == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        header = ["path", *rows[0][1].as_row()] if rows else ["path"]
        writer.writerow(header)
        for p, s in rows:
            writer.writerow([p, *("" if v is None else v for v in s.as_row().values())])
        text = buf.getvalue()
    else:
        text = _table(rows, corpus)
    cli._write_text(text)
    if fmt is not None:
        data = cli._guard_value(args.plot, lambda: plot((s for _p, s in rows), fmt))
        if data is None or cli._write_output(args.plot, data, quiet=args.format != "table") != 0:
            return 1
    return status


def _in_workers(args: argparse.Namespace) -> Iterator[tuple[str, Any]] | None:
    """With ``-j N`` (N > 1), the statistics of the files in N processes, in
    order (each file's statistics or error), for :func:`_stats_of`; else None.
    Files named by no known suffix (and no --from), and standard input, are
    left to :func:`_stats_of`."""
    from argmap.cli import _output as cli
    from argmap.corpus import _each

    if args.jobs <= 1 or "-" in args.maps:
        return None
    paths = [p for p in args.maps if args.from_ is not None or cli._suffix_format(p) is not None]
    job = partial(stats_one, format=args.from_, max_bytes=args.max_bytes, max_arguments=args.max_arguments)
    return _each(job, paths, args.jobs, format=args.from_)


def stats_one(path: str, *, format: str | None, max_bytes: int | None, max_arguments: int | None) -> Any:
    """The statistics of the map in *path*, or the ArgmapError that stopped
    them (running out of memory is the file's OutOfMemoryError): what
    ``stats -j`` runs on each file (see :func:`argmap.corpus.stats_one`)."""
    from argmap.analysis._stats import stats
    from argmap.cli import _output as cli

    return cli._per_file(path, lambda: stats(cli._read_map(path, format, max_bytes, max_arguments)))


def _stats_of(path: str, results: Iterator[tuple[str, Any]] | None, args: argparse.Namespace) -> Any:
    """The statistics of *path*, from *results* (see :func:`_in_workers`) or
    read here; None after reporting why there are none."""
    from argmap.analysis._stats import stats
    from argmap.cli import _output as cli
    from argmap.errors import ArgmapError

    if results is None or (args.from_ is None and cli._suffix_format(path) is None):
        m = cli._load(path, args.from_, args.max_bytes, args.max_arguments)
        return None if m is None else cli._guard_value(path, lambda: stats(m))
    _path, s = next(results)
    if isinstance(s, ArgmapError):
        cli._report(path, s)
        return None
    return s


def _table(rows: list[tuple[str, Any]], corpus: Any) -> str:
    from argmap.errors import escape

    cols = ("claims", "relations", "support", "attack", "linked", "undercuts", "depth", "branch", "quotes", "coverage")
    width = max([len("total"), *(len(escape(p)) for p, _s in rows)])
    width = min(width, 40)
    out = [f"{'map':<{width}}" + "".join(f"{c:>10}" for c in cols)]
    for p, s in rows:
        name = escape(p)
        name = name if len(name) <= width else "..." + name[-(width - 3) :]
        cov = "-" if s.coverage is None else f"{s.coverage:.1%}"
        values = (
            s.claims,
            s.relations,
            s.by_kind["support"],
            s.by_kind["attack"],
            s.linked,
            s.undercuts,
            s.depth,
            s.branching_max,
            s.quotes,
            cov,
        )
        out.append(f"{name:<{width}}" + "".join(f"{v:>10}" for v in values))
    out.append(
        f"{'total':<{width}}{corpus.claims:>10}{corpus.relations:>10}"
        f"{corpus.by_kind['support']:>10}{corpus.by_kind['attack']:>10}"
    )
    out.append("")
    for name in ("claims", "relations", "depth"):
        d = corpus.distributions[name]
        out.append(f"{name} per map: mean {d.mean:.2f}, median {d.median:g}, min {d.min:g}, max {d.max:g} ({d.n} maps)")
    return "\n".join(out)


def run_compare(args: argparse.Namespace) -> int:
    from argmap.analysis._compare import compare
    from argmap.analysis._diff import diff_dot, diff_html
    from argmap.cli import _output as cli

    out_fmt = None
    if args.output is not None:
        out_fmt = {".svg": "svg", ".png": "png", ".dot": "dot", ".gv": "dot", ".html": "html", ".htm": "html"}.get(
            Path(args.output).suffix.lower()
        )
        if out_fmt is None:
            raise cli.UsageError(f"-o {args.output}: the difference is drawn as .svg, .png, .dot or .html")
    candidate = cli._load(args.candidate, args.from_, args.max_bytes, args.max_arguments)
    reference = cli._load(args.reference, args.from_, args.max_bytes, args.max_arguments)
    if candidate is None or reference is None:
        return 1
    semantics = None if args.semantics == "none" else args.semantics
    result = cli._guard_value(
        args.reference, lambda: compare(candidate, reference, semantics=semantics, match_ids=not args.no_ids)
    )
    if result is None:
        return 1
    cli._write_text(_dumps(result.to_dict()) if args.json else result.report())
    if out_fmt is None:
        return 0

    def picture() -> bytes:
        if out_fmt == "html":
            return diff_html(result, candidate, reference).encode("utf-8")
        dot = diff_dot(result, candidate, reference)
        if out_fmt == "dot":
            return dot.encode("utf-8")
        from argmap.render.backend import run_dot

        return run_dot(dot, out_fmt)

    data = cli._guard_value(args.output, picture)
    if data is None:
        return 1
    return cli._write_output(args.output, data, quiet=args.json)
