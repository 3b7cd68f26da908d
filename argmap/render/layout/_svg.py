"""SVG written straight from the tree layout (:mod:`argmap.render.layout`), in the
visual language of :mod:`argmap.render.dot` (no Graphviz).

Every claim is a ``<g data-claim="ID">`` (a rounded box, its caption and its
text); every relation is one ``<path data-relation="ID">`` (its premises'
lines into the junction, then the line into the target, which carries the
head) and, if it has one, a junction dot ``<circle data-junction="ID">``.  An
overlay line (from a claim placed elsewhere in the tree) is a curve drawn
lighter.  A relation's argumentation scheme is a ``<text class="scheme"
data-scheme="ID">`` in small grey italics beside its junction.  A legend under the drawing names the roles and the lines.  All
text is escaped for XML; equal maps give byte-identical SVG.
"""

from __future__ import annotations

from collections.abc import Mapping

from argmap._gc import pausing
from argmap._kinds import Kind, Role
from argmap.render._shared import check_evaluation, escape_xml
from argmap.render.layout._geometry import (
    CAPTION_SIZE,
    FONT_SIZE,
    LINE_HEIGHT,
    PAD_Y,
    THESIS_FONT_SIZE,
    _arrange,
    _label_box,
)
from argmap.render.layout._view import MapView, view_of
from argmap.render.style import ATTACK_COLOR as RED
from argmap.render.style import ATTACK_WIDTH, CAPTION_COLOR, FONT, SUPPORT_WIDTH
from argmap.render.style import ROLE_COLORS as _ROLE_STYLE
from argmap.render.style import SUPPORT_COLOR as GREEN

TYPE_CHECKING = False  # (typing.TYPE_CHECKING, without importing typing)
if TYPE_CHECKING:
    from argmap.model import ArgumentMap
    from argmap.render.layout._shapes import Segment

__all__ = ["to_tree_svg", "tree_svg"]

#: Margin around the drawing (points).
MARGIN = 12.0
#: Height of the title line and of the legend (points).
TITLE_HEIGHT = 28.0
LEGEND_HEIGHT = 30.0
LEGEND_WIDTH = 720.0
#: Room for the arcs of overlay lines beyond the outermost level (points).
OVERLAY_ROOM = 32.0


def escape(text: str) -> str:
    r"""*text* escaped for XML text and attribute values; U+FFFE and U+FFFF,
    which XML 1.0 forbids (the model already rejects control characters and
    surrogates), become U+FFFD.

    >>> print(escape('<b>"A" & \'B\'</b>'))
    &lt;b&gt;&quot;A&quot; &amp; &#39;B&#39;&lt;/b&gt;
    """
    text = escape_xml(text)
    if not text.isascii():
        if "\ufffe" in text:
            text = text.replace("\ufffe", "\ufffd")
        if "\uffff" in text:
            text = text.replace("\uffff", "\ufffd")
    return text


def _css(schemes: bool = False) -> str:
    """The style sheet: role colours, fonts and line styles, by class (and
    the schemes' labels, if there are any)."""
    rules = [
        f".claims text{{text-anchor:middle;font-size:{FONT_SIZE:g}px}}",
        f".claims .thesis text{{font-size:{THESIS_FONT_SIZE:g}px}}",
        f".cap{{font-size:{CAPTION_SIZE:g}px;fill:{CAPTION_COLOR}}}",
        ".claims rect{stroke-width:1.2}",
        ".claims .thesis rect{stroke-width:2.6}",
    ]
    rules.extend(f".{role.value} rect{{fill:{fill};stroke:{color}}}" for role, (color, fill) in _ROLE_STYLE.items())
    rules += [
        ".relations path{fill:none}",
        f".support{{stroke:{GREEN};stroke-width:{SUPPORT_WIDTH};marker-end:url(#head-support)}}",
        f".attack{{stroke:{RED};stroke-width:{ATTACK_WIDTH};marker-end:url(#head-attack)}}",
        ".contradictory{marker-start:url(#tail-attack)}",
        ".strict{stroke-width:3.6}",
        ".relations path.gap{stroke:#ffffff;stroke-width:1.2;marker:none}",
        ".onto{stroke-dasharray:6,4}",
        ".overlay{stroke-opacity:.55}",
        f".relations text{{font-size:9px}} .relations .support-label{{fill:{GREEN}}} .relations .attack-label{{fill:{RED}}}",
        f".junction-support{{fill:{GREEN}}} .junction-attack{{fill:{RED}}}",
        f".legend text{{font-size:9px;fill:{CAPTION_COLOR}}} .legend rect{{stroke-width:1}}",
    ]
    if schemes:
        # small grey italics, as the DOT picture writes a scheme, on a white
        # halo: a line that passes behind a label leaves it legible
        rules.append(
            f".schemes text{{font-size:{CAPTION_SIZE:g}px;font-style:italic;fill:{CAPTION_COLOR};"
            "paint-order:stroke;stroke:#ffffff;stroke-width:3px;stroke-linejoin:round}"
        )
    return "<style>" + " ".join(rules) + "</style>\n"


