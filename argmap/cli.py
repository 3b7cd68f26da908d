"""The ``argmap`` command: render, check, show and convert argument maps.

This is the only module of argmap that prints or exits.  :func:`main` takes
the arguments and returns the exit status: 0 on success, 1 on bad input (any
:class:`~argmap.errors.ArgmapError`), 2 on a usage error, 130 on Ctrl-C, and
70 (``EX_SOFTWARE``) on an internal error, a bug that no input should reach.
Errors are reported like a compiler's, one line each, naming the file::

    bad.json:3:5: error: Expecting ',' delimiter
    map.json: error: claims[1].text: expected a string, got a number
    map.json: error: r2: premise 'c9' is not a claim of the map

Everything written to standard error goes through
:func:`argmap.errors.escape`, so a file name, id or text from a hostile
file cannot carry a control character to the terminal.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import warnings
from pathlib import Path
from typing import Any, Callable, Sequence

import argmap
from argmap import _files, render  # light: graphviz itself is loaded only to draw
from argmap.errors import (
    ArgmapError,
    FormatError,
    ParseError,
    ValidationError,
    WriteError,
    escape,
    excerpt,
)
from argmap.formats import MAX_BYTES, format_for_path, formats

__all__ = ["main"]

PROG = "argmap"
#: Name used for standard input and output in messages.
STDIN = "<stdin>"
STDOUT = "<stdout>"
#: Excerpt lines longer than this are cut around the error's column.
EXCERPT_WIDTH = 120
#: Exit status of an internal error (sysexits.h's EX_SOFTWARE).
INTERNAL_ERROR = 70


class UsageError(Exception):
    """A combination of arguments argparse cannot check (exit status 2)."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``argmap`` command with *argv* (default ``sys.argv[1:]``) and
    return its exit status."""
    _tolerant_streams()
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # argparse has printed the usage error, or --help
        return e.code if isinstance(e.code, int) else 2
    try:
        try:
            with warnings.catch_warnings():
                warnings.showwarning = _show_warning
                status = args.run(args)
        except UsageError as e:
            args.subparser.error(str(e))  # prints the usage, exits 2
        sys.stdout.flush()  # a closed pipe shows up here, not at exit
        return status
    except SystemExit as e:
        return e.code if isinstance(e.code, int) else 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        _silence_stdout()
        return 141  # like a program killed by SIGPIPE
    except OSError as e:  # files are guarded where they are written: this is a message on stdout
        _silence_stdout()
        with contextlib.suppress(OSError):
            _error(STDOUT, f"cannot write: {e.strerror or e}")
        return 1
    except ArgmapError as e:  # a command that did not guard a step: still bad input
        _print_err(f"{PROG}: error: {e}")
        return 1
    except Exception as e:  # a bug: one line, never a traceback
        _print_err(f"{PROG}: internal error: {type(e).__name__}: {e} (please report this)")
        return INTERNAL_ERROR


class _ArgumentParser(argparse.ArgumentParser):
    """argparse, with its error messages (which quote the arguments) escaped."""

    def error(self, message: str) -> Any:  # NoReturn
        super().error(escape(message))


# --------------------------------------------------------------------------
# Arguments


def _parser() -> argparse.ArgumentParser:
    names = [f.name for f in formats()]
    drawings = list(dict.fromkeys(render.FILE_FORMATS.values()))
    parser = _ArgumentParser(
        prog=PROG,
        description="Render, check, show and convert argument maps.",
        epilog="Exit status: 0 success, 1 bad input, 2 usage error.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {argmap.__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)

    def command(name: str, run: Callable[[argparse.Namespace], int], help: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help, description=help)
        sub.set_defaults(run=run, subparser=sub)
        return sub

    def input_format(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--from",
            dest="from_",
            metavar="NAME",
            choices=names,
            help=f"input format ({', '.join(names)}); default: from the file suffix",
        )
        sub.add_argument(
            "--max-bytes",
            metavar="N",
            type=_max_bytes,
            default=MAX_BYTES,
            help=f"refuse an input map larger than N bytes (default: {MAX_BYTES}, 512 MiB; 'none': no limit)",
        )

    sub = command("render", _render, "Draw a map with Graphviz (SVG, PNG, PDF or DOT).")
    sub.add_argument("map", metavar="MAP", help="the map file")
    sub.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="output file ('-': standard output, DOT unless --format says otherwise); "
        "default: MAP with the format's suffix",
    )
    sub.add_argument(
        "--format",
        choices=drawings,
        help="output format; default: from OUT's suffix, else svg",
    )
    sub.add_argument("--direction", choices=list(render.DIRECTIONS), help="which way the arrows point (default: up)")
    sub.add_argument(
        "--timeout",
        metavar="SECONDS",
        type=_seconds,
        default=_TIMEOUT,
        help=f"stop Graphviz's dot after this many seconds (default: {_TIMEOUT:g}; 0 or none: no limit)",
    )
    sub.add_argument(
        "--semantics",
        metavar="NAME",
        choices=_SEMANTICS,
        help=f"evaluate the map and draw each claim's result ({', '.join(_SEMANTICS)})",
    )
    _evaluation_options(sub)
    input_format(sub)

    sub = command("check", _check, "Load and validate map files.")
    sub.add_argument("maps", nargs="+", metavar="MAP", help="map files")
    input_format(sub)
    _fidelity_options(sub)

    sub = command("show", _show, "Print a map as an indented text tree.")
    sub.add_argument("map", metavar="MAP", help="the map file ('-' reads standard input, with --from)")
    input_format(sub)

    sub = command("convert", _convert, "Convert a map file from one format to another.")
    sub.add_argument("input", metavar="IN", help="the map file ('-' reads standard input, with --from)")
    sub.add_argument("output", metavar="OUT", help="the file to write ('-' writes standard output)")
    input_format(sub)
    sub.add_argument(
        "--to",
        metavar="NAME",
        choices=names,
        help=f"output format ({', '.join(names)}); default: from OUT's suffix",
    )

    sub = command("report", _report_command, "Write the article beside its map as one offline HTML page.")
    sub.add_argument("map", metavar="MAP", help="the map file")
    sub.add_argument(
        "-o", "--output", metavar="OUT", help="the HTML file to write ('-': standard output); default: MAP with .html"
    )
    sub.add_argument("--direction", choices=list(render.DIRECTIONS), help="which way the diagram's arrows point")
    sub.add_argument("--no-diagram", action="store_true", help="show the map as a text tree, not a drawing")
    sub.add_argument(
        "--semantics",
        metavar="NAME",
        choices=_GRADUAL,
        help=f"evaluate the map and show each claim's strength ({', '.join(_GRADUAL)})",
    )
    input_format(sub)

    sub = command("eval", _eval, "Evaluate a map: how well does each thesis stand, and on what does it hinge?")
    sub.add_argument("map", metavar="MAP", help="the map file ('-' reads standard input, with --from)")
    sub.add_argument(
        "--semantics",
        metavar="NAME",
        default="df-quad",
        choices=_SEMANTICS,
        help=f"{', '.join(_SEMANTICS)} (default: df-quad)",
    )
    _evaluation_options(sub)
    sub.add_argument("--json", action="store_true", help="print the results as JSON")
    sub.add_argument("--explain", action="store_true", help="name the three claims each thesis hinges on")
    input_format(sub)
    return parser


# --------------------------------------------------------------------------
# Commands


def _render(args: argparse.Namespace) -> int:
    if args.output is None and args.map == "-":
        raise UsageError("reading '-' (standard input) needs -o OUT")
    if args.semantics is not None and (
        args.format == "mermaid" or (args.format is None and args.output and Path(args.output).suffix.lower() == ".mmd")
    ):
        raise UsageError("--semantics draws onto DOT, SVG, PNG or PDF; Mermaid output has no evaluation overlay")
    suffix = "." + {"mermaid": "mmd"}.get(args.format or "svg", args.format or "svg")
    if args.output is None and Path(args.map).suffix.lower() == suffix:
        raise UsageError(f"the drawing would replace {args.map}; name the output with -o OUT")
    m = _load(args.map, args.from_, args.max_bytes)
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
        out, fmt = str(Path(args.map).with_suffix(suffix)), args.format or "svg"
    else:
        out, fmt = args.output, args.format or render.FILE_FORMATS.get(Path(args.output).suffix.lower())
        if fmt is None:
            given = Path(out).suffix
            known = ", ".join(f"{s} ({f})" for s, f in render.FILE_FORMATS.items())
            what = f"unknown file suffix {given!r}" if given else "no file suffix"
            _error(args.output, f"{what}; known suffixes: {known}; use --format NAME to choose one")
            return 1

    def drawing() -> bytes:
        if fmt == "dot":
            return render.to_dot(m, **options).encode("utf-8")
        if fmt == "mermaid":
            return render.to_mermaid(m, **options).encode("utf-8")
        return render.pipe(m, fmt, timeout=args.timeout, **options)

    data = _guard_value(args.map, drawing)
    return 1 if data is None else _write_output(out, data)


def _check(args: argparse.Namespace) -> int:
    status = 0
    progress = _Progress(len(args.maps))
    for i, path in enumerate(args.maps):
        progress.show(i, path)
        m = _load(path, args.from_, args.max_bytes)
        progress.clear()
        if m is None:
            status = 1
        else:
            if _fidelity(path, m, args) == 0:
                print(f"OK {_name(path)}: {_count(len(m.claims), 'claim')}, {_count(len(m.relations), 'relation')}")
            else:
                status = 1
    progress.done(status)
    return status


class _Progress:
    """A one-line progress bar on standard error, drawn only when it is a
    terminal and there is more than one file; other output clears it first
    (see _print_err)."""

    active: _Progress | None = None
    WIDTH = 30

    def __init__(self, total: int):
        self.total = total
        try:
            self.enabled = total > 1 and sys.stderr.isatty()
        except (AttributeError, ValueError):
            self.enabled = False

    def show(self, i: int, path: str) -> None:
        if not self.enabled:
            return
        filled = self.WIDTH * i // self.total
        name = path if len(path) <= 40 else "..." + path[-37:]
        name = "".join(ch if ch.isprintable() else "?" for ch in name)
        sys.stderr.write(f"\r\x1b[K[{'#' * filled}{'.' * (self.WIDTH - filled)}] {i}/{self.total} {name}")
        sys.stderr.flush()
        _Progress.active = self

    def clear(self) -> None:
        if self.enabled and _Progress.active is self:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()
            _Progress.active = None

    def done(self, status: int) -> None:
        self.clear()
        if self.enabled:
            sys.stderr.write(f"checked {self.total} files{'' if status == 0 else ' (some have errors)'}\n")


# Fidelity to the source (lint, quotes, coverage) for `check`: see argmap.report.lint.


def _fidelity_options(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "--source",
        metavar="ARTICLE",
        help="check the quotes against this text file (UTF-8) and report its coverage",
    )
    sub.add_argument("--strict", action="store_true", help="treat lint warnings as errors")


def _fidelity(path: str, m: argmap.ArgumentMap, args: argparse.Namespace) -> int:
    """Print *m*'s lint (warnings, or errors with --strict) and, with
    --source, the coverage; return 1 if anything was an error."""
    from argmap.report import lint
    from argmap.source import coverage

    source = None
    if getattr(args, "source", None) is not None:
        source = _guard_value(args.source, lambda: argmap.Source.from_file(args.source, max_bytes=args.max_bytes))
        if source is None:
            return 1
    strict = getattr(args, "strict", False)
    status = 0
    for problem in lint(m, source=source):
        error = strict or problem.code == "quote-missing"
        status |= error
        _print_err(f"{path}: {'error' if error else 'warning'}: {problem} [{problem.code}]")
    if source is not None:
        print(f"{_name(path)}: coverage of {_name(args.source)}: {coverage(m, source).summary()}")
    return status


def _report_command(args: argparse.Namespace) -> int:
    out = Path(args.output) if args.output else Path(args.map).with_suffix(".html")
    if args.map == "-" and not args.output:
        raise UsageError("reading '-' (standard input) needs -o OUT")
    if out.suffix.lower() == Path(args.map).suffix.lower() and not args.output:
        raise UsageError(f"the report would replace {args.map}; name the output with -o OUT")
    m = _load(args.map, args.from_, args.max_bytes)
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


_GRADUAL = ("df-quad", "quad", "euler", "quadratic-energy")
_SEMANTICS = _GRADUAL + ("grounded", "complete", "preferred", "stable", "semi-stable", "ideal")
_BACKENDS = ("auto", "python", "clingo")  # argmap.semantics.dung.BACKENDS, without importing it
#: argmap.semantics.DEFAULT_MAX_EXTENSIONS, without importing it
_MAX_EXTENSIONS = 1000


def _evaluation_options(sub: argparse.ArgumentParser) -> None:
    """--backend, --max-extensions and --time-limit, for commands that evaluate."""
    sub.add_argument(
        "--backend",
        default="auto",
        choices=_BACKENDS,
        help="the solver of a Dung semantics: python (built in), clingo (needs argmap[clingo]), "
        "or auto, the faster one installed (default: auto)",
    )
    sub.add_argument(
        "--max-extensions",
        metavar="N",
        type=_positive(int),
        default=_MAX_EXTENSIONS,
        help=f"stop a Dung semantics with an error past N extensions (default: {_MAX_EXTENSIONS})",
    )
    sub.add_argument(
        "--time-limit",
        metavar="SECONDS",
        type=_positive(float, none=True),
        default=_TIME_LIMIT,
        help=f"stop the evaluation with an error after SECONDS (default: {_TIME_LIMIT:g}; none: no limit)",
    )


#: The command's default time limit on an evaluation, in seconds (the library's is none):
#: a hostile map must not keep the command busy for ever.
_TIME_LIMIT = 300.0


def _positive(kind: type, *, none: bool = False) -> Callable[[str], Any]:
    def parse(text: str) -> Any:
        if none and text.strip().lower() == "none":
            return None
        try:
            value = kind(text)
        except ValueError:
            value = None
        if value is None or not value > 0 or value != value or value == float("inf"):
            raise argparse.ArgumentTypeError(f"expected a positive {'whole ' if kind is int else ''}number, not {text!r}")
        return value

    parse.__name__ = kind.__name__  # (argparse names the type in its messages)
    return parse


def _limits(args: argparse.Namespace) -> dict[str, Any]:
    return {"backend": args.backend, "max_extensions": args.max_extensions, "timeout": args.time_limit}


def _eval(args: argparse.Namespace) -> int:
    m = _load(args.map, args.from_, args.max_bytes)
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


def _eval_text(m: argmap.ArgumentMap, result: dict) -> str:
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
    m = _load(args.map, args.from_, args.max_bytes)
    if m is None:
        return 1
    return _guard(STDOUT, lambda: _write_text(render.to_text(m)))


def _convert(args: argparse.Namespace) -> int:
    to = args.to
    if to is None and args.output == "-":
        to = args.from_ or _suffix_format(args.input)
        if to is None:
            raise UsageError("writing to '-' needs --to NAME")
    elif to is None and _suffix_format(args.output) is None:
        _error(args.output, _suffix_message(args.output, "--to"))
        return 1
    m = _load(args.input, args.from_, args.max_bytes)
    if m is None:
        return 1
    to = to or _suffix_format(args.output)
    text = _guard_value(STDOUT if args.output == "-" else args.output, lambda: argmap.dumps(m, format=to))
    return 1 if text is None else _write_output(args.output, text.encode("utf-8"), quiet=True)


# --------------------------------------------------------------------------
# Helpers


def _max_bytes(text: str) -> int | None:
    """The --max-bytes argument: a whole number of bytes, or 'none'."""
    if text.strip().lower() == "none":
        return None
    try:
        n = int(text)
    except ValueError:
        n = -1
    if n < 0:
        raise argparse.ArgumentTypeError(f"expected a whole number of bytes or 'none', got {text!r}")
    return n


def _load(path: str, format: str | None, max_bytes: int | None = MAX_BYTES) -> argmap.ArgumentMap | None:
    """The map in *path*, or None after reporting why it cannot be read."""
    if path == "-":
        if format is None:
            raise UsageError("reading '-' (standard input) needs --from NAME")
        return _guard_value(STDIN, lambda: argmap.loads(_read_stdin(max_bytes), format=format, max_bytes=None))
    if format is None and _suffix_format(path) is None:
        _error(path, _suffix_message(path, "--from"))
        return None
    return _guard_value(path, lambda: argmap.load(path, format=format, max_bytes=max_bytes))


def _read_stdin(max_bytes: int | None) -> bytes:
    """Standard input, at most *max_bytes* of it (a LimitError past that)."""
    from argmap.formats import _read_limited

    stream = sys.stdin.buffer
    return stream.read() if max_bytes is None else _read_limited(stream, max_bytes)


def _suffix_format(path: str) -> str | None:
    try:
        return format_for_path(path).name
    except FormatError:
        return None


def _suffix_message(path: str, option: str) -> str:
    suffix = os.path.splitext(path)[1]
    known = ", ".join(f"{s} ({f.name})" for f in formats() for s in f.suffixes)
    what = f"unknown file suffix {suffix!r}" if suffix else "no file suffix"
    return f"{what}; known suffixes: {known}; use {option} NAME to choose a format"


#: dot's default time limit, in seconds (argmap.render.backend.TIMEOUT, without importing it).
_TIMEOUT = 120.0


def _seconds(text: str) -> float:
    """--timeout's value: seconds >= 0, where 0 and 'none' mean no limit."""
    if text.strip().lower() in ("none", "off"):
        return 0.0
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not value >= 0:  # also NaN
        raise argparse.ArgumentTypeError(f"expected a number of seconds >= 0 or 'none', got {text!r}")
    return value


