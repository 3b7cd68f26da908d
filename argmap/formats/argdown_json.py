"""The ``argdown-json`` format: write-only, the reference's ``argdown json`` shape.

See :mod:`argmap.formats.argdown._json`.
"""

from argmap.formats.argdown._json import dumps, loads, to_data

__all__ = ["dumps", "loads", "to_data"]
