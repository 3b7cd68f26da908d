"""The command's arguments: one parser, its choices taken from the
registries (the format table, the semantics' names, the renderer's output
formats), never from lists of its own."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

import argmap
from argmap import render
from argmap.cli import _commands
from argmap.cli._output import PROG
from argmap.errors import escape
from argmap.formats import MAX_BYTES, formats
from argmap.render.backend import TIMEOUT
from argmap.render.layout import LAYOUTS
from argmap.semantics import BACKENDS, DEFAULT_MAX_EXTENSIONS, DUNG_SEMANTICS, GRADUAL_SEMANTICS

#: The semantics each command accepts: the gradual ones draw a strength
#: (``report``), the Dung ones a label too (``eval``, ``render``).
_GRADUAL = GRADUAL_SEMANTICS
_SEMANTICS = GRADUAL_SEMANTICS + DUNG_SEMANTICS
_BACKENDS = BACKENDS
_MAX_EXTENSIONS = DEFAULT_MAX_EXTENSIONS
#: dot's default time limit, in seconds.
_TIMEOUT = TIMEOUT
#: The command's default time limit on an evaluation, in seconds (the library's is none):
#: a hostile map must not keep the command busy for ever.
_TIME_LIMIT = 300.0


class _ArgumentParser(argparse.ArgumentParser):
    """argparse, with its error messages (which quote the arguments) escaped."""

    def error(self, message: str) -> Any:  # NoReturn
        super().error(escape(message))


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

    sub = command("render", _commands._render, "Draw a map with Graphviz (SVG, PNG, PDF or DOT).")
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
        "--layout",
        choices=LAYOUTS,
        default="auto",
        help="who lays out an SVG: Graphviz's dot, argmap's own tree layout (fast at any size, SVG only), "
        "or auto (default: dot up to 1,000 claims when installed, else tree)",
    )
    sub.add_argument(
        "--timeout",
        metavar="SECONDS",
        type=_seconds,
        default=_TIMEOUT,
        help=f"stop Graphviz's dot after this many seconds (default: {_TIMEOUT:g}; 0 or none: no limit)",
    )
    sub.add_argument(
        "--min-text-px",
        metavar="PIXELS",
        type=_pixels,
        default=8.0,
        help="refuse a PNG or PDF so large that, scaled to fit, its text would be smaller than this (default: 8; 0: any size)",
    )
    sub.add_argument(
        "--semantics",
        metavar="NAME",
        choices=_SEMANTICS,
        help=f"evaluate the map and draw each claim's result ({', '.join(_SEMANTICS)})",
    )
    _evaluation_options(sub)
    _watch_option(sub)
    input_format(sub)

    sub = command("check", _commands._check, "Load and validate map files.")
    sub.add_argument("maps", nargs="+", metavar="MAP", help="map files")
    input_format(sub)
    _fidelity_options(sub)

    sub = command("show", _commands._show, "Print a map as an indented text tree.")
    sub.add_argument("map", metavar="MAP", help="the map file ('-' reads standard input, with --from)")
    input_format(sub)

    sub = command(
        "convert", _commands._convert, "Convert a map file from one format to another (or many, with -d OUTDIR)."
    )
    sub.add_argument(
        "paths",
        nargs="+",
        metavar="IN OUT | IN...",
        help="the map file and the file to write ('-': standard input or output); with -d, the map files to convert",
    )
    sub.add_argument(
        "-d",
        "--output-dir",
        metavar="OUTDIR",
        help="write each IN to this folder, named as IN with the -t format's suffix; "
        "a file that fails is reported and the rest still converted",
    )
    jobs_option(sub)
    input_format(sub)
    sub.add_argument(
        "-t",
        "--to",
        metavar="NAME",
        choices=names,
        help=f"output format ({', '.join(names)}); default: from OUT's suffix",
    )

    sub = command("report", _commands._report_command, "Write the article beside its map as one offline HTML page.")
    sub.add_argument("map", metavar="MAP", help="the map file")
    sub.add_argument(
        "-o", "--output", metavar="OUT", help="the HTML file to write ('-': standard output); default: MAP with .html"
    )
    sub.add_argument("--direction", choices=list(render.DIRECTIONS), help="which way the diagram's arrows point")
    sub.add_argument("--no-diagram", action="store_true", help="show the map as a text tree, not a drawing")
    sub.add_argument(
        "--source",
        metavar="ARTICLE",
        help="the article (UTF-8) whose words the map quotes: its quotes are located in it",
    )
    sub.add_argument(
        "--semantics",
        metavar="NAME",
        choices=_GRADUAL,
        help=f"evaluate the map and show each claim's strength ({', '.join(_GRADUAL)})",
    )
    _watch_option(sub)
    input_format(sub)

    sub = command(
        "draft", _commands._draft, "Start an Argdown map of an article: every sentence as a statement quoting it."
    )
    sub.add_argument("article", metavar="ARTICLE", help="the article (a UTF-8 text file)")
    sub.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="the Argdown file to write ('-': standard output); default: ARTICLE with .argdown",
    )
    sub.add_argument("--title", help="the map's title (default: the article's file name)")
    sub.add_argument(
        "--max-bytes",
        metavar="N",
        type=_max_bytes,
        default=MAX_BYTES,
        help=f"refuse an article larger than N bytes (default: {MAX_BYTES}, 512 MiB; 'none': no limit)",
    )

    sub = command(
        "eval", _commands._eval, "Evaluate a map: how well does each thesis stand, and on what does it hinge?"
    )
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

    # Research: statistics and map comparison (handlers in _analysis.py,
    # which loads argmap.analysis only when one of them runs).
    from argmap.cli._analysis import add_commands

    add_commands(command, input_format, _SEMANTICS)
    return parser


def _watch_option(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "--watch",
        action="store_true",
        help="write again whenever MAP (or the article it names) changes, until Ctrl-C",
    )


def _fidelity_options(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "--source",
        metavar="ARTICLE",
        help="check the quotes against this text file (UTF-8) and report its coverage",
    )
    sub.add_argument("--strict", action="store_true", help="treat lint warnings as errors")


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


def jobs_option(sub: argparse.ArgumentParser) -> None:
    """Add ``-j/--jobs N`` to a command over many files."""
    sub.add_argument(
        "-j",
        "--jobs",
        metavar="N",
        type=_positive(int),
        default=1,
        help="work on the files in N processes (default: 1; few or small files are done in one, "
        "where starting processes would cost more than they save)",
    )


def _positive(kind: type, *, none: bool = False) -> Callable[[str], Any]:
    def parse(text: str) -> Any:
        if none and text.strip().lower() == "none":
            return None
        try:
            value = kind(text)
        except ValueError:
            value = None
        if value is None or not value > 0 or value != value or value == float("inf"):
            raise argparse.ArgumentTypeError(
                f"expected a positive {'whole ' if kind is int else ''}number, not {text!r}"
            )
        return value

    parse.__name__ = kind.__name__  # (argparse names the type in its messages)
    return parse


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


def _pixels(text: str) -> float:
    """--min-text-px's value: pixels >= 0."""
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not value >= 0 or value == float("inf"):  # also NaN
        raise argparse.ArgumentTypeError(f"expected a number of pixels >= 0, got {text!r}")
    return value


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
