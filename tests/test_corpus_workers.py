"""Many files in several processes: load_all(workers=N), `stats -j`, `convert -j`
and the machinery under them (argmap._workers)."""

import json
import os
import pickle
import signal
import subprocess
import sys
import textwrap
import time
import warnings
from pathlib import Path

import pytest
from _batch import run_cli, spy_on_starts
from _seed import seed_map as _seed_map
from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
import argmap._workers as workers_module
import argmap.corpus as corpus
from argmap import ArgmapError, ArgumentMap
from argmap._workers import run_ordered
from argmap.cli import main
from argmap.strategies import aif_json, argument_maps

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "aif" / "araucaria"
CORPUS_FILES = sorted(CORPUS.glob("*.json")) if CORPUS.is_dir() else []
# (Warnings are counted where a test is about them.)
pytestmark = [
    pytest.mark.filterwarnings("ignore::argmap.LossyConversionWarning"),
    pytest.mark.filterwarnings("ignore:seven:UserWarning"),
]
METHODS = ["fork", "spawn"] if sys.platform.startswith("linux") else ["spawn"]


@pytest.fixture
def always_processes(monkeypatch):
    """Workers however small the files (the threshold off)."""
    monkeypatch.setattr(corpus, "WORKERS_MIN_BYTES", 0)
    monkeypatch.setattr(corpus, "WORKERS_MIN_BYTES_SPAWN", 0)


@pytest.fixture(params=METHODS)
def method(request, monkeypatch):
    """Each start method in turn (children forked, or started afresh)."""
    monkeypatch.setattr(workers_module, "start_method", lambda: request.param)
    return request.param


@pytest.fixture
def started(monkeypatch):
    """The number of worker processes each run started (children forked
    where the platform can)."""
    return spy_on_starts(monkeypatch, "fork" if "fork" in METHODS else "spawn")


@pytest.fixture
def mixed(tmp_path):
    """Good maps, bad files and a warning, in one folder: (paths, expected kinds)."""
    paths = []
    for i in range(9):
        b = argmap.MapBuilder(title=f"m{i}")
        t = b.claim(f"Thesis {i}", data={"n": i, "xs": [1, {"a": None}]}, tags=["t"])
        r = b.support(t, [b.claim(f"Reason {i}.{j}") for j in range(i % 3 + 1)], scheme="s")
        b.undercut(r, b.claim("Not so"))
        path = tmp_path / f"m{i}.json"
        argmap.dump(b.build(), path)
        paths.append(path)
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    ra = {
        "nodes": [{"nodeID": "1", "text": "x", "type": "I"}, {"nodeID": "2", "text": "RA", "type": "RA"}],
        "edges": [{"fromID": "1", "toID": "2"}],
    }
    (tmp_path / "warns.aif.json").write_text(json.dumps(ra), encoding="utf-8")
    paths[3:3] = [tmp_path / "bad.json", tmp_path / "warns.aif.json", tmp_path / "missing.json"]
    return paths


def _comparable(results):
    return [(p, type(r).__name__, str(r) if isinstance(r, ArgmapError) else r) for p, r in results]


def _ours(caught):
    return [(w.category, str(w.message)) for w in caught if issubclass(w.category, argmap.ArgmapWarning)]


def _alive(pids):
    """The pids of *pids* that are still running (not gone, not zombies)."""
    out = []
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat", encoding="ascii") as f:
                state = f.read().rpartition(")")[2].split()[0]
        except OSError:
            continue
        if state not in ("Z", "X"):
            out.append(pid)
    return out


class TestSameResults:
    def test_in_order_with_errors_and_warnings(self, mixed, always_processes, method):
        with warnings.catch_warnings(record=True) as one_caught:
            warnings.simplefilter("always")
            one = list(argmap.load_all(mixed))
        for workers in (2, 3):
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                many = list(argmap.load_all(mixed, workers=workers))
            assert _comparable(many) == _comparable(one)
            assert _ours(caught) == _ours(one_caught) == [(argmap.LossyConversionWarning, _ours(one_caught)[0][1])]
        kinds = [type(r).__name__ for _, r in one]
        assert kinds[3:6] == ["ParseError", "ArgumentMap", "ArgmapError"]

    def test_maps_are_whole(self, mixed, always_processes, method):
        for (_, a), (_, b) in zip(argmap.load_all(mixed), argmap.load_all(mixed, workers=2)):
            if isinstance(a, ArgumentMap):
                assert a == b and a.roles == b.roles and a.theses == b.theses
                assert [b[c.id] for c in b.claims] == list(a.claims)
                assert hash(a) == hash(b) and argmap.dumps(a) == argmap.dumps(b)

    @pytest.mark.skipif(not CORPUS_FILES, reason="../shared/corpora/aif/araucaria is not there")
    def test_araucaria(self, always_processes):
        one = list(argmap.load_all(CORPUS_FILES, format="aif"))
        two = list(argmap.load_all(CORPUS_FILES, format="aif", workers=2))
        assert _comparable(one) == _comparable(two) and len(two) == 133


