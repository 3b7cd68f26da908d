"""The ``argmap`` command: one class per subcommand, then the entry points.

Tests call :func:`argmap.cli.main` in a temporary working folder, so messages
name files the way a user typed them.
"""

import json
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import argmap
from argmap import MapBuilder
from argmap.cli import main
from argmap.formats import formats as _formats
from argmap.semantics import BACKENDS, DUNG_SEMANTICS, GRADUAL_SEMANTICS

#: The suffix list that error messages give.
KNOWN_SUFFIXES = ", ".join(f"{s} ({f.name})" for f in _formats() for s in f.suffixes)

ROOT = Path(__file__).resolve().parent.parent
PYTHON = Path(sys.executable)


def tiny_map():
    b = MapBuilder(title="Tea")
    t = b.claim("Tea is better than coffee")
    r = b.support(t, "Tea has less caffeine")
    b.attack(r.premise, "Some teas have as much")
    return b.build()


@pytest.fixture
def cwd(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def good(cwd):
    argmap.dump(tiny_map(), cwd / "map.json")
    return "map.json"


# A syntax error on line 3, column 5: the missing comma before "claims".
SYNTAX_ERROR = '{\n  "argmap": 1\n    "claims": []\n}\n'

DANGLING = {
    "argmap": 1,
    "claims": [{"id": "c1", "text": "thesis"}],
    "relations": [{"id": "r7", "kind": "support", "premises": ["c9"], "target": "c1"}],
}


def write(path, text):
    Path(path).write_text(text, encoding="utf-8")
    return str(path)


def run(*argv):
    return main(list(argv))


class TestCheck:
    def test_ok(self, good, capsys):
        assert run("check", good) == 0
        out, err = capsys.readouterr()
        assert out == "OK map.json: 3 claims, 2 relations\n"
        assert err == ""

    def test_singular(self, cwd, capsys):
        argmap.dump(argmap.ArgumentMap([argmap.Claim("c1", "alone")]), "one.json")
        assert run("check", "one.json") == 0
        assert capsys.readouterr().out == "OK one.json: 1 claim, 0 relations\n"

    def test_syntax_error_is_located_like_a_compiler(self, cwd, capsys):
        write("bad.json", SYNTAX_ERROR)
        assert run("check", "bad.json") == 1
        out, err = capsys.readouterr()
        assert out == ""
        assert err == ("bad.json:3:5: error: Expecting ',' delimiter\n    \"claims\": []\n    ^\n")

    def test_validation_error_names_the_relation(self, cwd, capsys):
        write("dangling.json", json.dumps(DANGLING))
        assert run("check", "dangling.json") == 1
        assert capsys.readouterr().err == "dangling.json: error: r7: premise 'c9' is not a claim of the map\n"

    def test_every_problem_one_line_each(self, cwd, capsys):
        doc = {
            "argmap": 1,
            "claims": [{"id": "c1", "text": " "}, {"id": "c1", "text": "again"}],
            "relations": [],
        }
        write("two.json", json.dumps(doc))
        assert run("check", "two.json") == 1
        assert capsys.readouterr().err.splitlines() == [
            "two.json: error: c1: claim text is empty",
            "two.json: error: c1: id is used more than once",
        ]

    def test_format_error_names_the_field(self, cwd, capsys):
        doc = {"argmap": 1, "claims": [{"id": "c1", "text": "a"}, {"id": "c2", "text": 3}], "relations": []}
        write("shape.json", json.dumps(doc))
        assert run("check", "shape.json") == 1
        assert capsys.readouterr().err == "shape.json: error: claims[1].text: expected a string, got a number\n"

    def test_missing_file(self, cwd, capsys):
        assert run("check", "nope.json") == 1
        assert capsys.readouterr().err == "nope.json: error: cannot read: No such file or directory\n"

    def test_folder(self, cwd, capsys):
        os.mkdir("folder.json")
        assert run("check", "folder.json") == 1
        assert capsys.readouterr().err.startswith("folder.json: error: cannot read: ")

    def test_unknown_suffix_lists_the_known_ones(self, cwd, capsys):
        write("notes.txt", "{}")
        assert run("check", "notes.txt") == 1
        assert capsys.readouterr().err == (
            f"notes.txt: error: unknown file suffix '.txt'; known suffixes: {KNOWN_SUFFIXES}; "
            "use --from NAME to choose a format\n"
        )

    def test_from_overrides_the_suffix(self, cwd, capsys):
        argmap.dump(tiny_map(), "map.txt", format="json")
        assert run("check", "--from", "json", "map.txt") == 0
        assert capsys.readouterr().out == "OK map.txt: 3 claims, 2 relations\n"

    def test_several_files_all_reported(self, good, capsys):
        write("bad.json", SYNTAX_ERROR)
        assert run("check", "bad.json", good, "nope.json") == 1
        out, err = capsys.readouterr()
        assert out == "OK map.json: 3 claims, 2 relations\n"
        assert err.splitlines()[0] == "bad.json:3:5: error: Expecting ',' delimiter"
        assert err.splitlines()[-2] == "nope.json: error: cannot read: No such file or directory"
        assert err.splitlines()[-1] == "argmap: 2 of 3 files failed: bad.json, nope.json"  # after each file's own

    def test_invalid_utf8_is_located(self, cwd, capsys):
        Path("latin.json").write_bytes(b'{"argmap": 1,\n "title": "caf\xe9"}')
        assert run("check", "latin.json") == 1
        err = capsys.readouterr().err
        assert err.startswith("latin.json:2:15: error: not UTF-8 text: invalid continuation byte")

    def test_deep_nesting_excerpt_is_cut(self, cwd, capsys):
        write("deep.json", "[" * 100_000)
        assert run("check", "deep.json") == 1
        err = capsys.readouterr().err
        assert err.startswith("deep.json:1:1: error: the document is nested too deeply\n")
        assert max(len(line) for line in err.splitlines()) < 200

    def test_no_files_is_a_usage_error(self, cwd, capsys):
        assert run("check") == 2
        assert "the following arguments are required: MAP" in capsys.readouterr().err


class TestShow:
    def test_prints_the_text_tree(self, good, capsys):
        from argmap.render import to_text

        assert run("show", good) == 0
        text = to_text(tiny_map())
        assert capsys.readouterr().out == (text if text.endswith("\n") else text + "\n")

    def test_bad_file(self, cwd, capsys):
        write("bad.json", SYNTAX_ERROR)
        assert run("show", "bad.json") == 1
        out, err = capsys.readouterr()
        assert out == ""
        assert err.startswith("bad.json:3:5: error: ")

    def test_stdin_needs_from(self, cwd, capsys):
        assert run("show", "-") == 2
        assert "reading '-' (standard input) needs --from NAME" in capsys.readouterr().err

    def test_stdin(self, cwd, capsys, monkeypatch):
        import io

        from argmap.render import to_text

        data = argmap.dumps(tiny_map()).encode()
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
        assert run("show", "--from", "json", "-") == 0
        assert capsys.readouterr().out.rstrip("\n") == to_text(tiny_map()).rstrip("\n")

    def test_stdin_errors_name_stdin(self, cwd, capsys, monkeypatch):
        import io

        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SYNTAX_ERROR.encode())))
        assert run("show", "--from", "json", "-") == 1
        assert capsys.readouterr().err.startswith("<stdin>:3:5: error: Expecting ',' delimiter\n")


