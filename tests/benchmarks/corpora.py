"""Reading a corpus in several processes: the figures of docs/benchmarks-corpora.md.

    python tests/benchmarks/corpora.py --out docs/benchmarks-corpora.md

The goal (issue 15, item 4): ``load_all(paths, workers=2)`` at least 1.6x
faster than one worker on the 133 AraucariaDB maps of
``../shared/corpora/aif/araucaria``, whole process.  Every figure is a whole
process (``python -c ...``: the interpreter's start and the imports
included), run ``--runs`` times; the best wall time and the best CPU time
(user + system of the process and its children) are reported, both worker
counts measured in the same run, in alternation.  "Busiest" is the larger of
the CPU times of the process itself and of its child: what the wall time
would be on two idle cores.

Besides the 133 maps as they are, the AraucariaDB maps, the AIFdb dialogue
maps and the Argdown fixtures are copied 1, 5 and 20 times into a temporary
folder (distinct names), to find the size from which two workers gain 1.6x;
these runs set ``WORKERS_MIN_BYTES`` to 0 so that
processes start whatever the size.  ``argmap stats -j``, ``argmap check -j``
and ``argmap convert -j -d`` are measured the same way, and a breakdown of where the time of one
run goes is measured in this process.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpora" / "aif" / "araucaria"
GOAL = 1.6
COPIES = (1, 5, 20)

LOAD = """
import sys, warnings
import argmap.corpus as corpus
warnings.simplefilter("ignore")
if sys.argv[2] == "off":
    corpus.WORKERS_MIN_BYTES = 0
paths = open(sys.argv[1], encoding="utf-8").read().split("\\n")
for _ in corpus.load_all(paths, format=sys.argv[4] if len(sys.argv) > 4 else None, workers=int(sys.argv[3])):
    pass
"""
SHARED = ROOT.parent / "shared" / "corpora"
#: The corpora whose copies find the crossover: name, files, format.
SETS = (
    ("AraucariaDB, AIF", "aif/araucaria/*.json", "aif"),
    ("AIFdb dialogue maps, AIF", "aifdb/*/*.json", "aif"),
    ("Argdown fixtures", "argdown/fixtures/*.argdown", None),
)


def _run(argv: list[str]) -> tuple[float, float]:
    """Wall time and CPU time (the process and its children) of one run of
    *argv*, in seconds."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def _best(argvs: dict[str, list[str]], runs: int) -> dict[str, tuple[float, float, float]]:
    """The best wall, CPU and busiest CPU of each of *argvs*, run in turn *runs* times."""
    best: dict[str, list[float]] = {k: [1e9, 1e9, 1e9] for k in argvs}
    for _ in range(runs):
        for key, argv in argvs.items():
            for i, value in enumerate(_busiest(argv)):
                best[key][i] = min(best[key][i], value)
    return {k: (v[0], v[1], v[2]) for k, v in best.items()}


def _busiest(argv: list[str]) -> tuple[float, float, float]:
    """Wall, total CPU and busiest-process CPU of *argv* (a ``python -c``
    command): the command is run with a line appended that writes the CPU
    times of the process and of its children to a file."""
    with tempfile.NamedTemporaryFile("r", suffix=".txt", delete=False) as f:
        report = f.name
    code = argv[2] + (
        "\nimport resource as _r\n"
        "_s, _c = _r.getrusage(_r.RUSAGE_SELF), _r.getrusage(_r.RUSAGE_CHILDREN)\n"
        f"open({report!r}, 'w').write(f'{{_s.ru_utime + _s.ru_stime}} {{_c.ru_utime + _c.ru_stime}}')\n"
    )
    wall, cpu = _run([argv[0], "-c", code, *argv[3:]])
    try:
        own, children = (float(x) for x in Path(report).read_text().split())
    except ValueError:
        own, children = cpu, 0.0
    os.unlink(report)
    return wall, cpu, max(own, children)


def _copies(folder: Path, files: list[Path], n: int) -> Path:
    """A list file naming *n* copies of *files* (in *folder*)."""
    out = folder / f"x{n}"
    out.mkdir(parents=True, exist_ok=True)
    names = []
    for i in range(n):
        for f in files:
            target = out / f"{i}-{f.name}"
            if not target.exists():
                shutil.copyfile(f, target)
            names.append(str(target))
    listing = folder / f"x{n}.txt"
    listing.write_text("\n".join(names), encoding="utf-8")
    return listing


def _cli(code: str) -> list[str]:
    return [sys.executable, "-c", "import sys; from argmap.cli import main; " + code]


