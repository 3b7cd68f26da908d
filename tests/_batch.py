"""Helpers of the tests of batches: the command run in this process, and a
spy on the worker processes a batch starts (``argmap._workers``, ``-j``)."""

from __future__ import annotations

import contextlib
import io

import argmap._workers as workers_module
import argmap.corpus as corpus
from argmap.cli import main


def run_cli(argv: list[str]) -> tuple[int, str, str]:
    """The exit status, standard output and standard error of the
    ``argmap`` command *argv*, run in this process."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(argv)
    return status, out.getvalue(), err.getvalue()


def spy_on_starts(monkeypatch, method: str, *, any_size: bool = False) -> list[int]:
    """The list that each start of worker processes appends its count of
    children to; children started by *method*; with *any_size*, the
    threshold below which no process is started is off."""
    if any_size:
        monkeypatch.setattr(corpus, "WORKERS_MIN_BYTES", 0)
    monkeypatch.setattr(workers_module, "start_method", lambda: method)
    counts: list[int] = []
    real = workers_module._start

    def spy(count, *args):
        counts.append(count)
        return real(count, *args)

    monkeypatch.setattr(workers_module, "_start", spy)
    return counts
