"""The value classes of the model: :class:`Quote`, :class:`Source`,
:class:`Claim` and :class:`Relation`, with the converters their fields use
and fast constructors for hot paths; :class:`Kind` and :class:`Role` are
:mod:`argmap._kinds`'s (which needs no attrs), re-exported here.

They are re-exported by :mod:`argmap.model` (their ``__module__``), where
they are documented; whether a value is valid is checked by the map that
holds it (:mod:`argmap._validation`).
"""

from __future__ import annotations

import operator
from collections import deque
from itertools import compress, repeat
from os import PathLike
from typing import Any

import attrs

from argmap._data import EMPTY, FrozenDict, _freeze_data
from argmap._kinds import _ATTACKS as _ATTACKS
from argmap._kinds import Kind as Kind
from argmap._kinds import Role as Role
from argmap.errors import ArgmapError, LimitError

__all__ = ["Claim", "Kind", "Quote", "Relation", "Role", "Source"]


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


@attrs.frozen
class Quote:
    """Exact text from the source, with its character span ``[start, end)``
    when it has been located (``None`` when not)."""

    text: str
    start: int | None = None
    end: int | None = None


def _read_at_most(f: Any, n: int) -> bytes:
    """Up to *n* bytes of binary file *f*, in reads of 4 MiB at most (one
    read of *n* would first allocate *n* bytes, whatever the file holds)."""
    parts: list[bytes] = []
    while n > 0:
        chunk = f.read(min(n, 1 << 22))
        if not chunk:
            break
        parts.append(chunk)
        n -= len(chunk)
    return b"".join(parts)


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
        if max_bytes is not None and (type(max_bytes) is not int or max_bytes < 0):
            raise ArgmapError(f"max_bytes must be a whole number of bytes >= 0 or None, not {max_bytes!r}")
        try:
            with open(path, "rb") as f:
                data = f.read() if max_bytes is None else _read_at_most(f, max_bytes + 1)
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

    # For many items at once, each field is written to all of them in one
    # pass that runs in C (map over the slot's setter), not one Python
    # statement an item and a field.

    def _new_claims(ids: list[Any], texts: list[Any]) -> list[Claim]:
        """``[_new_claim(i, t) for i, t in zip(ids, texts)]``, in bulk."""
        n = len(ids)
        out = list(map(_new, repeat(Claim, n)))
        for setter, values in (
            (_c_id, ids),
            (_c_text, texts),
            (_c_quote, repeat(None)),
            (_c_tags, repeat(())),
            (_c_data, repeat(EMPTY)),
            (_c_score, repeat(None)),
        ):
            deque(map(setter, out, values), maxlen=0)
        return out

    def _new_relations(
        ids: list[Any], kinds: list[Any], premises: list[Any], targets: list[Any], linked: list[int] | None = None
    ) -> list[Relation]:
        """Relations with no options, in bulk; a premise that is not a tuple
        is the id of the only premise.  *linked*, if given, lists where
        *premises* holds tuples (else they are looked for)."""
        n = len(ids)
        out = list(map(_new, repeat(Relation, n)))
        tuples = list(zip(premises))  # (id,) for one premise...
        if linked is None:
            linked = list(compress(range(n), map(operator.is_, map(type, premises), repeat(tuple))))
        for i in linked:
            tuples[i] = premises[i]  # ...and linked premises as they are
        for setter, values in (
            (_r_id, ids),
            (_r_kind, kinds),
            (_r_premises, tuples),
            (_r_target, targets),
            (_r_scheme, repeat(None)),
            (_r_data, repeat(EMPTY)),
            (_r_score, repeat(None)),
        ):
            deque(map(setter, out, values), maxlen=0)
        return out

else:  # pragma: no cover - a future attrs that lays slots out differently

    def _new_claim(id: str, text: str, quote: Quote | None = None) -> Claim:
        return Claim(id, text, quote=quote)

    def _new_relation(
        id: str, kind: Kind, premises: tuple[str, ...], target: str, scheme: str | None = None, base_score: Any = None
    ) -> Relation:
        return Relation(id, kind, premises, target, scheme=scheme, base_score=base_score)

    def _new_claims(ids: list[Any], texts: list[Any]) -> list[Claim]:
        return [Claim(id, text) for id, text in zip(ids, texts)]

    def _new_relations(
        ids: list[Any], kinds: list[Any], premises: list[Any], targets: list[Any], linked: list[int] | None = None
    ) -> list[Relation]:
        return [
            Relation(id, kind, ps if type(ps) is tuple else (ps,), target)
            for id, kind, ps, target in zip(ids, kinds, premises, targets)
        ]
