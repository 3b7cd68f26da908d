"""Kialo's plain-text export: a numbered outline of pros and cons.

::

    Discussion Title: Tea or coffee?

    1. Tea is better than coffee.
    1.1. Pro: Tea has less caffeine.
    1.1.1. Con: Caffeine helps people work.
    1.2. Con: Coffee tastes better.
    1.2.1. Pro: -> See 1.1.1.

The title line is optional.  ``1.`` is the thesis (argmap also reads and
writes further top-level items ``2.``, ``3.``, ... for maps with several
roots); every deeper item is a ``Pro:`` (support) or ``Con:`` (attack) of the
item its number extends, and ``-> See 1.1.1.`` reuses a claim written
elsewhere.  A text may go on over the following lines.  Claims get their
numbers as ids (``1.1``) and each item's relation the same number after an
``r`` (``r1.1``).  Kialo escapes brackets and parentheses with a backslash;
argmap removes the backslashes on reading and adds them on writing.

Reading never guesses: an item without ``Pro:``/``Con:``, a number whose
parent is missing, a number used twice or a link to nothing is a
:class:`~argmap.errors.ParseError` with its line.

Kialo holds less than an argument map.  :func:`dumps` writes what the map
would become (see :func:`simplify`) and emits one
:class:`~argmap.errors.LossyConversionWarning` listing what was simplified:
linked premises (written as separate reasons), undercuts (written as a con
of the inference's first premise), Argdown's strict kinds, schemes, quotes,
the source, tags, scores, data, ids (Kialo numbers claims by position) and
texts that a Kialo line cannot hold as they are.  Reading the text back
gives exactly ``simplify(m)``.

>>> from argmap import MapBuilder
>>> b = MapBuilder(title="Tea or coffee?")
>>> t = b.claim("Tea is better than coffee.", id="1")
>>> _ = b.support(t, b.claim("Tea has less caffeine.", id="1.1"), id="r1.1")
>>> m = b.build()
>>> print(dumps(m), end="")
Discussion Title: Tea or coffee?
<BLANKLINE>
1. Tea is better than coffee.
1.1. Pro: Tea has less caffeine.
>>> loads(dumps(m)) == m
True
"""

from __future__ import annotations

import re
import warnings
from typing import Any

from argmap.errors import LossyConversionWarning, ParseError
from argmap.formats._common import decode
from argmap.model import ArgumentMap, Claim, Kind, Relation

__all__ = ["dumps", "loads", "simplify"]

_TITLE = "Discussion Title: "
_ITEM = re.compile(r"((?:\d+\.)+) (.*)")
_STANCE = {"Pro": Kind.SUPPORT, "Con": Kind.ATTACK}
_LINK = re.compile(r"-> See ((?:\d+\.)+)\s*$")
_ESCAPED = re.compile(r"\\([\[\]()])")
_TO_ESCAPE = re.compile(r"([\[\]()])")


# --------------------------------------------------------------------------
# Reading


def loads(text: str | bytes) -> ArgumentMap:
    """Read Kialo's plain-text export.  Raises ParseError (with the line)
    for anything that is not an outline of pros and cons."""
    text = decode(text).replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    offsets = []
    pos = 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1

    def error(msg: str, k: int, col: int = 0) -> ParseError:
        return ParseError(msg, doc=text, pos=offsets[k] + col)

    title = None
    first = 0
    while first < len(lines) and not lines[first].strip():
        first += 1
    if first < len(lines) and lines[first].startswith(_TITLE):
        title = lines[first][len(_TITLE) :].strip() or None
        first += 1
    # Items: (number, stance, text lines, line index)
    items: list[list[Any]] = []
    for k in range(first, len(lines)):
        line = lines[k]
        m = _ITEM.match(line)
        if m is None:
            if not line.strip():
                continue
            if not items:
                raise error("expected an item such as '1. The thesis'", k)
            items[-1][2].append(line.strip())
            continue
        number, rest = m.group(1), m.group(2)
        depth = number.count(".")
        stance = None
        if depth > 1:
            head, sep, tail = rest.partition(": ")
            if not sep or head not in _STANCE:
                raise error(f"expected 'Pro: ' or 'Con: ' after {number}", k, len(number) + 1)
            stance, rest = _STANCE[head], tail
        items.append([number, stance, [rest.strip()], k])
    if not items:
        return ArgumentMap(title=title)

    # Claims and relations.  A link's claim may come later in the file.
    where: dict[str, int] = {}  # number -> item index
    claims: list[Claim] = []
    links: list[tuple[int, str]] = []
    for n, (number, stance, parts, k) in enumerate(items):
        if number in where:
            raise error(f"item {number} appears twice (first on line {items[where[number]][3] + 1})", k)
        where[number] = n
        parent = number[: number[:-1].rfind(".") + 1]
        if parent and parent not in where:
            raise error(f"item {number} has no parent item {parent}", k)
        body = "\n".join(p for p in parts if p)
        link = _LINK.match(body) if stance is not None else None
        if link:
            links.append((n, link.group(1)))
            continue
        body = _ESCAPED.sub(r"\1", body)
        if not body.strip():
            raise error(f"item {number} has no text", k)
        claims.append(Claim(number[:-1], body))
    claim_of: dict[str, str] = {c.id + ".": c.id for c in claims}
    for n, target in links:
        if target not in claim_of:
            number, _, _, k = items[n]
            why = "is a link itself" if target in where else "is not an item of the discussion"
            raise error(f"item {number} links to {target}, which {why}", k)
        claim_of[items[n][0]] = claim_of[target]
    relations = []
    for number, stance, _, _line in items:
        if stance is None:
            continue
        parent = number[: number[:-1].rfind(".") + 1]
        relations.append(Relation("r" + number[:-1], stance, (claim_of[number],), claim_of[parent]))
    return ArgumentMap(claims, relations, title=title)


