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


class TestPromote:
    """paused(promote=True): what the block made is filed as old, not scanned
    as young by the collector's next run."""

    @pytest.fixture(autouse=True)
    def _nothing_frozen(self):
        # CPython 3.12 files its immortal objects as frozen once a full
        # collection has seen them; promote leaves frozen objects alone
        # (tested below), so these tests start from none.
        gc.unfreeze()

    def test_the_young_generations_are_empty_after(self):
        gc.enable()
        with paused(promote=True):
            made = [[i] for i in range(10_000)]
        assert gc.get_count()[0] == 0
        assert not any(x is made for x in gc.get_objects(generation=0))
        assert any(x is made for x in gc.get_objects(generation=2))
        assert gc.isenabled() and gc.get_freeze_count() == 0

    def test_garbage_made_inside_is_still_collected(self):
        class Node:
            pass

        gc.enable()
        with paused(promote=True):
            a, b = Node(), Node()
            a.other, b.other = b, a
            del a, b
        assert gc.collect() >= 2

    def test_objects_the_program_froze_stay_frozen(self):
        gc.enable()
        gc.freeze()
        try:
            frozen = gc.get_freeze_count()
            with paused(promote=True):
                made = [[i] for i in range(100)]
            assert gc.get_freeze_count() == frozen  # nothing released, nothing added
            assert made
        finally:
            gc.unfreeze()

    def test_a_disabled_collector_is_left_alone(self):
        gc.disable()
        with paused(promote=True):
            made = [[1]]
        assert not gc.isenabled() and any(x is made for x in gc.get_objects(generation=0))

    def test_aif_loads_promotes(self, monkeypatch):
        from argmap.formats import aif

        seen = []
        real = aif.paused
        monkeypatch.setattr(aif, "paused", lambda **kw: seen.append(kw) or real(**kw))
        aif.loads('{"nodes": [], "edges": []}')
        assert seen == [{"promote": True}]

    def test_a_built_map_is_filed_as_old(self):
        from argmap import MapBuilder

        b = MapBuilder()
        thesis = b.claim("Tea")
        for i in range(1000):
            b.support(thesis, f"Reason {i}")
        gc.enable()
        m = b.build()
        assert gc.isenabled() and gc.get_freeze_count() == 0
        young = gc.get_objects(generation=0) + gc.get_objects(generation=1)
        made = {id(x) for x in (*m.claims, *m.relations)}
        assert not any(id(x) in made for x in young)
        assert any(x is m.claims[-1] for x in gc.get_objects(generation=2))

    def test_a_loaded_json_map_is_filed_as_old(self):
        import argmap

        b = argmap.MapBuilder()
        thesis = b.claim("Tea")
        for i in range(1000):
            b.support(thesis, f"Reason {i}")
        text = argmap.dumps(b.build())
        gc.enable()
        m = argmap.loads(text)
        assert gc.isenabled() and gc.get_freeze_count() == 0
        young = gc.get_objects(generation=0) + gc.get_objects(generation=1)
        made = {id(x) for x in (*m.claims, *m.relations)}
        assert not any(id(x) in made for x in young)
        assert any(x is m.claims[-1] for x in gc.get_objects(generation=2))

    def test_an_argdown_model_is_filed_as_old(self):
        from argmap.formats.argdown import parse_document

        text = "[T]: Tea.\n" + "".join(f"  <+ Reason {i}.\n" for i in range(1000))
        gc.enable()
        _, doc = parse_document(text)
        assert gc.isenabled() and gc.get_freeze_count() == 0
        young = gc.get_objects(generation=0) + gc.get_objects(generation=1)
        made = {id(x) for x in (*doc.relations, *doc.statements.values())}
        assert not any(id(x) in made for x in young)
        assert any(x is doc.relations[-1] for x in gc.get_objects(generation=2))
