"""Quote location at scale: 1,000 quotes copied by hand against a 1 MB article.

    python tests/benchmarks/quotes.py --out docs/benchmarks-quotes.md [--baseline CHECKOUT]

The article is deterministic prose (seeded random words) typeset as a
publisher would: curly quotes and apostrophes, em and en dashes, ellipses,
no-break spaces, soft hyphens, decomposed accents and hard line breaks.  Each
quote is a passage of 8 to 30 words of it as a person would type it: straight
quotes, ``--`` for a dash, ``...`` for an ellipsis, one space for any run of
whitespace, no soft hyphens, composed accents.  Each measurement runs in a
fresh subprocess, timed from the outside (interpreter start, imports, reading
the files and the work: what a user waits for) and from the inside (the work
alone):

- ``locate``: ``argmap.source.locate(text, quote)`` for every quote;
- ``build``: a ``MapBuilder`` with the article as its source and one claim
  quoting each passage, then ``build()``;
- ``attach``: a JSON map of the 1,000 claims with quote texts and no spans,
  read, then ``argmap.source.attach(m, article)``;
- ``missing``: 100 misquotes (one word of each passage changed), each
  explained by ``argmap.source.describe_missing`` (the nearest passage, with
  the differing words marked).

With ``--baseline CHECKOUT`` the same workers also run against another
checkout of argmap (for example the main branch before forgiving quotes),
where the functions exist there.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SIZE = 1_000_000
QUOTES = 1_000
MISSING = 100
MODES = ("locate", "build", "attach", "missing")

_WORDS = (
    "the coalition strikes government forces rebels city north border aid civilians report minister "
    "said would could against after before because however council security refugees war peace talks "
    "army training campaign humanitarian crisis regime opposition international regional attention "
    "cafe resume naive cooperate role elite"
).split()
_ACCENTED = {"cafe": "cafe\u0301", "resume": "re\u0301sume\u0301", "naive": "nai\u0308ve", "elite": "\u00e9lite"}


def make_article(seed: int = 1, size: int = SIZE) -> str:
    """About *size* characters of typeset prose, the same for the same seed."""
    rnd = random.Random(seed)
    out: list[str] = []
    n = 0
    line = 0
    while n < size:
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
        out.append(sentence)
        n += len(sentence)
    return "".join(out)[:size]


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


# --------------------------------------------------------------------------
# The workers (run in a fresh process; print one JSON line)


def worker(mode: str, folder: Path) -> None:
    started = time.perf_counter()
    from argmap import MapBuilder, Source, ValidationError
    from argmap import source as src

    article = (folder / "article.txt").read_text(encoding="utf-8")
    quotes = json.loads((folder / "quotes.json").read_text(encoding="utf-8"))
    t0 = time.perf_counter()
    found: int | str = 0
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
    print(json.dumps({"found": found, "work": t1 - t0, "inside": t1 - started}))


def run(mode: str, folder: Path, checkout: Path) -> dict[str, float | int | str]:
    env = dict(os.environ, PYTHONPATH=str(checkout))
    t0 = time.perf_counter()
    out = subprocess.run(
        [sys.executable, __file__, "--worker", mode, "--data", str(folder)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    wall = time.perf_counter() - t0
    result: dict[str, float | int | str] = json.loads(out.stdout.strip().splitlines()[-1])
    result["wall"] = wall
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", help="write the Markdown report here (default: standard output)")
    parser.add_argument("--baseline", metavar="CHECKOUT", help="also run against this checkout of argmap")
    parser.add_argument("--runs", type=int, default=3, help="the best of this many runs is reported")
    parser.add_argument("--worker", choices=MODES, help=argparse.SUPPRESS)
    parser.add_argument("--data", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, Path(args.data))
        return

    article = make_article()
    quotes = make_quotes(article)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "article.txt").write_text(article, encoding="utf-8")
        (folder / "quotes.json").write_text(json.dumps(quotes), encoding="utf-8")
        claims = [{"id": f"c{i}", "text": f"Claim {i}", "quote": {"text": q}} for i, q in enumerate(quotes)]
        (folder / "map.json").write_text(json.dumps({"argmap": 1, "claims": claims, "relations": []}), encoding="utf-8")
        checkouts = [("this checkout", ROOT)]
        if args.baseline:
            checkouts.append(("baseline", Path(args.baseline).resolve()))
        rows = []
        for name, checkout in checkouts:
            for mode in MODES:
                best = min((run(mode, folder, checkout) for _ in range(args.runs)), key=lambda r: float(r["wall"]))
                rows.append((name, mode, best))
    text = report(article, quotes, rows, args.baseline)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


def report(
    article: str, quotes: list[str], rows: list[tuple[str, str, dict[str, float | int | str]]], baseline: str | None
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
        f"{QUOTES:,} quotes typed by hand (straight quotes, `--`, `...`, single spaces, no soft hyphens, composed "
        f"accents) against a {len(article):,}-character article typeset with curly quotes, dashes, ellipses, "
        "no-break spaces, soft hyphens, decomposed accents and hard line breaks. See the script's docstring for "
        "the method.",
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
        "## Results",
        "",
        "Whole process: interpreter start, imports, reading the files and the work, timed from outside (best of "
        "the runs). Work: the operation alone.",
        "",
        "| checkout | operation | found | work (s) | whole process (s) |",
        "|---|---|---:|---:|---:|",
    ]
    for name, mode, r in rows:
        total = MISSING if mode == "missing" else QUOTES
        found = r["found"] if isinstance(r["found"], str) else f"{r['found']} / {total}"
        lines.append(f"| {name} | {mode} | {found} | {float(r['work']):.2f} | {float(r['wall']):.2f} |")
    if baseline:
        lines += ["", f"Baseline: the checkout at `{Path(baseline).name}`; `n/a`: the function does not exist there."]
    lines += [
        "",
        "For `missing`, found counts the misquotes whose explanation marks the quote's differing word.",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
