"""argmap's exceptions and warnings: one hierarchy rooted at :class:`ArgmapError`.

Every error that bad input can cause is an :class:`ArgmapError`, and names the
place: a file, line and column for text (:class:`ParseError`), a JSON path for
structured documents (:class:`FormatError`), claim and relation ids for the
model (:class:`ValidationError`).

What came from input (a path, an id, a claim's text, a line of the file) is
shown through :func:`escape`, so an error message never carries a control
character that could rewrite what a terminal shows: ``str()`` of every
error is safe to print, and holds a newline only where the error writes one
itself (between a :class:`ValidationError`'s problems).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from argmap._namedtuple import NamedTuple

TYPE_CHECKING = False  # (typing.TYPE_CHECKING, without importing typing)
if TYPE_CHECKING:  # (the command's start loads this module, and not typing)
    from typing import Any, Literal, overload


__all__ = [
    "ArgmapError",
    "ArgmapWarning",
    "DataError",
    "ExecutableNotFound",
    "FormatError",
    "LimitError",
    "LossyConversionWarning",
    "MissingDependencyError",
    "OutOfMemoryError",
    "ParseError",
    "Problem",
    "UnknownIdError",
    "ValidationError",
    "WorkerKilledError",
    "WriteError",
    "escape",
    "excerpt",
]

# What escape() rewrites: C0 controls (tab, CR and LF too), DEL, C1 controls,
# the line and paragraph separators, the bidirectional marks, embeddings,
# overrides and isolates, and lone surrogates (which cannot be encoded).
# Compiled on first use (re caches it): compiling it costs a millisecond at
# every start, and most runs never show an unprintable character.
_UNSAFE = "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]"
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape_char(m: re.Match[str]) -> str:
    ch = m.group()
    named = _NAMED.get(ch)
    if named is not None:
        return named
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape(text: Any) -> str:
    r"""*text* (made a string with ``str()``) safe to show on a terminal:
    each control character (C0 with tab, CR and LF, DEL, C1), line or
    paragraph separator, bidirectional control (U+061C, U+200E, U+200F,
    U+202A to U+202E, U+2066 to U+2069) and lone surrogate becomes a
    Python-style escape (``\n``, ``\x1b``, ``\u202e``); everything else,
    backslashes included, is kept, so escaping twice changes nothing.

    Every argmap error shows what came from input through this function.

    >>> print(escape("c1\x1b[2J\r\nOK: all fine\u202e"))
    c1\x1b[2J\r\nOK: all fine\u202e
    >>> escape("Tea is better, café ☕") == "Tea is better, café ☕"
    True
    """
    shown = str(text)
    if shown.isprintable():  # the usual case; every unsafe character is unprintable
        return shown
    return re.sub(_UNSAFE, _escape_char, shown)


if TYPE_CHECKING:  # (the overloads are the type checker's alone)

    @overload
    def excerpt(
        doc: str, pos: int, *, width: int | None = None, skip_blank: Literal[False] = False
    ) -> tuple[str, str]: ...
    @overload
    def excerpt(doc: str, pos: int, *, width: int | None = None, skip_blank: bool) -> tuple[str, str] | None: ...


def excerpt(doc: str, pos: int, *, width: int | None = None, skip_blank: bool = False) -> tuple[str, str] | None:
    r"""The line of *doc* that holds offset *pos*, :func:`escape`'d, and a
    caret line with ``^`` under *pos*'s column (under the escaped text: a tab
    shown as ``\t`` moves it two places).

    A line longer than *width* characters is cut to *width* around the
    column, ``...`` marking each end that was cut.  With *skip_blank*, a line
    (or the part of it kept) that holds only white space gives ``None``:
    there is nothing to point at.  :attr:`ParseError.excerpt` and the
    command's error lines are made by this function.

    >>> print(*excerpt('{"a" 1}', 5), sep="\n")
    {"a" 1}
         ^
    >>> excerpt("x" * 50 + "!" + "y" * 50, 50, width=20)
    ('...xxxxxxxxxx!yyyyyyyyy...', '             ^')
    >>> excerpt("a\n  \nb", 3, skip_blank=True) is None
    True
    """
    start = doc.rfind("\n", 0, pos) + 1
    end = doc.find("\n", pos)
    line = doc[start : end if end != -1 else len(doc)]
    col = pos - start
    head = tail = ""
    if width is not None and len(line) > width:
        left = max(0, min(col - width // 2, len(line) - width))
        head = "..." if left else ""
        tail = "..." if left + width < len(line) else ""
        line, col = line[left : left + width], col - left
    if skip_blank and not line.strip():
        return None
    return f"{head}{escape(line)}{tail}", " " * len(head + escape(line[:col])) + "^"


def _rebuild(err: BaseException, *args: Any, **kwargs: Any) -> tuple[Any, ...]:
    """*err*'s ``__reduce__``: its class called again with the arguments it
    was made with (pickle's default passes ``args``, the formatted message,
    which an error with keyword arguments cannot take back)."""
    return (functools.partial(type(err), **kwargs), args)


class ArgmapError(Exception):
    """Base class of every error argmap raises on bad input or a bad setup.

    Its text is :func:`escape`'d: a message built from input is safe to print.
    """

    def __str__(self) -> str:
        return escape(super().__str__())


class ParseError(ArgmapError, ValueError):
    """Text that cannot be read, located by line and column (1-based).

    ``doc`` is the text and ``pos`` the 0-based offset of the error in it; line,
    column and the caret excerpt are computed from them.

    >>> err = ParseError("Expecting ':'", doc='{"a" 1}', pos=5, path="m.json")
    >>> print(err)
    m.json:1:6: Expecting ':'
    >>> print(err.excerpt)
    {"a" 1}
         ^

    With ``show_line=True`` its text ends with that excerpt too (the Argdown
    reader's errors do this; the command line always shows it):

    >>> print(ParseError("'+' needs a statement after it", doc="A\\n  +", pos=4, show_line=True))
    line 2:3: '+' needs a statement after it
      +
      ^
    """

    def __init__(self, msg: str, *, doc: str = "", pos: int = 0, path: str | None = None, show_line: bool = False):
        self.msg = msg
        self.doc = doc
        self.pos = max(0, min(pos, len(doc)))
        self.path = path
        self.show_line = show_line
        self.lineno = doc.count("\n", 0, self.pos) + 1
        self.colno = self.pos - (doc.rfind("\n", 0, self.pos) + 1) + 1
        super().__init__(self._location() + escape(msg))

    def _location(self) -> str:
        where = f"{self.lineno}:{self.colno}: "
        return f"{escape(self.path)}:{where}" if self.path else f"line {where}"

    def __str__(self) -> str:
        text = super().__str__()
        if self.show_line:
            lines = excerpt(self.doc, self.pos, skip_blank=True)
            if lines is not None:
                text += "\n" + "\n".join(lines)
        return text

    @property
    def excerpt(self) -> str:
        r"""The offending line (:func:`escape`'d) with a caret under the
        error's column; see :func:`excerpt`.

        >>> print(ParseError("bad", doc="a\tb\x1bc", pos=4).excerpt)
        a\tb\x1bc
                ^
        """
        return "\n".join(excerpt(self.doc, self.pos))

    def with_path(self, path: str) -> ParseError:
        """The same error, located in the file *path*."""
        return type(self)(self.msg, doc=self.doc, pos=self.pos, path=path, show_line=self.show_line)

    def __reduce__(self) -> tuple[Any, ...]:  # picklable, for worker processes
        return _rebuild(self, self.msg, doc=self.doc, pos=self.pos, path=self.path, show_line=self.show_line)


class FormatError(ArgmapError, ValueError):
    """A document that parses but does not have the expected shape.

    ``where`` is the JSON path of the offending field (``claims[3].text``).

    >>> print(FormatError("expected a string, got 3", where="claims[3].text"))
    claims[3].text: expected a string, got 3
    """

    def __init__(self, msg: str, *, where: str = "", path: str | None = None):
        self.msg = msg
        self.where = where
        self.path = path
        prefix = ":".join(escape(p) for p in (path, where) if p)
        super().__init__(f"{prefix}: {escape(msg)}" if prefix else escape(msg))

    def with_path(self, path: str) -> FormatError:
        """The same error, located in the file *path*."""
        return type(self)(self.msg, where=self.where, path=path)

    def __reduce__(self) -> tuple[Any, ...]:  # picklable, for worker processes
        return _rebuild(self, self.msg, where=self.where, path=self.path)


class Problem(NamedTuple):
    """One defect of a map: the id it concerns (a claim, a relation or ``""`` for
    the map itself), a short code and a message."""

    id: str
    code: str
    message: str

    def __str__(self) -> str:
        """The id and message, :func:`escape`'d."""
        return f"{escape(self.id)}: {escape(self.message)}" if self.id else escape(self.message)


class ValidationError(ArgmapError, ValueError):
    """A map that breaks the model's rules; ``problems`` lists every defect.

    >>> err = ValidationError([Problem("c2", "empty-text", "claim text is empty")])
    >>> print(err)
    invalid argument map (1 problem):
      c2: claim text is empty
    >>> err.ids
    ('c2',)
    """

    def __init__(self, problems: Iterable[Problem]):
        self.problems = tuple(problems)
        n = len(self.problems)
        lines = [f"invalid argument map ({n} problem{'s' if n != 1 else ''}):"]
        lines += [f"  {p}" for p in self.problems]  # each escaped: one line
        super().__init__("\n".join(lines))

    def __str__(self) -> str:
        return str(self.args[0]) if len(self.args) == 1 else super().__str__()

    @property
    def ids(self) -> tuple[str, ...]:
        """The ids named by the problems, in order, without repeats."""
        return tuple(dict.fromkeys(p.id for p in self.problems))

    def __reduce__(self) -> tuple[Any, ...]:  # picklable, for worker processes
        return _rebuild(self, self.problems)


class DataError(ValidationError):
    """A ``data`` value that JSON cannot hold; ``where`` is its path.

    >>> print(DataError("claims[0].data.x", "float nan is not a JSON value"))
    invalid argument map (1 problem):
      claims[0].data.x: float nan is not a JSON value
    """

    def __init__(self, where: str, reason: str):
        self.where = where
        self.reason = reason
        super().__init__([Problem("", "bad-data", f"{where}: {reason}")])

    def __reduce__(self) -> tuple[Any, ...]:  # picklable, for worker processes
        return _rebuild(self, self.where, self.reason)


class UnknownIdError(ArgmapError, KeyError):
    """An id that names no claim or relation of the map.

    >>> print(UnknownIdError("no claim with id 'c9'"))
    no claim with id 'c9'
    """

    def __str__(self) -> str:  # KeyError would repr() the message
        return escape(str(self.args[0]))


class ExecutableNotFound(ArgmapError, RuntimeError):
    """Graphviz's ``dot`` program is needed but not installed."""

    def __init__(self, program: str = "dot"):
        self.program = program
        super().__init__(
            f"Graphviz's {escape(repr(program))} program was not found on PATH; it is needed to "
            "render SVG, PNG or PDF (DOT text needs nothing). Install Graphviz: "
            "'apt-get install graphviz' (Debian/Ubuntu), 'brew install graphviz' "
            "(macOS), 'conda install -c conda-forge graphviz', or see "
            "https://graphviz.org/download/"
        )

    def __reduce__(self) -> tuple[Any, ...]:  # picklable, for worker processes
        return _rebuild(self, self.program)


class LimitError(ArgmapError, ValueError):
    """Input or work that passed one of argmap's named limits.

    ``limit`` names the limit (the keyword argument or CLI flag that sets
    it), ``value`` is the limit in force, and the message says how to raise
    it.  The limits protect against hostile input: each has a documented,
    generous default.

    >>> err = LimitError("the input is larger than max_bytes=10", limit="max_bytes", value=10, path="m.json")
    >>> print(err)
    m.json: the input is larger than max_bytes=10
    >>> err.limit, err.value
    ('max_bytes', 10)
    """

    def __init__(self, msg: str, *, limit: str, value: float, path: str | None = None):
        self.msg = msg
        self.limit = limit
        self.value = value
        self.path = path
        super().__init__(f"{escape(path)}: {escape(msg)}" if path else escape(msg))

    def with_path(self, path: str) -> LimitError:
        """The same error, located in the file *path*."""
        return type(self)(self.msg, limit=self.limit, value=self.value, path=path)

    def __reduce__(self) -> tuple[Any, ...]:  # picklable, for worker processes
        return _rebuild(self, self.msg, limit=self.limit, value=self.value, path=self.path)


class WriteError(ArgmapError, OSError):
    """An output file could not be written (a full disk, no permission ...).

    Nothing is left half-written: the file is either untouched or complete.

    >>> print(WriteError("No space left on device", path="/dev/full"))
    cannot write /dev/full: No space left on device
    """

    def __init__(self, msg: str, *, path: str):
        self.msg = msg
        self.path = path
        ArgmapError.__init__(self, f"cannot write {escape(path)}: {escape(msg)}")

    def __str__(self) -> str:
        return f"cannot write {escape(self.path)}: {escape(self.msg)}"

    def __reduce__(self) -> tuple[Any, ...]:  # picklable, for worker processes
        return _rebuild(self, self.msg, path=self.path)


class OutOfMemoryError(ArgmapError, MemoryError):
    """The memory ran out while a file was read or worked on.

    Not a bug: the file needs more memory than the process may use.  The
    command reports it as that file's error and goes on with the others.
    ``path`` names the file, ``size`` its size in bytes where known, and
    ``limit`` the named limit that refuses such files before they are read
    (``max_bytes``; for an ``i23`` framework, ``max_arguments``).

    >>> print(OutOfMemoryError(path="big.json", size=2_000_000_000))
    big.json: ran out of memory (the file is 2,000,000,000 bytes); use a smaller file or more memory, or pass a lower max_bytes= (or --max-bytes) to refuse files like it
    """

    def __init__(self, *, path: str, size: int | None = None, limit: str = "max_bytes"):
        self.path = path
        self.size = size
        self.limit = limit
        what = "" if size is None else f" (the file is {size:,} bytes)"
        option = "--" + limit.replace("_", "-")
        msg = f"ran out of memory{what}; use a smaller file or more memory, or pass a lower {limit}= (or {option}) to refuse files like it"
        super().__init__(f"{escape(path)}: {msg}")

    def __reduce__(self) -> tuple[Any, ...]:  # picklable, for worker processes
        return _rebuild(self, path=self.path, size=self.size, limit=self.limit)


class WorkerKilledError(ArgmapError):
    """The worker process that was reading a file ended before it answered
    (``load_all(workers=N)``, or a command's ``-j N``): killed by a signal,
    most often ``SIGKILL`` from the system's out-of-memory killer.

    Not a bug: the file's error, as :class:`OutOfMemoryError` is where the
    process itself sees the memory run out; the other files are still read.
    ``path`` names the file, ``exitcode`` is the process's (minus the signal
    number when a signal ended it, as :mod:`multiprocessing` gives it; None
    if unknown), ``signal`` the signal's name or None, and ``limit`` the
    named limit that refuses large files before they are read.

    >>> print(WorkerKilledError(path="big.json", exitcode=-9))
    big.json: the worker process reading this file was killed (SIGKILL), most likely for lack of memory; use a smaller file or more memory, or pass a lower max_bytes= (or --max-bytes) to refuse files like it
    >>> print(WorkerKilledError(path="odd.json", exitcode=3))
    odd.json: the worker process reading this file ended unexpectedly (exit code 3)
    """

    def __init__(self, *, path: str, exitcode: int | None, limit: str = "max_bytes"):
        import signal

        self.path = path
        self.exitcode = exitcode
        self.limit = limit
        self.signal: str | None = None
        if exitcode is not None and exitcode < 0:
            try:
                self.signal = signal.Signals(-exitcode).name
            except ValueError:
                self.signal = f"signal {-exitcode}"
        if self.signal is None:
            code = "" if exitcode is None else f" (exit code {exitcode})"
            msg = f"the worker process reading this file ended unexpectedly{code}"
        else:
            msg = f"the worker process reading this file was killed ({self.signal})"
            if exitcode == -getattr(signal, "SIGKILL", 9):
                option = "--" + limit.replace("_", "-")
                msg += (
                    ", most likely for lack of memory; use a smaller file or more memory,"
                    f" or pass a lower {limit}= (or {option}) to refuse files like it"
                )
        super().__init__(f"{escape(path)}: {msg}")

    def __reduce__(self) -> tuple[Any, ...]:  # picklable, like every argmap error
        return _rebuild(self, path=self.path, exitcode=self.exitcode, limit=self.limit)


class ArgmapWarning(UserWarning):
    """Base class of argmap's warnings."""


class LossyConversionWarning(ArgmapWarning):
    """A conversion had to simplify the map (the message says what)."""


class MissingDependencyError(ArgmapError, ImportError):
    """An optional package that a feature needs is not installed.

    ``module`` is the package's import name and ``extra`` the argmap extra that
    installs it; the message says the ``pip install`` command.  It is also an
    :class:`ImportError`, so code that guards an optional import keeps working.

    >>> err = MissingDependencyError("networkx", extra="networkx", needed_for="argmap.formats.nx")
    >>> print(err)
    argmap.formats.nx needs the optional package 'networkx', which is not installed: pip install 'argmap[networkx]'
    >>> err.name, err.extra
    ('networkx', 'networkx')
    """

    def __init__(self, module: str, *, extra: str, needed_for: str):
        self.module = module
        self.extra = extra
        self.needed_for = needed_for
        msg = (
            f"{needed_for} needs the optional package {module!r}, which is not installed: pip install 'argmap[{extra}]'"
        )
        super().__init__(msg, name=module)  # ImportError's: sets .msg and .name

    def __reduce__(self) -> tuple[Any, ...]:  # picklable, for worker processes
        return (functools.partial(type(self), extra=self.extra, needed_for=self.needed_for), (self.module,))


class SemanticsError(ArgmapError, ValueError):
    """A bad argument to a semantics function (unknown name, unknown argument)."""


class SemanticsLimitError(LimitError, SemanticsError):
    """An evaluation passed one of its limits: more extensions than
    ``max_extensions``, or longer than ``timeout`` seconds.  ``limit`` names
    the limit and ``value`` is the one in force; the message says how to
    raise it.

    >>> from argmap.semantics import Framework, extensions
    >>> f = Framework("abcd", [("a", "b"), ("b", "a"), ("c", "d"), ("d", "c")])
    >>> extensions(f, "stable", max_extensions=3)
    Traceback (most recent call last):
    ...
    argmap.errors.SemanticsLimitError: more than 3 stable extensions; pass max_extensions= (--max-extensions) to allow more
    """

    def __reduce__(self) -> tuple[object, ...]:  # picklable, for worker processes
        return (functools.partial(type(self), limit=self.limit, value=self.value, path=self.path), (self.msg,))


class ConvergenceError(SemanticsError):
    """The iteration of a gradual semantics on a cyclic graph did not settle
    within ``max_iter`` rounds (like networkx's
    ``PowerIterationFailedConvergence``).

    ``strengths`` holds the last iterate (argument -> strength), ``delta``
    its largest change.

    >>> err = ConvergenceError("euler", 2, 0.25, {"a": 0.5})
    >>> print(err)
    euler strengths did not converge in 2 iterations (last change 0.25); the graph has cycles: raise max_iter or tol, or choose 'df-quad' or 'quadratic-energy'
    >>> err.strengths
    {'a': 0.5}
    """

    # (Its keys are the framework's arguments: any hashable values.)
    def __init__(self, semantics: str, max_iter: int, delta: float, last: dict[Any, float]):
        self.semantics = semantics
        self.max_iter = max_iter
        self.delta = delta
        self.strengths = last
        others = " or ".join(repr(s) for s in ("df-quad", "quadratic-energy") if s != semantics)
        msg = (
            f"{semantics} strengths did not converge in {max_iter} iterations "
            f"(last change {delta:.3g}); the graph has cycles: raise max_iter or tol, "
            f"or choose {others}"
        )
        super().__init__(msg)

    def __reduce__(self) -> tuple[object, ...]:  # picklable, for worker processes
        return (type(self), (self.semantics, self.max_iter, self.delta, self.strengths))


__all__ += ["ConvergenceError", "SemanticsError", "SemanticsLimitError"]  # (the errors of argmap.semantics)
