"""argmap's benchmark: argmap against arguebuf, side by side, in one run.

    python tests/benchmarks/run.py --out docs/benchmarks.md

For argument trees of 1,000 / 10,000 / 100,000 claims (and one chain of
100,000 claims, each supporting the one before), it measures four operations
for each library: build + validate, write JSON, read JSON and produce DOT
source.  Each measurement runs in a fresh subprocess (``run.py --worker ...``)
that imports the library, builds the input and does any set-up first (the
document to read is the one the write measurement produced), then
times the one operation and reads the peak resident memory it added.  The
best time of ``--runs`` subprocesses is reported; an operation slower than
``--slow`` seconds is run once.  The report is Markdown with a fixed layout.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import gc
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import ops  # noqa: E402
import shapes  # noqa: E402

LIBS = ("argmap", "arguebuf")
OPS = ("build", "dumps", "loads", "dot")
OP_TITLES = {
    "build": "Build + validate",
    "dumps": "Write JSON",
    "loads": "Read JSON",
    "dot": "DOT source",
}
OP_DESCRIPTIONS = {
    "build": (
        "argmap: the `MapBuilder` calls (`claim`, `support`, `attack`, `undercut`, linked premises "
        "as lists) and `build()`, which validates the whole map. arguebuf: `AtomNode`, `SchemeNode` "
        "(a `Support`/`Attack` scheme per inference) and `Edge` objects added to a `Graph` with "
        "`add_node`/`add_edge` (which check ids and types; arguebuf has no separate validation step)."
    ),
    "dumps": (
        "argmap: `argmap.dumps(m)`, its versioned JSON document. arguebuf: `arguebuf.dump.json(g, f)` "
        "into a `StringIO`, its native format (the protobuf graph as JSON via `MessageToDict`, "
        "indented, with per-node metadata)."
    ),
    "loads": (
        "argmap: `argmap.loads(text)`, which checks the document's shape and validates the map. "
        "arguebuf: `arguebuf.load.json(StringIO(text))` (protobuf `ParseDict`, then the graph)."
    ),
    "dot": (
        "argmap: `argmap.render.to_dot(m)`, the DOT source as a string (no Graphviz run). "
        "arguebuf: `arguebuf.dump.graphviz(g, max_nodes=10**9).source` (the `graphviz.Digraph` "
        "it builds, as source; its default `max_nodes=1000` would return `None` above 1,000 nodes)."
    ),
}


# --------------------------------------------------------------------------
# Worker: one measurement in a fresh process


def _status_kb(key: str) -> int | None:
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def _trim() -> None:
    """Hand the set-up's freed memory back to the system (glibc), so that the
    operation cannot reuse it unseen and the RSS before it is the live data."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def _reset_peak() -> bool:
    """Reset the kernel's peak-RSS mark (VmHWM) to the current RSS."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def worker(lib: str, op: str, shape: str, n: int, cache: str | None = None) -> dict[str, Any]:
    ops.warm_imports(lib)
    spec = shapes.SHAPES[shape](n)
    # The JSON text written by the "dumps" measurement is kept in *cache* for
    # the "loads" set-up: arguebuf needs half a minute to remake it at 100,000.
    doc = Path(cache, f"{lib}-{shape}-{n}.json") if cache else None
    text = doc.read_text(encoding="utf-8") if op == "loads" and doc is not None and doc.exists() else None
    try:
        fn = ops.PREPARE[lib](op, spec, text)
    except ImportError as e:
        return {"status": "n/a", "error": f"not available: {e}"}
    except BaseException as e:  # reported, e.g. a RecursionError in set-up
        return {"status": "error", "error": f"set-up failed: {type(e).__name__}: {str(e)[:200]}"}
    gc.collect()
    _trim()
    hwm = _reset_peak() and _status_kb("VmHWM") is not None
    rss_before = _status_kb("VmRSS") if hwm else None
    maxrss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    try:
        t0 = time.perf_counter()
        result = fn()
        seconds = time.perf_counter() - t0
    except BaseException as e:  # reported in the table
        return {"status": "error", "error": f"{type(e).__name__}: {str(e)[:200]}"}
    if hwm:
        peak_kb = _status_kb("VmHWM") - rss_before  # type: ignore[operator]
        method = "VmHWM"
    else:  # no /proc: growth of the lifetime peak, an underestimate after a big set-up
        peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - maxrss_before
        method = "ru_maxrss"
    out = {"status": "ok", "seconds": seconds, "peak_mb": max(peak_kb, 0) / 1024, "memory_method": method}
    if isinstance(result, str):
        out["size"] = len(result.encode("utf-8"))
        if op == "dumps" and doc is not None and not doc.exists():
            tmp = doc.with_name(doc.name + ".tmp")
            tmp.write_text(result, encoding="utf-8")
            tmp.replace(doc)
    return out


# --------------------------------------------------------------------------
# Whole process: start-up, imports, reading the input, build, validate, DOT

WHOLE_TITLE = "Whole process: build + validate + DOT"

#: Run as ``python -c WHOLE_CODE BENCH_DIR LIB SPEC.json``: everything a
#: command-line tool would do, from an empty interpreter to the DOT text.
WHOLE_CODE = """
import json, sys
sys.path.insert(0, sys.argv[1])
import ops
with open(sys.argv[3], encoding="utf-8") as f:
    spec = json.load(f)
