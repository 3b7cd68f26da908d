"""The command's arguments: one parser, its choices taken from the
registries (the format table, the semantics' names, the renderer's output
formats), never from lists of its own.

Building it loads only what the command that runs needs: every command is
listed (``argmap --help``), but only the one named on the command line gets
its arguments, and a registry it does not need to start (the semantics'
names, say) is read when an argument is checked or the help is shown
(:class:`_Names`).  ``argmap --version`` loads none of argmap's libraries.
"""

from __future__ import annotations

from collections.abc import Container, Sequence
from types import SimpleNamespace

import argmap
from argmap.cli._output import PROG

TYPE_CHECKING = False  # (typing.TYPE_CHECKING: ``argmap --version`` loads no typing)
if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable, Iterator
    from typing import Any

#: Each command: its name and its one-line help, in the order ``--help`` lists them.
COMMANDS = {
    "render": "Draw a map with Graphviz (SVG, PNG, PDF or DOT).",
    "check": "Load and validate map files.",
    "show": "Print a map as an indented text tree.",
    "convert": "Convert a map file from one format to another (or many, with -d OUTDIR).",
    "report": "Write the article beside its map as one offline HTML page.",
    "draft": "Start an Argdown map of an article: every sentence as a statement quoting it.",
    "eval": "Evaluate a map: how well does each thesis stand, and on what does it hinge?",
    "stats": "Count claims, relations, roles, depth ... of map files, and their totals.",
    "compare": "Compare a candidate map with a reference map of the same text.",
}

#: The command's default time limit on an evaluation, in seconds (the library's is none):
#: a hostile map must not keep the command busy for ever.
_TIME_LIMIT = 300.0


class _Names(Sequence[str]):
    """The names a registry gives (``argmap.semantics``' semantics, say),
    read the first time they are needed: when an argument is checked
    against them, or the help lists them (as ``%(choices)s``)."""

    def __init__(self, load: Callable[[], Sequence[str]]) -> None:
        self._load = load
        self._names: tuple[str, ...] | None = None

    def _get(self) -> tuple[str, ...]:
        if self._names is None:
            self._names = tuple(self._load())
        return self._names

    def __getitem__(self, i: Any) -> Any:
        return self._get()[i]

    def __len__(self) -> int:
        return len(self._get())

    def __contains__(self, name: object) -> bool:
        return name in self._get()

    def __iter__(self) -> Iterator[str]:
        return iter(self._get())


class _Late:
    """A value shown in the help (``%(library_default)s``), read when the
    help is shown."""

    def __init__(self, load: Callable[[], object]) -> None:
        self._load = load

    def __str__(self) -> str:
        return str(self._load())


def _gradual() -> tuple[str, ...]:
    from argmap.semantics import GRADUAL_SEMANTICS

    return GRADUAL_SEMANTICS


def _all_semantics() -> tuple[str, ...]:
    from argmap.semantics import DUNG_SEMANTICS, GRADUAL_SEMANTICS

    return GRADUAL_SEMANTICS + DUNG_SEMANTICS


def _backends() -> tuple[str, ...]:
    from argmap.semantics import BACKENDS

    return BACKENDS


def _max_arguments() -> str:
    from argmap.formats.iccma import MAX_ARGUMENTS

    return f"{MAX_ARGUMENTS:,}"


def _max_extensions() -> int:
    from argmap.semantics import DEFAULT_MAX_EXTENSIONS

    return DEFAULT_MAX_EXTENSIONS


#: The semantics each command accepts: the gradual ones draw a strength
#: (``report``), the Dung ones a label too (``eval``, ``render``).
_GRADUAL = _Names(_gradual)
_SEMANTICS = _Names(_all_semantics)
_BACKENDS = _Names(_backends)


def command_of(argv: Sequence[str]) -> str | None:
    """The command that *argv* names (its first argument that is not an
    option: the top level has only ``--help`` and ``--version``), if any."""
    return next((a for a in argv if not a.startswith("-")), None)


#: The options of ``argmap render`` that :func:`plain_render_arguments`
#: reads (each with a value), and where argparse stores them.
_PLAIN_RENDER_OPTIONS = {
    "-o": "output",
    "--output": "output",
    "--format": "format",
    "--direction": "direction",
    "--layout": "layout",
}


