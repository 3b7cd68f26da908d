"""The ``argdown-json`` format: write-only, the reference's ``argdown json`` shape.

See :mod:`argmap.formats.argdown._json`; :func:`from_argdown` and
:func:`from_argdown_file` go from Argdown text straight to it (what
``argmap convert FILE.argdown OUT.argdown.json`` does).
"""

from argmap.formats.argdown._doc_json import from_argdown, from_argdown_file
from argmap.formats.argdown._json import dumps, loads, to_data

__all__ = ["dumps", "from_argdown", "from_argdown_file", "loads", "to_data"]
