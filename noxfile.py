"""The test suite on each supported Python, Python 3.11 to 3.13.

- ``nox -s tests-3.13``: the whole suite on one Python, with every test
  dependency (``nox -s tests`` for all three).
- ``nox -s quick``: the suite on 3.12 and 3.13 under the quick Hypothesis
  profile (``dev``), less the browser tests (their JavaScript does not depend
  on Python), the packaging test (its wheel is ``py3-none-any``) and the
  documentation build (the same pages on every Python), and so without
  playwright, build, twine and Sphinx; the optional extras' packages
  (pandas, matplotlib, Dask) are left out too, so the tests of what happens
  without them run there.  ``make test`` runs it after the whole
  suite on 3.11.

Each session installs argmap editable (as ``make test`` does) into a venv under
``.nox/`` and runs pytest; arguments after ``--`` go to pytest
(``nox -s tests-3.13 -- -x tests/test_model.py``).

Interpreters are found on PATH as ``python3.X``; where that name is missing,
or is a pyenv shim for a version that pyenv has not selected (it answers
"command not found"), the newest ``$PYENV_ROOT/versions/3.X.*`` is used.  A
version found nowhere is skipped with a message, never downloaded.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import nox

PYTHONS = ["3.11", "3.12", "3.13"]
ROOT = Path(__file__).resolve().parent

# Test dependencies that a Python version cannot install, with the reason.
# Every package of the test extra has a wheel (or is pure Python) for 3.11 to
# 3.13 today: clingo 5.8, python-sat 1.9.dev24 and hypothesis ship cp313
# wheels; pygarg, formal-argumentation and python-argumentation are pure
# Python; sadface is a pure-Python sdist.  The test that needs a dropped
# package skips (pytest.importorskip) instead of failing.
DROP: dict[str, dict[str, str]] = {}

nox.options.sessions = ["tests"]
nox.options.download_python = "never"  # only this machine's interpreters
nox.options.error_on_missing_interpreters = False  # a missing version is skipped, also on CI
nox.options.default_venv_backend = "venv"


def _runs(program: str) -> bool:
    path = shutil.which(program)
    if path is None:
        return False
    try:
        return subprocess.run([path, "-c", ""], capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def _version_key(path: Path) -> tuple[int, ...]:
    return tuple(int(x) for x in re.findall(r"\d+", path.name))


def _find_pythons() -> None:
    """Put a ``python3.X`` that runs on PATH for each of :data:`PYTHONS` that
    pyenv has installed but not selected (links in ``.nox/pythons``)."""
    pyenv = Path(os.environ.get("PYENV_ROOT") or Path.home() / ".pyenv") / "versions"
    links = ROOT / ".nox" / "pythons"
    shutil.rmtree(links, ignore_errors=True)  # made anew: no link outlives its interpreter
    for version in PYTHONS:
        name = f"python{version}"
        if _runs(name):
            continue
        candidates = sorted(
            (p for p in pyenv.glob(f"{version}.*") if re.fullmatch(rf"{re.escape(version)}\.\d+", p.name)),
            key=_version_key,
        )
        if not candidates or not (candidates[-1] / "bin" / name).exists():
            continue
        links.mkdir(parents=True, exist_ok=True)
        (links / name).symlink_to(candidates[-1] / "bin" / name)
    if links.is_dir():
        os.environ["PATH"] = f"{links}{os.pathsep}{os.environ.get('PATH', '')}"


_find_pythons()


def _requirement_name(requirement: str) -> str:
    return re.split(r"[<>=!~;\s\[]", requirement, maxsplit=1)[0].lower()


# What the quick sessions leave out: the tests, and the packages only they need.
QUICK_DESELECT = "not browser and not packaging and not docs"
QUICK_SKIPS = frozenset({"playwright", "build", "twine", "nox", "setuptools", "pandas", "matplotlib", "dask"})


def _install(session: nox.Session, *, skip: frozenset[str] = frozenset()) -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    dropped = DROP.get(str(session.python), {})
    for name, reason in dropped.items():
        session.log(f"not installed on Python {session.python}: {name} ({reason})")
    test = pyproject["project"]["optional-dependencies"]["test"]
    requirements = [r for r in test if _requirement_name(r) not in dropped and _requirement_name(r) not in skip]
    session.install("-e", ".[strategies]", *requirements)


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    """The whole test suite on one Python."""
    _install(session)
    session.run("python", "-m", "pytest", "-p", "no:cacheprovider", *session.posargs)


@nox.session(python=PYTHONS[1:])
def quick(session: nox.Session) -> None:
    """What make test runs after 3.11: the quick profile, no browser/packaging.

    The suite under the quick Hypothesis profile, less the browser,
    packaging and docs-site tests (see the module's description)."""
    _install(session, skip=QUICK_SKIPS)
    session.run(
        "python",
        "-m",
        "pytest",
        "-p",
        "no:cacheprovider",
        "-m",
        QUICK_DESELECT,
        "-n",
        "auto",
        "--dist",
        "loadscope",
        *session.posargs,
        env={"HYPOTHESIS_PROFILE": "dev"},
    )
