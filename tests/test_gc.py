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


@pytest.mark.parametrize("where", ["build", "to_dot", "argdown-json"])
def test_big_structures_are_built_with_the_collector_paused(where, monkeypatch):
    import argmap.model
    from argmap import MapBuilder
    from argmap.formats.argdown import _json
    from argmap.render import to_dot

    seen = []
    b = MapBuilder()
    b.support(b.claim("Tea"), "It is warm")
    if where == "build":
        import argmap.builder

        real_new_claims = argmap.builder._new_claims  # build() makes the claims, then the map

        def spy(*args, **kwargs):
            seen.append(gc.isenabled())
            return real_new_claims(*args, **kwargs)

        monkeypatch.setattr(argmap.builder, "_new_claims", spy)
        gc.enable()
        b.build()
    else:
        m = b.build()
        module = _json if where == "argdown-json" else __import__("argmap.render.dot", fromlist=["_body"])
        name = "to_data" if where == "argdown-json" else "_body"
        inner = getattr(module, name)

        def spy2(*args, **kwargs):
            seen.append(gc.isenabled())
            return inner(*args, **kwargs)

        monkeypatch.setattr(module, name, spy2)
        gc.enable()
        _json.dumps(m) if where == "argdown-json" else to_dot(m)
    assert seen == [False]
    assert gc.isenabled()
