"""The clingo back-end of Dung semantics: the same extensions as the built-in
search, and clear errors when clingo or a back-end name is missing."""

from __future__ import annotations

import sys

import pytest

pytest.importorskip("clingo")

from hypothesis import given
from test_dung import brute_force, frameworks, random_frameworks

from argmap.errors import MissingDependencyError
from argmap.semantics import (
    DUNG_SEMANTICS,
    Framework,
    SemanticsError,
    asp,
    extensions,
)
from argmap.semantics.dung import (
    AUTO_DENSITY,
    AUTO_UNDECIDED,
    AUTO_UNDECIDED_STABLE,
    BACKENDS,
    _backend,
)

CASES = {
    "empty": Framework([]),
    "self-attack": Framework(["a"], [("a", "a")]),
    "odd cycle": Framework("abc", [("a", "b"), ("b", "c"), ("c", "a")]),
    "even cycle": Framework("abcd", [("a", "b"), ("b", "c"), ("c", "d"), ("d", "a")]),
    # an odd cycle, and a self-attacker that only one of it attacks
    "no stable": Framework("abcd", [("a", "b"), ("b", "c"), ("c", "a"), ("d", "d"), ("a", "d")]),
    "no attacks": Framework(["x", "y", "z"]),
    "ints": Framework(range(5), [(0, 1), (1, 0), (1, 2), (2, 3), (3, 4), (4, 2)]),
    "tuples": Framework(
        [(1, "p"), (2, "q"), ("r",), 3.5, None],
        [((1, "p"), (2, "q")), ((2, "q"), (1, "p")), ((2, "q"), ("r",)), (("r",), ("r",)), (None, 3.5)],
    ),
    "semi-stable differs": Framework("abc", [("a", "b"), ("b", "a"), ("b", "c"), ("c", "c")]),
    "ideal beyond grounded": Framework("ab", [("a", "b"), ("b", "a"), ("b", "b")]),
}


def same(f: Framework, sem: str) -> list[frozenset]:
    ours = extensions(f, sem, backend="clingo")
    assert ours == extensions(f, sem, backend="python"), (f, sem)
    return ours


@pytest.mark.parametrize("sem", DUNG_SEMANTICS)
@pytest.mark.parametrize("name", sorted(CASES))
def test_hand_made(name, sem):
    same(CASES[name], sem)


def test_hand_made_values():
    # The comparisons above can only pass vacuously if both back-ends are
    # wrong the same way: pin some values.
    assert same(CASES["empty"], "stable") == [frozenset()]
    assert same(CASES["self-attack"], "stable") == []
    assert same(CASES["self-attack"], "preferred") == [frozenset()]
    assert same(CASES["odd cycle"], "stable") == []
    assert same(CASES["no stable"], "stable") == []
    assert same(CASES["even cycle"], "preferred") == [frozenset("ac"), frozenset("bd")]
    assert same(CASES["even cycle"], "complete") == [frozenset(), frozenset("ac"), frozenset("bd")]
    assert same(CASES["no attacks"], "grounded") == [frozenset("xyz")]
    assert same(CASES["ints"], "preferred") == [frozenset({0}), frozenset({1, 3})]
    assert same(CASES["tuples"], "grounded") == [frozenset({None})]
    assert same(CASES["tuples"], "stable") == [frozenset({(2, "q"), None})]
    assert same(CASES["semi-stable differs"], "semi-stable") == [frozenset("b")]
    assert same(CASES["ideal beyond grounded"], "ideal") == [frozenset("a")]


def test_against_brute_force():
    for args, atts in random_frameworks(60, max_args=7, seed=11):
        f = Framework(args, atts)
        for sem in DUNG_SEMANTICS:
            assert set(extensions(f, sem, backend="clingo")) == brute_force(f, sem), (f, sem)


@given(frameworks(max_args=12))
def test_same_as_python(f):
    for sem in DUNG_SEMANTICS:
        same(f, sem)


def test_large_grounded_chain():
    n = 20_000
    f = Framework(range(n), [(i, i + 1) for i in range(n - 1)])
    assert extensions(f, "grounded", backend="clingo") == [frozenset(range(0, n, 2))]


def test_silent(capfd):
    # No attacks: clingo would warn that att/2 occurs in no rule head.
    for sem in DUNG_SEMANTICS:
        assert extensions(Framework("ab"), sem, backend="clingo") == [frozenset("ab")]
    out, err = capfd.readouterr()
    assert out == err == ""


def test_available():
    assert asp.available() is True
    asp.require()


def test_unknown_backend():
    with pytest.raises(SemanticsError, match="unknown backend 'nope'") as e:
        extensions(Framework("a"), "grounded", backend="nope")
    for b in BACKENDS:
        assert repr(b) in str(e.value)


def test_clingo_missing(monkeypatch):
    monkeypatch.setitem(sys.modules, "clingo", None)  # import clingo raises ImportError
    assert asp.available() is False
    with pytest.raises(MissingDependencyError, match=r"pip install 'argmap\[clingo\]'"):
        asp.require()
    with pytest.raises(MissingDependencyError, match='backend "clingo" needs the optional package'):
        extensions(Framework("ab", [("a", "b")]), "preferred", backend="clingo")
    # The built-in search does not need it.
    assert extensions(Framework("ab", [("a", "b")]), "preferred", backend="python") == [frozenset("a")]


