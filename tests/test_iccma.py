"""ICCMA frameworks (argmap.formats.iccma: apx, tgf, i23), and self-attacks
held by the model, the projection to frameworks and every writer."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import pytest
from _reference_af import REFERENCES
from hypothesis import given
from hypothesis import strategies as st

import argmap
from argmap import ArgumentMap, Claim, Kind, Relation
from argmap.errors import LimitError, LossyConversionWarning, ParseError, ValidationError
from argmap.formats import format_for_path, get_format, iccma
from argmap.semantics import extensions, framework
from argmap.strategies import argument_maps

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "iccma" / "probo"
CORPUS_FILES = sorted(p for p in CORPUS.glob("ex*") if p.suffix in (".apx", ".tgf")) if CORPUS.is_dir() else []
SEMANTICS = {"GR": "grounded", "PR": "preferred", "ST": "stable", "CO": "complete"}


def quiet_dumps(m: ArgumentMap, dialect: str) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LossyConversionWarning)
        return iccma.dumps(m, dialect=dialect)


def pairs(m: ArgumentMap) -> list[tuple[str, str]]:
    return [(r.premises[0], r.target) for r in m.relations]


# --------------------------------------------------------------------------
# Self-attacks


SELF = ArgumentMap(
    [Claim("a", "A"), Claim("b", "B")],
    [Relation("r1", Kind.ATTACK, ["a"], "a"), Relation("r2", Kind.ATTACK, ["a"], "b")],
)


class TestSelfAttack:
    def test_a_claim_may_attack_itself(self):
        assert SELF.relation("r1").target == "a"

    @pytest.mark.parametrize(
        "relation",
        [
            Relation("r", Kind.SUPPORT, ["a"], "a"),
            Relation("r", Kind.CONTRARY, ["a"], "a"),
            Relation("r", Kind.ATTACK, ["a", "b"], "a"),
        ],
    )
    def test_no_self_support_and_no_linked_self_attack(self, relation):
        with pytest.raises(ValidationError, match="premise 'a' targets itself"):
            ArgumentMap([Claim("a", "A"), Claim("b", "B")], [relation])

    def test_projection(self):
        assert set(framework(SELF).attacks) == {("a", "a"), ("a", "b")}
        assert extensions(framework(SELF), "grounded") == [frozenset()]  # a is undecided, and so is b

    @pytest.mark.parametrize("fmt", ["json", "aif", "sadface", "argdown"])
    def test_lossless_writers_keep_it(self, fmt):
        f = get_format(fmt)
        assert f.loads(f.dumps(SELF)) == SELF

    def test_kialo_says_it_is_lost(self):
        with pytest.warns(LossyConversionWarning, match="a self-attack"):
            get_format("kialo").dumps(SELF)

    def test_argdown_json_and_renderers_show_it(self):
        from argmap import render

        text = get_format("argdown-json").dumps(SELF)
        assert re.search(r'"from": "a",\s*"fromType": "equivalence-class",\s*"to": "a"', text)
        assert '"a" -> "a"' in render.to_dot(SELF)
        assert "n0 --x n0" in render.to_mermaid(SELF)

    @pytest.mark.parametrize("dialect", iccma.DIALECTS)
    def test_iccma_writers_keep_it(self, dialect):
        m = iccma.loads(quiet_dumps(iccma.loads("arg(x). att(x,x)."), dialect), dialect=dialect)
        assert pairs(m) == ([("1", "1")] if dialect == "i23" else [("x", "x")])


# --------------------------------------------------------------------------
# Reading


class TestRead:
    def test_apx(self):
        m = iccma.loads("% a comment\narg(a).\narg( b ).\natt(a,b).\natt(b , b).\n")
        assert [(c.id, c.text) for c in m.claims] == [("a", "a"), ("b", "b")]
        assert [r.id for r in m.relations] == ["att(a,b)", "att(b,b)"]
        assert pairs(m) == [("a", "b"), ("b", "b")]
        assert all(r.kind is Kind.ATTACK for r in m.relations)

    def test_apx_attack_before_its_arguments(self):
        assert pairs(iccma.loads("att(a,b). arg(a). arg(b).")) == [("a", "b")]

    def test_tgf(self):
        m = iccma.loads("a\nb\n\n#\na b\nb b\n", dialect="tgf")
        assert pairs(m) == [("a", "b"), ("b", "b")]

    def test_i23(self):
        m = iccma.loads("# comment\np af 3\n1 2\n# more\n3 3\n", dialect="i23")
        assert [c.id for c in m.claims] == ["1", "2", "3"]
        assert pairs(m) == [("1", "2"), ("3", "3")]

    def test_relation_id_that_is_an_argument_name(self):
        m = iccma.loads("att(a,b)\n#\natt(a,b) att(a,b)\n", dialect="tgf")
        assert [r.id for r in m.relations] == ["att(att(a,b),att(a,b))"]
        m = iccma.loads("a\natt(a,a)\n#\na a\n", dialect="tgf")
        assert [r.id for r in m.relations] == ["att(a,a)'"]

    def test_suffixes(self):
        assert [format_for_path(f"x.{s}").name for s in ("apx", "TGF", "i23")] == ["apx", "tgf", "i23"]

    def test_load_by_suffix(self, tmp_path):
        p = tmp_path / "f.apx"
        p.write_text("arg(a).\natt(a,b).\n")
        with pytest.raises(ParseError) as e:
            argmap.load(p)
        assert str(e.value) == f"{p}:2:7: attack on or by 'b', which is not a declared argument"

    @pytest.mark.parametrize(
        "dialect, text, message",
        [
            ("apx", "arg(a).\narg(a).", r"^line 2:5: argument 'a' is declared twice \(first on line 1\)$"),
            ("apx", "arg(a).\natt(a,a).\natt(a,a).", r"^line 3:1: attack of 'a' on 'a' is given twice"),
            ("apx", "arg(a). arg(b)\n", r"^line 1:9: expected arg\(NAME\)\. or att\(NAME,NAME\)\."),
            ("apx", "arg(a,b).", r"^line 1:7: arg\( \) takes one name"),
            ("apx", "att(a).", r"^line 1:6: att\( \) takes two names"),
            ("apx", "arg(a\x01).", r"^line 1:5: argument name 'a\\x01' holds a control character"),
            ("tgf", "a b\n#\n", r"^line 1:3: expected one argument name"),
            ("tgf", "a\n#\na\n", r"^line 3:1: expected an attack: two argument names"),
            ("tgf", "a\n# x\n", r"^line 2:3: the '#' line holds nothing else"),
            ("i23", "1 2\n", r"^line 1:1: expected the header 'p af N'"),
            ("i23", "", r"^line 1:1: expected the header 'p af N'"),
            ("i23", "p af 2\n1 3\n", r"^line 2:3: attack on or by '3'"),
            ("i23", "p af 2\n1 x\n", r"^line 2:1: expected an attack: two argument numbers"),
        ],
    )
    def test_bad_input_is_located(self, dialect, text, message):
        with pytest.raises(ParseError, match=message):
            iccma.loads(text, dialect=dialect)

    def test_i23_argument_limit(self):
        assert len(iccma.loads("p af 10", dialect="i23", max_arguments=10).claims) == 10
        with pytest.raises(
            LimitError, match=r"line 1: .* 11 arguments, more than max_arguments=10; pass max_arguments="
        ):
            iccma.loads("p af 11", dialect="i23", max_arguments=10)
        with pytest.raises(LimitError, match="max_arguments=1000000;"):
            get_format("i23").loads("p af 1000001")  # 14 bytes would ask for 300 MB and more

    @pytest.mark.parametrize("bad", [-1, None, 1.5, True, "10"])
    def test_the_limit_is_a_whole_number(self, bad):
        with pytest.raises(argmap.ArgmapError, match="max_arguments must be a whole number >= 0"):
            iccma.loads("p af 1", dialect="i23", max_arguments=bad)

    def test_unknown_dialect(self):
        with pytest.raises(argmap.ArgmapError, match="unknown ICCMA dialect 'pl'"):
            iccma.loads("", dialect="pl")


class TestLoad:
    """iccma.load: a file, as argmap.load reads it, with max_arguments."""

    def test_reads_the_file_with_the_limit(self, tmp_path):
        path = tmp_path / "f.i23"
        path.write_text("p af 5\n1 2\n", encoding="utf-8")
        assert iccma.load(path, max_arguments=5) == argmap.load(path)
        with pytest.raises(LimitError) as info:
            iccma.load(path, max_arguments=4)
        assert info.value.path == str(path) and info.value.limit == "max_arguments" and info.value.value == 4
        assert str(info.value) == (
            f"{path}: line 1: the framework declares 5 arguments, more than max_arguments=4; "
            "pass max_arguments= (or --max-arguments) to raise the limit"
        )

    def test_dialect_from_the_suffix_or_given(self, tmp_path):
        (tmp_path / "f.apx").write_text("arg(a).", encoding="utf-8")
        (tmp_path / "f.txt").write_text("a\n#\n", encoding="utf-8")
        (tmp_path / "f.json").write_text("{}", encoding="utf-8")
        assert [c.id for c in iccma.load(tmp_path / "f.apx").claims] == ["a"]
        assert [c.id for c in iccma.load(tmp_path / "f.txt", dialect="tgf").claims] == ["a"]
        with pytest.raises(argmap.FormatError, match=r"not an ICCMA file \(json\); pass dialect="):
            iccma.load(tmp_path / "f.json")

    def test_errors_name_the_file(self, tmp_path):
        path = tmp_path / "f.i23"
        path.write_text("p af 2\n1 3\n", encoding="utf-8")
        with pytest.raises(ParseError) as info:
            iccma.load(path)
        assert str(info.value).startswith(f"{path}:2:3: attack on or by '3'")
        with pytest.raises(LimitError, match="max_bytes=3"):
            iccma.load(path, max_bytes=3)
        with pytest.raises(argmap.ArgmapError, match="cannot read"):
            iccma.load(tmp_path / "none.i23")


#: Every command that reads maps, with --max-arguments N: a map file ({})
#: read in this process, or by a worker (-j 2, the threshold off).
MAX_ARGUMENTS_COMMANDS = [
    ["check", "{}"],
    ["check", "-j", "2", "{}", "{}"],
    ["show", "{}"],
    ["stats", "{}"],
    ["stats", "-j", "2", "{}", "{}"],
    ["eval", "{}"],
    ["render", "--format", "dot", "-o", "out.dot", "{}"],
    ["report", "-o", "out.html", "{}"],
    ["convert", "{}", "out.apx"],
    ["convert", "-j", "2", "{}", "-d", "outdir", "-t", "apx"],
    ["compare", "{}", "{}", "--semantics", "none"],
]


class TestMaxArgumentsOption:
    """``--max-arguments N`` on the command line, down to the i23 reader."""

    @pytest.fixture
    def five(self, tmp_path, monkeypatch):
        import argmap.corpus as corpus

        monkeypatch.chdir(tmp_path)
        monkeypatch.setattr(corpus, "WORKERS_MIN_BYTES", 0)
        monkeypatch.setattr(corpus, "WORKERS_MIN_BYTES_SPAWN", 0)
        (tmp_path / "outdir").mkdir()
        (tmp_path / "f.i23").write_text("p af 5\n1 2\n2 3\n", encoding="utf-8")
        return "f.i23"

    @staticmethod
    def run(template, path, *extra):
        import contextlib
        import io

        from argmap.cli import main

        argv = [path if a == "{}" else a for a in template] + list(extra)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = main(argv)
        return status, out.getvalue(), err.getvalue()

    @pytest.mark.parametrize("template", MAX_ARGUMENTS_COMMANDS, ids=" ".join)
    def test_below_the_header_count(self, five, template):
        status, _, err = self.run(template, five, "--max-arguments", "4")
        assert status == 1
        message = (
            "f.i23: error: line 1: the framework declares 5 arguments, more than max_arguments=4; "
            "pass max_arguments= (or --max-arguments) to raise the limit"
        )
        lines = err.splitlines()
        assert lines[0] == message and "internal error" not in err
        assert all(line == message for line in lines if line.startswith("f.i23"))
        assert not Path("out.apx").exists() and not Path("out.dot").exists() and not Path("out.html").exists()

    @pytest.mark.parametrize("template", MAX_ARGUMENTS_COMMANDS, ids=" ".join)
    def test_at_or_above_it(self, five, template):
        for n in ("5", "6"):
            status, _, err = self.run(template, five, "--max-arguments", n)
            assert status == 0, err
        status, _, _ = self.run(template, five)  # the default: a million
        assert status == 0

    def test_standard_input(self, five, monkeypatch):
        import io

        for n, status in (("4", 1), ("5", 0)):
            monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"p af 5\n1 2\n")))
            got, _out, err = self.run(["show", "-", "--from", "i23"], "", "--max-arguments", n)
            assert got == status, err
            assert status == 0 or err.startswith("<stdin>: error: line 1: the framework declares 5 arguments")

    @pytest.mark.parametrize("bad", ["0", "-1", "x", "1.5"])
    def test_a_positive_whole_number(self, five, bad, capsys):
        status, _, err = self.run(["check", "{}"], five, "--max-arguments", bad)
        assert status == 2 and "argument --max-arguments: expected a positive whole number" in err

    def test_the_help_names_the_default(self, capsys):
        from argmap.cli import main

        assert main(["check", "--help"]) == 0
        assert "1,000,000" in " ".join(capsys.readouterr().out.split())

    def test_other_formats_are_untouched(self, five):
        Path("f.apx").write_text("arg(a). arg(b). att(a,b).", encoding="utf-8")
        assert self.run(["check", "{}"], "f.apx", "--max-arguments", "1")[0] == 0


# --------------------------------------------------------------------------
# Writing


class TestWrite:
    def test_a_map_becomes_its_framework(self):
        b = argmap.MapBuilder()
        t = b.claim("Tweety flies", id="t")
        r = b.support(t, "Tweety is a bird", id="r")
        b.undercut(r, "Tweety is a penguin", id="u")
        b.attack(t, "Tweety is a toy", id="r2")
        with pytest.warns(LossyConversionWarning) as w:
            text = iccma.dumps(b.build())
        assert text == "arg(t).\narg(c1).\narg(c2).\narg(c3).\natt(c3,t).\n"
        assert "1 support relation(s)" in str(w[0].message) and "claim texts" in str(w[0].message)

    def test_invalid_names_are_renamed(self):
        m = ArgumentMap(
            [Claim("a b", "x"), Claim("a1", "y"), Claim("#c", "z")], [Relation("r", Kind.ATTACK, ["a b"], "#c")]
        )
        with pytest.warns(
            LossyConversionWarning, match=r"ids that are not apx names \(written 'a b' as a1_, '#c' as a3\)"
        ):
            assert quiet_dumps(m, "apx") == iccma.dumps(m) == "arg(a1_).\narg(a1).\narg(a3).\natt(a1_,a3).\n"
        assert quiet_dumps(m, "tgf") == "a1_\na1\na3\n#\na1_ a3\n"
        assert quiet_dumps(m, "i23") == "p af 3\n1 3\n"

    def test_tgf_names_may_hold_punctuation(self):
        m = iccma.loads("x(1),y.\n#\nx(1),y. x(1),y.\n", dialect="tgf")
        assert iccma.dumps(m, dialect="tgf") == "x(1),y.\n#\nx(1),y. x(1),y.\n"

    def test_table_writes(self):
        m = iccma.loads("arg(a).")
        with pytest.warns(LossyConversionWarning, match=r"ids that are not i23 names \(written 'a' as 1\)"):
            assert argmap.dumps(m, format="i23") == "p af 1\n"


names = st.text(alphabet="abcxyz_019", min_size=1, max_size=4)


@st.composite
def frameworks(draw, max_args=8):
    args = draw(st.lists(names, max_size=max_args, unique=True))
    if not args:
        return [], []
    atts = draw(st.lists(st.tuples(st.sampled_from(args), st.sampled_from(args)), max_size=3 * len(args), unique=True))
    return args, atts


def as_text(args, atts, dialect):
    if dialect == "apx":
        return "".join(f"arg({a}).\n" for a in args) + "".join(f"att({a},{b}).\n" for a, b in atts)
    return "".join(f"{a}\n" for a in args) + "#\n" + "".join(f"{a} {b}\n" for a, b in atts)


class TestProperties:
    @pytest.mark.parametrize("dialect", ["apx", "tgf"])
    @given(af=frameworks())
    def test_round_trip(self, dialect, af):
        args, atts = af
        text = as_text(args, atts, dialect)
        m = iccma.loads(text, dialect=dialect)
        assert [c.id for c in m.claims] == args and pairs(m) == atts
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            assert iccma.dumps(m, dialect=dialect) == text
        assert iccma.loads(iccma.dumps(m, dialect=dialect), dialect=dialect) == m

    @given(af=frameworks())
    def test_i23_round_trip(self, af):
        args, atts = af
        number = {a: str(i) for i, a in enumerate(args, 1)}
        text = f"p af {len(args)}\n" + "".join(f"{number[a]} {number[b]}\n" for a, b in atts)
        m = iccma.loads(text, dialect="i23")
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            assert iccma.dumps(m, dialect="i23") == text

    @pytest.mark.parametrize("dialect", iccma.DIALECTS)
    @given(m=argument_maps(max_claims=8, cycles=True))
    def test_any_map_writes_its_framework(self, dialect, m):
        back = iccma.loads(quiet_dumps(m, dialect), dialect=dialect)
        f = framework(m)
        assert len(back.claims) == len(f.arguments)
        rename = dict(zip(f.arguments, (c.id for c in back.claims)))
        assert set(pairs(back)) == {(rename[a], rename[b]) for a, b in f.attacks}

    @given(af=frameworks(max_args=7))
    def test_semantics_with_self_attacks_match_a_reference(self, af):
        args, atts = af
        ref = None
        for fn in REFERENCES.values():
            try:
                fn(["a"], [], "grounded")
            except ImportError:
                continue
            ref = fn
            break
        if ref is None or not args:
            return
        f = framework(iccma.loads(as_text(args, atts, "apx")))
        for sem in ("grounded", "preferred", "stable"):
            assert set(extensions(f, sem)) == ref(args, atts, sem), sem


# --------------------------------------------------------------------------
# The probo examples and their reference answers


def answers(path: Path) -> set[frozenset[str]]:
    text = path.read_text().strip()
    return {frozenset(x for x in ext.split(",") if x) for ext in re.findall(r"\[([^\[\]]*)\]", text[1:-1])}


@pytest.mark.skipif(not CORPUS_FILES, reason="../shared/corpora/iccma/probo is not there")
@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.name)
def test_probo_examples(path):
    m = argmap.load(path)
    f = framework(m)
    apx = path.with_suffix(".apx")
    for code, sem in SEMANTICS.items():
        expected = answers(CORPUS / "solutions" / f"{apx.name}.EE-{code}")
        assert set(extensions(f, sem)) == expected, sem
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert argmap.loads(argmap.dumps(m, format=path.suffix[1:]), format=path.suffix[1:]) == m
