"""The argument model: immutable values for claims, relations and maps.

An :class:`ArgumentMap` holds :class:`Claim` objects and :class:`Relation`
objects in insertion order.  A relation is one inference step: one or more
premises (claim ids) that together support or attack a target, which is a
claim or, for an undercut, another relation.  Roles (thesis, premise,
objection, rebuttal, undercutter) are derived from this structure, never
stored.

Every map is valid: constructing one checks the whole structure and raises
:class:`~argmap.errors.ValidationError` listing every problem at once.
"""

from __future__ import annotations

import enum
import math
import re
import warnings
from collections.abc import Iterable, Iterator, Mapping
from os import PathLike
from typing import Any, NoReturn

import attrs

from argmap.errors import ArgmapError, LimitError, Problem, ValidationError, escape

__all__ = [
    "ArgumentMap",
    "Claim",
    "FrozenDict",
    "Kind",
    "Quote",
    "Relation",
    "Role",
    "Source",
    "UnknownIdError",
    "freeze",
]


class UnknownIdError(ArgmapError, KeyError):
    """An id that names no claim or relation of the map."""

    def __str__(self) -> str:  # KeyError would repr() the message
        return escape(str(self.args[0]))


# --------------------------------------------------------------------------
# Read-only JSON-like data


class FrozenDict(Mapping[str, Any]):
    """A read-only, hashable mapping, used for every ``data`` field.

    Equality is strict about JSON types, unlike Python's: ``True``, ``1`` and
    ``1.0`` (and ``0.0`` and ``-0.0``) differ, because JSON writes them
    differently and equal maps must give identical documents.

    >>> d = FrozenDict({"b": 1, "a": (1, 2)})
    >>> d["a"], len(d), d == {"b": 1, "a": (1, 2)}, hash(d) == hash(FrozenDict(d))
    ((1, 2), 2, True, True)
    >>> FrozenDict({"k": True}) == FrozenDict({"k": 1})
    False
    """

    __slots__ = ("_d", "_h", "_k")
    _d: dict[str, Any]
    _h: int | None
    _k: Any

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        d = dict(*args, **kwargs)
        for v in d.values():
            if not isinstance(v, _JSON_SCALARS):
                d = dict(freeze(d)._d)  # nested values are frozen too
                break
        self._d = d
        self._h = None
        self._k = None

    @classmethod
    def _adopt(cls, d: dict[str, Any]) -> FrozenDict:
        """Wrap *d* without copying it.  For readers only: *d* must be a fresh
        dict of canonical values (scalars, tuples, FrozenDicts) that nothing
        else holds."""
        fd = object.__new__(cls)
        fd._d = d
        fd._h = None
        fd._k = None
        return fd

    def _key(self) -> Any:
        """A canonical form that tells JSON types apart (computed once)."""
        if self._k is None:
            self._k = _typed(self._d)
        return self._k

    def __getitem__(self, key: str) -> Any:
        return self._d[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._d)

    def __len__(self) -> int:
        return len(self._d)

    def __hash__(self) -> int:
        if self._h is None:
            self._h = hash(self._key())
        return self._h

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FrozenDict):
            return self is other or (self._d == other._d and self._key() == other._key())
        if isinstance(other, Mapping):
            try:
                return self == freeze(other)
            except ValidationError:
                return False
        return NotImplemented

    def __repr__(self) -> str:
        return f"FrozenDict({self._d!r})"


def _typed(value: Any) -> Any:
    # Nesting is limited to MAX_DEPTH by freeze(), so recursion is safe here.
    if isinstance(value, (dict, FrozenDict)):
        return ("o", frozenset((k, _typed(v)) for k, v in value.items()))
    if isinstance(value, tuple):
        return ("a", tuple(_typed(v) for v in value))
    if isinstance(value, float):
        return ("f", repr(value))
    return (type(value).__name__, value)


EMPTY = FrozenDict()

_JSON_SCALARS = (str, int, float, bool, type(None))

#: How deeply ``data`` values may nest (JSON readers and writers recurse).
MAX_DEPTH = 100