def breakdown(files: list[Path], runs: int) -> list[tuple[str, float]]:
    """Where one run's time goes (ms, best of *runs*), measured here."""
    import pickle

    out: list[tuple[str, float]] = []
    argvs = {
        "interpreter start (python -c pass)": [sys.executable, "-c", "pass"],
        "start + import argmap.corpus": [sys.executable, "-c", "import argmap.corpus"],
    }
    for key, (wall, _cpu, _) in _best(argvs, runs).items():
        out.append((key + ", wall", 1000 * wall))
    sys.path.insert(0, str(ROOT))
    from argmap import corpus
    from argmap._workers import _dumps

    def best(fn: object) -> float:
        times = []
        for _ in range(runs):
            start = time.process_time()
            fn()  # type: ignore[operator]
            times.append(time.process_time() - start)
        return 1000 * min(times)

    out.append(
        ("reading the maps in this process (warm)", best(lambda: [corpus.load_one(p, format="aif") for p in files]))
    )
    maps = [corpus.load_one(p, format="aif") for p in files]
    wires = [corpus._to_wire(m) for m in maps]  # type: ignore[arg-type]
    blob = _dumps(wires, corpus._WIRE_TABLE)
    out.append(
        (
            "a worker: maps to tuples and pickled",
            best(lambda: _dumps([corpus._to_wire(m) for m in maps], corpus._WIRE_TABLE)),
        )
    )  # type: ignore[arg-type]
    out.append(
        ("this process: unpickled and rebuilt", best(lambda: [corpus._from_wire(w) for w in pickle.loads(blob)]))
    )
    out.append(("the same maps pickled as objects, then unpickled", best(lambda: pickle.loads(pickle.dumps(maps, 5)))))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="write the Markdown report here (default: print it)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--copies", default=",".join(map(str, COPIES)), help="corpus sizes, in copies of the 133 maps")
    args = parser.parse_args()
    files = sorted(CORPUS.glob("*.json"))
    if len(files) != 133:
        sys.exit(f"{CORPUS}: expected the 133 AraucariaDB maps, found {len(files)}")
    lines = _header(args.runs)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        listing = folder / "x1.txt"
        listing.write_text("\n".join(map(str, files)), encoding="utf-8")
        lines += ["## The goal: 133 AraucariaDB maps, whole process", ""]
        argvs = {
            f"{mode}-{w}": [sys.executable, "-c", LOAD, str(listing), mode, str(w)]
            for mode in ("default", "off")
            for w in (1, 2)
        }
        best = _best(argvs, args.runs)
        lines += _table(
            [
                ("`workers=1`", best["default-1"]),
                ("`workers=2` (the threshold: no process started)", best["default-2"]),
                ("`workers=2`, processes forced (`WORKERS_MIN_BYTES = 0`)", best["off-2"]),
            ],
            best["default-1"],
        )
        lines += ["", "## The crossover: copies of a corpus, processes forced", ""]
        lines += [
            "| corpus | files | MB | workers=1 | workers=2 | speed-up (wall) | workers=2, busiest CPU | "
            f"speed-up (busiest CPU) | goal {GOAL}x |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---|",
        ]
        for name, pattern, fmt in SETS:
            base = sorted(SHARED.glob(pattern))
            for n in (int(x) for x in args.copies.split(",")):
                listing = _copies(folder / name.split(",")[0].replace(" ", "-"), base, n)
                size = sum(f.stat().st_size for f in base) * n / 1e6
                argvs = {
                    str(w): [sys.executable, "-c", LOAD, str(listing), "off", str(w), *([fmt] if fmt else [])]
                    for w in (1, 2)
                }
                best = _best(argvs, args.runs)
                one, two = best["1"], best["2"]
                ratio, ideal = one[0] / two[0], one[2] / two[2]
                met = "met" if ratio >= GOAL else ("met on idle cores" if ideal >= GOAL else "not met")
                lines.append(
                    f"| {name} | {len(base) * n:,} | {size:.1f} | {1000 * one[0]:.0f} ms | {1000 * two[0]:.0f} ms | "
                    f"{ratio:.2f}x | {1000 * two[2]:.0f} ms | {ideal:.2f}x | {met} |"
                )
        lines += ["", "## Commands over many files", ""]
        for n in (1, 5):
            paths = _copies(folder, files, n).read_text(encoding="utf-8").split("\n")
            out = folder / f"out{n}"
            out.mkdir(exist_ok=True)
            common = f"paths = open({str(folder / f'x{n}.txt')!r}).read().split('\\n'); "
            off = "import argmap.corpus as c; c.WORKERS_MIN_BYTES = 0; "
            argvs = (
                {
                    f"stats-{j}": _cli(off + common + f"main(['stats', '--from', 'aif', '-j', '{j}', *paths])")
                    for j in (1, 2)
                }
                | {
                    f"check-{j}": _cli(off + common + f"main(['check', '--from', 'aif', '-j', '{j}', *paths])")
                    for j in (1, 2)
                }
                | {
                    f"convert-{j}": _cli(
                        off
                        + common
                        + f"main(['convert', '--from', 'aif', '-j', '{j}', *paths, '-d', {str(out)!r}, '-t', 'json'])"
                    )
                    for j in (1, 2)
                }
            )
            best = _best(argvs, args.runs)
            lines += [f"{len(paths):,} files:", ""]
            for command in ("stats", "check", "convert"):
                lines += _table(
                    [
                        (f"`argmap {command} -j 1`", best[f"{command}-1"]),
                        (f"`argmap {command} -j 2`", best[f"{command}-2"]),
                    ],
                    best[f"{command}-1"],
                )
                lines.append("")
    lines += ["## Where the time of one run goes (133 maps)", "", "| | ms |", "|---|---:|"]
    lines += [f"| {k} | {v:.1f} |" for k, v in breakdown(files, args.runs)]
    lines += ["", EXPLANATION]
    text = "\n".join(lines) + "\n"
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        print(text, end="")


