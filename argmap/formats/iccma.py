"""ICCMA abstract argumentation frameworks: the ``apx``, ``tgf`` and ``i23`` formats.

The formats of the International Competition on Computational Models of
Argumentation, in which its benchmark frameworks and its solvers speak::

    apx:  arg(a).  arg(b).  att(a,b).  att(b,b).
    tgf:  a  b  #  a b  b b            (one name or one attack a line)
    i23:  p af 2  1 2  2 2             (arguments are the numbers 1..n)

Reading: every argument becomes a bare claim (its id and its text are the
argument's name; in ``i23`` the number) and every attack a single-premise
attack relation with the id ``att(a,b)`` (an apostrophe is added while that
id is the name of an argument).  Self-attacks (``att(a,a)``) are kept: a
claim may attack itself.  An attack on an undeclared argument, an argument
or an attack given twice, or a line that is none of the format's statements
is a :class:`~argmap.errors.ParseError` with its line and column.  ``apx``
and ``i23`` allow comments (``%`` and ``#`` lines).

Writing: the map's abstract framework
(:func:`argmap.semantics.projection.framework`): claims, plus an argument for
each linked or undercut attack, and its attacks.  Supports, texts, quotes and
data cannot be written: a :class:`~argmap.errors.LossyConversionWarning` says
which were left out.  Argument names must be valid in the target syntax:

* ``apx``: letters, digits and ``_``; ``tgf``: no white space, not starting
  with ``#``.  An id that is not valid is written as ``a`` followed by its
  position in the framework (``a7`` for the seventh argument), with ``_``
  appended while that name is taken, and the warning says so.
* ``i23`` numbers the arguments 1..n in the framework's order (the map's
  claim order, then its relation arguments); the ids are lost unless they are
  already those numbers.

>>> from argmap import ArgumentMap, Claim, Kind, Relation
>>> m = loads("arg(a). arg(b). att(a,b). att(b,b).", dialect="apx")
>>> [c.id for c in m.claims], [(r.premises[0], r.target) for r in m.relations]
(['a', 'b'], [('a', 'b'), ('b', 'b')])
>>> print(dumps(m, dialect="tgf"), end="")
a
b
#
a b
b b
>>> import warnings
>>> with warnings.catch_warnings(record=True) as w:  # the names a, b become 1, 2
...     print(dumps(m, dialect="i23"), end="")
p af 2
1 2
2 2
"""

from __future__ import annotations

import re
import warnings
from os import PathLike
from typing import TYPE_CHECKING

from argmap._gc import pausing
from argmap.errors import ArgmapError, FormatError, LimitError, LossyConversionWarning, ParseError
from argmap.formats import MAX_BYTES
from argmap.formats._common import decode
from argmap.model import ArgumentMap, Claim, Kind, Relation

if TYPE_CHECKING:
    from argmap.semantics.dung import Framework

__all__ = ["DIALECTS", "MAX_ARGUMENTS", "Dialect", "apx", "dumps", "i23", "load", "loads", "tgf"]

#: The ICCMA formats this module reads and writes.
DIALECTS = ("apx", "tgf", "i23")

#: The default ``max_arguments`` of :func:`loads` for ``i23``, whose header
#: alone (``p af 1000000000``) can ask for any number of arguments: a
#: million arguments make a map of about 300 MB.
MAX_ARGUMENTS = 1_000_000

_APX_NAME = re.compile(r"[A-Za-z0-9_]+")
# One apx statement: arg(x). or att(x,y).  Names: anything but white space,
# parentheses, commas (what real instances use is a subset).
_APX_STMT = re.compile(r"(arg|att)[ \t]*\([ \t]*([^\s(),]+)[ \t]*(?:,[ \t]*([^\s(),]+)[ \t]*)?\)[ \t]*\.")
_SPACE = re.compile(r"(?:\s|%[^\n]*)*")


