"""``render --watch`` and ``report --watch``: drawn again whenever the map
(or the article it names) changes; Ctrl-C ends the watch with status 0."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _wait_for(predicate, seconds: float = 60.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def _start(tmp_path: Path, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "argmap", *args],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _stop(proc: subprocess.Popen[str]) -> tuple[int, str, str]:
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    return proc.returncode, out, err


@pytest.mark.parametrize(
    ("command", "output"),
    [
        (["render", "m.argdown", "--format", "dot", "-o", "m.dot"], "m.dot"),
        (["report", "m.argdown", "--no-diagram"], "m.html"),
    ],
)
def test_watch_writes_again_on_each_change(tmp_path: Path, command: list[str], output: str) -> None:
    (tmp_path / "a.txt").write_text("Tea is calm. Coffee is loud.", encoding="utf-8")
    doc = tmp_path / "m.argdown"
    doc.write_text('===\nsource: a.txt\n===\n\n[A]: Tea calms.\n  {quote: "Tea is calm"}\n', encoding="utf-8")
    out = tmp_path / output
    proc = _start(tmp_path, *command, "--watch")
    try:
        _wait_for(lambda: out.exists() and "Tea calms" in out.read_text(encoding="utf-8"))
        # a parse error while editing: printed, and the watch goes on
        doc.write_text("[A]: Tea calms.\n  +> ", encoding="utf-8")
        time.sleep(1.2)
        doc.write_text("[A]: Tea soothes.\n  - [B]: Coffee wakes.\n", encoding="utf-8")
        _wait_for(lambda: "Coffee wakes" in out.read_text(encoding="utf-8"))
        if command[0] == "report":  # the article changes: the page is written again
            doc.write_text('===\nsource: a.txt\n===\n\n[A]: Tea soothes.\n  {quote: "Tea is calm"}\n', encoding="utf-8")
            _wait_for(lambda: "Tea is calm" in out.read_text(encoding="utf-8"))
            (tmp_path / "a.txt").write_text("Tea is calm. Coffee is loud. Water is plain.", encoding="utf-8")
            _wait_for(lambda: "Water is plain" in out.read_text(encoding="utf-8"))
        time.sleep(1.0)  # (the last run says what it wrote)
    finally:
        status, stdout, stderr = _stop(proc)
    assert status == 0, stderr
    assert "Traceback" not in stderr
    assert "m.argdown:2:3: error:" in stderr
    assert "watching m.argdown, a.txt (Ctrl-C stops)" in stderr
    assert stdout.count(f"wrote {output}") >= 2


def test_watch_needs_files(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    r = subprocess.run(
        [sys.executable, "-m", "argmap", "render", "m.json", "-o", "-", "--watch"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 2 and "--watch reads a file and writes one" in r.stderr


@pytest.mark.parametrize("semantics", ["grounded", "df-quad"])
def test_render_semantics_draws_what_eval_says(semantics: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Each claim's box carries the value `eval` gives it: IN/OUT/UNDEC for a
    Dung semantics, the strength (two decimals) for a gradual one."""
    import json
    import re

    from argmap.cli import main

    path = str(ROOT / "examples" / "syria_airstrikes.argdown")
    assert main(["eval", path, "--semantics", semantics, "--json"]) == 0
    values = json.loads(capsys.readouterr().out)["values"]
    assert main(["render", path, "--semantics", semantics, "--format", "dot", "-o", "-"]) == 0
    dot = capsys.readouterr().out
    for cid, value in values.items():
        box = re.search(rf'^\t"{re.escape(cid)}" \[.*$', dot, re.M)
        assert box is not None, cid
        shown = f"<B>{value.upper()}</B>" if isinstance(value, str) else f"{value:.2f}"
        assert shown in box.group(0), (cid, value)
