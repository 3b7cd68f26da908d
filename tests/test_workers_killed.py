"""A worker process that dies (killed for lack of memory, or by any signal)
is not a bug: the file it was reading is that file's error, the others are
still done, in order, and no process is left behind.

And the library's own out-of-memory error: load_one / load_all give a
MemoryError while reading as the file's OutOfMemoryError.
"""

import os
import pickle
import signal
import sys
from functools import partial
from pathlib import Path

import pytest
from _batch import run_cli, spy_on_starts
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import argmap
import argmap._workers as workers_module
import argmap.corpus as corpus
import argmap.formats.json as json_format
from argmap._workers import run_ordered
from argmap.errors import ArgmapError, OutOfMemoryError, WorkerKilledError

FORK = sys.platform.startswith("linux")
METHODS = ["fork", "spawn"] if FORK else ["spawn"]
KILLED = (
    "the worker process reading this file was killed (SIGKILL), most likely for lack of memory; "
    "use a smaller file or more memory, or pass a lower max_bytes= (or --max-bytes) to refuse files like it"
)

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="no SIGKILL here")


@pytest.fixture(autouse=True)
def hang_guard():
    """Each test ends within two minutes, or fails (never hangs the suite)."""
    if not hasattr(signal, "SIGALRM"):
        yield
        return

    def timeout(signum, frame):
        raise TimeoutError("the test hung")

    old = signal.signal(signal.SIGALRM, timeout)
    signal.alarm(120)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def _die(how):
    """End this process as *how* says: only a worker process, never the
    tests' own."""
    if not _in_worker():
        raise RuntimeError("a test would have killed itself")
    if how == "exit":
        os._exit(3)
    os.kill(os.getpid(), how)


def _in_worker():
    import multiprocessing

    return multiprocessing.current_process().name == "argmap-worker"


def _children():
    import multiprocessing

    return [p for p in multiprocessing.active_children() if p.name == "argmap-worker"]


@pytest.fixture
def started(monkeypatch):
    """The counts of children each start asked for (forked, where the
    platform can); the threshold off, so that any work goes to them."""
    if not FORK:
        pytest.skip("the patched reader reaches only forked workers")
    counts = spy_on_starts(monkeypatch, "fork", any_size=True)
    yield counts
    assert not _children()  # none left behind


def _maps(folder, count):
    paths = []
    for i in range(count):
        b = argmap.MapBuilder(title=f"m{i}")
        b.support(b.claim(f"Thesis {i}"), f"Reason {i}")
        path = folder / f"m{i}.json"
        argmap.dump(b.build(), path)
        paths.append(path)
    return paths


@pytest.fixture
def killer(monkeypatch):
    """Make the JSON reader end its process (SIGKILL, unless told another
    way) on the maps whose titles are given; returns the function that sets
    them."""
    real = json_format.loads
    deadly = {}

    def loads(text):
        for title, how in deadly.items():
            if f'"title": "{title}"'.encode() in bytes(text) and _in_worker():
                _die(how)
        return real(text)

    monkeypatch.setattr(json_format, "loads", loads)

    def kill(*titles, how=signal.SIGKILL):
        deadly.update(dict.fromkeys(titles, how))

    return kill


# --------------------------------------------------------------------------
# The machinery


def _square(x):
    return x * x


def _kill_on(x):
    """*x* squared, in a child that dies on the multiples of 7 (SIGKILL)."""
    if x % 7 == 6:
        _die(signal.SIGKILL)
    return x * x


def _kill_once(flag, x):
    """*x* squared; item 5 kills the first child that does it (the file
    *flag* not there yet): a process that ran short once."""
    if x == 5 and not flag.exists():
        flag.touch()
        _die(signal.SIGKILL)
    return x * x


def _same(x):
    return x


def _lost(x, code):
    return ("lost", x, code)