@pausing  # many small objects at once: the cyclic collector would make it quadratic
def loads(text: str | bytes, *, dialect: str = "apx", max_arguments: int = MAX_ARGUMENTS) -> ArgumentMap:
    """The framework in *text* (ICCMA format *dialect*) as a map of bare claims and attacks.

    ``i23`` files declaring more than *max_arguments* arguments raise
    :class:`~argmap.errors.LimitError` (``argmap`` commands:
    ``--max-arguments N``).
    """
    if type(max_arguments) is not int or max_arguments < 0:
        raise ArgmapError(f"max_arguments must be a whole number >= 0, not {max_arguments!r}")
    src = decode(text).replace("\r\n", "\n").replace("\r", "\n")
    if dialect == "apx":
        args, atts = _parse_apx(src)
    elif dialect == "tgf":
        args, atts = _parse_tgf(src)
    elif dialect == "i23":
        args, atts = _parse_i23(src, max_arguments)
    else:
        raise FormatError(f"unknown ICCMA dialect {dialect!r}; known: {', '.join(DIALECTS)}")
    return _to_map(args, atts)


def load(
    path: str | PathLike[str],
    *,
    dialect: str | None = None,
    max_bytes: int | None = MAX_BYTES,
    max_arguments: int = MAX_ARGUMENTS,
) -> ArgumentMap:
    """The framework in the file *path*, as :func:`argmap.load` reads it
    (*max_bytes* is its input limit, and every error names the file), with
    :func:`loads`' *max_arguments*.  The dialect comes from the file's
    suffix (``.apx``, ``.tgf``, ``.i23``) unless given.

    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "big.i23")
    >>> _ = open(path, "w").write("p af 3\\n1 2\\n")
    >>> len(load(path, max_arguments=3).claims)
    3
    >>> load(path, max_arguments=2)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    argmap.errors.LimitError: .../big.i23: line 1: the framework declares 3 arguments, more than max_arguments=2; pass max_arguments= (or --max-arguments) to raise the limit
    """
    from argmap import formats  # (the package that imports this module when a format asks for it)

    name = formats._check_path(path)
    if dialect is None:
        dialect = formats.format_for_path(name).name
        if dialect not in DIALECTS:
            msg = f"not an ICCMA file ({dialect}); pass dialect= ({', '.join(DIALECTS)})"
            raise FormatError(msg, path=name)
    data = formats._read(name, formats._check_max_bytes(max_bytes))
    try:
        return loads(data, dialect=dialect, max_arguments=max_arguments)
    except (ParseError, FormatError, LimitError) as e:
        raise e.with_path(name) from None


def _to_map(args: list[str], atts: list[tuple[str, str]]) -> ArgumentMap:
    names = set(args)
    claims = [Claim(a, a) for a in args]
    relations = []
    for a, b in atts:
        rid = f"att({a},{b})"
        while rid in names:
            rid += "'"
        relations.append(Relation(rid, Kind.ATTACK, (a,), b))
    return ArgumentMap(claims, relations)


class _Reader:
    """Declared arguments and attacks, with the checks every dialect shares."""

    def __init__(self, src: str):
        self.src = src
        self.args: list[str] = []
        self.seen: dict[str, int] = {}
        self.atts: list[tuple[str, str]] = []
        self.att_seen: dict[tuple[str, str], int] = {}

    def line(self, pos: int) -> int:
        return self.src.count("\n", 0, pos) + 1

    def name(self, name: str, pos: int) -> str:
        if not name.isprintable():
            raise ParseError(f"argument name {name!r} holds a control character", doc=self.src, pos=pos)
        return name

    def arg(self, name: str, pos: int) -> None:
        self.name(name, pos)
        first = self.seen.get(name)
        if first is not None:
            msg = f"argument {name!r} is declared twice (first on line {self.line(first)})"
            raise ParseError(msg, doc=self.src, pos=pos)
        self.seen[name] = pos
        self.args.append(name)

    def att(self, a: str, apos: int, b: str, bpos: int, pos: int) -> None:
        for n, p in ((a, apos), (b, bpos)):
            if n not in self.seen:
                raise ParseError(f"attack on or by {n!r}, which is not a declared argument", doc=self.src, pos=p)
        first = self.att_seen.get((a, b))
        if first is not None:
            msg = f"attack of {a!r} on {b!r} is given twice (first on line {self.line(first)})"
            raise ParseError(msg, doc=self.src, pos=pos)
        self.att_seen[(a, b)] = pos
        self.atts.append((a, b))


