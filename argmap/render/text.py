"""The map as an indented text tree, for terminals and ``text/plain`` display.

Each thesis starts a tree at the left margin; the relations into a claim are
listed under it, indented, in map order:

* ``+`` marks a support, ``-`` an attack; Argdown's strict kinds name
  themselves (``+ entails:``, ``- contrary:``, ``- contradictory:``).
* Linked premises are grouped under one ``+ linked:`` (or ``- linked:``)
  line, each premise marked ``&``.
* An attack on an inference stands under that inference, after the
  premise's own subtree: ``- undercuts r1: [c7] ...`` (a support of an
  inference reads ``+ backs r1:``).
* Every claim is written in full once, as ``[id] text``; where it comes up
  again the tree says ``see [id]`` and does not descend, so shared claims
  and cycles are shown without repeating or looping.  Claims that no thesis
  leads to (a pure cycle) start their own tree at the end.

The walk is iterative, so a chain of any depth works; beyond
:data:`MAX_INDENT` levels the indentation stops growing and each line starts
with its level instead, as ``(level 31)``.

>>> from argmap import MapBuilder
>>> b = MapBuilder()
>>> tea = b.claim("Tea is better than coffee")
>>> less = b.support(tea, "Tea has less caffeine")
>>> _ = b.attack(less.premise, "Decaf coffee has none")
>>> _ = b.undercut(less, "Caffeine is not what matters")
>>> linked = b.support(tea, ["Tea is cheaper", "Cheaper is better"])
>>> _ = b.relate("contrary", tea, "Coffee is better than tea")
>>> _ = b.support(tea, less.premise)
>>> print(to_text(b.build()))
[c1] Tea is better than coffee
  + [c2] Tea has less caffeine
    - [c3] Decaf coffee has none
    - undercuts r1: [c4] Caffeine is not what matters
  + linked:
    & [c5] Tea is cheaper
    & [c6] Cheaper is better
  - contrary: [c7] Coffee is better than tea
  + see [c2]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from argmap.model import Kind

if TYPE_CHECKING:
    from argmap.model import ArgumentMap, Relation

__all__ = ["MAX_INDENT", "to_text"]

#: Levels of indentation after which lines carry their level as a number.
MAX_INDENT = 30

_INDENT = "  "
_STRICT = frozenset({Kind.ENTAILS, Kind.CONTRARY, Kind.CONTRADICTORY})


def _lead(r: Relation, onto_relation: bool) -> str:
    """The start of a relation's line: its sign and qualifiers."""
    words = []
    if r.kind in _STRICT:
        words.append(r.kind.value)
    if onto_relation:
        words.append(f"{'undercuts' if r.is_attack else 'backs'} {r.target}")
    if r.is_linked:
        words.append("linked")
    sign = "-" if r.is_attack else "+"
    return f"{sign} {', '.join(words)}: " if words else f"{sign} "


def to_text(m: ArgumentMap) -> str:
    """*m* as an indented tree of lines (see the module's description); every
    claim appears exactly once in full."""
    claims = {c.id: c for c in m.claims}
    into = m.relations_into
    out: list[str] = []
    shown: set[str] = set()

    def write(depth: int, lead: str, text: str = "") -> None:
        # *lead* is everything before the claim's text; its further lines
        # are indented to start under its first.
        lead = f"{_INDENT * MAX_INDENT}(level {depth}) {lead}" if depth > MAX_INDENT else _INDENT * depth + lead
        if "\n" in text or "\t" in text:
            pad = "\n" + " " * len(lead)
            text = pad.join(text.replace("\t", " ").split("\n"))
        out.append(lead + text)

    # A stack of work: ("claim", id, depth, lead) writes a claim (or a
    # reference to it) and queues what bears on it; ("rel", relation, depth)
    # writes an inference and queues its premises and its undercuts.
    tops = [c.id for c in m.roots]
    for start in tops + [c.id for c in m.claims]:
        if start in shown:
            continue
        stack: list[tuple[Any, ...]] = [("claim", start, 0, "")]
        while stack:
            item = stack.pop()
            if item[0] == "claim":
                _, cid, depth, lead = item
                if cid in shown:
                    write(depth, f"{lead}see [{cid}]")
                    continue
                shown.add(cid)
                write(depth, f"{lead}[{cid}] ", claims[cid].text)
                stack.extend(("rel", r, depth + 1) for r in reversed(into(cid)))
            else:
                _, r, depth = item
                lead = _lead(r, r.target not in claims)
                stack.extend(("rel", u, depth + 1) for u in reversed(into(r.id)))
                if r.is_linked:
                    write(depth, lead.rstrip())
                    stack.extend(("claim", p, depth + 1, "& ") for p in reversed(r.premises))
                else:
                    stack.append(("claim", r.premises[0], depth, lead))
    return "\n".join(out)