class TestConvert:
    def test_json_to_json(self, good, capsys):
        assert run("convert", good, "copy.json") == 0
        assert capsys.readouterr() == ("", "")
        assert Path("copy.json").read_text(encoding="utf-8") == argmap.dumps(tiny_map())

    def test_formats_by_name(self, good, capsys):
        assert run("convert", "--from", "json", "--to", "json", good, "copy.data") == 0
        assert argmap.load("copy.data", format="json") == tiny_map()

    def test_format_names_come_from_the_table(self, good, capsys):
        assert run("convert", "--to", "yaml", good, "copy.yaml") == 2
        names = ", ".join(repr(f.name) for f in argmap.formats.formats())
        assert f"invalid choice: 'yaml' (choose from {names})" in capsys.readouterr().err

    def test_unknown_output_suffix(self, good, capsys):
        assert run("convert", good, "copy.yaml") == 1
        assert capsys.readouterr().err == (
            f"copy.yaml: error: unknown file suffix '.yaml'; known suffixes: {KNOWN_SUFFIXES}; "
            "use --to NAME to choose a format\n"
        )
        assert not Path("copy.yaml").exists()

    def test_bad_input_writes_nothing(self, cwd, capsys):
        write("dangling.json", json.dumps(DANGLING))
        write("out.json", "old")
        assert run("convert", "dangling.json", "out.json") == 1
        assert capsys.readouterr().err == "dangling.json: error: r7: premise 'c9' is not a claim of the map\n"
        assert Path("out.json").read_text() == "old"
        assert sorted(os.listdir()) == ["dangling.json", "out.json"]

    def test_unwritable_output(self, good, capsys):
        assert run("convert", good, "missing/folder/out.json") == 1
        err = capsys.readouterr().err
        assert err.startswith("missing/folder/out.json: error: cannot write: ")

    def test_stdout(self, good, capsys):
        assert run("convert", good, "-") == 0
        assert capsys.readouterr().out == argmap.dumps(tiny_map())

    def test_in_place(self, cwd, capsys):
        Path("m.json").write_text(argmap.dumps(tiny_map()).replace("\n", "\r\n"))
        assert run("convert", "m.json", "m.json") == 0
        assert Path("m.json").read_text(encoding="utf-8") == argmap.dumps(tiny_map())

    def test_missing_arguments(self, good, capsys):
        assert run("convert", good) == 2
        assert "usage: argmap convert" in capsys.readouterr().err


