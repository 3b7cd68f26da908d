"""Start-up: what `import argmap`, `argmap --version` and `argmap render`
load.  Each command loads only what it uses (docs/benchmarks-layout.md has
the times); everything public still resolves where it always did."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import argmap
from argmap import MapBuilder, dump

ROOT = Path(__file__).resolve().parent.parent

# What no entry point below loads unless its work needs it: the renderers'
# heavy parts, the report, the semantics, the analysis, the strategies and
# the third-party packages behind them.
HEAVY = (
    "argmap.analysis",
    "argmap.report",
    "argmap.semantics",
    "argmap.strategies",
    "argmap.corpus",
    "argmap.render.backend",
    "argmap.render.mermaid",
    "argmap.render.text",
    "graphviz",
    "hypothesis",
    "yaml",
    "subprocess",
)


def loaded(code: str) -> set[str]:
    """The modules that running *code* in a fresh interpreter adds to those
    a bare interpreter has (site's own imports aside)."""
    script = (
        f"import sys, json\n_before = set(sys.modules)\n{code}\nprint(json.dumps(sorted(set(sys.modules) - _before)))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    return set(json.loads(out.stdout.splitlines()[-1]))


def heavy(modules: set[str], *more: str) -> list[str]:
    """The modules of *modules* that are, or lie under, one of HEAVY or *more*."""
    names = (*HEAVY, *more)
    return sorted(m for m in modules if any(m == n or m.startswith(n + ".") for n in names))


class TestImportArgmap:
    def test_loads_only_the_package(self):
        new = loaded("import argmap")
        assert {m for m in new if m.startswith("argmap")} == {"argmap", "argmap._display"}
        # not the model (nor attrs), the errors, the formats or typing either
        assert heavy(new, "argmap.model", "argmap.errors", "argmap.formats", "argmap.render", "attr", "typing") == []

    def test_every_public_name_resolves_lazily(self):
        names = sorted(argmap.__all__)
        code = (
            "import argmap\n"
            f"for name in {names!r}:\n"
            "    getattr(argmap, name)\n"
            f"from argmap import {', '.join(names)}\n"
            "import argmap.errors\n"
            "assert argmap.errors.ArgmapError is ArgmapError\n"
        )
        loaded(code)  # (fails on an AttributeError or ImportError)

    def test_names_come_from_their_modules(self):
        from argmap import builder, errors, formats, model

        assert argmap.MapBuilder is builder.MapBuilder
        assert argmap.ArgmapError is errors.ArgmapError
        assert argmap.load is formats.load
        assert argmap.ArgumentMap is model.ArgumentMap

    def test_errors_reachable_as_an_attribute(self):
        new = loaded("import argmap\nargmap.errors.escape('x')")
        assert "argmap.errors" in new

    def test_unknown_names_still_raise(self):
        with pytest.raises(AttributeError, match="no_such_name"):
            argmap.no_such_name  # noqa: B018


class TestImportRender:
    def test_loads_no_renderer(self):
        new = loaded("import argmap.render")
        assert heavy(new, "argmap.render.dot", "argmap.render.output", "argmap.model") == []

    def test_each_name_loads_its_module(self):
        new = loaded("from argmap.render import to_text")
        assert "argmap.render.text" in new
        assert heavy(new - {"argmap.render.text"}, "argmap.render.dot", "argmap.render.output") == []

    def test_every_public_name_resolves(self):
        from argmap import render

        for name in render.__all__:
            assert getattr(render, name) is not None
        assert "to_dot" in dir(render)
        with pytest.raises(AttributeError, match="no_such_name"):
            render.no_such_name  # noqa: B018


class TestImportLayout:
    def test_the_geometry_loads_on_first_use(self):
        new = loaded("import argmap.render.layout as layout\nassert 'tree_layout' in dir(layout)")
        assert "argmap.render.layout._shapes" not in new
        new = loaded(
            "from argmap.render.layout import Box, Layout, tree_layout\nassert Layout._fields[0] == 'direction'"
        )
        assert "argmap.render.layout._shapes" in new
        with pytest.raises(AttributeError, match="no_such_name"):
            import argmap.render.layout

            argmap.render.layout.no_such_name  # noqa: B018


class TestCommandStartUp:
    def test_version_loads_no_library(self):
        new = loaded("from argmap.cli import main\nassert main(['--version']) == 0")
        assert heavy(new, "argmap.model", "argmap.errors", "argmap.formats", "argmap.render", "attr", "typing") == []

    def test_help_loads_no_library(self):
        new = loaded("from argmap.cli import main\nassert main(['--help']) == 0")
        assert heavy(new, "argmap.model", "argmap.formats", "argmap.render", "attr") == []

    def test_render_with_the_tree_layout_loads_what_it_draws_with(self, tmp_path):
        b = MapBuilder()
        b.support(b.claim("Tea"), "Less caffeine")
        dump(b.build(), tmp_path / "m.json")
        code = (
            "from argmap.cli import main\n"
            f"assert main(['render', {str(tmp_path / 'm.json')!r}, '-o', {str(tmp_path / 'm.svg')!r}, '--layout', 'tree']) == 0"
        )
        new = loaded(code)
        assert {"argmap.render.layout", "argmap.formats._json_plain"} <= new
        # neither Graphviz's backend nor the semantics' names (read only when
        # an argument is checked against them), nor pathlib (-o was given);
        # and a plain map is drawn straight from the file: no attrs, no model
        assert heavy(new, "argmap.render.dot", "pathlib", "attr", "attrs", "argmap.model", "argmap.formats.json") == []
        # nor the layout's public tuples (the drawing reads its arrays)
        assert "argmap.render.layout._shapes" not in new
        # and its command line is read without argparse (nor the gettext and locale it loads),
        # and nothing on the way loads typing (the named tuples are made without it), threading,
        # importlib or contextlib
        assert heavy(new, "argparse", "gettext", "locale", "typing", "threading", "importlib", "contextlib") == []
        assert (tmp_path / "m.svg").read_text(encoding="utf-8").startswith("<?xml")

    def test_render_of_a_map_that_is_not_plain_reads_it_the_usual_way(self, tmp_path):
        b = MapBuilder()
        b.support(b.claim("Tea", tags=["drinks"]), "Less caffeine")
        dump(b.build(), tmp_path / "m.json")
        code = (
            "from argmap.cli import main\n"
            f"assert main(['render', {str(tmp_path / 'm.json')!r}, '-o', {str(tmp_path / 'm.svg')!r}, '--layout', 'tree']) == 0"
        )
        new = loaded(code)
        assert {"argmap.render.layout", "argmap.formats.json", "argmap.model"} <= new
        assert heavy(new, "argmap.render.dot", "pathlib") == []
        assert "Less caffeine" in (tmp_path / "m.svg").read_text(encoding="utf-8")

    def test_the_parser_of_one_command_reads_no_registry_it_does_not_check(self):
        new = loaded("from argmap.cli._parser import _parser\n_parser('render').parse_args(['render', 'm.json'])")
        assert heavy(new) == []

    def test_a_semantics_name_is_still_checked_and_listed(self, capsys, monkeypatch):
        from argmap.cli import main

        monkeypatch.setenv("COLUMNS", "2000")  # argparse would wrap "df-quad" at its hyphen
        from argmap.semantics import DEFAULT_MAX_EXTENSIONS

        assert main(["render", "m.json", "--semantics", "no-such"]) == 2
        err = capsys.readouterr().err
        assert "invalid choice: 'no-such'" in err and "'grounded'" in err
        assert main(["render", "--help"]) == 0
        out = " ".join(capsys.readouterr().out.split())
        assert "df-quad, quad," in out and f"(default: {DEFAULT_MAX_EXTENSIONS})" in out
        assert main(["eval", "m.json", "--backend", "nope"]) == 2
        assert "invalid choice: 'nope'" in capsys.readouterr().err


class TestArgdownJson:
    def test_a_plain_document_is_converted_without_the_model(self):
        code = (
            "from argmap.formats.argdown_json import from_argdown\n"
            "out = from_argdown('[T]: Tea is good.\\n  <+ It is warm.\\n')\n"
            "assert '\"Tea is good.\"' in out or 'Tea is good.' in out\n"
        )
        assert heavy(loaded(code), "argmap.model", "attr", "argmap.builder") == []


class TestExit:
    """Run as the program, the command leaves what stays at exit to the
    process's end: the cyclic collector does not scan it again."""

    def run(self, tmp_path, call):
        b = MapBuilder()
        b.support(b.claim("Tea"), "Less caffeine")
        dump(b.build(), tmp_path / "m.json")
        argv = ["render", str(tmp_path / "m.json"), "-o", str(tmp_path / "m.svg"), "--layout", "tree"]
        code = (
            "import atexit, gc, sys\n"
            "calls = []\n"
            "gc.freeze = lambda: calls.append(1)  # (counted: 3.12 also files immortal objects as frozen)\n"
            "from argmap.cli import main\n"
            f"sys.argv = ['argmap', *{argv!r}]\n"
            f"assert {call} == 0\n"
            "before = len(calls)  # (argmap freezes and unfreezes while it works too)\n"
            "atexit._run_exitfuncs()\n"
            "print(len(calls) - before)\n"
        )
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
        assert out.returncode == 0, out.stderr
        assert (tmp_path / "m.svg").exists()
        return int(out.stdout.split()[-1])

    def test_the_program_freezes_what_is_left_at_exit(self, tmp_path):
        assert self.run(tmp_path, "main() + main()") == 1  # once, at exit

    def test_a_call_with_arguments_leaves_the_collector_alone(self, tmp_path):
        assert self.run(tmp_path, "main(sys.argv[1:])") == 0