def freeze(value: Any, where: str = "data") -> FrozenDict:
    """Deep-copy a JSON-like mapping into read-only form (dicts become
    :class:`FrozenDict`, lists become tuples).

    Raises :class:`ValidationError` naming *where* for anything JSON cannot
    hold: non-string keys, sets, objects, NaN, infinities and cycles.  The walk
    is iterative, so deep nesting cannot exhaust the stack.

    >>> freeze({"a": [1, {"b": None}]})
    FrozenDict({'a': (1, FrozenDict({'b': None}))})
    """
    if value is None or value is EMPTY:
        return EMPTY
    if not isinstance(value, Mapping):
        _bad_data(where, f"expected a mapping, got {type(value).__name__}")
    memo: dict[int, Any] = {}
    on_path: set[int] = set()
    # Each frame: (container, its path, iterator over (key, child), built items).
    stack: list[tuple[Any, str, Iterator[tuple[Any, Any, str]], list[tuple[Any, Any]]]]
    stack = [(value, where, _children(value, where), [])]
    on_path.add(id(value))
    while stack:
        container, _path, it, built = stack[-1]
        for key, child, child_path in it:
            if isinstance(child, _JSON_SCALARS):
                if isinstance(child, float) and not math.isfinite(child):
                    _bad_data(child_path, f"{child!r} is not a JSON number")
                if isinstance(child, str) and _SURROGATE.search(child):
                    _bad_data(child_path, "contains a lone surrogate (not valid Unicode text)")
                built.append((key, child))
            elif id(child) in memo:
                built.append((key, memo[id(child)]))
            elif id(child) in on_path:
                _bad_data(child_path, "contains itself")
            elif len(stack) >= MAX_DEPTH:
                _bad_data(child_path, f"is nested more than {MAX_DEPTH} levels deep")
            else:
                on_path.add(id(child))
                stack.append((child, child_path, _children(child, child_path), [(key, None)]))
                break
        else:
            stack.pop()
            on_path.discard(id(container))
            if isinstance(container, Mapping):
                frozen: Any = FrozenDict._adopt(dict(built if not stack else built[1:]))
            else:
                frozen = tuple(v for _, v in (built if not stack else built[1:]))
            memo[id(container)] = frozen
            if stack:
                key = built[0][0]
                stack[-1][3].append((key, frozen))
            else:
                return frozen  # type: ignore[no-any-return]  # the outermost container is a Mapping
    raise AssertionError("unreachable")  # pragma: no cover


def _children(container: Any, path: str) -> Iterator[tuple[Any, Any, str]]:
    if isinstance(container, Mapping):
        for k, v in container.items():
            if not isinstance(k, str) or _SURROGATE.search(k):
                _bad_data(path, f"keys must be valid strings, got {k!r}")
            yield k, v, f"{path}.{k}"
    elif isinstance(container, (list, tuple)):
        for i, v in enumerate(container):
            yield i, v, f"{path}[{i}]"
    else:
        _bad_data(path, f"{type(container).__name__} is not a JSON value")


class DataError(ValidationError):
    """A ``data`` value that JSON cannot hold; ``where`` is its path."""

    def __init__(self, where: str, reason: str):
        self.where = where
        self.reason = reason
        super().__init__([Problem("", "bad-data", f"{where}: {reason}")])


def _bad_data(path: str, message: str) -> NoReturn:
    raise DataError(path, message)


def _freeze_data(value: Any) -> FrozenDict:
    if type(value) is FrozenDict:  # frozen all the way down already
        return value if value else EMPTY
    if value is None:
        return EMPTY
    if isinstance(value, Mapping) and not value:
        return EMPTY
    return freeze(value)