class TestRender:
    def test_dot_to_stdout(self, good, capsys):
        from argmap.render import to_dot

        assert run("render", good, "--format", "dot", "-o", "-") == 0
        out = capsys.readouterr().out
        assert out.rstrip("\n") == str(to_dot(tiny_map())).rstrip("\n")
        assert "digraph" in out

    def test_direction_is_passed_on(self, good, capsys):
        from argmap.render import to_dot

        assert run("render", good, "--direction", "down", "-o", "-") == 0
        out = capsys.readouterr().out
        assert out.rstrip("\n") == str(to_dot(tiny_map(), direction="down")).rstrip("\n")

    def test_dot_file_needs_no_program(self, good, capsys, monkeypatch, tmp_path):
        monkeypatch.setenv("PATH", str(tmp_path / "empty"))
        assert run("render", good, "--format", "dot") == 0
        assert capsys.readouterr().out == "wrote map.dot\n"
        assert "digraph" in Path("map.dot").read_text(encoding="utf-8")

    @pytest.mark.exe
    def test_stdout_takes_every_format(self, good, capfdbinary):
        assert run("render", good, "--format", "svg", "-o", "-") == 0
        out, err = capfdbinary.readouterr()
        assert out.startswith(b"<?xml") and out.rstrip().endswith(b"</svg>") and err == b""
        assert run("render", good, "--format", "png", "-o", "-") == 0
        assert capfdbinary.readouterr().out.startswith(b"\x89PNG")
        assert os.listdir() == ["map.json"]

    def test_missing_dot_program(self, good, capsys, monkeypatch, tmp_path):
        monkeypatch.setenv("PATH", str(tmp_path / "empty"))
        for how in (["--format", "png"], ["--layout", "dot"]):
            assert run("render", good, *how) == 1
            err = capsys.readouterr().err
            assert err.startswith("argmap: error: Graphviz's 'dot' program was not found")
            assert "apt-get install graphviz" in err
        assert os.listdir() == ["map.json"]
        # SVG by default: argmap's own tree layout needs no dot
        assert run("render", good) == 0
        assert 'data-claim="' in Path("map.svg").read_text(encoding="utf-8")

    def test_unknown_output_suffix(self, good, capsys):
        assert run("render", good, "-o", "map.txt") == 1
        err = capsys.readouterr().err
        from argmap.render import FILE_FORMATS

        known = ", ".join(f"{suffix} ({name})" for suffix, name in FILE_FORMATS.items())
        assert ".svg (svg), .png (png)" in known
        assert (
            err
            == f"map.txt: error: unknown file suffix '.txt'; known suffixes: {known}; use --format NAME to choose one\n"
        )
        assert not Path("map.txt").exists()

    def test_bad_map(self, cwd, capsys):
        write("bad.json", SYNTAX_ERROR)
        assert run("render", "bad.json") == 1
        assert capsys.readouterr().err.startswith("bad.json:3:5: error: ")
        assert os.listdir() == ["bad.json"]

    def test_never_replaces_its_input(self, cwd, capsys):
        argmap.dump(tiny_map(), "map.svg", format="json")
        assert run("render", "--from", "json", "map.svg") == 2
        assert "the drawing would replace map.svg; name the output with -o OUT" in capsys.readouterr().err
        assert argmap.load("map.svg", format="json") == tiny_map()

    def test_unknown_format_is_a_usage_error(self, good, capsys):
        assert run("render", good, "--format", "gif") == 2
        assert "invalid choice: 'gif'" in capsys.readouterr().err

    @pytest.mark.exe
    def test_svg_by_default(self, good, capsys):
        assert run("render", good) == 0
        assert capsys.readouterr().out == "wrote map.svg\n"
        svg = Path("map.svg").read_text(encoding="utf-8")
        assert "<svg" in svg and "Tea has less caffeine" in svg

    @pytest.mark.exe
    def test_png_by_format(self, good, capsys):
        assert run("render", good, "--format", "png") == 0
        assert Path("map.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")

    @pytest.mark.exe
    def test_format_from_output_suffix(self, good, capsys):
        assert run("render", good, "-o", "out/picture.pdf") == 1  # no such folder
        os.mkdir("out")
        assert run("render", good, "-o", "out/picture.pdf") == 0
        assert Path("out/picture.pdf").read_bytes().startswith(b"%PDF")


IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
posix_only = pytest.mark.skipif(os.name != "posix", reason="devices, FIFOs and /dev/full as POSIX has them")


def char_device(name):
    """A private copy of /dev/NAME in the working folder (as root), else the
    real device, which a process that is not root cannot replace."""
    real = f"/dev/{name}"
    if not os.path.exists(real):
        pytest.skip(f"no {real}")
    try:
        os.mknod(name, stat.S_IFCHR | 0o666, os.stat(real).st_rdev)
        return name
    except (PermissionError, AttributeError):
        if IS_ROOT:
            pytest.skip("cannot make a private device copy, and root could replace the real one")
        return real


def device_identity(path):
    s = os.stat(path)
    return s.st_ino, stat.S_IFMT(s.st_mode), s.st_rdev


def sourced_map():
    text = "Tea is better than coffee. It has less caffeine."
    b = MapBuilder(title="Tea", source=argmap.Source(text))
    t = b.claim("Tea is better than coffee", quote="Tea is better than coffee")
    b.support(t, "It has less caffeine", quote="It has less caffeine")
    return b.build()


