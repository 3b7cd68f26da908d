"""Dung extensions by answer-set programming: the ``"clingo"`` back-end.

``extensions(f, semantics, backend="clingo")`` in :mod:`argmap.semantics.dung`
lands here.  It needs the optional `clingo <https://potassco.org/clingo/>`_
package (``pip install 'argmap[clingo]'``); :func:`require` raises a
:class:`~argmap.errors.MissingDependencyError` that says so when it is
missing, and :func:`available` tells without raising.

The framework is handed to clingo as facts over the arguments' positions
(``arg(0..n-1).``, one ``att(i,j).`` per attack, all in one string), so any
hashable argument works; the answer sets are mapped back to the arguments.
The encodings are ASPARTIX's (Egly, Gaggl and Woltran 2010; the
domain-heuristic preferred encoding of Dvořák, Gaggl, Wallner and Woltran
2013), guessing for each argument ``in`` or ``out`` (not in)::

    in(X) :- not out(X), arg(X).
    out(X) :- not in(X), arg(X).
    :- in(X), in(Y), att(X,Y).                    % conflict-free
    defeated(X) :- in(Y), att(Y,X).

* ``stable``: ``:- out(X), not defeated(X).``, every answer set;
* ``complete``: an ``in`` argument is defended, a defended one is ``in``::

      undefended(X) :- att(Y,X), not defeated(Y).
      :- in(X), undefended(X).
      :- out(X), not undefended(X).

  every answer set;
* ``preferred``: the complete encoding with ``#heuristic in(X) : arg(X).
  [1,true]`` under ``--heuristic=Domain --enum-mode=domRec``, which
  enumerates exactly the answer sets whose ``in`` atoms are subset-maximal;
* ``semi-stable``: the preferred extensions (from clingo) whose range (the
  extension and what it attacks) is subset-maximal among them, filtered
  here; every semi-stable extension is preferred, and a preferred one with
  a maximal range among the preferred ones has a maximal one among all the
  complete ones;
* ``ideal``: the largest admissible subset of the intersection of the
  preferred extensions (from clingo), as :mod:`~argmap.semantics.dung` does;
* ``grounded``: the one answer set (the least model) of a positive program,
  with nothing to guess::

      defeated(X) :- in(Y), att(Y,X).
      in(X) :- arg(X), defeated(Y) : att(Y,X).

When to prefer it: what decides is how many arguments the grounded
labelling leaves undecided, and how densely they attack each other, not the
size of the framework.  The built-in search starts from the grounded
labelling, so where that decides (nearly) everything, as in most argument
maps, it answers in about linear time while clingo still has to start,
ground and solve (3.5-13x slower on tree-shaped frameworks of 1,000 to
10,000 arguments); the grounded extension itself is always faster in
Python.  Where about 200 or more arguments are left undecided and they
attack each other sparsely, the search, which has no clause learning, grows
exponentially and clingo wins, by 2x to 5x on random frameworks of 200 to
400 arguments; where they attack each other densely, each choice of the
search decides much of the rest and it beats clingo.
``backend="auto"`` follows this rule (:data:`~argmap.semantics.dung.AUTO_UNDECIDED`,
:data:`~argmap.semantics.dung.AUTO_UNDECIDED_STABLE`,
:data:`~argmap.semantics.dung.AUTO_DENSITY`).  The section "Which solver:
Python or clingo" of docs/evaluation.md has the numbers.

Either way the extensions are the same, and so are the limits: clingo is
stopped once it has found more than ``max_extensions`` answer sets (the
preferred ones, for semi-stable and ideal) and, with a ``timeout``, once it
has run that long (the solve runs in the background and is cancelled), with
the same :class:`~argmap.errors.SemanticsLimitError`.  Nothing is printed: clingo's
warnings (such as "atom does not occur in any rule head" on a framework
without attacks) go to a logger that drops them.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING

from argmap._optional import import_module
from argmap.errors import MissingDependencyError, SemanticsError
from argmap.semantics._kernels import _Budget, _ideal_ix, _range

if TYPE_CHECKING:
    from argmap.semantics.dung import Framework

__all__ = ["available", "extensions", "require"]

_GUESS = """\
in(X) :- not out(X), arg(X).
out(X) :- not in(X), arg(X).
:- in(X), in(Y), att(X,Y).
defeated(X) :- in(Y), att(Y,X).
"""
_COMPLETE = (
    _GUESS
    + """\
