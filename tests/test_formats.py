"""The format table and file I/O (argmap.formats): one class per function."""

import os
import stat
from pathlib import Path

import pytest

import argmap
from argmap import ArgmapError, ArgumentMap, Claim, FormatError, MapBuilder, ParseError, ValidationError, formats
from argmap.formats import atomic_write, dump, dumps, format_for_path, get_format, load, loads


def small_map():
    b = MapBuilder(title="Tea")
    t = b.claim("Tea is better")
    b.support(t, "Tea has less caffeine")
    return b.build()


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def leftovers(folder):
    return sorted(p.name for p in Path(folder).iterdir() if p.name.startswith(".argmap-"))


@pytest.fixture
def umask():
    """Set the umask for one test, and put the old one back."""
    old = os.umask(0o022)
    os.umask(old)
    yield os.umask
    os.umask(old)


class TestFormats:
    def test_table(self):
        names = [f.name for f in formats.formats()]
        assert names[0] == "json"
        assert len(names) == len(set(names))
        for f in formats.formats():
            assert f.suffixes and all(s.startswith(".") and s == s.lower() for s in f.suffixes)

    def test_public_functions_are_the_table(self):
        assert argmap.load is load and argmap.dump is dump
        assert argmap.loads is loads and argmap.dumps is dumps


class TestGetFormat:
    def test_known(self):
        assert get_format("json").suffixes == (".json",)

    @pytest.mark.parametrize("name", ["yaml", "JSON", "", None, 3])
    def test_unknown_lists_the_known_names(self, name):
        known = ", ".join(f.name for f in formats.formats())
        with pytest.raises(FormatError) as info:
            get_format(name)
        assert str(info.value) == f"unknown format {name!r}; known formats: {known}"


class TestFormatForPath:
    @pytest.mark.parametrize("path", ["m.json", "M.JSON", "dir.v2/m.Json", Path("a/b.json")])
    def test_suffix_case_insensitive(self, path):
        assert format_for_path(path).name == "json"

    def test_unknown_suffix_lists_the_known_ones(self):
        with pytest.raises(FormatError) as info:
            format_for_path("maps/notes.txt")
        assert str(info.value) == (
            "maps/notes.txt: unknown file suffix '.txt'; known suffixes: "
            + ", ".join(f"{s} ({f.name})" for f in formats.formats() for s in f.suffixes)
            + "; pass format= to choose one"
        )
        assert info.value.path == "maps/notes.txt"

    @pytest.mark.parametrize("path", ["README", "maps.d/README", ".json"])
    def test_no_suffix(self, path):
        with pytest.raises(FormatError, match=r"no file suffix; known suffixes: \.json"):
            format_for_path(path)


class TestLoads:
    def test_by_name(self):
        assert loads(dumps(small_map()), format="json") == small_map()

    def test_unknown_name(self):
        with pytest.raises(FormatError, match="unknown format 'yaml'; known formats: json"):
            loads("", format="yaml")


class TestDumps:
    def test_by_name(self):
        assert dumps(small_map(), format="json") == argmap.formats.json.dumps(small_map())

    def test_unknown_name(self):
        with pytest.raises(FormatError, match="unknown format 'dot'; known formats: json"):
            dumps(small_map(), format="dot")


class TestLoad:
    def test_by_suffix(self, tmp_path):
        (tmp_path / "m.JSON").write_text(dumps(small_map()), encoding="utf-8")
        assert load(tmp_path / "m.JSON") == small_map()
        assert load(str(tmp_path / "m.JSON")) == small_map()

    def test_by_format_name(self, tmp_path):
        (tmp_path / "m.txt").write_text(dumps(small_map()), encoding="utf-8")
        assert load(tmp_path / "m.txt", format="json") == small_map()

    def test_unknown_suffix(self, tmp_path):
        (tmp_path / "m.txt").write_text(dumps(small_map()), encoding="utf-8")
        with pytest.raises(FormatError, match=r"unknown file suffix '\.txt'; known suffixes: \.json \(json\)"):
            load(tmp_path / "m.txt")

    def test_missing_file_names_the_path(self, tmp_path):
        path = tmp_path / "nope.json"
        with pytest.raises(ArgmapError) as info:
            load(path)
        assert str(info.value) == f"{path}: cannot read: No such file or directory"
        assert isinstance(info.value.__cause__, FileNotFoundError)

    def test_folder(self, tmp_path):
        os.mkdir(tmp_path / "d.json")
        with pytest.raises(ArgmapError, match=r"d\.json: cannot read: "):
            load(tmp_path / "d.json")

    def test_parse_error_carries_the_path(self, tmp_path):
        path = tmp_path / "bad.json"
        path.write_text('{\n  "argmap": 1\n    "claims": []\n}\n')
        with pytest.raises(ParseError) as info:
            load(path)
        err = info.value
        assert err.path == str(path)
        assert (err.lineno, err.colno) == (3, 5)
        assert str(err) == f"{path}:3:5: Expecting ',' delimiter"
        assert err.excerpt == '    "claims": []\n    ^'

    def test_bad_utf8_carries_the_path(self, tmp_path):
        path = tmp_path / "bad.json"
        path.write_bytes(b'{"title": "\xff"}')
        with pytest.raises(ParseError) as info:
            load(path)
        assert info.value.path == str(path)
        assert str(info.value).startswith(f"{path}:1:12: not UTF-8 text")

    def test_format_error_carries_the_path(self, tmp_path):
        path = tmp_path / "shape.json"
        path.write_text('{"argmap": 1, "claims": [{"id": "c1", "text": 3}], "relations": []}')
        with pytest.raises(FormatError) as info:
            load(path)
        err = info.value
        assert (err.path, err.where, err.msg) == (str(path), "claims[0].text", "expected a string, got a number")
        assert str(err) == f"{path}:claims[0].text: expected a string, got a number"

    def test_validation_error_names_the_ids(self, tmp_path):
        path = tmp_path / "dangling.json"
        path.write_text(
            '{"argmap": 1, "claims": [{"id": "c1", "text": "t"}], '
            '"relations": [{"id": "r1", "kind": "attack", "premises": ["c9"], "target": "c1"}]}'
        )
        with pytest.raises(ValidationError) as info:
            load(path)
        assert info.value.ids == ("r1",)

    def test_byte_order_mark(self, tmp_path):
        path = tmp_path / "bom.json"
        path.write_bytes(b"\xef\xbb\xbf" + dumps(small_map()).encode())
        assert load(path) == small_map()


