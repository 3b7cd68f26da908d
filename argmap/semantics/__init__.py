"""Evaluating argument maps: abstract (Dung) and gradual semantics, sensitivity.

Free functions by topic, as networkx does:

* :mod:`argmap.semantics.dung`: :class:`Framework`, :func:`extensions`,
  :func:`grounded`, :func:`labellings`, :func:`sceptical_labels`,
  acceptance;
* :mod:`argmap.semantics.gradual`: :class:`QBAF`, :func:`strengths` for
  DF-QuAD, QuAD, Euler-based and quadratic-energy semantics;
* :mod:`argmap.semantics.projection`: :func:`framework` and :func:`qbaf`,
  from a map to a framework;
* :mod:`argmap.semantics.evaluation`: :func:`evaluate`, one value per claim
  of a map under any semantics;
* :mod:`argmap.semantics.sensitivity`: what a claim's strength hinges on;
* :mod:`argmap.semantics.verdict`: :func:`explain`, the verdict on each
  thesis and what it hinges on.

The errors are :class:`~argmap.errors.SemanticsError`,
:class:`~argmap.errors.SemanticsLimitError` and
:class:`~argmap.errors.ConvergenceError` (in :mod:`argmap.errors`, with
argmap's others).

See docs/evaluation.md.
"""

from argmap.errors import ConvergenceError, SemanticsError, SemanticsLimitError
from argmap.semantics.dung import (
    BACKENDS,
    DEFAULT_MAX_EXTENSIONS,
    DUNG_SEMANTICS,
    Framework,
    credulously_accepted,
    extensions,
    grounded,
    is_admissible,
    is_complete,
    is_conflict_free,
    is_stable,
    labelling,
    labellings,
    sceptical_labels,
    sceptically_accepted,
)
from argmap.semantics.evaluation import evaluate
from argmap.semantics.gradual import GRADUAL_SEMANTICS, QBAF, strengths
from argmap.semantics.projection import DEFAULT_BASE_SCORE, framework, qbaf
from argmap.semantics.sensitivity import Influence, sensitivity
from argmap.semantics.verdict import explain, verdict

__all__ = [
    "BACKENDS",
    "DEFAULT_BASE_SCORE",
    "DEFAULT_MAX_EXTENSIONS",
    "DUNG_SEMANTICS",
    "GRADUAL_SEMANTICS",
    "QBAF",
    "ConvergenceError",
    "Framework",
    "Influence",
    "SemanticsError",
    "SemanticsLimitError",
    "credulously_accepted",
    "evaluate",
    "explain",
    "extensions",
    "framework",
    "grounded",
    "is_admissible",
    "is_complete",
    "is_conflict_free",
    "is_stable",
    "labelling",
    "labellings",
    "qbaf",
    "sceptical_labels",
    "sceptically_accepted",
    "sensitivity",
    "strengths",
    "verdict",
]