class TestRunOrdered:
    @pytest.mark.parametrize("method", METHODS)
    def test_the_items_of_a_child_that_dies(self, method):
        # chunks of 3: a child's chunk that dies is done again item by item,
        # and only the item that kills alone is lost
        items = list(range(40))
        got = list(run_ordered(items, _square, _kill_on, _same, workers=2, chunk_size=3, method=method, lost=_lost))
        assert [x for x, _ in got] == items
        for x, result in got:
            if x % 7 != 6:
                assert result == x * x
            else:  # lost, unless this process did it
                assert result in (x * x, ("lost", x, -signal.SIGKILL))
        assert any(isinstance(r, tuple) for _, r in got)
        assert not _children()

    @pytest.mark.parametrize("method", METHODS)
    def test_a_chunk_that_dies_once_is_done_again(self, tmp_path, method):
        # its items are done again one by one: this time they go through,
        # and nothing is lost
        remote = partial(_kill_once, tmp_path / "flag")
        got = list(
            run_ordered(list(range(30)), _square, remote, _same, workers=2, chunk_size=3, method=method, lost=_lost)
        )
        assert (tmp_path / "flag").exists()
        assert got == [(x, x * x) for x in range(30)]
        assert not _children()

    def test_every_child_dies(self):
        # every item a child gets kills it: each is lost (after at most two
        # tries), those done here are not, and the run ends
        def die(x):
            _die(signal.SIGKILL)

        got = list(
            run_ordered(list(range(25)), _square, die, _same, workers=3, chunk_size=2, method="fork", lost=_lost)
        )
        assert [x for x, _ in got] == list(range(25))
        assert all(r in (x * x, ("lost", x, -signal.SIGKILL)) for x, r in got)
        assert got[0] == (0, 0) and any(isinstance(r, tuple) for _, r in got)
        assert not _children()

    @settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        n=st.integers(1, 30),
        chunk=st.integers(1, 5),
        workers=st.integers(2, 3),
        deadly=st.sets(st.integers(0, 29), max_size=6),
    )
    def test_any_deaths_keep_the_order(self, n, chunk, workers, deadly):
        def remote(x):
            if x in deadly:
                _die(signal.SIGKILL)
            return x * x

        got = list(
            run_ordered(
                list(range(n)), _square, remote, _same, workers=workers, chunk_size=chunk, method="fork", lost=_lost
            )
        )
        assert [x for x, _ in got] == list(range(n))
        for x, result in got:
            assert result == x * x or (x in deadly and result == ("lost", x, -signal.SIGKILL))
        assert not _children()

    def test_a_child_that_cannot_start_is_an_error(self, monkeypatch):
        # it exits before it answers anything: a bug of the run, not the
        # items' error, and not started again and again
        def fail(*args):
            os._exit(1)

        monkeypatch.setattr(workers_module, "_serve", fail)
        with pytest.raises(RuntimeError, match=r"a worker process ended unexpectedly \(exit code 1\)"):
            list(
                run_ordered(
                    list(range(40)), _square, _square, _same, workers=3, chunk_size=1, method="fork", lost=_lost
                )
            )
        assert not _children()

    def test_children_killed_as_they_start_end_the_run(self, monkeypatch):
        # killed before they read a chunk (or as they do): each chunk is
        # charged at most twice, each death holding none counted, and the
        # run ends, either way
        def die(*args):
            os.kill(os.getpid(), signal.SIGKILL)

        monkeypatch.setattr(workers_module, "_serve", die)
        try:
            got = list(
                run_ordered(
                    list(range(40)), _square, _square, _same, workers=3, chunk_size=2, method="fork", lost=_lost
                )
            )
        except RuntimeError as e:
            assert "a worker process ended unexpectedly (exit code -9)" in str(e)
        else:
            assert [x for x, _ in got] == list(range(40))
            assert all(r in (x * x, ("lost", x, -signal.SIGKILL)) for x, r in got)
        assert not _children()

    def test_without_lost_a_death_is_still_an_error(self):
        def die(x):
            _die(signal.SIGKILL)

        with pytest.raises(RuntimeError, match="a worker process ended unexpectedly"):
            list(run_ordered(list(range(20)), _square, die, _same, workers=2, chunk_size=1, method="fork"))
        assert not _children()


# --------------------------------------------------------------------------
# load_all(workers=2)


