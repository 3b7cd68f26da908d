"""The commands: each takes the parsed arguments and returns the exit
status, having reported any error of its input on standard error."""

from __future__ import annotations

import os
from collections.abc import Callable

from argmap import render
from argmap.cli._output import (
    STDOUT,
    UsageError,
    _error,
    _guard,
    _guard_value,
    _load,
    _name,
    _per_file,
    _print_err,
    _Progress,
    _read_map,
    _report,
    _suffix_format,
    _suffix_message,
    _write_output,
    _write_text,
)

TYPE_CHECKING = False  # (typing.TYPE_CHECKING, without importing typing)
if TYPE_CHECKING:
    import argparse
    from typing import Any

    import argmap

# What a command needs is imported where it runs (``argmap.render`` loads
# each renderer on first use): ``argmap render`` with the tree layout loads
# neither the Graphviz backend nor the semantics, the report or pathlib.


def _render(args: argparse.Namespace) -> int:
    return _watch(args, _render_once) if args.watch else _render_once(args)


def _suffix(path: str) -> str:
    """The suffix of *path*'s last part, as ``pathlib.PurePath(path).suffix``
    gives it (``""`` for ``.bashrc`` or ``a.``), without loading pathlib."""
    parts = os.path.splitdrive(path)[1]
    if os.altsep:
        parts = parts.replace(os.altsep, os.sep)
    for part in reversed(parts.split(os.sep)):
        if part and part != ".":
            i = part.rfind(".")
            return part[i:] if 0 < i < len(part) - 1 else ""
    return ""


def _render_once(args: argparse.Namespace) -> int:
    if args.output is None and args.map == "-":
        raise UsageError("reading '-' (standard input) needs -o OUT")
    if args.semantics is not None and (
        args.format == "mermaid" or (args.format is None and args.output and _suffix(args.output).lower() == ".mmd")
    ):
        raise UsageError("--semantics draws onto DOT, SVG, PNG or PDF; Mermaid output has no evaluation overlay")
    suffix = "." + {"mermaid": "mmd"}.get(args.format or "svg", args.format or "svg")
    if args.output is None and _suffix(args.map).lower() == suffix:
        raise UsageError(f"the drawing would replace {args.map}; name the output with -o OUT")
    straight = args.semantics is None and suffix == ".svg" and getattr(args, "straight", True)
    status = _render_straight(args) if straight else None
    if status is not None:
        return status
    m = _load(args.map, args.from_, args.max_bytes, args.max_arguments)
    if m is None:
        return 1
    options: dict[str, Any] = {}
    if args.direction is not None:
        options["direction"] = args.direction
    if args.semantics is not None:
        from argmap.semantics import evaluate

        options["evaluation"] = _guard_value(args.map, lambda: evaluate(m, args.semantics, **_limits(args)))
        if options["evaluation"] is None:
            return 1
    if args.output == "-":
        out, fmt = "-", args.format or "dot"
    elif args.output is None:
        from pathlib import Path

        out, fmt = str(Path(args.map).with_suffix(suffix)), args.format or "svg"
    else:
        out, fmt = args.output, args.format or render.FILE_FORMATS.get(_suffix(args.output).lower())
        if fmt is None:
            given = _suffix(out)
            known = ", ".join(f"{s} ({f})" for s, f in render.FILE_FORMATS.items())
            what = f"unknown file suffix {given!r}" if given else "no file suffix"
            _error(args.output, f"{what}; known suffixes: {known}; use --format NAME to choose one")
            return 1

    def drawing() -> bytes:
        from argmap.render.layout import choose_layout

        if choose_layout(m, args.layout, fmt, have_dot=_have_dot) == "tree":
            from argmap.render.layout import to_tree_svg

            return to_tree_svg(m, **options).encode("utf-8")
        if fmt == "dot":
            return render.to_dot(m, **options).encode("utf-8")
        if fmt == "mermaid":
            return render.to_mermaid(m, **options).encode("utf-8")
        return render.pipe(m, fmt, timeout=args.timeout, min_text_px=args.min_text_px, **options)

    data = _guard_value(args.map, drawing)
    return 1 if data is None else _write_output(out, data)


