"""Safe output: whole files or nothing, and never a device replaced by a file.

:func:`write_output` is the one way argmap writes bytes that a user named:
``"-"`` is standard output, a path to something that is not a regular file
(a device such as ``/dev/null``, a FIFO, ``/dev/stdout`` or a symbolic link
to one of them) is written through, and a regular file, or a new one, is
replaced atomically by :func:`atomic_write`.  Every failure is a
:class:`~argmap.errors.WriteError` naming the path.

:func:`signals_raise` turns SIGTERM (and SIGHUP, and SIGINT where Python's
own handler is not installed) into an exception for the duration of a
``with`` block, so that the block can clean up (a temporary file, a child
process) before the signal takes its usual effect.

>>> import os, tempfile
>>> folder = tempfile.mkdtemp()
>>> path = os.path.join(folder, "out.txt")
>>> write_output(path, b"hello\\n")
>>> open(path, "rb").read()
b'hello\\n'
>>> write_output(os.devnull, b"into the void")  # written through, still a device
>>> write_output(folder, b"x")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
argmap.errors.WriteError: cannot write /...: Is a directory
"""

from __future__ import annotations

import errno
import os
import signal
import stat
import sys
from collections.abc import Iterable, Iterator
from os import PathLike

from argmap.errors import WriteError

TYPE_CHECKING = False  # (typing.TYPE_CHECKING, without importing typing)
if TYPE_CHECKING:  # (every command that writes loads this module, and not typing)
    from typing import IO

__all__ = ["STDOUT", "atomic_write", "encoded", "signals_raise", "write_output", "writes_through"]

StrPath = str | PathLike[str]
#: What is written: bytes, or pieces of them written one after another.
Data = bytes | Iterable[bytes]

#: The characters :func:`encoded` encodes at a time.
_CHUNK = 1 << 20

#: How :func:`write_output` names standard output in its errors.
STDOUT = "<stdout>"

#: Signals that :func:`signals_raise` turns into an exception where their
#: action is the default one.
_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGINT") if hasattr(signal, name))

#: Path prefixes whose names stand for a file descriptor already open in the
#: process (``/dev/stdout`` -> ``/proc/self/fd/1``): written through, never
#: replaced, whatever the descriptor points to.
_FD_ALIASES = ("/dev/stdin", "/dev/stdout", "/dev/stderr")
_FD_FOLDERS = ("/dev/fd/", "/proc/")


# --------------------------------------------------------------------------
# Writing


def encoded(text: str | list[str]) -> Iterator[bytes]:
    """*text* (or the pieces it is made of, in order) as UTF-8, a megabyte
    or so at a time: for :func:`write_output`, so that a large output is
    never held twice more (once joined, once encoded).

    >>> b"".join(encoded(["a", "é" * 3])) == "aééé".encode()
    True
    """
    if isinstance(text, str):
        for start in range(0, len(text), _CHUNK):
            yield text[start : start + _CHUNK].encode("utf-8")
        return
    piece: list[str] = []
    size = 0
    for part in text:
        piece.append(part)
        size += len(part)
        if size >= _CHUNK:
            yield "".join(piece).encode("utf-8")
            piece.clear()
            size = 0
    if size:
        yield "".join(piece).encode("utf-8")


def write_output(path: StrPath, data: Data, *, stdout: IO[bytes] | None = None) -> None:
    """Write *data* (bytes, or pieces of bytes in order) to *path*, where
    ``"-"`` means standard output.

    A regular file (or a new one) is replaced atomically (see
    :func:`atomic_write`); anything else that exists (a device, a FIFO,
    ``/dev/stdout``, a symbolic link to one of them) is opened and written
    through, so it stays what it is.  *stdout* is the binary stream ``"-"``
    stands for (default: ``sys.stdout.buffer``, after flushing
    ``sys.stdout``).

    Raises :class:`~argmap.errors.WriteError` naming *path* (or ``<stdout>``)
    when the bytes cannot be written; a closed pipe on standard output stays
    a :class:`BrokenPipeError`, which a command treats as a quiet end.
    """
    if not isinstance(path, PathLike) and path == "-":
        _write_stream(data, stdout)
    else:
        atomic_write(path, data)


