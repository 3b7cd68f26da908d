"""Many files at once: argmap.load_all and `argmap check` over a corpus."""

import io
import json
import sys
import warnings
from pathlib import Path

import pytest

import argmap
from argmap import ArgmapError, ArgumentMap
from argmap.cli import main

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "aif" / "araucaria"
CORPUS_FILES = sorted(CORPUS.glob("*.json")) if CORPUS.is_dir() else []
DATA = Path(__file__).parent / "data" / "interchange"


@pytest.fixture
def folder(tmp_path):
    argmap.dump(argmap.MapBuilder().build(), tmp_path / "a.json")
    (tmp_path / "b.json").write_text("{", encoding="utf-8")
    (tmp_path / "c.aif.json").write_text(
        '{"nodes": [{"nodeID": "1", "text": "x", "type": "Q"}], "edges": []}', encoding="utf-8"
    )
    (tmp_path / "d.txt").write_text("", encoding="utf-8")
    return tmp_path


class TestLoadAll:
    def test_every_file_has_its_result(self, folder):
        results = list(argmap.load_all(sorted(folder.iterdir())))
        assert [(p.name, type(r).__name__) for p, r in results] == [
            ("a.json", "ArgumentMap"),
            ("b.json", "ParseError"),
            ("c.aif.json", "FormatError"),
            ("d.txt", "FormatError"),
        ]
        assert str(results[2][1]).endswith(
            "nodes[0].type: unknown node type 'Q'; AIF node types are I, RA, CA, MA, PA, L, YA, TA"
        )

    def test_missing_file(self, tmp_path):
        ((_, error),) = argmap.load_all([tmp_path / "nope.json"])
        assert isinstance(error, ArgmapError) and "cannot read" in str(error)

    def test_lazy(self, folder):
        it = argmap.load_all(p for p in sorted(folder.iterdir()))
        _, m = next(it)
        assert isinstance(m, ArgumentMap)

    def test_max_bytes(self, folder):
        size = (folder / "a.json").stat().st_size
        results = dict(
            argmap.load_all([folder / "a.json", folder / "b.json", "/dev/zero"], format="json", max_bytes=size - 1)
        )
        error = results[folder / "a.json"]
        assert isinstance(error, argmap.LimitError) and error.path == str(folder / "a.json")
        assert type(results[folder / "b.json"]).__name__ == "ParseError"  # one byte: under the limit
        assert isinstance(results["/dev/zero"], argmap.LimitError)  # an endless file ends
        ((_, m),) = argmap.load_all([folder / "a.json"], max_bytes=size)
        assert isinstance(m, ArgumentMap)

    def test_directory_and_bad_arguments(self, folder):
        ((_, error),) = argmap.load_all([folder], format="json")
        assert isinstance(error, ArgmapError) and str(error).startswith(f"{folder}: cannot read")
        with pytest.raises(ArgmapError, match="paths must be an iterable"):
            list(argmap.load_all(3))

    @pytest.mark.skipif(not CORPUS_FILES, reason="../shared/corpora/aif/araucaria is not there")
    def test_the_araucaria_corpus(self):
        results = list(argmap.load_all(CORPUS_FILES, format="aif"))
        assert len(results) == 133
        assert all(isinstance(m, ArgumentMap) for _, m in results)