def _render_straight(args: argparse.Namespace) -> int | None:
    """The exit status of ``argmap render`` (without --semantics) once a
    plain argmap JSON map is drawn straight to tree SVG (see
    :func:`_straight_tree_svg`), or None for any other case, which the usual
    way draws (and reports).  Also what a command line read without argparse
    (:func:`argmap.cli._parser.plain_render_arguments`) runs."""
    if args.output is None and _suffix(args.map).lower() == ".svg":
        return None  # (it would replace the map: the usual way says so)
    straight = _straight_tree_svg(args, ".svg")
    return None if straight is None else _write_output(*straight)


def _straight_tree_svg(args: argparse.Namespace, suffix: str) -> tuple[str, bytes] | None:
    """(output path, SVG) of a plain argmap JSON map drawn with the tree
    layout straight from the file's columns, without attrs or the model
    (:mod:`argmap.formats._json_plain`); None for anything else, or on any
    doubt, and the usual way runs (the same drawing, and every error
    reported as before).  Only a regular file is read here: a pipe or a
    device could not be read again."""
    import stat

    from argmap import formats
    from argmap._gc import paused
    from argmap.errors import ArgmapError
    from argmap.formats._json_plain import plain_map
    from argmap.render.layout import _choose
    from argmap.render.layout._svg import tree_svg
    from argmap.render.layout._view import view_of_columns
    from argmap.render.output import FILE_FORMATS  # (render.FILE_FORMATS, without importlib)

    path = args.map
    if path == "-" or args.output == "-" or (args.format or "svg") != "svg":
        return None
    if args.output is None:
        from pathlib import Path

        try:
            out = str(Path(path).with_suffix(suffix))
        except ValueError:
            return None
    elif FILE_FORMATS.get(_suffix(args.output).lower()) == "svg" or args.format == "svg":
        out = args.output
    else:
        return None
    try:
        if (formats.get_format(args.from_) if args.from_ else formats.format_for_path(path)).name != "json":
            return None
        limit = formats._check_max_bytes(args.max_bytes)
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        data = formats._read(path, limit)
    except (ArgmapError, OSError, ValueError):
        return None
    with paused():  # many small objects, no cycles (as the JSON reader does)
        plain = plain_map(data)
        if plain is None:
            return None
        view = view_of_columns(*plain)
        if _choose(len(view.claim_ids), args.layout, "svg", have_dot=_have_dot) != "tree":
            return None
        options = {} if args.direction is None else {"direction": args.direction}
        return out, tree_svg(view, **options).encode("utf-8")


def _have_dot() -> bool:
    from argmap.render import backend

    return backend.have_dot()


def _check(args: argparse.Namespace) -> int:
    from argmap.cli._check import check_command

    return check_command(args)


def _source_file(args: argparse.Namespace) -> argmap.Source | None:
    """The article that --source names, read (None: an error was printed)."""
    import argmap

    source: argmap.Source | None = _guard_value(
        args.source, lambda: argmap.Source.from_file(args.source, max_bytes=args.max_bytes)
    )
    return source


def _report_command(args: argparse.Namespace) -> int:
    return _watch(args, _report_once) if args.watch else _report_once(args)


def _report_once(args: argparse.Namespace) -> int:
    from pathlib import Path

    from argmap import _files

    out = Path(args.output) if args.output else Path(args.map).with_suffix(".html")
    if args.map == "-" and not args.output:
        raise UsageError("reading '-' (standard input) needs -o OUT")
    if out.suffix.lower() == Path(args.map).suffix.lower() and not args.output:
        raise UsageError(f"the report would replace {args.map}; name the output with -o OUT")
    m = _load(args.map, args.from_, args.max_bytes, args.max_arguments)
    if m is None:
        return 1
    if args.source is not None:  # the quotes of any map located in the article, each missing one named
        from argmap.source import attach

        source = _source_file(args)
        loaded = m
        m = None if source is None else _guard_value(args.map, lambda: attach(loaded, source))
        if m is None:
            return 1
    from argmap.report import report
    from argmap.source import coverage

    options: dict[str, Any] = {"diagram": not args.no_diagram}
    if args.direction is not None:
        options["direction"] = args.direction
    if args.semantics is not None:
        from argmap.semantics import evaluate

        options["evaluation"] = _guard_value(args.map, lambda: evaluate(m, args.semantics))
        if options["evaluation"] is None:
            return 1  # e.g. a gradual semantics that does not converge on a cyclic map
        from argmap.report import quiet_branches

        options["folded"] = _guard_value(args.map, lambda: quiet_branches(m, args.semantics))
        if options["folded"] is None:
            return 1

    page = _guard_value(args.map, lambda: report(m, **options).encode("utf-8"))
    if page is None or _write_output(str(out), page) != 0:
        return 1
    if m.source is not None:  # beside the page on standard output, the summary goes to standard error
        summary = f"coverage: {coverage(m).summary()}"
        if _files.writes_through(str(out)):
            _print_err(summary)
        else:
            print(summary)
    return 0


