"""The one place where argmap runs Graphviz's ``dot`` program.

Nothing else in argmap starts a subprocess: DOT text needs no program, and
every SVG, PNG or PDF comes from :func:`run_dot`.  ``dot`` runs in a process
group of its own, under a time limit (:data:`TIMEOUT` seconds unless
``timeout=`` says otherwise), and never outlives the call: on the time
limit, on Ctrl-C and on SIGTERM its process group is killed and waited for.

A PNG or PDF is legible or not written: Graphviz draws PNG at most 32,767
pixels a side and a PDF page is at most 200 inches a side, so a larger map
is scaled down to fit, and when that would leave its smallest text under
*min_text_px* pixels (:data:`MIN_TEXT_PX`, at 96 pixels an inch) the
drawing is refused with a :class:`~argmap.errors.LimitError` that offers SVG
or the report instead.
"""

from __future__ import annotations

import contextlib
import math
import os
import shutil
import signal
import subprocess
import warnings

from argmap._files import signals_raise
from argmap.errors import (
    ArgmapError,
    ArgmapWarning,
    ExecutableNotFound,
    FormatError,
    LimitError,
)
from argmap.render import style
from argmap.render._defaults import MIN_TEXT_PX, TIMEOUT

__all__ = ["DOT", "IMAGE_LIMITS", "MIN_TEXT_PX", "OUTPUT_FORMATS", "TIMEOUT", "have_dot", "run_dot"]

#: The program that lays out and draws the graph.
DOT = "dot"

#: The output formats argmap asks ``dot`` for.
OUTPUT_FORMATS = ("svg", "png", "pdf")

#: The largest drawing of each image format, in inches a side (at 96 pixels
#: an inch), and why: ``dot`` scales a larger map down to fit.
IMAGE_LIMITS = {
    "png": (341.3, "Graphviz draws PNG at most 32,767 pixels a side"),  # 32,765 px
    "pdf": (200.0, "a PDF page is at most 200 inches (14,400 pt) a side"),
}

#: :data:`TIMEOUT` (seconds ``dot`` may run by default) and :data:`MIN_TEXT_PX`
#: (the smallest text of a PNG or PDF scaled to fit :data:`IMAGE_LIMITS`)
#: live in :mod:`argmap.render._defaults`, which loads nothing.

#: The smallest text argmap draws, in points (role captions, edge labels).
TEXT_PT = min(style.CAPTION_FONT_SIZE, style.EDGE_FONT_SIZE, style.FONT_SIZE, style.RESULT_FONT_SIZE)

#: At most this many lines of ``dot``'s warnings become warnings of their own.
MAX_WARNINGS = 10


def have_dot() -> bool:
    """Whether the ``dot`` program is on PATH."""
    return shutil.which(DOT) is not None


def check_timeout(timeout: float | None) -> float | None:
    """*timeout* as seconds to wait, or None for no limit (``None`` or 0).

    >>> check_timeout(0) is None, check_timeout(2)
    (True, 2.0)
    >>> check_timeout(-1)
    Traceback (most recent call last):
    ...
    ValueError: timeout must be a number of seconds >= 0 (0 or None: no limit), not -1
    """
    if timeout is None:
        return None
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)):
        msg = f"timeout must be a number of seconds or None, not {type(timeout).__name__}"
        raise TypeError(msg)
    if math.isnan(timeout) or timeout < 0:
        msg = f"timeout must be a number of seconds >= 0 (0 or None: no limit), not {timeout!r}"
        raise ValueError(msg)
    return None if timeout == 0 or math.isinf(timeout) else float(timeout)


