"""Hostile-input benchmark: does each parser, splitter, matcher, writer and
explainer stay linear on input crafted to be its worst case?

    python tests/benchmarks/hostile.py --out docs/benchmarks-hostile.md

Every case is a small named generator (``gen(n)``: the crafted input of size
*n*) and a command that reads it.  The generator runs here and writes its
input to a temporary file (untimed); the command is a whole child process,
``python -c CODE FILE`` or ``python -m argmap ...`` (the ``argmap`` command),
start-up and imports included, timed from its start to its exit with the
peak resident memory of the child from ``os.wait4``.  Each case runs at three
sizes n, 10n and 100n; the best of ``--runs`` runs counts, and a cell that
takes more than ``--slow`` seconds is run once.  A run is killed after
``--timeout`` seconds (shown as "> 60 s"), when it writes more than
``--max-output`` bytes, and its address space is capped at ``--max-memory``
(so a memory bomb ends in MemoryError instead of taking the machine).  The
100n cell is not run when the 10n cell took more than a tenth of the timeout:
even linear growth would time it out.

Growth is the ratio of times net of start-up (each case also runs on a
trivial input, the "start-up" column): about 10x per step is linear, about
100x quadratic.  The report is Markdown with a fixed layout.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as _dt
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

from argdown import make_tree  # noqa: E402 - the scripts beside this one, imported from HERE
from run import machine  # noqa: E402

# --------------------------------------------------------------------------
# Generators: gen(n) -> the input (text), each the worst we found for the code it stresses

WORDS = (
    "the coalition strikes may serve regime interests while rebels cannot exploit gains and "
    "civilians bear costs as territory changes hands under pressure from every side"
).split()


def _fill(unit: str, n: int, head: str = "") -> str:
    """*head* then *unit* repeated to *n* characters in all."""
    k = max(0, n - len(head)) // len(unit)
    return head + unit * k


def brackets(n: int) -> str:
    """A run of `[` (an unclosed title, at the start of the document)."""
    return "[" * n


def braces(n: int) -> str:
    """A statement followed by a run of `{` (unclosed inline YAML data)."""
    return _fill("{", n, "A ")


def angle_brackets(n: int) -> str:
    """A run of `<` (an unclosed argument title)."""
    return "<" * n


def mention_brackets(n: int) -> str:
    """A statement followed by `@[` repeated (unclosed mentions)."""
    return _fill("@[", n, "A ")


def html_comments(n: int) -> str:
    """A statement followed by `<!--` repeated (unclosed HTML comments)."""
    return _fill("<!--", n, "A ")


def link_brackets(n: int) -> str:
    """A statement followed by `[a](` repeated (unclosed links)."""
    return _fill("[a](", n, "A ")


def bracket_lines(n: int) -> str:
    """Lines of `[a`, each an unclosed title."""
    return _fill("[a\n", n)


def space_run(n: int) -> str:
    """One statement with a run of n spaces in the middle, between `A` and `B`."""
    return "A" + " " * max(0, n - 2) + "B"


def emphasis_marks(n: int) -> str:
    """A statement followed by `*a _b **c __d ` repeated (unclosed emphasis)."""
    return _fill("*a _b **c __d ", n, "A ")


def hashes(n: int) -> str:
    """A run of `#` at the start of a line (a heading of any level)."""
    return "#" * n


def arrows(n: int) -> str:
    """A statement followed by `+> ` repeated."""
    return _fill("+> ", n, "A ")


def backslashes(n: int) -> str:
    """A statement followed by a run of backslashes."""
    return _fill("\\", n, "A ")


def unclosed_comment(n: int) -> str:
    """A statement, then `/*` and words that never close the comment."""
    return _fill(" x", n, "A /*")


def long_line(n: int) -> str:
    """One statement of n characters of words."""
    return _fill(" word", n, "A")


def deep_indentation(n: int) -> str:
    """A statement and one reply indented by n spaces."""
    return "A\n" + " " * max(0, n - 8) + "+ B\n"


def argdown_tree(n: int) -> str:
    """An ordinary Argdown document of about n bytes: an indented tree of
    titled statements with support and attack (`argdown.py`'s `make_tree`)."""
    return make_tree(max(1, n // 60))


def _front_matter(body: str) -> str:
    return "===\n" + body + "\n===\n\n[A]: a\n"


def yaml_alias_levels(n: int) -> str:
    """YAML front matter of about n bytes: levels of lists, each holding ten
    aliases of the level below (`l2: &l2 [*l1, *l1, ...]`, the billion laughs)."""
    lines = ['l0: &l0 "lol"']
    size, i = len(lines[0]), 0
    while size < n - 20:
        i += 1
        line = f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 10) + "]"
        lines.append(line)
        size += len(line) + 1
    return _front_matter("\n".join(lines))


def yaml_alias_strings(n: int) -> str:
    """YAML front matter of about n bytes: one string of n/2 characters and a
    list of n/8 aliases of it (`s: &s "xxx..."`, `t: [*s, *s, ...]`); read
    and written back as JSON, the data grows to n^2/16 bytes."""
    s = "x" * (n // 2)
    return _front_matter(f's: &s "{s}"\nt: [' + ", ".join(["*s"] * max(1, n // 8)) + "]")


def yaml_hex_integer(n: int) -> str:
    """YAML front matter with a hexadecimal integer of n digits (`0xfff...`)."""
    return _front_matter("a: 0x" + "f" * n)


def yaml_octal_integer(n: int) -> str:
    """YAML front matter with an octal integer of n digits (`0o777...`)."""
    return _front_matter("a: 0o" + "7" * n)


def chain_json(n: int) -> str:
    """argmap JSON of a chain of n claims, each supporting the one before."""
    claims = [{"id": f"c{i}", "text": f"Claim number {i} of the chain."} for i in range(1, n + 1)]
    rels = [{"id": f"r{i}", "kind": "support", "premises": [f"c{i + 1}"], "target": f"c{i}"} for i in range(1, n)]
    return json.dumps({"argmap": 1, "claims": claims, "relations": rels}, separators=(",", ":"))


def tree_json(n: int) -> str:
    """argmap JSON of a tree of n claims, three replies per claim (breadth
    first; every third an attack)."""
    claims = [{"id": f"c{i}", "text": f"Claim number {i} of the tree."} for i in range(n)]
    rels = [
        {
            "id": f"r{i}",
            "kind": "attack" if i % 3 == 0 else "support",
            "premises": [f"c{i}"],
            "target": f"c{(i - 1) // 3}",
        }
        for i in range(1, n)
    ]
    return json.dumps({"argmap": 1, "claims": claims, "relations": rels}, separators=(",", ":"))


def dot_run(n: int) -> str:
    """A word followed by a run of dots and a letter: `A.......x`."""
    return "A" + "." * max(0, n - 2) + "x"


def spaced_dots(n: int) -> str:
    """A word followed by `. ` repeated (many one-dot sentences)."""
    return _fill(". ", n, "A")


def news_prose(n: int, seed: int = 3) -> str:
    """Ordinary prose of n characters: sentences of 6 to 20 words from a fixed
    list, some with "U.S." or "Mr.", paragraphs of 3 to 6 sentences."""
    rng = random.Random(seed)
    paras, size = [], 0
    while size < n:
        sents = []
        for _ in range(rng.randint(3, 6)):
            words = rng.choices(WORDS, k=rng.randint(6, 20))
            if rng.random() < 0.2:
                words.insert(rng.randrange(len(words)), rng.choice(["U.S.", "Mr. Obama", "3,200,000"]))
            sents.append(" ".join(words).capitalize() + rng.choice("...?!"))
        para = " ".join(sents)
        paras.append(para)
        size += len(para) + 2
    return "\n\n".join(paras)[:n]


def repeated_char(n: int) -> str:
    """One character repeated n times: `aaaa...` (one word, one sentence)."""
    return "a" * n


def deep_json(n: int) -> str:
    """JSON text of a value nested n deep: `{"a": {"a": ... 1 ...}}`."""
    return '{"a":' * n + "1" + "}" * n


def many_keys(n: int) -> str:
    """JSON text of an object of n keys: `{"k0": 0, "k1": 1, ...}`."""
    return "{" + ",".join(f'"k{i}":{i}' for i in range(n)) + "}"


def kialo_deep(n: int) -> str:
    """Kialo text of about n bytes: one chain as deep as fits
    (`1.` / `1.1. Pro: x` / `1.1.1. Con: x` ...; line d has 2d characters of number)."""
    lines, size, d = ["1. Thesis."], 10, 1
    while size < n:
        d += 1
        line = "1." * d + (" Pro: x" if d % 2 else " Con: x")
        lines.append(line)
        size += len(line) + 1
    return "\n".join(lines) + "\n"


def kialo_many(n: int) -> str:
    """Kialo text with n replies to the thesis (`1.1. Pro: x` ... `1.n. Con: x`)."""
    return "1. Thesis.\n" + "".join(f"1.{i}. {'Pro' if i % 2 else 'Con'}: Reason {i}.\n" for i in range(1, n + 1))


def dung_choices(n: int) -> str:
    """An argumentation framework with exactly n stable extensions, n = 2^a 5^b:
    a pairs of arguments attacking each other and b cliques of five
    (n = 1,000: 3 pairs and 3 cliques, 21 arguments)."""
    a = b = 0
    while n % 2 == 0:
        n, a = n // 2, a + 1
    while n % 5 == 0:
        n, b = n // 5, b + 1
    args, attacks = [], []
    for g, size in enumerate([2] * a + [5] * b):
        group = [f"g{g}x{i}" for i in range(size)]
        args += group
        attacks += [[x, y] for x in group for y in group if x != y]
    return json.dumps({"arguments": args, "attacks": attacks})


# --------------------------------------------------------------------------
# The commands that read the inputs


def _snippet(body: str) -> str:
    """``python -c`` code: read the file named by argv[1] as text (`text`),
    run *body*; an ArgmapError exits 1 with its class and message."""
    return (
        "import sys\n"
        "from argmap.errors import ArgmapError\n"
        "text = open(sys.argv[1], encoding='utf-8').read()\n"
        "try:\n" + "".join(f"    {line}\n" for line in body.strip().splitlines()) + "except ArgmapError as e:\n"
        "    sys.exit(f'{type(e).__name__}: {e}'[:300])\n"
    )


ARGDOWN_LOADS = _snippet("from argmap.formats.argdown import loads\nloads(text)")
SENTENCES = _snippet("from argmap.source import sentences\nsentences(text)")
# The quote files hold the source, a line "\0\n", then one quote per line.
LOCATE = _snippet(
    "from argmap.source import locate\nsource, _, quotes = text.partition('\\0\\n')\n"
    "for q in quotes.splitlines():\n    locate(source, q)"
)
NEAREST = _snippet(
    "from argmap.source import nearest\nsource, _, quotes = text.partition('\\0\\n')\n"
    "for q in quotes.splitlines():\n    nearest(source, q)"
)
DUNG = _snippet(
    "import json\nfrom argmap.semantics.dung import Framework, extensions\nd = json.loads(text)\n"
    "f = Framework(d['arguments'], [tuple(a) for a in d['attacks']])\n"
    "print(len(extensions(f, 'stable', backend='python', max_extensions=10**7)))"
)


def _reader(fmt: str) -> str:
    return _snippet(f"from argmap.formats import loads\nloads(text, format={fmt!r})")


def _minimal(fmt: str) -> dict[str, Any]:
    """A one-claim document of a JSON format, as argmap writes it."""
    from argmap import ArgumentMap, Claim
    from argmap.formats import dumps

    return json.loads(dumps(ArgumentMap([Claim("c1", "A claim.")]), format=fmt))


def _with_extra(fmt: str, value: Callable[[int], str]) -> Callable[[int], str]:
    def gen(n: int) -> str:
        doc = _minimal(fmt)
        if fmt == "json":  # argmap's own format refuses unknown fields: the map's data holds it
            doc["data"] = {"hostile": "@HOSTILE@"}
        else:
            doc["hostile"] = "@HOSTILE@"
        return json.dumps(doc).replace('"@HOSTILE@"', value(n))

    gen.__name__ = f"{fmt}_{value.__name__}"
    where = "the map's `data` holding" if fmt == "json" else "an extra top-level field holding"
    gen.__doc__ = f"A one-claim {fmt} document with {where} `{value.__name__}(n)`."
    return gen


def _quotes(source: Callable[[int], str], count: int, *, twist: bool, same: bool = False) -> Callable[[int], str]:
    """A source and *count* quotes of 60 characters from it (at even steps
    through the text), spaced differently (*twist*) so that only the
    whitespace-blind search finds them, or with their words reversed (for
    ``nearest``), or (*same*) the whole source as the one quote."""

    def gen(n: int) -> str:
        text = source(n)
        if same:
            qs = [text]
        else:
            qs = []
            for k in range(count):
                i = (k * max(1, len(text) - 60)) // count
                q = " ".join(text[i : i + 60].split())
                qs.append("  ".join(q.split(" ")) if twist else " ".join(reversed(q.split(" "))))
        return text + "\0\n" + "\n".join(qs) + "\n"

    what = "the whole source as the quote" if same else f"{count:,} quote{'s' if count > 1 else ''}"
    gen.__name__ = f"{source.__name__}_{'same' if same else count}"
    gen.__doc__ = (
        f"`{source.__name__}(n)` as the source, {what}"
        + (
            ""
            if same
            else (
                " with doubled spaces (found only by the whitespace-blind search)"
                if twist
                else " with their words in reverse order"
            )
        )
        + "."
    )
    return gen


class Case(NamedTuple):
    group: str
    name: str
    gen: Callable[[int], str]
    sizes: tuple[int, int, int]
    unit: str  # what n counts
    argv: Callable[[str], list[str]]  # input file -> the command
    suffix: str = ".txt"
    output: bool = False  # the output size matters (shown)


def _py(code: str) -> Callable[[str], list[str]]:
    return lambda path: [sys.executable, "-c", code, path]


def _cli(*args: str) -> Callable[[str], list[str]]:
    return lambda path: [sys.executable, "-m", "argmap", *[path if a == "{}" else a for a in args]]


KB = ("bytes", (20_000, 200_000, 2_000_000))
BIG = ("bytes", (100_000, 1_000_000, 10_000_000))


def cases() -> list[Case]:
    out: list[Case] = []
    # Sizes: the cases that were quadratic before the linear lexer and splitter from 20 KB, the others
    # from 100 KB (for a whole document too), large enough that start-up does not hide the growth.
    for g in (
        brackets,
        braces,
        angle_brackets,
        mention_brackets,
        html_comments,
        link_brackets,
        bracket_lines,
        space_run,
    ):
        out.append(Case("Argdown reader", g.__name__, g, KB[1], KB[0], _py(ARGDOWN_LOADS), ".argdown"))
    for g in (emphasis_marks, hashes, arrows, backslashes, unclosed_comment, long_line, deep_indentation):
        out.append(Case("Argdown reader", g.__name__, g, BIG[1], BIG[0], _py(ARGDOWN_LOADS), ".argdown"))
    out.append(
        Case(
            "Argdown reader",
            "argdown_tree",
            argdown_tree,
            (100_000, 1_000_000, 10_000_000),
            "bytes",
            _py(ARGDOWN_LOADS),
            ".argdown",
        )
    )
    out.append(
        Case(
            "Argdown reader",
            "yaml_alias_levels",
            yaml_alias_levels,
            (1_000, 10_000, 100_000),
            "bytes",
            _py(ARGDOWN_LOADS),
            ".argdown",
        )
    )
    convert = _cli("convert", "{}", "-", "--to", "json")
    out.append(
        Case(
            "Argdown reader",
            "yaml_alias_strings",
            yaml_alias_strings,
            (1_000, 10_000, 100_000),
            "bytes",
            convert,
            ".argdown",
            output=True,
        )
    )
    for g in (yaml_hex_integer, yaml_octal_integer):
        out.append(Case("Argdown reader", g.__name__, g, (1_000, 10_000, 100_000), "digits", convert, ".argdown"))
    out.append(
        Case(
            "Argdown writer",
            "chain_json",
            chain_json,
            (1_000, 10_000, 100_000),
            "claims",
            _cli("convert", "{}", "-", "--to", "argdown"),
            ".json",
            output=True,
        )
    )
    out.append(
        Case(
            "Argdown writer",
            "tree_json",
            tree_json,
            (1_000, 10_000, 100_000),
            "claims",
            _cli("convert", "{}", "-", "--to", "argdown"),
            ".json",
            output=True,
        )
    )
    for g in (dot_run, spaced_dots, news_prose):
        out.append(
            Case("Sentence splitter", g.__name__, g, BIG[1] if g is news_prose else KB[1], "bytes", _py(SENTENCES))
        )
    for name, code in (("locate", LOCATE), ("nearest", NEAREST)):
        twist = name == "locate"
        for g in (_quotes(news_prose, 1, twist=twist), _quotes(news_prose, 1000, twist=twist)):
            out.append(Case("Quote matching", f"{name}: {g.__name__}", g, BIG[1], "source bytes", _py(code)))
        g = _quotes(repeated_char, 1, twist=twist, same=True)
        sizes = (10_000, 100_000, 1_000_000) if name == "nearest" else BIG[1]  # nearest: 10 KB took 20 s in issue 17
        out.append(Case("Quote matching", f"{name}: {g.__name__}", g, sizes, "source bytes", _py(code)))
    for g in (chain_json, tree_json):
        out.append(
            Case(
                "eval --explain",
                g.__name__,
                g,
                (200, 2_000, 20_000),
                "claims",
                _cli("eval", "--explain", "{}"),
                ".json",
            )
        )
    for fmt in ("json", "aif", "sadface"):
        out.append(
            Case(
                "JSON readers",
                f"{fmt}: deep_json",
                _with_extra(fmt, deep_json),
                (100, 1_000, 10_000),
                "depth",
                _py(_reader(fmt)),
                ".json",
            )
        )
        out.append(
            Case(
                "JSON readers",
                f"{fmt}: many_keys",
                _with_extra(fmt, many_keys),
                (10_000, 100_000, 1_000_000),
                "keys",
                _py(_reader(fmt)),
                ".json",
            )
        )
    out.append(Case("JSON readers", "kialo: kialo_deep", kialo_deep, BIG[1], "bytes", _py(_reader("kialo")), ".txt"))
    out.append(
        Case(
            "JSON readers",
            "kialo: kialo_many",
            kialo_many,
            (1_000, 10_000, 100_000),
            "replies",
            _py(_reader("kialo")),
            ".txt",
        )
    )
    out.append(
        Case(
            "Dung enumeration",
            "dung_choices (stable)",
            dung_choices,
            (1_000, 10_000, 100_000),
            "extensions",
            _py(DUNG),
            ".json",
        )
    )
    return out


# Trivial inputs for the start-up column, by the command's input suffix and kind.
def _trivial(case: Case) -> str:
    if case.group == "Dung enumeration":
        return dung_choices(1)
    if case.group == "Quote matching":
        return "a\0\na\n"
    if case.suffix == ".json":
        g = case.gen
        return g(1)
    if case.name.startswith("kialo"):
        return "1. Thesis.\n"
    return "A\n"


# --------------------------------------------------------------------------
# Running one process


def _limit(max_memory: int) -> Callable[[], None]:
    def pre() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (max_memory, max_memory))

    return pre


def run_once(argv: list[str], timeout: float, max_output: int, max_memory: int) -> dict[str, Any]:
    """Run *argv* once: wall time, the child's peak RSS and CPU time, output
    bytes, and how it ended."""
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    with tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        limit = _limit(max_memory)  # rlimits set in the child, before any thread starts
        proc = subprocess.Popen(
            argv,
            stdout=subprocess.PIPE,
            stderr=err,
            stdin=subprocess.DEVNULL,
            env=env,
            preexec_fn=limit,  # noqa: PLW1509
        )
        why: list[str] = []
        count = [0]

        def kill(reason: str) -> None:
            if not why:
                why.append(reason)
            with contextlib.suppress(OSError):
                proc.kill()

        def drain() -> None:
            assert proc.stdout is not None
            while chunk := proc.stdout.read(1 << 16):
                count[0] += len(chunk)
                if count[0] > max_output:
                    kill("output")
                    break
            proc.stdout.close()

        reader = threading.Thread(target=drain, daemon=True)
        reader.start()
        timer = threading.Timer(timeout, kill, ("timeout",))
        timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - t0
        timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        reader.join(5)
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    r: dict[str, Any] = {
        "seconds": seconds,
        "cpu": usage.ru_utime + usage.ru_stime,
        "rss_mb": usage.ru_maxrss / 1024,
        "output": count[0],
    }
    if why and why[0] == "timeout":
        r["status"] = "timeout"
    elif why:
        r["status"] = "output"
    elif proc.returncode == 0:
        r["status"] = "ok"
    elif "Traceback (most recent call last)" in stderr:
        last = [line for line in stderr.strip().splitlines() if line.strip()][-1]
        r["status"] = "memory" if last.startswith("MemoryError") else "traceback"
        r["detail"] = last[:200]
    elif proc.returncode < 0:
        r["status"] = "killed"
        r["detail"] = f"signal {-proc.returncode}"
    else:
        r["status"] = "refused"
        first = (stderr.strip().splitlines() or [""])[0]
        r["detail"] = first[:200]
    return r


def measure(
    argv: list[str], runs: int, slow: float, timeout: float, max_output: int, max_memory: int
) -> dict[str, Any]:
    best: dict[str, Any] | None = None
    n = 0
    for _ in range(runs):
        r = run_once(argv, timeout, max_output, max_memory)
        n += 1
        if best is None or r["seconds"] < best["seconds"]:
            best = r
        if r["status"] in ("timeout", "output", "memory", "killed") or r["seconds"] > slow:
            break
    assert best is not None
    best["runs"] = n
    return best


# --------------------------------------------------------------------------
# Report


def fmt_s(s: float) -> str:
    return f"{s * 1000:.0f} ms" if s < 1 else f"{s:.1f} s" if s < 100 else f"{s:.0f} s"


def fmt_bytes(b: float) -> str:
    for unit, size in (("GB", 1e9), ("MB", 1e6), ("KB", 1e3)):
        if b >= size:
            return f"{b / size:.1f} {unit}"
    return f"{b:.0f} B"


OUTCOME = {
    "ok": "",
    "refused": "refused",
    "traceback": "traceback",
    "memory": "MemoryError",
    "killed": "killed",
    "timeout": "",
    "output": "",
}


def fmt_cell(r: dict[str, Any] | None, timeout: float, max_output: int, show_output: bool) -> str:
    if r is None:
        return "not run ²"
    if r["status"] == "timeout":
        return f"> {timeout:g} s (CPU {fmt_s(r['cpu'])})"
    if r["status"] == "output":
        return f"stopped at {fmt_bytes(max_output)} output after {fmt_s(r['seconds'])}"
    text = fmt_s(r["seconds"]) + ("" if r["runs"] > 1 else " ¹") + f" (CPU {fmt_s(r['cpu'])})"
    text += f", {r['rss_mb']:.0f} MB"
    if show_output:
        text += f", out {fmt_bytes(r['output'])}"
    if OUTCOME[r["status"]]:
        text += f" ({OUTCOME[r['status']]})"
    return text


MIN_NET = 0.05  # below this, net time is start-up noise and no ratio is shown


def growth(a: dict[str, Any] | None, b: dict[str, Any] | None, base: float) -> tuple[str, float | None, bool]:
    """The ratio of CPU times t(b)/t(a) net of start-up, as text, its value,
    and whether it is only a lower bound: b was stopped, or a's net time was
    under MIN_NET and MIN_NET stands in for it."""
    if a is None or b is None or a["status"] in ("timeout", "output"):
        return "–", None, False
    ta = a["cpu"] - base
    lower = b["status"] in ("timeout", "output") or ta < MIN_NET
    x = (b["cpu"] - base) / max(ta, MIN_NET)
    if lower and x < 10:
        return "–", None, False  # a lower bound this small says nothing
    shown = f"{x:.0f}×" if x >= 10 else f"{x:.1f}×"
    return ("≥ " if lower else "") + shown, x, lower


def out_growth(a: dict[str, Any] | None, b: dict[str, Any] | None) -> float | None:
    if a is None or b is None or a["status"] != "ok" or not a["output"]:
        return None
    return b["output"] / a["output"]


def verdict(ratios: list[tuple[float | None, bool]], outputs: tuple[float | None, ...] = ()) -> str:
    """From the growth ratios (exact or lower bounds) and output-size ratios."""
    worst = max((x for x, _ in ratios if x is not None), default=None)
    out = max((x for x in outputs if x is not None), default=None)
    if out is not None and out >= 50:
        return "**quadratic output**"
    if worst is not None and worst >= 50:
        return "**quadratic**" if worst < 500 else "**worse than quadratic**"
    exact = [x for x, lower in ratios if x is not None and not lower]
    if exact and max(exact) >= 20:
        return "**superlinear**"
    if exact:
        return "linear"
    if worst is not None and worst >= 20:
        return "**superlinear at least**"
    return "too fast to tell"


def report(
    results: list[tuple[Case, dict[str, Any], list[dict[str, Any] | None]]],
    args: argparse.Namespace,
    command: str,
    elapsed: float,
) -> str:
    info = machine()
    lines = [
        "# Hostile-input benchmark",
        "",
        "<!-- Generated by `make bench` (tests/benchmarks/hostile.py --out docs/benchmarks-hostile.md); do not edit by hand. -->",
        "",
        "Issue 17 asks for linear time on adversarial input for every parser, splitter, matcher, writer and "
        "explainer: each case below is an input crafted to be the worst we found for that code, at sizes n, 10n "
        "and 100n. Time should grow about 10× per step (linear), not 100× (quadratic).",
        "",
        f"This page was made by `{command}` in {elapsed / 60:.0f} minutes.",
        "",
        "## Machine",
        "",
        "| | |",
        "|---|---|",
    ]
    lines += [f"| {k} | {v} |" for k, v in info.items() if k != "Packages"]
    lines += [
        f"| Date | {_dt.datetime.now(_dt.UTC):%Y-%m-%d} |",
        f"| Load average before the run | {args.load:.1f} |",
        "",
        "## Method",
        "",
        "- Each case is a generator (listed under *Inputs* below) that writes the input of size n to a file, untimed, "
        "and a command that reads it: `python -c CODE FILE` (the library call named in the table) or "
        "`python -m argmap ...` (the `argmap` command). The time is the whole child process, from its start to its "
        "exit (Python's start-up and argmap's imports included); the memory is the child's peak resident set "
        "(`ru_maxrss` from `os.wait4`).",
        f"- The best of {args.runs} runs counts; a run of more than {args.slow:g} s is not repeated (marked ¹). "
        f'A run is killed after {args.timeout:g} s ("> {args.timeout:g} s") or after writing '
        f"{fmt_bytes(args.max_output)} to standard output, and its address space is capped at "
        f"{fmt_bytes(args.max_memory)} (a memory bomb ends in MemoryError).",
        f"- ² The 100n cell is not run when the 10n cell took more than {args.timeout / 10:g} s: "
        "even linear growth would time it out.",
        "- Each cell: the wall-clock time, the child's CPU time (user + system) in brackets, its peak memory. "
        "*start-up* is the same command on a trivial input (wall-clock). The growth columns divide the CPU times "
        "net of the start-up's CPU time: on a shared machine the CPU time is much steadier than the wall-clock "
        f"time. Where the smaller one is under {MIN_NET * 1000:.0f} ms over start-up, {MIN_NET * 1000:.0f} ms stands in "
        'for it and the ratio is a lower bound ("≥ x", shown only from 10×); '
        "it is a lower bound too when the larger run was stopped. Verdict, from the largest ratio: "
        "under 20×: linear; 20× to 50×: superlinear (*at least* when only lower bounds were taken); 50× to 500×: "
        "quadratic; more: worse; *quadratic output* when "
        "the output grows 50× or more per step; *too fast to tell* when no ratio could be taken.",
        "- Outcomes other than success are shown in brackets: *refused* (exit 1 with argmap's one-line error, "
        "which is the right answer for bad input), *traceback* (an exception that is not argmap's), *MemoryError*.",
        "",
    ]
    groups: dict[str, list[tuple[Case, dict[str, Any], list[dict[str, Any] | None]]]] = {}
    for row in results:
        groups.setdefault(row[0].group, []).append(row)
    slow: list[str] = []
    notes: list[str] = []
    for group, rows in groups.items():
        lines += [f"## {group}", "", GROUP_NOTES[group], ""]
        lines += [
            "| case | n | start-up | t(n) | t(10n) | t(100n) | 10n / n | 100n / 10n | verdict |",
            "|---|---:|---:|---|---|---|---:|---:|---|",
        ]
        for case, base, cells in rows:
            b = base["cpu"]
            g1, x1, l1 = growth(cells[0], cells[1], b)
            g2, x2, l2 = growth(cells[1], cells[2], b)
            v = verdict([(x1, l1), (x2, l2)], (out_growth(cells[0], cells[1]), out_growth(cells[1], cells[2])))
            if v.startswith("**"):
                slow.append(f"{group}: `{case.name}` ({v.strip('*')})")
            shown = [fmt_cell(c, args.timeout, args.max_output, case.output) for c in cells]
            lines.append(
                f"| `{case.name}` | {case.sizes[0]:,} {case.unit} | {fmt_s(base['seconds'])} | "
                + " | ".join(shown)
                + f" | {g1} | {g2} | {v} |"
            )
            details: dict[tuple[str, str], list[str]] = {}
            for size, c in zip(case.sizes, cells):
                if c is not None and c.get("detail"):
                    details.setdefault((OUTCOME[c["status"]], c["detail"]), []).append(f"{size:,}")
            for (what, detail), sizes in details.items():
                notes.append(f"{group}, `{case.name}` at {', '.join(sizes)} {case.unit}: {what}: `{_md(detail)}`")
        lines.append("")
    lines += ["## Not linear", ""]
    lines += [f"- {s}" for s in slow] or ["- none"]
    lines += ["", "## Outcomes other than success", ""]
    lines += [f"- {n}" for n in notes] or ["- none"]
    lines += [
        "",
        "## Inputs",
        "",
        "Each generator is a function in `tests/benchmarks/hostile.py`; n is its size argument.",
        "",
    ]
    seen = set()
    for case, _, _ in results:
        if case.gen.__name__ in seen:
            continue
        seen.add(case.gen.__name__)
        doc = " ".join((case.gen.__doc__ or "").split())
        lines.append(f"- `{case.gen.__name__}(n)`: {doc}")
    lines.append("")
    return "\n".join(lines)


def _md(text: str) -> str:
    return text.replace("`", "'").replace("|", "\\|")


GROUP_NOTES = {
    "Argdown reader": "`argmap.formats.argdown.loads(text)` on crafted text (the lexer, then the parser and the YAML "
    "blocks); the YAML alias and integer cases go through `argmap convert FILE - --to json`, which reads the "
    "front matter and writes it back out (output bytes shown).",
    "Argdown writer": "`argmap convert MAP.json - --to argdown`: reading the argmap JSON, then the Argdown writer "
    "(output bytes shown: a chain is written as an indented tree).",
    "Sentence splitter": "`argmap.source.sentences(text)`.",
    "Quote matching": "`argmap.source.locate(source, quote)` and `argmap.source.nearest(source, quote)` (the "
    "nearest-passage hint of `argmap check --source`), for each quote in turn; n is the size of the source.",
    "eval --explain": "`argmap eval --explain MAP.json` (df-quad semantics, the default): each thesis's value and "
    "the three claims it hinges on.",
    "JSON readers": "`argmap.formats.loads(text, format=...)` on a valid one-claim document with one extra "
    "top-level field (refusing the field is a fine answer: the JSON is parsed first), and the Kialo text reader "
    "on a deep chain and on many replies.",
    "Dung enumeration": "`argmap.semantics.dung.extensions(f, 'stable', backend='python', max_extensions=10**7)` on a framework whose "
    "number of stable extensions is n: the work grows with the output, so linear here means linear in the "
    "number of extensions (run with `max_extensions=10**7`; the default limit, 1,000, refuses the larger ones).",
}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--out", help="write the Markdown report here (default: print it)")
    p.add_argument("--runs", type=int, default=3, help="runs per cell; the best time counts")
    p.add_argument("--slow", type=float, default=5.0, help="run a cell once when it takes longer (s)")
    p.add_argument("--timeout", type=float, default=60.0, help="kill a run after this many seconds")
    p.add_argument("--max-output", type=int, default=256_000_000, help="kill a run that writes more bytes")
    p.add_argument("--max-memory", type=int, default=4 << 30, help="address-space limit of a run (bytes)")
    p.add_argument("--only", help="run only the cases whose name contains one of these (comma-separated)")
    args = p.parse_args(argv)
    args.load = os.getloadavg()[0]
    command = "python tests/benchmarks/hostile.py" + "".join(
        f" {a}" for a in (argv if argv is not None else sys.argv[1:])
    )
    started = time.perf_counter()
    chosen = cases()
    if args.only:
        keys = [k.strip() for k in args.only.split(",") if k.strip()]
        chosen = [c for c in chosen if any(k in c.name for k in keys)]
    results = []
    with tempfile.TemporaryDirectory(prefix="argmap-hostile-") as tmp:
        for case in chosen:
            path = Path(tmp, "input" + case.suffix)
            path.write_text(_trivial(case), encoding="utf-8")
            base = measure(case.argv(str(path)), args.runs, args.slow, args.timeout, args.max_output, args.max_memory)
            cells: list[dict[str, Any] | None] = []
            for i, n in enumerate(case.sizes):
                if (
                    i == 2
                    and cells[1] is not None
                    and (cells[1]["status"] in ("timeout", "output") or cells[1]["seconds"] > args.timeout / 10)
                ):
                    cells.append(None)
                    continue
                path.write_text(case.gen(n), encoding="utf-8")
                cells.append(
                    measure(case.argv(str(path)), args.runs, args.slow, args.timeout, args.max_output, args.max_memory)
                )
            results.append((case, base, cells))
            shown = " | ".join(fmt_cell(c, args.timeout, args.max_output, case.output) for c in cells)
            print(
                f"{case.group:18s} {case.name:40s} start-up {fmt_s(base['seconds'])} | {shown}",
                file=sys.stderr,
                flush=True,
            )
    text = report(results, args, command, time.perf_counter() - started)
    if args.out:
        out = Path(args.out)
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp_out = out.with_name(out.name + ".tmp")
        tmp_out.write_text(text, encoding="utf-8")
        tmp_out.replace(out)
        print(f"wrote {out} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
