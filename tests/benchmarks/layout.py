"""The tree layout beside Graphviz's dot: ``argmap render`` to SVG, whole process.

    python tests/benchmarks/layout.py --out docs/benchmarks-layout.md

For argument trees of 1,000 to 100,000 claims (``shapes.tree``, fixed seed),
each alone and with 5 % cross-links (extra single-premise relations from a
random claim to another, so claims have several conclusions and some lie on
cycles), the map is written as argmap JSON and drawn by
``argmap render MAP -o OUT.svg --layout tree`` and ``--layout dot``, each a
separate process, timed from start to exit (import, loading and writing
included; the tree layout the best of ``--runs``, dot once), with its CPU
time and peak RSS from ``resource.getrusage(RUSAGE_CHILDREN)`` of a small
parent process started for that run alone.  dot runs only up to the size at
which it last finished within ``--dot-limit`` seconds (default 120).  Before
the maps, the start-up: ``python -c pass``, ``python -c "import argmap"`` and
``argmap --version``, each the best of ``--runs`` (at least 5).  The page is
printed as Markdown (or written to ``--out``).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import os
import platform
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from shapes import SEED, tree  # noqa: E402

from argmap import ArgumentMap, dump  # noqa: E402
from argmap.model import Claim, Relation  # noqa: E402

SIZES = (1_000, 3_000, 10_000, 30_000, 100_000)
ARGMAP = str(Path(sys.executable).with_name("argmap"))


def build(n: int, cross: float) -> ArgumentMap:
    """``shapes.tree(n)`` with ``round(cross * n)`` extra support or attack
    relations between random claims (fixed seed)."""
    texts, rels = tree(n)
    claims = [Claim(f"c{i + 1}", t) for i, t in enumerate(texts)]
    relations = []
    for j, (kind, premises, (what, k)) in enumerate(rels):
        target = f"c{k + 1}" if what == "c" else f"r{k + 1}"
        relations.append(Relation(f"r{j + 1}", kind, tuple(f"c{p + 1}" for p in premises), target))
    rng = random.Random(SEED + 1)
    for x in range(round(cross * n)):
        a, b = rng.randrange(n), rng.randrange(n)
        if a == b:
            b = (a + 1) % n
        kind = "attack" if rng.random() < 0.3 else "support"
        relations.append(Relation(f"x{x + 1}", kind, (f"c{a + 1}",), f"c{b + 1}"))
    return ArgumentMap(claims, relations, title=f"Tree of {n} claims")


#: Runs a command and prints its peak RSS (kB) and CPU seconds: a fresh
#: parent per measurement, so one run's peak never shows up as another's.
_PEAK = (
    "import resource, subprocess, sys, time;"
    "t0 = time.perf_counter();"
    "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL);"
    "t = time.perf_counter() - t0;"
    "u = resource.getrusage(resource.RUSAGE_CHILDREN);"
    "print(u.ru_maxrss, u.ru_utime + u.ru_stime, t)"
)

#: The children run as an installed argmap does: with compiled bytecode.
_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run(args: list[str], timeout: float) -> tuple[float | None, float, float]:
    """(wall seconds, or None if it did not finish in *timeout*; CPU seconds;
    peak RSS in MB) of one process."""
    try:
        done = subprocess.run(
            [sys.executable, "-c", _PEAK, *args], check=True, timeout=timeout, capture_output=True, env=_ENV
        )
    except (subprocess.TimeoutExpired, subprocess.CalledProcessError):
        return None, 0.0, 0.0
    # Timed in the wrapper, from the command's start to its exit: the
    # wrapper's own start is not the command's.
    rss, cpu, wall = done.stdout.split()
    return float(wall), float(cpu), int(rss) / 1024


def startup(runs: int) -> list[str]:
    """The start-up rows: each command's best wall and CPU time of *runs*."""
    python = sys.executable
    commands = [
        ("`python -c pass` (the interpreter alone)", [python, "-c", "pass"]),
        ('`python -c "import argmap"`', [python, "-c", "import argmap"]),
        ("`argmap --version`", [ARGMAP, "--version"]),
    ]
    lines = ["| command | wall (ms) | CPU (ms) |", "|---|---:|---:|"]
    for label, cmd in commands:
        run(cmd, 60)  # bytecode
        tries = [run(cmd, 60) for _ in range(max(runs, 5))]
        wall = min(t[0] for t in tries if t[0] is not None)
        cpu = min(t[1] for t in tries)
        lines.append(f"| {label} | {wall * 1000:.0f} | {cpu * 1000:.0f} |")
        print(f"{label}: {wall * 1000:.0f} ms wall, {cpu * 1000:.0f} ms CPU", file=sys.stderr)
    return lines