undefended(X) :- att(Y,X), not defeated(Y).
:- in(X), undefended(X).
:- out(X), not undefended(X).
"""
)
_ENCODINGS = {
    "stable": _GUESS + ":- out(X), not defeated(X).\n",
    "complete": _COMPLETE,
    "preferred": _COMPLETE + "#heuristic in(X) : arg(X). [1,true]\n",
    "grounded": """\
defeated(X) :- in(Y), att(Y,X).
in(X) :- arg(X), defeated(Y) : att(Y,X).
""",
}
_SHOW = "#show.\n#show in(X) : in(X).\n"
_OPTIONS = {
    "preferred": ["0", "--heuristic=Domain", "--enum-mode=domRec"],
}


def require() -> None:
    """Import clingo, or raise :class:`~argmap.errors.MissingDependencyError`
    naming the extra that installs it."""
    import_module("clingo", needed_for='backend "clingo"')


def available() -> bool:
    """Whether the clingo package can be imported."""
    try:
        require()
    except MissingDependencyError:
        return False
    return True


def _facts(f: Framework) -> str:
    n = len(f._arguments)
    parts = [f"arg(0..{n - 1}).\n"] if n else []
    parts.extend(f"att({i},{j})." for i, ts in enumerate(f._tgt) for j in ts)
    return "".join(parts)


def _ignore(code: object, message: str) -> None:
    """clingo's logger: drop its warnings instead of printing them."""


def _solve(f: Framework, encoding: str, budget: _Budget | None = None) -> list[frozenset[int]]:
    """The ``in`` sets (frozensets of indices) of the answer sets of
    *encoding* on *f*, within *budget*'s limits."""
    import clingo

    ctl = clingo.Control(_OPTIONS.get(encoding, ["0"]), logger=_ignore, message_limit=0)
    ctl.add("base", [], _facts(f) + _ENCODINGS[encoding] + _SHOW)
    ctl.ground([("base", [])])
    found: list[frozenset[int]] = []
    most = budget.max_extensions if budget is not None else None

    def on_model(model: clingo.Model) -> bool:
        found.append(frozenset(s.arguments[0].number for s in model.symbols(shown=True)))
        return most is None or len(found) <= most  # False stops the search

    left = budget.left() if budget is not None else None
    if budget is None or left is None:
        ctl.solve(on_model=on_model)
    else:
        with ctl.solve(on_model=on_model, async_=True) as handle:
            if not handle.wait(max(left, 0.0)):
                handle.cancel()
                raise budget.timed_out()
    if budget is not None:
        budget.count(len(found))
    return found


def _preferred_ix(f: Framework, budget: _Budget | None = None) -> list[frozenset[int]]:
    return _solve(f, "preferred", budget)


def extensions(f: Framework, semantics: str, *, budget: _Budget | None = None) -> list[frozenset[Hashable]]:
    """The extensions of *f* under *semantics* (one of
    :data:`~argmap.semantics.dung.DUNG_SEMANTICS`) computed with clingo, as
    frozensets of arguments in no particular order (the caller sorts)."""
    require()
    if semantics == "grounded":
        ix = _solve(f, "grounded")
    elif semantics in ("stable", "complete", "preferred"):
        ix = _solve(f, semantics, budget)
    elif semantics == "semi-stable":
        prefs = _preferred_ix(f, budget)
        ranges = {s: _range(f, s) for s in prefs}
        ix = [s for s in prefs if not any(ranges[s] < r for r in ranges.values())]
    elif semantics == "ideal":
        ix = [_ideal_ix(f, _preferred_ix(f, budget))]
    else:
        msg = f"unknown semantics {semantics!r}"
        raise SemanticsError(msg)
    args = f._arguments
    return [frozenset(args[i] for i in s) for s in ix]
