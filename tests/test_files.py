"""Safe output (argmap._files): atomic replacement of regular files, devices,
FIFOs and standard output written through, errors as WriteError, and no
temporary file left behind by an error, Ctrl-C or SIGTERM.

The device tests use private copies of /dev/null and /dev/full made with
mknod where the process may (as root), so that a regression could never
replace the machine's own devices; elsewhere they use the real ones, which a
process that is not root could not replace anyway.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import textwrap
import threading
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmap._files import atomic_write, signals_raise, write_output, writes_through
from argmap.errors import ArgmapError, WriteError

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0

posix_only = pytest.mark.skipif(os.name != "posix", reason="devices, FIFOs and signals as POSIX has them")


def leftovers(folder) -> list[str]:
    return sorted(p.name for p in Path(folder).iterdir() if p.name.startswith(".argmap-"))


def identity(path) -> tuple:
    """What must not change when a device or FIFO is written through."""
    s = os.stat(path, follow_symlinks=False)
    return s.st_ino, s.st_dev, stat.S_IFMT(s.st_mode), s.st_rdev


def char_device(folder: Path, name: str) -> str:
    """A character device like /dev/NAME: a private copy (mknod) where allowed,
    else the real one when we cannot replace it anyway (not root)."""
    real = f"/dev/{name}"
    if not os.path.exists(real):
        pytest.skip(f"no {real}")
    path = folder / name
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.stat(real).st_rdev)
        return str(path)
    except (PermissionError, AttributeError):
        if IS_ROOT:
            pytest.skip("cannot make a private device copy, and root could replace the real one")
        return real


def read_fifo(path) -> tuple[threading.Thread, list[bytes]]:
    """Start a thread that reads the FIFO *path* to its end."""
    got: list[bytes] = []

    def reader():
        with open(path, "rb") as f:
            got.append(f.read())

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    return thread, got


def run_python(code: str, *args: str, **kwargs) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen(
        [PYTHON, "-c", textwrap.dedent(code), *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,
    )


# --------------------------------------------------------------------------
# Regular files


class TestRegularFiles:
    def test_new_file(self, tmp_path):
        atomic_write(tmp_path / "f.bin", b"\x00\xff")
        assert (tmp_path / "f.bin").read_bytes() == b"\x00\xff"
        assert leftovers(tmp_path) == []

    def test_replaced_atomically_keeps_its_mode(self, tmp_path):
        path = tmp_path / "f.txt"
        path.write_text("old")
        os.chmod(path, 0o640)
        inode = os.stat(path).st_ino
        atomic_write(path, b"new")
        assert path.read_bytes() == b"new"
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o640
        assert os.stat(path).st_ino != inode  # a new file renamed over the old one
        assert leftovers(tmp_path) == []

    @pytest.mark.skipif(not IS_ROOT, reason="only root may give a file to another user")
    def test_replaced_file_keeps_its_owner(self, tmp_path):
        path = tmp_path / "f.txt"
        path.write_text("old")
        os.chown(path, 65534, 65534)
        atomic_write(path, b"new")
        assert (os.stat(path).st_uid, os.stat(path).st_gid) == (65534, 65534)

    def test_symbolic_link_stays_a_link(self, tmp_path):
        real = tmp_path / "real.txt"
        real.write_text("old")
        link = tmp_path / "link.txt"
        link.symlink_to(real)
        atomic_write(link, b"new")
        assert link.is_symlink() and real.read_bytes() == b"new"

    def test_fsync_before_the_rename(self, tmp_path, monkeypatch):
        calls = []
        real_fsync, real_replace = os.fsync, os.replace
        monkeypatch.setattr(
            os, "fsync", lambda fd: (calls.append(("fsync", stat.S_ISDIR(os.fstat(fd).st_mode))), real_fsync(fd))
        )
        monkeypatch.setattr(os, "replace", lambda a, b: (calls.append(("replace", None)), real_replace(a, b)))
        atomic_write(tmp_path / "f", b"x")
        # the file's data, then the rename, then the folder that holds the rename
        assert calls == [("fsync", False), ("replace", None), ("fsync", True)]

    def test_full_disk_keeps_the_old_file(self, tmp_path, monkeypatch):
        path = tmp_path / "f.txt"
        path.write_text("old")

        def full(fd):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr(os, "fsync", full)
        with pytest.raises(WriteError) as info:
            atomic_write(path, b"new")
        assert (info.value.path, info.value.msg) == (str(path), "No space left on device")
        assert isinstance(info.value, ArgmapError) and isinstance(info.value, OSError)
        assert path.read_text() == "old"
        assert leftovers(tmp_path) == []

    def test_error_names_the_path_as_given(self, tmp_path, monkeypatch):
        monkeypatch.chdir(tmp_path)
        with pytest.raises(WriteError) as info:
            write_output("no/such/folder/f.json", b"x")
        assert str(info.value) == "cannot write no/such/folder/f.json: No such file or directory"

    def test_a_nul_in_the_name(self, tmp_path):
        with pytest.raises(WriteError, match="null"):
            write_output(str(tmp_path / "a\0b"), b"x")
        assert list(tmp_path.iterdir()) == []

    def test_a_folder_as_target(self, tmp_path):
        (tmp_path / "d").mkdir()
        with pytest.raises(WriteError, match="Is a directory"):
            write_output(tmp_path / "d", b"x")
        assert (tmp_path / "d").is_dir() and list((tmp_path / "d").iterdir()) == []
        assert leftovers(tmp_path) == []

    @posix_only
    def test_read_only_folder(self, tmp_path):
        folder = Path(tempfile.mkdtemp())
        try:
            (folder / "old.txt").write_text("old")
            os.chmod(folder, 0o555)
            code = """
                import sys
                from argmap.errors import WriteError
                from argmap._files import write_output
                for name in ("new.txt", "old.txt"):
                    try:
                        write_output(sys.argv[1] + "/" + name, b"x")
                    except WriteError as e:
                        print(e)
            """
            command = [PYTHON, "-c", textwrap.dedent(code), str(folder)]
            if IS_ROOT:  # root ignores permissions: drop the capabilities that let it
                setpriv = shutil.which("setpriv")
                if setpriv is None:
                    pytest.skip("running as root without setpriv to drop CAP_DAC_OVERRIDE")
                command = [setpriv, "--bounding-set", "-dac_override,-dac_read_search", *command]
            env = dict(os.environ, PYTHONPATH=str(ROOT))
            proc = subprocess.run(command, capture_output=True, text=True, env=env, timeout=60, check=False)
            assert proc.stderr == ""
            assert proc.stdout == (
                f"cannot write {folder}/new.txt: Permission denied\ncannot write {folder}/old.txt: Permission denied\n"
            )
            assert sorted(os.listdir(folder)) == ["old.txt"]
            assert (folder / "old.txt").read_text() == "old"
        finally:
            os.chmod(folder, 0o755)
            shutil.rmtree(folder)

    def test_re_exported_by_formats(self):
        from argmap import formats

        assert formats.atomic_write is atomic_write


# --------------------------------------------------------------------------
# Devices, FIFOs, standard output


@posix_only
class TestWrittenThrough:
    def test_null_device_stays_a_device(self, tmp_path):
        null = char_device(tmp_path, "null")
        before = identity(null)
        write_output(null, b"x" * 100_000)
        assert identity(null) == before and stat.S_ISCHR(os.stat(null).st_mode)
        assert leftovers(tmp_path) == []

    def test_link_to_a_device_stays_a_link(self, tmp_path):
        null = char_device(tmp_path, "null")
        link = tmp_path / "out.svg"
        link.symlink_to(null)
        before = identity(null)
        write_output(link, b"<svg/>")
        assert link.is_symlink() and identity(null) == before
        assert leftovers(tmp_path) == []

    def test_full_device_gives_write_error(self, tmp_path):
        full = char_device(tmp_path, "full")
        before = identity(full)
        with pytest.raises(WriteError) as info:
            write_output(full, b"x")
        assert str(info.value) == f"cannot write {full}: No space left on device"
        assert identity(full) == before
        assert leftovers(tmp_path) == []

    def test_fifo_is_written_through(self, tmp_path):
        fifo = tmp_path / "pipe"
        os.mkfifo(fifo)
        before = identity(fifo)
        data = bytes(range(256)) * 4000  # more than a pipe holds at once
        thread, got = read_fifo(fifo)
        write_output(fifo, data)
        thread.join(30)
        assert got == [data]
        assert identity(fifo) == before and stat.S_ISFIFO(os.stat(fifo).st_mode)
        assert leftovers(tmp_path) == []

    def test_dash_is_standard_output(self, tmp_path, capfdbinary, monkeypatch):
        monkeypatch.chdir(tmp_path)
        write_output("-", b"\x89PNG bytes\n")
        assert capfdbinary.readouterr().out == b"\x89PNG bytes\n"
        assert os.listdir(tmp_path) == []

    def test_a_path_object_named_dash_is_a_file(self, tmp_path, monkeypatch):
        monkeypatch.chdir(tmp_path)
        write_output(Path("-"), b"x")
        assert Path("-").read_bytes() == b"x"

    def test_standard_output_full(self, tmp_path):
        full = char_device(tmp_path, "full")
        with open(full, "wb") as stream, pytest.raises(WriteError) as info:
            write_output("-", b"x" * 100_000, stdout=stream)
        assert str(info.value) == "cannot write <stdout>: No space left on device"

    def test_dev_stdout_on_a_file_is_appended_not_replaced(self, tmp_path):
        out = tmp_path / "out.txt"
        code = """
            import sys
            from argmap._files import write_output
            print("first", flush=True)
            write_output("/dev/stdout", b"second\\n")
            write_output("/dev/fd/1", b"third\\n")
        """
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        with open(out, "w") as f:
            command = [PYTHON, "-c", textwrap.dedent(code)]
            proc = subprocess.run(command, stdout=f, stderr=subprocess.PIPE, env=env, timeout=60, check=False)
        assert proc.returncode == 0, proc.stderr
        assert out.read_text() == "first\nsecond\nthird\n"

    def test_writes_through(self, tmp_path):
        null = char_device(tmp_path, "null")
        (tmp_path / "f").write_text("")
        assert writes_through("-") and writes_through(null) and writes_through("/dev/stdout")
        assert not writes_through(tmp_path / "f") and not writes_through(tmp_path / "new")
        assert not writes_through(Path("-"))


# --------------------------------------------------------------------------
# Signals


SLOW_WRITE = """
    import os, signal, sys, time
    from argmap._files import atomic_write

    real_fdopen = os.fdopen

    class Slow:
        '''Writes in small pieces, saying when it has started.'''

        def __init__(self, f):
            self.f = f

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.f.close()

        def write(self, data):
            for i in range(0, len(data), 4096):
                self.f.write(data[i : i + 4096])
                if i == 0:
                    print("writing", flush=True)
                time.sleep(0.01)

        def flush(self):
            self.f.flush()

        def fileno(self):
            return self.f.fileno()

    os.fdopen = lambda fd, mode: Slow(real_fdopen(fd, mode))
    if sys.argv[2] == "handler":
        signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(3))
    atomic_write(sys.argv[1], b"x" * 10_000_000)
    print("finished", flush=True)