@settings(max_examples=25)
@given(argument_maps())
def test_a_map_travels_whole(m):
    """What a worker sends back is the map: equal, with the same index and
    derived views, and the same document."""
    from argmap._workers import _dumps

    sent = _dumps(corpus._to_wire(m), corpus._WIRE_TABLE)
    back = corpus._received(pickle.loads(sent))
    assert back == m and hash(back) == hash(m)
    assert back.roles == m.roles and back.theses == m.theses
    assert all(back[x.id] == x for x in (*m.claims, *m.relations))
    assert argmap.dumps(back) == argmap.dumps(m)


@settings(max_examples=25)
@given(aif_json(argument_maps(with_metadata=False)), st.booleans())
def test_a_map_read_from_aif_travels_whole(text, read_first):
    """A map fresh from the AIF reader (its relations' edge fields not made
    yet) or read through: the same map arrives, and the same AIF."""
    from argmap._workers import _dumps
    from argmap.formats import aif

    m, expected = aif.loads(text), aif.loads(text)
    if read_first:
        [dict(r.data) for r in m.relations]
    back = corpus._received(pickle.loads(_dumps(corpus._to_wire(m), corpus._WIRE_TABLE)))
    assert aif.dumps(back) == aif.dumps(expected)
    assert back == expected and hash(back) == hash(expected)
    assert [r.data for r in back.relations] == [r.data for r in expected.relations]


def _square(x):
    if x == 13:
        raise KeyError("thirteen")
    if x == 7:
        warnings.warn(f"seven {x}", UserWarning, stacklevel=1)
    return x * x


def _square_wire(x):
    return ("w", _square(x))


def _unwire(w):
    return w[1]


class TestRunOrdered:
    @settings(max_examples=15)
    @given(
        n=st.integers(0, 40),
        chunk=st.integers(1, 9),
        workers=st.integers(1, 3),
    )
    def test_any_chunking_gives_the_results_in_order(self, n, chunk, workers):
        items = [x for x in range(n) if x != 13]
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            got = list(run_ordered(items, _square, _square_wire, _unwire, workers=workers, chunk_size=chunk))
        assert got == [(x, x * x) for x in items]
        assert [str(w.message) for w in caught if w.category is UserWarning] == ["seven 7"] * (n > 7)

    @pytest.mark.parametrize("workers", [1, 2])
    def test_an_exception_comes_at_its_turn_and_ends_the_children(self, workers, method):
        got = []
        with pytest.raises(KeyError, match="thirteen"):
            for item, _result in run_ordered(
                list(range(30)), _square, _square_wire, _unwire, workers=workers, chunk_size=2, method=method
            ):
                got.append(item)
        assert got == list(range(13))
        assert not workers_module_children()

    def test_a_child_that_dies_is_an_error_not_a_hang(self):
        def local(x):
            return x

        def remote(x):
            os.kill(os.getpid(), signal.SIGKILL)

        with pytest.raises(RuntimeError, match="a worker process ended unexpectedly"):
            list(run_ordered(list(range(20)), local, remote, _unwire, workers=2, chunk_size=1, method="fork"))
        assert not workers_module_children()

    def test_closing_early_ends_the_children(self, method):
        it = run_ordered(list(range(100)), _square, _square_wire, _unwire, workers=3, chunk_size=1, method=method)
        assert next(it) == (0, 0)
        assert len(workers_module_children()) == 2
        it.close()
        assert not workers_module_children()

    def test_keyboard_interrupt_here_ends_the_children(self):
        def local(x):
            if x == 5:
                raise KeyboardInterrupt
            return x

        with pytest.raises(KeyboardInterrupt):
            list(run_ordered(list(range(50)), local, _square_wire, _unwire, workers=2, chunk_size=1, method="fork"))
        assert not workers_module_children()

    def test_an_unpicklable_result_is_an_error_at_its_turn(self):
        with pytest.raises(RuntimeError, match="could not send its results back"):
            list(run_ordered(list(range(20)), _square, _lock, _unwire, workers=2, chunk_size=1, method="fork"))