#: claims, cross-links, tree wall, tree CPU, tree MB, SVG MB, dot wall, dot CPU, dot run
Row = tuple[int, float, "float | None", float, float, float, "float | None", float, bool]


def _targets(rows: list[Row]) -> list[str]:
    """The issue's targets against the rows, as Markdown lines."""
    by = {(n, cross): row for n, cross, *row in rows}
    out = ["## Targets (issue 14)", ""]

    def verdict(ok: bool) -> str:
        return "met" if ok else "not met"

    r = by.get((10_000, 0.05))
    if r and r[0] is not None:
        out.append(
            f"- 10,000 claims with 5 % cross-links to SVG <= 2 s: {r[0]:.2f} s wall, {r[1]:.2f} s CPU: {verdict(r[0] <= 2)}."
        )
    r = by.get((100_000, 0.05))
    if r and r[0] is not None:
        ok = r[0] <= 20 and r[2] <= 1536
        out.append(
            f"- 100,000 claims (5 % cross-links) <= 20 s and <= 1.5 GB: {r[0]:.2f} s wall, {r[1]:.2f} s CPU, "
            f"{r[2]:.0f} MB: {verdict(ok)}."
        )
    for cross in (0.0, 0.05):
        r = by.get((3_000, cross))
        if r and r[0] is not None and r[4] is not None:
            wall, cpu = r[4] / r[0], r[5] / r[1]
            out.append(
                f"- >= 20x faster than dot at 3,000 claims ({cross:.0%} cross-links): {wall:.0f}x wall, "
                f"{cpu:.0f}x CPU: {verdict(min(wall, cpu) >= 20)}."
            )
    out.append("")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=list(SIZES))
    ap.add_argument("--dot-limit", type=float, default=120.0, help="stop dot after this many seconds")
    ap.add_argument("--runs", type=int, default=3, help="runs of the tree layout per map (the best is shown)")
    ap.add_argument("--out", type=Path, help="write the Markdown table here")
    opts = ap.parse_args()
    rows: list[Row] = []
    started = startup(opts.runs)
    dot_ok = {0.0: True, 0.05: True}
    with tempfile.TemporaryDirectory() as tmp:
        warm = Path(tmp, "warm.json")
        dump(build(10, 0.0), warm)
        run([ARGMAP, "render", str(warm), "-o", str(Path(tmp, "warm.svg")), "--layout", "tree"], 60)  # bytecode
        for n in opts.sizes:
            for cross in (0.0, 0.05):
                path = Path(tmp, f"m{n}-{cross}.json")
                dump(build(n, cross), path)
                out = Path(tmp, "out.svg")
                # the tree layout: the best of --runs (a shared machine's load
                # only ever adds time); dot: once
                tries = [
                    run([ARGMAP, "render", str(path), "-o", str(out), "--layout", "tree"], 600)
                    for _ in range(opts.runs)
                ]
                tree_s = min((t[0] for t in tries if t[0] is not None), default=None)
                tree_cpu = min(t[1] for t in tries)
                tree_mb = max(t[2] for t in tries)
                size = out.stat().st_size / 1e6
                dot_s: float | None = None
                dot_cpu = 0.0
                ran = dot_ok[cross]
                if ran:
                    dot_s, dot_cpu, _ = run(
                        [
                            ARGMAP,
                            "render",
                            str(path),
                            "-o",
                            str(out),
                            "--layout",
                            "dot",
                            "--timeout",
                            str(opts.dot_limit),
                        ],
                        opts.dot_limit + 30,
                    )
                    if dot_s is None or dot_s > opts.dot_limit:
                        dot_ok[cross] = False
                rows.append((n, cross, tree_s, tree_cpu, tree_mb, size, dot_s, dot_cpu, ran))
                shown = "-" if dot_s is None else f"{dot_s:.2f}"
                print(f"{n} claims, {cross:.0%}: tree {tree_s:.2f} s {tree_mb:.0f} MB, dot {shown} s", file=sys.stderr)
    lines = [
        "| claims | cross-links | tree: wall (s) | tree: CPU (s) | tree: peak RSS (MB) | SVG (MB) "
        "| dot: wall (s) | dot: CPU (s) | dot / tree (wall, CPU) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n, cross, tree_s, tree_cpu, mb, size, dot_s, dot_cpu, ran in rows:
        if dot_s is None or tree_s is None:
            dot = f"> {opts.dot_limit:g} (stopped)" if ran else "not run (past the limit below)"
            ratio = "" if tree_s is None or not ran else f"> {opts.dot_limit / tree_s:.0f}x"
            dot_c = ""
        else:
            dot, dot_c = f"{dot_s:.2f}", f"{dot_cpu:.2f}"
            ratio = f"{dot_s / tree_s:.0f}x, {dot_cpu / tree_cpu:.0f}x"
        wall = "did not finish" if tree_s is None else f"{tree_s:.2f}"
        lines.append(
            f"| {n:,} | {cross:.0%} | {wall} | {tree_cpu:.2f} | {mb:.0f} | {size:.1f} | {dot} | {dot_c} | {ratio} |"
        )
    cpu = next(
        (
            x.split(":", 1)[1].strip()
            for x in Path("/proc/cpuinfo").read_text().splitlines()
            if x.startswith("model name")
        ),
        platform.machine(),
    )
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    text = "\n".join(
        [
            "# Benchmarks: the tree layout",
            "",
            "<!-- Generated by `make bench` (tests/benchmarks/layout.py --out docs/benchmarks-layout.md); do not edit by hand. -->",
            "",
            "## Tree layout",
            "",
            f"Measured {_dt.date.today()} on {cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}; load average {load:.1f} at the end of the run "
            "(the machine is shared: wall times move with the load, CPU times much less).",
            "",
            "`argmap render MAP -o OUT.svg --layout tree` beside `--layout dot` (Graphviz's `dot`), each a whole "
            "process: interpreter start, imports, reading the JSON map, layout, writing the file; the tree layout "
            f"the best of {opts.runs} runs, dot one run. CPU is user + "
            "system time of the process and its children (`dot` included); peak RSS is the largest resident set "
            "of the process. Maps: `shapes.tree(n)` (breadth first, 2 to 4 premises per claim, 30 % attacks, "
            "15 % linked, 3 % undercuts) and the same with 5 % cross-links (extra relations between random claims, "
            f"so claims have several conclusions and some lie on cycles). dot is stopped after {opts.dot_limit:g} s "
            "and not run on larger maps after that.",
            "",
            *lines,
            "",
            *_targets(rows),
            "## Start-up",
            "",
            "Each command the best of its runs, whole process (timed from the command's start to its exit). "
            "`import argmap` loads `argmap/__init__.py` alone, everything else on first use; "
            "`argmap --version` loads none of argmap's libraries; `argmap render` loads what the command that "
            "runs needs (with `--layout tree`: neither Graphviz's backend nor the semantics).",
            "",
            *started,
            "",
        ]
    )
    if opts.out:
        opts.out.write_text(text)
    print(text)


if __name__ == "__main__":
    main()