class TestDump:
    def test_by_suffix_and_back(self, tmp_path):
        dump(small_map(), tmp_path / "m.Json")
        assert (tmp_path / "m.Json").read_bytes() == dumps(small_map()).encode("utf-8")
        assert load(tmp_path / "m.Json") == small_map()

    def test_by_format_name(self, tmp_path):
        dump(small_map(), str(tmp_path / "m.out"), format="json")
        assert load(tmp_path / "m.out", format="json") == small_map()

    def test_unknown_suffix_writes_nothing(self, tmp_path):
        with pytest.raises(FormatError, match=r"known suffixes: \.json"):
            dump(small_map(), tmp_path / "m.yaml")
        assert list(tmp_path.iterdir()) == []

    def test_utf8_without_bom(self, tmp_path):
        dump(ArgumentMap([Claim("c1", "Th\u00e9")]), tmp_path / "m.json")
        data = (tmp_path / "m.json").read_bytes()
        assert data.startswith(b"{") and "Th\u00e9".encode() in data

    def test_missing_folder(self, tmp_path):
        path = tmp_path / "no" / "m.json"
        with pytest.raises(ArgmapError) as info:
            dump(small_map(), path)
        assert str(info.value) == f"cannot write {path}: No such file or directory"

    def test_replaces_atomically_on_a_failed_rename(self, tmp_path, monkeypatch):
        path = tmp_path / "m.json"
        path.write_text("old")

        def fail(src, dst):
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(formats.os, "replace", fail)
        with pytest.raises(ArgmapError) as info:
            dump(small_map(), path)
        assert str(info.value) == f"cannot write {path}: No space left on device"
        assert path.read_text() == "old"
        assert leftovers(tmp_path) == []

    def test_interrupted_write_leaves_the_old_file(self, tmp_path, monkeypatch):
        path = tmp_path / "m.json"
        path.write_text("old")
        real_fdopen = os.fdopen

        class HalfWriter:
            """Writes half of the data, then is interrupted."""

            def __init__(self, f):
                self.f = f

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                self.f.close()

            def write(self, data):
                self.f.write(data[: len(data) // 2])
                raise KeyboardInterrupt

        monkeypatch.setattr(formats.os, "fdopen", lambda fd, mode: HalfWriter(real_fdopen(fd, mode)))
        with pytest.raises(KeyboardInterrupt):
            dump(small_map(), path)
        assert path.read_text() == "old"
        assert leftovers(tmp_path) == []

    def test_keeps_the_permissions_of_the_file_it_replaces(self, tmp_path):
        path = tmp_path / "m.json"
        path.write_text("old")
        os.chmod(path, 0o640)
        dump(small_map(), path)
        assert mode(path) == 0o640
        os.chmod(path, 0o604)
        dump(small_map(), path)
        assert mode(path) == 0o604

    @pytest.mark.parametrize("mask, expected", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
    def test_new_files_respect_the_umask(self, tmp_path, umask, mask, expected):
        umask(mask)
        dump(small_map(), tmp_path / "m.json")
        assert mode(tmp_path / "m.json") == expected

    def test_writes_through_a_symbolic_link(self, tmp_path):
        real = tmp_path / "real.json"
        real.write_text("old")
        link = tmp_path / "link.json"
        link.symlink_to(real)
        dump(small_map(), link)
        assert link.is_symlink()
        assert load(real) == small_map()


class TestAtomicWrite:
    def test_writes_bytes(self, tmp_path):
        atomic_write(tmp_path / "f", b"\x00\xff")
        assert (tmp_path / "f").read_bytes() == b"\x00\xff"
        assert leftovers(tmp_path) == []

    def test_relative_path(self, tmp_path, monkeypatch):
        monkeypatch.chdir(tmp_path)
        atomic_write("f", b"x")
        assert (tmp_path / "f").read_bytes() == b"x"

    def test_target_is_a_folder(self, tmp_path):
        os.mkdir(tmp_path / "d")
        with pytest.raises(ArgmapError, match="cannot write"):
            atomic_write(tmp_path / "d", b"x")
        assert (tmp_path / "d").is_dir()
        assert leftovers(tmp_path) == []


class TestDecode:
    """The one UTF-8 decoder: utf-8-sig's text (a BOM dropped), read
    without loading that codec's module."""

    @pytest.mark.parametrize(
        "raw",
        [
            b"",
            b"abc",
            "caf\u00e9 \u2603".encode(),
            b"\xef\xbb\xbfabc",
            b"\xef\xbb\xbf",
            b"\xef\xbb",
            b"a\xffb",
            b"\xef\xbb\xbfa\xff",
        ],
    )
    def test_as_utf_8_sig_reads_it(self, raw):
        from argmap.formats._decode import decode

        try:
            expected = raw.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            bom = 3 if raw.startswith(b"\xef\xbb\xbf") else 0
            with pytest.raises(ParseError, match=rf"not UTF-8 text: .* at offset {e.start + bom}\)"):
                decode(raw)
        else:
            assert decode(raw) == expected
