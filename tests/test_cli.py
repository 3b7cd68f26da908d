"""The ``argmap`` command: one class per subcommand, then the entry points.

Tests call :func:`argmap.cli.main` in a temporary working folder, so messages
name files the way a user typed them.
"""

import json
import os
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
        assert err == (
            "bad.json:3:5: error: Expecting ',' delimiter\n"
            '    "claims": []\n'
            "    ^\n"
        )

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
        assert err.splitlines()[-1] == "nope.json: error: cannot read: No such file or directory"

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
        assert run("render", good) == 1
        err = capsys.readouterr().err
        assert err.startswith("argmap: error: Graphviz's 'dot' program was not found")
        assert "apt-get install graphviz" in err
        assert not Path("map.svg").exists()

    def test_unknown_output_suffix(self, good, capsys):
        assert run("render", good, "-o", "map.txt") == 1
        err = capsys.readouterr().err
        from argmap.render import FILE_FORMATS

        known = ", ".join(f"{suffix} ({name})" for suffix, name in FILE_FORMATS.items())
        assert ".svg (svg), .png (png)" in known
        assert err == f"map.txt: error: unknown file suffix '.txt'; known suffixes: {known}; use --format NAME to choose one\n"
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
        ["check map.json", "show map.json", "eval map.json", "convert map.json -", "render map.json -o -", "report map.json -o -"],
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
