"""The ``argdown-json`` format: write-only, the reference's ``argdown json`` shape.

See :mod:`argmap.formats.argdown._json`; :func:`from_argdown` and
:func:`from_argdown_file` go from Argdown text straight to it (what
``argmap convert FILE.argdown OUT.argdown.json`` does).  ``dumps``,
``loads`` and ``to_data`` are imported on first use, so that the straight
way loads nothing of the map's writers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from argmap.formats.argdown._doc_json import from_argdown, from_argdown_file

if TYPE_CHECKING:
    from argmap.formats.argdown._json import dumps, loads, to_data

__all__ = ["dumps", "from_argdown", "from_argdown_file", "loads", "to_data"]


def __getattr__(name: str) -> Any:
    if name in ("dumps", "loads", "to_data"):
        from argmap.formats.argdown import _json

        return getattr(_json, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
