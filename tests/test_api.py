"""The import surface: what `import argmap` gives and what it must not load."""

import ast
import importlib
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from hypothesis import given

import argmap
from argmap import Role, _optional
from argmap.strategies import argument_maps


class TestImportSurface:
    def test_all_is_sorted_and_complete(self):
        assert argmap.__all__ == sorted(argmap.__all__)
        for name in argmap.__all__:
            assert hasattr(argmap, name), name

    def test_import_does_not_load_optional_dependencies(self):
        code = (
            "import sys, argmap; "
            "m = argmap.MapBuilder(); m.claim('x'); m.build(); "
            "bad = [n for n in ('graphviz', 'hypothesis', 'argmap.render', 'argmap.strategies') if n in sys.modules]; "
            "print(','.join(bad))"
        )
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        assert out.stdout.strip() == ""

    def test_semantics_alone_does_not_load_the_model_or_clingo(self):
        code = (
            "import sys; from argmap.semantics import Framework, extensions; "
            "extensions(Framework('ab', [('a', 'b'), ('b', 'a')]), 'preferred'); "
            "bad = [n for n in ('attr', 'argmap.model', 'argmap.builder', 'argmap.formats', 'clingo') if n in sys.modules]; "
            "print(','.join(bad))"
        )
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        assert out.stdout.strip() == ""

    def test_lazy_names_are_listed_and_unknown_ones_raise(self):
        assert {"MapBuilder", "ArgumentMap", "loads", "load_all"} <= set(dir(argmap))
        try:
            argmap.no_such_name  # noqa: B018
        except AttributeError as e:
            assert "no_such_name" in str(e)
        else:
            raise AssertionError("no AttributeError")

    def test_errors_are_value_errors_where_they_are_ones(self):
        assert issubclass(argmap.ParseError, ValueError)
        assert issubclass(argmap.FormatError, ValueError)
        assert issubclass(argmap.ValidationError, ValueError)
        assert issubclass(argmap.ExecutableNotFound, RuntimeError)
        for cls in (argmap.ParseError, argmap.FormatError, argmap.ValidationError, argmap.ExecutableNotFound):
            assert issubclass(cls, argmap.ArgmapError)
        assert issubclass(argmap.LossyConversionWarning, argmap.ArgmapWarning)
        assert issubclass(argmap.MissingDependencyError, argmap.ArgmapError)
        assert issubclass(argmap.MissingDependencyError, ImportError)


ROOT = Path(argmap.__file__).resolve().parents[1]


def _forget(monkeypatch, *prefixes):
    """Drop the modules under *prefixes* from sys.modules for one test (they
    come back after it), so that importing them runs their code again."""
    for name in list(sys.modules):
        if any(name == p or name.startswith(p + ".") for p in prefixes):
            monkeypatch.delitem(sys.modules, name)


