"""The one place where argmap runs Graphviz's ``dot`` program.

Nothing else in argmap starts a subprocess: DOT text needs no program, and
every SVG, PNG or PDF comes from :func:`run_dot`.
"""

from __future__ import annotations

import shutil
import subprocess

from argmap.errors import ArgmapError, ExecutableNotFound, FormatError

__all__ = ["DOT", "OUTPUT_FORMATS", "have_dot", "run_dot"]

#: The program that lays out and draws the graph.
DOT = "dot"

#: The output formats argmap asks ``dot`` for.
OUTPUT_FORMATS = ("svg", "png", "pdf")


def have_dot() -> bool:
    """Whether the ``dot`` program is on PATH."""
    return shutil.which(DOT) is not None


def run_dot(source: str, format: str) -> bytes:
    """Lay out and draw DOT *source* as *format* (one of :data:`OUTPUT_FORMATS`).

    Raises :class:`~argmap.errors.ExecutableNotFound` when ``dot`` is not
    installed, and :class:`~argmap.errors.ArgmapError` with ``dot``'s own
    message when it fails.
    """
    if format not in OUTPUT_FORMATS:
        msg = f"cannot draw format {format!r}; known formats: {', '.join(OUTPUT_FORMATS)}"
        raise FormatError(msg)
    cmd = [DOT, f"-T{format}"]
    try:
        proc = subprocess.run(cmd, input=source.encode("utf-8"), capture_output=True, check=False)
    except FileNotFoundError:
        raise ExecutableNotFound(DOT) from None
    except OSError as e:
        msg = f"cannot run {DOT!r}: {e.strerror or e}"
        raise ArgmapError(msg) from e
    if proc.returncode != 0:
        err = proc.stderr.decode("utf-8", "replace").strip() or "no message"
        msg = f"{DOT} -T{format} failed (exit status {proc.returncode}): {err}"
        raise ArgmapError(msg)
    return proc.stdout