class TestCheckCommand:
    def test_per_file_errors_and_status(self, folder, capsys):
        paths = [str(p) for p in sorted(folder.iterdir())]
        assert main(["check", *paths]) == 1
        out, err = capsys.readouterr()
        assert out.count("OK ") == 1
        assert "b.json:1:2: error:" in err
        assert "c.aif.json: error: nodes[0].type: unknown node type 'Q'" in err
        assert "d.txt: error: unknown file suffix '.txt'" in err

    @pytest.mark.skipif(not CORPUS_FILES, reason="../shared/corpora/aif/araucaria is not there")
    def test_corpus_with_from(self, capsys):
        assert main(["check", "--from", "aif", *map(str, CORPUS_FILES)]) == 0
        out, _ = capsys.readouterr()
        assert out.count("\nOK ") + out.startswith("OK ") == 133

    def test_progress_bar_on_a_terminal(self, folder, monkeypatch, capsys):
        class Tty(io.StringIO):
            def isatty(self):
                return True

        fake = Tty()
        monkeypatch.setattr(sys, "stderr", fake)
        paths = [str(folder / "a.json"), str(folder / "b.json")]
        main(["check", *paths])
        text = fake.getvalue()
        assert "[" + "." * 30 + "] 0/2" in text and "1/2" in text
        assert text.endswith(f"argmap: 1 of 2 files failed: {paths[1]}\n")
        fake.truncate(0)
        main(["check", paths[0], paths[0]])
        assert fake.getvalue().endswith("checked 2 files\n")
        assert "\x1b[K" in text

    def test_no_progress_bar_when_not_a_terminal(self, folder, capsys):
        main(["check", str(folder / "a.json"), str(folder / "a.json")])
        assert capsys.readouterr().err == ""


class TestConvertEveryPair:
    FORMATS = {"json": "m.json", "aif": "m.aif.json", "sadface": "m.sadface.json", "kialo": "m.kialo.txt"}

    @pytest.mark.parametrize("source", list(FORMATS))
    @pytest.mark.parametrize("target", list(FORMATS))
    def test_convert(self, source, target, tmp_path, monkeypatch, capsys):
        monkeypatch.chdir(tmp_path)
        b = argmap.MapBuilder(title="Tea")
        t = b.claim("Tea is better", id="1")
        b.support(t, b.claim("Tea is calming", id="1.1"), id="r1.1")
        b.attack(t, b.claim("Coffee is stronger", id="1.2"), id="r1.2")
        m = b.build()
        argmap.dump(m, self.FORMATS[source])
        out = "out-" + self.FORMATS[target]
        assert main(["convert", self.FORMATS[source], out]) == 0
        assert argmap.load(out) == m  # this map fits every format
        assert main(["show", out]) == 0
        assert main(["render", out, "-o", "-"]) == 0
        capsys.readouterr()

    def test_lossy_conversion_warns_on_stderr(self, tmp_path, monkeypatch, capsys):
        monkeypatch.chdir(tmp_path)
        b = argmap.MapBuilder()
        b.support(b.claim("T"), [b.claim("P"), b.claim("Q")])
        argmap.dump(b.build(), "m.json")
        assert main(["convert", "m.json", "m.kialo.txt"]) == 0
        err = capsys.readouterr().err
        assert err.startswith("argmap: warning: Kialo export simplified the map: linked premises")

    def test_plain_json_needs_from(self, tmp_path, monkeypatch, capsys):
        monkeypatch.chdir(tmp_path)
        (tmp_path / "nodeset1.json").write_text((DATA / "ova.aif.json").read_text(encoding="utf-8"), encoding="utf-8")
        assert main(["convert", "nodeset1.json", "x.sadface.json"]) == 1  # read as argmap JSON: refused
        assert 'nodeset1.json: error: argmap: no "argmap" version field; this looks like AIF' in capsys.readouterr().err
        assert main(["convert", "--from", "aif", "nodeset1.json", "x.sadface.json"]) == 0


@pytest.mark.skipif(not CORPUS_FILES, reason="../shared/corpora/aif/araucaria is not there")
def test_the_corpus_through_every_format():
    """Each AraucariaDB map: SADFace (valid for the reference package), argmap
    JSON and networkx give it back equal; Kialo gives back what it warned of."""
    from argmap.formats import json as argmap_json
    from argmap.formats import kialo, sadface

    try:
        from sadface.validation import verify
    except ImportError:  # pragma: no cover
        verify = None
    nx = pytest.importorskip("networkx")  # noqa: F841
    from argmap.formats.nx import from_networkx, to_networkx

    for path, m in argmap.load_all(CORPUS_FILES, format="aif"):
        text = sadface.dumps(m)
        assert sadface.loads(text) == m, path.name
        if verify is not None:
            assert verify(json.loads(text))[0], path.name
        assert argmap_json.loads(argmap_json.dumps(m)) == m
        assert from_networkx(to_networkx(m)) == m
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", argmap.LossyConversionWarning)
            assert kialo.loads(kialo.dumps(m)) == kialo.simplify(m)[0]