def test_evaluate_and_explain_take_a_backend():
    from test_sensitivity import tea

    from argmap.semantics import evaluate, explain

    m = tea()
    for sem in ("preferred", "grounded", "ideal"):
        python = evaluate(m, sem, backend="python")
        assert evaluate(m, sem, backend="clingo") == python and set(python.values()) <= {"in", "out", "undec"}
        assert explain(m, sem, backend="clingo") == explain(m, sem, backend="python")
    with pytest.raises(SemanticsError, match="unknown backend 'nope'"):
        evaluate(m, "df-quad", backend="nope")


# --------------------------------------------------------------------------
# backend="auto": clingo where the grounded labelling leaves many arguments
# undecided, the Python search everywhere else.


def _even_cycle(n: int) -> Framework:
    args = [f"a{i}" for i in range(n)]
    return Framework(args, [(args[i], args[(i + 1) % n]) for i in range(n)])


def _tree(n: int) -> Framework:
    args = [f"a{i}" for i in range(n)]
    return Framework(args, [(args[i], args[(i - 1) // 2]) for i in range(1, n)])


def _spy(monkeypatch) -> list:
    calls = []
    real = asp.extensions

    def spy(f, semantics, **options):
        calls.append(semantics)
        return real(f, semantics, **options)

    monkeypatch.setattr(asp, "extensions", spy)
    return calls


@pytest.mark.parametrize("sem", ["preferred", "stable", "complete", "semi-stable"])
def test_auto_hands_undecided_frameworks_to_clingo(monkeypatch, sem):
    # The grounded labelling decides nothing.
    f = _even_cycle(AUTO_UNDECIDED_STABLE if sem == "stable" else AUTO_UNDECIDED)
    expected = extensions(f, sem, backend="python") if sem != "complete" else None
    calls = _spy(monkeypatch)
    got = extensions(f, sem)
    assert calls == [sem]
    if expected is not None:
        assert got == expected


def test_auto_keeps_python_below_the_threshold(monkeypatch):
    calls = _spy(monkeypatch)
    for f in (_even_cycle(AUTO_UNDECIDED - 2), _tree(5_000)):
        for sem in ("preferred", "stable", "semi-stable", "ideal"):
            assert extensions(f, sem) == extensions(f, sem, backend="python")
    assert extensions(_even_cycle(AUTO_UNDECIDED), "grounded") == [frozenset()]
    # Ideal needs no enumeration in Python, where clingo enumerates the
    # preferred extensions: Python at every size.
    assert extensions(_even_cycle(AUTO_UNDECIDED), "ideal") == [frozenset()]
    assert _backend(_even_cycle(AUTO_UNDECIDED), "ideal", "auto") == "python"
    assert calls == []
    # Stable search propagates more: it keeps larger undecided parts.
    assert AUTO_UNDECIDED < AUTO_UNDECIDED_STABLE
    assert _backend(_even_cycle(AUTO_UNDECIDED), "stable", "auto") == "python"
    assert _backend(_even_cycle(AUTO_UNDECIDED), "preferred", "auto") == "clingo"
    assert _backend(_even_cycle(AUTO_UNDECIDED_STABLE), "stable", "auto") == "clingo"


def test_auto_falls_back_to_python_without_clingo(monkeypatch):
    calls = _spy(monkeypatch)
    monkeypatch.setitem(sys.modules, "clingo", None)
    f = _even_cycle(AUTO_UNDECIDED_STABLE)
    assert extensions(f, "stable") == extensions(f, "stable", backend="python")
    assert len(extensions(f, "stable")) == 2
    assert calls == []


def test_auto_keeps_dense_undecided_frameworks_in_python():
    # Each argument attacks the next AUTO_DENSITY ones round a circle: all
    # undecided, and dense enough for the search to propagate well.
    n = AUTO_UNDECIDED
    args = [f"a{i}" for i in range(n)]
    dense = Framework(args, [(args[i], args[(i + k) % n]) for i in range(n) for k in range(1, AUTO_DENSITY + 1)])
    sparse = Framework(args, [(args[i], args[(i + k) % n]) for i in range(n) for k in range(1, AUTO_DENSITY)])
    assert _backend(dense, "preferred", "auto") == "python"
    assert _backend(sparse, "preferred", "auto") == "clingo"
    assert _backend(sparse, "grounded", "auto") == "python"


@pytest.mark.parametrize("sem", ["stable", "preferred", "complete", "semi-stable", "ideal"])
def test_clingo_keeps_the_limits(sem):
    pytest.importorskip("clingo")
    from test_dung import limited_count, pairs

    from argmap.semantics import SemanticsLimitError

    f = pairs(3)
    # (clingo computes ideal from the preferred extensions, and counts them)
    count = limited_count(f, "preferred" if sem == "ideal" else sem)
    assert extensions(f, sem, backend="clingo", max_extensions=count) == extensions(f, sem, backend="python")
    with pytest.raises(SemanticsLimitError, match=f"more than {count - 1} "):
        extensions(f, sem, backend="clingo", max_extensions=count - 1)
    with pytest.raises(SemanticsLimitError) as e:  # 2 ** 20: before, clingo enumerated them all
        extensions(pairs(20), sem, backend="clingo")
    assert e.value.limit == "max_extensions"
    with pytest.raises(SemanticsLimitError) as e:
        extensions(pairs(400), sem, backend="clingo", max_extensions=10**9, timeout=0.2)
    assert e.value.limit == "timeout"
