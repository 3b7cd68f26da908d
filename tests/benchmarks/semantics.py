"""Benchmark of argmap.semantics beside PyArg, formal-argumentation, pygarg and clingo.

    python tests/benchmarks/semantics.py --out docs/benchmarks-semantics.md

Every measurement runs in a fresh subprocess and is timed as a whole process
(interpreter start, imports, building the framework from plain lists,
solving), the way the issue measured the peers; argmap's own solving time
(inside the process) is given beside it.  A run longer than ``--timeout``
seconds is stopped and reported as ``> T s``.

* Grounded extension of a random framework with n arguments and n attacks
  (n = 1,000 / 10,000 / 100,000).
* DF-QuAD strengths of a random acyclic QBAF with 100,000 arguments
  (half the edges attacks, half supports).
* Preferred and stable extensions of ICCMA-style random frameworks
  (Erdős–Rényi: each ordered pair of distinct arguments is an attack with
  probability p), 50 / 100 / 200 arguments x p = 0.02 / 0.05 / 0.1, seeded.
  argmap's extensions are checked against clingo's (ASPARTIX-style
  encodings; preferred by clingo's domain heuristics, ``--enum-mode=domRec``).
* Frameworks made of independent parts and SCCs: k disjoint pairs of
  arguments that attack each other (2**k preferred extensions), a chain and
  a random tree of 100,000 arguments, and the ICCMA (probo) files of the
  shared corpora when present; every Dung semantics, with the default
  max_extensions (the limit reached) and with every extension asked for.
* Sceptical labels of those independent parts: ``argmap eval`` and
  ``evaluate`` on k disjoint pairs (k = 10, 18, 30) and on the probo files,
  whole-process CPU time, best of 3 (``--labels`` prints this table alone).
"""

from __future__ import annotations

import argparse
import compileall
import datetime as _dt
import json
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]

# "argmap" is the pure-Python search (backend="python"); "argmap auto" is
# what a user with the clingo extra gets by default (backend="auto").
PEERS = ("argmap", "argmap auto", "pygarg", "clingo", "formal-argumentation", "PyArg")

ASP_BASE = """
in(X) :- not out(X), arg(X).
out(X) :- not in(X), arg(X).
:- in(X), in(Y), att(X,Y).
defeated(X) :- in(Y), att(Y,X).
"""
ASP = {
    "stable": ASP_BASE + ":- out(X), not defeated(X).\n",
    "preferred": ASP_BASE
    + """
undefended(X) :- att(Y,X), not defeated(Y).
:- in(X), undefended(X).
:- out(X), not defeated(X), not undefended(X).
#heuristic in(X) : arg(X). [1,true]
""",
    "grounded": ASP_BASE
    + """
undefended(X) :- att(Y,X), not defeated(Y).
:- in(X), undefended(X).
:- out(X), not defeated(X), not undefended(X).
#heuristic in(X) : arg(X). [1,false]
""",
}


def random_af(n: int, p: float, seed: int) -> tuple[list[str], list[tuple[str, str]]]:
    rng = random.Random(seed)
    args = [f"a{i}" for i in range(n)]
    return args, [(a, b) for a in args for b in args if a != b and rng.random() < p]


def sparse_af(n: int, seed: int) -> tuple[list[str], list[tuple[str, str]]]:
    rng = random.Random(seed)
    args = [f"a{i}" for i in range(n)]
    return args, [(args[rng.randrange(n)], args[rng.randrange(n)]) for _ in range(n)]


# The shared corpora sit beside the project (../shared), or beside the
# folder of a worktree of it (../../shared).
PROBO = next(
    (p for p in (r / "shared" / "corpora" / "iccma" / "probo" for r in (ROOT.parent, ROOT.parents[1])) if p.is_dir()),
    ROOT.parent / "shared" / "corpora" / "iccma" / "probo",
)