def thaw(value: Any) -> Any:
    """The plain ``dict``/``list`` form of a frozen value (for JSON writers)."""
    if isinstance(value, Mapping):
        return {k: thaw(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return [thaw(v) for v in value]
    return value


def _to_score(value: Any) -> Any:
    """Scores are floats (so 1 and 1.0 are one score, written one way), and
    -0.0 is 0.0; anything else is left for validation to report."""
    if type(value) is float:
        return value + 0.0
    if type(value) is int:
        try:
            return float(value)
        except OverflowError:
            return value
    return value


def _tuple_of_str(value: Any) -> Any:
    if type(value) is tuple:
        return value
    if isinstance(value, str):
        return (value,)
    if isinstance(value, (list, tuple)):
        return tuple(value)
    return value  # reported by validation


# --------------------------------------------------------------------------
# Values

# Text must be printable: no control characters (tab and newline excepted), no
# surrogates, no Unicode noncharacters (XML, and so Graphviz, rejects them).
_BAD_CHAR = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(f"{chr(p * 0x10000 + 0xFFFE)}{chr(p * 0x10000 + 0xFFFF)}" for p in range(17))
    + "]"
)


# Cheap prefilters for _BAD_CHAR, whose 34 astral noncharacters make it a slow
# range scan (about 35 ns a character).  Every character it matches is
# unprintable (Cc, Cs or Cn), so text that str.isprintable() accepts (the
# usual case, a fast C loop) is clean.  Otherwise _SUSPECT, the same ranges
# below U+10000 plus every astral character, is a bitmap test per character;
# only what it flags (rare: emoji and the like) goes on to the exact pattern.
_SUSPECT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff\U00010000-\U0010ffff]")


def _has_bad_char(text: str) -> bool:
    return not text.isprintable() and _SUSPECT.search(text) is not None and _BAD_CHAR.search(text) is not None


def bad_char(text: str) -> str | None:
    """The first character of *text* that argmap refuses, as ``U+XXXX``, or None."""
    m = None if text.isprintable() or not _SUSPECT.search(text) else _BAD_CHAR.search(text)
    return f"U+{ord(m.group()):04X}" if m else None


_SURROGATE = re.compile("[\ud800-\udfff]")


class Kind(str, enum.Enum):
    """What a relation does to its target.

    ``SUPPORT`` and ``ATTACK`` are the everyday kinds.  ``ENTAILS``,
    ``CONTRARY`` and ``CONTRADICTORY`` are Argdown's strict relations between
    statements; they count as a support, an attack and an attack.
    """

    SUPPORT = "support"
    ATTACK = "attack"
    ENTAILS = "entails"
    CONTRARY = "contrary"
    CONTRADICTORY = "contradictory"

    @property
    def is_attack(self) -> bool:
        return self in _ATTACKS

    @property
    def polarity(self) -> Kind:
        """``Kind.SUPPORT`` or ``Kind.ATTACK``."""
        return Kind.ATTACK if self in _ATTACKS else Kind.SUPPORT

    def __str__(self) -> str:
        return self.value


_ATTACKS = frozenset({Kind.ATTACK, Kind.CONTRARY, Kind.CONTRADICTORY})


class Role(str, enum.Enum):
    """The part a claim plays, derived from the map's structure."""

    THESIS = "thesis"  # supports and attacks nothing: a root
    PREMISE = "premise"  # supports a claim
    OBJECTION = "objection"  # attacks a thesis or a premise
    REBUTTAL = "rebuttal"  # attacks an objection (or another rebuttal)
    UNDERCUTTER = "undercutter"  # attacks (or backs) an inference

    def __str__(self) -> str:
        return self.value


@attrs.frozen
class Quote:
    """Exact text from the source, with its character span ``[start, end)``
    when it has been located (``None`` when not)."""

    text: str
    start: int | None = None
    end: int | None = None


