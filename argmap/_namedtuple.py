"""``typing.NamedTuple``'s class syntax, without loading :mod:`typing`.

The modules that ``argmap render`` loads at every start (the errors, the
format table, the palette, the tree layout) declare a few named tuples.
:mod:`typing` costs about 3 ms of the command's start (with its teardown at
exit), while the named tuples need none of it: here, the class statement
``class Box(NamedTuple): ...`` makes the same class as typing's, by the
same steps: :func:`collections.namedtuple` of the annotated fields (those
given a value are the defaults), with the annotations, the docstring and
the methods of the class body (typing's also keeps ``__orig_bases__``, the
class statement's bases).  The type checker reads ``typing``'s own.

>>> class Point(NamedTuple):
...     "A point."
...
...     x: float
...     y: float = 0.0
...
...     def norm(self) -> float:
...         return abs(self.x) + abs(self.y)
>>> p = Point(3.0)
>>> p, p.norm(), Point._fields, Point.__doc__
(Point(x=3.0, y=0.0), 3.0, ('x', 'y'), 'A point.')
"""

from __future__ import annotations

import collections

TYPE_CHECKING = False  # (typing.TYPE_CHECKING, without importing typing)
if TYPE_CHECKING:
    from typing import Any
    from typing import NamedTuple as NamedTuple

__all__ = ["NamedTuple"]

#: What the class body may not set (typing refuses them too), and what it
#: sets that is not copied onto the class.
_PROHIBITED = frozenset({"__new__", "__init__", "__slots__", "__getnewargs__", "_fields", "_field_defaults"})
_PROHIBITED |= {"_make", "_replace", "_asdict", "_source"}
_SPECIAL = frozenset({"__module__", "__name__", "__annotations__"})


class _NamedTupleMeta(type):
    """Makes each class that derives from :data:`NamedTuple` a named tuple
    (what ``typing.NamedTupleMeta`` does, for classes without type
    parameters)."""

    def __new__(cls, typename: str, bases: tuple[type, ...], ns: dict[str, Any]) -> Any:
        if bases != (_NamedTuple,):
            raise TypeError("can only inherit from a NamedTuple type")
        fields: dict[str, Any] = ns.get("__annotations__", {})
        default_names: list[str] = []
        for name in fields:
            if name in ns:
                default_names.append(name)
            elif default_names:
                s = "s" if len(default_names) > 1 else ""
                msg = f"Non-default namedtuple field {name} cannot follow default field{s} {', '.join(default_names)}"
                raise TypeError(msg)
        tuple_type = _namedtuple(
            typename, list(fields), defaults=[ns[n] for n in default_names], module=ns["__module__"]
        )
        tuple_type.__annotations__ = tuple_type.__new__.__annotations__ = dict(fields)
        for key, value in ns.items():
            if key in _PROHIBITED:
                raise AttributeError("Cannot overwrite NamedTuple attribute " + key)
            if key not in _SPECIAL and key not in fields:
                setattr(tuple_type, key, value)
        return tuple_type


#: (Called by another name: the type checker reads a call of
#: ``collections.namedtuple`` as a class statement of literal fields.)
_namedtuple: Any = collections.namedtuple

_NamedTuple = type.__new__(_NamedTupleMeta, "NamedTuple", (), {})

if not TYPE_CHECKING:
    NamedTuple = _NamedTuple