"""


@posix_only
class TestSignals:
    @pytest.mark.parametrize(
        ("signum", "mode", "status"),
        [
            (signal.SIGTERM, "default", -signal.SIGTERM),  # killed by the signal, as without argmap
            (signal.SIGTERM, "handler", 3),  # the program's own handler still runs
            (signal.SIGINT, "default", -signal.SIGINT),  # Ctrl-C: KeyboardInterrupt, uncaught
        ],
    )
    def test_signal_mid_write_leaves_no_temporary_file(self, tmp_path, signum, mode, status):
        path = tmp_path / "out.bin"
        path.write_bytes(b"old")
        proc = run_python(SLOW_WRITE, str(path), mode)
        try:
            assert proc.stdout.readline() == "writing\n"
            assert len(leftovers(tmp_path)) == 1  # the write is under way
            proc.send_signal(signum)
            proc.wait(60)
        finally:
            proc.kill()
            proc.communicate()
        assert proc.returncode == status
        assert leftovers(tmp_path) == []
        assert path.read_bytes() == b"old"

    def test_handlers_are_restored(self, tmp_path):
        before = {s: signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)}
        atomic_write(tmp_path / "f", b"x")
        with signals_raise():
            assert signal.getsignal(signal.SIGINT) == before[signal.SIGINT]  # Python's own: left alone
        assert {s: signal.getsignal(s) for s in before} == before

    def test_handlers_are_restored_after_an_error(self, tmp_path):
        before = signal.getsignal(signal.SIGTERM)
        with pytest.raises(WriteError):
            atomic_write(tmp_path / "no" / "f", b"x")
        assert signal.getsignal(signal.SIGTERM) == before

    def test_a_signal_inside_the_block_is_delivered_after_cleanup(self):
        code = """
            import os, signal
            from argmap._files import signals_raise
            try:
                with signals_raise():
                    try:
                        os.kill(os.getpid(), signal.SIGTERM)
                        print("not reached", flush=True)
                    finally:
                        print("cleaned up", flush=True)
            finally:
                print("not reached either: the signal ends the process", flush=True)
        """
        proc = run_python(code)
        out, err = proc.communicate(timeout=60)
        assert (proc.returncode, out, err) == (-signal.SIGTERM, "cleaned up\n", "")

    def test_outside_the_main_thread(self, tmp_path):
        before = signal.getsignal(signal.SIGTERM)
        thread = threading.Thread(target=atomic_write, args=(tmp_path / "f", b"from a thread"))
        thread.start()
        thread.join(30)
        assert (tmp_path / "f").read_bytes() == b"from a thread"
        assert signal.getsignal(signal.SIGTERM) == before


# --------------------------------------------------------------------------
# Any bytes, any target


KINDS = ["new", "regular", "link", "fifo", "null", "stdout"]


@posix_only
@given(pieces=st.lists(st.binary(max_size=60_000), max_size=4), whole=st.booleans(), kind=st.sampled_from(KINDS))
def test_any_bytes_to_any_target_read_back(pieces, whole, kind):
    """Bytes, or pieces of bytes written one after another (what encoded()
    gives), read back as they were."""
    data = b"".join(pieces)
    given_data = data if whole else iter(pieces)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        path = folder / "out"
        thread = got = None
        if kind == "regular":
            path.write_bytes(b"old content")
        elif kind == "link":
            (folder / "real").write_bytes(b"old")
            path.symlink_to(folder / "real")
        elif kind == "fifo":
            os.mkfifo(path)
            thread, got = read_fifo(path)
        elif kind == "null":
            path = Path(char_device(folder, "null"))
        before = identity(path) if kind in ("link", "fifo", "null") else None
        if kind == "stdout":
            r, w = os.pipe()
            got = []
            thread = threading.Thread(target=lambda: got.append(_read_all(r)))
            thread.start()
            with os.fdopen(w, "wb") as stream:
                write_output("-", given_data, stdout=stream)
            thread.join(30)
            os.close(r)
            assert got == [data]
            return
        write_output(path, given_data)
        if thread is not None:
            thread.join(30)
            assert got == [data]
        elif kind != "null":
            assert path.read_bytes() == data
        if before is not None:
            assert identity(path) == before
        assert leftovers(folder) == []


def _read_all(fd: int) -> bytes:
    chunks = []
    while chunk := os.read(fd, 1 << 16):
        chunks.append(chunk)
    return b"".join(chunks)


class TestPieces:
    """Output written in pieces: encoded() cuts a text (or its pieces) into
    UTF-8 a megabyte or so at a time, and a failure while the pieces are
    made leaves the file as it was."""

    @given(st.lists(st.text(), max_size=6), st.booleans(), st.integers(1, 8))
    def test_encoded_is_the_text_encoded(self, parts, whole, chunk):
        import argmap._files as files

        real = files._CHUNK
        files._CHUNK = chunk
        try:
            text = "".join(parts)
            got = list(files.encoded(text if whole else parts))
        finally:
            files._CHUNK = real
        assert b"".join(got) == text.encode("utf-8")
        assert all(got)  # no empty piece

    def test_a_failure_while_the_pieces_are_made_keeps_the_old_file(self, tmp_path):
        path = tmp_path / "out.json"
        path.write_bytes(b"old content")

        def pieces():
            yield b"new "
            raise MemoryError

        with pytest.raises(MemoryError):
            write_output(path, pieces())
        assert path.read_bytes() == b"old content"
        assert leftovers(tmp_path) == []
