"""Quote location at scale.

    python tests/benchmarks/quotes.py --out docs/benchmarks-quotes.md [--baseline CHECKOUT] [--sizes 1000,10000,100000]

Two parts.  First, 1,000 quotes copied by hand against a 1 MB article.  The
article is deterministic prose (seeded random words) typeset as a publisher
would: curly quotes and apostrophes, em and en dashes, ellipses, no-break
spaces, soft hyphens, decomposed accents and hard line breaks.  Each quote is
a passage of 8 to 30 words of it as a person would type it: straight quotes,
``--`` for a dash, ``...`` for an ellipsis, one space for any run of
whitespace, no soft hyphens, composed accents.  Operations:

- ``locate``: ``argmap.source.locate(text, quote)`` for every quote;
- ``build``: a ``MapBuilder`` with the article as its source and one claim
  quoting each passage, then ``build()``;
- ``attach``: a JSON map of the 1,000 claims with quote texts and no spans,
  read, then ``argmap.source.attach(m, article)``;
- ``missing``: 100 misquotes (one word of each passage changed), each
  explained by ``argmap.source.describe_missing`` (the nearest passage, with
  the differing words marked).

Second, a map quoting every sentence of its source once, for sources of
1,000, 10,000 and 100,000 sentences of the same prose (about 136 characters
each: 13.6 MB for 100,000): a ``MapBuilder`` with the source and one claim per
sentence, its quote the sentence as copied (every other sentence) or as typed
by hand (the others), then ``build()``.  The claims come in document order or
shuffled.  This is the target of the quote index: locating n quotes in a
source of n sentences should take time about linear in n, not n times the
source.

Each measurement runs in a fresh subprocess: the whole process is timed
from the outside (wall clock) and by its own CPU time (user + system, as
``getrusage`` gives it at its end, interpreter start and imports included),
with its peak resident memory; "work" is the operation alone.  The best of
``--runs`` runs is reported (a run slower than ``--slow`` seconds is not
repeated).  With ``--baseline CHECKOUT`` the same workers also run against
another checkout of argmap (for example the main branch before a change),
where the functions exist there.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import itertools
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SIZE = 1_000_000
QUOTES = 1_000
MISSING = 100
MODES = ("locate", "build", "attach", "missing")
SIZES = (1_000, 10_000, 100_000)
ORDERS = ("document", "shuffled")

_WORDS = (
    "the coalition strikes government forces rebels city north border aid civilians report minister "
    "said would could against after before because however council security refugees war peace talks "
    "army training campaign humanitarian crisis regime opposition international regional attention "
    "cafe resume naive cooperate role elite"
).split()
_ACCENTED = {"cafe": "cafe\u0301", "resume": "re\u0301sume\u0301", "naive": "nai\u0308ve", "elite": "\u00e9lite"}


def _sentences(rnd: random.Random) -> Iterator[str]:
    """Typeset sentences, each with one rare word (so that each is unique)
    and one typographic feature, hard-wrapped about every 70 characters."""
    line = 0
    while True:
        words = [rnd.choice(_WORDS) for _ in range(rnd.randint(8, 24))]
        words = [_ACCENTED.get(w, w) if rnd.random() < 0.5 else w for w in words]
        words.append(f"n{rnd.randrange(10**9)}")  # a rare word: passages are unique
        rnd.shuffle(words)
        k = rnd.randrange(len(words))
        style = rnd.random()
        if style < 0.2:
            words[k] = f"\u201c{words[k]}\u201d"
        elif style < 0.4:
            words[k] = f"{words[k]}\u2019s"
        elif style < 0.55:
            words[k] = f"{words[k]} \u2014"
        elif style < 0.65:
            words[k] = f"{words[k]}\u2013{rnd.choice(_WORDS)}"
        elif style < 0.75:
            words[k] = f"{words[k]}\u2026"
        elif style < 0.85:
            words[k] = f"{words[k]}\u00a0{rnd.choice(_WORDS)}"
        else:
            w = words[k]
            words[k] = f"{w[: len(w) // 2]}\u00ad{w[len(w) // 2 :]}"
        sentence = " ".join(words).capitalize() + ". "
        line += len(sentence)
        if line > 70:  # hard-wrapped
            sentence = sentence.replace(" ", "\n", 1)
            line = 0
        yield sentence


def make_article(seed: int = 1, size: int = SIZE) -> str:
    """About *size* characters of typeset prose, the same for the same seed."""
    out: list[str] = []
    n = 0
    for sentence in _sentences(random.Random(seed)):
        if n >= size:
            break
        out.append(sentence)
        n += len(sentence)
    return "".join(out)[:size]


def make_source(n: int, seed: int = 1) -> list[str]:
    """The first *n* sentences of the article of *seed* (the source is their
    concatenation)."""
    return list(itertools.islice(_sentences(random.Random(seed)), n))


_TYPED = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2019": "'", "\u2013": "-", "\u00a0": " ", "\u00ad": None})


def as_typed(passage: str) -> str:
    """*passage* as a person would type it."""
    import unicodedata

    text = unicodedata.normalize("NFC", passage.translate(_TYPED)).replace("\u2014", "--").replace("\u2026", "...")
    return " ".join(text.split())


def make_quotes(article: str, seed: int = 2, n: int = QUOTES) -> list[str]:
    rnd = random.Random(seed)
    starts = [i + 1 for i, ch in enumerate(article) if ch == " "]
    out = []
    for _ in range(n):
        i = rnd.choice(starts[:-40])
        words = article[i:].split(" ")[: rnd.randint(8, 30)]
        out.append(as_typed(" ".join(words).strip()))
    return out


def misquote(quote: str, rnd: random.Random) -> str:
    words = quote.split()
    k = rnd.randrange(len(words))
    words[k] = "zzz" + words[k]
    return " ".join(words)


def scale_quotes(sentences: list[str], order: str) -> list[tuple[int, str]]:
    """(sentence index, quote) for every sentence: the sentence as copied
    (even indexes) or as typed by hand (odd ones), in *order*."""
    out = [(i, s.strip() if i % 2 == 0 else as_typed(s)) for i, s in enumerate(sentences)]
    if order == "shuffled":
        random.Random(4).shuffle(out)
    return out


# --------------------------------------------------------------------------
# The workers (run in a fresh process; print one JSON line)


def _usage() -> dict[str, float]:
    """This process's CPU time (user + system) and peak resident memory (MB)."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    rss = r.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return {"cpu": r.ru_utime + r.ru_stime, "rss": rss}


