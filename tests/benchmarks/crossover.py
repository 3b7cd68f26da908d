"""Where the pure-Python search and clingo cross: the table of
docs/evaluation.md ("Which solver: Python or clingo"), from which the
``backend="auto"`` rule (``AUTO_UNDECIDED``, ``AUTO_DENSITY``) is read.

Milliseconds, best of 3, in one process: solving only (the ``Framework`` is
built and clingo imported before the clock starts).  Run it with the
``clingo`` extra installed::

    python tests/benchmarks/crossover.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from semantics import random_af

from argmap.semantics import Framework, extensions
from argmap.semantics.dung import _grounded

RANDOM = [
    (20, 0.1),
    (50, 0.05),
    (50, 0.1),
    (100, 0.02),
    (100, 0.05),
    (100, 0.1),
    (150, 0.05),
    (180, 0.04),
    (200, 0.02),
    (200, 0.05),
    (200, 0.06),
    (200, 0.07),
    (200, 0.1),
    (220, 0.04),
    (250, 0.03),
    (250, 0.05),
    (300, 0.02),
    (400, 0.01),
]
TREES = [1_000, 10_000]


def tree(n: int) -> Framework:
    """An argument map's shape: each argument attacks an earlier one (a
    binary tree), and four pairs of leaves attack each other."""
    args = [f"a{i}" for i in range(n)]
    atts = [(args[i], args[(i - 1) // 2]) for i in range(1, n)]
    for k in range(4):
        a, b = args[n - 1 - 2 * k], args[n - 2 - 2 * k]
        atts += [(a, b), (b, a)]
    return Framework(args, atts)


def best_ms(f: Framework, sem: str, backend: str) -> float:
    best = float("inf")
    for _ in range(3):
        g = Framework(f.arguments, f.attacks)  # no cached grounded labelling
        t = time.perf_counter()
        extensions(g, sem, backend=backend)
        best = min(best, time.perf_counter() - t)
        if best > 5:
            break
    return best * 1000


def fmt(ms: float) -> str:
    if ms >= 100:
        return f"{ms:,.0f}"
    return f"{ms:.2g}" if ms < 10 else f"{ms:.0f}"


def main() -> int:
    import clingo  # noqa: F401  (imported before any clock starts)

    print(
        "| n | p | attacks | undecided | attackers per undecided | preferred: Python | clingo "
        "| stable: Python | clingo |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    cases = [(f"{n}", f"{p}", Framework(*random_af(n, p, n * 1000 + int(p * 100)))) for n, p in RANDOM]
    cases += [(f"{n:,} (tree)", "", tree(n)) for n in TREES]
    for n, p, f in cases:
        label = _grounded(f)[0]
        undecided = [i for i, x in enumerate(label) if not x]
        inner = sum(1 for i in undecided for a in f._att[i] if not label[a])  # as backend="auto" counts
        density = f"{inner / len(undecided):.1f}" if undecided else ""
        cells = [fmt(best_ms(f, sem, b)) for sem in ("preferred", "stable") for b in ("python", "clingo")]
        print(
            f"| {n} | {p} | {len(f.attacks):,} | {len(undecided)} | {density} | " + " | ".join(cells) + " |", flush=True
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
