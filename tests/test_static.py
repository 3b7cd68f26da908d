"""The code stays typed and linted: mypy (strict) and ruff, configured in
pyproject.toml, run on the tree as they would from the command line; and
argmap's modules import each other at module level without a cycle.

Both come with the ``test`` extra (pinned there, so every machine reports the
same thing).  From a cold cache mypy takes about 5 s of CPU; later runs reuse
``.mypy_cache``.
"""

import ast
import subprocess
import sys
from collections.abc import Iterator
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
    "argmap/formats/aif.py",
    "argmap/formats/argdown/_builder.py",
    "argmap/formats/argdown/_direct.py",
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
    "tests/test_argdown_errors.py",
    "tests/test_argdown_writer.py",
    "tests/test_brat.py",
    "tests/test_code_layout.py",
    "tests/test_compare.py",
    "tests/test_errors.py",
    "tests/test_gc.py",
    "tests/test_iccma.py",
    "tests/test_layout.py",
    "tests/test_microtext.py",
    "tests/test_quotes.py",
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


# --------------------------------------------------------------------------
# The import graph: argmap's modules import each other at module level
# without a cycle (the flow is one way: text -> model -> formats, semantics,
# render, report; the CLI on top).


def _runs_on_import(body: list[ast.stmt]) -> Iterator[ast.Import | ast.ImportFrom]:
    """The import statements of *body* that run when the module is imported:
    not those inside a function, nor under ``if TYPE_CHECKING:`` (its
    ``else:`` runs)."""
    for node in body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        elif isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            yield from _runs_on_import(node.orelse)
        else:
            for field in ("body", "orelse", "finalbody", "handlers", "cases"):
                for child in getattr(node, field, ()):
                    yield from _runs_on_import(
                        child.body if isinstance(child, (ast.excepthandler, ast.match_case)) else [child]
                    )


def import_graph(root: Path, package: str) -> dict[str, set[str]]:
    """Module -> the modules of *package* (under *root*) it imports at
    module level.  Importing ``a.b.c`` imports the packages ``a`` and
    ``a.b`` too (their ``__init__``), except those the importer is inside
    of (they are imported already); ``from a.b import c`` imports the
    module ``a.b.c`` when there is one."""
    modules: dict[str, Path] = {}
    for path in sorted((root / package).rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        is_package = path.name == "__init__.py"
        inside = {".".join(name.split(".")[:k]) for k in range(1, name.count(".") + 2)}
        targets: set[str] = set()
        for node in _runs_on_import(ast.parse(path.read_text(encoding="utf-8")).body):
            if isinstance(node, ast.Import):
                found = [a.name for a in node.names]
            else:
                base = node.module or ""
                if node.level:
                    here = name.split(".") if is_package else name.split(".")[:-1]
                    here = here[: len(here) - (node.level - 1)]
                    base = ".".join(here + ([base] if base else []))
                found = [base] + [f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in modules]
            for target in found:
                parts = target.split(".")
                for k in range(1, len(parts) + 1):
                    prefix = ".".join(parts[:k])
                    if prefix in modules and prefix not in inside:
                        targets.add(prefix)
        graph[name] = targets
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle (``[a, b, ..., a]``) through each strongly connected
    component of *graph* that has one, in sorted order."""
    # Tarjan's algorithm, iterative.
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            v, children = work[-1]
            for w in children:
                if w not in index:
                    index[w] = low[w] = len(index)
                    stack.append(w)
                    on_stack.add(w)
                    work.append((w, iter(sorted(graph.get(w, ())))))
                    break
                if w in on_stack:
                    low[v] = min(low[v], index[w])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[v])
                if low[v] == index[v]:
                    component = []
                    while True:
                        w = stack.pop()
                        on_stack.discard(w)
                        component.append(w)
                        if w == v:
                            break
                    if len(component) > 1 or v in graph.get(v, ()):
                        components.append(sorted(component))
    return [_cycle_through(graph, c[0], set(c)) for c in sorted(components)]


def _cycle_through(graph: dict[str, set[str]], first: str, members: set[str]) -> list[str]:
    """The shortest cycle from *first* back to it inside *members* (breadth first)."""
    parent: dict[str, str] = {}
    queue = [first]
    for v in queue:
        for w in sorted(graph[v]):
            if w == first:
                path = [v]
                while path[-1] != first:
                    path.append(parent[path[-1]])
                return [*reversed(path), first]
            if w in members and w not in parent:
                parent[w] = v
                queue.append(w)
    raise AssertionError(f"no cycle through {first}")  # (a component has one)


class TestImportGraph:
    def test_no_cycle(self):
        found = cycles(import_graph(ROOT, "argmap"))
        assert found == [], "import cycles: " + "; ".join(" -> ".join(c) for c in found)

    def test_finds_a_cycle(self, tmp_path):
        pkg = tmp_path / "pkg"
        (pkg / "sub").mkdir(parents=True)
        (pkg / "__init__.py").write_text("from pkg.a import x\n")
        (pkg / "a.py").write_text("from . import b\nx = 1\n")
        (pkg / "b.py").write_text(
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg import c\n"
            "def f():\n    import pkg.c\ntry:\n    from .sub import d\nexcept ImportError:\n    pass\n"
        )
        (pkg / "c.py").write_text("import pkg.b\n")
        (pkg / "sub" / "__init__.py").write_text("")
        (pkg / "sub" / "d.py").write_text("from .. import a\n")
        graph = import_graph(tmp_path, "pkg")
        assert graph["pkg.b"] == {"pkg.sub", "pkg.sub.d"}  # not c: only under TYPE_CHECKING or in a function
        assert graph["pkg.c"] == {"pkg.b"}
        assert graph["pkg.sub.d"] == {"pkg.a"}  # pkg itself is being imported already
        assert cycles(graph) == [["pkg.a", "pkg.b", "pkg.sub.d", "pkg.a"]]
        (pkg / "sub" / "d.py").write_text("y = 2\n")
        assert cycles(import_graph(tmp_path, "pkg")) == []
