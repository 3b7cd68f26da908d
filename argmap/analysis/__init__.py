"""Analysis of argument maps: statistics and comparison, as free functions.

* :func:`stats` counts one map (claims, relations by kind, linked arguments,
  undercuts, depth, branching, roles, quotes and coverage, schemes), and
  :func:`corpus_stats` sums and summarises many;
* :func:`compare` aligns a candidate map with a reference map of the same
  text and scores them (claim and relation precision, recall and F1, Cohen's
  kappa on roles, a CASS-style combined score, the semantic difference);
  :func:`compare_many` does so for several annotators.

``argmap.stats`` and ``argmap.compare`` are these functions.  See
docs/research.md.
"""

from argmap.analysis._compare import (
    MAX_POSTING,
    SPAN_THRESHOLD,
    TEXT_THRESHOLD,
    Agreement,
    Alignment,
    Comparison,
    Difference,
    Scores,
    ThesisStatus,
    cohen_kappa,
    compare,
    compare_many,
    prf,
    text_similarity,
)
from argmap.analysis._diff import diff_dot, diff_html
from argmap.analysis._stats import (
    DISTRIBUTED,
    CorpusStats,
    Distribution,
    MapStats,
    corpus_stats,
    stats,
    to_dataframe,
)

__all__ = [
    "DISTRIBUTED",
    "MAX_POSTING",
    "SPAN_THRESHOLD",
    "TEXT_THRESHOLD",
    "Agreement",
    "Alignment",
    "Comparison",
    "CorpusStats",
    "Difference",
    "Distribution",
    "MapStats",
    "Scores",
    "ThesisStatus",
    "cohen_kappa",
    "compare",
    "compare_many",
    "corpus_stats",
    "diff_dot",
    "diff_html",
    "prf",
    "stats",
    "text_similarity",
    "to_dataframe",
]
