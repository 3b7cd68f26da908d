"""The ``argmap`` command: render, check, show and convert argument maps.

This is the only module of argmap that prints or exits.  :func:`main` takes
the arguments and returns the exit status: 0 on success, 1 on bad input (any
:class:`~argmap.errors.ArgmapError`), 2 on a usage error, 130 on Ctrl-C.
Errors are reported like a compiler's, one line each, naming the file::

    bad.json:3:5: error: Expecting ',' delimiter
    map.json: error: claims[1].text: expected a string, got a number
    map.json: error: r2: premise 'c9' is not a claim of the map
"""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from pathlib import Path
from typing import Any, Callable, Sequence

import argmap
from argmap import render  # light: graphviz itself is loaded only to draw
from argmap.errors import ArgmapError, FormatError, ParseError, ValidationError
from argmap.formats import format_for_path, formats

__all__ = ["main"]

PROG = "argmap"
#: Name used for standard input and output in messages.
STDIN = "<stdin>"
STDOUT = "<stdout>"
#: Excerpt lines longer than this are cut around the error's column.
EXCERPT_WIDTH = 120


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


# --------------------------------------------------------------------------
# Arguments


def _parser() -> argparse.ArgumentParser:
    names = [f.name for f in formats()]
    drawings = list(dict.fromkeys(render.FILE_FORMATS.values()))
    parser = argparse.ArgumentParser(
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

    sub = command("render", _render, "Draw a map with Graphviz (SVG, PNG, PDF or DOT).")
    sub.add_argument("map", metavar="MAP", help="the map file")
    sub.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="output file ('-' writes DOT, or Mermaid with --format mermaid, to standard output); "
        "default: MAP with the format's suffix",
    )
    sub.add_argument(
        "--format",
        choices=drawings,
        help="output format; default: from OUT's suffix, else svg",
    )
    sub.add_argument("--direction", choices=list(render.DIRECTIONS), help="which way the arrows point (default: up)")
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
    sub.add_argument("-o", "--output", metavar="OUT", help="the HTML file to write; default: MAP with .html")
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
    sub.add_argument(
        "--backend",
        default="auto",
        choices=_BACKENDS,
        help="the solver of a Dung semantics: python (built in), clingo (needs argmap[clingo]), "
        "or auto, the faster one installed (default: auto)",
    )
    sub.add_argument("--json", action="store_true", help="print the results as JSON")
    sub.add_argument("--explain", action="store_true", help="name the three claims each thesis hinges on")
    input_format(sub)
    return parser


# --------------------------------------------------------------------------
# Commands


def _render(args: argparse.Namespace) -> int:
    if args.output == "-" and args.format not in (None, "dot", "mermaid"):
        raise UsageError(f"'-o -' writes DOT text; --format {args.format} needs an output file")
    if args.output is None and args.map == "-":
        raise UsageError("reading '-' (standard input) needs -o OUT")
    suffix = "." + {"mermaid": "mmd"}.get(args.format or "svg", args.format or "svg")
    if args.output is None and Path(args.map).suffix.lower() == suffix:
        raise UsageError(f"the drawing would replace {args.map}; name the output with -o OUT")
    m = _load(args.map, args.from_)
    if m is None:
        return 1
    options: dict[str, Any] = {}
    if args.direction is not None:
        options["direction"] = args.direction
    if args.output == "-":
        text = render.to_mermaid if args.format == "mermaid" else render.to_dot
        return _guard(STDOUT, lambda: _write_text(text(m, **options)))
    if args.output is None:
        out = Path(args.map).with_suffix(suffix)
        fmt = args.format or "svg"
    else:
        out, fmt = Path(args.output), args.format
        if fmt is None and out.suffix.lower() not in render.FILE_FORMATS:
            known = ", ".join(f"{s} ({f})" for s, f in render.FILE_FORMATS.items())
            what = f"unknown file suffix {out.suffix!r}" if out.suffix else "no file suffix"
            _error(args.output, f"{what}; known suffixes: {known}; use --format NAME to choose one")
            return 1
    return _guard(str(out), lambda: print(f"wrote {render.render(m, out, format=fmt, **options)}"))


def _check(args: argparse.Namespace) -> int:
    status = 0
    progress = _Progress(len(args.maps))
    for i, path in enumerate(args.maps):
        progress.show(i, path)
        m = _load(path, args.from_)
        progress.clear()
        if m is None:
            status = 1
        else:
            if _fidelity(path, m, args) == 0:
                print(f"OK {path}: {_count(len(m.claims), 'claim')}, {_count(len(m.relations), 'relation')}")
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
        source = _guard_value(args.source, lambda: argmap.Source.from_file(args.source))
        if source is None:
            return 1
    strict = getattr(args, "strict", False)
    status = 0
    for problem in lint(m, source=source):
        error = strict or problem.code == "quote-missing"
        status |= error
        _print_err(f"{path}: {'error' if error else 'warning'}: {problem} [{problem.code}]")
    if source is not None:
        print(f"{path}: coverage of {args.source}: {coverage(m, source).summary()}")
    return status