def _lock(x):
    import threading

    return threading.Lock()


def workers_module_children():
    import multiprocessing

    return [p for p in multiprocessing.active_children() if p.name == "argmap-worker"]


class TestThreshold:
    def test_small_work_starts_no_process(self, mixed, monkeypatch):
        def refuse(*args, **kwargs):
            raise AssertionError("a process was started")

        monkeypatch.setattr(workers_module, "_start", refuse)
        assert _comparable(argmap.load_all(mixed, workers=2)) == _comparable(argmap.load_all(mixed))

    def test_enough_bytes_start_processes(self, mixed, monkeypatch, started):
        size = sum(p.stat().st_size for p in mixed if p.exists())
        monkeypatch.setattr(corpus, "WORKERS_MIN_BYTES", size)
        monkeypatch.setattr(corpus, "WORKERS_MIN_BYTES_SPAWN", size)
        list(argmap.load_all(mixed, workers=3))
        assert started == [2]
        monkeypatch.setattr(corpus, "WORKERS_MIN_BYTES", size + 1)
        monkeypatch.setattr(corpus, "WORKERS_MIN_BYTES_SPAWN", size + 1)
        list(argmap.load_all(mixed, workers=3))
        assert started == [2]

    def test_convert_counts_each_file_as_64_kib(self, tmp_path, monkeypatch, started):
        names = []
        for i in range(16):
            argmap.dump(argmap.MapBuilder(title=str(i)).build(), tmp_path / f"m{i}.json")
            names.append(str(tmp_path / f"m{i}.json"))
        out = tmp_path / "out"
        out.mkdir()
        assert _run(["convert", "-j", "2", *names[:15], "-d", str(out), "-t", "aif"])[0] == 0
        assert started == []  # 15 small files: done here
        assert _run(["convert", "-j", "2", *names, "-d", str(out), "-t", "aif"])[0] == 0
        assert started == [1]  # 16: in two processes
        assert len(list(out.iterdir())) == 16

    def test_one_file_or_one_worker_starts_no_process(self):
        assert not corpus._worth_processes(["a", "b"], 1, "fork")
        assert not corpus._worth_processes(["/dev/null"], 2, "fork")

    def test_the_threshold_is_higher_where_children_start_afresh(self):
        assert corpus.WORKERS_MIN_BYTES_SPAWN > corpus.WORKERS_MIN_BYTES > 0

    def test_fork_only_without_threads(self):
        import threading

        # (threads the system sees count too: one a C library started is one)
        alone = sys.platform.startswith("linux") and threading.active_count() == 1
        expected = "fork" if alone and len(os.listdir("/proc/self/task")) == 1 else None
        if expected:
            assert workers_module.start_method() == "fork"
        event = threading.Event()
        thread = threading.Thread(target=event.wait)
        thread.start()
        try:
            assert workers_module.start_method() in ("forkserver", "spawn")
        finally:
            event.set()
            thread.join()


_run = run_cli