def _defs() -> str:
    return (
        "<defs>"
        '<marker id="head-support" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" markerHeight="9" '
        f'markerUnits="userSpaceOnUse" orient="auto"><path d="M0,1 L10,5 L0,9 z" fill="{GREEN}"/></marker>'
        '<marker id="head-attack" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="10" markerHeight="10" '
        f'markerUnits="userSpaceOnUse" orient="auto"><path d="M8,0 L10,0 L10,10 L8,10 z" fill="{RED}"/></marker>'
        '<marker id="tail-attack" viewBox="0 0 10 10" refX="1" refY="5" markerWidth="10" markerHeight="10" '
        f'markerUnits="userSpaceOnUse" orient="auto"><path d="M0,0 L2,0 L2,10 L0,10 z" fill="{RED}"/></marker>'
        "</defs>\n"
    )


def _classes(kind: Kind, onto_relation: bool, overlay: bool) -> str:
    """The classes of a relation's path: polarity, kind, dashes, overlay."""
    out = kind.polarity.value
    if kind in _STRICT:
        out += f" strict {kind.value}"
    if onto_relation:
        out += " onto"
    if overlay:
        out += " overlay"
    return out


_STRICT = (Kind.ENTAILS, Kind.CONTRARY, Kind.CONTRADICTORY)
_STRICT_NAMES = frozenset(k.value for k in _STRICT)
_CLASSES = {(k, onto, ov): _classes(k, onto, ov) for k in Kind for onto in (False, True) for ov in (False, True)}
_CLASSES_BY_NAME = {(k.value, onto, ov): cls for (k, onto, ov), cls in _CLASSES.items()}


def _curve(seg: Segment, vertical: bool, sign: float) -> str:
    """A segment as a cubic curve that leaves and enters along the direction.

    *sign* is +1 when the leaves lie towards larger coordinates ("up",
    "left"), -1 otherwise.  An overlay whose start is not beyond its end
    (a claim no deeper than its target) arcs out on the leaves' side.
    """
    (x1, y1), (x2, y2) = seg.start, seg.end
    if vertical:
        if seg.overlay and sign * (y1 - y2) <= 1:
            c1, c2 = y1 + sign * 40, y2 + sign * 40
        else:
            c1 = c2 = (y1 + y2) / 2
        return f"M{x1:.1f},{y1:.1f} C{x1:.1f},{c1:.1f} {x2:.1f},{c2:.1f} {x2:.1f},{y2:.1f}"
    if seg.overlay and sign * (x1 - x2) <= 1:
        c1, c2 = x1 + sign * 40, x2 + sign * 40
    else:
        c1 = c2 = (x1 + x2) / 2
    return f"M{x1:.1f},{y1:.1f} C{c1:.1f},{y1:.1f} {c2:.1f},{y2:.1f} {x2:.1f},{y2:.1f}"


def _legend(y: float) -> str:
    out = ['<g class="legend">']
    x = MARGIN
    for role in Role:
        name = role.value.upper()
        out.append(
            f'<g class="{role.value}"><rect x="{x:.1f}" y="{y:.1f}" width="14" height="10" rx="2"/></g>'
            f'<text x="{x + 18:.1f}" y="{y + 9:.1f}">{name}</text>'
        )
        x += 26 + len(name) * 6
    for label, kind, onto in (
        ("support", Kind.SUPPORT, False),
        ("attack", Kind.ATTACK, False),
        ("undercut", Kind.ATTACK, True),
    ):
        out.append(
            f'<path class="{_CLASSES[(kind, onto, False)]}" d="M{x:.1f},{y + 5:.1f} L{x + 30:.1f},{y + 5:.1f}"/>'
            f'<text x="{x + 36:.1f}" y="{y + 9:.1f}">{label}</text>'
        )
        x += 44 + len(label) * 6
    out.append("</g>\n")
    return "".join(out)


