"""The package as a user gets it: the sdist and the wheel that ``python -m
build`` makes, checked by twine, and the wheel installed into a fresh venv.

The build runs once for the module (a few seconds; without build isolation
when setuptools is recent enough here, so no network is needed, else with
it).  ``pytest -m "not packaging"`` leaves these tests out.
"""

from __future__ import annotations

import ast
import email.parser
import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest

import argmap
from argmap import _optional

pytestmark = pytest.mark.packaging

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
VERSION = argmap.__version__
WHEEL = f"argmap-{VERSION}-py3-none-any.whl"
SDIST = f"argmap-{VERSION}.tar.gz"

# What a checkout holds that is not source: never copied into the build.
JUNK = {
    ".git",
    ".venv",
    ".nox",
    ".hypothesis",
    ".pytest_cache",
    ".mypy_cache",
    ".ruff_cache",
    "__pycache__",
    "build",
    "dist",
    "node_modules",
}


def _package_files() -> set[str]:
    """Every file of the package in the tree (modules and package data)."""
    out = set()
    for path in (ROOT / "argmap").rglob("*"):
        rel = path.relative_to(ROOT)
        if path.is_file() and not JUNK & set(rel.parts) and path.suffix not in (".pyc", ".pyo"):
            out.add(rel.as_posix())
    return out


def _setuptools_is_recent() -> bool:
    try:
        major = int(importlib.metadata.version("setuptools").split(".")[0])
    except (importlib.metadata.PackageNotFoundError, ValueError):
        return False
    return major >= 77


def _run(args: list[str], *, isolated: bool = False, **kwargs) -> subprocess.CompletedProcess:
    """Run *args*; *isolated*: without PYTHONPATH, so that only what is
    installed can be imported."""
    env = {k: v for k, v in os.environ.items() if not (isolated and k in ("PYTHONPATH", "PYTHONHOME"))}
    kwargs.setdefault("timeout", 600)
    out = subprocess.run(args, capture_output=True, text=True, env=env, **kwargs)
    assert out.returncode == 0, f"{' '.join(map(str, args))} exited {out.returncode}:\n{out.stdout}\n{out.stderr}"
    return out


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    """The sdist and the wheel, built as a release is: the sdist from a copy
    of the checkout, the wheel from the sdist."""
    pytest.importorskip("build", reason="the test extra installs build")
    tmp = tmp_path_factory.mktemp("packaging")
    src = tmp / "src"
    shutil.copytree(ROOT, src, ignore=lambda d, names: [n for n in names if n in JUNK or n.endswith(".egg-info")])
    out = tmp / "dist"
    args = [sys.executable, "-m", "build", "--outdir", str(out), str(src)]
    if _setuptools_is_recent():
        args.insert(3, "--no-isolation")
    _run(args, cwd=tmp)
    assert sorted(p.name for p in out.iterdir()) == sorted([SDIST, WHEEL])
    return out


@pytest.fixture(scope="module")
def wheel_names(dist) -> list[str]:
    with zipfile.ZipFile(dist / WHEEL) as z:
        return z.namelist()


@pytest.fixture(scope="module")
def metadata(dist):
    with zipfile.ZipFile(dist / WHEEL) as z:
        return email.parser.Parser().parsestr(z.read(f"argmap-{VERSION}.dist-info/METADATA").decode())


class TestWheel:
    def test_holds_every_module_and_data_file_and_nothing_else(self, wheel_names):
        package = {n for n in wheel_names if not n.startswith(f"argmap-{VERSION}.dist-info/")}
        assert package == _package_files()
        assert "argmap/__init__.py" in package and "argmap/formats/argdown/_parser.py" in package
        if (ROOT / "argmap" / "py.typed").exists():
            assert "argmap/py.typed" in package

    def test_holds_no_tests(self, wheel_names):
        assert [n for n in wheel_names if n.startswith(("tests/", "docs/", "examples/")) or "/tests/" in n] == []

    def test_metadata(self, metadata, wheel_names):
        assert metadata["Name"] == "argmap"
        assert metadata["Version"] == VERSION
        assert metadata["License-Expression"] == "MIT"
        assert f"argmap-{VERSION}.dist-info/licenses/LICENSE" in wheel_names
        assert metadata["Requires-Python"] == ">=3.11"
        classifiers = metadata.get_all("Classifier")
        for minor in (11, 12, 13):
            assert f"Programming Language :: Python :: 3.{minor}" in classifiers
        assert "Typing :: Typed" in classifiers
        assert not [c for c in classifiers if c.startswith("License ::")]  # the SPDX expression says it
        urls = dict(u.split(", ", 1) for u in metadata.get_all("Project-URL"))
        assert set(urls) >= {"Homepage", "Source", "Issues", "Documentation"}
        assert metadata["Description-Content-Type"] == "text/markdown"

    def test_declares_every_third_party_import(self, metadata):
        # Each package that argmap imports outside the optional extras is a
        # dependency, so installing the wheel installs what it needs.
        dist_of = {"attr": "attrs", "attrs": "attrs", "graphviz": "graphviz", "yaml": "pyyaml"}
        required = {
            re.split(r"[<>=!~;\s\[]", r, maxsplit=1)[0].lower()
            for r in metadata.get_all("Requires-Dist")
            if "extra ==" not in r
        }
        imported = set()
        for path in (ROOT / "argmap").rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    imported.update(a.name.partition(".")[0] for a in node.names)
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    imported.add(node.module.partition(".")[0])
        third_party = imported - set(sys.stdlib_module_names) - {"argmap"} - set(_optional.EXTRAS)
        assert third_party <= set(dist_of), (
            f"add to dist_of and to [project] dependencies: {third_party - set(dist_of)}"
        )
        assert {dist_of[name] for name in third_party} <= required


