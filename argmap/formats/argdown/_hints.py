"""The Argdown writers' hints: what an Argdown reading keeps in ``data["argdown"]``.

The Argdown reader leaves there what argmap's model has no field for (an
argument's title and descriptions, further wordings, inference rules, ...),
so that writing the map as Argdown gives the document back.  A map read from
JSON may carry anything under that key: the writers take only the hints whose
shape the reader gives them, and :func:`unusable` names the others (the
Argdown writer says they are not written).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from argmap.model import ArgumentMap, Claim, Relation, thaw

__all__ = ["hints", "unusable"]


def _string(v: Any) -> bool:
    return isinstance(v, str)


def _strings(v: Any) -> bool:
    return isinstance(v, list) and all(isinstance(x, str) for x in v)


def _list(v: Any) -> bool:
    return isinstance(v, list)


# the hints whose values the writers use as text or as lists (the others
# they only test, compare or hand on as data)
_CLAIM: dict[str, tuple[Callable[[Any], bool], str]] = {
    "title": (_string, "a string"),
    "wordings": (_strings, "a list of strings"),
}
_RELATION: dict[str, tuple[Callable[[Any], bool], str]] = {
    "argument": (_string, "a string"),
    "title": (_string, "a string"),
    "description": (_string, "a string"),
    "descriptions": (_strings, "a list of strings"),
    "tags": (_strings, "a list of strings"),
    "rules": (_list, "a list"),
}


def _raw(x: ArgumentMap | Claim | Relation) -> Any:
    d = x.data.get("argdown") if x.data else None
    return thaw(d) if d is not None else None


def _shape(x: ArgumentMap | Claim | Relation) -> dict[str, tuple[Callable[[Any], bool], str]]:
    return _CLAIM if isinstance(x, Claim) else _RELATION if isinstance(x, Relation) else {}


def hints(x: ArgumentMap | Claim | Relation) -> dict[str, Any]:
    """*x*'s Argdown hints that have the shape the reader gives them."""
    d = _raw(x)
    if not isinstance(d, dict):
        return {}
    shape = _shape(x)
    return {k: v for k, v in d.items() if k not in shape or shape[k][0](v)}


def unusable(x: ArgumentMap | Claim | Relation) -> list[str]:
    """What of *x*'s ``data["argdown"]`` :func:`hints` leaves out, each said
    as a sentence's subject (``"data 'argdown' (not a mapping)"``)."""
    d = _raw(x)
    if d is None or d == {}:
        return []
    if not isinstance(d, dict):
        return ["data 'argdown' (not a mapping)"]
    shape = _shape(x)
    return [f"data 'argdown' {k!r} (not {shape[k][1]})" for k, v in d.items() if k in shape and not shape[k][0](v)]
