"""The import surface: what `import argmap` gives and what it must not load."""

import subprocess
import sys

import argmap


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