def _limits(args: argparse.Namespace) -> dict[str, Any]:
    """The evaluation's options (--max-extensions not given: the library's default)."""
    limits = {"backend": args.backend, "timeout": args.time_limit}
    if args.max_extensions is not None:
        limits["max_extensions"] = args.max_extensions
    return limits


def _eval(args: argparse.Namespace) -> int:
    m = _load(args.map, args.from_, args.max_bytes, args.max_arguments)
    if m is None:
        return 1
    from argmap.semantics.verdict import explain

    hinges = 3 if args.explain else 0
    result = _guard_value(args.map, lambda: explain(m, args.semantics, hinges=hinges, **_limits(args)))
    if result is None:
        return 1
    if args.json:
        import json

        return _guard(STDOUT, lambda: _write_text(json.dumps(result, indent=2, ensure_ascii=False)))
    return _guard(STDOUT, lambda: _write_text(_eval_text(m, result)))


def _eval_text(m: argmap.ArgumentMap, result: dict[str, Any]) -> str:
    lines = [f"semantics: {result['semantics']}"]
    for t in result["theses"]:
        lines.append(f"{t['id']}: {t['verdict']} ({_shown(t['value'])}): {t['text']}")
        for h in t.get("hinges_on", ()):
            lines.append(f"  hinges on {h['id']} ({h['effect']}): {h['text']}")
    lines.append("")
    roles = m.roles
    for c in m.claims:
        lines.append(f"{_shown(result['values'][c.id]):>6}  {roles[c.id].value:<11}  {c.id}")
    return "\n".join(lines)


def _shown(v: Any) -> str:
    return f"{v:.2f}" if isinstance(v, float) else str(v)


def _show(args: argparse.Namespace) -> int:
    m = _load(args.map, args.from_, args.max_bytes, args.max_arguments)
    if m is None:
        return 1
    return _guard(STDOUT, lambda: _write_text(render.to_text(m)))


def _convert(args: argparse.Namespace) -> int:
    import argmap

    if args.output_dir is not None:
        return _convert_many(args)
    if len(args.paths) != 2:
        raise UsageError("convert takes IN OUT, or IN... with -d OUTDIR")
    args.input, args.output = args.paths
    to: str | None = args.to
    if to is None and args.output == "-":
        to = args.from_ or _suffix_format(args.input)
        if to is None:
            raise UsageError("writing to '-' needs --to NAME")
    elif to is None:
        to = _suffix_format(args.output)
        if to is None:
            _error(args.output, _suffix_message(args.output, "--to"))
            return 1
    from argmap import _files

    if to == "argdown-json" and args.input != "-" and (args.from_ or _suffix_format(args.input)) == "argdown":
        # Argdown straight to its JSON: the same bytes, without the map on the way
        from argmap.formats.argdown._doc_json import pieces_from_file

        path, limit = args.input, args.max_bytes
        pieces = _guard_value(path, lambda: pieces_from_file(path, max_bytes=limit))
        return 1 if pieces is None else _write_output(args.output, _files.encoded(pieces), quiet=True)
    m = _load(args.input, args.from_, args.max_bytes, args.max_arguments)
    if m is None:
        return 1
    fmt = to
    text = _guard_value(STDOUT if args.output == "-" else args.output, lambda: argmap.dumps(m, format=fmt))
    # (written a megabyte at a time: a large map's text is not also held encoded whole)
    return 1 if text is None else _write_output(args.output, _files.encoded(text), quiet=True)