def _write_output(path: str, data: bytes, *, quiet: bool = False) -> int:
    """Write *data* to the file *path* or, for '-', to standard output; say
    which file was written unless *quiet*, or the output is written through
    (standard output, a device, a FIFO).  Returns the exit status."""
    through = _files.writes_through(path)
    if _guard(STDOUT if path == "-" else path, lambda: _files.write_output(path, data)) != 0:
        return 1
    if not quiet and not through:
        print(f"wrote {path}")
    return 0


def _guard(path: str, action: Callable[[], Any]) -> int:
    """Run *action*; report an ArgmapError or OSError against *path*."""
    ok = _guard_value(path, lambda: action() or True)
    return 0 if ok is not None else 1


def _guard_value(path: str, action: Callable[[], Any]) -> Any:
    try:
        return action()
    except ArgmapError as e:
        _report(path, e)
    except BrokenPipeError:
        raise
    except OSError as e:
        name = e.filename if e.filename is not None else path
        _error(os.fsdecode(name), e.strerror or str(e))
    return None


def _report(path: str, err: ArgmapError) -> None:
    """Print *err* like a compiler, located in *path* unless it names a file."""
    if isinstance(err, ParseError):
        where = err.path or path
        _print_err(f"{where}:{err.lineno}:{err.colno}: error: {err.msg}")
        excerpt = _excerpt(err)
        if excerpt:
            _print_err(excerpt[0])
            _print_err(excerpt[1])
    elif isinstance(err, FormatError):
        where = err.path or path
        _error(where, f"{err.where}: {err.msg}" if err.where else err.msg)
    elif isinstance(err, ValidationError):
        for problem in err.problems:
            _error(path, str(problem))
    elif isinstance(err, WriteError):
        _error(err.path, f"cannot write: {err.msg}")
    elif isinstance(err, argmap.ExecutableNotFound):
        _print_err(f"{PROG}: error: {err}")
    else:
        message = str(err)  # escaped
        named = f"{escape(path)}: "
        if message.startswith(named):  # library messages may name the file
            message = message[len(named) :]
        _error(path, message)