def plain_render_arguments(argv: Sequence[str]) -> SimpleNamespace | None:
    """The arguments of the usual drawing, ``argmap render MAP`` with at
    most ``-o/--output OUT``, ``--format svg``, ``--direction D`` and
    ``--layout L`` (each once, as separate words, every value one that
    argparse accepts), read without argparse, as argparse reads them: the
    command's straight path (``_commands._render_straight``) starts without
    loading argparse, gettext and locale.  None for any other command line
    (an option in one word, an abbreviation, ``--``, a word that starts
    with ``-`` or is empty ...): argparse reads it, and reports what is
    wrong."""
    if not argv or argv[0] != "render":
        return None
    from argmap.formats import MAX_BYTES
    from argmap.render._shared import DIRECTIONS
    from argmap.render.layout import LAYOUTS

    choices: dict[str, Container[str]] = {"format": ("svg",), "direction": DIRECTIONS, "layout": LAYOUTS}
    values: dict[str, str | None] = {"map": None, "output": None, "format": None, "direction": None, "layout": "auto"}
    given = set()
    i, n = 1, len(argv)
    while i < n:
        word = argv[i]
        if word[:1] not in ("", "-"):
            dest, value = "map", word
            i += 1
        else:
            dest = _PLAIN_RENDER_OPTIONS.get(word, "")
            value = argv[i + 1] if i + 1 < n else ""
            if not dest or value[:1] in ("", "-") or value not in choices.get(dest, (value,)):
                return None
            i += 2
        if dest in given:
            return None
        given.add(dest)
        values[dest] = value
    if values["map"] is None:
        return None
    return SimpleNamespace(**values, from_=None, max_bytes=MAX_BYTES, max_arguments=None, semantics=None, watch=False)


def _parser(command: str | None = None) -> argparse.ArgumentParser:
    """The ``argmap`` command's parser.  Every command is listed; *command*
    alone gets its arguments when it is given (``""``: none does), every
    command when it is None."""
    from argmap.cli._argparse import ArgumentParser

    parser = ArgumentParser(
        prog=PROG,
        description="Render, check, show and convert argument maps.",
        epilog="Exit status: 0 success, 1 bad input, 2 usage error.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {argmap.__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)
    for name, help in COMMANDS.items():
        sub = commands.add_parser(name, help=help, description=help)
        if command is None or command == name:
            _ARGUMENTS[name](sub)
            sub.set_defaults(subparser=sub)
    return parser


def _runs(sub: argparse.ArgumentParser, name: str) -> None:
    """Make *sub* run ``_commands.<name>``, looked up when it runs."""
    from argmap.cli import _commands

    sub.set_defaults(run=getattr(_commands, name))


def _input_format(sub: argparse.ArgumentParser) -> None:
    from argmap.formats import MAX_BYTES, formats

    names = [f.name for f in formats()]
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
    # (None: the reader's default, iccma.MAX_ARGUMENTS, which the help shows, read only then)
    action = sub.add_argument(
        "--max-arguments",
        metavar="N",
        type=_positive(int),
        help="refuse an i23 framework whose header declares more than N arguments "
        "(default: %(library_default)s, about 300 MB of map)",
    )
    vars(action)["library_default"] = _Late(_max_arguments)  # (the help may name any attribute of its action)


def _render_arguments(sub: argparse.ArgumentParser) -> None:
    from argmap.render._defaults import TIMEOUT
    from argmap.render._shared import DIRECTIONS
    from argmap.render.layout import LAYOUTS
    from argmap.render.output import FILE_FORMATS

    _runs(sub, "_render")
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
        choices=list(dict.fromkeys(FILE_FORMATS.values())),
        help="output format; default: from OUT's suffix, else svg",
    )
    sub.add_argument("--direction", choices=list(DIRECTIONS), help="which way the arrows point (default: up)")
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
        default=TIMEOUT,
        help=f"stop Graphviz's dot after this many seconds (default: {TIMEOUT:g}; 0 or none: no limit)",
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
        help="evaluate the map and draw each claim's result (%(choices)s)",
    )
    _evaluation_options(sub)
    _watch_option(sub)
    _input_format(sub)


def _check_arguments(sub: argparse.ArgumentParser) -> None:
    _runs(sub, "_check")
    sub.add_argument("maps", nargs="+", metavar="MAP", help="map files")
    jobs_option(sub)
    _input_format(sub)
    _fidelity_options(sub)