class _Numbers(dict[float, str]):
    """Coordinates written with one decimal (``f"{v:.1f}"``), each value
    formatted once: a drawing repeats the same levels, widths and heights
    thousands of times, and formatting a float costs as much as ten
    dictionary lookups."""

    def __missing__(self, v: float) -> str:
        text = self[v] = f"{v:.1f}"
        return text


def _escape_all(texts: list[str]) -> list[str]:
    """Each of *texts* :func:`escape`'d: all in one pass over their join
    (none holds a newline, which the model rejects in ids and the wrapping
    takes out of texts, so they split back; else one by one)."""
    joined = "\n".join(texts)
    escaped = escape(joined)
    if escaped is joined:  # nothing to escape (escape returns its argument)
        return texts
    out = escaped.split("\n")
    return out if len(out) == len(texts) else [escape(t) for t in texts]


def to_tree_svg(
    m: ArgumentMap,
    *,
    direction: str = "up",
    wrap: int = 28,
    evaluation: Mapping[str, object] | None = None,
) -> str:
    """*m* drawn as SVG with argmap's own tree layout (no Graphviz needed).

    The options are :func:`~argmap.render.to_dot`'s; the time is linear in
    the size of the map, so maps of 100,000 claims take seconds.  A
    relation's argumentation scheme is written in small italics beside its
    junction (the DOT picture writes it on the arrow).

    >>> from argmap import MapBuilder
    >>> b = MapBuilder()
    >>> _ = b.attack(b.claim("Tea & biscuits", id="t"), "Too <sweet>", id="o")
    >>> svg = to_tree_svg(b.build())
    >>> 'data-claim="t"' in svg and "Tea &amp; biscuits" in svg and "Too &lt;sweet&gt;" in svg
    True
    """
    return tree_svg(view_of(m), direction=direction, wrap=wrap, evaluation=evaluation)