class TestWorkers:
    def test_same_results_in_order(self, folder):
        paths = sorted(folder.iterdir())
        one = list(argmap.load_all(paths))
        two = list(argmap.load_all(paths, workers=2))
        assert [p for p, _ in two] == paths
        assert [(type(a).__name__, str(a) if isinstance(a, ArgmapError) else a) for _, a in one] == [
            (type(b).__name__, str(b) if isinstance(b, ArgmapError) else b) for _, b in two
        ]

    def test_maps_come_back_equal_and_usable(self):
        b = argmap.MapBuilder(title="T")
        t = b.claim("Tea", id="t", tags=["x"], data={"k": [1, {"a": None}]})
        r = b.support(t, [b.claim("Calm", id="p"), b.claim("Good", id="q")], id="r", scheme="s")
        b.undercut(r, b.claim("Not so", id="u"), id="a")
        m = b.build()
        from argmap.corpus import _from_wire, _to_wire

        back = _from_wire(_to_wire(m))
        assert back == m and back.roles == m.roles and back["r"].scheme == "s"

    def test_warnings_are_issued_here(self, tmp_path):
        # An RA node with no conclusion: kept as data, with a warning.
        doc = {
            "nodes": [{"nodeID": "1", "text": "x", "type": "I"}, {"nodeID": "2", "text": "RA", "type": "RA"}],
            "edges": [{"fromID": "1", "toID": "2"}],
        }
        path = tmp_path / "w.aif.json"
        path.write_text(json.dumps(doc), encoding="utf-8")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            ((_, m), (_, m2)) = argmap.load_all([path, path], workers=2)
        assert isinstance(m, ArgumentMap) and m == m2
        # (only argmap's own: Python 3.12+ also warns when a process with
        # threads, such as a test runner's worker, forks)
        ours = [w.category for w in caught if issubclass(w.category, argmap.ArgmapWarning)]
        assert ours == [argmap.LossyConversionWarning] * 2

    @pytest.mark.parametrize("bad", [0, -1, 1.5, "2", True])
    def test_bad_workers(self, bad):
        with pytest.raises(ArgmapError, match="workers must be"):
            list(argmap.load_all([], workers=bad))

    def test_empty(self):
        assert list(argmap.load_all([], workers=2)) == []

    @pytest.mark.skipif(not CORPUS_FILES, reason="the shared AraucariaDB corpus is absent")
    def test_araucaria_in_processes(self):
        one = [m for _, m in argmap.load_all(CORPUS_FILES, format="aif")]
        two = [m for _, m in argmap.load_all(CORPUS_FILES, format="aif", workers=2)]
        assert one == two and all(isinstance(m, ArgumentMap) for m in two)