def _parse_apx(src: str) -> tuple[list[str], list[tuple[str, str]]]:
    r = _Reader(src)
    attacks: list[tuple[str, int, str, int, int]] = []  # arg() may follow att() in apx
    pos = _SPACE.match(src, 0).end()  # type: ignore[union-attr]  # (?:...)* always matches
    while pos < len(src):
        m = _APX_STMT.match(src, pos)
        if m is None:
            raise ParseError("expected arg(NAME). or att(NAME,NAME).", doc=src, pos=pos)
        kind, a, b = m.group(1), m.group(2), m.group(3)
        if kind == "arg":
            if b is not None:
                raise ParseError("arg( ) takes one name", doc=src, pos=m.start(3))
            r.arg(a, m.start(2))
        else:
            if b is None:
                raise ParseError("att( ) takes two names", doc=src, pos=m.end(2))
            attacks.append((a, m.start(2), b, m.start(3), m.start()))
        pos = _SPACE.match(src, m.end()).end()  # type: ignore[union-attr]
    for a, apos, b, bpos, at in attacks:
        r.att(a, apos, b, bpos, at)
    return r.args, r.atts


def _lines(src: str, comment: str | None) -> list[tuple[int, list[tuple[str, int]]]]:
    """The non-blank lines of *src* as (offset, [(token, offset)]), comments left out."""
    out = []
    pos = 0
    for line in src.split("\n"):
        if not (comment and line.lstrip().startswith(comment)):
            tokens = [(t.group(), pos + t.start()) for t in re.finditer(r"\S+", line)]
            if tokens:
                out.append((pos, tokens))
        pos += len(line) + 1
    return out


def _parse_tgf(src: str) -> tuple[list[str], list[tuple[str, str]]]:
    r = _Reader(src)
    in_attacks = False
    for start, tokens in _lines(src, None):
        if not in_attacks:
            if tokens[0][0] == "#":
                if len(tokens) > 1:
                    raise ParseError("the '#' line holds nothing else", doc=src, pos=tokens[1][1])
                in_attacks = True
            elif len(tokens) > 1:
                raise ParseError("expected one argument name on a line (or '#')", doc=src, pos=tokens[1][1])
            else:
                r.arg(*tokens[0])
        else:
            if len(tokens) != 2:
                raise ParseError("expected an attack: two argument names", doc=src, pos=start)
            (a, apos), (b, bpos) = tokens
            r.att(a, apos, b, bpos, start)
    return r.args, r.atts


def _parse_i23(src: str, max_arguments: int) -> tuple[list[str], list[tuple[str, str]]]:
    r = _Reader(src)
    header = False
    n = 0
    for start, tokens in _lines(src, "#"):
        if not header:
            words = [t for t, _ in tokens]
            if len(words) != 3 or words[:2] != ["p", "af"] or not _is_count(words[2]):
                raise ParseError("expected the header 'p af N'", doc=src, pos=start)
            n = int(words[2])
            if n > max_arguments:
                msg = (
                    f"line {r.line(start)}: the framework declares {n} arguments, more than "
                    f"max_arguments={max_arguments}; pass max_arguments= (or --max-arguments) to raise the limit"
                )
                raise LimitError(msg, limit="max_arguments", value=max_arguments)
            for i in range(1, n + 1):
                name = str(i)
                r.seen[name] = start
                r.args.append(name)
            header = True
            continue
        if len(tokens) != 2 or not all(_is_count(t) for t, _ in tokens):
            raise ParseError("expected an attack: two argument numbers", doc=src, pos=start)
        (a, apos), (b, bpos) = tokens
        r.att(str(int(a)), apos, str(int(b)), bpos, start)
    if not header:
        raise ParseError("expected the header 'p af N'", doc=src, pos=len(src))
    return r.args, r.atts


