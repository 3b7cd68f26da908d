"""Running out of memory on a file: that file's error, never a bug.

A MemoryError while a command reads, checks, counts or writes one file is
reported against that file (exit 1), the other files of a batch are still
done, in this process or a worker (``-j``), and no output is left half
written.  Other exceptions stay internal errors (exit 70).
"""

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from _batch import run_cli, spy_on_starts

import argmap
import argmap.formats.json as json_format
from argmap.errors import ArgmapError, OutOfMemoryError

ROOT = Path(__file__).resolve().parents[1]
FORK = sys.platform.startswith("linux")


_run = run_cli


@pytest.fixture
def three(tmp_path, monkeypatch):
    """Three maps, of which the second ("b.json") makes the JSON reader run
    out of memory, wherever it is read; the processes that read it are
    listed in the file ``pids``."""
    monkeypatch.chdir(tmp_path)
    for name in ("a", "b", "c"):
        b = argmap.MapBuilder(title=name)
        b.support(b.claim(f"Thesis {name}"), f"Reason {name}")
        argmap.dump(b.build(), tmp_path / f"{name}.json")
    real = json_format.loads

    def loads(text):
        if b'"title": "b"' in bytes(text):
            with open(tmp_path / "pids", "a") as f:
                f.write(f"{os.getpid()}\n")
            raise MemoryError
        return real(text)

    monkeypatch.setattr(json_format, "loads", loads)
    return ["a.json", "b.json", "c.json"]


@pytest.fixture
def workers(monkeypatch):
    """-j 2 in worker processes however small the files (forked, so that
    they inherit the patched reader); the count of children started."""
    if not FORK:
        pytest.skip("the patched reader reaches only forked workers")
    counts = spy_on_starts(monkeypatch, "fork", any_size=True)
    return counts


MESSAGE = "b.json: error: ran out of memory (the file is {size:,} bytes); use a smaller file or more memory"

BATCHES = {
    "check": (["check"], lambda out, tmp: out.count("OK ") == 2 and "OK a.json" in out and "OK c.json" in out),
    "stats": (["stats", "--format", "csv"], lambda out, tmp: out.startswith("path,") and out.count(".json") == 2),
    "convert": (
        ["convert", "-d", "out", "-t", "aif"],
        lambda out, tmp: sorted(os.listdir(tmp / "out")) == ["a.aif", "c.aif"],
    ),
}


class TestBatch:
    @pytest.mark.parametrize("command", sorted(BATCHES))
    def test_the_file_fails_and_the_others_are_done(self, three, tmp_path, command):
        argv, done = BATCHES[command]
        (tmp_path / "out").mkdir()
        status, out, err = _run([*argv, *three])
        assert status == 1
        assert err.startswith(MESSAGE.format(size=(tmp_path / "b.json").stat().st_size)), err
        assert err.endswith("argmap: 1 of 3 files failed: b.json\n")
        assert "internal error" not in err and "Traceback" not in err
        assert done(out, tmp_path)

    @pytest.mark.parametrize("command", sorted(BATCHES))
    def test_in_a_worker_process(self, three, tmp_path, workers, command):
        argv, done = BATCHES[command]
        (tmp_path / "out").mkdir()
        status, out, err = _run([*argv, "-j", "2", *three])
        assert workers == [1]  # one child beside this process
        pids = (tmp_path / "pids").read_text().split()
        assert pids and str(os.getpid()) not in pids  # b.json was read in the child
        assert status == 1
        assert err.startswith(MESSAGE.format(size=(tmp_path / "b.json").stat().st_size)), err
        assert err.endswith("argmap: 1 of 3 files failed: b.json\n")
        assert done(out, tmp_path)
        # the same report as in one process
        (tmp_path / "pids").unlink()
        for f in (tmp_path / "out").iterdir():
            f.unlink()
        assert _run([*argv, *three]) == (status, out, err)

    def test_a_bug_is_still_an_internal_error(self, three, monkeypatch):
        def bug(text):
            raise RuntimeError("a bug")

        monkeypatch.setattr(json_format, "loads", bug)
        status, _, err = _run(["check", *three])
        assert status == 70 and err == "argmap: internal error: RuntimeError: a bug (please report this)\n"