class TestConvertMany:
    def test_each_file_to_the_folder(self, folder, tmp_path, capsys):
        out = tmp_path / "out"
        out.mkdir()
        argmap.dump(argmap.MapBuilder().build(), folder / "e.aif.json", format="aif")
        paths = [str(folder / n) for n in ("a.json", "b.json", "e.aif.json", "nope.json")]
        assert main(["convert", *paths[:2], "--from", "json", "-d", str(out), "-t", "argdown"]) == 1
        assert sorted(p.name for p in out.iterdir()) == ["a.argdown"]
        capsys.readouterr()
        assert main(["convert", paths[0], paths[2], paths[3], "-d", str(out), "--to", "sadface"]) == 1
        err = capsys.readouterr().err.splitlines()
        assert err[-2] == f"{paths[3]}: error: cannot read: No such file or directory"
        assert err[-1] == f"argmap: 1 of 3 files failed: {paths[3]}"
        assert sorted(p.name for p in out.iterdir()) == ["a.argdown", "a.sadface", "e.sadface"]
        assert argmap.load(out / "e.sadface") == argmap.load(paths[2])

    def test_same_name_twice_is_an_error_not_an_overwrite(self, folder, tmp_path, capsys):
        other = tmp_path / "other"
        other.mkdir()
        argmap.dump(argmap.MapBuilder(title="other").build(), other / "a.json")
        out = tmp_path / "out"
        out.mkdir()
        first, second = str(folder / "a.json"), str(other / "a.json")
        assert main(["convert", first, second, "-d", str(out), "-t", "aif"]) == 1
        assert f"{second}: error: would write {out / 'a.aif'}, already written from {first}" in capsys.readouterr().err
        assert argmap.load(out / "a.aif") == argmap.load(first)

    @pytest.mark.parametrize("jobs", ["1", "2"])
    def test_an_input_is_never_replaced(self, tmp_path, capsys, monkeypatch, jobs):
        """-d into the inputs' own folder, in their own format (or another
        input's): each file that would replace an input is an error, the
        inputs are left as they were, the rest is converted."""
        import argmap.corpus as corpus

        monkeypatch.setattr(corpus, "WORKERS_MIN_BYTES", 0)
        b = argmap.MapBuilder(title="Tea")
        b.claim("Tea is calm")
        argmap.dump(b.build(), tmp_path / "a.argdown")
        (tmp_path / "a.argdown").write_text("// mine\n" + (tmp_path / "a.argdown").read_text(), encoding="utf-8")
        argmap.dump(b.build(), tmp_path / "b.json")
        argmap.dump(b.build(), tmp_path / "c.json")
        before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
        paths = [str(tmp_path / n) for n in ("a.argdown", "b.json", "c.json")]
        assert main(["convert", "-j", jobs, *paths, "-d", str(tmp_path), "-t", "argdown"]) == 1
        err = capsys.readouterr().err
        assert f"{paths[0]}: error: would write {paths[0]}, which is the input {paths[0]}" in err
        assert {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.name in before} == before
        assert sorted(p.name for p in tmp_path.iterdir()) == ["a.argdown", "b.argdown", "b.json", "c.argdown", "c.json"]
        # another input's name, through another path to the same folder
        link = tmp_path / "link"
        link.symlink_to(tmp_path)
        assert main(["convert", paths[1], "-d", str(link), "-t", "json"]) == 1
        assert "which is the input" in capsys.readouterr().err
        assert (tmp_path / "b.json").read_bytes() == before["b.json"]

    def test_usage(self, folder, tmp_path, capsys):
        a = str(folder / "a.json")
        assert main(["convert", a, "-d", str(tmp_path)]) == 2  # no -t
        assert "-d OUTDIR needs -t NAME" in capsys.readouterr().err
        assert main(["convert", a, a, a]) == 2
        assert "convert takes IN OUT, or IN... with -d OUTDIR" in capsys.readouterr().err
        assert main(["convert", a, "-d", str(tmp_path / "none"), "-t", "aif"]) == 1
        assert "no such folder" in capsys.readouterr().err

    def test_one_to_one_still_works(self, folder, tmp_path):
        assert main(["convert", str(folder / "a.json"), str(tmp_path / "x.aif.json")]) == 0
        assert argmap.load(tmp_path / "x.aif.json") == argmap.load(folder / "a.json")

    @pytest.mark.skipif(not CORPUS_FILES, reason="the shared AraucariaDB corpus is absent")
    def test_araucaria(self, tmp_path, capsys):
        assert main(["convert", *map(str, CORPUS_FILES), "--from", "aif", "-d", str(tmp_path), "-t", "json"]) == 0
        assert len(list(tmp_path.iterdir())) == len(CORPUS_FILES)
        assert capsys.readouterr().err == ""  # quiet when not a terminal


def test_stats_summarises_failures(folder, capsys):
    assert main(["stats", str(folder / "a.json"), str(folder / "b.json")]) == 1
    assert capsys.readouterr().err.splitlines()[-1] == f"argmap: 1 of 2 files failed: {folder / 'b.json'}"