def worker(mode: str, folder: Path) -> None:
    started = time.perf_counter()
    from argmap import MapBuilder, Source, ValidationError
    from argmap import source as src

    if mode.startswith("scale-"):
        article = (folder / "source.txt").read_text(encoding="utf-8")
        pairs = json.loads((folder / f"{mode}.json").read_text(encoding="utf-8"))
        t0 = time.perf_counter()
        b = MapBuilder(source=Source(article))
        for i, q in pairs:
            b.claim(f"Claim {i}", quote=q, id=f"c{i}")
        try:
            m = b.build()
            found: int | str = sum(c.quote is not None and c.quote.start is not None for c in m.claims)
        except ValidationError as e:
            found = len(pairs) - len(e.problems)
        t1 = time.perf_counter()
        print(json.dumps({"found": found, "work": t1 - t0, "inside": t1 - started} | _usage()))
        return

    article = (folder / "article.txt").read_text(encoding="utf-8")
    quotes = json.loads((folder / "quotes.json").read_text(encoding="utf-8"))
    t0 = time.perf_counter()
    found = 0
    if mode == "locate":
        found = sum(src.locate(article, q).found for q in quotes)
    elif mode == "build":
        b = MapBuilder(source=Source(article))
        for i, q in enumerate(quotes):
            b.claim(f"Claim {i}", quote=q)
        try:
            found = len(b.build().claims)
        except ValidationError as e:
            found = len(quotes) - len(e.problems)
    elif mode == "attach":
        if not hasattr(src, "attach"):
            found = "n/a"
        else:
            import argmap

            m = argmap.loads((folder / "map.json").read_text(encoding="utf-8"))
            found = sum(c.quote is not None and c.quote.start is not None for c in src.attach(m, article).claims)
    elif mode == "missing":
        if not hasattr(src, "describe_missing"):
            found = "n/a"
        else:
            rnd = random.Random(3)
            wrong = [misquote(q, rnd) for q in quotes[:MISSING]]
            found = sum("{+" in src.describe_missing(article, q) for q in wrong)
    t1 = time.perf_counter()
    print(json.dumps({"found": found, "work": t1 - t0, "inside": t1 - started} | _usage()))


Result = dict[str, float | int | str]