@attrs.frozen
class Source:
    """The text that was mapped."""

    text: str
    title: str | None = attrs.field(default=None, kw_only=True)
    url: str | None = attrs.field(default=None, kw_only=True)

    @classmethod
    def from_file(
        cls,
        path: str | PathLike[str],
        *,
        title: str | None = None,
        url: str | None = None,
        encoding: str = "utf-8",
        max_bytes: int | None = 512 * 1024 * 1024,
    ) -> Source:
        """Read a UTF-8 text file (line endings become ``\\n``).

        At most *max_bytes* bytes are read (None: no limit); a larger file, or
        a device or pipe that goes on past it, raises
        :class:`~argmap.errors.LimitError`.
        """
        if not isinstance(path, (str, PathLike)):
            msg = f"a source's path must be a str or os.PathLike, not {type(path).__name__}"
            raise ArgmapError(msg)
        try:
            with open(path, "rb") as f:
                data = f.read() if max_bytes is None else f.read(max_bytes + 1)
        except (OSError, ValueError) as e:
            raise ArgmapError(f"{path}: cannot read source: {getattr(e, 'strerror', None) or e}") from e
        if max_bytes is not None and len(data) > max_bytes:
            msg = f"{path}: the source is larger than max_bytes={max_bytes} bytes; pass max_bytes= (or --max-bytes) to raise the limit"
            raise LimitError(msg, limit="max_bytes", value=max_bytes)
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as e:
            raise ArgmapError(f"{path}: not valid {encoding} text at byte {e.start}") from e
        except LookupError as e:
            raise ArgmapError(f"unknown text encoding {encoding!r}") from e
        text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        return cls(text, title=title, url=url)

    def find(self, quote: str, start: int = 0) -> Quote | None:
        """The first occurrence of *quote* at or after *start*, located, or None."""
        i = self.text.find(quote, start) if quote else -1
        return None if i < 0 else Quote(quote, i, i + len(quote))

    def __repr__(self) -> str:
        text = self.text if len(self.text) <= 40 else self.text[:37] + "..."
        return f"Source({text!r}, title={self.title!r}, url={self.url!r})"


@attrs.frozen
class Claim:
    """One statement of the map."""

    id: str
    text: str
    quote: Quote | None = attrs.field(default=None, kw_only=True)
    tags: tuple[str, ...] = attrs.field(default=(), kw_only=True, converter=_tuple_of_str)
    data: FrozenDict = attrs.field(default=EMPTY, kw_only=True, converter=_freeze_data)
    base_score: float | None = attrs.field(default=None, kw_only=True, converter=_to_score)


def _as_kind(k: Kind | str) -> Any:
    """Relation's converter: a Kind, or what validation will report."""
    return k if type(k) is Kind else _to_kind(k)


@attrs.frozen
class Relation:
    """One inference step: *premises* together bear on *target*.

    Several premises are linked (they only work together); separate relations
    on one target are convergent.  When *target* names a relation, this
    relation is an undercut (attacking) or a backing (supporting) of that
    inference.
    """

    id: str
    kind: Kind = attrs.field(converter=_as_kind)
    premises: tuple[str, ...] = attrs.field(converter=_tuple_of_str)
    target: str
    scheme: str | None = attrs.field(default=None, kw_only=True)
    data: FrozenDict = attrs.field(default=EMPTY, kw_only=True, converter=_freeze_data)
    base_score: float | None = attrs.field(default=None, kw_only=True, converter=_to_score)

    @property
    def is_linked(self) -> bool:
        return len(self.premises) > 1

    @property
    def is_attack(self) -> bool:
        return self.kind in _ATTACKS

    @property
    def is_support(self) -> bool:
        return self.kind not in _ATTACKS


_KINDS = frozenset(k.value for k in Kind)


def _to_kind(k: Any) -> Any:
    return Kind(k) if isinstance(k, str) and k in _KINDS else k  # others: reported by validation


def _claims(claims: Iterable[Claim]) -> tuple[Claim, ...]:
    return tuple(claims)


def _relations(relations: Iterable[Relation]) -> tuple[Relation, ...]:
    return tuple(relations)


# --------------------------------------------------------------------------
# Fast constructors for hot paths (the builder, readers of large maps)
#
# attrs' generated __init__ for a frozen class sets each field through
# object.__setattr__ and runs every converter, even on values that are already
# canonical.  These helpers build the very same instances (equal, same type,
# every field set) by writing the slots directly.  Callers must pass canonical
# values: a Kind, a tuple, a FrozenDict.  Validation still happens, in
# ArgumentMap.


def _slot_setters(cls: type) -> tuple[Any, ...] | None:
    names = [a.name for a in attrs.fields(cls)]
    setters = [getattr(cls.__dict__.get(n), "__set__", None) for n in names]
    if not all(type(cls.__dict__.get(n)).__name__ == "member_descriptor" for n in names):
        return None  # not slotted as expected: use the regular constructor
    return tuple(setters)