class TestOutput:
    """-o and OUT: '-' is standard output for every command, devices and FIFOs
    are written through, write errors are one line and exit status 1."""

    def test_render_dash(self, good, capfdbinary):
        assert run("render", good, "-o", "-") == 0
        assert capfdbinary.readouterr().out.decode() == argmap.render.to_dot(tiny_map())
        assert run("render", good, "-o", "-", "--format", "mermaid") == 0
        assert capfdbinary.readouterr().out.decode() == argmap.render.to_mermaid(tiny_map())
        assert os.listdir() == ["map.json"]

    def test_convert_dash(self, good, capfdbinary):
        assert run("convert", good, "-", "--to", "argdown") == 0
        assert capfdbinary.readouterr().out.decode() == argmap.dumps(tiny_map(), format="argdown")
        assert os.listdir() == ["map.json"]

    def test_report_dash(self, cwd, capfdbinary):
        argmap.dump(sourced_map(), "m.json")
        assert run("report", "m.json", "-o", "-", "--no-diagram") == 0
        out, err = capfdbinary.readouterr()
        from argmap.report import report

        assert out.decode() == report(sourced_map(), diagram=False)
        assert err.decode().startswith("coverage: ")  # the page alone on standard output
        assert os.listdir() == ["m.json"]  # no file named '-'

    @posix_only
    @pytest.mark.parametrize(
        "argv",
        [
            ("render", "map.json", "--format", "dot", "-o", "{}"),
            ("render", "map.json", "--format", "mermaid", "-o", "{}"),
            ("convert", "map.json", "{}", "--to", "json"),
            ("report", "map.json", "--no-diagram", "-o", "{}"),
        ],
        ids=["render-dot", "render-mermaid", "convert", "report"],
    )
    def test_null_device_stays_a_device(self, good, capsys, argv):
        null = char_device("null")
        before = device_identity(null)
        assert run(*(a.format(null) for a in argv)) == 0
        assert capsys.readouterr() == ("", "")  # nothing written to a file, so no 'wrote'
        assert device_identity(null) == before

    @posix_only
    @pytest.mark.parametrize(
        "argv",
        [
            ("render", "map.json", "--format", "dot", "-o", "{}"),
            ("convert", "map.json", "{}", "--to", "json"),
            ("report", "map.json", "--no-diagram", "-o", "{}"),
        ],
        ids=["render", "convert", "report"],
    )
    def test_full_device(self, good, capsys, argv):
        full = char_device("full")
        before = device_identity(full)
        assert run(*(a.format(full) for a in argv)) == 1
        assert capsys.readouterr() == ("", f"{full}: error: cannot write: No space left on device\n")
        assert device_identity(full) == before

    @posix_only
    def test_fifo(self, good, capsys):
        import threading

        os.mkfifo("pipe.json")
        got = []
        reader = threading.Thread(target=lambda: got.append(Path("pipe.json").read_bytes()))
        reader.start()
        assert run("convert", good, "pipe.json") == 0
        reader.join(30)
        assert got == [argmap.dumps(tiny_map()).encode()]
        assert stat.S_ISFIFO(os.stat("pipe.json").st_mode)

    def test_folder_as_output(self, good, capsys):
        os.mkdir("out.svg")
        assert run("render", good, "--format", "dot", "-o", "out.svg") == 1
        assert capsys.readouterr().err == "out.svg: error: cannot write: Is a directory\n"
        assert os.listdir("out.svg") == []

    @posix_only
    @pytest.mark.parametrize(
        "command",
        [
            "check map.json",
            "show map.json",
            "eval map.json",
            "convert map.json -",
            "render map.json -o -",
            "report map.json -o -",
        ],
    )
    def test_standard_output_full(self, good, cwd, command):
        if not os.path.exists("/dev/full"):
            pytest.skip("no /dev/full")
        shell = f"'{PYTHON}' -m argmap {command} > /dev/full"  # opens the device, never replaces it
        proc = subprocess.run(["sh", "-c", shell], cwd=cwd, capture_output=True, text=True, timeout=60, check=False)
        assert (proc.returncode, proc.stderr) == (1, "<stdout>: error: cannot write: No space left on device\n")

    def test_timeout_option(self, good, capsys, monkeypatch, tmp_path):
        folder = tmp_path / "bin"
        folder.mkdir()
        (folder / "dot").write_text("#!/bin/sh\nexec sleep 600\n")
        (folder / "dot").chmod(0o755)
        monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
        assert run("render", good, "--timeout", "0.3") == 1
        assert capsys.readouterr().err == (
            "map.json: error: dot took longer than timeout=0.3 seconds to draw the map; pass timeout= "
            "(on the command line --timeout SECONDS) to allow more, or 0 for no limit\n"
        )
        assert sorted(os.listdir()) == ["bin", "map.json"]

    @pytest.mark.parametrize(("value", "seconds"), [("0", 0.0), ("none", 0.0), ("2.5", 2.5), ("120", 120.0)])
    def test_timeout_values(self, good, monkeypatch, value, seconds):
        seen = []
        monkeypatch.setattr(argmap.render, "pipe", lambda m, fmt, timeout, **o: seen.append(timeout) or b"<svg/>")
        assert run("render", good, "--timeout", value) == 0
        assert seen == [seconds]

    @pytest.mark.parametrize("value", ["-1", "soon", "nan"])
    def test_bad_timeout(self, good, capsys, value):
        assert run("render", good, "--timeout", value) == 2
        assert "argument --timeout: expected a number of seconds >= 0 or 'none'" in capsys.readouterr().err


class TestMain:
    def test_version(self, capsys):
        assert run("--version") == 0
        assert capsys.readouterr().out == f"argmap {argmap.__version__}\n"

    def test_help(self, capsys):
        assert run("--help") == 0
        out = capsys.readouterr().out
        for command in ("render", "check", "show", "convert"):
            assert command in out

    def test_no_command(self, capsys):
        assert run() == 2
        assert capsys.readouterr().err.startswith("usage: argmap ")

    def test_unknown_command(self, capsys):
        assert run("draw", "map.json") == 2
        assert "invalid choice: 'draw'" in capsys.readouterr().err

    def test_keyboard_interrupt(self, good, capsys, monkeypatch):
        def interrupted(*args, **kwargs):
            raise KeyboardInterrupt

        monkeypatch.setattr(argmap, "load", interrupted)
        assert run("check", good) == 130
        assert capsys.readouterr() == ("", "")

    def test_broken_pipe(self, good, capsys, monkeypatch):
        def broken(*args, **kwargs):
            raise BrokenPipeError(32, "Broken pipe")

        monkeypatch.setattr(argmap, "dumps", broken)
        assert run("convert", good, "-") == 141
        assert capsys.readouterr().err == ""


