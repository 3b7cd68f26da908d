"""Mermaid flowcharts of argument maps, for Markdown on code-hosting sites.

The picture follows the DOT one (:mod:`argmap.render.dot`): a box per claim
with its role and id over its wrapped text, filled by role; support a green
arrow, attack a thick red line ending in a cross; an undercut (or a backing)
dashed, onto the junction of the inference it attacks; linked premises meet in
one junction; Argdown's strict kinds thick, labelled with their kind.

Node ids are ``n0, n1, ...`` (claims, in map order) and ``j0, j1, ...``
(junctions, by relation order), so any claim id is safe; the claim id is
shown in the caption.  The title becomes a comment, and each claim one
quoted label.  User text (title, ids, claim texts) goes through
:func:`escape`, so that it cannot end its label or comment, start a
statement (``click``, ``style``, ``classDef``), a directive (``%%{init:
...}%%``, which Mermaid finds anywhere in the text) or a comment (``%%``),
nor become markup: ``"``, ``<``, ``>``, ``&``, ``#``, backquote, ``%`` and
``:`` are written as Mermaid's entity codes (``#quot;``, ``#37;`` ...), and so
are the characters Mermaid itself uses to stand for entities; line breaks
become spaces.

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

from argmap.errors import ArgmapError
from argmap.model import ArgumentMap, Kind, Role
from argmap.render import style
from argmap.render.dot import _check_options, wrap

__all__ = ["to_mermaid"]

#: ``direction`` option -> Mermaid flowchart direction.
DIRECTIONS = {"up": "BT", "down": "TB", "left": "RL", "right": "LR"}

# Entity codes for what could end a quoted label or become markup (quote,
# angle brackets, ampersand, backquote for Markdown strings), what starts an
# entity (#), a comment or directive (%), and a colon, which with a '#...;'
# after it on a "style" or "classDef"-looking line makes Mermaid drop the
# line's last ';' (mermaid.js encodeEntities).  Mermaid stands for an entity
# with the characters U+FB02 (ﬂ) and U+00B6 (¶) while it parses: text that
# holds them could forge one, so they are written as entities too.
_ENTITIES = {
    '"': "#quot;",
    "<": "#lt;",
    ">": "#gt;",
    "&": "#amp;",
    "#": "#35;",
    "`": "#96;",
    "%": "#37;",
    ":": "#58;",
    "\ufb02": "#64258;",
    "\u00b6": "#182;",
}
# Line breaks (and tabs) become spaces: a label or comment is one line.  Other
# control characters (which the model refuses anyway) become numeric codes.
_BREAKS = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\u2028\u2029"
_CONTROLS = [c for c in [*range(0x20), *range(0x7F, 0xA0)] if chr(c) not in _BREAKS]
_TABLE = str.maketrans({**_ENTITIES, **dict.fromkeys(_BREAKS, " "), **{chr(c): f"#{c};" for c in _CONTROLS}})


def escape(text: str) -> str:
    """*text* for a quoted Mermaid label or a comment: entity codes for the
    characters that could end the label, start a directive, comment or
    statement, or become markup; line breaks and tabs become spaces.

    >>> print(escape('say "hi" <b>#1</b> & `x`'))
    say #quot;hi#quot; #lt;b#gt;#35;1#lt;/b#gt; #amp; #96;x#96;
    >>> print(escape("%%{init: {'theme': 'dark'}}%%"))
    #37;#37;{init#58; {'theme'#58; 'dark'}}#37;#37;
    """
    return text.translate(_TABLE)


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
    dash = ",stroke-dasharray:5 4" if onto_relation else ""
    return f"stroke:{style.edge_color(kind)},stroke-width:{style.edge_width(kind)}px{dash}"


# Both, by (kind, onto a relation), computed once.
_LINKS = {(kind, onto): (*_arrows(kind, onto), _link_style(kind, onto)) for kind in Kind for onto in (False, True)}


def to_mermaid(m: ArgumentMap, *, direction: str = "up", wrap: int = 28) -> str:
    """*m* as a Mermaid flowchart (text ending in a newline), the same for
    equal maps.  *direction* and *wrap* are :func:`~argmap.render.to_dot`'s;
    a bad one raises :class:`~argmap.errors.ArgmapError`."""
    if not isinstance(m, ArgumentMap):
        raise ArgmapError(f"expected an ArgumentMap, not {type(m).__name__}")
    _check_options(direction, wrap)
    lines = [f"flowchart {DIRECTIONS[direction]}"]
    title = escape(" ".join(m.title.split())) if m.title else ""
    if title:
        lines.append(f"    %% {title}")
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
        head, line, link_style = _LINKS[(r.kind, onto)]
        junction = ids.get(r.id)
        if junction is None:
            lines.append(f"    {ids[r.premises[0]]} {head} {ids[r.target]}")
            styles.setdefault(link_style, []).append(link)
            link += 1
            continue
        for p in r.premises:
            lines.append(f"    {ids[p]} {line} {junction}")
            styles.setdefault(link_style, []).append(link)
            link += 1
        lines.append(f"    {junction} {head} {ids[r.target]}")
        styles.setdefault(link_style, []).append(link)
        link += 1
    for link_style, links in styles.items():
        lines.append(f"    linkStyle {','.join(map(str, links))} {link_style}")

    for role in Role:
        if role in used:
            border, fill = style.ROLE_COLORS[role]
            width = style.THESIS_BORDER_WIDTH if role is Role.THESIS else style.BORDER_WIDTH
            lines.append(
                f"    classDef {role.value} fill:{fill},stroke:{border},stroke-width:{width}px,color:{style.TEXT_COLOR}"
            )
    for name in sorted(junctions):
        color = style.ATTACK_COLOR if name == "attackjunction" else style.SUPPORT_COLOR
        lines.append(f"    classDef {name} fill:{color},stroke:{color}")
    return "\n".join(lines) + "\n"
