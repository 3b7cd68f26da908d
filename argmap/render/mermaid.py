"""Mermaid flowcharts of argument maps, for Markdown on code-hosting sites.

The picture follows the DOT one (:mod:`argmap.render.dot`): a box per claim
with its role and id over its wrapped text, filled by role; support a green
arrow, attack a thick red line ending in a cross; an undercut (or a backing)
dashed, onto the junction of the inference it attacks; linked premises meet in
one junction; Argdown's strict kinds thick, labelled with their kind.

Node ids are ``n0, n1, ...`` (claims, in map order) and ``j0, j1, ...``
(junctions, by relation order), so any claim id is safe; the claim id is
shown in the caption.  All user text is written with Mermaid's entity codes
for the characters that could end a label or become markup (``"``, ``<``,
``>``, ``&``, ``#`` and backquote), and the title becomes a comment.

>>> from argmap import MapBuilder
>>> b = MapBuilder()
>>> t = b.claim("Tea beats coffee", id="t")
>>> _ = b.attack(t, 'It has "less" <taste>')
>>> print(to_mermaid(b.build()))
flowchart BT
    n0["THESIS · t<br/>Tea beats coffee"]:::thesis
    n1["OBJECTION · c1<br/>It has #quot;less#quot; #lt;taste#gt;"]:::objection
    n1 --x n0
    linkStyle 0 stroke:#c62828,stroke-width:2.4px
    classDef thesis fill:#dae6f5,stroke:#1f4e8c,stroke-width:2.6px,color:#1d1d1f
    classDef objection fill:#fbe3e0,stroke:#c62828,stroke-width:1.2px,color:#1d1d1f
<BLANKLINE>
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from argmap.model import Kind, Role
from argmap.render.dot import _ROLE_STYLE, GREEN, RED, _check_options, wrap

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

__all__ = ["to_mermaid"]

#: ``direction`` option -> Mermaid flowchart direction.
DIRECTIONS = {"up": "BT", "down": "TB", "left": "RL", "right": "LR"}

_ENTITIES = {'"': "#quot;", "<": "#lt;", ">": "#gt;", "&": "#amp;", "#": "#35;", "`": "#96;"}
_TABLE = str.maketrans(_ENTITIES)


def escape(text: str) -> str:
    """*text* for a quoted Mermaid label: entity codes for the characters
    that could end the label or become markup; tabs become spaces.

    >>> print(escape('say "hi" <b>#1</b> & `x`'))
    say #quot;hi#quot; #lt;b#gt;#35;1#lt;/b#gt; #amp; #96;x#96;
    """
    return text.translate(_TABLE).replace("\t", " ")


def _label(text: str, width: int) -> str:
    return "<br/>".join(escape(line) for line in wrap(text, width))


# (arrow into the target, line from a premise into a junction) by (strict kind or polarity, onto a relation)
def _arrows(kind: Kind, onto_relation: bool) -> tuple[str, str]:
    if kind is Kind.ENTAILS:
        return f"==>|{kind.value}|", "==="
    if kind is Kind.CONTRARY:
        return f"==x|{kind.value}|", "==="
    if kind is Kind.CONTRADICTORY:
        return f"x==x|{kind.value}|", "==="
    if onto_relation:
        return ("-.-x", "-.-") if kind.is_attack else ("-.->", "-.-")
    return ("--x", "---") if kind.is_attack else ("-->", "---")


def _link_style(kind: Kind, onto_relation: bool) -> str:
    color, width = (RED, "2.4px") if kind.is_attack else (GREEN, "1.3px")
    dash = ",stroke-dasharray:5 4" if onto_relation else ""
    return f"stroke:{color},stroke-width:{width}{dash}"


def to_mermaid(m: ArgumentMap, *, direction: str = "up", wrap: int = 28) -> str:
    """*m* as a Mermaid flowchart (text ending in a newline), the same for
    equal maps.  *direction* and *wrap* are :func:`~argmap.render.to_dot`'s;
    a bad one raises :class:`~argmap.errors.ArgmapError`."""
    _check_options(direction, wrap)
    lines = [f"flowchart {DIRECTIONS[direction]}"]
    if m.title:
        lines.append(f"    %% {' '.join(m.title.split())}")
    roles = m.roles
    ids: dict[str, str] = {}
    used: set[Role] = set()
    for k, c in enumerate(m.claims):
        role = roles[c.id]
        used.add(role)
        ids[c.id] = f"n{k}"
        caption = f"{role.value.upper()} · {escape(' '.join(c.id.split()))}"
        lines.append(f'    n{k}["{caption}<br/>{_label(c.text, wrap)}"]:::{role.value}')

    targeted = {r.target for r in m.relations}
    relation_ids = {r.id for r in m.relations}
    junctions: set[str] = set()
    for k, r in enumerate(m.relations):
        if r.is_linked or r.id in targeted:
            ids[r.id] = f"j{k}"
            junctions.add("attackjunction" if r.is_attack else "supportjunction")
            lines.append(f'    j{k}((" ")):::{"attackjunction" if r.is_attack else "supportjunction"}')

    styles: dict[str, list[int]] = {}
    link = 0
    for r in m.relations:
        onto = r.target in relation_ids
        head, line = _arrows(r.kind, onto)
        style = _link_style(r.kind, onto)
        junction = ids.get(r.id)
        if junction is None:
            lines.append(f"    {ids[r.premises[0]]} {head} {ids[r.target]}")
            styles.setdefault(style, []).append(link)
            link += 1
            continue
        for p in r.premises:
            lines.append(f"    {ids[p]} {line} {junction}")
            styles.setdefault(style, []).append(link)
            link += 1
        lines.append(f"    {junction} {head} {ids[r.target]}")
        styles.setdefault(style, []).append(link)
        link += 1
    for style, links in styles.items():
        lines.append(f"    linkStyle {','.join(map(str, links))} {style}")

    for role in Role:
        if role in used:
            border, fill = _ROLE_STYLE[role]
            width = "2.6px" if role is Role.THESIS else "1.2px"
            lines.append(f"    classDef {role.value} fill:{fill},stroke:{border},stroke-width:{width},color:#1d1d1f")
    for name in sorted(junctions):
        color = RED if name == "attackjunction" else GREEN
        lines.append(f"    classDef {name} fill:{color},stroke:{color}")
    return "\n".join(lines) + "\n"