_new = object.__new__
_CLAIM_SETTERS = _slot_setters(Claim)
_RELATION_SETTERS = _slot_setters(Relation)

if _CLAIM_SETTERS is not None and _RELATION_SETTERS is not None:
    _c_id, _c_text, _c_quote, _c_tags, _c_data, _c_score = _CLAIM_SETTERS
    _r_id, _r_kind, _r_premises, _r_target, _r_scheme, _r_data, _r_score = _RELATION_SETTERS

    def _new_claim(id: str, text: str, quote: Quote | None = None) -> Claim:
        """``Claim(id, text, quote=quote)``, without the converters."""
        c = _new(Claim)
        _c_id(c, id)
        _c_text(c, text)
        _c_quote(c, quote)
        _c_tags(c, ())
        _c_data(c, EMPTY)
        _c_score(c, None)
        return c

    def _new_relation(
        id: str, kind: Kind, premises: tuple[str, ...], target: str, scheme: str | None = None, base_score: Any = None
    ) -> Relation:
        """``Relation(id, kind, premises, target, scheme=..., base_score=...)``
        for a Kind and a tuple, without the converters."""
        r = _new(Relation)
        _r_id(r, id)
        _r_kind(r, kind)
        _r_premises(r, premises)
        _r_target(r, target)
        _r_scheme(r, scheme)
        _r_data(r, EMPTY)
        _r_score(r, base_score if base_score is None else _to_score(base_score))
        return r

else:  # pragma: no cover - a future attrs that lays slots out differently

    def _new_claim(id: str, text: str, quote: Quote | None = None) -> Claim:
        return Claim(id, text, quote=quote)

    def _new_relation(
        id: str, kind: Kind, premises: tuple[str, ...], target: str, scheme: str | None = None, base_score: Any = None
    ) -> Relation:
        return Relation(id, kind, premises, target, scheme=scheme, base_score=base_score)


def _text_problems(owner: str, field: str, text: Any, out: list[Problem], *, allow_empty: bool = False) -> None:
    if not isinstance(text, str):
        out.append(Problem(owner, "bad-type", f"{field} must be a string, not {type(text).__name__}"))
        return
    if not allow_empty and not text.strip():
        out.append(Problem(owner, "empty-text", f"{field} is empty"))
    if _has_bad_char(text):
        out.append(Problem(owner, "bad-char", f"{field} contains the control character {bad_char(text)}"))


def _score_problem(owner: str, score: Any, out: list[Problem]) -> None:
    if score is None:
        return
    if isinstance(score, bool) or not isinstance(score, (int, float)):
        out.append(Problem(owner, "bad-type", f"base score must be a number, not {type(score).__name__}"))
    elif not 0.0 <= score <= 1.0:  # also false for NaN
        out.append(Problem(owner, "bad-score", f"base score {score!r} is outside [0, 1]"))


def _quote_problems(owner: str, quote: Any, source: Source | None, out: list[Problem]) -> None:
    # Offsets are checked for type, sign, order and against the source's
    # length before anything uses them: a span is only ever compared by
    # slicing, never used to size anything.
    if not isinstance(quote, Quote):
        out.append(Problem(owner, "bad-type", f"quote must be a Quote, not {type(quote).__name__}"))
        return
    text, start, end = quote.text, quote.start, quote.end
    if not isinstance(text, str) or not text:
        out.append(Problem(owner, "bad-quote", "quote text must be a non-empty string"))
        return
    if _SURROGATE.search(text):
        out.append(Problem(owner, "bad-char", "quote text contains a lone surrogate (not valid Unicode text)"))
        return
    if (start is None) != (end is None):
        field = "quote.end" if end is None else "quote.start"
        out.append(Problem(owner, "bad-quote", f"quote span needs both start and end ({field} is missing)"))
        return
    if start is not None:
        assert end is not None  # both or neither, checked above
        for field, value in (("quote.start", start), ("quote.end", end)):
            if type(value) is not int:
                out.append(Problem(owner, "bad-quote", f"{field} must be an integer, not {type(value).__name__}"))
                return
        if start < 0:
            out.append(Problem(owner, "bad-quote", f"quote.start {start} is negative"))
            return
        if start > end:
            out.append(Problem(owner, "bad-quote", f"quote span {start}..{end} ends before it starts"))
            return
    if source is None:
        return
    if start is None:
        if text not in source.text:
            out.append(Problem(owner, "quote-not-in-source", f"quote {_short(text)} does not occur in the source"))
        return
    assert end is not None  # both or neither, checked above
    if end > len(source.text):
        out.append(
            Problem(
                owner,
                "bad-quote",
                f"quote.end {end} is past the end of the source ({len(source.text)} characters)",
            )
        )
    elif source.text[start:end] != text:
        hint = source.text.find(text)
        where = f" (it occurs at {hint}..{hint + len(text)})" if hint >= 0 else " (it does not occur in the source)"
        out.append(
            Problem(owner, "quote-mismatch", f"quote {_short(text)} is not in the source at {start}..{end}{where}")
        )


