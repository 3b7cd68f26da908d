"""argmap's exceptions and warnings: one hierarchy rooted at :class:`ArgmapError`.

Every error that bad input can cause is an :class:`ArgmapError`, and names the
place: a file, line and column for text (:class:`ParseError`), a JSON path for
structured documents (:class:`FormatError`), claim and relation ids for the
model (:class:`ValidationError`).
"""

from __future__ import annotations

import functools
from typing import Any, Iterable, NamedTuple

__all__ = [
    "ArgmapError",
    "ArgmapWarning",
    "ExecutableNotFound",
    "FormatError",
    "LimitError",
    "LossyConversionWarning",
    "MissingDependencyError",
    "ParseError",
    "Problem",
    "ValidationError",
    "WriteError",
]


class ArgmapError(Exception):
    """Base class of every error argmap raises on bad input or a bad setup."""


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
    """

    def __init__(self, msg: str, *, doc: str = "", pos: int = 0, path: str | None = None):
        self.msg = msg
        self.doc = doc
        self.pos = max(0, min(pos, len(doc)))
        self.path = path
        self.lineno = doc.count("\n", 0, self.pos) + 1
        self.colno = self.pos - (doc.rfind("\n", 0, self.pos) + 1) + 1
        super().__init__(self._location() + msg)

    def _location(self) -> str:
        where = f"{self.lineno}:{self.colno}: "
        return f"{self.path}:{where}" if self.path else f"line {where}"

    @property
    def excerpt(self) -> str:
        """The offending line with a caret under the error's column."""
        start = self.doc.rfind("\n", 0, self.pos) + 1
        end = self.doc.find("\n", self.pos)
        line = self.doc[start : end if end != -1 else len(self.doc)]
        return f"{line}\n{' ' * (self.colno - 1)}^"

    def with_path(self, path: str) -> ParseError:
        """The same error, located in the file *path*."""
        return type(self)(self.msg, doc=self.doc, pos=self.pos, path=path)


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
        prefix = ":".join(p for p in (path, where) if p)
        super().__init__(f"{prefix}: {msg}" if prefix else msg)

    def with_path(self, path: str) -> FormatError:
        """The same error, located in the file *path*."""
        return type(self)(self.msg, where=self.where, path=path)


class Problem(NamedTuple):
    """One defect of a map: the id it concerns (a claim, a relation or ``""`` for
    the map itself), a short code and a message."""

    id: str
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.id}: {self.message}" if self.id else self.message


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
        lines += [f"  {p}" for p in self.problems]
        super().__init__("\n".join(lines))

    @property
    def ids(self) -> tuple[str, ...]:
        """The ids named by the problems, in order, without repeats."""
        return tuple(dict.fromkeys(p.id for p in self.problems))


class ExecutableNotFound(ArgmapError, RuntimeError):
    """Graphviz's ``dot`` program is needed but not installed."""

    def __init__(self, program: str = "dot"):
        self.program = program
        super().__init__(
            f"Graphviz's {program!r} program was not found on PATH; it is needed to "
            "render SVG, PNG or PDF (DOT text needs nothing). Install Graphviz: "
            "'apt-get install graphviz' (Debian/Ubuntu), 'brew install graphviz' "
            "(macOS), 'conda install -c conda-forge graphviz', or see "
            "https://graphviz.org/download/"
        )


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
        super().__init__(f"{path}: {msg}" if path else msg)

    def with_path(self, path: str) -> LimitError:
        """The same error, located in the file *path*."""
        return type(self)(self.msg, limit=self.limit, value=self.value, path=path)


class WriteError(ArgmapError, OSError):
    """An output file could not be written (a full disk, no permission ...).

    Nothing is left half-written: the file is either untouched or complete.

    >>> print(WriteError("No space left on device", path="/dev/full"))
    cannot write /dev/full: No space left on device
    """

    def __init__(self, msg: str, *, path: str):
        self.msg = msg
        self.path = path
        ArgmapError.__init__(self, f"cannot write {path}: {msg}")

    def __str__(self) -> str:
        return f"cannot write {self.path}: {self.msg}"


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
            f"{needed_for} needs the optional package {module!r}, which is not installed: "
            f"pip install 'argmap[{extra}]'"
        )
        super().__init__(msg, name=module)  # ImportError's: sets .msg and .name

    def __reduce__(self) -> tuple[Any, ...]:  # picklable, for worker processes
        return (functools.partial(type(self), extra=self.extra, needed_for=self.needed_for), (self.module,))
