"""Worked examples from the literature, with the numbers their sources print.

Every expected value below was read in a source named next to it: the paper's
own text where it could be read (quoted in a public formalisation or test
suite), otherwise a public repository that reproduces the paper's example
(cited with its path), or the output that the semantics' author's reference
implementation prints.  None was computed by argmap.  Tolerances follow the
printed precision: ``abs=0.0005`` for three decimals, ``abs=0.005`` for two
decimals or for an iteration stopped at a change of 1e-3, ``abs=1e-9`` for
full floats.

Sources read for these tests (public GitHub index):

* apy05/Abstract_Argumentation, ``Dung95_egs.py``: the frameworks of Dung
  1995's Section 2 examples, with page and example numbers.
* cbenzmueller/LogiKEy, ``AbstractArgumentation/simplified/model-generation.thy``
  (Fuenmayor and Steen's Isabelle/HOL formalisation): the frameworks of
  Figures 4-6 of Baroni, Caminada and Giacomin 2011, and the extensions and
  labellings that the paper gives for them, with page numbers.
* ctoth/argumentation, ``tests/core/test_dung.py`` (``TestIdealConcrete``):
  the two examples of Dung, Mancarella and Toni 2007, "grounded in page-image
  page 4" (and 4-5) of the paper.
* nicopotyka/Uncertainpy (Potyka's library): ``examples/gradual/BAG/
  RagoEtAlEDemocracy.bag``, ``examples/example.bag`` and the printed outputs of
  ``examples/gradual/gradual_argumentation_examples.ipynb`` and
  ``examples/argumentation_examples.ipynb``.
* kcyras/QDT ``exampleQDT.ipynb`` and TimKam/Quantitative-Bipolar-Argumentation
  ``examples/examples.ipynb``: one QBAG under the quadratic-energy semantics.
* masterdcups/M2DC-Argumentation ``evaluation/evaluation.py`` and
  ``evaluation/README.md``: the example graph of Amgoud and Ben-Naim (IJCAI
  2018, page 5) under the Euler-based semantics.

QuAD (Baroni, Romano, Toni, Aurisicchio and Bertanza 2015) has no published
number in these sources; its formulas are pinned in tests/test_gradual.py.
"""

from __future__ import annotations

import itertools

import pytest

from argmap.semantics import (
    QBAF,
    Framework,
    extensions,
    is_admissible,
    is_conflict_free,
    labellings,
    strengths,
)


def ext(f, sem):
    return {frozenset(e) for e in extensions(f, sem)}


def sets(*members):
    return {frozenset(m) for m in members}


def subsets(f):
    args = f.arguments
    return [frozenset(c) for r in range(len(args) + 1) for c in itertools.combinations(args, r)]


def labs(*rows):
    """Labellings written as 'A B C D' label strings in argument order."""
    return [dict(zip(keys, row.split())) for keys, row in rows]


# ---------------------------------------------------------------------------
# Dung 1995, "On the acceptability of arguments and its fundamental role in
# nonmonotonic reasoning, logic programming and n-person games", Artificial
# Intelligence 77(2), 321-357.