def subprocess_run(command, cwd):
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env, timeout=60)


class TestEntryPoints:
    def test_python_dash_m(self, good, cwd):
        write("bad.json", SYNTAX_ERROR)
        proc = subprocess_run([str(PYTHON), "-m", "argmap", "check", good, "bad.json"], cwd)
        assert proc.returncode == 1
        assert proc.stdout == "OK map.json: 3 claims, 2 relations\n"
        assert proc.stderr.startswith("bad.json:3:5: error: Expecting ',' delimiter\n")
        assert "Traceback" not in proc.stderr

    def test_installed_script(self, good, cwd):
        script = shutil.which("argmap", path=str(PYTHON.parent))
        if script is None:
            pytest.skip("the argmap script is not installed next to this Python")
        proc = subprocess_run([script, "--version"], cwd)
        assert (proc.returncode, proc.stdout) == (0, f"argmap {argmap.__version__}\n")
        proc = subprocess_run([script, "check", good], cwd)
        assert (proc.returncode, proc.stdout, proc.stderr) == (0, "OK map.json: 3 claims, 2 relations\n", "")

    def test_usage_error_status(self, cwd):
        proc = subprocess_run([str(PYTHON), "-m", "argmap", "check"], cwd)
        assert proc.returncode == 2
        assert proc.stderr.startswith("usage: argmap check")

    def test_closed_pipe_is_quiet(self, good, cwd):
        big = MapBuilder()
        t = big.claim("root")
        for i in range(5000):
            big.support(t, f"premise number {i}")
        argmap.dump(big.build(), "big.json")
        command = f"'{PYTHON}' -m argmap convert big.json - | head -c 10"
        proc = subprocess.run(["sh", "-c", command], cwd=cwd, capture_output=True, text=True, timeout=60)
        assert proc.stdout == '{\n  "argma'
        assert proc.stderr == ""


# --------------------------------------------------------------------------
# Hostile input (issue 17): limits, spoofing, and never a traceback.

import signal  # noqa: E402
import threading  # noqa: E402
import unicodedata  # noqa: E402

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from argmap.errors import escape  # noqa: E402
from argmap.formats import MAX_BYTES  # noqa: E402


class hang_guard:
    """Fail (rather than hang the suite) if the block runs longer than *seconds*."""

    def __init__(self, seconds=60):
        self.seconds = seconds

    def _expired(self, *_):
        raise AssertionError(f"still running after {self.seconds} s")

    def __enter__(self):
        self.old = signal.signal(signal.SIGALRM, self._expired)
        signal.alarm(self.seconds)

    def __exit__(self, *exc):
        signal.alarm(0)
        signal.signal(signal.SIGALRM, self.old)


def control_characters(text):
    """The characters of *text* a terminal could act on (newlines excepted)."""
    return [
        ch
        for ch in text
        if ch != "\n"
        and (
            unicodedata.category(ch) in ("Cc", "Cs", "Zl", "Zp")
            or ch in "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
        )
    ]


# The commands that read a map, each with its arguments around MAP.
READERS = [
    ["check", "{}"],
    ["show", "{}"],
    ["eval", "{}"],
    ["eval", "--explain", "--semantics", "grounded", "{}"],
    ["convert", "{}", "out.json"],
    ["render", "--format", "mermaid", "-o", "-", "{}"],
    ["report", "-o", "out.html", "{}"],
]


def command(template, path, *extra):
    return [path if a == "{}" else a for a in template] + list(extra)


