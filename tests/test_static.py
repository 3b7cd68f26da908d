"""The code stays typed and linted: mypy (strict) and ruff, configured in
pyproject.toml, run on the tree as they would from the command line (the
import graph and module sizes: tests/test_code_layout.py).

Both come with the ``test`` extra (pinned there, so every machine reports the
same thing).  From a cold cache mypy takes about 5 s of CPU; later runs reuse
``.mypy_cache``.
"""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            [sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=900, check=False
        )
    except subprocess.TimeoutExpired as e:  # pragma: no cover - a hung checker
        pytest.fail(f"{args[0]} did not finish in {e.timeout} s")


def _require(module: str) -> None:
    out = _run(module, "--version")
    if out.returncode != 0:
        pytest.fail(f"{module} is not installed: pip install -e '.[test]'\n{out.stderr}")


class TestMypy:
    def test_strict_clean(self):
        _require("mypy")
        out = _run("mypy")  # files, strictness and exceptions: [tool.mypy] in pyproject.toml
        assert out.returncode == 0, out.stdout + out.stderr


class TestRuff:
    def test_lint_clean(self):
        _require("ruff")
        out = _run("ruff", "check", "--no-cache", "argmap", "tests")
        assert out.returncode == 0, out.stdout + out.stderr

    def test_formatted(self):
        _require("ruff")
        out = _run("ruff", "format", "--no-cache", "--check", "--diff", "argmap", "tests")
        assert out.returncode == 0, out.stdout + out.stderr