def _show_arguments(sub: argparse.ArgumentParser) -> None:
    _runs(sub, "_show")
    sub.add_argument("map", metavar="MAP", help="the map file ('-' reads standard input, with --from)")
    _input_format(sub)


def _convert_arguments(sub: argparse.ArgumentParser) -> None:
    from argmap.formats import formats

    _runs(sub, "_convert")
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
    _input_format(sub)
    names = [f.name for f in formats()]
    sub.add_argument(
        "-t",
        "--to",
        metavar="NAME",
        choices=names,
        help=f"output format ({', '.join(names)}); default: from OUT's suffix",
    )


def _report_arguments(sub: argparse.ArgumentParser) -> None:
    from argmap.render._shared import DIRECTIONS

    _runs(sub, "_report_command")
    sub.add_argument("map", metavar="MAP", help="the map file")
    sub.add_argument(
        "-o", "--output", metavar="OUT", help="the HTML file to write ('-': standard output); default: MAP with .html"
    )
    sub.add_argument("--direction", choices=list(DIRECTIONS), help="which way the diagram's arrows point")
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
        help="evaluate the map and show each claim's strength (%(choices)s)",
    )
    _watch_option(sub)
    _input_format(sub)


def _draft_arguments(sub: argparse.ArgumentParser) -> None:
    from argmap.formats import MAX_BYTES

    _runs(sub, "_draft")
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


def _eval_arguments(sub: argparse.ArgumentParser) -> None:
    _runs(sub, "_eval")
    sub.add_argument("map", metavar="MAP", help="the map file ('-' reads standard input, with --from)")
    sub.add_argument(
        "--semantics",
        metavar="NAME",
        default="df-quad",
        choices=_SEMANTICS,
        help="%(choices)s (default: df-quad)",
    )
    _evaluation_options(sub)
    sub.add_argument("--json", action="store_true", help="print the results as JSON")
    sub.add_argument("--explain", action="store_true", help="name the three claims each thesis hinges on")
    _input_format(sub)


def _stats_arguments(sub: argparse.ArgumentParser) -> None:
    # Research: statistics and map comparison (handlers in _analysis.py,
    # which loads argmap.analysis only when one of them runs).
    from argmap.cli._analysis import add_stats

    add_stats(sub, _input_format)


def _compare_arguments(sub: argparse.ArgumentParser) -> None:
    from argmap.cli._analysis import add_compare

    add_compare(sub, _input_format, _SEMANTICS)


#: Each command -> the function that adds its arguments.
_ARGUMENTS: dict[str, Callable[[argparse.ArgumentParser], None]] = {
    "render": _render_arguments,
    "check": _check_arguments,
    "show": _show_arguments,
    "convert": _convert_arguments,
    "report": _report_arguments,
    "draft": _draft_arguments,
    "eval": _eval_arguments,
    "stats": _stats_arguments,
    "compare": _compare_arguments,
}


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
        metavar="NAME",  # (not the choices: they are read only when checked, see _Names)
        default="auto",
        choices=_BACKENDS,
        help="the solver of a Dung semantics: python (built in), clingo (needs argmap[clingo]), "
        "or auto, the faster one installed (default: auto)",
    )
    # (None: the library's default, argmap.semantics.DEFAULT_MAX_EXTENSIONS,
    # which the help shows, read only then)
    action = sub.add_argument(
        "--max-extensions",
        metavar="N",
        type=_positive(int),
        help="stop a Dung semantics with an error past N extensions (default: %(library_default)s)",
    )
    vars(action)["library_default"] = _Late(_max_extensions)  # (the help may name any attribute of its action)
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
            from argparse import ArgumentTypeError

            raise ArgumentTypeError(f"expected a positive {'whole ' if kind is int else ''}number, not {text!r}")
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
        from argparse import ArgumentTypeError

        raise ArgumentTypeError(f"expected a whole number of bytes or 'none', got {text!r}")
    return n


def _pixels(text: str) -> float:
    """--min-text-px's value: pixels >= 0."""
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not value >= 0 or value == float("inf"):  # also NaN
        from argparse import ArgumentTypeError

        raise ArgumentTypeError(f"expected a number of pixels >= 0, got {text!r}")
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
        from argparse import ArgumentTypeError

        raise ArgumentTypeError(f"expected a number of seconds >= 0 or 'none', got {text!r}")
    return value
