"""argmap.errors: one home for every exception class, errors that survive
pickling (worker processes), and the one excerpt helper."""

from __future__ import annotations

import importlib
import pickle
import pkgutil

import pytest
from hypothesis import given
from hypothesis import strategies as st

import argmap
import argmap.errors
from argmap.errors import (
    ArgmapError,
    DataError,
    ExecutableNotFound,
    FormatError,
    LimitError,
    MissingDependencyError,
    OutOfMemoryError,
    ParseError,
    Problem,
    UnknownIdError,
    ValidationError,
    WorkerKilledError,
    WriteError,
    excerpt,
)

# Exceptions that other modules still define; each moves to argmap.errors
# with the work on its module (the semantics split).
_ELSEWHERE = {"SemanticsError", "SemanticsLimitError", "ConvergenceError"}


def _public_modules() -> list[str]:
    names = ["argmap"]
    for info in pkgutil.walk_packages(argmap.__path__, "argmap."):
        parts = info.name.split(".")
        if any(p.startswith("_") for p in parts) or parts[1] == "strategies":
            continue  # private modules; the strategies need hypothesis (tested there)
        names.append(info.name)
    return names


class TestOneHome:
    def test_every_public_exception_class_is_defined_in_errors(self):
        found = {}
        for name in _public_modules():
            module = importlib.import_module(name)
            for attr, value in vars(module).items():
                if (
                    isinstance(value, type)
                    and issubclass(value, BaseException)
                    and not attr.startswith("_")
                    and value.__module__.startswith("argmap")
                    and value.__name__ not in _ELSEWHERE
                ):
                    found[f"{name}.{attr}"] = value.__module__
        # argmap.cli.UsageError is the command's own control-flow signal (a
        # usage message and exit status 2), caught in main(); it never
        # reaches a caller, so it stays in the CLI.
        found.pop("argmap.cli.UsageError", None)
        assert {k: v for k, v in found.items() if v != "argmap.errors"} == {}

    def test_the_old_import_paths_still_work(self):
        from argmap import model
        from argmap.model import DataError as OldDataError
        from argmap.model import UnknownIdError as OldUnknownIdError

        assert OldDataError is DataError and model.DataError is DataError
        assert OldUnknownIdError is UnknownIdError and argmap.UnknownIdError is UnknownIdError

    def test_subclass_relations_are_kept(self):
        assert issubclass(DataError, ValidationError) and issubclass(DataError, ValueError)
        assert issubclass(UnknownIdError, ArgmapError) and issubclass(UnknownIdError, KeyError)

    def test_unknown_id_raised_by_the_model_is_the_one_in_errors(self):
        m = argmap.MapBuilder().build()
        with pytest.raises(UnknownIdError):
            m.claim("nope")

    def test_data_error_raised_by_the_model_is_the_one_in_errors(self):
        from argmap.model import freeze

        with pytest.raises(DataError, match="nan"):
            freeze({"x": float("nan")})

    def test_errors_exports_every_class_it_defines(self):
        defined = {
            name
            for name, value in vars(argmap.errors).items()
            if isinstance(value, type) and value.__module__ == "argmap.errors" and not name.startswith("_")
        }
        assert defined <= set(argmap.errors.__all__)


# --------------------------------------------------------------------------
# Pickling: an error crosses a process boundary (a corpus read by workers)

_text = st.text(max_size=30)
_errors = st.one_of(
    st.builds(
        lambda msg, doc, pos, path: ParseError(msg, doc=doc, pos=pos, path=path),
        _text,
        _text,
        st.integers(-5, 40),
        st.none() | _text,
    ),
    st.builds(lambda msg, where, path: FormatError(msg, where=where, path=path), _text, _text, st.none() | _text),
    st.builds(ValidationError, st.lists(st.builds(Problem, _text, _text, _text), max_size=3)),
    st.builds(DataError, _text, _text),
    st.builds(
        lambda msg, limit, value, path: LimitError(msg, limit=limit, value=value, path=path),
        _text,
        _text,
        st.integers(0, 10**9),
        st.none() | _text,
    ),
    st.builds(lambda msg, path: WriteError(msg, path=path), _text, _text),
    st.builds(ExecutableNotFound, _text),
    st.builds(UnknownIdError, _text),
    st.builds(lambda m, e, n: MissingDependencyError(m, extra=e, needed_for=n), _text, _text, _text),
    st.builds(
        lambda path, size, limit: OutOfMemoryError(path=path, size=size, limit=limit),
        _text,
        st.none() | st.integers(0, 10**12),
        st.sampled_from(["max_bytes", "max_arguments"]),
    ),
    st.builds(
        lambda path, code, limit: WorkerKilledError(path=path, exitcode=code, limit=limit),
        _text,
        st.none() | st.integers(-300, 300),
        st.sampled_from(["max_bytes", "max_arguments"]),
    ),
)


class TestPickle:
    @given(_errors)
    def test_round_trip_keeps_class_message_and_fields(self, err):
        back = pickle.loads(pickle.dumps(err))
        assert type(back) is type(err)
        assert str(back) == str(err)
        assert back.__dict__ == err.__dict__

    def test_parse_error_keeps_its_location(self):
        # pickle's default (the formatted message as the only argument) gave
        # "line 1:1: m.json:1:2: bad"
        back = pickle.loads(pickle.dumps(ParseError("bad", doc="ab", pos=1, path="m.json")))
        assert str(back) == "m.json:1:2: bad" and (back.lineno, back.colno) == (1, 2)


# --------------------------------------------------------------------------
# The excerpt


class TestExcerpt:
    @given(st.text(max_size=60), st.data())
    def test_parse_error_excerpt_is_the_helper(self, doc, data):
        pos = data.draw(st.integers(0, len(doc)))
        assert ParseError("x", doc=doc, pos=pos).excerpt == "\n".join(excerpt(doc, pos))

    @given(st.text(alphabet="ab \t\n\x1b\u202e", max_size=300), st.data(), st.integers(4, 50))
    def test_caret_is_under_the_column_and_the_line_fits(self, doc, data, width):
        pos = data.draw(st.integers(0, len(doc)))
        shown, caret = excerpt(doc, pos, width=width)
        assert "\n" not in shown and caret.endswith("^") and caret[:-1] == " " * (len(caret) - 1)
        assert len(caret) - 1 <= len(shown)
        start = doc.rfind("\n", 0, pos) + 1
        end = doc.find("\n", pos)
        line = doc[start : end if end != -1 else len(doc)]
        if len(line) <= width:  # not cut: the whole line, escaped
            assert shown == argmap.errors.escape(line)
        else:  # at most width characters of the line (each escaped) and the two marks
            assert len(shown) <= 6 + 6 * width

    def test_long_line_is_cut_around_the_column(self):
        assert excerpt("x" * 50 + "!" + "y" * 50, 50, width=20) == ("...xxxxxxxxxx!yyyyyyyyy...", " " * 13 + "^")
        assert excerpt("x" * 50, 1, width=10) == ("xxxxxxxxxx...", " ^")
        assert excerpt("x" * 50, 50, width=10) == ("...xxxxxxxxxx", " " * 13 + "^")

    @pytest.mark.parametrize("doc", ["", "   ", "\t", "a\n \t \nb"])
    def test_blank_line_is_skipped_on_request(self, doc):
        pos = 3 if doc.startswith("a") else 0
        assert excerpt(doc, pos, skip_blank=True) is None
        assert excerpt(doc, pos) is not None

    def test_escaped_tab_moves_the_caret(self):
        assert excerpt("a\tb", 2) == ("a\\tb", "   ^")