def structured_af(shape: str, n: int) -> tuple[list[str], list[tuple[str, str]]]:
    """The frameworks of the "independent parts" table."""
    if shape == "cycles":
        args = [f"{x}{i}" for i in range(n) for x in "ab"]
        return args, [p for i in range(n) for p in ((f"a{i}", f"b{i}"), (f"b{i}", f"a{i}"))]
    args = [f"a{i}" for i in range(n)]
    if shape == "chain":
        return args, [(args[i + 1], args[i]) for i in range(n - 1)]
    if shape == "tree":
        rng = random.Random(1)
        return args, [(args[i], args[rng.randrange(i)]) for i in range(1, n)]
    text = (PROBO / shape).read_text(encoding="utf-8")  # an ICCMA .apx file
    import re

    return re.findall(r"arg\((\w+)\)", text), re.findall(r"att\((\w+),(\w+)\)", text)


# --------------------------------------------------------------------------
# Workers: one task, one library, in this process; print JSON.


def _solve(lib: str, sem: str, args: list[str], atts: list[tuple[str, str]]) -> list[list[str]]:
    if lib in ("argmap", "argmap auto"):
        from argmap.semantics import Framework, extensions

        backend = "python" if lib == "argmap" else "auto"
        return [sorted(e) for e in extensions(Framework(args, atts), sem, backend=backend)]
    if lib == "clingo":
        import clingo

        options = ["0"] if sem == "stable" else ["0", "--heuristic=Domain", "--enum-mode=domRec"]
        if sem == "grounded":
            options = ["1", "--heuristic=Domain", "--enum-mode=domRec"]
        ctl = clingo.Control(options)
        facts = "".join(f"arg({a}).\n" for a in args) + "".join(f"att({a},{b}).\n" for a, b in atts)
        ctl.add("base", [], facts + ASP[sem])
        ctl.ground([("base", [])])
        out = []
        ctl.solve(
            on_model=lambda m: out.append(sorted(str(s.arguments[0]) for s in m.symbols(shown=True) if s.name == "in"))
        )
        return out
    if lib == "pygarg":
        from pygarg.dung import solver

        code = {"preferred": "PR", "stable": "ST", "grounded": "GR"}[sem]
        return [sorted(e) for e in solver.extension_enumeration(args, [list(a) for a in atts], code)]
    if lib == "formal-argumentation":
        from argumentation.core.dung import ArgumentationFramework
        from argumentation.semantics import extensions

        af = ArgumentationFramework(arguments=frozenset(args), defeats=frozenset(atts))
        return [sorted(e) for e in extensions(af, semantics=sem)]
    if lib == "PyArg":
        import importlib

        from py_arg.abstract_argumentation_classes.abstract_argumentation_framework import (
            AbstractArgumentationFramework,
        )
        from py_arg.abstract_argumentation_classes.argument import Argument
        from py_arg.abstract_argumentation_classes.defeat import Defeat

        objs = {a: Argument(a) for a in args}
        af = AbstractArgumentationFramework("f", list(objs.values()), [Defeat(objs[a], objs[b]) for a, b in atts])
        name = {
            "preferred": "get_preferred_extensions",
            "stable": "get_stable_extensions",
            "grounded": "get_grounded_extension",
        }[sem]
        result = getattr(importlib.import_module("py_arg.algorithms.semantics." + name), name)(af)
        if sem == "grounded":
            result = [result]
        return [sorted(x.name for x in e) for e in result]
    raise ValueError(lib)


