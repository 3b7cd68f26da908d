"""A hang guard for the tests of adversarial input."""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Iterator


class Hang(AssertionError):
    """A guarded block ran past its time: quadratic (or worse), or a hang."""


@contextlib.contextmanager
def hang_guard(seconds: int) -> Iterator[None]:
    """Fail (instead of hanging) when the block runs longer than *seconds*.

    Each guard is at least 50 times what its input takes in linear time: it
    catches a quadratic (or worse) case; it does not measure speed.  Without
    SIGALRM (not POSIX) the block runs unguarded.
    """
    if not hasattr(signal, "SIGALRM"):
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise Hang(f"still running after {seconds} s: not linear")

    old = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