def _convert_many(args: argparse.Namespace) -> int:
    """``convert IN... -d OUTDIR -t NAME``: each file to OUTDIR, named as
    its input with the format's suffix; a file that fails is reported and
    the rest still done."""
    from functools import partial

    import argmap
    from argmap import _files
    from argmap.formats import get_format

    if args.to is None:
        raise UsageError("-d OUTDIR needs -t NAME, the format to write")
    if "-" in args.paths:
        raise UsageError("-d OUTDIR converts files, not '-' (standard input)")
    fmt: str = args.to
    outdir = args.output_dir
    if not os.path.isdir(outdir):
        _error(outdir, "no such folder (-d names a folder that exists)")
        return 1
    suffix = get_format(fmt).suffixes[0]
    written: dict[str, str] = {}  # output file -> the input it came from
    outs = [os.path.join(outdir, _stem(path) + suffix) for path in args.paths]
    # An output that is one of the inputs (the inputs' own folder and
    # format) is refused: it would replace a file with its conversion.
    inputs = {os.path.realpath(path): path for path in args.paths}
    replaces = {i: inputs[real] for i, real in enumerate(map(os.path.realpath, outs)) if real in inputs}
    results, sent = None, set()
    if args.jobs > 1:
        from argmap.corpus import _each

        # The files that can be converted go to the workers, in order: the
        # first to name each output file (a later one is converted here if
        # that one fails).
        first: dict[str, int] = {}
        for i, (path, out) in enumerate(zip(args.paths, outs)):
            if out not in first and i not in replaces and (args.from_ is not None or _suffix_format(path) is not None):
                first[out] = i
        sent = set(first.values())
        todo = {args.paths[i]: outs[i] for i in sorted(sent)}
        job = partial(
            _convert_job,
            outs=todo,
            to=fmt,
            format=args.from_,
            max_bytes=args.max_bytes,
            max_arguments=args.max_arguments,
        )
        # (a file's write, flushed to disk, costs as much as reading 64 KiB)
        results = _each(
            job, [args.paths[i] for i in sorted(sent)], args.jobs, per_file=64 * 1024, format=args.from_, lost=_lost
        )
    failed: list[str] = []
    progress = _Progress(len(args.paths))
    for i, (path, out) in enumerate(zip(args.paths, outs)):
        progress.show(i, path)
        if i in replaces:
            progress.clear()
            _error(path, f"would write {out}, which is the input {replaces[i]}; write to another folder")
            failed.append(path)
            continue
        if out in written:
            progress.clear()
            _error(path, f"would write {out}, already written from {written[out]}")
            failed.append(path)
            continue
        if results is not None and i in sent:
            _path, error = next(results)
            if error is not None:
                _report(*error)
            ok = error is None
        else:
            m = _load(path, args.from_, args.max_bytes, args.max_arguments)
            text = None if m is None else _guard_value(out, partial(argmap.dumps, m, format=fmt))
            ok = text is not None and _write_output(out, _files.encoded(text), quiet=True) == 0
        progress.clear()
        if ok:
            written[out] = path
        else:
            failed.append(path)
    progress.done(1 if failed else 0, failed, "converted")
    return 1 if failed else 0


def _convert_job(
    path: str, *, outs: dict[str, str], to: str, format: str | None, max_bytes: int | None, max_arguments: int | None
) -> tuple[str, argmap.ArgmapError] | None:
    """Convert the map in *path* to the format *to*, written (atomically) to
    its output file ``outs[path]``: None when it is written, else the file
    the error concerns (*path*, or the output) and the error, as
    :func:`argmap.corpus.convert_one` gives them; running out of memory is
    that file's :class:`~argmap.errors.OutOfMemoryError`."""
    import argmap
    from argmap import _files

    out = outs[path]
    m = _per_file(path, lambda: _read_map(path, format, max_bytes, max_arguments))
    if isinstance(m, argmap.ArgmapError):
        return path, m
    loaded = m
    data = _per_file(out, lambda: argmap.dumps(loaded, format=to).encode("utf-8"))
    if isinstance(data, argmap.ArgmapError):
        return out, data
    written = data
    error = _per_file(out, lambda: _files.write_output(out, written))
    return None if error is None else (out, error)