if sys.argv[2] == "argmap":
    from argmap.render import to_dot
    dot = to_dot(ops.argmap_build(spec))
else:
    import arguebuf
    dot = arguebuf.dump.graphviz(ops.arguebuf_build(spec), max_nodes=10**9).source
sys.stdout.write(str(len(dot)))
"""

#: Times and measures one child process from outside: wall time, CPU time
#: and peak resident memory of the whole process (``ru_maxrss``).
TIMER_CODE = """
import json, resource, subprocess, sys, time
t0 = time.perf_counter()
p = subprocess.run(sys.argv[1:], capture_output=True)
s = time.perf_counter() - t0
u = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"seconds": s, "cpu": u.ru_utime + u.ru_stime, "mb": u.ru_maxrss / 1024,
                  "rc": p.returncode, "err": p.stderr.decode(errors="replace")[-300:]}))
"""


def measure_whole(lib: str, spec_path: Path, runs: int, timeout: float) -> dict[str, Any]:
    """The best of *runs* whole processes of *lib* on the spec in *spec_path*."""
    best: dict[str, Any] | None = None
    for _ in range(runs):
        cmd = [sys.executable, "-c", TIMER_CODE, sys.executable, "-c", WHOLE_CODE, str(HERE), lib, str(spec_path)]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
            r = json.loads(proc.stdout)
        except (subprocess.TimeoutExpired, ValueError) as e:
            return {"status": "error", "error": str(e)[:200]}
        if r["rc"] != 0:
            return {"status": "error", "error": r["err"].strip().splitlines()[-1:] or "failed"}
        if best is None or r["seconds"] < best["seconds"]:
            best = r
    assert best is not None
    return best | {"status": "ok"}


def whole_results(n: int, runs: int, timeout: float, libs: set[str]) -> dict[str, dict[str, Any]]:
    spec = shapes.tree(n)
    with tempfile.TemporaryDirectory(prefix="argmap-whole-") as tmp:
        spec_path = Path(tmp) / "spec.json"
        spec_path.write_text(json.dumps(spec), encoding="utf-8")
        out: dict[str, dict[str, Any]] = {}
        for lib in LIBS:
            if lib not in libs:
                out[lib] = {"status": "n/a", "error": "not measured in this run"}
                continue
            out[lib] = measure_whole(lib, spec_path, runs, timeout)
            print(f"{WHOLE_TITLE} {n:,} {lib}: {out[lib]}", file=sys.stderr, flush=True)
    return out


def whole_section(r: dict[str, dict[str, Any]], n: int, runs: int) -> list[str]:
    """The report's section on the whole processes (*r*: lib -> result)."""

    def cell(x: dict[str, Any]) -> list[str]:
        if x["status"] != "ok":
            return [x["status"], x["status"]]
        return [f"{x['seconds']:.2f} s ({x['cpu']:.2f} s)", f"{x['mb']:.0f} MB"]

    a, b = r["argmap"], r["arguebuf"]
    ratio = f"{b['seconds'] / a['seconds']:.1f}×" if a["status"] == b["status"] == "ok" else "n/a"
    cpu_ratio = f"{b['cpu'] / a['cpu']:.1f}×" if a["status"] == b["status"] == "ok" else "n/a"
    lines = [
        f"## {WHOLE_TITLE}",
        "",
        f"Measured {_dt.date.today().isoformat()}, load average {os.getloadavg()[0]:.1f} when this section began. "
        f"One process per run, timed from outside from start to exit: the interpreter's start-up, the imports, "
        f"reading the input (the tree of {n:,} claims as a JSON list of texts and relations), building and "
        "validating the map (argmap: `MapBuilder` and `build()`; arguebuf: its `Graph`), and the DOT text "
        "(argmap: `to_dot`; arguebuf: `dump.graphviz(..., max_nodes=10**9).source`). Wall-clock time, best "
        f"of {runs} runs each, with the process's CPU time in brackets; memory is the process's peak resident set "
        "(`ru_maxrss`). `python tests/benchmarks/run.py --whole-only --out docs/benchmarks.md` measures this "
        "section again and leaves the rest of the page as it is.",
        "",
        "| input | argmap time (CPU) | argmap peak memory | arguebuf time (CPU) | arguebuf peak memory | arguebuf / argmap (CPU) |",
        "|---|---:|---:|---:|---:|---:|",
        "| " + " | ".join([row_label("tree", n), *cell(a), *cell(b), f"{ratio} ({cpu_ratio})"]) + " |",
        "",
    ]
    if a["status"] == b["status"] == "ok":
        met = b["seconds"] / a["seconds"] >= 13 and a["mb"] <= 200
        lines += [
            f"Target (issue 14): at least 13× arguebuf and at most 200 MB: measured {ratio} by wall-clock "
            f"time ({cpu_ratio} by CPU time) and {a['mb']:.0f} MB: {'met' if met else 'not met'}.",
            "",
        ]
    return lines


