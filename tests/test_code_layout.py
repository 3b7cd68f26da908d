"""The code's layout shows the design: imports go one way (the model below
the renderers and the report, never the reverse), the import graph has no
cycle, and the model, render and report modules stay small.

The import graph is read from the source (``ast``), not by importing: an
import at module level is an edge; one inside ``if TYPE_CHECKING:`` is not
(it never runs); one inside a function runs late, and counts only where a
test says "even lazily".
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "argmap"


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


MODULES = _modules()


def _resolve(name: str) -> str | None:
    """The argmap module that importing *name* loads (a module, or the
    module that defines the name)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _targets(node: ast.Import | ast.ImportFrom, module: str) -> set[str]:
    if isinstance(node, ast.Import):
        names = [a.name for a in node.names]
    else:
        base = node.module or ""
        if node.level:  # a relative import: from the module's package, up level - 1
            package = module.split(".")
            if MODULES[module].name != "__init__.py":
                package.pop()
            package = package[: len(package) - node.level + 1]
            base = ".".join(package + ([base] if base else []))
        names = [f"{base}.{a.name}" for a in node.names]
    out = set()
    for name in names:
        target = _resolve(name)
        if target is None:
            continue
        out.add(target)
        # Importing a.b.c runs a.b's __init__ first.
        parts = target.split(".")
        for i in range(2, len(parts)):
            package = ".".join(parts[:i])
            if package in MODULES and not module.startswith(package + "."):
                out.add(package)
    out.discard(module)
    return out


def _imports(module: str, *, lazy: bool) -> set[str]:
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    out: set[str] = set()

    def visit(body: list[ast.stmt]) -> None:
        for node in body:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                out.update(_targets(node, module))
            elif isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                visit(node.orelse)
            elif isinstance(node, (ast.If, ast.Try, ast.With, ast.For, ast.While)):
                for field in ("body", "orelse", "finalbody"):
                    visit(getattr(node, field, []))
                for handler in getattr(node, "handlers", []):
                    visit(handler.body)
            elif lazy and isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                visit(node.body)

    visit(tree.body)
    return out


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's,
    iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            v, children = work[-1]
            for w in children:
                if w not in graph:
                    continue
                if w not in index:
                    index[w] = low[w] = len(index)
                    stack.append(w)
                    on_stack.add(w)
                    work.append((w, iter(sorted(graph[w]))))
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
                    if len(component) > 1:
                        found.append(sorted(component))
    return found


# The model and what sits beside it, below everything that draws or reads maps.
MODEL = ["argmap.model", "argmap._data", "argmap._values", "argmap._validation", "argmap._display"]
VIEW = [m for m in MODULES if m.startswith(("argmap.render", "argmap.report"))]


class TestImportGraph:
    def test_the_cycle_finder_finds_cycles(self):
        assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
        assert _cycles({"a": {"b"}, "b": set()}) == []

    def test_no_cycle_at_module_level(self):
        graph = {m: _imports(m, lazy=False) for m in MODULES}
        assert _cycles(graph) == []

    def test_model_render_and_report_have_no_cycle_even_lazily(self):
        nodes = {*MODEL, *VIEW, "argmap.builder", "argmap.source"}
        graph = {m: _imports(m, lazy=True) & nodes for m in nodes}
        assert _cycles(graph) == []

    @pytest.mark.parametrize("module", MODEL)
    def test_the_model_imports_nothing_above_it_even_lazily(self, module):
        above = ("argmap.render", "argmap.report", "argmap.formats", "argmap.builder", "argmap.semantics", "argmap.cli")
        bad = sorted(m for m in _imports(module, lazy=True) if m.startswith(above))
        assert bad == []


# No module over about 600 lines: a module that grows past it is split
# where its parts meet (OVER names any module let past it, with why).
OVER: dict[str, int] = {}
MAX_LINES = 650


class TestSizes:
    @pytest.mark.parametrize("module", sorted(MODULES))
    def test_about_600_lines_at_most(self, module):
        lines = MODULES[module].read_text(encoding="utf-8").count("\n")
        assert lines <= OVER.get(module, MAX_LINES), f"{module} has {lines} lines"