def _is_count(token: str) -> bool:
    return token.isascii() and token.isdigit() and len(token) <= 18


# --------------------------------------------------------------------------
# Writing


@pausing
def dumps(m: ArgumentMap, *, dialect: str = "apx") -> str:
    """The abstract framework of *m* in ICCMA format *dialect* (see the module's documentation)."""
    from argmap.semantics.projection import framework

    if dialect not in DIALECTS:
        raise FormatError(f"unknown ICCMA dialect {dialect!r}; known: {', '.join(DIALECTS)}")
    f = framework(m)
    losses = _losses(m, f)
    names, renamed = _names(f, dialect)
    if renamed:
        shown = ", ".join(f"{a!r} as {b}" for a, b in renamed[:5]) + (", ..." if len(renamed) > 5 else "")
        losses.append(f"ids that are not {dialect} names (written {shown})")
    if losses:
        msg = f"{dialect} export kept only the abstract framework: left out " + "; ".join(losses)
        warnings.warn(LossyConversionWarning(msg), stacklevel=2)
    args = [names[str(a)] for a in f.arguments]  # a map's framework: its arguments are claim ids
    atts = [(names[str(a)], names[str(b)]) for a, b in f.attacks]
    if dialect == "apx":
        lines = [f"arg({a})." for a in args] + [f"att({a},{b})." for a, b in atts]
    elif dialect == "tgf":
        lines = [*args, "#", *(f"{a} {b}" for a, b in atts)]
    else:
        lines = [f"p af {len(args)}", *(f"{a} {b}" for a, b in atts)]
    return "".join(line + "\n" for line in lines)


def _losses(m: ArgumentMap, f: Framework) -> list[str]:
    out = []
    supports = sum(1 for r in m.relations if not r.is_attack)
    if supports:
        out.append(f"{supports} support relation(s)")
    if any(r in f for r in (r.id for r in m.relations)):
        out.append("linked and undercut attacks as relations (each is an argument of its own)")
    attacks = {(a, b) for a, b in f.attacks}
    if len(attacks) != len(f.attacks):
        out.append("repeated attacks (written once)")
    if any(c.text != c.id for c in m.claims):
        out.append("claim texts")
    if any(c.quote or c.tags or c.data or c.base_score is not None for c in m.claims) or m.source or m.title:
        out.append("quotes, tags, scores, the source and the title")
    if any(r.scheme or r.data or r.base_score is not None for r in m.relations) or m.data:
        out.append("schemes, scores and data")
    if any(r.kind in (Kind.CONTRARY, Kind.CONTRADICTORY) for r in m.relations):
        out.append("the kinds of strict attacks (written as attacks)")
    return out


def _names(f: Framework, dialect: str) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Each argument's name in *dialect*, and the (id, name) pairs that were renamed."""
    args = [str(a) for a in f.arguments]
    if dialect == "i23":
        names = {a: str(i) for i, a in enumerate(args, 1)}
        return names, [(a, n) for a, n in names.items() if a != n]
    valid = _APX_NAME.fullmatch if dialect == "apx" else _tgf_name
    names = {a: a for a in args if valid(a)}
    taken = set(names.values())
    renamed = []
    for i, a in enumerate(args, 1):
        if a in names:
            continue
        name = f"a{i}"
        while name in taken:
            name += "_"
        taken.add(name)
        names[a] = name
        renamed.append((a, name))
    return names, renamed


def _tgf_name(name: str) -> bool:
    return bool(name) and not name.startswith("#") and not any(ch.isspace() for ch in name)


class Dialect:
    """One ICCMA format as the format table uses it: ``loads`` and ``dumps``."""

    def __init__(self, name: str):
        self.name = name

    def loads(self, text: str | bytes) -> ArgumentMap:
        return loads(text, dialect=self.name)

    def dumps(self, m: ArgumentMap) -> str:
        return dumps(m, dialect=self.name)

    def __repr__(self) -> str:
        return f"Dialect({self.name!r})"


apx = Dialect("apx")
tgf = Dialect("tgf")
i23 = Dialect("i23")