def _short(text: str, n: int = 40) -> str:
    return repr(text if len(text) <= n else text[: n - 3] + "...")


class _Roles(FrozenDict):
    """:attr:`ArgumentMap.roles`: a read-only mapping that, called as the
    method it once was, warns and returns itself."""

    __slots__ = ()

    def __call__(self) -> _Roles:
        msg = "ArgumentMap.roles is a property now: write m.roles, not m.roles()"
        warnings.warn(msg, DeprecationWarning, stacklevel=2)
        return self


@attrs.frozen(repr=False)
class ArgumentMap:
    """An argument map: claims and relations in order, an optional source and
    metadata.  Immutable, compared by value, and always valid.
    """

    claims: tuple[Claim, ...] = attrs.field(default=(), converter=_claims)
    relations: tuple[Relation, ...] = attrs.field(default=(), converter=_relations)
    title: str | None = attrs.field(default=None, kw_only=True)
    source: Source | None = attrs.field(default=None, kw_only=True)
    data: FrozenDict = attrs.field(default=EMPTY, kw_only=True, converter=_freeze_data)
    _index: dict[str, Claim | Relation] = attrs.field(init=False, eq=False, hash=False, repr=False)
    _cache: dict[str, Any] = attrs.field(init=False, eq=False, hash=False, repr=False)

    def __attrs_post_init__(self) -> None:
        index: dict[str, Claim | Relation] = {}
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_cache", {})
        problems = self._check(index)
        if problems:
            raise ValidationError(problems)

    # ---- validation -------------------------------------------------------

    def _check(self, index: dict[str, Claim | Relation]) -> list[Problem]:
        # One linear pass over claims, then two over relations.  The common
        # case (a well-formed item) is tested inline with cheap checks; any
        # doubt falls through to the exact, reporting helpers below, so every
        # problem is still found and worded the same way.
        out: list[Problem] = []
        source = self.source
        if self.title is not None:
            _text_problems("", "map title", self.title, out)
        if source is not None:
            if not isinstance(source, Source):
                out.append(Problem("", "bad-type", f"source must be a Source, not {type(source).__name__}"))
                source = None
            elif not isinstance(source.text, str):
                out.append(Problem("", "bad-type", "source text must be a string"))
                source = None
            else:
                if _SURROGATE.search(source.text):
                    out.append(Problem("", "bad-char", "source text contains a lone surrogate (not valid Unicode text)"))
                for field in ("title", "url"):
                    if getattr(source, field) is not None:
                        _text_problems("", f"source {field}", getattr(source, field), out)
        bad = _has_bad_char
        id_ok = self._id_ok
        for c in self.claims:
            if type(c) is not Claim:
                out.append(Problem("", "bad-type", f"claims must be Claim objects, not {type(c).__name__}"))
                continue
            cid = c.id
            if (type(cid) is not str or not cid or cid != cid.strip() or not cid.isprintable()) and not id_ok(cid, "claim", out):
                continue
            if cid in index:
                out.append(Problem(cid, "duplicate-id", "id is used more than once"))
            else:
                index[cid] = c
            text = c.text
            if type(text) is not str or not text.strip() or (not text.isprintable() and bad(text)):
                _text_problems(cid, "claim text", text, out)
            if c.quote is not None:
                _quote_problems(cid, c.quote, source, out)
            if c.base_score is not None:
                _score_problem(cid, c.base_score, out)
            if c.tags:
                if not isinstance(c.tags, tuple):
                    out.append(Problem(cid, "bad-type", "tags must be a sequence of strings"))
                else:
                    for t in c.tags:
                        _text_problems(cid, "tag", t, out)
        relations = self.relations
        for r in relations:
            if type(r) is not Relation:
                out.append(Problem("", "bad-type", f"relations must be Relation objects, not {type(r).__name__}"))
                continue
            rid = r.id
            if (type(rid) is not str or not rid or rid != rid.strip() or not rid.isprintable()) and not id_ok(rid, "relation", out):
                continue
            if rid in index:
                out.append(Problem(rid, "duplicate-id", "id is used more than once"))
            else:
                index[rid] = r
        get = index.get
        for r in relations:
            if type(r) is not Relation or not isinstance(r.id, str):
                continue
            # Fast path: a single claim premise bearing on another node, with
            # nothing optional set.  Everything else gets the full check.
            premises = r.premises
            if (
                type(premises) is tuple
                and len(premises) == 1
                and type(r.kind) is Kind
                and r.scheme is None
                and r.base_score is None
            ):
                p = premises[0]
                t = r.target
                if type(p) is str and type(get(p)) is Claim and type(t) is str and t in index and t != r.id and t != p:
                    continue
            self._relation_problems(r, index, out)
        if self.data is not EMPTY and not isinstance(self.data, FrozenDict):
            out.append(Problem("", "bad-type", "data must be a mapping"))
        return out

    @staticmethod
    def _id_ok(ident: Any, what: str, out: list[Problem]) -> bool:
        if (
            type(ident) is not str
            or not ident
            or ident != ident.strip()
            or _has_bad_char(ident)
            or "\n" in ident
            or "\t" in ident
        ):
            msg = f"{what} id {ident!r} must be a non-empty string without surrounding spaces or control characters"
            out.append(Problem(str(ident), "bad-id", msg))
            return False
        return True

    @staticmethod
    def _relation_problems(r: Relation, index: dict[str, Claim | Relation], out: list[Problem]) -> None:
        rid = r.id
        if not isinstance(r.kind, Kind):
            out.append(Problem(rid, "bad-kind", f"kind {r.kind!r} is not one of {', '.join(sorted(_KINDS))}"))
        premises = r.premises
        if not isinstance(premises, tuple) or not premises:
            out.append(Problem(rid, "no-premises", "a relation needs at least one premise"))
            premises = ()
        seen = set()
        for p in premises:
            if type(p) is not str:
                out.append(Problem(rid, "bad-type", f"premise ids must be strings, not {type(p).__name__}"))
                continue
            if p in seen:
                out.append(Problem(rid, "duplicate-premise", f"premise {p!r} is listed twice"))
            seen.add(p)
            node = index.get(p)
            if node is None:
                out.append(Problem(rid, "dangling-id", f"premise {p!r} is not a claim of the map"))
            elif type(node) is not Claim:
                out.append(Problem(rid, "bad-premise", f"premise {p!r} is a relation, not a claim"))
        t = r.target
        if type(t) is not str:
            out.append(Problem(rid, "bad-type", f"target must be an id string, not {type(t).__name__}"))
        elif t not in index:
            out.append(Problem(rid, "dangling-id", f"target {t!r} is not a claim or relation of the map"))
        elif t == rid:
            out.append(Problem(rid, "self-target", "relation targets itself"))
        elif t in seen and not (r.kind is Kind.ATTACK and len(premises) == 1):
            # A claim may attack itself (an abstract framework's att(a,a)); it
            # cannot support itself, nor be one of linked premises against itself.
            out.append(Problem(rid, "self-target", f"premise {t!r} targets itself"))
        if r.scheme is not None:
            _text_problems(rid, "scheme", r.scheme, out)
        if r.base_score is not None:
            _score_problem(rid, r.base_score, out)

    # ---- lookup -----------------------------------------------------------

    def __contains__(self, ident: object) -> bool:
        return ident in self._index

    def __getitem__(self, ident: str) -> Claim | Relation:
        """The claim or relation with id *ident*."""
        try:
            return self._index[ident]
        except (KeyError, TypeError):
            raise UnknownIdError(f"no claim or relation with id {ident!r}") from None

    def claim(self, ident: str) -> Claim:
        """The claim with id *ident* (:class:`UnknownIdError` if there is none)."""
        node = self._index.get(ident) if isinstance(ident, str) else None
        if type(node) is not Claim:
            raise UnknownIdError(f"no claim with id {ident!r}")
        return node

    def relation(self, ident: str) -> Relation:
        """The relation with id *ident* (:class:`UnknownIdError` if there is none)."""
        node = self._index.get(ident) if isinstance(ident, str) else None
        if type(node) is not Relation:
            raise UnknownIdError(f"no relation with id {ident!r}")
        return node

    # ---- structure (computed once, cached) --------------------------------

    def _adjacency(self) -> tuple[dict[str, list[Relation]], dict[str, list[Relation]]]:
        adj = self._cache.get("adj")
        if adj is None:
            into: dict[str, list[Relation]] = {}
            out: dict[str, list[Relation]] = {}
            for r in self.relations:
                into.setdefault(r.target, []).append(r)
                for p in r.premises:
                    out.setdefault(p, []).append(r)
            adj = self._cache["adj"] = (into, out)
        return adj

    def relations_into(self, ident: str) -> tuple[Relation, ...]:
        """The relations whose target is *ident* (a claim or a relation), in order."""
        self[ident]
        return tuple(self._adjacency()[0].get(ident, ()))

    def relations_from(self, claim_id: str) -> tuple[Relation, ...]:
        """The relations in which claim *claim_id* is a premise, in order."""
        self.claim(claim_id)
        return tuple(self._adjacency()[1].get(claim_id, ()))

    # Derived views are properties (``m.theses``, ``m.roles``), like the
    # stored ``m.claims``; lookups that take an id are methods (``m.role(id)``).

    @property
    def theses(self) -> tuple[Claim, ...]:
        """The theses: the claims that are premises of no relation, in order."""
        out = self._adjacency()[1]
        return tuple(c for c in self.claims if c.id not in out)

    @property
    def roots(self) -> tuple[Claim, ...]:
        """The claims that are premises of no relation: the map's roots as a
        graph, the same claims as :attr:`theses`."""
        return self.theses

    @property
    def roles(self) -> Mapping[str, Role]:
        """Each claim's role, keyed by claim id, in claim order.

        Calling it, ``m.roles()``, still works but is deprecated.
        """
        roles: Mapping[str, Role] | None = self._cache.get("roles")
        if roles is None:
            _into, out = self._adjacency()
            index = self._index
            roles = {}
            for c in self.claims:
                rels = out.get(c.id)
                if not rels:
                    roles[c.id] = Role.THESIS
                    continue
                r = rels[0]  # a claim's role follows its first relation
                target = index[r.target]
                if type(target) is Relation:
                    roles[c.id] = Role.UNDERCUTTER
                elif not r.is_attack:
                    roles[c.id] = Role.PREMISE
                else:
                    t_out = out.get(target.id)
                    attacker = t_out[0].is_attack if t_out else False
                    roles[c.id] = Role.REBUTTAL if attacker else Role.OBJECTION
            roles = self._cache["roles"] = _Roles._adopt(roles)
        return roles

    def role(self, claim_id: str) -> Role:
        """The role of claim *claim_id*: thesis if it bears on nothing, else
        what its first relation makes it (see :class:`Role`)."""
        self.claim(claim_id)
        return self.roles[claim_id]

    # ---- display ----------------------------------------------------------

    def __repr__(self) -> str:
        title = f" {self.title!r}" if self.title else ""
        return f"<ArgumentMap{title}: {len(self.claims)} claims, {len(self.relations)} relations>"

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None, **kwargs: Any) -> dict[str, str]:
        """Jupyter display: the diagram as SVG (when ``dot`` is installed) and
        the text tree."""
        from argmap import render

        return render.mimebundle(self, include=include, exclude=exclude)
