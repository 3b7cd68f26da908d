"""argmap._namedtuple.NamedTuple makes the class typing.NamedTuple makes."""

from __future__ import annotations

import pickle
import typing

import pytest

from argmap import _namedtuple
from argmap._namedtuple import NamedTuple
from argmap.errors import Problem
from argmap.formats import Format, get_format
from argmap.render.style import ROLE_COLORS, RoleColors


def declare(base):
    class Entry(base):
        """An entry."""

        name: str
        size: int = 0
        tags: tuple[str, ...] = ()

        def __str__(self) -> str:
            return f"{self.name}:{self.size}"

        @property
        def big(self) -> bool:
            return self.size > 10

    return Entry


OURS, THEIRS = declare(NamedTuple), declare(typing.NamedTuple)


class TestSameClass:
    def test_fields_defaults_and_attributes(self):
        for name in ("_fields", "_field_defaults", "__doc__", "__module__", "__qualname__", "__bases__"):
            assert getattr(OURS, name) == getattr(THEIRS, name), name
        assert OURS.__new__.__defaults__ == THEIRS.__new__.__defaults__
        assert typing.get_type_hints(OURS) == typing.get_type_hints(THEIRS)
        # (typing's also keeps the class statement's bases: NamedTuple itself)
        assert set(dir(OURS)) == set(dir(THEIRS)) - {"__orig_bases__"}

    @pytest.mark.parametrize("args", [("a",), ("a", 12), ("a", 1, ("x",))])
    def test_instances(self, args):
        ours, theirs = OURS(*args), THEIRS(*args)
        assert ours == theirs and tuple(ours) == tuple(theirs)
        assert (repr(ours), str(ours), ours.big, ours._asdict()) == (
            repr(theirs),
            str(theirs),
            theirs.big,
            theirs._asdict(),
        )
        assert ours._replace(size=3) == theirs._replace(size=3)
        assert isinstance(ours, tuple)

    def test_the_same_errors(self):
        for base in (NamedTuple, typing.NamedTuple):
            with pytest.raises(TypeError, match=r"^Non-default namedtuple field b cannot follow default field a$"):

                class Bad(base):
                    a: int = 1
                    b: int

            with pytest.raises(AttributeError, match="Cannot overwrite NamedTuple attribute _replace"):

                class Worse(base):
                    a: int

                    def _replace(self):
                        return self

            with pytest.raises(TypeError):
                OURS("a", 1, (), 4)  # one value too many

    def test_no_other_base(self):
        with pytest.raises(TypeError, match="can only inherit from a NamedTuple type"):

            class Mixed(NamedTuple, int):
                a: int


class TestArgmapsNamedTuples:
    def test_they_pickle_and_read_as_before(self):
        p = Problem("c2", "empty-text", "claim text is empty")
        assert pickle.loads(pickle.dumps(p)) == p and type(pickle.loads(pickle.dumps(p))) is Problem
        assert repr(p) == "Problem(id='c2', code='empty-text', message='claim text is empty')"
        assert str(p) == "c2: claim text is empty"
        assert get_format("json") == Format(*get_format("json")) and get_format("json")._fields[0] == "name"
        assert isinstance(next(iter(ROLE_COLORS.values())), RoleColors)
        assert Problem.__module__ == "argmap.errors" and Problem.__qualname__ == "Problem"

    def test_the_type_checker_reads_typings_own(self):
        assert _namedtuple.TYPE_CHECKING is False  # (and mypy reads the typing branch: tests/test_static.py)