def writes_through(path: StrPath) -> bool:
    """Whether :func:`write_output` writes *path* through rather than
    replacing it: ``"-"``, a device, a FIFO, ``/dev/stdout`` or a link to one.

    >>> writes_through("-"), writes_through(os.devnull), writes_through("no/such/file.txt")
    (True, True, False)
    """
    if not isinstance(path, PathLike) and path == "-":
        return True
    name = os.fspath(path)
    try:
        st = os.stat(name)
    except (OSError, ValueError):
        return False
    return not stat.S_ISREG(st.st_mode) or _is_fd_alias(name)


def atomic_write(path: StrPath, data: Data) -> None:
    """Write *data* (bytes, or pieces of bytes in order) to *path* so that
    it holds either its old content or all of *data*.

    A regular file, or a new one, is written through a temporary file in the
    same folder (``.argmap-*.tmp``), flushed to disk, and renamed over *path*
    (the folder is flushed after, where the system allows it).  A new file
    gets the permissions the umask allows; a replaced file keeps its own
    (and its owner, where the process may set it).  A symbolic link is
    written through and stays a link.

    Anything that is not a regular file (a device, a FIFO, ``/dev/stdout``)
    is never replaced: it is opened and *data* written into it.

    The temporary file is removed on any error, on Ctrl-C and on SIGTERM
    (see :func:`signals_raise`).  Raises :class:`~argmap.errors.WriteError`
    naming *path*.
    """
    name = os.fspath(path)
    try:
        st = os.stat(name)
    except (FileNotFoundError, NotADirectoryError):
        st = None
    except OSError as e:
        raise _write_error(name, e) from e
    except ValueError as e:  # a NUL in the name
        raise WriteError(str(e), path=name) from e
    if st is not None and not stat.S_ISREG(st.st_mode):
        _write_through(name, data)
        return
    if st is not None and _is_fd_alias(name):  # /dev/stdout redirected to a file
        _flush_std_streams()
        _write_through(name, data)
        return
    target = os.path.realpath(name)
    folder = os.path.dirname(target)
    with signals_raise():
        tmp = ""
        try:
            # The name is known before the file exists, so that a signal
            # between its creation and the next line still finds it to remove.
            for candidate in _temp_names(folder):
                tmp = candidate
                try:
                    fd = os.open(tmp, _TEMP_FLAGS, 0o666)  # the umask applies, unlike mkstemp's 0600
                    break
                except FileExistsError:
                    tmp = ""
            else:
                raise FileExistsError(errno.EEXIST, f"no free temporary file name in {folder}")
            with os.fdopen(fd, "wb") as f:
                for piece in _pieces(data):
                    f.write(piece)
                f.flush()
                os.fsync(f.fileno())
            if st is not None:
                _copy_owner_and_mode(st, tmp)
            os.replace(tmp, target)
        except BaseException as e:
            if tmp:
                _remove(tmp)
            if isinstance(e, OSError):
                raise _write_error(name, e) from e
            raise
    _sync_folder(folder)


def _pieces(data: Data) -> Iterable[bytes]:
    """*data* as pieces of bytes (bytes are one piece)."""
    if isinstance(data, (bytes, bytearray, memoryview)):
        return (data,)  # type: ignore[return-value]  # (bytes-like: each is written as bytes are)
    return data


def _write_through(name: str, data: Data) -> None:
    """Open the existing non-regular file *name* and write *data* into it."""
    # O_APPEND: /dev/stdout redirected to a file continues after what the
    # process (or the shell, with >>) wrote there; devices and FIFOs ignore it.
    flags = os.O_WRONLY | os.O_APPEND | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(name, flags)
    except OSError as e:
        raise _write_error(name, e) from e
    try:
        try:
            for piece in _pieces(data):
                view = memoryview(piece)
                while view:
                    view = view[os.write(fd, view) :]
        finally:
            os.close(fd)
    except OSError as e:
        raise _write_error(name, e) from e


def _flush_std_streams() -> None:
    """Flush Python's standard streams, so that what they hold comes first."""
    import contextlib  # (here, and where a file is given away or removed: not at every start)

    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError, OSError):
            stream.flush()


def _write_stream(data: Data, stream: IO[bytes] | None) -> None:
    """Write *data* to standard output (or the binary *stream*) and flush it."""
    try:
        if stream is None:
            sys.stdout.flush()
            stream = getattr(sys.stdout, "buffer", None)
        if stream is None:  # a text-only stand-in for stdout (doctest, an IDE's console)
            for piece in _pieces(data):
                sys.stdout.write(bytes(piece).decode("utf-8", "replace"))
            sys.stdout.flush()
        else:
            for piece in _pieces(data):
                stream.write(piece)
            stream.flush()
    except BrokenPipeError:
        raise
    except OSError as e:
        raise _write_error(STDOUT, e) from e