def run(mode: str, folder: Path, checkout: Path) -> Result:
    env = dict(os.environ, PYTHONPATH=str(checkout))
    t0 = time.perf_counter()
    out = subprocess.run(
        [sys.executable, __file__, "--worker", mode, "--data", str(folder)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=3600,
    )
    wall = time.perf_counter() - t0
    result: Result = json.loads(out.stdout.strip().splitlines()[-1])
    result["wall"] = wall
    return result


def best_of(mode: str, folder: Path, checkout: Path, runs: int, slow: float) -> Result:
    """The run with the least CPU time of up to *runs* (one when it is slower than *slow* s)."""
    results = [run(mode, folder, checkout)]
    while len(results) < runs and float(results[0]["cpu"]) < slow:
        results.append(run(mode, folder, checkout))
    return min(results, key=lambda r: float(r["cpu"]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", help="write the Markdown report here (default: standard output)")
    parser.add_argument("--baseline", metavar="CHECKOUT", help="also run against this checkout of argmap")
    parser.add_argument("--runs", type=int, default=3, help="the best of this many runs is reported")
    parser.add_argument("--slow", type=float, default=30.0, help="a run slower than this (CPU s) is not repeated")
    parser.add_argument(
        "--sizes",
        default=",".join(map(str, SIZES)),
        help="sentences of the sources whose every sentence is quoted (comma-separated; empty: none)",
    )
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--data", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, Path(args.data))
        return
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    checkouts = [("this checkout", ROOT)]
    if args.baseline:
        checkouts.append(("baseline", Path(args.baseline).resolve()))

    article = make_article()
    quotes = make_quotes(article)
    rows = []
    scale_rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "article.txt").write_text(article, encoding="utf-8")
        (folder / "quotes.json").write_text(json.dumps(quotes), encoding="utf-8")
        claims = [{"id": f"c{i}", "text": f"Claim {i}", "quote": {"text": q}} for i, q in enumerate(quotes)]
        (folder / "map.json").write_text(json.dumps({"argmap": 1, "claims": claims, "relations": []}), encoding="utf-8")
        for name, checkout in checkouts:
            for mode in MODES:
                rows.append((name, mode, best_of(mode, folder, checkout, args.runs, args.slow)))
        for n in sizes:
            sentences = make_source(n)
            (folder / "source.txt").write_text("".join(sentences), encoding="utf-8")
            for order in ORDERS:
                mode = f"scale-{n}-{order}"
                (folder / f"{mode}.json").write_text(json.dumps(scale_quotes(sentences, order)), encoding="utf-8")
                for name, checkout in checkouts:
                    r = best_of(mode, folder, checkout, args.runs, args.slow)
                    scale_rows.append((name, n, order, len("".join(sentences)), r))
    text = report(article, quotes, rows, scale_rows, args.baseline)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


def report(
    article: str,
    quotes: list[str],
    rows: list[tuple[str, str, Result]],
    scale_rows: list[tuple[str, int, str, int, Result]],
    baseline: str | None,
) -> str:
    try:
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    except (OSError, StopIteration):
        cpu = platform.processor() or "?"
    lines = [
        "# Benchmark: quotes copied by hand",
        "",
        "<!-- Generated by tests/benchmarks/quotes.py --out docs/benchmarks-quotes.md; do not edit by hand. -->",
        "",
        "Quotes copied or typed by hand (straight quotes, `--`, `...`, single spaces, no soft hyphens, composed "
        "accents) located in prose typeset with curly quotes, dashes, ellipses, no-break spaces, soft hyphens, "
        "decomposed accents and hard line breaks. See the script's docstring for the method.",
        "",
        "## Machine",
        "",
        "| | |",
        "|---|---|",
        f"| CPU | {cpu} |",
        f"| Cores | {os.cpu_count()} |",
        f"| Python | {platform.python_version()} ({platform.python_implementation()}) |",
        f"| OS | {platform.system()} {platform.release()} |",
        f"| Date | {_dt.date.today().isoformat()} |",
        "",
        f"## {QUOTES:,} passages in a {len(article):,}-character article",
        "",
        "Whole process: interpreter start, imports, reading the files and the work, wall clock timed from outside "
        "and CPU time (user + system), best of the runs. Work: the operation alone.",
        "",
        "| checkout | operation | found | work (s) | whole process (s) | CPU (s) | peak RSS (MB) |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for name, mode, r in rows:
        total = MISSING if mode == "missing" else QUOTES
        found = r["found"] if isinstance(r["found"], str) else f"{r['found']} / {total}"
        lines.append(
            f"| {name} | {mode} | {found} | {float(r['work']):.2f} | {float(r['wall']):.2f} "
            f"| {float(r['cpu']):.2f} | {float(r['rss']):.0f} |"
        )
    lines += ["", "For `missing`, found counts the misquotes whose explanation marks the quote's differing word."]
    if scale_rows:
        lines += [
            "",
            "## Every sentence quoted once",
            "",
            "A `MapBuilder` with the source and one claim per sentence (its quote the sentence as copied, or, every "
            "other one, as typed by hand), then `build()`; the claims in document order or shuffled. The goal: "
            "100,000 quotes in a few seconds of CPU, time about linear in the number of quotes.",
            "",
            "| checkout | sentences | source (chars) | order | found | work (s) | whole process (s) | CPU (s) "
            "| peak RSS (MB) |",
            "|---|---:|---:|---|---:|---:|---:|---:|---:|",
        ]
        for name, n, order, chars, r in scale_rows:
            lines.append(
                f"| {name} | {n:,} | {chars:,} | {order} | {r['found']} / {n} | {float(r['work']):.2f} "
                f"| {float(r['wall']):.2f} | {float(r['cpu']):.2f} | {float(r['rss']):.0f} |"
            )
    if baseline:
        lines += ["", f"Baseline: the checkout at `{Path(baseline).name}`; `n/a`: the function does not exist there."]
    lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