def splice_section(page: str, section: list[str]) -> str:
    """*page* with its section of the same heading replaced by *section*
    (added before the notes when the page has none)."""
    lines = page.split("\n")
    head = section[0]
    if head in lines:
        start = lines.index(head)
        end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
        lines[start:end] = section
    else:
        at = lines.index("## Notes") if "## Notes" in lines else len(lines)
        lines[at:at] = section
    return "\n".join(lines)


# --------------------------------------------------------------------------
# Orchestration


def measure(
    lib: str, op: str, shape: str, n: int, runs: int, slow: float, timeout: float, cache: str
) -> dict[str, Any]:
    results: list[dict[str, Any]] = []
    for _ in range(runs):
        cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", lib, op, shape, str(n), "--cache", cache]
        started = time.perf_counter()
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            results.append({"status": "error", "error": f"timed out after {timeout:.0f} s"})
            break
        last = proc.stdout.strip().splitlines()[-1:] if proc.stdout.strip() else []
        try:
            r = json.loads(last[0]) if last else None
        except ValueError:
            r = None
        if r is None:
            tail = (proc.stderr.strip().splitlines() or ["no output"])[-1]
            r = {"status": "error", "error": f"worker exited with {proc.returncode}: {tail[:200]}"}
        r["wall"] = time.perf_counter() - started
        results.append(r)
        if r["status"] != "ok" or r["seconds"] > slow:
            break
    ok = [r for r in results if r["status"] == "ok"]
    if not ok:
        return results[-1] | {"runs": len(results)}
    best = min(ok, key=lambda r: r["seconds"])
    return {
        "status": "ok",
        "seconds": best["seconds"],
        "peak_mb": max(r["peak_mb"] for r in ok),
        "memory_method": best["memory_method"],
        "size": best.get("size"),
        "runs": len(ok),
    }


