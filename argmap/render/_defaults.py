"""The limits of drawing with ``dot``, defined apart from the backend that
applies them, so that the library's signatures and the command's options can
name them without loading :mod:`argmap.render.backend` (and ``subprocess``)."""

from __future__ import annotations

__all__ = ["MIN_TEXT_PX", "TIMEOUT"]

#: Seconds ``dot`` may run by default (``timeout=``, ``argmap render --timeout``).
#: A map of thousands of claims takes seconds; a hostile one could take hours.
TIMEOUT = 120.0

#: The smallest text a PNG or PDF may have, in pixels at 1:1 (96 an inch),
#: once a large map is scaled to fit the image size limits
#: (``min_text_px=``, ``argmap render --min-text-px``).
MIN_TEXT_PX = 8.0
