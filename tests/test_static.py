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

# The files that ``ruff format`` has been applied to, which must stay so.
# A file joins this list once it is formatted (``ruff format FILE``) in a
# commit of its own, when nobody else is rewriting it; the list grows until
# it is every file, and then becomes ``ruff format --check argmap tests``.
FORMATTED = [
    "argmap/__main__.py",
    "argmap/_data.py",
    "argmap/_display.py",
    "argmap/_gc.py",
    "argmap/_text_nearest.py",
    "argmap/_text_normal.py",
    "argmap/_text_sentences.py",
    "argmap/_validation.py",
    "argmap/_values.py",
    "argmap/analysis/__init__.py",
    "argmap/analysis/_align.py",
    "argmap/analysis/_cli.py",
    "argmap/analysis/_compare.py",
    "argmap/analysis/_diff.py",
    "argmap/analysis/_stats.py",
    "argmap/cli/__init__.py",
    "argmap/cli/_commands.py",
    "argmap/cli/_output.py",
    "argmap/cli/_parser.py",
    "argmap/formats/_aif_read.py",
    "argmap/formats/_aif_write.py",
    "argmap/formats/_common.py",
    "argmap/formats/_sadface_write.py",
    "argmap/formats/_sniff.py",
    "argmap/formats/aif.py",
    "argmap/formats/argdown/_builder.py",
    "argmap/formats/argdown/_direct.py",
    "argmap/formats/argdown/_draft.py",
    "argmap/formats/argdown/_sourced.py",
    "argmap/formats/argdown/_writer.py",
    "argmap/formats/argdown_json.py",
    "argmap/formats/brat.py",
    "argmap/formats/iccma.py",
    "argmap/formats/json.py",
    "argmap/formats/kialo.py",
    "argmap/formats/microtext.py",
    "argmap/render/__init__.py",
    "argmap/render/dot.py",
    "argmap/render/layout/__init__.py",
    "argmap/render/layout/_geometry.py",
    "argmap/render/layout/_svg.py",
    "argmap/render/style.py",
    "argmap/render/text.py",
    "argmap/report/_map.py",
    "argmap/semantics/__init__.py",
    "argmap/semantics/_kernels.py",
    "argmap/semantics/_packed.py",
    "argmap/semantics/_search.py",
    "argmap/semantics/asp.py",
    "argmap/semantics/dung.py",
    "argmap/semantics/evaluation.py",
    "argmap/semantics/gradual.py",
    "argmap/semantics/projection.py",
    "argmap/semantics/sensitivity.py",
    "argmap/semantics/verdict.py",
    "argmap/source.py",
    "argmap/strategies/_argdown.py",
    "argmap/strategies/_documents.py",
    "argmap/strategies/_interchange.py",
    "argmap/strategies/_invalid.py",
    "argmap/strategies/_maps.py",
    "argmap/strategies/_values.py",
    "tests/_reference_af.py",
    "tests/benchmarks/layout.py",
    "tests/benchmarks/ops.py",
    "tests/benchmarks/quotes.py",
    "tests/benchmarks/shapes.py",
    "tests/test_aifdb.py",
    "tests/test_argdown_draft.py",
    "tests/test_argdown_errors.py",
    "tests/test_argdown_schemes.py",
    "tests/test_argdown_source.py",
    "tests/test_argdown_watch.py",
    "tests/test_argdown_writer.py",
    "tests/test_brat.py",
    "tests/test_code_layout.py",
    "tests/test_compare.py",
    "tests/test_corpora_doc.py",
    "tests/test_dask.py",
    "tests/test_errors.py",
    "tests/test_gc.py",
    "tests/test_iccma.py",
    "tests/test_layout.py",
    "tests/test_microtext.py",
    "tests/test_quotes.py",
    "tests/test_sniff.py",
    "tests/test_static.py",
    "tests/test_stats.py",
    "tests/test_text.py",
]


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

    def test_formatted_files_stay_formatted(self):
        _require("ruff")
        missing = [f for f in FORMATTED if not (ROOT / f).is_file()]
        assert not missing, f"FORMATTED names files that do not exist: {missing}"
        out = _run("ruff", "format", "--no-cache", "--check", "--diff", *FORMATTED)
        assert out.returncode == 0, out.stdout + out.stderr

    def test_formatted_list_is_sorted(self):
        assert sorted(set(FORMATTED)) == FORMATTED