class TestDung1995:
    def test_war_example_one_preferred_extension(self):
        """Dung 1995, p. 326 (Example 3): I and A argue; AR = {i1, i2, a},
        attacks = {(i1, a), (a, i1), (i2, a)}.  p. 327 (Example 8): "AF has
        exactly one preferred extension E = {i1, i2}".  p. 329 (Example 21):
        iterating the characteristic function from the empty set,
        F(∅) = {i2}, F²(∅) = {i1, i2}, the grounded extension.

        Framework and page/example numbers: apy05/Abstract_Argumentation,
        Dung95_egs.py.  The quoted sentence is reproduced verbatim in an
        Isabelle/HOL theory ``examples`` of Fuenmayor and Steen's
        formalisation (locale ``War_Example``); the F iteration is quoted in a
        Rust test suite's "Fixture 10: Dung 1995 Example 2".
        """
        f = Framework(["i1", "i2", "a"], [("i1", "a"), ("a", "i1"), ("i2", "a")])
        assert ext(f, "preferred") == sets({"i1", "i2"})
        assert ext(f, "grounded") == sets({"i1", "i2"})

    def test_nixon_diamond(self):
        """Dung 1995, p. 327 (Example 9): the Nixon diamond AR = {A, B},
        attacks = {(A, B), (B, A)} "has two preferred extensions"; p. 329
        (Example 22): its grounded extension is empty.  At p. 330
        (Theorem 25(1), every preferred extension is complete but not vice
        versa) Dung95_egs.py notes that the empty set is complete and not
        preferred.

        Sources: apy05/Abstract_Argumentation, Dung95_egs.py (page and example
        numbers, the note at p. 330); the quoted sentence in Fuenmayor and
        Steen's Isabelle theory ``examples`` (locale ``Nixon_Example``).
        """
        f = Framework(["A", "B"], [("A", "B"), ("B", "A")])
        assert ext(f, "preferred") == sets({"A"}, {"B"})
        assert ext(f, "grounded") == sets(set())
        complete = ext(f, "complete")
        assert frozenset() in complete and frozenset() not in ext(f, "preferred")

    def test_self_attacking_argument(self):
        """Dung 1995, p. 331 (coherent frameworks, each preferred extension
        stable): the framework of one self-attacking argument is not coherent.
        apy05/Abstract_Argumentation, Dung95_egs.py ("p331 Coherent AFs")
        notes "there are no stable extensions" and "the empty set is preferred
        but not stable".
        """
        f = Framework(["a"], [("a", "a")])
        assert ext(f, "preferred") == sets(set())
        assert ext(f, "stable") == set()


# ---------------------------------------------------------------------------
# Baroni, Caminada and Giacomin 2011, "An introduction to argumentation
# semantics", The Knowledge Engineering Review 26(4), 365-410.  Frameworks,
# extensions, labellings and page numbers as transcribed in
# cbenzmueller/LogiKEy, AbstractArgumentation/simplified/model-generation.thy
# (locales ExFig4, ExFig5, ExFig6; "[BG2011]" there is this paper).


