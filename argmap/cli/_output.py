"""The command's input and output: loading maps, writing files and
standard output, and reporting errors like a compiler, every line of it
:func:`~argmap.errors.escape`'d."""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # (typing.TYPE_CHECKING: ``argmap --version`` loads no typing)
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from typing import Any, TypeVar

    import argmap
    from argmap.errors import ArgmapError, ParseError

    T = TypeVar("T")

# argmap's modules (the errors, the format table, the file writer) are
# imported where they are used: ``argmap --version`` needs none of them.

PROG = "argmap"
#: Name used for standard input and output in messages.
STDIN = "<stdin>"
STDOUT = "<stdout>"
#: Excerpt lines longer than this are cut around the error's column.
EXCERPT_WIDTH = 120


class UsageError(Exception):
    """A combination of arguments argparse cannot check (exit status 2).

    A control-flow signal of the command, not an error of the library:
    :func:`argmap.cli.main` catches it, prints the command's usage with the
    message and returns 2, so it never reaches a caller (which is why it is
    not an :class:`~argmap.errors.ArgmapError`, and lives here).
    """


def _load(
    path: str, format: str | None, max_bytes: int | None, max_arguments: int | None = None
) -> argmap.ArgumentMap | None:
    """The map in *path*, or None after reporting why it cannot be read
    (see :func:`_read_map` for *max_arguments*)."""
    import argmap

    if path == "-":
        if format is None:
            raise UsageError("reading '-' (standard input) needs --from NAME")
        if format == "i23" and max_arguments is not None:
            from argmap.formats import iccma

            limit = max_arguments
            return _guard_value(
                STDIN,
                lambda: _reading(
                    STDIN, format, lambda: iccma.loads(_read_stdin(max_bytes), dialect="i23", max_arguments=limit)
                ),
            )
        return _guard_value(
            STDIN,
            lambda: _reading(
                STDIN, format, lambda: argmap.loads(_read_stdin(max_bytes), format=format, max_bytes=None)
            ),
        )
    if format is None and _suffix_format(path) is None:
        _error(path, _suffix_message(path, "--from"))
        return None
    return _guard_value(path, lambda: _read_map(path, format, max_bytes, max_arguments))


def _read_map(
    path: str, format: str | None, max_bytes: int | None, max_arguments: int | None = None
) -> argmap.ArgumentMap:
    """:func:`argmap.load` of *path*; an ``i23`` file read with at most
    *max_arguments* arguments (``--max-arguments``; None: the reader's
    default, :data:`argmap.formats.iccma.MAX_ARGUMENTS`).  A module's
    function: what a worker process runs (``-j``) reads with it too."""
    if max_arguments is not None and (format or _suffix_format(path)) == "i23":
        from argmap.formats import iccma

        limit = max_arguments
        return _reading(path, format, lambda: iccma.load(path, dialect="i23", max_bytes=max_bytes, max_arguments=limit))
    import argmap

    return _reading(path, format, lambda: argmap.load(path, format=format, max_bytes=max_bytes))


def _reading(path: str, format: str | None, read: Callable[[], T]) -> T:
    """What *read* (of *path*, in *format* or the one its suffix names)
    returns; running out of memory is the file's OutOfMemoryError, which
    names the limit of that format (an i23 header can ask for much memory
    in a few bytes, whatever the file's name)."""
    try:
        return read()
    except MemoryError:
        pass  # (reported once the error, and all its frames held, are let go)
    raise _out_of_memory(path, format=format)


def _per_file(path: str, work: Callable[[], T]) -> T | ArgmapError:
    """What *work* (on the file *path*) returns, or the ArgmapError that
    stopped it, returned: running out of memory is the file's
    :class:`~argmap.errors.OutOfMemoryError` (the others of a batch are still
    done).  What a worker process (``-j``) runs on each file."""
    from argmap.errors import ArgmapError

    try:
        return work()
    except ArgmapError as e:
        return e
    except MemoryError:
        pass  # (reported once the error, and all its frames held, are let go)
    return _out_of_memory(path)


def _out_of_memory(path: str, *, sized: bool = True, format: str | None = None) -> ArgmapError:
    """The OutOfMemoryError of a step on *path* (after collecting what the
    step left in reference cycles), with the file's size when it is one
    (and *sized*), naming the limit of *format* (default: the one the
    suffix of *path* names, when *sized*)."""
    import gc
    import stat

    from argmap.errors import OutOfMemoryError

    gc.collect()
    size = None
    if sized and path not in (STDIN, STDOUT, "-"):
        try:
            st = os.stat(path)
        except (OSError, ValueError):
            pass
        else:
            size = st.st_size if stat.S_ISREG(st.st_mode) else None
    # (an i23 header can ask for much memory in a few bytes)
    limit = "max_arguments" if (format or (sized and _suffix_format(path))) == "i23" else "max_bytes"
    return OutOfMemoryError(path=path, size=size, limit=limit)