def _report_command(args: argparse.Namespace) -> int:
    out = Path(args.output) if args.output else Path(args.map).with_suffix(".html")
    if args.map == "-" and not args.output:
        raise UsageError("reading '-' (standard input) needs -o OUT")
    if out.suffix.lower() == Path(args.map).suffix.lower() and not args.output:
        raise UsageError(f"the report would replace {args.map}; name the output with -o OUT")
    m = _load(args.map, args.from_)
    if m is None:
        return 1
    from argmap.report import write_report
    from argmap.source import coverage

    options: dict[str, Any] = {"diagram": not args.no_diagram}
    if args.direction is not None:
        options["direction"] = args.direction
    if args.semantics is not None:
        from argmap.semantics import evaluate

        options["evaluation"] = evaluate(m, args.semantics)

    def write() -> None:
        print(f"wrote {write_report(m, out, **options)}")
        if m.source is not None:
            print(f"coverage: {coverage(m).summary()}")

    return _guard(str(out), write)


_GRADUAL = ("df-quad", "quad", "euler", "quadratic-energy")
_SEMANTICS = _GRADUAL + ("grounded", "complete", "preferred", "stable", "semi-stable", "ideal")
_BACKENDS = ("auto", "python", "clingo")  # argmap.semantics.dung.BACKENDS, without importing it


def _eval(args: argparse.Namespace) -> int:
    m = _load(args.map, args.from_)
    if m is None:
        return 1
    from argmap.semantics.verdict import explain

    hinges = 3 if args.explain else 0
    result = _guard_value(args.map, lambda: explain(m, args.semantics, hinges=hinges, backend=args.backend))
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
    m = _load(args.map, args.from_)
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
    m = _load(args.input, args.from_)
    if m is None:
        return 1
    if args.output == "-":
        return _guard(STDOUT, lambda: _write_text(argmap.dumps(m, format=to)))
    return _guard(args.output, lambda: argmap.dump(m, args.output, format=to))


# --------------------------------------------------------------------------
# Helpers


def _load(path: str, format: str | None) -> argmap.ArgumentMap | None:
    """The map in *path*, or None after reporting why it cannot be read."""
    if path == "-":
        if format is None:
            raise UsageError("reading '-' (standard input) needs --from NAME")
        return _guard_value(STDIN, lambda: argmap.loads(sys.stdin.buffer.read(), format=format))
    if format is None and _suffix_format(path) is None:
        _error(path, _suffix_message(path, "--from"))
        return None
    return _guard_value(path, lambda: argmap.load(path, format=format))


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
            _print_err(excerpt)
    elif isinstance(err, FormatError):
        where = err.path or path
        _error(where, f"{err.where}: {err.msg}" if err.where else err.msg)
    elif isinstance(err, ValidationError):
        for problem in err.problems:
            _error(path, str(problem))
    elif isinstance(err, argmap.ExecutableNotFound):
        _print_err(f"{PROG}: error: {err}")
    else:
        message = str(err)
        if message.startswith(f"{path}: "):  # library messages may name the file
            message = message[len(path) + 2 :]
        _error(path, message)


def _excerpt(err: ParseError) -> str:
    """The caret excerpt, cut around the column when the line is long, with
    the caret lined up under tabs."""
    if not err.doc:
        return ""
    start = err.doc.rfind("\n", 0, err.pos) + 1
    end = err.doc.find("\n", err.pos)
    line = err.doc[start : end if end != -1 else len(err.doc)]
    col = err.pos - start
    if len(line) > EXCERPT_WIDTH:
        left = max(0, min(col - EXCERPT_WIDTH // 2, len(line) - EXCERPT_WIDTH))
        head = "..." if left else ""
        tail = "..." if left + EXCERPT_WIDTH < len(line) else ""
        line, col = head + line[left : left + EXCERPT_WIDTH] + tail, col - left + len(head)
    if not line.strip():
        return ""
    pad = "".join("\t" if ch == "\t" else " " for ch in line[:col])
    return f"{line}\n{pad}^"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _error(path: str, message: str) -> None:
    _print_err(f"{path}: error: {message}")


def _show_warning(message: Any, category: Any, filename: Any, lineno: Any, file: Any = None, line: Any = None) -> None:
    """A library warning (a lossy conversion) as one line."""
    _print_err(f"{PROG}: warning: {message}")


def _print_err(text: str) -> None:
    if _Progress.active is not None:
        _Progress.active.clear()
    sys.stdout.flush()  # keep the order of stdout and stderr lines
    print(text, file=sys.stderr)


def _write_text(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


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