class TestCommands:
    def test_stats_jobs(self, mixed, always_processes, method):
        names = [str(p) for p in mixed] + [str(mixed[0].with_suffix(".txt"))]
        for fmt in ("table", "json"):
            assert _run(["stats", "--format", fmt, "-j", "2", *names]) == _run(["stats", "--format", fmt, *names])
        status, _out, err = _run(["stats", "-j", "3", *names])
        assert status == 1 and "unknown file suffix '.txt'" in err and "bad.json:1:2: error:" in err

    def test_check_jobs(self, mixed, tmp_path, always_processes, method):
        """check -j N prints what check prints, file by file in order, with
        lint warnings, errors, the quotes of a map that names its article,
        and the coverage of --source."""
        seed_map = _seed_map()
        seed = tmp_path / "seed.json"
        argmap.dump(seed_map, seed)
        lonely = tmp_path / "lonely.json"
        argmap.dump(ArgumentMap([argmap.Claim("a", "A"), argmap.Claim("b", "B")]), lonely)
        names = [str(p) for p in mixed] + [str(seed), str(lonely), str(mixed[0].with_suffix(".txt"))]
        article = tmp_path / "article.txt"
        article.write_text(seed_map.source.text, encoding="utf-8")
        for extra in ([], ["--strict"], ["--source", str(article)]):
            one = _run(["check", *extra, *names])
            assert _run(["check", "-j", "2", *extra, *names]) == one
            status, out, err = one
            assert status == 1 and "bad.json:1:2: error:" in err and "unknown file suffix '.txt'" in err
            assert ("OK " + str(lonely) in out) == (extra != ["--strict"])
            assert (
                "lonely.json: " + ("error" if extra == ["--strict"] else "warning") + ": a: claim is connected" in err
            )
        assert "quotes verified" in _run(["check", "-j", "2", *names])[1]
        assert "coverage of " + str(article) in _run(["check", "-j", "2", "--source", str(article), *names])[1]

    def test_check_jobs_with_a_source_that_cannot_be_read(self, mixed, tmp_path, always_processes):
        status, out, err = _run(["check", "-j", "2", "--source", str(tmp_path / "none.txt"), *map(str, mixed)])
        assert status == 1 and out == "" and err.count("none.txt: error: cannot read source") == 1

    def test_convert_jobs(self, mixed, tmp_path, always_processes, method):
        names = [str(p) for p in mixed] + [str(mixed[0])]  # the last would write m0's output again
        results = []
        for jobs in ("1", "2"):
            out = tmp_path / f"out{jobs}"
            out.mkdir()
            status, _, err = _run(["convert", "-j", jobs, *names, "-d", str(out), "-t", "aif"])
            files = {p.name: p.read_bytes() for p in out.iterdir()}
            results.append((status, err.replace(str(out), "OUT"), files))
        assert results[0] == results[1]
        status, err, files = results[1]
        assert status == 1 and len(files) == 10 and "already written from" in err

    def test_convert_jobs_when_the_first_of_two_fails(self, tmp_path, always_processes):
        (tmp_path / "a").mkdir()
        (tmp_path / "b").mkdir()
        (tmp_path / "a" / "m.json").write_text("{", encoding="utf-8")
        argmap.dump(argmap.MapBuilder().build(), tmp_path / "b" / "m.json")
        out = tmp_path / "out"
        out.mkdir()
        names = [str(tmp_path / "a" / "m.json"), str(tmp_path / "b" / "m.json")]
        status, _, err = _run(["convert", "-j", "2", *names, "-d", str(out), "-t", "aif"])
        assert status == 1 and "a/m.json:1:2: error:" in err
        assert argmap.load(out / "m.aif", format="aif") == argmap.MapBuilder().build()

    def test_jobs_must_be_positive(self, mixed, capsys):
        assert main(["stats", "-j", "0", str(mixed[0])]) == 2
        assert "expected a positive whole number" in capsys.readouterr().err

    @pytest.mark.skipif(not CORPUS_FILES, reason="../shared/corpora/aif/araucaria is not there")
    def test_convert_corpus(self, tmp_path, always_processes):
        out = tmp_path / "out"
        out.mkdir()
        assert (
            _run(["convert", "-j", "2", "--from", "aif", *map(str, CORPUS_FILES), "-d", str(out), "-t", "json"])[0] == 0
        )
        assert len(list(out.iterdir())) == 133


_SCRIPT = textwrap.dedent(
    """
    import os, sys, time
    import argmap.corpus as corpus
    import argmap._workers as w
    corpus.WORKERS_MIN_BYTES = 0
    paths = sys.argv[2:]

    def slow(path):
        time.sleep(0.05)
        return corpus.load_one(path)

    it = w.run_ordered(paths, slow, slow, lambda x: x, workers=3, chunk_size=1)
    next(it)
    import multiprocessing
    print(" ".join(str(p.pid) for p in multiprocessing.active_children()), flush=True)
    if sys.argv[1] == "interrupt":
        os.kill(os.getpid(), __import__("signal").SIGINT)
    time.sleep(60)
    """
)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
class TestNoOrphans:
    def _start(self, mode, mixed):
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        proc = subprocess.Popen(
            [sys.executable, "-c", _SCRIPT, mode, *map(str, mixed * 20)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            text=True,
        )
        line = proc.stdout.readline()
        pids = [int(p) for p in line.split()]
        assert len(pids) == 2, proc.stderr.read()
        return proc, pids

    def _gone(self, pids):
        deadline = time.monotonic() + 20
        while _alive(pids) and time.monotonic() < deadline:
            time.sleep(0.05)
        return not _alive(pids)

    def test_ctrl_c(self, mixed):
        proc, pids = self._start("interrupt", mixed)
        _, err = proc.communicate(timeout=30)
        assert proc.returncode != 0 and "KeyboardInterrupt" in err
        assert self._gone(pids)

    def test_the_parent_killed(self, mixed):
        proc, pids = self._start("wait", mixed)
        proc.kill()
        proc.wait(timeout=30)
        assert self._gone(pids)  # each child sees its pipe close and exits