class TestMissingDependencies:
    # Each optional package, the module that needs it, and the extra that installs it.
    SITES = [
        ("networkx", "argmap.formats.nx", "networkx"),
        ("hypothesis", "argmap.strategies", "strategies"),
    ]

    @pytest.mark.parametrize(("package", "module", "extra"), SITES)
    def test_importing_the_module_names_the_extra(self, monkeypatch, package, module, extra):
        _forget(monkeypatch, module)
        monkeypatch.setitem(sys.modules, package, None)  # `import package` fails as if not installed
        with pytest.raises(argmap.MissingDependencyError) as e:
            importlib.import_module(module)
        assert str(e.value) == (
            f"{module} needs the optional package {package!r}, which is not installed: pip install 'argmap[{extra}]'"
        )
        assert (e.value.name, e.value.extra) == (package, extra)
        assert isinstance(e.value, ImportError)  # `except ImportError` guards keep working

    def test_clingo_backend_names_the_extra(self, monkeypatch):
        from argmap.semantics import Framework, extensions

        monkeypatch.setitem(sys.modules, "clingo", None)
        with pytest.raises(
            argmap.MissingDependencyError, match=r"^backend \"clingo\" needs .* pip install 'argmap\[clingo\]'$"
        ):
            extensions(Framework("ab", [("a", "b")]), "preferred", backend="clingo")
        # "auto" falls back to the built-in search.
        assert extensions(Framework("ab", [("a", "b")]), "preferred", backend="auto") == [frozenset("a")]

    def test_a_broken_install_is_not_reported_as_missing(self, monkeypatch, tmp_path):
        # The package is there, but one of its own imports fails: that error, not ours.
        (tmp_path / "argmap_test_pkg").mkdir()
        (tmp_path / "argmap_test_pkg" / "__init__.py").write_text("import argmap_test_missing_dependency\n")
        monkeypatch.syspath_prepend(str(tmp_path))
        monkeypatch.setitem(_optional.EXTRAS, "argmap_test_pkg", "test")
        _forget(monkeypatch, "argmap_test_pkg")
        with pytest.raises(ModuleNotFoundError) as e:
            _optional.import_module("argmap_test_pkg", needed_for="a test")
        assert not isinstance(e.value, argmap.MissingDependencyError)
        assert e.value.name == "argmap_test_missing_dependency"
        # A submodule of a package that is not there at all: the package is missing.
        monkeypatch.setitem(_optional.EXTRAS, "argmap_test_pkg_absent", "test")
        with pytest.raises(argmap.MissingDependencyError, match=r"pip install 'argmap\[test\]'$"):
            _optional.import_module("argmap_test_pkg_absent.sub", needed_for="a test")

    def test_an_unknown_package_is_a_bug_of_argmap(self):
        with pytest.raises(ValueError, match="'numpy' is not an optional dependency of argmap"):
            _optional.import_module("numpy", needed_for="a test")

    def test_every_extra_named_is_in_pyproject(self):
        extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
            "optional-dependencies"
        ]
        for package, extra in _optional.EXTRAS.items():
            assert any(req.startswith(package) for req in extras[extra]), (package, extra)

    def test_optional_packages_are_imported_only_through_the_helper(self):
        # A module-level import of an optional package is allowed only in the
        # private modules of argmap.strategies (its __init__ checks first), and
        # one inside a function only after asp.require() or in the hook that
        # hypothesis itself runs.
        strategies = ROOT / "argmap" / "strategies"
        allowed_top = {p.relative_to(ROOT).as_posix() for p in strategies.glob("_*.py") if p.name != "__init__.py"}
        allowed_inner = {"argmap/semantics/asp.py", "argmap/strategies/__init__.py"}
        found = []
        for path in sorted((ROOT / "argmap").rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node, top in _imports(tree):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
                for name in names:
                    optional = name.partition(".")[0] in _optional.EXTRAS
                    if optional and rel not in (allowed_top if top else allowed_inner | allowed_top):
                        found.append(f"{rel}:{node.lineno}: import {name}")
        assert found == []


def _imports(tree):
    """Each import statement of *tree* and whether it runs at import time
    (outside functions and ``if TYPE_CHECKING:`` blocks)."""
    stack = [(n, True) for n in tree.body]
    while stack:
        node, top = stack.pop()
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node, top
            continue
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            stack.extend((n, False) for n in node.orelse)  # the else branch runs
            continue
        inner = top and not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
        stack.extend((n, inner) for n in ast.iter_child_nodes(node))


class TestDerivedViews:
    def small(self):
        b = argmap.MapBuilder()
        t = b.claim("t")
        r = b.support(t, "p")
        b.attack(r.premise, "o")
        b.undercut(r, "u")
        b.claim("lone")
        return b.build()

    def test_theses_are_the_claims_that_bear_on_nothing(self):
        m = self.small()
        assert [c.id for c in m.theses] == ["c1", "c5"]
        assert m.roots == m.theses

    def test_roles_is_a_property(self):
        m = self.small()
        assert dict(m.roles) == {
            "c1": Role.THESIS,
            "c2": Role.PREMISE,
            "c3": Role.OBJECTION,
            "c4": Role.UNDERCUTTER,
            "c5": Role.THESIS,
        }
        assert m.roles is m.roles  # computed once

    def test_calling_roles_still_works_and_warns(self):
        m = self.small()
        with pytest.warns(DeprecationWarning, match=r"write m\.roles, not m\.roles\(\)") as w:
            roles = m.roles()
        assert roles == m.roles
        assert w[0].filename == __file__  # the warning points at the caller

    def test_argmap_itself_never_calls_roles(self):
        calls = [
            f"{path.relative_to(ROOT).as_posix()}:{node.lineno}"
            for path in sorted((ROOT / "argmap").rglob("*.py"))
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "roles"
        ]
        assert calls == []

    @given(argument_maps(max_claims=12))
    def test_theses_are_the_claims_whose_role_is_thesis(self, m):
        assert m.theses == tuple(c for c in m.claims if m.role(c.id) is Role.THESIS)
        assert list(m.roles) == [c.id for c in m.claims]