EXPLANATION = """\
## Reading these figures

The goal, 1.6x with two workers on the 133 AraucariaDB maps as a whole
process, is out of reach whatever the workers do. A run with one worker
takes about 0.11 s of CPU, of which reading the maps is 13 ms (warm; about
30 ms in a fresh process, which also imports the AIF reader): the rest is
starting Python and importing argmap, paid once by any number of workers.
Even if the reading were shared perfectly between two processes that cost
nothing to start, the run would gain 1.2x at best. So `load_all` starts no
process for these 0.26 MB (below `WORKERS_MIN_BYTES`, 1 MiB) and
`workers=2` does what one worker does (the first table's second line; its
difference from the first line is noise); the third line shows what
starting a process anyway costs.

Past that fixed cost, what two workers gain depends on how much more a file
costs to read than its map costs to send back and put together again in
the process that asked (the last table: a quarter of the reading for
AraucariaDB maps, measured alone; in a real run, with the caches shared and
cold, about half). So copies of the AraucariaDB corpus gain little at any
size, and the AIFdb dialogue maps (large maps, but read mostly in passes
that run in C) not much more, while Argdown documents (parsing is the
work) gain most.

"Busiest CPU" is the larger of the CPU times of the two processes: what the
wall time would be on two cores with nothing else to do. The wall times
depend on what else the machine does: with other jobs running (see the load
average above: here, more jobs than cores), a second process waits for a
core and the wall time does not fall; these figures are to be read again on
a quiet machine.

`argmap convert -j 2` gains on any corpus of more than a few files: each
process also writes its files, each flushed to disk, which takes longer than
reading them, and the two processes wait for the disk at the same time.
`argmap stats -j 2` sends back only the counts, and `argmap check -j 2` only
what it prints: they gain where reading, counting and linting cost more than
the fixed start.
"""


def _table(rows: list[tuple[str, tuple[float, float, float]]], base: tuple[float, float, float]) -> list[str]:
    out = [
        "| | wall | CPU | busiest CPU | speed-up (wall) | speed-up (busiest CPU) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, (wall, cpu, busiest) in rows:
        out.append(
            f"| {name} | {1000 * wall:.0f} ms | {1000 * cpu:.0f} ms | {1000 * busiest:.0f} ms | "
            f"{base[0] / wall:.2f}x | {base[2] / busiest:.2f}x |"
        )
    return out


def _header(runs: int) -> list[str]:
    try:
        load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        load = "?"
    return [
        "# Benchmarks: reading a corpus in several processes",
        "",
        "Made by `python tests/benchmarks/corpora.py --out docs/benchmarks-corpora.md`; "
        f"best of {runs} whole-process runs (see the script's docstring).",
        "",
        "| | |",
        "|---|---|",
        f"| Machine | {platform.machine()}, {os.cpu_count()} CPUs, load average {load} at the start |",
        f"| Python | {platform.python_version()} ({platform.python_implementation()}) |",
        f"| Date | {_dt.date.today().isoformat()} |",
        "",
    ]


if __name__ == "__main__":
    main()