class TestOneFile:
    def test_show(self, three):
        status, out, err = _run(["show", "b.json"])
        assert (status, out) == (1, "") and err.startswith("b.json: error: ran out of memory (the file is ")
        assert err.count("\n") == 1

    def test_a_step_no_guard_holds(self, three, monkeypatch):
        from argmap.cli import _commands

        def show(args):
            raise MemoryError

        monkeypatch.setattr(_commands, "_show", show)
        status, _, err = _run(["show", "a.json"])
        assert status == 1 and err.startswith("a.json: error: ran out of memory (the file is "), err

    def test_an_i23_file_names_its_limit(self, three, monkeypatch):
        from argmap.formats import iccma

        Path("big.i23").write_text("p af 3\n", encoding="utf-8")

        def loads(*args, **kwargs):
            raise MemoryError

        monkeypatch.setattr(iccma, "loads", loads)
        status, _, err = _run(["check", "big.i23", "a.json"])
        assert status == 1
        assert err.startswith(
            "big.i23: error: ran out of memory (the file is 7 bytes); use a smaller file or more memory, "
            "or pass a lower max_arguments= (or --max-arguments) to refuse files like it\n"
        ), err

    @pytest.mark.parametrize("command", [["check"], ["show"], ["stats", "--format", "csv"], ["eval"]])
    def test_an_i23_file_read_with_from_names_its_limit(self, three, monkeypatch, command):
        # The limit a file's format has, whatever its name ends with; before,
        # a .txt file read with --from i23 was told to lower --max-bytes.
        from argmap.formats import iccma

        Path("big.txt").write_text("p af 3\n", encoding="utf-8")

        def loads(*args, **kwargs):
            raise MemoryError

        monkeypatch.setattr(iccma, "loads", loads)
        status, _, err = _run([*command, "--from", "i23", "big.txt"])
        assert status == 1
        assert err.startswith(
            "big.txt: error: ran out of memory (the file is 7 bytes); use a smaller file or more memory, "
            "or pass a lower max_arguments= (or --max-arguments) to refuse files like it\n"
        ), err

    def test_nothing_half_written(self, three, tmp_path, monkeypatch):
        # Out of memory while the output is written: the old file stays
        # whole, and no temporary file is left beside it.
        from argmap import _files

        Path("out.aif").write_bytes(b"old")

        def fsync(fd):
            raise MemoryError

        monkeypatch.setattr(_files.os, "fsync", fsync)
        status, _, err = _run(["convert", "a.json", "out.aif"])
        assert status == 1 and err.startswith("out.aif: error: ran out of memory (the file is 3 bytes)"), err
        assert Path("out.aif").read_bytes() == b"old"
        assert sorted(os.listdir(tmp_path)) == ["a.json", "b.json", "c.json", "out.aif"]


class TestOutOfMemoryError:
    def test_is_an_argmap_error_and_a_memory_error(self):
        err = OutOfMemoryError(path="m.json", size=10)
        assert isinstance(err, ArgmapError) and isinstance(err, MemoryError)

    @pytest.mark.parametrize("size", [None, 0, 10**12])
    def test_pickles(self, size):
        err = OutOfMemoryError(path="m\x1b.json", size=size, limit="max_arguments")
        back = pickle.loads(pickle.dumps(err))
        assert type(back) is OutOfMemoryError and str(back) == str(err) and back.__dict__ == err.__dict__
        assert str(err).startswith("m\\x1b.json: ran out of memory")


# --------------------------------------------------------------------------
# A real process under a memory limit

_resource = pytest.importorskip("resource") if os.name == "posix" else None
#: The address space the command may use: enough to start and read small
#: maps, far from the ~450 MB of a million-argument i23 framework.
LIMIT = 256 * 1024 * 1024


def _limited():
    _resource.setrlimit(_resource.RLIMIT_AS, (LIMIT, LIMIT))


def _limit_works():
    if _resource is None or not hasattr(_resource, "RLIMIT_AS") or sys.platform == "darwin":
        return False
    _soft, hard = _resource.getrlimit(_resource.RLIMIT_AS)
    return hard == _resource.RLIM_INFINITY or hard >= LIMIT


@pytest.mark.skipif(not _limit_works(), reason="RLIMIT_AS cannot limit a process's memory here")
def test_a_real_memory_limit(tmp_path):
    small = "p af 3\n1 2\n"
    (tmp_path / "a.i23").write_text(small, encoding="utf-8")
    (tmp_path / "big.i23").write_text("p af 1000000\n1 2\n", encoding="utf-8")
    (tmp_path / "c.i23").write_text(small, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, "-m", "argmap", "check", "a.i23", "big.i23", "c.i23"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        preexec_fn=_limited,
        timeout=300,
    )
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout == "OK a.i23: 3 claims, 1 relation\nOK c.i23: 3 claims, 1 relation\n"
    assert "big.i23: error: ran out of memory (the file is 17 bytes)" in proc.stderr
    assert "--max-arguments" in proc.stderr
    assert proc.stderr.endswith("argmap: 1 of 3 files failed: big.i23\n")
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr
