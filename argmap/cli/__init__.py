"""The ``argmap`` command: render, check, show and convert argument maps.

This package is the only part of argmap that prints or exits: ``_parser``
holds the arguments (their choices come from the format table and the
semantics' names), ``_commands`` the commands, ``_output`` the reading,
writing and error reporting they share.  :func:`main` takes
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

import sys
import warnings
from collections.abc import Sequence

from argmap.cli._output import (
    PROG,
    STDOUT,
    UsageError,
    _error,
    _print_err,
    _show_warning,
    _silence_stdout,
    _tolerant_streams,
)
from argmap.cli._parser import _parser, command_of, plain_render_arguments

TYPE_CHECKING = False  # (typing.TYPE_CHECKING, without importing typing)
if TYPE_CHECKING:
    from typing import Any

__all__ = ["main"]

#: Exit status of an internal error (sysexits.h's EX_SOFTWARE).
INTERNAL_ERROR = 70


def __getattr__(name: str) -> object:
    # The registries the options take their choices from, as the library
    # has them (tests compare them), loaded when asked for.
    if name in ("_BACKENDS", "_GRADUAL"):
        from argmap.semantics import BACKENDS, GRADUAL_SEMANTICS

        return BACKENDS if name == "_BACKENDS" else GRADUAL_SEMANTICS
    if name == "_TIMEOUT":
        from argmap.render._defaults import TIMEOUT

        return TIMEOUT
    msg = f"module 'argmap.cli' has no attribute {name!r}"
    raise AttributeError(msg)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``argmap`` command with *argv* (default ``sys.argv[1:]``) and
    return its exit status."""
    _tolerant_streams()
    if argv is None:
        argv = sys.argv[1:]
        _ends_the_process()
    tried = False
    if argv and argv[0] == "render":
        status, tried = _plain_render(argv)
        if status is not None:
            return status
    try:
        # Only the command that runs gets its arguments: --version and
        # --help load none of argmap's libraries.
        args = _parser(command_of(argv) or "").parse_args(argv)
    except SystemExit as e:  # argparse has printed the usage error, or --help
        return e.code if isinstance(e.code, int) else 2
    if tried:  # the map was not one to draw straight: not tried again
        args.straight = False
    status = _run(args)
    assert status is not None  # (only the straight drawing declines)
    return status


def _ends_the_process() -> None:
    """Run as the program (``argv`` None), the process ends when :func:`main`
    returns: the objects left then are not scanned again by the cyclic
    collector at exit (``gc.freeze()``, as the first exit handler).  Exit
    runs a full collection several times while it takes the modules apart,
    each over every object of every module loaded, to free memory the
    process is about to give back; what reference counting frees is freed
    as before, and Python never promises the ``__del__`` of what is left
    at exit."""
    import atexit
    import gc

    atexit.unregister(gc.freeze)  # (once, however often main runs)
    atexit.register(gc.freeze)


def _plain_render(argv: Sequence[str]) -> tuple[int | None, bool]:
    """The exit status of the usual drawing (a map to tree SVG), read without
    argparse and drawn straight, if it can be (else None, and the usual way
    runs), and whether the map was tried.  The modules it loads and the
    drawing make many objects and no cycles to collect: the cyclic collector
    waits (and what stays is promoted, so that it is not scanned again)."""
    from argmap._gc import paused

    with paused(promote=True):
        plain = plain_render_arguments(argv)
        if plain is None:
            return None, False
        from argmap.cli._commands import _render_straight

        plain.run = _render_straight
        return _run(plain), True


def _run(args: Any) -> int | None:
    """The exit status of the command that *args* name, run, any error
    reported (None: the straight drawing declined, see
    :func:`argmap.cli._commands._render_straight`)."""
    try:
        try:
            with warnings.catch_warnings():
                warnings.showwarning = _show_warning
                status: int | None = args.run(args)
        except UsageError as e:
            args.subparser.error(str(e))  # prints the usage, exits 2
        sys.stdout.flush()  # a closed pipe shows up here, not at exit
        return status
    except SystemExit as e:
        return e.code if isinstance(e.code, int) else 2
    except KeyboardInterrupt:
        return 130
    except Exception as e:
        from argmap.errors import ArgmapError

        if not isinstance(e, MemoryError) or isinstance(e, ArgmapError):
            return _failed(e)
    # Out of memory in a step that no file's guard held: not a bug, the
    # input's error (reported once the error and what it held are let go).
    from argmap.cli._output import _out_of_memory, _report

    path = getattr(args, "map", None)
    if not isinstance(path, str) or path == "-":
        path = None
    _report(path or PROG, _out_of_memory(path or PROG, sized=path is not None))
    return 1


def _failed(e: Exception) -> int:
    """The exit status of a command that raised *e*, reported."""
    from argmap.errors import ArgmapError

    if isinstance(e, BrokenPipeError):
        _silence_stdout()
        return 141  # like a program killed by SIGPIPE
    if isinstance(e, OSError):  # files are guarded where they are written: this is a message on stdout
        import contextlib  # (not at every start of the command)

        _silence_stdout()
        with contextlib.suppress(OSError):
            _error(STDOUT, f"cannot write: {e.strerror or e}")
        return 1
    if isinstance(e, ArgmapError):  # a command that did not guard a step: still bad input
        _print_err(f"{PROG}: error: {e}")
        return 1
    # a bug: one line, never a traceback
    _print_err(f"{PROG}: internal error: {type(e).__name__}: {e} (please report this)")
    return INTERNAL_ERROR