class TestLoadAll:
    def test_the_file_that_kills_is_its_error(self, tmp_path, started, killer):
        paths = _maps(tmp_path, 3)
        killer("m1")
        got = list(argmap.load_all(paths, workers=2))
        assert [p for p, _ in got] == paths
        assert [type(r).__name__ for _, r in got] == ["ArgumentMap", "WorkerKilledError", "ArgumentMap"]
        err = got[1][1]
        assert isinstance(err, ArgmapError) and not isinstance(err, MemoryError)
        assert (err.path, err.exitcode, err.signal, err.limit) == (str(paths[1]), -9, "SIGKILL", "max_bytes")
        assert str(err) == f"{paths[1]}: {KILLED}"
        assert got[2][1] == argmap.load(paths[2])
        assert started[0] == 1 and len(started) == 2  # a child in place of the one that died

    def test_in_a_chunk_of_several(self, tmp_path, started, killer):
        # 40 files, two per chunk: the child dies on a chunk of two, which is
        # done again file by file; the others all come, in order
        paths = _maps(tmp_path, 40)
        killer("m3", "m30")
        got = list(argmap.load_all(paths, workers=2))
        assert [p for p, _ in got] == paths
        expected = {p: argmap.load(p) for p in paths if p.stem not in ("m3", "m30")}
        for path, result in got:
            if path in expected:
                assert result == expected[path]
            else:  # (m30 may have been read here, where it does not kill)
                assert path.stem == "m30" or isinstance(result, WorkerKilledError)
                assert isinstance(result, (WorkerKilledError, argmap.ArgumentMap))
        assert isinstance(got[3][1], WorkerKilledError) and got[3][1].path == str(paths[3])

    @pytest.mark.parametrize(
        ("how", "message"),
        [
            (signal.SIGTERM, "the worker process reading this file was killed (SIGTERM)"),
            ("exit", "the worker process reading this file ended unexpectedly (exit code 3)"),
        ],
    )
    def test_other_deaths(self, tmp_path, started, killer, how, message):
        # (the child reads m1, then m2, which ends it)
        paths = _maps(tmp_path, 3)
        killer("m2", how=how)
        got = list(argmap.load_all(paths, workers=2))
        assert str(got[2][1]) == f"{paths[2]}: {message}"
        assert [type(r).__name__ for _, r in got] == ["ArgumentMap", "ArgumentMap", "WorkerKilledError"]

    def test_an_i23_file_names_its_limit(self, tmp_path, started, monkeypatch):
        from argmap.formats import iccma

        paths = [tmp_path / f"{n}.i23" for n in "abc"]
        for p in paths:
            p.write_text("p af 2\n1 2\n", encoding="utf-8")
        real = iccma.loads

        def loads(text, *args, **kwargs):
            if _in_worker():
                _die(signal.SIGKILL)
            return real(text, *args, **kwargs)

        monkeypatch.setattr(iccma, "loads", loads)
        err = list(argmap.load_all(paths, workers=2))[1][1]
        assert isinstance(err, WorkerKilledError) and err.limit == "max_arguments"
        assert "pass a lower max_arguments= (or --max-arguments)" in str(err)


class TestWorkerKilledError:
    @pytest.mark.parametrize("code", [None, 3, -9, -15, -200])
    def test_pickles(self, code):
        err = WorkerKilledError(path="m\x1b.json", exitcode=code, limit="max_arguments")
        back = pickle.loads(pickle.dumps(err))
        assert type(back) is WorkerKilledError and str(back) == str(err) and back.__dict__ == err.__dict__
        assert str(err).startswith("m\\x1b.json: the worker process reading this file ")

    def test_an_unknown_signal(self):
        assert str(WorkerKilledError(path="m", exitcode=-200)).endswith("was killed (signal 200)")


# --------------------------------------------------------------------------
# The commands, -j 2