class TestBaroniCaminadaGiacomin2011:
    def test_figure_4(self):
        """Figure 4: A → B → C ⇄ D."""
        f = Framework("ABCD", [("A", "B"), ("B", "C"), ("C", "D"), ("D", "C")])
        order = tuple("ABCD")
        # p. 8: the 8 conflict-free sets and the 5 admissible sets.
        assert {s for s in subsets(f) if is_conflict_free(f, s)} == sets(set(), "A", "B", "C", "D", "AC", "AD", "BD")
        assert {s for s in subsets(f) if is_admissible(f, s)} == sets(set(), "A", "D", "AC", "AD")
        # p. 10: three complete extensions and their labellings; the grounded one.
        assert ext(f, "complete") == sets("A", "AC", "AD")
        assert sorted(labellings(f, "complete"), key=str) == sorted(
            labs(
                (order, "in out in out"),
                (order, "in out out in"),
                (order, "in out undec undec"),
            ),
            key=str,
        )
        assert ext(f, "grounded") == sets("A")
        assert labellings(f, "grounded") == labs((order, "in out undec undec"))
        # p. 12: two preferred extensions and labellings.
        assert ext(f, "preferred") == sets("AC", "AD")
        assert sorted(labellings(f, "preferred"), key=str) == sorted(
            labs((order, "in out in out"), (order, "in out out in")), key=str
        )
        # Stable and semi-stable: "exactly the two (preferred) extensions".
        assert ext(f, "stable") == sets("AC", "AD") == ext(f, "semi-stable")
        # p. 18: the ideal extension is the grounded one, {A}.
        assert ext(f, "ideal") == sets("A")

    def test_figure_5(self):
        """Figure 5: A ⇄ B, both attacking C, C → D."""
        f = Framework("ABCD", [("A", "B"), ("B", "A"), ("A", "C"), ("B", "C"), ("C", "D")])
        order = tuple("ABCD")
        # p. 8: the 5 admissible sets.
        assert {s for s in subsets(f) if is_admissible(f, s)} == sets(set(), "A", "B", "AD", "BD")
        # p. 10: three complete extensions and their labellings; grounded is empty.
        assert ext(f, "complete") == sets(set(), "AD", "BD")
        assert sorted(labellings(f, "complete"), key=str) == sorted(
            labs(
                (order, "in out out in"),
                (order, "out in out in"),
                (order, "undec undec undec undec"),
            ),
            key=str,
        )
        assert ext(f, "grounded") == sets(set())
        # p. 12: two preferred extensions and labellings.
        assert ext(f, "preferred") == sets("AD", "BD")
        assert sorted(labellings(f, "preferred"), key=str) == sorted(
            labs((order, "in out out in"), (order, "out in out in")), key=str
        )
        # Ideal "coincides with the grounded extension (empty)"; two stable and
        # two semi-stable extensions are given, which (stable and semi-stable
        # extensions being preferred) are the two preferred ones.
        assert ext(f, "ideal") == sets(set())
        assert ext(f, "stable") == sets("AD", "BD") == ext(f, "semi-stable")

    def test_figure_6(self):
        """Figure 6: the odd cycle A → B → C → A: only the empty set is
        admissible; it is the one complete, grounded, preferred and
        semi-stable extension (all arguments undecided); there is no stable
        extension."""
        f = Framework("ABC", [("A", "B"), ("B", "C"), ("C", "A")])
        assert {s for s in subsets(f) if is_admissible(f, s)} == sets(set())
        for sem in ("complete", "grounded", "preferred", "semi-stable"):
            assert ext(f, sem) == sets(set()), sem
        assert labellings(f, "complete") == [{"A": "undec", "B": "undec", "C": "undec"}]
        assert ext(f, "stable") == set()


# ---------------------------------------------------------------------------
# Dung, Mancarella and Toni 2007, "Computing ideal sceptical argumentation",
# Artificial Intelligence 171(10-15), 642-674.  As pinned in
# ctoth/argumentation, tests/core/test_dung.py (TestIdealConcrete), "grounded
# in Dung, Mancarella, Toni 2007 page-image page 4" and "pages 4-5".


class TestDungMancarellaToni2007:
    def test_ideal_larger_than_grounded(self):
        """p. 4: a attacks itself and b, b attacks a, c ⇄ d: grounded ∅,
        preferred {b, c} and {b, d}, ideal {b}."""
        f = Framework("abcd", [("a", "a"), ("a", "b"), ("b", "a"), ("c", "d"), ("d", "c")])
        assert ext(f, "grounded") == sets(set())
        assert ext(f, "preferred") == sets("bc", "bd")
        assert ext(f, "ideal") == sets("b")

    def test_ideal_smaller_than_preferred_intersection(self):
        """pp. 4-5: as above, with c and d both attacking e, e attacking f:
        preferred {b, c, f} and {b, d, f}, whose intersection {b, f} is not
        admissible; the ideal extension is {b}."""
        f = Framework(
            "abcdef",
            [("a", "a"), ("a", "b"), ("b", "a"), ("c", "d"), ("d", "c"), ("c", "e"), ("d", "e"), ("e", "f")],
        )
        assert ext(f, "preferred") == sets("bcf", "bdf")
        assert ext(f, "ideal") == sets("b")


# ---------------------------------------------------------------------------
# Gradual semantics.