def run_dot(
    source: str,
    format: str,
    *,
    timeout: float | None = TIMEOUT,
    min_text_px: float = MIN_TEXT_PX,
) -> bytes:
    """Lay out and draw DOT *source* as *format* (one of :data:`OUTPUT_FORMATS`).

    ``dot`` may run *timeout* seconds (``None`` or 0: no limit); past that it
    is killed and :class:`~argmap.errors.LimitError` (``limit="timeout"``)
    raised.  Each line ``dot`` writes to standard error when it succeeds
    comes as an :class:`~argmap.errors.ArgmapWarning`.

    A PNG or PDF larger than :data:`IMAGE_LIMITS` is scaled down to fit; if
    its smallest text would then be under *min_text_px* pixels,
    :class:`~argmap.errors.LimitError` (``limit="min_text_px"``) is raised
    instead (0: any size is drawn).

    Raises :class:`~argmap.errors.ExecutableNotFound` when ``dot`` is not
    installed, and :class:`~argmap.errors.ArgmapError` with ``dot``'s own
    message when it fails.
    """
    if format not in OUTPUT_FORMATS:
        msg = f"cannot draw format {format!r}; known formats: {', '.join(OUTPUT_FORMATS)}"
        raise FormatError(msg)
    seconds = check_timeout(timeout)
    if isinstance(min_text_px, bool) or not isinstance(min_text_px, (int, float)) or not min_text_px >= 0:
        msg = f"min_text_px must be a number of pixels >= 0, not {min_text_px!r}"
        raise ValueError(msg)
    cmd = [DOT, f"-T{format}"]
    if format in IMAGE_LIMITS:
        # Scaled down to fit (dot's size=), and the layout's size and scale
        # first (-Tplain, which ends with a line "stop"), to check the text.
        side = IMAGE_LIMITS[format][0]
        cmd = [DOT, f"-Gsize={side:g},{side:g}", "-Tplain", f"-T{format}"]
    proc: subprocess.Popen[bytes] | None = None
    out: bytes  # communicate() is typed as returning Any
    err: bytes
    with signals_raise():  # SIGTERM raises here, so that dot is stopped below
        try:
            # Bound to a name before it starts, so that a signal that comes
            # while Popen waits for the program to start still finds it to kill.
            popen = subprocess.Popen
            proc = popen.__new__(popen)
            proc.__init__(  # type: ignore[misc]  # calling __init__ on the instance made above, on purpose
                cmd,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                start_new_session=True,  # its own process group: killed whole
            )
            out, err = proc.communicate(source.encode("utf-8"), timeout=seconds)
        except FileNotFoundError:
            raise ExecutableNotFound(DOT) from None
        except subprocess.TimeoutExpired:
            _stop(proc)
            assert seconds is not None  # without a limit communicate() does not time out
            msg = (
                f"{DOT} took longer than timeout={seconds:g} seconds to draw the map; "
                "pass timeout= (on the command line --timeout SECONDS) to allow more, "
                "or 0 for no limit"
            )
            raise LimitError(msg, limit="timeout", value=seconds) from None
        except OSError as e:
            _stop(proc)
            msg = f"cannot run {DOT!r}: {e.strerror or e}"
            raise ArgmapError(msg) from e
        except BaseException:
            _stop(proc)
            raise
    messages = err.decode("utf-8", "replace").strip()
    if proc.returncode != 0:
        status = f"killed by signal {-proc.returncode}" if proc.returncode < 0 else f"exit status {proc.returncode}"
        msg = f"{DOT} -T{format} failed ({status}): {messages or 'no message'}"
        raise ArgmapError(msg)
    _warn(messages)
    if format in IMAGE_LIMITS:
        out = _check_legible(out, format, min_text_px)
    return out


def _check_legible(out: bytes, format: str, min_text_px: float) -> bytes:
    """The image after ``dot``'s plain layout in *out*, if its smallest text
    is at least *min_text_px* pixels; :class:`LimitError` if not."""
    end = out.find(b"\nstop\n")
    head = out[: out.find(b"\n")].split() if end >= 0 else []
    try:
        scale, width, height = (float(x) for x in head[1:4])
    except ValueError:
        head = []
    if len(head) < 4 or head[0] != b"graph":
        msg = f"{DOT} -T{format} wrote no layout size before the image"
        raise ArgmapError(msg)
    text = TEXT_PT * 96 / 72 * scale
    if scale < 1 and text < min_text_px:
        why = IMAGE_LIMITS[format][1]
        unit, per_inch = ("px", 96) if format == "png" else ("pt", 72)
        msg = (
            f"the map is too large to draw legibly as {format.upper()}: it is "
            f"{width * per_inch:,.0f} x {height * per_inch:,.0f} {unit} at full size and {why}; "
            f"scaled to fit ({scale:.0%}) its smallest text would be {text:.1f} px, under min_text_px={min_text_px:g}. "
            "Write SVG instead (an .svg file, --format svg) or the report (argmap report), "
            "or pass min_text_px= (on the command line --min-text-px PIXELS) to accept smaller text, 0 for any size"
        )
        raise LimitError(msg, limit="min_text_px", value=min_text_px)
    return out[end + len(b"\nstop\n") :]


def _stop(proc: subprocess.Popen[bytes] | None) -> None:
    """Kill *proc*'s process group (``dot`` and anything it started), and
    wait for it, so that no ``dot`` outlives the call."""
    if proc is None or getattr(proc, "pid", None) is None:
        return  # no process was started
    try:
        if hasattr(os, "killpg"):
            os.killpg(proc.pid, signal.SIGKILL)
        else:  # pragma: no cover - Windows
            proc.kill()
    except (ProcessLookupError, PermissionError):
        pass  # already gone
    for stream in (proc.stdin, proc.stdout, proc.stderr):
        if stream is not None:
            with contextlib.suppress(OSError):
                stream.close()
    proc.wait()


def _warn(messages: str) -> None:
    """Pass on what ``dot`` wrote to standard error, one warning a line."""
    stripped = (line.strip().removeprefix(f"{DOT}: ") for line in messages.splitlines())
    lines = list(dict.fromkeys(line for line in stripped if line))
    for line in lines[:MAX_WARNINGS]:
        warnings.warn(f"{DOT}: {line}", ArgmapWarning, stacklevel=4)
    if len(lines) > MAX_WARNINGS:
        warnings.warn(f"{DOT}: ... and {len(lines) - MAX_WARNINGS} more lines", ArgmapWarning, stacklevel=4)