class TestSdist:
    def test_holds_the_package_and_no_tests(self, dist):
        with tarfile.open(dist / SDIST) as t:
            names = {n.partition("/")[2] for n in t.getnames()}
        assert _package_files() <= names
        assert {"README.md", "LICENSE", "pyproject.toml", "PKG-INFO"} <= names
        # The tests, docs and examples stay in the repository (see MANIFEST.in).
        assert [n for n in names if n.split("/")[0] in ("tests", "docs", "examples", "seeds")] == []


def test_twine_check_passes(dist):
    pytest.importorskip("twine", reason="the test extra installs twine")
    out = _run([sys.executable, "-m", "twine", "check", "--strict", str(dist / SDIST), str(dist / WHEEL)])
    assert out.stdout.count("PASSED") == 2


def test_wheel_installs_and_runs_in_a_fresh_venv(dist, tmp_path):
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)])
    python = venv / "bin" / "python"
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--quiet",
            "--no-deps",
            "--no-index",
            str(dist / WHEEL),
        ],
        cwd=tmp_path,  # where no argmap or argmap.egg-info makes pip think it is installed
        isolated=True,
    )
    # The dependencies come from this environment's site-packages, as a plain
    # path after the venv's own (its .pth files, an editable argmap among
    # them, are not run): the wheel's argmap is the one imported.
    code = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    site = Path(_run([str(python), "-c", code], isolated=True).stdout.strip())
    here = dict.fromkeys([sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]])
    (site / "_argmap_test_dependencies.pth").write_text("".join(f"{p}\n" for p in here), encoding="utf-8")
    out = _run(
        [str(python), "-c", "import argmap; print(argmap.__file__, argmap.__version__)"], cwd=tmp_path, isolated=True
    )
    where, version = out.stdout.split()
    assert Path(where) == site / "argmap" / "__init__.py"
    assert version == VERSION
    out = _run([str(venv / "bin" / "argmap"), "--version"], cwd=tmp_path, isolated=True)
    assert out.stdout == f"argmap {VERSION}\n"


def test_version_is_written_once():
    assert "version" in PYPROJECT["project"]["dynamic"] and "version" not in PYPROJECT["project"]
    assert PYPROJECT["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "argmap.__version__"}


class TestReadmeOnAnIndex:
    """A package index shows the README without the repository around it:
    every image and link must be absolute, and point at a file that exists."""

    TEXT = (ROOT / "README.md").read_text(encoding="utf-8")
    RAW = "https://raw.githubusercontent.com/argmap/argmap/main/"
    BLOB = "https://github.com/argmap/argmap/blob/main/"

    def test_no_relative_links_or_images(self):
        targets = re.findall(r"\]\(([^)\s]+)\)", self.TEXT)
        assert targets, "the README has links"
        assert [t for t in targets if "://" not in t and not t.startswith("#")] == []

    def test_images_come_from_the_raw_files_and_exist(self):
        images = re.findall(r"!\[[^\]]*\]\(([^)\s]+)\)", self.TEXT)
        assert images
        for url in images:
            assert url.startswith(self.RAW), url
            assert (ROOT / url.removeprefix(self.RAW)).is_file(), url

    def test_links_into_the_repository_name_files_that_exist(self):
        for url in re.findall(r"\]\((https://github\.com/argmap/argmap/blob/main/[^)\s#]+)", self.TEXT):
            assert (ROOT / url.removeprefix(self.BLOB)).is_file(), url