def _excerpt(err: ParseError) -> tuple[str, str] | None:
    """The caret excerpt, escaped (a tab shows as ``\\t``), cut around the
    column when the line is long, and the caret line under it."""
    return excerpt(err.doc, err.pos, width=EXCERPT_WIDTH)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _error(path: str, message: str) -> None:
    _print_err(f"{path}: error: {message}")


def _name(path: Any) -> str:
    """A file name as the CLI prints it on standard output: escaped, like
    everything on standard error (see _print_err)."""
    return escape(path)


def _show_warning(message: Any, category: Any, filename: Any, lineno: Any, file: Any = None, line: Any = None) -> None:
    """A library warning (a lossy conversion) as one line."""
    _print_err(f"{PROG}: warning: {message}")


def _print_err(text: str) -> None:
    """Print one line on standard error, escaped: a control character in a
    file name, id or text from input shows as ``\\x1b``, ``\\n`` ...,
    never reaches the terminal."""
    if _Progress.active is not None:
        _Progress.active.clear()
    sys.stdout.flush()  # keep the order of stdout and stderr lines
    print(escape(text), file=sys.stderr)


def _write_text(text: str) -> None:
    try:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as e:
        raise WriteError(e.strerror or str(e), path=STDOUT) from e


def _tolerant_streams() -> None:
    # A map's text may not fit the terminal's encoding: never fail on output.
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream.errors == "strict":
                stream.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError, OSError):
            pass


def _silence_stdout() -> None:
    # Python flushes stdout at exit; point it at /dev/null so that the closed
    # pipe does not raise a second time there.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
