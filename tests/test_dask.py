"""The per-file corpus functions run over a Dask bag unchanged (the recipe
in docs/corpora.md).  Dask is an optional extra, ``argmap[dask]``: these
tests skip when it is not installed."""

import pickle
from pathlib import Path

import pytest

import argmap
from argmap import ArgmapError
from argmap.analysis import MapStats, corpus_stats
from argmap.corpus import load_one, stats_one


@pytest.fixture
def files(tmp_path):
    paths = []
    for i in range(6):
        b = argmap.MapBuilder(title=f"map {i}")
        t = b.claim("Thesis", id="t")
        for j in range(i):
            b.support(t, b.claim(f"Reason {j}", id=f"p{j}"), id=f"r{j}")
        path = tmp_path / f"m{i}.json"
        argmap.dump(b.build(), path)
        paths.append(str(path))
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    return [*paths, str(bad)]


def test_per_file_functions_are_picklable(files):
    for f in (load_one, stats_one):
        assert pickle.loads(pickle.dumps(f)) is f
    m = load_one(files[2])
    assert pickle.loads(pickle.dumps(m)) == m
    error = load_one(files[-1])
    assert isinstance(error, ArgmapError) and str(pickle.loads(pickle.dumps(error))) == str(error)
    assert isinstance(stats_one(files[3]), MapStats) and stats_one(files[3]).claims == 4


@pytest.mark.parametrize("scheduler", ["synchronous", "processes"])
def test_dask_bag_recipe(files, scheduler):
    db = pytest.importorskip("dask.bag")
    results = db.from_sequence(files, npartitions=3).map(stats_one).compute(scheduler=scheduler)
    assert [type(r).__name__ for r in results] == ["MapStats"] * 6 + ["ParseError"]
    totals = corpus_stats(r for r in results if isinstance(r, MapStats))
    assert (totals.claims, totals.relations) == (21, 15)
    assert results[:6] == [stats_one(p) for p in files[:6]]  # the same as here


def test_dask_maps_recipe(files):
    db = pytest.importorskip("dask.bag")
    maps = db.from_sequence(files[:3], npartitions=2).map(load_one).compute(scheduler="processes")
    assert maps == [argmap.load(p) for p in files[:3]]
    assert Path(files[0]).is_file()