def _lost(path: str, error: argmap.ArgmapError) -> tuple[str, argmap.ArgmapError]:
    """What :func:`_convert_job` gives for a file whose worker process died."""
    return path, error


def _stem(path: str) -> str:
    """*path*'s file name without its format's suffix (``x.aif.json`` ->
    ``x``), or without its last suffix."""
    from argmap.formats import formats

    name = os.path.basename(path)
    known = sorted((s for f in formats() for s in f.suffixes), key=len, reverse=True)
    for s in known:
        if name.lower().endswith(s) and len(name) > len(s):
            return name[: -len(s)]
    return os.path.splitext(name)[0] or name


def _draft(args: argparse.Namespace) -> int:
    """Write the draft Argdown map of an article (see argmap.formats.argdown.draft)."""
    import os
    from pathlib import Path

    import argmap
    from argmap.formats.argdown import draft

    article = Path(args.article)
    out = args.output or str(article.with_suffix(".argdown"))
    if out != "-" and Path(out).suffix.lower() == article.suffix.lower() and not args.output:
        raise UsageError(f"the draft would replace {args.article}; name the output with -o OUT")
    source = _guard_value(args.article, lambda: argmap.Source.from_file(article, max_bytes=args.max_bytes))
    if source is None:
        return 1
    base = os.curdir if out == "-" else os.path.dirname(os.path.abspath(out))
    path = os.path.relpath(os.path.abspath(article), base).replace(os.sep, "/")
    title = args.title if args.title is not None else article.stem
    return _write_output(out, draft(source, source_path=path, title=title).encode("utf-8"))


#: How often --watch looks at the files it watches, in seconds.
WATCH_INTERVAL = 0.5


def _watch(args: argparse.Namespace, once: Callable[[argparse.Namespace], int]) -> int:
    """Run *once* whenever the map file, or the article it names, changes
    (its modification time or size), until Ctrl-C, which ends with status 0.
    An error (a parse error while the file is being edited) is printed and
    the watch goes on."""
    import time

    import argmap

    if args.map == "-" or args.output == "-":
        raise UsageError("--watch reads a file and writes one: not '-'")
    try:
        # (the files are looked at before each run: a change during the run is seen after it)
        files = _watched(args)
        seen = _stamps(files)
        once(args)
        _print_err(f"watching {', '.join(_name(f) for f in files)} (Ctrl-C stops)")
        while True:
            time.sleep(WATCH_INTERVAL)
            if _stamps(files) == seen:
                continue
            files = _watched(args)
            seen = _stamps(files)
            try:
                once(args)
            except argmap.ArgmapError as e:  # (a step that did not guard itself: say so, and go on)
                _print_err(f"{_name(args.map)}: error: {e}")
    except KeyboardInterrupt:
        return 0


def _watched(args: argparse.Namespace) -> list[str]:
    """The map file and the article: --source, or an Argdown map's front
    matter ``source:`` path."""
    import argmap

    files = [args.map]
    if getattr(args, "source", None) is not None:
        files.append(args.source)
    elif (args.from_ or _suffix_format(args.map)) == "argdown":
        from argmap.formats.argdown import parse_document

        try:
            with open(args.map, "rb") as f:
                fm = parse_document(f.read())[1].front_matter or {}
        except (OSError, argmap.ArgmapError):
            return files
        src = fm.get("source")
        path = src.get("path") if isinstance(src, dict) else src
        if isinstance(path, str) and path:
            files.append(os.path.join(os.path.dirname(args.map), path))
    return files


def _stamps(files: list[str]) -> list[tuple[int, int] | None]:
    import os

    out: list[tuple[int, int] | None] = []
    for f in files:
        try:
            st = os.stat(f)
        except OSError:
            out.append(None)
        else:
            out.append((st.st_mtime_ns, st.st_size))
    return out