class TestMaxBytes:
    def test_default_is_generous(self):
        assert MAX_BYTES == 512 * 1024 * 1024

    @pytest.mark.parametrize("template", READERS)
    def test_every_command_has_the_flag(self, good, capsys, template):
        size = Path(good).stat().st_size
        assert run(*command(template, good, "--max-bytes", str(size - 1))) == 1
        err = capsys.readouterr().err
        assert err == (
            f"map.json: error: the input is larger than max_bytes={size - 1} bytes ({size} bytes); "
            "pass max_bytes= (or --max-bytes) to raise the limit\n"
        )
        assert run(*command(template, good, "--max-bytes", str(size))) == 0

    def test_none_is_no_limit(self, good, capsys):
        assert run("check", good, "--max-bytes", "none") == 0

    @pytest.mark.parametrize("value", ["-1", "lots", "1.5", ""])
    def test_bad_value_is_a_usage_error(self, good, capsys, value):
        assert run("check", good, "--max-bytes", value) == 2
        assert "argument --max-bytes: expected a whole number of bytes or 'none'" in capsys.readouterr().err

    @pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
    def test_endless_device(self, cwd, capsys, device):
        if not os.path.exists(device):
            pytest.skip(f"no {device}")
        with hang_guard(60):  # about 0.01 s
            assert run("check", "--from", "json", "--max-bytes", "1000000", device) == 1
        assert capsys.readouterr().err == (
            f"{device}: error: the input is larger than max_bytes=1000000 bytes; "
            "pass max_bytes= (or --max-bytes) to raise the limit\n"
        )

    def test_endless_pipe(self, cwd, capsys):
        if not hasattr(os, "mkfifo"):
            pytest.skip("no named pipes")
        os.mkfifo("pipe.json")
        stop = threading.Event()

        def writer():
            try:
                with open("pipe.json", "wb") as f:
                    while not stop.is_set():
                        f.write(b"[" * 65536)
            except OSError:  # the reader closed the pipe
                pass

        thread = threading.Thread(target=writer, daemon=True)
        thread.start()
        try:
            with hang_guard(60):  # about 0.01 s
                assert run("show", "--max-bytes", "1000000", "pipe.json") == 1
        finally:
            stop.set()
            thread.join(timeout=10)
        assert capsys.readouterr().err.startswith("pipe.json: error: the input is larger than max_bytes=1000000 bytes")

    def test_huge_file_is_not_read(self, cwd, capsys):
        with open("huge.json", "wb") as f:
            f.truncate(4 * MAX_BYTES)  # sparse: takes no space
        with hang_guard(60):
            assert run("check", "huge.json") == 1
        assert capsys.readouterr().err == (
            f"huge.json: error: the input is larger than max_bytes={MAX_BYTES} bytes ({4 * MAX_BYTES} bytes); "
            "pass max_bytes= (or --max-bytes) to raise the limit\n"
        )

    def test_stdin(self, cwd, capsys, monkeypatch):
        import io

        text = argmap.dumps(tiny_map()).encode()

        class Stdin:
            buffer = io.BytesIO(text)

        monkeypatch.setattr(sys, "stdin", Stdin)
        assert run("show", "--from", "json", "--max-bytes", str(len(text) - 1), "-") == 1
        assert capsys.readouterr().err.startswith(
            f"<stdin>: error: the input is larger than max_bytes={len(text) - 1} bytes"
        )
        Stdin.buffer = io.BytesIO(text)
        assert run("show", "--from", "json", "--max-bytes", str(len(text)), "-") == 0

    def test_directory_and_unreadable(self, cwd, capsys):
        os.mkdir("dir.json")
        assert run("show", "dir.json") == 1
        assert capsys.readouterr().err == "dir.json: error: cannot read: Is a directory\n"


def _raw(text: str) -> bytes:
    """*text* as a file's bytes: a lone surrogate from undecodable bytes
    (U+DC80..U+DCFF) as that byte, any other as its UTF-8-like pattern."""
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass")


class TestSpoofing:
    """Nothing from input reaches the terminal as a control character."""

    def test_escape_in_a_file_name(self, cwd, capsys):
        write("m\x1b[2J\r.json", SYNTAX_ERROR)
        assert run("check", "m\x1b[2J\r.json") == 1
        assert capsys.readouterr().err.splitlines()[0] == "m\\x1b[2J\\r.json:3:5: error: Expecting ',' delimiter"

    def test_ids_and_texts(self, cwd, capsys):
        doc = {
            "argmap": 1,
            "claims": [{"id": "c1", "text": "thesis"}],
            "relations": [
                {"id": "r\u202e1", "kind": "support", "premises": ["c9\x1b]0;pwned\x07\nOK map.json"], "target": "c1"}
            ],
        }
        write("m.json", json.dumps(doc))
        assert run("check", "m.json") == 1
        err = capsys.readouterr().err
        assert not control_characters(err)
        assert (
            err == "m.json: error: r\\u202e1: premise 'c9\\x1b]0;pwned\\x07\\nOK map.json' is not a claim of the map\n"
        )

    def test_unknown_key(self, cwd, capsys):
        write("m.json", '{"argmap": 1, "claims": [], "relations": [], "x\\u001b[31m": 1}')
        assert run("check", "m.json") == 1
        err = capsys.readouterr().err
        assert not control_characters(err) and "x\\x1b[31m" in err

    def test_excerpt_caret_stays_under_the_column(self, cwd, capsys):
        Path("m.argdown").write_bytes(b"[a\x1b]: b\n\t\x1b[2J + <c>: d ]]\n")
        run("check", "m.argdown")
        err = capsys.readouterr().err
        assert not control_characters(err)
        first, *excerpt = err.splitlines()
        line, col = re.match(r"m\.argdown:(\d+):(\d+): error: ", first).groups()
        if excerpt:
            source = Path("m.argdown").read_text().split("\n")[int(line) - 1]
            shown, caret = excerpt
            assert shown == escape(source)
            assert caret == " " * len(escape(source[: int(col) - 1])) + "^"

    def test_argparse_errors(self, cwd, capsys):
        assert run("check", "m.json", "--bogus\x1b[2J") == 2
        err = capsys.readouterr().err
        assert not control_characters(err) and "--bogus\\x1b[2J" in err

    def test_warnings(self, cwd, capsys, monkeypatch):
        import warnings

        def warn(*args, **kwargs):
            warnings.warn("lost r\x1b[1m1", argmap.LossyConversionWarning, stacklevel=2)
            return tiny_map()

        monkeypatch.setattr(argmap, "load", warn)
        write("m.json", "{}")
        assert run("show", "m.json") == 0
        assert capsys.readouterr().err == "argmap: warning: lost r\\x1b[1m1\n"

    HOSTILE = st.lists(
        st.characters(exclude_characters="\x00/")
        | st.sampled_from(
            [
                "\x1b[2J",
                "\x1b]0;x\x07",
                "\r",
                "\n",
                "\t",
                "\x7f",
                "\x85",
                "\x9b",
                "\u202e",
                "\u2066",
                "\u2028",
                "\udcff",
            ]
        ),
        min_size=1,
        max_size=8,
    ).map("".join)

    @settings(
        max_examples=60,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        deadline=None,
    )
    @given(
        name=HOSTILE,
        suffix=st.sampled_from([".json", ".argdown", ".kialo", ".sadface", ".aif", ".txt", ""]),
        ident=HOSTILE,
        text=HOSTILE,
        key=HOSTILE,
        shape=st.sampled_from(["dangling", "duplicate", "key", "type", "syntax", "argdown", "kialo", "raw"]),
        template=st.sampled_from(READERS + [["check", "--strict", "{}"]]),
    )
    def test_stderr_holds_no_control_character(self, cwd, name, suffix, ident, text, key, shape, template):
        path = cwd / "in" / (name + suffix)
        path.parent.mkdir(exist_ok=True)
        claim = {"id": ident, "text": text}
        body = {
            "dangling": {
                "argmap": 1,
                "claims": [claim],
                "relations": [{"id": ident + "r", "kind": "support", "premises": [text], "target": ident}],
            },
            "duplicate": {"argmap": 1, "claims": [claim, claim], "relations": []},
            "key": {"argmap": 1, "claims": [claim], "relations": [], key: text},
            "type": {"argmap": 1, "claims": [{"id": ident, "text": 3, key: 1}], "relations": []},
        }.get(shape)
        if body is not None:
            data = json.dumps(body, ensure_ascii=shape != "raw").encode("utf-8", "surrogatepass")
        elif shape == "syntax":
            data = _raw(f'{{"argmap": 1,\n{text}"claims": [{ident}]}}')
        elif shape == "argdown":
            data = _raw(f"===\ntitle: {text}\n===\n[{ident}]: {text}\n  + <{key}>: {text}\n")
        elif shape == "kialo":
            data = _raw(f"1. {text}\n1.1. Pro: {ident}\n1.2. -> See {key}\n")
        else:
            data = _raw(ident + text)
        try:
            path.write_bytes(data)
        except (OSError, UnicodeEncodeError):
            return  # a name this file system refuses
        out_before = set(os.listdir(cwd))
        import contextlib
        import io

        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            status = main(command(template, str(path.relative_to(cwd))))
        err = err.getvalue()
        assert status in (0, 1), (status, err)
        assert not control_characters(err), err
        assert "Traceback" not in err
        if status == 1:
            assert err.startswith((escape(str(path.relative_to(cwd))), "argmap: ")), err
        for extra in set(os.listdir(cwd)) - out_before:
            (cwd / extra).unlink()
        path.unlink()