class TestDFQuAD:
    def test_rago_2016_e_democracy(self):
        """Rago, Toni, Aurisicchio and Baroni 2016 (KR), the e-democracy
        QuAD framework: answers A1, A2 (base 0.5), pros P1 0.7 and P2 0.5 of
        A1, P3 0.9 of A2, con C1 0.2 of A2, cons C2 0.2, C3 0.6, C4 0.5 of P2.

        Structure and base scores: nicopotyka/Uncertainpy,
        examples/gradual/BAG/RagoEtAlEDemocracy.bag.  Strengths: the
        "Computation via Forward Propagation" cell of
        examples/gradual/gradual_argumentation_examples.ipynb, which evaluates
        that file with ProductAggregation and LinearInfluence(conservativeness=1),
        DF-QuAD's modular decomposition (Potyka 2019, AAMAS): it prints
        A1 0.862, A2 0.8500000000000001, P2 0.08000000000000002, the other
        arguments at their base scores.  (The numbers were not read in the KR
        paper itself.)
        """
        q = QBAF(
            {"A1": 0.5, "A2": 0.5, "P1": 0.7, "P2": 0.5, "P3": 0.9, "C1": 0.2, "C2": 0.2, "C3": 0.6, "C4": 0.5},
            attacks=[("C1", "A2"), ("C2", "P2"), ("C3", "P2"), ("C4", "P2")],
            supports=[("P1", "A1"), ("P2", "A1"), ("P3", "A2")],
        )
        expected = {
            "A1": 0.862,
            "A2": 0.85,
            "P1": 0.7,
            "P2": 0.08,
            "P3": 0.9,
            "C1": 0.2,
            "C2": 0.2,
            "C3": 0.6,
            "C4": 0.5,
        }
        assert strengths(q, "df-quad") == pytest.approx(expected, abs=1e-9)

    def test_rago_2016_e_democracy_continuous(self):
        """The same notebook's "Iterative computation" cell solves the same
        BAG with the continuous (RK4, step 0.1, stop at a change below 1e-3)
        DF-QuAD model and prints A1 0.8620500122573919, A2 0.84921499196052,
        P2 0.08094200964737629: the limit is DF-QuAD's strength, to the
        iteration's precision."""
        q = QBAF(
            {"A1": 0.5, "A2": 0.5, "P1": 0.7, "P2": 0.5, "P3": 0.9, "C1": 0.2, "C2": 0.2, "C3": 0.6, "C4": 0.5},
            attacks=[("C1", "A2"), ("C2", "P2"), ("C3", "P2"), ("C4", "P2")],
            supports=[("P1", "A1"), ("P2", "A1"), ("P3", "A2")],
        )
        s = strengths(q, "df-quad")
        assert s["A1"] == pytest.approx(0.8620500122573919, abs=0.005)
        assert s["A2"] == pytest.approx(0.84921499196052, abs=0.005)
        assert s["P2"] == pytest.approx(0.08094200964737629, abs=0.005)


