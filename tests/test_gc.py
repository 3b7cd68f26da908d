"""argmap._gc: the cyclic collector is paused inside, restored after."""

from __future__ import annotations

import gc

import pytest

from argmap._gc import paused, pausing


@pytest.fixture(autouse=True)
def _restore_gc():
    enabled = gc.isenabled()
    yield
    (gc.enable if enabled else gc.disable)()


def test_paused_turns_the_collector_off_and_back_on():
    gc.enable()
    with paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_paused_leaves_a_disabled_collector_disabled():
    gc.disable()
    with paused():
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_paused_restores_on_an_exception():
    gc.enable()
    with pytest.raises(KeyError), paused():
        raise KeyError("x")
    assert gc.isenabled()


def test_pausing_wraps_a_function():
    @pausing
    def f(a, *, b):
        """Doc."""
        return a + b, gc.isenabled()

    gc.enable()
    assert f(1, b=2) == (3, False)
    assert f.__name__ == "f" and f.__doc__ == "Doc."
    assert gc.isenabled()