BATCHES = {
    "check": (
        ["check"],
        lambda out, tmp: out == "OK m0.json: 2 claims, 1 relation\nOK m2.json: 2 claims, 1 relation\n",
    ),
    "stats": (
        ["stats", "--format", "csv"],
        lambda out, tmp: (
            out.startswith("path,") and [line.split(",")[0] for line in out.splitlines()[1:]] == ["m0.json", "m2.json"]
        ),
    ),
    "convert": (
        ["convert", "-d", "out", "-t", "aif"],
        lambda out, tmp: sorted(os.listdir(tmp / "out")) == ["m0.aif", "m2.aif"],
    ),
}


_run = run_cli


class TestCommands:
    @pytest.mark.parametrize("command", sorted(BATCHES))
    def test_the_file_fails_and_the_others_are_done(self, tmp_path, monkeypatch, started, killer, command):
        monkeypatch.chdir(tmp_path)
        _maps(Path("."), 3)
        (tmp_path / "out").mkdir()
        killer("m1")
        argv, done = BATCHES[command]
        status, out, err = _run([*argv, "-j", "2", "m0.json", "m1.json", "m2.json"])
        assert status == 1
        assert err == f"m1.json: error: {KILLED}\nargmap: 1 of 3 files failed: m1.json\n"
        assert done(out, tmp_path), out
        assert len(started) == 2

    @pytest.mark.parametrize("command", ["check", "convert"])
    def test_many_files_keep_their_order(self, tmp_path, monkeypatch, started, command):
        monkeypatch.chdir(tmp_path)
        names = [p.name for p in _maps(Path("."), 40)]
        (tmp_path / "out").mkdir()
        argv = ["check"] if command == "check" else ["convert", "-d", "out", "-t", "aif"]
        whole = _run([*argv, *names])
        assert whole[0] == 0
        for f in (tmp_path / "out").iterdir():
            f.unlink()
        real = json_format.loads

        def loads(text):
            if b'"title": "m5"' in bytes(text):  # (chunk 2: given to the child at once)
                _die(signal.SIGKILL)
            return real(text)

        monkeypatch.setattr(json_format, "loads", loads)
        status, out, err = _run([*argv, "-j", "2", *names])
        assert status == 1
        assert err == f"m5.json: error: {KILLED}\nargmap: 1 of 40 files failed: m5.json\n"
        assert out == "".join(line for line in whole[1].splitlines(keepends=True) if "m5.json" not in line)
        if command == "convert":
            assert sorted(os.listdir(tmp_path / "out")) == sorted(
                n.replace(".json", ".aif") for n in names if n != "m5.json"
            )


# --------------------------------------------------------------------------
# Out of memory in the library: load_one, load_all


@pytest.fixture
def hungry(monkeypatch):
    """The JSON reader runs out of memory on the map titled "m1"."""
    real = json_format.loads

    def loads(text):
        if b'"title": "m1"' in bytes(text):
            raise MemoryError
        return real(text)

    monkeypatch.setattr(json_format, "loads", loads)


class TestOutOfMemory:
    def test_load_one(self, tmp_path, hungry):
        paths = _maps(tmp_path, 2)
        err = corpus.load_one(paths[1])
        assert type(err) is OutOfMemoryError and isinstance(err, MemoryError)
        assert (err.path, err.size, err.limit) == (str(paths[1]), paths[1].stat().st_size, "max_bytes")
        assert str(err).startswith(f"{paths[1]}: ran out of memory (the file is ")
        assert isinstance(corpus.load_one(paths[0]), argmap.ArgumentMap)

    def test_stats_one(self, tmp_path, hungry):
        err = corpus.stats_one(_maps(tmp_path, 2)[1])
        assert type(err) is OutOfMemoryError

    def test_stats_one_out_of_memory_while_counting(self, tmp_path, monkeypatch):
        import argmap.analysis

        def stats(m):
            raise MemoryError

        monkeypatch.setattr(argmap.analysis, "stats", stats)
        path = _maps(tmp_path, 1)[0]
        err = corpus.stats_one(path)
        assert type(err) is OutOfMemoryError and err.path == str(path)

    def test_an_i23_file_names_its_limit(self, tmp_path, monkeypatch):
        from argmap.formats import iccma

        def loads(*args, **kwargs):
            raise MemoryError

        monkeypatch.setattr(iccma, "loads", loads)
        path = tmp_path / "af.i23"
        path.write_text("p af 2\n", encoding="utf-8")
        err = corpus.load_one(path)
        assert type(err) is OutOfMemoryError and err.limit == "max_arguments" and err.size == 7
        # the format read, not the suffix, chooses
        renamed = path.rename(tmp_path / "af.txt")
        assert corpus.load_one(renamed, format="i23").limit == "max_arguments"

    def test_load_all(self, tmp_path, hungry):
        paths = _maps(tmp_path, 3)
        got = list(argmap.load_all(paths))
        assert [type(r).__name__ for _, r in got] == ["ArgumentMap", "OutOfMemoryError", "ArgumentMap"]
        assert got[1][1].path == str(paths[1])

    def test_load_all_in_workers(self, tmp_path, hungry, started):
        # read in the child, pickled back: the same error
        paths = _maps(tmp_path, 3)
        got = list(argmap.load_all(paths, workers=2))
        assert started == [1]
        assert [type(r).__name__ for _, r in got] == ["ArgumentMap", "OutOfMemoryError", "ArgumentMap"]
        assert got[1][1].__dict__ == corpus.load_one(paths[1]).__dict__
        assert str(got[1][1]) == str(corpus.load_one(paths[1]))