# --------------------------------------------------------------------------
# Writing


def simplify(m: ArgumentMap) -> tuple[ArgumentMap, list[str]]:
    """What *m* becomes in Kialo's export, and what had to be simplified (a
    list of short descriptions, empty when nothing was lost).

    ``loads(dumps(m)) == simplify(m)[0]``.
    """
    return _layout(m)[0:2]


def _clean_text(text: str) -> str:
    lines = [line.strip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if not line:
            continue
        if out and (_ITEM.match(line) or line.startswith(_TITLE)):
            out[-1] += " " + line  # would read as an item of its own
        else:
            out.append(line)
    joined = "\n".join(out)
    if _LINK.match(joined):
        joined = "(" + joined + ")"
    return joined


def _layout(m: ArgumentMap) -> tuple[ArgumentMap, list[str], list[str]]:
    losses: dict[str, None] = {}

    def lost(what: str) -> None:
        losses.setdefault(what, None)

    # One single-premise relation per (premise, claim target), in map order.
    flat: list[tuple[Kind, str, str]] = []
    for r in m.relations:
        kind = r.kind.polarity
        if r.kind is not kind:
            lost(f"{r.kind.value} relations (written as {'con' if kind is Kind.ATTACK else 'pro'})")
        target = r.target
        if not isinstance(m[target], Claim):
            target = m.relation(target).premises[0]
        if target in r.premises:
            lost("a relation that Kialo cannot place (a self-attack, or an undercut of an inference on its premise)")
            continue
        if target != r.target:
            lost("undercuts (written as a con or pro of the inference's first premise)")
        if r.is_linked:
            lost("linked premises (written as separate reasons)")
        if r.scheme is not None:
            lost("schemes")
        if r.base_score is not None or r.data:
            lost("relation scores and data")
        for p in r.premises:
            flat.append((kind, p, target))
    children: dict[str, list[tuple[Kind, str]]] = {}
    for kind, p, t in flat:
        children.setdefault(t, []).append((kind, p))
    has_out = {p for _, p, _ in flat}
    if m.source is not None:
        lost("the source text")
    if m.data:
        lost("the map's data")
    title = " ".join(m.title.split()) if m.title is not None else None
    if title != m.title:
        lost("the title's spacing")
    lines: list[str] = []
    if title:
        lines += [_TITLE + title, ""]
    claims: list[Claim] = []
    relations: list[Relation] = []
    number_of: dict[str, str] = {}  # claim id -> its number, e.g. "1.2."
    texts: dict[str, str] = {}

    def write_claim(c: Claim, number: str, stance: Kind | None) -> None:
        text = texts.get(c.id)
        if text is None:
            text = texts[c.id] = _clean_text(c.text)
            if text != c.text:
                lost(
                    "texts Kialo cannot hold as they are (blank lines, surrounding spaces, lines that look like items)"
                )
            if c.quote is not None:
                lost("quotes")
            if c.tags:
                lost("tags")
            if c.base_score is not None or c.data:
                lost("claim scores and data")
        number_of[c.id] = number
        claims.append(Claim(number[:-1], text))
        head = f"{number} " + ("" if stance is None else ("Pro: " if stance is Kind.SUPPORT else "Con: "))
        body = _TO_ESCAPE.sub(r"\\\1", text)
        lines.append(head + body)

    top = 0
    order = [c for c in m.claims if c.id not in has_out] + [c for c in m.claims if c.id in has_out]
    for root in order:
        if root.id in number_of:
            continue
        top += 1
        write_claim(root, f"{top}.", None)
        # Depth-first, with an explicit stack of (claim id, its number, next child).
        stack: list[list[Any]] = [[root.id, f"{top}.", 0]]
        while stack:
            frame = stack[-1]
            cid, number, k = frame
            kids = children.get(cid, ())
            if k >= len(kids):
                stack.pop()
                continue
            frame[2] = k + 1
            kind, p = kids[k]
            child = f"{number}{k + 1}."
            if p in number_of:
                lines.append(f"{child} {'Pro' if kind is Kind.SUPPORT else 'Con'}: -> See {number_of[p]}")
                relations.append(Relation("r" + child[:-1], kind, (number_of[p][:-1],), number[:-1]))
            else:
                write_claim(m.claim(p), child, kind)
                relations.append(Relation("r" + child[:-1], kind, (child[:-1],), number[:-1]))
                stack.append([p, child, 0])
    out = ArgumentMap(claims, relations, title=title or None)
    old_ids = [r.id for r in m.relations]
    if any(number_of[c.id][:-1] != c.id for c in m.claims) or (
        len(old_ids) == len(relations) and old_ids != [r.id for r in relations]
    ):
        lost("ids (Kialo numbers claims by their place in the outline)")
    if not losses and out != m:
        lost("the order of claims and relations (Kialo writes an outline)")
    return out, list(losses), lines


def dumps(m: ArgumentMap) -> str:
    """*m* as Kialo's plain-text export.  What Kialo cannot hold is
    simplified, with one LossyConversionWarning saying what (see
    :func:`simplify`)."""
    _, losses, lines = _layout(m)
    if losses:
        warnings.warn(LossyConversionWarning("Kialo export simplified the map: " + "; ".join(losses)), stacklevel=2)
    return "\n".join(lines) + "\n"