def _read_stdin(max_bytes: int | None) -> bytes:
    """Standard input, at most *max_bytes* of it (a LimitError past that)."""
    from argmap.formats import _read_limited

    stream = sys.stdin.buffer
    return stream.read() if max_bytes is None else _read_limited(stream, max_bytes)


def _suffix_format(path: str) -> str | None:
    from argmap.errors import FormatError
    from argmap.formats import format_for_path

    try:
        return format_for_path(path).name
    except FormatError:
        return None


def _suffix_message(path: str, option: str) -> str:
    from argmap.formats import formats

    suffix = os.path.splitext(path)[1]
    known = ", ".join(f"{s} ({f.name})" for f in formats() for s in f.suffixes)
    what = f"unknown file suffix {suffix!r}" if suffix else "no file suffix"
    return f"{what}; known suffixes: {known}; use {option} NAME to choose a format"


def _write_output(path: str, data: bytes | Iterable[bytes], *, quiet: bool = False) -> int:
    """Write *data* (bytes, or pieces of bytes in order: see
    :func:`argmap._files.encoded`) to the file *path* or, for '-', to
    standard output; say
    which file was written unless *quiet*, or the output is written through
    (standard output, a device, a FIFO).  Returns the exit status."""
    from argmap import _files

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


def _guard_value(path: str, action: Callable[[], T]) -> T | None:
    """What *action* returns, or None after reporting its ArgmapError or
    OSError against *path*; running out of memory is reported as *path*'s
    error too (:class:`~argmap.errors.OutOfMemoryError`), never as a bug."""
    from argmap.errors import ArgmapError

    try:
        return action()
    except ArgmapError as e:
        _report(path, e)
        return None
    except BrokenPipeError:
        raise
    except OSError as e:
        name = e.filename if e.filename is not None else path
        _error(os.fsdecode(name), e.strerror or str(e))
        return None
    except MemoryError:
        pass  # not a bug: the file's error (reported once the memory is let go)
    _report(path, _out_of_memory(path))
    return None


def _report(path: str, err: ArgmapError) -> None:
    """Print *err* like a compiler, located in *path* unless it names a file."""
    from argmap.errors import ExecutableNotFound, FormatError, ParseError, ValidationError, WriteError, escape

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
    elif isinstance(err, ExecutableNotFound):
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
    from argmap.errors import excerpt

    return excerpt(err.doc, err.pos, width=EXCERPT_WIDTH, skip_blank=True)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _error(path: str, message: str) -> None:
    _print_err(f"{path}: error: {message}")


def _name(path: Any) -> str:
    """A file name as the CLI prints it on standard output: escaped, like
    everything on standard error (see _print_err)."""
    from argmap.errors import escape

    return escape(path)


def _show_warning(message: Any, category: Any, filename: Any, lineno: Any, file: Any = None, line: Any = None) -> None:
    """A library warning (a lossy conversion) as one line."""
    _print_err(f"{PROG}: warning: {message}")


def _print_err(text: str) -> None:
    """Print one line on standard error, escaped: a control character in a
    file name, id or text from input shows as ``\\x1b``, ``\\n`` ...,
    never reaches the terminal."""
    from argmap.errors import escape

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
        from argmap.errors import WriteError

        raise WriteError(e.strerror or str(e), path=STDOUT) from e


def _tolerant_streams() -> None:
    # A map's text may not fit the terminal's encoding: never fail on output.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        try:
            if stream.errors == "strict" and reconfigure is not None:
                reconfigure(errors="backslashreplace")
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

    def done(self, status: int, failed: list[str] | None = None, verb: str = "checked") -> None:
        """Clear the bar; with several files of which some *failed*, say on
        standard error how many and which (terminal or not), after each
        file's own errors."""
        self.clear()
        if failed and self.total > 1:
            from argmap.errors import escape

            shown = ", ".join(escape(p) for p in failed[:_LISTED])
            more = f" and {len(failed) - _LISTED} more" if len(failed) > _LISTED else ""
            _print_err(f"{PROG}: {len(failed)} of {self.total} files failed: {shown}{more}")
        elif self.enabled:
            sys.stderr.write(f"{verb} {self.total} files{'' if status == 0 else ' (some have errors)'}\n")


#: How many failed files the summary names.
_LISTED = 10