# --------------------------------------------------------------------------
# The system refuses a process


@pytest.fixture
def refuse(monkeypatch):
    """Make the system refuse worker processes (ENOMEM) once *after* have
    started; returns the function that sets *after*."""
    import errno
    import multiprocessing.process

    real = multiprocessing.process.BaseProcess.start
    state = {"after": 0, "started": 0}

    def start(self):
        if state["started"] >= state["after"]:
            raise OSError(errno.ENOMEM, "Cannot allocate memory")
        state["started"] += 1
        return real(self)

    monkeypatch.setattr(multiprocessing.process.BaseProcess, "start", start)

    def after(n):
        state["after"] = n

    yield after
    assert not _children()  # none left behind


def _kill_item_1(x):
    """*x* squared; item 1 ends the worker process that does it."""
    if x == 1:
        _die(signal.SIGKILL)
    return x * x


class TestRefused:
    @pytest.mark.parametrize(("workers", "after", "told"), [(2, 0, "1 of 1"), (3, 0, "2 of 2"), (3, 1, "1 of 2")])
    @pytest.mark.parametrize("method", METHODS)
    def test_the_work_goes_on_with_those_that_start(self, refuse, method, workers, after, told):
        refuse(after)
        items = list(range(30))
        with pytest.warns(argmap.ArgmapWarning) as record:
            got = list(run_ordered(items, _square, _square, _same, workers=workers, chunk_size=2, method=method))
        assert got == [(x, x * x) for x in items]
        (warning,) = record
        running = workers - int(told.split()[0])
        assert str(warning.message) == (
            f"could not start {told} worker processes (Cannot allocate memory): "
            f"working with {running} process{'es' if running > 1 else ''}"
        )

    @pytest.mark.skipif(not FORK, reason="the dying item reaches only a forked worker deterministically")
    def test_no_process_to_take_a_dead_ones_work(self, refuse):
        refuse(1)  # the first child starts; the one in its place is refused
        items = list(range(30))
        with pytest.raises(ArgmapError) as info:
            list(run_ordered(items, _square, _kill_item_1, _same, workers=2, chunk_size=1, method="fork", lost=_lost))
        assert str(info.value) == (
            "a worker process ended, and no other could take its work (Cannot allocate memory); "
            "pass workers=1 (or -j 1) to work in one process"
        )

    def test_the_command_says_so_and_does_the_work(self, refuse, tmp_path, monkeypatch):
        spy_on_starts(monkeypatch, "fork" if FORK else "spawn", any_size=True)
        paths = _maps(tmp_path, 6)
        status, out, err = run_cli(["check", "-j", "2", *map(str, paths)])
        assert status == 0, err
        assert "could not start 1 of 1 worker processes (Cannot allocate memory)" in err
        assert "cannot write" not in err and "internal error" not in err
        assert out.splitlines() == [f"OK {p}: 2 claims, 1 relation" for p in paths]
