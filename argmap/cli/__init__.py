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

import contextlib
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
from argmap.cli._parser import _BACKENDS as _BACKENDS  # (tests compare them with the library's)
from argmap.cli._parser import _GRADUAL as _GRADUAL
from argmap.cli._parser import _TIMEOUT as _TIMEOUT
from argmap.cli._parser import _parser
from argmap.errors import ArgmapError

__all__ = ["main"]

#: Exit status of an internal error (sysexits.h's EX_SOFTWARE).
INTERNAL_ERROR = 70


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
                status: int = args.run(args)
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