def _is_fd_alias(name: str) -> bool:
    """Whether *name*, or a symbolic link on the way to its target, names an
    open file descriptor (``/dev/stdout``, ``/dev/fd/1``, ``/proc/self/fd/1``)."""
    seen = 0
    while True:
        absolute = os.path.abspath(name)
        if absolute in _FD_ALIASES or absolute.startswith(_FD_FOLDERS):
            return True
        if seen == 40 or not os.path.islink(absolute):
            return False
        seen += 1
        try:
            link = os.readlink(absolute)
        except OSError:
            return False
        name = os.path.join(os.path.dirname(absolute), link)


_TEMP_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)


def _temp_names(folder: str) -> Iterator[str]:
    """Names for a temporary file in *folder*, ``.argmap-<random>.tmp``."""
    for _ in range(100):
        # (os.urandom is what secrets.token_hex draws from; the secrets
        # module would load hashlib and random at every start of the command)
        yield os.path.join(folder, f".argmap-{os.urandom(6).hex()}.tmp")


def _copy_owner_and_mode(st: os.stat_result, tmp: str) -> None:
    """Give *tmp* the owner (where allowed) and permission bits of the file
    whose status is *st*."""
    if hasattr(os, "chown") and (st.st_uid, st.st_gid) != _owner(tmp):
        import contextlib

        with contextlib.suppress(OSError):  # only the superuser may give a file away: keep ours
            os.chown(tmp, st.st_uid, st.st_gid)
    os.chmod(tmp, stat.S_IMODE(st.st_mode))


def _owner(path: str) -> tuple[int, int]:
    st = os.stat(path)
    return st.st_uid, st.st_gid


def _sync_folder(folder: str) -> None:
    """Flush the rename in *folder* to disk, where the system can (not on Windows)."""
    try:
        fd = os.open(folder or ".", os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _remove(path: str) -> None:
    import contextlib

    with contextlib.suppress(OSError):
        os.unlink(path)


def _write_error(name: str, e: OSError) -> WriteError:
    return WriteError(e.strerror or str(e), path=name)


# --------------------------------------------------------------------------
# Signals


class _Signalled(BaseException):
    """Raised in the main thread by :func:`signals_raise`'s handler."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


class signals_raise:
    """While the block runs, SIGTERM, SIGHUP and SIGINT, where their action is
    the default one (the process ends at once), raise an exception instead,
    so that the block's ``except`` and ``finally`` clauses run (a temporary
    file is removed, a child process killed).  When the block ends the
    previous handlers are back, and a signal that came meanwhile then takes
    its default action: the process ends, killed by that signal.

    A signal with a Python handler (Ctrl-C's KeyboardInterrupt, or the
    program's own) or that is ignored is left alone: such a handler already
    runs inside the block.  Outside the main thread, where Python cannot set
    handlers, this does nothing.

    (A class rather than a generator under ``contextlib.contextmanager``:
    every command that writes a file would load contextlib for it alone.)
    """

    __slots__ = ("_installed",)

    def __init__(self) -> None:
        self._installed: list[int] = []

    def __enter__(self) -> None:
        installed = self._installed
        try:
            for signum in _SIGNALS:
                if signal.getsignal(signum) == signal.SIG_DFL:
                    signal.signal(signum, _raise_signalled)
                    installed.append(signum)
        except ValueError:
            # Not the main thread (of the main interpreter), where Python
            # sets no handler: the first one tried says so.  (The module
            # threading would tell beforehand, but costs a millisecond to
            # load at every start of the command.)
            pass
        except BaseException as e:  # a signal while they were being set: as in the block
            self.__exit__(type(e), e, None)  # (the handlers restored; a _Signalled ends the process)
            raise

    def __exit__(self, exc_type: object, exc: BaseException | None, tb: object) -> None:
        installed = self._installed
        while installed:
            signal.signal(installed.pop(), signal.SIG_DFL)
        if isinstance(exc, _Signalled):
            os.kill(os.getpid(), exc.signum)  # the default action: the process ends here
            raise SystemExit(128 + exc.signum) from None  # unless the signal is blocked


def _raise_signalled(signum: int, frame: object) -> None:
    raise _Signalled(signum)