class TestNoTraceback:
    """Whatever files it is given, every command ends in 0, 1 or 2 with one
    message per problem: the last resort (an internal error) is never reached."""

    JUNK = [
        b"",
        b"\x00\xff\xfe" * 10,
        bytes(range(256)),
        b"{",
        b"[]",
        b"null",
        b'{"argmap": 1}',
        b'{"argmap": 2, "claims": [], "relations": []}',
        b'{"argmap": 1, "claims": [{"id": "a", "text": "t", "quote": {"text": "q", "start": 0, "end": 99999999999999999999}}], "relations": []}',
        b'{"argmap": 1, "source": {"text": "abc"}, "claims": [{"id": "a", "text": "t", "quote": {"text": "\\ud800", "start": 0, "end": 1}}], "relations": []}',
        b'{"nodes": [], "edges": [{"source_id": "a", "target_id": "b"}]}',
        b'{"nodes": [{"nodeID": 1, "text": "x", "type": "I"}], "edges": [{"fromID": 1, "toID": 9}]}',
        b"===\ntitle: x\n===\n[a]: b\n  + <c>: d\n    - [a]\n",
        b"1. thesis\n1.1. Pro: x\n1.1.1. -> See 1.9.\n",
        b"\xef\xbb\xbf\xef\xbb\xbf{}",
        b"[" * 5000,  # deep nesting (the Argdown reader's deeper cases are tested with it)
        b"a: &a [*a, *a]\n",
    ]

    @settings(max_examples=80, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
    @given(
        content=st.sampled_from(JUNK) | st.binary(max_size=200),
        suffix=st.sampled_from([s for f in _formats() for s in f.suffixes] + [".txt", ""]),
        kind=st.sampled_from(["file", "file", "file", "missing", "directory"]),
        name=st.sampled_from(["m", "m\x1b[31m", "m\n", "\udcff\udcfe", "m\u202e", "-x"]),
        template=st.sampled_from(
            READERS + [["check", "--strict", "--source", "{}", "{}"], ["render", "-o", "out.dot", "{}"]]
        ),
        from_=st.none() | st.sampled_from([f.name for f in _formats()]),
    )
    def test_any_file(self, cwd, content, suffix, kind, name, template, from_):
        import contextlib
        import io

        path = cwd / "in" / (name + suffix)
        path.parent.mkdir(exist_ok=True)
        if path.is_dir():
            path.rmdir()
        elif path.exists():
            path.unlink()
        if kind == "file":
            path.write_bytes(content)
        elif kind == "directory":
            path.mkdir()
        argv = command(template, str(path.relative_to(cwd))) + (["--from", from_] if from_ else [])
        err = io.StringIO()
        with hang_guard(120), contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            status = main(argv)
        err = err.getvalue()
        assert status in (0, 1, 2), (argv, status, err)
        assert "internal error" not in err and "Traceback" not in err
        assert not control_characters(err)

    def test_internal_error_is_one_line(self, good, capsys, monkeypatch):
        def bug(*args, **kwargs):
            raise RuntimeError("something\nbroke\x1b[2J")

        monkeypatch.setattr(argmap, "load", bug)
        assert run("check", good) == 70
        assert (
            capsys.readouterr().err
            == "argmap: internal error: RuntimeError: something\\nbroke\\x1b[2J (please report this)\n"
        )

    def test_unguarded_argmap_error_is_bad_input(self, good, capsys, monkeypatch):
        from argmap.cli import _commands

        def fails(args):
            raise argmap.ArgmapError("no\x1b[2J")

        monkeypatch.setattr(_commands, "_show", fails)
        assert run("show", good) == 1
        assert capsys.readouterr().err == "argmap: error: no\\x1b[2J\n"


def test_check_source_reads_at_most_max_bytes(good, capsys):
    assert run("check", good, "--source", "/dev/zero", "--max-bytes", "1000") == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "max_bytes=1000" in err and "/dev/zero" in err


def test_check_source_with_a_limit_past_any_size(good, tmp_path, capsys):
    # once "internal error: OverflowError" (the article was read in one read of max_bytes + 1)
    article = write(tmp_path / "a.txt", "Tea.")
    assert run("check", good, "--source", article, "--max-bytes", "99999999999999999999999") == 0
    assert "internal error" not in capsys.readouterr().err


class TestChoicesFromTheRegistries:
    """--from/--to name every format of the table, --semantics every semantics
    the library has: the command keeps no list of its own."""

    @pytest.fixture(autouse=True)
    def wide(self, monkeypatch):
        monkeypatch.setenv("COLUMNS", "2000")  # argparse would wrap "argdown-json" at its hyphen

    def help_of(self, command, capsys):
        assert main([command, "--help"]) == 0
        return capsys.readouterr().out

    @pytest.mark.parametrize("fmt", [f.name for f in _formats()])
    def test_every_format_is_accepted_and_listed(self, fmt, capsys):
        from argmap.cli._parser import _parser

        args = _parser().parse_args(["convert", "in.json", "out.json", "--from", fmt, "--to", fmt])
        assert (args.from_, args.to) == (fmt, fmt)
        for command in ("render", "check", "show", "convert", "report", "eval"):
            assert _parser().parse_args(
                [command, "m.json", *(["o.json"] if command == "convert" else []), "--from", fmt]
            )
        assert fmt in self.help_of("convert", capsys)

    @pytest.mark.parametrize("semantics", GRADUAL_SEMANTICS + DUNG_SEMANTICS)
    def test_every_semantics_is_accepted_and_listed(self, semantics, capsys):
        from argmap.cli._parser import _parser

        for command in ("eval", "render"):
            assert _parser().parse_args([command, "m.json", "--semantics", semantics]).semantics == semantics
            assert semantics in self.help_of(command, capsys)
        if semantics in GRADUAL_SEMANTICS:  # the report shows strengths, which only gradual semantics give
            assert _parser().parse_args(["report", "m.json", "--semantics", semantics]).semantics == semantics
            assert semantics in self.help_of("report", capsys)

    @pytest.mark.parametrize("backend", BACKENDS)
    def test_every_backend_is_accepted(self, backend):
        from argmap.cli._parser import _parser

        assert _parser().parse_args(["eval", "m.json", "--backend", backend]).backend == backend

    def test_a_name_the_registries_do_not_have_is_a_usage_error(self, capsys):
        assert main(["eval", "m.json", "--semantics", "no-such"]) == 2
        assert main(["convert", "a.json", "b.json", "--to", "no-such"]) == 2
        capsys.readouterr()

    def test_a_newly_registered_format_is_offered(self, monkeypatch, capsys):
        from argmap import formats
        from argmap.cli._parser import _parser

        extra = formats.Format("toy", (".toy",), "argmap.formats.json", "a format registered by a plugin")
        monkeypatch.setitem(formats._FORMATS, "toy", extra)
        assert _parser().parse_args(["show", "m.toy", "--from", "toy"]).from_ == "toy"
        assert "toy" in self.help_of("convert", capsys)


def test_the_parser_loads_no_analysis():
    # Every command builds the whole parser: the stats and compare commands
    # must not load argmap.analysis (and what it imports) until they run.
    code = (
        "import sys\n"
        "from argmap.cli._parser import _parser\n"
        "_parser().parse_args(['stats', 'x.json'])\n"
        "print(sorted(m for m in sys.modules if m.startswith('argmap.analysis')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


class TestSuffix:
    """The command reads file suffixes as pathlib does, without loading it."""

    @given(
        st.lists(
            st.sampled_from(
                ["", ".", "..", "a", "map", "map.json", "x.svg", "a.", ".hidden", "b.tar.gz", "é.mmd", "c..d"]
            ),
            min_size=1,
            max_size=4,
        ).map("/".join),
        st.sampled_from(["", "/", "./", "//"]),
        st.sampled_from(["", "/", "/."]),
    )
    def test_as_pathlib_reads_them(self, middle, head, tail):
        from pathlib import PurePath

        from argmap.cli._commands import _suffix

        path = head + middle + tail
        assert _suffix(path) == PurePath(path).suffix, path

    def test_examples(self):
        from argmap.cli._commands import _suffix

        assert [_suffix(p) for p in ("m.json", "out/m.SVG", "a.", ".bashrc", "dir.d/", "x.svg/.", "")] == [
            ".json",
            ".SVG",
            "",
            "",
            ".d",
            ".svg",
            "",
        ]
