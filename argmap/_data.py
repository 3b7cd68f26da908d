"""Read-only JSON-like data: the ``data`` field of maps, claims and relations.

:class:`FrozenDict` is a hashable mapping whose equality tells JSON's types
apart; :func:`freeze` makes one from any JSON-like value (checking it) and
:func:`thaw` turns it back into plain dicts and lists.  The names are
re-exported by :mod:`argmap.model`, where they are documented.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping
from typing import Any, NoReturn

from argmap.errors import DataError as DataError  # defined in errors.py, re-exported here
from argmap.errors import ValidationError

__all__ = ["EMPTY", "MAX_DEPTH", "DataError", "FrozenDict", "freeze", "thaw"]

_SURROGATE = re.compile("[\ud800-\udfff]")


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


class _WithEdges(FrozenDict):
    """A relation's ``data`` as the AIF reader leaves it: the fields of its
    node, and its edges' fields under ``"edges"``, the dict made when it is
    first read.

    A large AIF document has an edge or two a relation, each with fields of
    its own (an edge id, a form edge id): made at once, they would be a
    FrozenDict each and a tuple a relation, hundreds of thousands of objects
    that Python's cyclic collector scans again at exit, though most programs
    never read them.  Until read, this keeps the node's fields and the edges'
    parsed dicts as they are.  Everything a FrozenDict does goes through its
    dict (``_d``), which :meth:`__getattr__` makes on first use, so this is
    one in every way but its type.
    """

    # The AIF reader makes one without a call: object.__new__, then the
    # slots' setters for _fields (the node's fields, canonical, owned),
    # _premises (its premise's edge's fields, or a tuple of its linked
    # premises' edges' fields) and _last (its conclusion's edge's fields):
    # dicts of canonical values, owned, {} for an edge without fields.
    __slots__ = ("_fields", "_last", "_premises")
    _fields: dict[str, Any] | None
    _premises: dict[str, Any] | tuple[dict[str, Any], ...]
    _last: dict[str, Any]

    def __getattr__(self, name: str) -> Any:
        # Called only when an attribute is not found: here, _d not made
        # yet, or the hash and key not computed yet (the reader sets
        # neither: one call fewer a relation).
        if name != "_d":
            if name == "_h" or name == "_k":
                return None
            raise AttributeError(name)
        fields = self._fields
        if fields is None:  # made meanwhile, by another thread
            return object.__getattribute__(self, "_d")
        d = dict(fields)
        d["edges"] = tuple([FrozenDict._adopt(e) if e else EMPTY for e in self._edges()])
        self._d = d
        self._fields = None
        return d

    def __reduce__(self) -> tuple[Any, ...]:
        return _adopted, (self._d,)

    def _edges(self) -> tuple[dict[str, Any], ...]:
        """The edges' fields as the reader left them (dicts; ``{}`` for an
        edge without fields), premises first: what ``data["edges"]`` is
        made of."""
        premises = self._premises
        return (*premises, self._last) if isinstance(premises, tuple) else (premises, self._last)


def _adopted(d: dict[str, Any]) -> FrozenDict:
    """A FrozenDict of *d* (canonical already), for unpickling."""
    return FrozenDict._adopt(d)


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


def _bad_data(path: str, message: str) -> NoReturn:
    raise DataError(path, message)


def _freeze_data(value: Any) -> FrozenDict:
    if type(value) is FrozenDict or type(value) is _WithEdges:  # frozen all the way down already
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
