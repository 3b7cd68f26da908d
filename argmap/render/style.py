"""argmap's palette: the colours, line widths and fonts every drawing shares.

The DOT picture (:mod:`argmap.render.dot`), the Mermaid flowchart
(:mod:`argmap.render.mermaid`) and the HTML report (:mod:`argmap.report`)
draw a map in one visual language, described in :mod:`argmap.render.dot`:
boxes coloured by role, support green and thin, attack red and thick.  Its
values live here, once; each renderer writes them in its own syntax (a
width of ``1.3`` is ``penwidth=1.3`` in DOT and ``stroke-width:1.3px`` in
Mermaid).

>>> ROLE_COLORS[Role.THESIS]
RoleColors(border='#1f4e8c', fill='#dae6f5')
>>> edge_color(Kind.CONTRARY) == ATTACK_COLOR, edge_width(Kind.SUPPORT)
(True, 1.3)
>>> strength_fill(0.0), strength_fill(1.0)
('#ffffff', '#93a9c0')
"""

from __future__ import annotations

from argmap._kinds import Kind, Role
from argmap._namedtuple import NamedTuple

__all__ = [
    "ATTACK_COLOR",
    "ATTACK_WIDTH",
    "BORDER_WIDTH",
    "CAPTION_COLOR",
    "CAPTION_FONT_SIZE",
    "EDGE_FONT_SIZE",
    "FONT",
    "FONT_SIZE",
    "LABEL_STYLES",
    "PAGE_FONT",
    "RESULT_FONT_SIZE",
    "ROLE_COLORS",
    "STRENGTH_COLOR",
    "SUPPORT_COLOR",
    "SUPPORT_WIDTH",
    "TEXT_COLOR",
    "THESIS_BORDER_WIDTH",
    "THESIS_FONT_SIZE",
    "TITLE_FONT_SIZE",
    "LabelStyle",
    "RoleColors",
    "edge_color",
    "edge_width",
    "strength_fill",
]

# ---- fonts ----------------------------------------------------------------

#: The font list of the drawings (Graphviz uses the first it has).
FONT = "Helvetica,Arial,sans-serif"
#: The font list of the HTML report's page (the system's own face first).
PAGE_FONT = 'system-ui,-apple-system,"Segoe UI",' + FONT

#: Font sizes, in points: the map's title, a claim's text, the thesis's text,
#: the caption over a claim's text (role and id), an evaluation's result in
#: the caption, and an edge's label (a strict kind's name).
TITLE_FONT_SIZE = 16
FONT_SIZE = 11
THESIS_FONT_SIZE = 14
CAPTION_FONT_SIZE = 9
RESULT_FONT_SIZE = 10
EDGE_FONT_SIZE = 9

# ---- text -----------------------------------------------------------------

#: Claim text, where a renderer sets its colour (Mermaid, the report).
TEXT_COLOR = "#1d1d1f"
#: The caption over a claim's text, and other secondary text.
CAPTION_COLOR = "#5f6368"

# ---- claims: colours by role ----------------------------------------------


class RoleColors(NamedTuple):
    """A claim box's border (and a quote's underline) and its fill."""

    border: str
    fill: str


#: Role -> the colours of its claims: thesis blue, premise green, objection
#: red, rebuttal amber, undercutter purple.  (The caption names the role too,
#: so a greyscale print stays readable.)
ROLE_COLORS = {
    Role.THESIS: RoleColors("#1f4e8c", "#dae6f5"),
    Role.PREMISE: RoleColors("#2e7d32", "#e4f2e4"),
    Role.OBJECTION: RoleColors("#c62828", "#fbe3e0"),
    Role.REBUTTAL: RoleColors("#a05a00", "#fdf0d5"),
    Role.UNDERCUTTER: RoleColors("#6a3d9a", "#eee6f6"),
}

#: A claim box's border width, and the thesis's (thicker).
BORDER_WIDTH = 1.2
THESIS_BORDER_WIDTH = 2.6

# ---- relations -------------------------------------------------------------

#: Support (and entailment) is a thin green line, attack (and contrariety,
#: contradiction) a thick red one; so are the junctions where they meet.
SUPPORT_COLOR = "#2e7d32"
ATTACK_COLOR = "#c62828"
SUPPORT_WIDTH = 1.3
ATTACK_WIDTH = 2.4


def edge_color(kind: Kind) -> str:
    """The colour of a relation of *kind* (by its polarity)."""
    return ATTACK_COLOR if kind.is_attack else SUPPORT_COLOR


def edge_width(kind: Kind) -> float:
    """The line width of a relation of *kind* (by its polarity)."""
    return ATTACK_WIDTH if kind.is_attack else SUPPORT_WIDTH


# ---- evaluations -----------------------------------------------------------


class LabelStyle(NamedTuple):
    """How a claim with a Dung label is drawn: the caption's text, the fill,
    and the border's line style (``""``: solid)."""

    caption: str
    fill: str
    border: str


#: Dung label -> its style: ``in`` filled dark, ``out`` white and dashed,
#: ``undec`` light grey and dotted (lightness and line style survive greyscale).
LABEL_STYLES = {
    "in": LabelStyle("IN", "#8fb8a0", ""),
    "out": LabelStyle("OUT", "#ffffff", "dashed"),
    "undec": LabelStyle("UNDEC", "#e3e3e3", "dotted"),
}

#: The fill of a claim of strength 1 (blue-grey, about 65% luminance); a
#: strength fades it towards white at 0.
STRENGTH_COLOR = "#93a9c0"


def strength_fill(v: float) -> str:
    """The fill of a claim of strength *v* in [0, 1]: white at 0,
    :data:`STRENGTH_COLOR` at 1."""
    full = (int(STRENGTH_COLOR[i : i + 2], 16) for i in (1, 3, 5))
    r, g, b = (round(255 - (255 - c) * v) for c in full)
    return f"#{r:02x}{g:02x}{b:02x}"
