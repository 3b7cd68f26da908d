"""Deterministic argument shapes shared by every library in the benchmark.

A shape is a plain description, independent of any library:

* ``claims``: the claim texts, in creation order (claim ``i`` has id ``c{i+1}``);
* ``relations``: ``(kind, premises, target)`` tuples in creation order
  (relation ``j`` has id ``r{j+1}``), where ``kind`` is ``"support"`` or
  ``"attack"``, ``premises`` is a tuple of claim indexes and ``target`` is
  ``("c", claim_index)`` or ``("r", relation_index)`` (an undercut).

Every relation's premises are new claims, numbered right after the claims of
the relations before it, so a script that adds "the target, then a relation
with its new premises" (argmap's MapBuilder) gives exactly these ids.
"""

from __future__ import annotations

import random
from collections import deque

SEED = 20240501

_WORDS = (
    "airstrikes coalition regime territory civilians ceasefire refugees border "
    "militias supply routes oil revenue recruitment propaganda sanctions diplomacy "
    "negotiations escalation intervention sovereignty legitimacy opposition rebels "
    "government army allies enemies strategy tactics evidence reports analysts "
    "observers journalists funding weapons training intelligence drones casualties "
    "infrastructure hospitals schools cities villages provinces frontline offensive "
    "defence withdrawal retreat advance control influence power balance vacuum "
    "stability security threat risk cost benefit gain loss short term long term "
    "the a of in on for with against because therefore although however may will "
    "not never always often rarely clearly arguably probably certainly"
).split()


def _text(rng: random.Random, i: int) -> str:
    n = rng.randint(8, 16)
    words = [rng.choice(_WORDS) for _ in range(n)]
    words[0] = words[0].capitalize()
    return f"{' '.join(words)} ({i})."


def tree(n: int, seed: int = SEED) -> tuple[list[str], list[tuple[str, tuple[int, ...], tuple[str, int]]]]:
    """A breadth-first argument tree of *n* claims: every expanded claim gets
    2 to 4 premises (about 30 % attacks, 15 % of inferences linked with two
    premises, 3 % of inferences undercut)."""
    rng = random.Random(seed)
    claims = [_text(rng, 1)]
    relations: list[tuple[str, tuple[int, ...], tuple[str, int]]] = []
    premise_of: dict[int, int] = {}  # claim index -> relation in which it is a premise
    queue = deque([0])
    while len(claims) < n:
        parent = queue.popleft()
        children = min(rng.randint(2, 4), n - len(claims))
        while children > 0:
            linked = 2 if children >= 2 and rng.random() < 0.15 else 1
            if parent in premise_of and rng.random() < 0.03:
                kind, target = "attack", ("r", premise_of[parent])  # undercut
            else:
                kind, target = ("attack" if rng.random() < 0.3 else "support"), ("c", parent)
            premises = tuple(range(len(claims), len(claims) + linked))
            for p in premises:
                claims.append(_text(rng, p + 1))
                premise_of[p] = len(relations)
                queue.append(p)
            relations.append((kind, premises, target))
            children -= linked
    return claims, relations


def chain(n: int, seed: int = SEED) -> tuple[list[str], list[tuple[str, tuple[int, ...], tuple[str, int]]]]:
    """*n* claims, each supporting the one before it (depth n - 1)."""
    rng = random.Random(seed)
    claims = [_text(rng, i + 1) for i in range(n)]
    relations = [("support", (i + 1,), ("c", i)) for i in range(n - 1)]
    return claims, relations


SHAPES = {"tree": tree, "chain": chain}