def worker(spec: dict) -> dict:
    task = spec["task"]
    if task == "map":
        # The argument-tree shape of docs/benchmarks.md (tests/benchmarks/shapes.py):
        # the map is built untimed; timed are the projection onto a framework
        # (or a QBAF) and the evaluation.
        sys.path.insert(0, str(HERE))
        import ops
        import shapes

        from argmap.semantics import framework, grounded, qbaf, strengths

        m = ops.argmap_build(shapes.tree(spec["n"]))
        t0 = time.perf_counter()
        g = grounded(framework(m))
        t1 = time.perf_counter()
        s = strengths(qbaf(m), "df-quad")
        t2 = time.perf_counter()
        return {"grounded": t1 - t0, "dfquad": t2 - t1, "in": len(g), "claims": len(m.claims), "strengths": len(s)}
    if task == "dfquad":
        rng = random.Random(spec["seed"])
        n = spec["n"]
        base = [rng.random() for _ in range(n)]
        edges = [(i, rng.randrange(i)) for i in range(1, n)]
        att = [(f"a{i}", f"a{j}") for k, (i, j) in enumerate(edges) if k % 2]
        sup = [(f"a{i}", f"a{j}") for k, (i, j) in enumerate(edges) if not k % 2]
        names = [f"a{i}" for i in range(n)]
        if spec["lib"] == "argmap":
            from argmap.semantics import QBAF, strengths

            q = QBAF(dict(zip(names, base)), att, sup)
            t = time.perf_counter()
            s = strengths(q, "df-quad")
            solve = time.perf_counter() - t
        else:
            from argumentation.gradual.dfquad import dfquad_strengths
            from argumentation.gradual.gradual import WeightedBipolarGraph

            g = WeightedBipolarGraph(
                arguments=frozenset(names),
                initial_weights=dict(zip(names, base)),
                attacks=frozenset(att),
                supports=frozenset(sup),
            )
            t = time.perf_counter()
            s = dfquad_strengths(g).strengths
            solve = time.perf_counter() - t
        return {"solve": solve, "check": round(sum(s.values()), 6)}
    if task == "structured":
        from argmap.errors import SemanticsLimitError
        from argmap.semantics import Framework, extensions

        args, atts = structured_af(spec["shape"], spec["n"])
        f = Framework(args, atts)
        t = time.perf_counter()
        try:
            got = f"{len(extensions(f, spec['sem'], backend='python', max_extensions=spec['most']))} ext."
        except SemanticsLimitError as e:
            got = f"past {e.limit}"
        return {"solve": time.perf_counter() - t, "got": got}
    if task == "labels":
        # evaluate() on a map read from an ICCMA file, as `argmap eval` does.
        import argmap
        from argmap.errors import SemanticsLimitError
        from argmap.semantics import evaluate

        m = argmap.load(spec["path"])
        t = time.perf_counter()
        try:
            values = evaluate(m, spec["sem"])
            got = " ".join(f"{v} {sum(1 for x in values.values() if x == v)}" for v in ("in", "out", "undec"))
        except SemanticsLimitError as e:
            got = f"past {e.limit}"
        return {"solve": time.perf_counter() - t, "got": got}
    if task == "grounded":
        args, atts = sparse_af(spec["n"], spec["seed"])
    else:
        args, atts = random_af(spec["n"], spec["p"], spec["seed"])
    t = time.perf_counter()
    exts = _solve(spec["lib"], spec["sem"], args, atts)
    solve = time.perf_counter() - t
    return {"solve": solve, "extensions": sorted(exts)}


# --------------------------------------------------------------------------
# Driver


def run(spec: dict, timeout: float, repeat: int = 3) -> dict:
    """Run *spec* in a fresh process; a run under 5 s is repeated up to
    *repeat* times and the fastest kept (as timeit does), so that one slow
    start-up does not decide a cell."""
    best = run_once(spec, timeout)
    for _ in range(repeat - 1):
        if best["status"] != "ok" or best["wall"] > 5:
            break
        r = run_once(spec, timeout)
        if r["status"] == "ok" and r["wall"] < best["wall"]:
            best = r
    return best


def run_once(spec: dict, timeout: float) -> dict:
    t = time.perf_counter()
    try:
        proc = subprocess.run(
            [sys.executable, __file__, "--worker", json.dumps(spec)],
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=ROOT,
        )
    except subprocess.TimeoutExpired:
        return {"status": "timeout"}
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["?"])[-1]
        return {"status": "fails", "note": last[:120]}
    out = json.loads(proc.stdout)
    out.update(status="ok", wall=wall)
    return out


def available(lib: str) -> bool:
    if lib == "argmap auto":
        return available("argmap") and available("clingo")
    mod = {
        "argmap": "argmap",
        "pygarg": "pysat",
        "clingo": "clingo",
        "formal-argumentation": "argumentation",
        "PyArg": "py_arg",
    }[lib]
    try:
        __import__(mod)
        if lib == "pygarg":
            __import__("pygarg")
    except ImportError:
        return False
    return True


def cell(r: dict, timeout: float) -> str:
    if r["status"] == "timeout":
        return f"> {timeout:g} s" + ("²" if r.get("skipped") else "")
    if r["status"] == "fails":
        return "fails"
    return f"{r['wall']:.3f} s" if r["wall"] < 1 else f"{r['wall']:.2f} s"


def versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    parts = []
    for dist in ("argmap", "python-argumentation", "formal-argumentation", "pygarg", "python-sat", "clingo"):
        try:
            parts.append(f"{dist} {version(dist)}")
        except PackageNotFoundError:
            parts.append(f"{dist} (not installed)")
    return ", ".join(parts)


def structured_table(T: float, quick: bool) -> list[str]:
    """The "independent parts" table: argmap alone (whole process, and the
    solving time inside it), every Dung semantics, at the default limit and
    with every extension asked for."""
    sems = ("grounded", "complete", "preferred", "stable", "semi-stable", "ideal")
    shapes: list[tuple[str, int]] = [("cycles", k) for k in ((10,) if quick else (10, 14, 18))]
    shapes += [("chain", 100_000), ("tree", 100_000)] if not quick else []
    if PROBO.is_dir():
        shapes += [(p.name, 0) for p in sorted(PROBO.glob("*.apx"))]
    lines = [
        "## Independent parts and SCCs",
        "",
        "k disjoint pairs of arguments that attack each other (2^k preferred and stable extensions, 3^k "
        "complete ones), a chain and a random tree of 100,000 arguments, and the ICCMA (probo) files of "
        '`../shared/corpora/iccma/probo` when present; `extensions(f, sem, backend="python")` in a fresh '
        "process, the solving time in brackets: first with the default `max_extensions` (1,000), then "
        "with `max_extensions=1,000,000`. `past max_extensions` is the limit's error, as it should be.",
        "",
        "| framework | max | " + " | ".join(sems) + " |",
        "|---|---|" + "---|" * len(sems),
    ]
    for shape, n in shapes:
        name = f"{n} pairs" if shape == "cycles" else f"{shape} {n:,}" if n else shape
        for most in (1_000, 1_000_000):
            row = []
            for sem in sems:
                r = run({"task": "structured", "shape": shape, "n": n, "sem": sem, "most": most}, T)
                c = cell(r, T)
                if r["status"] == "ok":
                    c += f" ({r['solve']:.3f} s, {r['got']})"
                row.append(c)
            lines.append(f"| {name} | {most:,} | " + " | ".join(row) + " |")
            print(name, most, row, file=sys.stderr)
    return [*lines, ""]


def cpu_run(cmd: list[str], timeout: float, repeat: int = 3) -> dict:
    """Run *cmd* *repeat* times, each a fresh process; the least CPU time
    (user + system) of the whole process, its exit status and output."""
    best: dict = {"status": "timeout"}
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=ROOT)
        except subprocess.TimeoutExpired:
            return {"status": "timeout"}
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        if best["status"] == "timeout" or cpu < best["cpu"]:
            best = {"status": "ok", "cpu": cpu, "code": proc.returncode, "out": proc.stdout, "err": proc.stderr}
    return best