class TestQuadraticEnergy:
    def test_example_4_1_acyclic(self):
        """A QBAG with a (0.5), b (0.2), c (0.85), d (0.65), e (0.4), f (1):
        b and d support a, c attacks a, e attacks b and supports c, f attacks c.

        kcyras/QDT, exampleQDT.ipynb, "Example 4.1", gives the quadratic-energy
        strengths in bold: a 0.519, b 0.172, c 0.625, d 0.65, e 0.4, f 1.
        TimKam/Quantitative-Bipolar-Argumentation (QBAF-Py, T. Kampik),
        examples/examples.ipynb, evaluates the same QBAG with
        semantics="QuadraticEnergy_model" and prints {'e': 0.4,
        'b': 0.1724137931034483, 'f': 1.0, 'd': 0.65, 'c': 0.625,
        'a': 0.5187551724162596}.  Neither names the paper of Example 4.1.
        """
        q = QBAF(
            {"a": 0.5, "b": 0.2, "c": 0.85, "d": 0.65, "e": 0.4, "f": 1.0},
            attacks=[("c", "a"), ("e", "b"), ("f", "c")],
            supports=[("b", "a"), ("d", "a"), ("e", "c")],
        )
        s = strengths(q, "quadratic-energy")
        assert s == pytest.approx({"a": 0.519, "b": 0.172, "c": 0.625, "d": 0.65, "e": 0.4, "f": 1.0}, abs=0.0005)
        qbaf_py = {"e": 0.4, "b": 0.1724137931034483, "f": 1.0, "d": 0.65, "c": 0.625, "a": 0.5187551724162596}
        assert s == pytest.approx(qbaf_py, abs=1e-9)

    def test_potyka_stock_example_cyclic(self):
        """Potyka's stock example, a cyclic BAG: Buy and Sell (0.5) attack
        each other; 1 (0.8) supports Sell; 2 (0.7) supports Buy and attacks 1;
        3 (0.3) attacks 2; 4 (0.9) attacks 3 and supports 2; 5 (0.9) attacks 1
        and supports Buy.

        Structure: nicopotyka/Uncertainpy, examples/example.bag.  Strengths:
        the "Stock example" cell of examples/argumentation_examples.ipynb (and
        of examples/gradual/gradual_argumentation_examples.ipynb), the
        quadratic-energy model solved by RK4 (step 0.1, stopped when the last
        change was 0.00098): Buy 0.8208178793031596, Sell 0.36345378093100583,
        1 0.20494963930535626, 2 0.8050136080030856, 3 0.165776045953347,
        4 0.9, 5 0.9.  The notebook's base scores, printed with each
        argument, are the file's.  argmap iterates the discrete update to its
        fixed point, which is the continuous model's equilibrium; the
        tolerance is the RK4 run's stopping precision.
        """
        q = QBAF(
            {"Buy": 0.5, "Sell": 0.5, "1": 0.8, "2": 0.7, "3": 0.3, "4": 0.9, "5": 0.9},
            attacks=[("Buy", "Sell"), ("Sell", "Buy"), ("2", "1"), ("3", "2"), ("4", "3"), ("5", "1")],
            supports=[("1", "Sell"), ("2", "Buy"), ("4", "2"), ("5", "Buy")],
        )
        expected = {
            "Buy": 0.8208178793031596,
            "Sell": 0.36345378093100583,
            "1": 0.20494963930535626,
            "2": 0.8050136080030856,
            "3": 0.165776045953347,
            "4": 0.9,
            "5": 0.9,
        }
        assert strengths(q, "quadratic-energy", tol=1e-12) == pytest.approx(expected, abs=0.005)


class TestEuler:
    def test_amgoud_ben_naim_2018_page_5_graph(self):
        """Amgoud and Ben-Naim 2018, "Weighted Bipolar Argumentation Graphs:
        Axioms and Semantics" (IJCAI), the example graph of page 5: a, b, c
        (0.6), d (0.22), e, f (0.4), g (0), h (0.99), i (0.1), j (0.99); d
        attacks a and b, e attacks b and c, f attacks c, g attacks e, h attacks
        f; i supports a, b and c, j supports i.

        Graph: masterdcups/M2DC-Argumentation, evaluation/evaluation.py
        (sample_graph, "the graph from the 5th page").  Strengths: that
        repository's evaluation/README.md, which prints the Euler-based
        evaluation to two decimals.  These are an independent
        implementation's numbers; the paper's text was not read.
        """
        q = QBAF(
            {"a": 0.6, "b": 0.6, "c": 0.6, "d": 0.22, "e": 0.4, "f": 0.4, "g": 0.0, "h": 0.99, "i": 0.1, "j": 0.99},
            attacks=[("d", "a"), ("d", "b"), ("e", "b"), ("e", "c"), ("f", "c"), ("g", "e"), ("h", "f")],
            supports=[("i", "a"), ("i", "b"), ("i", "c"), ("j", "i")],
        )
        expected = {
            "j": 0.99,
            "i": 0.22,
            "h": 0.99,
            "f": 0.27,
            "g": 0.00,
            "e": 0.40,
            "c": 0.54,
            "d": 0.22,
            "b": 0.54,
            "a": 0.60,
        }
        assert strengths(q, "euler") == pytest.approx(expected, abs=0.005)
