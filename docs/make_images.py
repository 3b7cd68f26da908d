"""Draw the pictures that the docs show, with argmap itself.

Usage: python docs/make_images.py [OUTDIR]     (OUTDIR defaults to docs/images/)

Writes one small SVG per relation kind (docs/model.md), the tutorial's map
(docs/tutorial.md), the seed article's map as PNG (README.md), the
evaluated maps of docs/evaluation.md, the difference of two maps
(docs/research.md) and the steps of annotating an article in Argdown
(docs/argdown.md).  Needs
Graphviz's ``dot``.
"""

from __future__ import annotations

import doctest
import importlib.util
import sys
from pathlib import Path

from argmap import ArgumentMap, MapBuilder
from argmap.render import render

HERE = Path(__file__).resolve().parent


def kind_examples() -> dict[str, ArgumentMap]:
    """One tiny map per relation kind, keyed by picture name."""
    maps = {}

    b = MapBuilder()
    b.support(b.claim("Cats are good pets"), "Cats are clean")
    maps["kind-support"] = b.build()

    b = MapBuilder()
    o = b.attack(b.claim("Cats are good pets"), "Cats scratch furniture")
    b.attack(o.premise, "A scratching post prevents it")
    maps["kind-attack"] = b.build()

    b = MapBuilder()
    t = b.claim("Socrates is mortal")
    b.support(t, [b.claim("All men are mortal"), b.claim("Socrates is a man")])
    maps["kind-linked"] = b.build()

    b = MapBuilder()
    t = b.claim("Cats are good pets")
    b.support(t, "Cats are clean")
    b.support(t, "Cats are quiet")
    maps["kind-convergent"] = b.build()

    b = MapBuilder()
    r = b.support(b.claim("Tweety flies"), "Tweety is a bird")
    b.undercut(r, "Tweety is a penguin")
    maps["kind-undercut"] = b.build()
    return maps


def tutorial_map() -> ArgumentMap:
    """The map ``m`` that docs/tutorial.md builds, taken by running its examples."""
    text = (HERE / "tutorial.md").read_text(encoding="utf-8")
    test = doctest.DocTestParser().get_doctest(text, {}, "tutorial", str(HERE / "tutorial.md"), 0)
    doctest.DocTestRunner(optionflags=doctest.ELLIPSIS).run(test, out=lambda _: None, clear_globs=False)
    return test.globs["m"]


def seed_map() -> ArgumentMap:
    path = HERE.parent / "examples" / "syria_airstrikes.py"
    spec = importlib.util.spec_from_file_location("syria_airstrikes", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.build_map(), module.DIRECTION


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else HERE / "images"
    out.mkdir(parents=True, exist_ok=True)
    for name, m in kind_examples().items():
        print("wrote", render(m, out / f"{name}.svg"))
    print("wrote", render(tutorial_map(), out / "tutorial.svg"))
    m, direction = seed_map()
    print("wrote", render(m, out / "syria_airstrikes.png", direction=direction))
    from argmap.semantics import evaluate

    tea = evaluation_example()  # docs/evaluation.md
    print("wrote", render(tea, out / "eval-projection.svg", evaluation=evaluate(tea, "df-quad")))
    print("wrote", render(tea, out / "eval-grounded.svg", evaluation=evaluate(tea, "grounded")))
    from argmap.analysis import compare, diff_dot
    from argmap.render.backend import run_dot

    candidate, reference = compare_example()  # docs/research.md
    (out / "compare-diff.svg").write_bytes(run_dot(diff_dot(compare(candidate, reference), candidate, reference), "svg"))
    print("wrote", out / "compare-diff.svg")
    import argmap

    print("wrote", render(argdown_step(), out / "argdown-step.svg", direction="left"))
    seed = argmap.load(HERE.parent / "examples" / "syria_airstrikes.argdown")
    print("wrote", render(seed, out / "argdown-seed.svg", direction=direction))
    return 0


def argdown_step() -> ArgumentMap:
    """The map ``step`` of docs/argdown.md (its chapter on annotating an
    article), taken by running that page's examples from the project's root."""
    import os

    text = (HERE / "argdown.md").read_text(encoding="utf-8")
    test = doctest.DocTestParser().get_doctest(text, {}, "argdown", str(HERE / "argdown.md"), 0)
    cwd = os.getcwd()
    os.chdir(HERE.parent)
    try:
        doctest.DocTestRunner(optionflags=doctest.ELLIPSIS).run(test, out=lambda _: None, clear_globs=False)
    finally:
        os.chdir(cwd)
    return test.globs["step"]


def compare_example() -> tuple[ArgumentMap, ArgumentMap]:
    """The worked example of docs/research.md: (candidate, reference)."""
    ref = MapBuilder()
    t = ref.claim("We should eat early", id="t")
    ref.support(t, ref.claim("The canteen closes at one", id="s"), id="rs")
    ref.attack(t, ref.claim("The food is cold early", id="o"), id="ro")
    ref.support(t, ref.claim("Early lunch leaves the afternoon free", id="f"), id="rf")
    cand = MapBuilder()
    a = cand.claim("we should eat early", id="a")
    cand.support(a, cand.claim("The canteen closes at one.", id="b"), id="r1")
    cand.support(a, cand.claim("The food is cold early", id="c"), id="r2")
    cand.attack(a, cand.claim("Lunch is boring", id="d"), id="r3")
    return cand.build(), ref.build()


def evaluation_example() -> ArgumentMap:
    """The map ``m`` of docs/evaluation.md."""
    b = MapBuilder(title="Tea or coffee")
    t = b.claim("Tea beats coffee", id="t")
    s = b.support(t, b.claim("Tea has less caffeine", id="s"), id="r1")
    o = b.attack(t, b.claim("Coffee tastes better", id="o"), id="r2")
    b.attack(o.premise, b.claim("Taste is a habit", id="h"), id="r3")
    b.undercut(s, b.claim("Caffeine is harmless in moderation", id="u"), id="r4")
    return b.build()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