def labels_table(T: float, quick: bool) -> list[str]:
    """The "sceptical labels" table: `argmap eval --semantics S FILE` and
    evaluate() in a fresh process on k disjoint pairs of arguments that
    attack each other and on the probo files, whole-process CPU time."""
    sems = ("complete", "preferred", "stable", "semi-stable")
    tmp = Path(tempfile.mkdtemp(prefix="argmap-bench-"))
    files: list[tuple[str, Path]] = []
    for k in (10, 18) if quick else (10, 18, 30):
        args, atts = structured_af("cycles", k)
        path = tmp / f"pairs{k}.apx"
        path.write_text("".join(f"arg({a}).\n" for a in args) + "".join(f"att({a},{b}).\n" for a, b in atts))
        files.append((f"{k} pairs", path))
    if PROBO.is_dir():
        files += [(p.name, p) for p in sorted(PROBO.glob("*.apx"))]
    command = str(Path(sys.executable).with_name("argmap"))
    lines = [
        "## Sceptical labels of independent parts",
        "",
        "k disjoint pairs of arguments that attack each other (2^k preferred and stable extensions, 3^k "
        "complete ones) and the ICCMA (probo) files when present, each an `.apx` file: `argmap eval "
        "--semantics S FILE --json` and `evaluate(argmap.load(FILE), S)`, each in a fresh process; the "
        "least CPU time (user + system) of the whole process in 3 runs. Goal: the labels of every "
        "argument (how many in, out, undec) at every k, without listing the 2^k extensions of the whole "
        "(which stopped at the default `max_extensions`, 1,000, with `past max_extensions`).",
        "",
        "| framework | semantics | argmap eval (CPU) | evaluate (CPU) | labels | goal |",
        "|---|---|---|---|---|---|",
    ]
    for name, path in files:
        for sem in sems:
            rc = cpu_run([command, "eval", "--semantics", sem, "--json", str(path)], T)
            spec = {"task": "labels", "path": str(path), "sem": sem}
            ra = cpu_run([sys.executable, __file__, "--worker", json.dumps(spec)], T)
            cells = []
            for r in (rc, ra):
                if r["status"] != "ok":
                    cells.append(f"> {T:g} s")
                elif r["code"] not in (0, 1):
                    cells.append("fails")
                else:
                    cells.append(f"{r['cpu']:.3f} s")
            got = json.loads(ra["out"])["got"] if ra["status"] == "ok" and ra["code"] == 0 else "?"
            if rc["status"] == "ok" and rc["code"] == 1 and "more than" in rc["err"]:
                got += " (eval: past max_extensions)"
            met = rc["status"] == "ok" and rc["code"] == 0 and not got.startswith(("past", "?"))
            goal = "met" if met else "not met"
            lines.append(f"| {name} | {sem} | {cells[0]} | {cells[1]} | {got} | {goal} |")
            print(name, sem, cells, got, file=sys.stderr)
    return [*lines, ""]


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", help="write the Markdown report here (default: print it)")
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds before a run is stopped")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--quick", action="store_true", help="small sizes only (a smoke test)")
    ap.add_argument("--labels", action="store_true", help="only the table of sceptical labels of independent parts")
    a = ap.parse_args(argv)
    if a.worker:
        print(json.dumps(worker(json.loads(a.worker))))
        return 0
    T = a.timeout
    # Byte-compile argmap first, as pip does for the peers when it installs
    # them: an editable install under PYTHONDONTWRITEBYTECODE would otherwise
    # compile argmap's sources again in every worker.
    compileall.compile_dir(str(ROOT / "argmap"), quiet=1)
    if a.labels:
        print("\n".join(labels_table(T, a.quick)))
        return 0
    libs = [lib for lib in PEERS if available(lib)]
    lines = [
        "# Benchmarks: semantics",
        "",
        "<!-- Generated by `make bench` (tests/benchmarks/semantics.py --out docs/benchmarks-semantics.md); do not edit by hand. -->",
        "",
        f"argmap.semantics beside {', '.join(lib for lib in libs if not lib.startswith('argmap'))}, in one run on "
        f"{_dt.date.today().isoformat()}: {platform.processor() or platform.machine()}, "
        f"Python {platform.python_version()}; {versions()}.",
        "",
        "Each cell is one fresh process, timed whole (start-up, imports, building the framework, solving), "
        f"stopped after {T:g} s; a cell under 5 s is the fastest of 3 such runs. argmap's time inside the "
        'process follows in brackets. `argmap` is the pure-Python search (`backend="python"`); '
        '`argmap auto` is the default `backend="auto"` with the clingo extra installed, which hands '
        "clingo the frameworks whose grounded labelling leaves 150 or more arguments undecided, with "
        "fewer than 14 attackers each among them (docs/evaluation.md). argmap is byte-compiled first, "
        "as pip compiles the peers. "
        "`fails` means the library raised (for example formal-argumentation's subset enumeration refuses "
        "more than 65,536 candidates). ² not run: the library already took longer than that on a "
        "smaller or sparser framework of the same table.",
        "",
    ]
    sizes = (1_000, 10_000) if a.quick else (1_000, 10_000, 100_000)
    lines += [
        "## Grounded extension (n arguments, n random attacks)",
        "",
        "| n | " + " | ".join(libs) + " |",
        "|---|" + "---|" * len(libs),
    ]
    for n in sizes:
        row, ref = [], None
        for lib in libs:
            r = run({"task": "grounded", "lib": lib, "sem": "grounded", "n": n, "seed": 1}, T)
            c = cell(r, T)
            if lib == "argmap" and r["status"] == "ok":
                c += f" ({r['solve']:.3f} s)"
                ref = r["extensions"]
            elif r["status"] == "ok" and ref is not None and r["extensions"] != ref:
                c += " (differs!)"
            row.append(c)
        lines.append(f"| {n:,} | " + " | ".join(row) + " |")
    lines += [
        "",
        "## DF-QuAD strengths (random acyclic QBAF)",
        "",
        "| n | argmap | formal-argumentation |",
        "|---|---|---|",
    ]
    for n in (10_000,) if a.quick else (10_000, 100_000):
        ra = run({"task": "dfquad", "lib": "argmap", "n": n, "seed": 2}, T)
        rf = (
            run({"task": "dfquad", "lib": "formal-argumentation", "n": n, "seed": 2}, T)
            if "formal-argumentation" in libs
            else {"status": "fails"}
        )
        same = ""
        if ra["status"] == rf["status"] == "ok":
            same = " (same sum)" if abs(ra["check"] - rf["check"]) < 1e-3 else " (differs!)"
        lines.append(f"| {n:,} | {cell(ra, T)} ({ra.get('solve', 0):.3f} s) | {cell(rf, T)}{same} |")
    lines += [
        "",
        "## On an argument map",
        "",
        "The 100,000-claim argument tree of docs/benchmarks.md (tests/benchmarks/shapes.py: 2 to 4 "
        "premises per claim, 30 % attacks, linked premises and undercuts), built untimed; timed inside "
        "the process: projecting it with `framework(m)` and computing `grounded`, and projecting it "
        "with `qbaf(m)` (base score 0.5) and computing DF-QuAD strengths.",
        "",
        "| claims | framework + grounded | qbaf + DF-QuAD |",
        "|---|---|---|",
    ]
    rm = run({"task": "map", "lib": "argmap", "n": 10_000 if a.quick else 100_000}, T)
    if rm["status"] == "ok":
        lines.append(f"| {rm['claims']:,} | {rm['grounded']:.3f} s | {rm['dfquad']:.3f} s |")
    else:
        lines.append(f"| - | {cell(rm, T)} | {cell(rm, T)} |")
    lines += [
        "",
        "## Preferred and stable extensions (ICCMA-style random frameworks)",
        "",
        "Extensions: how many argmap found; `= clingo` when clingo's set of extensions is the same.",
        "",
    ]
    lines += structured_table(T, a.quick)
    lines += labels_table(T, a.quick)
    cases = [(n, p) for n in (50, 100, 200) for p in (0.02, 0.05, 0.1)]
    if a.quick:
        cases = cases[:3]
    gave_up: dict = {}
    for sem in ("preferred", "stable"):
        lines += [
            f"### {sem}",
            "",
            "| n | p | extensions | " + " | ".join(libs) + " |",
            "|---|---|---|" + "---|" * len(libs),
        ]
        for n, p in cases:
            spec = {"task": "dung", "sem": sem, "n": n, "p": p, "seed": n * 1000 + int(p * 100)}
            res = {}
            for lib in libs:
                # A library that timed out on a smaller, sparser framework is not run again.
                if any(n0 <= n and p0 <= p for n0, p0 in gave_up.get((sem, lib), ())):
                    res[lib] = {"status": "timeout", "skipped": True}
                    continue
                res[lib] = run({**spec, "lib": lib}, T)
                if res[lib]["status"] == "timeout":
                    gave_up.setdefault((sem, lib), []).append((n, p))
            ours = res["argmap"]
            check = ""
            if "clingo" in res and res["clingo"]["status"] == "ok" and ours["status"] == "ok":
                check = " = clingo" if res["clingo"]["extensions"] == ours["extensions"] else " (clingo differs!)"
            count = len(ours["extensions"]) if ours["status"] == "ok" else "?"
            row = []
            for lib in libs:
                c = cell(res[lib], T)
                if lib == "argmap" and ours["status"] == "ok":
                    c += f" ({ours['solve']:.3f} s)"
                elif (
                    lib != "argmap"
                    and res[lib]["status"] == "ok"
                    and ours["status"] == "ok"
                    and res[lib]["extensions"] != ours["extensions"]
                ):
                    c += " (differs)"
                row.append(c)
            lines.append(f"| {n} | {p} | {count}{check} | " + " | ".join(row) + " |")
            print(sem, n, p, row, file=sys.stderr)
        lines.append("")
    text = "\n".join(lines) + "\n"
    if a.out:
        Path(a.out).write_text(text, encoding="utf-8")
        print(f"wrote {a.out}")
    else:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