@pausing  # the layout's arrays and the drawing's strings: many small objects, no cycles
def tree_svg(
    v: MapView,
    *,
    direction: str = "up",
    wrap: int = 28,
    evaluation: Mapping[str, object] | None = None,
) -> str:
    """The map that *v* shows drawn as :func:`to_tree_svg` draws it."""
    # The layout's arrays, read directly (tree_layout builds its tuples from
    # the same), and every text escaped in one pass: linear, and about as
    # fast as Python writes a file of this size.
    lay = _arrange(v, direction, wrap, evaluation)
    results = check_evaluation(v.claim_ids, v.items, evaluation) if evaluation is not None else {}
    vertical = lay.vertical
    sign = 1.0 if direction in ("up", "left") else -1.0
    cx_of, cy_of, near, far, depth = lay.cx, lay.cy, lay.near, lay.far, lay.depth
    num = _Numbers()
    relations = v.relations
    claim_ids = v.claim_ids
    roles = lay.roles
    title = v.title

    texts = [r.id for r in relations]
    for cid, (caption, text_lines, _size, _w, _h) in zip(claim_ids, lay.boxes):
        texts.append(cid)
        texts.append(caption)
        texts += text_lines
    for _j, label_lines, _lw, _lh in lay.labels:
        texts += label_lines
    escaped = _escape_all(texts)
    rids = escaped[: len(relations)]

    # Each relation's path: its premises' lines into the junction (if any),
    # then the line into the target, each a cubic curve that leaves and
    # enters along the direction (see _curve: the same numbers, formatted
    # once).  Tree lines go over the boxes (they end on the borders, and the
    # heads must show); a relation whose line into the target is an overlay
    # (it crosses the picture) goes under them, so that it never hides a text.
    lines_of, heads = lay.lines, lay.heads
    with_junction = {r.id for r in lay.junction_rel}
    classes = _CLASSES_BY_NAME
    # every node's position across the levels, formatted once: the lines of
    # its relations and its box's text all start from it
    across = [f"{v:.1f}" for v in (cx_of if vertical else cy_of)]
    under: list[str] = []
    over_boxes: list[str] = []
    any_overlay = False
    for r, rid in zip(relations, rids):
        ends = lines_of[r.id]
        head = heads.get(r.id)
        if head is None and len(ends) == 1 and not ends[0][2] and r.kind._value_ not in _STRICT_NAMES:
            # The usual relation: one tree line from its premise into its
            # target, over the boxes (the general way below, written out).
            p, t, _over = ends[0]
            a, e, cls = across[p], across[t], classes[r.kind._value_, r.target in with_junction, False]
            if vertical:
                y1, y2 = near[p], far[t]
                c = num[(y1 + y2) / 2]
                over_boxes.append(
                    f'<path class="{cls}" data-relation="{rid}" d="M{a},{num[y1]} C{a},{c} {e},{c} {e},{num[y2]}"/>\n'
                )
            else:
                x1, x2 = near[p], far[t]
                c = num[(x1 + x2) / 2]
                over_boxes.append(
                    f'<path class="{cls}" data-relation="{rid}" d="M{num[x1]},{a} C{c},{a} {c},{e} {num[x2]},{e}"/>\n'
                )
            continue
        if head is not None:
            ends = [*ends, head]
        parts = []
        overlay = over = False
        x1 = y1 = x2 = y2 = 0.0
        for p, t, over in ends:
            side = far if over and depth[p] <= depth[t] else near
            if vertical:
                x1, y1, x2, y2 = cx_of[p], side[p], cx_of[t], far[t]
                if over and sign * (y1 - y2) <= 1:
                    c1, c2 = y1 + sign * 40, y2 + sign * 40
                else:
                    c1 = c2 = (y1 + y2) / 2
                a, e = across[p], across[t]
                parts.append(f"M{a},{num[y1]} C{a},{num[c1]} {e},{num[c2]} {e},{num[y2]}")
            else:
                x1, y1, x2, y2 = side[p], cy_of[p], far[t], cy_of[t]
                if over and sign * (x1 - x2) <= 1:
                    c1, c2 = x1 + sign * 40, x2 + sign * 40
                else:
                    c1 = c2 = (x1 + x2) / 2
                a, e = across[p], across[t]
                parts.append(f"M{num[x1]},{a} C{num[c1]},{a} {num[c2]},{e} {num[x2]},{e}")
            overlay = overlay or over
        any_overlay = any_overlay or overlay
        d = parts[0] if len(parts) == 1 else " ".join(parts)
        kind = r.kind
        name = kind._value_  # (a Kind is hashed in Python, its name in C)
        put = (under if over else over_boxes).append
        put(f'<path class="{classes[name, r.target in with_junction, overlay]}" data-relation="{rid}" d="{d}"/>\n')
        if name in _STRICT_NAMES:
            # A double line: a white line down the middle of a wide one,
            # named on its last line unless its scheme's label names it.
            put(f'<path class="gap" d="{d}"/>')
            if not r.scheme:
                label = "attack-label" if kind.is_attack else "support-label"
                put(f'<text class="{label}" x="{(x1 + x2) / 2 + 4:.1f}" y="{(y1 + y2) / 2:.1f}">{name}</text>\n')
    # (each junction's and label's relation id, escaped: most maps have none)
    escaped_id = dict(zip((r.id for r in relations), rids)) if lay.junction_rel else {}
    for j, r in enumerate(lay.junction_rel, lay.n_claims):
        cls = "junction-attack" if r.kind.is_attack else "junction-support"
        over_boxes.append(
            f'<circle class="{cls}" data-junction="{escaped_id[r.id]}" cx="{cx_of[j]:.1f}" cy="{cy_of[j]:.1f}" r="4"/>\n'
        )

    # Room on the leaves' side for the arcs of overlays (see _curve).
    room = OVERLAY_ROOM if any_overlay else 0.0
    left = MARGIN + (room if direction == "right" else 0.0)
    top = MARGIN + (TITLE_HEIGHT if title else 0.0) + (room if direction == "down" else 0.0)
    bottom = top + lay.height + (room if direction == "up" else 0.0)
    width = max(lay.width + (0.0 if vertical else room), LEGEND_WIDTH) + 2 * MARGIN
    height = bottom + LEGEND_HEIGHT + 2 * MARGIN
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.1f}" height="{height:.1f}" '
        f'viewBox="0 0 {width:.1f} {height:.1f}" font-family="{FONT}">\n',
    ]
    append = out.append
    if title:
        append(f"<title>{escape(title)}</title>\n")
    append(_css(bool(lay.labels)))
    append(_defs())
    append(f'<rect class="background" x="0" y="0" width="{width:.1f}" height="{height:.1f}" fill="#ffffff"/>\n')
    if title:
        append(
            f'<text class="title" x="{width / 2:.1f}" y="{MARGIN + 18:.1f}" font-size="16" text-anchor="middle">{escape(title)}</text>\n'
        )

    shift = f' transform="translate({left:.1f},{top:.1f})">\n'
    if under:
        append('<g class="relations overlays"' + shift)
        out.extend(under)
        append("</g>\n")

    # Claims: a box, the caption, the wrapped text.  Boxes of one level,
    # height and role differ only in their texts and across positions: the
    # rest of their markup (the shape) is worked out once for each.
    append('<g class="claims"' + shift)
    cap_gap = CAPTION_SIZE * (LINE_HEIGHT - 1)
    shapes: dict[tuple[object, ...], tuple[str, str, str, str, list[str]]] = {}
    k = len(relations)  # the claims' texts in escaped: id, caption, lines
    for i, (role, (_caption, text_lines, size, w, h)) in enumerate(zip(roles, lay.boxes)):
        x = cx_of[i] - w / 2
        y0 = cy_of[i] - h / 2
        n_lines = len(text_lines)
        result = results.get(claim_ids[i]) if results else None
        name = role._value_  # (a Role is hashed in Python, its name in C)
        key = (name, y0, h, size, n_lines, None if result is None else result[1:])
        shape = shapes.get(key)
        if shape is None:
            style = ""
            if result is not None:
                dash = {"dashed": ";stroke-dasharray:5,3", "dotted": ";stroke-dasharray:1.5,2.5"}.get(result[2], "")
                style = f' style="fill:{result[1]}{dash}"'
            y = y0 + PAD_Y + CAPTION_SIZE
            caption_y = num[y]
            step = size * LINE_HEIGHT
            y += cap_gap + step
            ys = []
            for _ in range(n_lines):
                ys.append(f'" y="{num[y]}">')
                y += step
            shape = shapes[key] = (
                f'" class="{name}"><rect x="',
                f'" y="{num[y0]}" width="',
                f'" height="{num[h]}" rx="6"{style}/><text x="',
                f'" y="{caption_y}"><tspan class="cap">',
                ys,
            )
        at_x, at_w, at_cx, at_caption, ys = shape
        cx_i = x + w / 2
        cx = across[i] if vertical and cx_i == cx_of[i] else f"{cx_i:.1f}"
        append(f'<g data-claim="{escaped[k]}{at_x}{x:.1f}{at_w}{num[w]}{at_cx}{cx}{at_caption}{escaped[k + 1]}</tspan>')
        k += 2
        for y_at in ys:
            append(f'<tspan x="{cx}{y_at}{escaped[k]}</tspan>')
            k += 1
        append("</text></g>\n")
    append("</g>\n")

    append('<g class="relations"' + shift)
    out.extend(over_boxes)
    append("</g>\n")
    if lay.labels:
        # Each scheme beside its junction's dot (the layout left room for it).
        rest = iter(escaped[k:])
        append('<g class="schemes"' + shift)
        anchor = "" if vertical else ' text-anchor="middle"'
        for j, label_lines, lw, lh in lay.labels:
            lx, ly = _label_box(lay, j, lw, lh)
            tx = num[lx] if vertical else num[lx + lw / 2]
            rid = escaped_id[lay.junction_rel[j - lay.n_claims].id]
            parts = [f'<text class="scheme" data-scheme="{rid}"{anchor}>']
            y = ly + CAPTION_SIZE
            for _line in label_lines:
                parts.append(f'<tspan x="{tx}" y="{num[y]}">{next(rest)}</tspan>')
                y += CAPTION_SIZE * LINE_HEIGHT
            parts.append("</text>\n")
            append("".join(parts))
        append("</g>\n")
    append(_legend(bottom + MARGIN))
    append("</svg>\n")
    return "".join(out)
