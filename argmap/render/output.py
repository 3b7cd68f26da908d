"""Drawings of a map: bytes from ``dot``, files, and Jupyter display."""

from __future__ import annotations

import os
from os import PathLike

from argmap.errors import ArgmapError, ArgmapWarning, FormatError
from argmap.render._defaults import MIN_TEXT_PX, TIMEOUT

TYPE_CHECKING = False  # (typing.TYPE_CHECKING, without importing typing)
if TYPE_CHECKING:
    from collections.abc import Container
    from pathlib import Path
    from typing import Any

    from argmap.model import ArgumentMap

# The renderers and the backend are imported where they are used: a drawing
# with the tree layout loads neither ``subprocess`` nor the DOT writer.

__all__ = ["FILE_FORMATS", "mimebundle", "pipe", "render", "to_svg"]

#: File suffix -> format that :func:`render` writes.
FILE_FORMATS = {".svg": "svg", ".png": "png", ".pdf": "pdf", ".dot": "dot", ".gv": "dot", ".mmd": "mermaid"}

_FORMAT_NAMES = ("svg", "png", "pdf", "dot", "mermaid")


def pipe(
    m: ArgumentMap,
    format: str,
    *,
    timeout: float | None = TIMEOUT,
    min_text_px: float = MIN_TEXT_PX,
    **options: Any,
) -> bytes:
    """*m* drawn by ``dot`` as *format* (``"svg"``, ``"png"`` or ``"pdf"``).

    *options* are :func:`~argmap.render.to_dot`'s.  Needs the ``dot`` program
    (:class:`~argmap.errors.ExecutableNotFound` says how to install it).
    ``dot`` may run *timeout* seconds (default 120; ``None`` or 0: no limit),
    then it is stopped and :class:`~argmap.errors.LimitError` raised.
    What ``dot`` warns about comes as an :class:`~argmap.errors.ArgmapWarning`.
    A PNG or PDF too large for Graphviz (PNG: 32,767 pixels a side) or for a
    PDF page (200 inches) is scaled down to fit, or refused with
    :class:`~argmap.errors.LimitError` when its smallest text would be under
    *min_text_px* pixels (default 8; 0: any size).
    """
    from argmap.render.backend import run_dot
    from argmap.render.dot import to_dot

    return run_dot(to_dot(m, **options), format, timeout=timeout, min_text_px=min_text_px)


def to_svg(m: ArgumentMap, *, timeout: float | None = TIMEOUT, **options: Any) -> str:
    """*m* drawn as SVG text (needs the ``dot`` program; *timeout* as :func:`pipe`'s)."""
    return pipe(m, "svg", timeout=timeout, **options).decode("utf-8")


def render(
    m: ArgumentMap,
    path: str | PathLike[str],
    *,
    format: str | None = None,
    timeout: float | None = TIMEOUT,
    layout: str = "auto",
    min_text_px: float = MIN_TEXT_PX,
    **options: Any,
) -> Path:
    """Draw *m* into the file *path* and return the path.

    The format comes from the suffix (``.svg``, ``.png``, ``.pdf``,
    ``.dot``/``.gv`` for the DOT text, or ``.mmd`` for Mermaid) unless
    *format* names one.  The file is
    written atomically: if ``dot`` fails, nothing is written; a device, a
    FIFO or ``/dev/stdout`` is written through, never replaced (a failure is
    a :class:`~argmap.errors.WriteError`).  *timeout* and *min_text_px* are
    :func:`pipe`'s: a PNG or PDF is legible or not written.
    *options* are :func:`~argmap.render.to_dot`'s, ``evaluation=`` included
    (the results of :func:`argmap.semantics.evaluate` drawn onto the claims).
    *layout* says who lays out an SVG: ``"dot"`` (Graphviz), ``"tree"``
    (argmap's own linear-time tree layout, no Graphviz needed, SVG only) or
    ``"auto"`` (the default: dot up to
    :data:`~argmap.render.layout.AUTO_MAX_CLAIMS` claims when it is
    installed, the tree layout otherwise).
    """
    from pathlib import Path

    path = Path(path)
    if format is None:
        fmt = FILE_FORMATS.get(path.suffix.lower())
        if fmt is None:
            known = ", ".join(FILE_FORMATS)
            what = f"unknown file suffix {path.suffix!r}" if path.suffix else "no file suffix"
            msg = f"{what}; known suffixes: {known}; pass format= to choose one"
            raise FormatError(msg, path=os.fspath(path))
    elif format in _FORMAT_NAMES or format == "gv":
        fmt = "dot" if format == "gv" else format
    else:
        msg = f"unknown drawing format {format!r}; known formats: {', '.join(_FORMAT_NAMES)}"
        raise FormatError(msg, path=os.fspath(path))
    from argmap._files import atomic_write
    from argmap.render.layout import choose_layout

    if choose_layout(m, layout, fmt, have_dot=have_dot) == "tree":
        from argmap.render.layout import to_tree_svg

        data = to_tree_svg(m, **options).encode("utf-8")
    elif fmt == "dot":
        from argmap.render.dot import to_dot

        data = to_dot(m, **options).encode("utf-8")
    elif fmt == "mermaid":
        from argmap.render.mermaid import to_mermaid

        data = to_mermaid(m, **options).encode("utf-8")
    else:
        data = pipe(m, fmt, timeout=timeout, min_text_px=min_text_px, **options)
    atomic_write(path, data)
    return path


def have_dot() -> bool:
    """Whether Graphviz's ``dot`` program is installed (see
    :func:`argmap.render.backend.have_dot`, loaded on the first call)."""
    from argmap.render import backend

    return backend.have_dot()


def mimebundle(
    m: ArgumentMap,
    include: Container[str] | None = None,
    exclude: Container[str] | None = None,
) -> dict[str, str]:
    """Jupyter's display data for *m*: ``"image/svg+xml"`` when ``dot`` is
    installed, and always ``"text/plain"`` (the text tree), filtered by
    *include* and *exclude*."""

    def wanted(mime: str) -> bool:
        return (include is None or mime in include) and (exclude is None or mime not in exclude)

    import warnings

    from argmap.render import backend
    from argmap.render.text import to_text

    bundle: dict[str, str] = {}
    if wanted("image/svg+xml") and backend.have_dot():
        try:
            bundle["image/svg+xml"] = to_svg(m)
        except ArgmapError as e:  # dot vanished or failed: say so, show the text
            warnings.warn(f"cannot draw the map: {e}", ArgmapWarning, stacklevel=2)
    if wanted("text/plain"):
        bundle["text/plain"] = to_text(m)
    return bundle