def rows(sizes: list[int], chain: int) -> list[tuple[str, int]]:
    out = [("tree", n) for n in sizes]
    if chain:
        out.append(("chain", chain))
    return out


# --------------------------------------------------------------------------
# Report


def _read(path: str) -> str:
    try:
        return Path(path).read_text()
    except OSError:
        return ""


def machine() -> dict[str, str]:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in _read("/proc/cpuinfo").splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or platform.machine(),
    )
    mem = next((line.split()[1] for line in _read("/proc/meminfo").splitlines() if line.startswith("MemTotal:")), None)
    os_name = next(
        (
            line.split("=", 1)[1].strip().strip('"')
            for line in _read("/etc/os-release").splitlines()
            if line.startswith("PRETTY_NAME=")
        ),
        platform.system(),
    )
    from importlib.metadata import PackageNotFoundError, version

    def ver(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "not installed"

    return {
        "CPU": cpu,
        "Cores": str(os.cpu_count()),
        "RAM": f"{int(mem) / 1024 / 1024:.1f} GiB" if mem else "unknown",
        "OS": f"{os_name} (Linux {platform.release()})"
        if platform.system() == "Linux"
        else f"{os_name} {platform.release()}",
        "Python": f"{platform.python_version()} ({platform.python_implementation()})",
        "Packages": ", ".join(f"{p} {ver(p)}" for p in ("argmap", "arguebuf", "attrs", "graphviz", "protobuf")),
    }


def fmt_time(r: dict[str, Any]) -> str:
    if r["status"] != "ok":
        return "n/a" if r["status"] == "n/a" else "fails"
    s = r["seconds"]
    t = f"{s * 1000:.1f} ms" if s < 0.1 else f"{s:.2f} s"
    return t + ("" if r["runs"] > 1 else " ¹")


def fmt_mem(r: dict[str, Any]) -> str:
    if r["status"] != "ok":
        return "n/a" if r["status"] == "n/a" else "fails"
    return f"{r['peak_mb']:.1f} MB"


def fmt_size(r: dict[str, Any]) -> str:
    if r["status"] != "ok" or r.get("size") is None:
        return "–"
    return f"{r['size'] / 1e6:.1f} MB"


def fmt_ratio(a: dict[str, Any], b: dict[str, Any]) -> str:
    if a["status"] != "ok" or b["status"] != "ok" or a["seconds"] <= 0:
        return "–"
    return f"{b['seconds'] / a['seconds']:.1f}×"


def row_label(shape: str, n: int) -> str:
    return f"tree, {n:,} claims" if shape == "tree" else f"chain, {n:,} claims (depth {n - 1:,})"


def report(
    results: dict[tuple[str, str, str, int], dict[str, Any]], sizes: list[int], chain: int, args: argparse.Namespace
) -> str:
    info = machine()
    methods = {r.get("memory_method") for r in results.values() if r["status"] == "ok"}
    lines = [
        "# Benchmarks",
        "",
        "<!-- Generated by `make bench` (tests/benchmarks/run.py --out docs/benchmarks.md); do not edit by hand. -->",
        "",
        "argmap against [arguebuf](https://pypi.org/project/arguebuf/), the nearest Python peer "
        "(argument graphs with a graphviz export), measured side by side in the same run.",
        "",
        "## Machine",
        "",
        "| | |",
        "|---|---|",
    ]
    lines += [f"| {k} | {v} |" for k, v in info.items()]
    lines += [f"| Date | {_dt.datetime.now(_dt.UTC):%Y-%m-%d} |", ""]
    lines += [
        "## Method",
        "",
        "- Input: a deterministic argument tree (`tests/benchmarks/shapes.py`, seeded random): breadth-first, "
        "every expanded claim gets 2 to 4 premises; about 30 % of inferences attack, 15 % are linked "
        "(two premises), 3 % are undercuts (an attack on an inference); claim texts are 8 to 16 words. "
        "Both libraries build exactly the same structure with the same ids "
        "(claims `c1…`, inferences `r1…`; arguebuf: one scheme node per inference, one edge per premise "
        "and one to the target, explicit ids so that no uuids are drawn). "
        f"The chain has {chain:,} claims, each supporting the one before it."
        if chain
        else "- Input: a deterministic argument tree (`tests/benchmarks/shapes.py`, seeded random).",
        "- Each measurement runs in a fresh Python subprocess: it imports the library, builds the input and "
        "does the operation's set-up (for example builds the map to be written), runs `gc.collect()`, then runs "
        "the operation once. Python's garbage collector stays on, with its default thresholds.",
        f"- Time: `time.perf_counter()` around the operation; the best of {args.runs} subprocesses. "
        f"An operation that takes more than {args.slow:g} s is run once (marked ¹).",
    ]
    if methods <= {"VmHWM"}:
        lines.append(
            "- Peak memory: the growth of the process's resident set during the operation: the kernel's "
            "peak-RSS mark (`VmHWM`, which `getrusage` reports as `ru_maxrss`) is reset through "
            "`/proc/self/clear_refs` just before the operation and read just after it, minus the RSS "
            "before it (taken after `gc.collect()` and glibc's `malloc_trim(0)`, so that memory freed by "
            "the set-up is not silently reused). It excludes the interpreter, the imports, the input and the set-up, and includes "
            "the operation's result (the map, the JSON text, the DOT text), which is still alive when the "
            "peak is read. It counts native allocations too (arguebuf's protobuf runtime). The highest of "
            "the runs is reported. Measuring it costs nothing during the operation, so one run gives both numbers."
        )
    else:
        lines.append(
            "- Peak memory: growth of `resource.getrusage(RUSAGE_SELF).ru_maxrss` over the operation "
            "(`/proc/self/clear_refs` was not available, so a set-up that peaked higher hides the operation's peak)."
        )
    lines += [
        "- `fails` means the operation raised (the note says what); `n/a` means the function does not exist "
        "in this checkout. `arguebuf / argmap` is the ratio of the times.",
        "",
    ]
    notes: list[str] = []
    for op in OPS:
        lines += [f"## {OP_TITLES[op]}", "", OP_DESCRIPTIONS[op], ""]
        sized = op in ("dumps", "dot")
        head = "| input | argmap time | argmap peak memory | arguebuf time | arguebuf peak memory | arguebuf / argmap |"
        rule = "|---|---:|---:|---:|---:|---:|"
        if sized:
            head += " argmap output | arguebuf output |"
            rule += "---:|---:|"
        lines += [head, rule]
        for shape, n in rows(sizes, chain):
            a, b = results[("argmap", op, shape, n)], results[("arguebuf", op, shape, n)]
            cells = [row_label(shape, n), fmt_time(a), fmt_mem(a), fmt_time(b), fmt_mem(b), fmt_ratio(a, b)]
            if sized:
                cells += [fmt_size(a), fmt_size(b)]
            lines.append("| " + " | ".join(cells) + " |")
            for lib, r in (("argmap", a), ("arguebuf", b)):
                if r["status"] != "ok":
                    notes.append(f"{OP_TITLES[op]}, {row_label(shape, n)}, {lib}: {r['error']}")
        lines.append("")
    lines += ["## Targets (issue 2, 100,000 claims)", ""]
    for op, limit_s, limit_mb in (("build", 0.7, 200.0), ("dot", 1.0, None)):
        if not sizes:
            break
        n = max(sizes)
        r = results[("argmap", op, "tree", n)]
        target = f"≤ {limit_s:g} s" + (f" and ≤ {limit_mb:g} MB" if limit_mb else "")
        if r["status"] != "ok":
            lines.append(f"- {OP_TITLES[op]}, tree of {n:,} claims (target {target}): {fmt_time(r)}.")
            continue
        met = r["seconds"] <= limit_s and (limit_mb is None or r["peak_mb"] <= limit_mb)
        measured = fmt_time(r) + (f", {fmt_mem(r)}" if limit_mb else "")
        lines.append(
            f"- {OP_TITLES[op]}, tree of {n:,} claims (target {target}): measured {measured}: {'met' if met else 'not met'}."
        )
    lines.append("")
    whole = getattr(args, "whole_results", None)
    if whole is not None:
        lines += whole_section(whole, max(sizes), args.runs)
    else:
        lines.pop()
    lines += ["", "## Notes", ""] if whole is None else ["## Notes", ""]
    notes = [
        "Absolute numbers move by 10 to 20 % between runs on this shared virtual machine; the ratios are steadier.",
        "Build + validate includes the benchmark's own loop over the input (a few per cent of argmap's time).",
        "arguebuf's graph keeps a creation and an update timestamp (pendulum) on every node and edge; "
        "that is part of its build time and memory and of its JSON.",
        "Outputs differ in content: argmap's JSON has one compact line per claim or relation; arguebuf's is "
        "indented protobuf JSON with metadata. argmap's DOT has role captions, HTML-like labels and a junction "
        "node for each linked inference; arguebuf's has a node per scheme.",
    ] + notes
    lines += [f"- {note}" for note in notes]
    lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--out", help="write the Markdown report here (default: print it)")
    p.add_argument("--sizes", default="1000,10000,100000", help="tree sizes, comma-separated")
    p.add_argument("--chain", type=int, default=100_000, help="length of the chain row (0: none)")
    p.add_argument("--runs", type=int, default=3, help="subprocesses per measurement; the best time counts")
    p.add_argument("--slow", type=float, default=3.0, help="run an operation once when it takes longer (s)")
    p.add_argument("--timeout", type=float, default=600.0, help="give up on one subprocess after this (s)")
    p.add_argument("--libs", default=",".join(LIBS), help="libraries to measure (the others show n/a)")
    p.add_argument(
        "--whole-only",
        action="store_true",
        help=f"measure only the section '{WHOLE_TITLE}' and replace it in --out, keeping the rest of the page",
    )
    p.add_argument("--worker", nargs=4, metavar=("LIB", "OP", "SHAPE", "N"), help=argparse.SUPPRESS)
    p.add_argument("--cache", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.worker:
        lib, op, shape, n = args.worker
        print(json.dumps(worker(lib, op, shape, int(n), args.cache)), flush=True)
        return 0
    with tempfile.TemporaryDirectory(prefix="argmap-bench-") as cache:
        return _run(args, cache)


def _run(args: argparse.Namespace, cache: str) -> int:
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    libs = set(args.libs.split(","))
    started = time.perf_counter()
    if args.whole_only:
        section = whole_section(whole_results(max(sizes), args.runs, args.timeout, libs), max(sizes), args.runs)
        if not args.out:
            sys.stdout.write("\n".join(section) + "\n")
            return 0
        out = Path(args.out)
        text = splice_section(out.read_text(encoding="utf-8"), section)
        tmp = out.with_name(out.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(out)
        print(f"updated {out} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        return 0
    results: dict[tuple[str, str, str, int], dict[str, Any]] = {}
    for op in OPS:
        for shape, n in rows(sizes, args.chain):
            for lib in LIBS:
                if lib not in libs:
                    results[(lib, op, shape, n)] = {"status": "n/a", "error": "not measured in this run"}
                    continue
                r = measure(lib, op, shape, n, args.runs, args.slow, args.timeout, cache)
                results[(lib, op, shape, n)] = r
                shown = f"{fmt_time(r)}, {fmt_mem(r)}" if r["status"] == "ok" else f"{r['status']}: {r.get('error')}"
                print(f"{OP_TITLES[op]:17s} {row_label(shape, n):40s} {lib:9s} {shown}", file=sys.stderr, flush=True)
    if sizes:
        args.whole_results = whole_results(max(sizes), args.runs, args.timeout, libs)
    text = report(results, sizes, args.chain, args)
    if args.out:
        out = Path(args.out)
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(out.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(out)
        print(f"wrote {out} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
