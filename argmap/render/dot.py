r"""DOT source for an argument map: argmap's visual language for Graphviz.

The picture
-----------
* A claim is a rounded, filled box: its text, word-wrapped, under a small grey
  caption with its role and id (``THESIS · c1``).  The fill and border colour
  follow the role (thesis blue, premise green, objection red, rebuttal amber,
  undercutter purple); the caption names the role, so greyscale prints stay
  readable.  The thesis has a thicker border and a larger font.
* Support is a thin solid green arrow with a normal head.  Attack is a thick
  red line ending in a bar (``tee``): colour, weight and head all differ.
* An undercut (an attack on a relation) is a dashed red line with a bar onto
  the junction of the inference it attacks; a backing (a support of a
  relation) is a dashed green arrow.
* Linked premises meet in one junction (a small dot) before a single arrow to
  their conclusion; convergent premises each have their own arrow.  A relation
  that is the target of another relation also gets a junction, so that the
  undercut has something to point at.
* Argdown's strict kinds are drawn as double lines (like ``⇒``) with a small
  label naming the kind: ``entails`` looks like a support, ``contrary`` like an
  attack, and ``contradictory`` like an attack with a bar at both ends, since
  contradiction is symmetric.
* With ``direction="up"`` (the default) theses sit on the top row and arrows
  point up from premises to conclusions; ``"down"``, ``"left"`` and ``"right"``
  turn the picture.
* With ``evaluation=`` (a mapping claim id -> strength in [0, 1], or ->
  ``"in"``/``"out"``/``"undec"``, as :func:`argmap.semantics.evaluate`
  gives), each evaluated claim shows its result in the caption
  (``PREMISE · c2 · 0.75``, ``OBJECTION · c3 · OUT``) and its fill follows
  it: a strength darkens the fill from white (0) to blue-grey (1); an
  ``in`` claim is filled dark, an ``out`` one white with a dashed border, an
  ``undec`` one light grey with a dotted border.  Number, lightness and line
  style all survive greyscale printing.

The DOT text is built as lines with fixed, sorted attributes and follows the
map's order, so equal maps give byte-identical DOT.  Every user string is
escaped: claim ids become quoted DOT ids, texts become HTML-like labels with
``&``, ``<``, ``>``, quotes and backslashes written as character entities.

>>> from argmap import MapBuilder
>>> b = MapBuilder()
>>> t = b.claim("Tea beats coffee", id="t")
>>> _ = b.support(t, "Less caffeine", id="r1")
>>> print(to_dot(b.build()).replace("\t", "  "))
digraph argmap {
  graph [fontname="Helvetica,Arial,sans-serif", nodesep=0.3, rankdir=BT, ranksep=0.45]
  node [fontname="Helvetica,Arial,sans-serif", fontsize=11, margin="0.14,0.07", penwidth=1.2, shape=box, style="rounded,filled"]
  edge [arrowsize=0.8, fontname="Helvetica,Arial,sans-serif", fontsize=9]
  "t" [color="#1f4e8c", fillcolor="#dae6f5", fontsize=14, label=<<FONT COLOR="#5f6368" POINT-SIZE="9">THESIS · t</FONT><BR/>Tea beats coffee>, penwidth=2.6]
  "c1" [color="#2e7d32", fillcolor="#e4f2e4", label=<<FONT COLOR="#5f6368" POINT-SIZE="9">PREMISE · c1</FONT><BR/>Less caffeine>]
  "c1" -> "t" [arrowhead=normal, color="#2e7d32", penwidth=1.3]
}
<BLANKLINE>
"""

from __future__ import annotations

import operator
import re
from collections import deque
from itertools import chain, compress, repeat
from typing import TYPE_CHECKING, Any

from argmap._gc import pausing
from argmap.model import Kind, Relation, Role
from argmap.render import style

# The options, wrapping and escaping live in argmap.render._shared (which
# needs no model); they are this module's names too, as they always were.
from argmap.render._shared import DIRECTIONS as DIRECTIONS
from argmap.render._shared import MAX_WRAP as MAX_WRAP
from argmap.render._shared import _check_options as _check_options
from argmap.render._shared import _wrap_words as _wrap_words
from argmap.render._shared import check_evaluation
from argmap.render._shared import escape_xml as escape_xml
from argmap.render._shared import wrap as wrap
from argmap.render.style import CAPTION_COLOR, FONT

if TYPE_CHECKING:
    import graphviz

    from argmap.model import ArgumentMap

__all__ = ["DIRECTIONS", "node_id", "quote_id", "to_dot", "to_graphviz"]


def _check_evaluation(m: ArgumentMap, evaluation: Any) -> dict[str, tuple[str, str, str]]:
    """claim id -> (caption suffix, fill colour, border style) for *evaluation*."""
    return check_evaluation([c.id for c in m.claims], m, evaluation)


# The colours, widths and fonts are argmap.render.style's (the palette all
# renderers share).  FONT and CAPTION_COLOR (imported above), GREEN, RED and
# _ROLE_STYLE (role -> (border, fill)) are kept here under the names they had;
# new code uses argmap.render.style.
GREEN = style.SUPPORT_COLOR
RED = style.ATTACK_COLOR
_ROLE_STYLE = style.ROLE_COLORS


def _node_parts(role: Role) -> tuple[str, str, str]:
    """(attributes before the label, caption start, attributes after the label)."""
    color, fill = style.ROLE_COLORS[role]
    if role is Role.THESIS:
        before = f'color="{color}", fillcolor="{fill}", fontsize={style.THESIS_FONT_SIZE}, label=<'
        after = f">, penwidth={style.THESIS_BORDER_WIDTH}]\n"
    else:
        before = f'color="{color}", fillcolor="{fill}", label=<'
        after = ">]\n"
    caption = f'<FONT COLOR="{CAPTION_COLOR}" POINT-SIZE="{style.CAPTION_FONT_SIZE}">{role.value.upper()} · '
    return before, caption, after


_NODE_PARTS = {role: _node_parts(role) for role in Role}
#: Role -> a node's statement from its id to the id in the caption, and after the label.
_NODE_HEADS = {role: f" [{before}{caption}" for role, (before, caption, _) in _NODE_PARTS.items()}
_NODE_TAILS = {role: after for role, (_, _, after) in _NODE_PARTS.items()}
#: The same around an id that needs only quotes: from the id's closing
#: quote, and to the next line's opening quote.
_NODE_HEADS_QUOTED = {role: f'"{head}' for role, head in _NODE_HEADS.items()}
_NODE_TAILS_QUOTED = {role: f'{tail}\t"' for role, tail in _NODE_TAILS.items()}


def _edge_style(kind: Kind, onto_relation: bool) -> tuple[str, str]:
    """(attributes of the arrow into the target, of a premise's line into a
    junction), both sorted, without brackets."""
    attack = kind.is_attack
    color = style.edge_color(kind)
    head = "tee" if attack else "normal"
    width = f"{style.edge_width(kind)}"
    strict = kind in (Kind.ENTAILS, Kind.CONTRARY, Kind.CONTRADICTORY)
    paint = f"{color}:invis:{color}" if strict else color
    head_attrs = {"arrowhead": head, "color": f'"{paint}"', "penwidth": width}
    line_attrs = {"arrowhead": "none", "color": f'"{paint}"', "penwidth": width}
    if onto_relation:
        head_attrs["style"] = line_attrs["style"] = "dashed"
    if strict:
        head_attrs["fontcolor"] = f'"{color}"'
        head_attrs["label"] = f'" {kind.value}"'
    if kind is Kind.CONTRADICTORY:
        head_attrs["arrowtail"] = "tee"
        head_attrs["dir"] = "both"

    def fmt(attrs: dict[str, str]) -> str:
        return ", ".join(f"{k}={v}" for k, v in sorted(attrs.items()))

    return fmt(head_attrs), fmt(line_attrs)


_EDGE_STYLE = {(kind, onto): _edge_style(kind, onto) for kind in Kind for onto in (False, True)}
#: onto a relation? -> kind -> the edge's attributes (_EDGE_STYLE, by target first).
_EDGE_STYLES = {onto: {kind: _edge_style(kind, onto) for kind in Kind} for onto in (False, True)}
#: (onto a relation?, kind) -> the ends of the statements of the arrow into
#: the target and of a premise's line into a junction, from the closing
#: quote of the id they point to.
_EDGE_ENDS = {(onto, kind): (f'" [{head}]\n', f'" [{line}]\n') for (kind, onto), (head, line) in _EDGE_STYLE.items()}
#: onto a relation? -> kind -> the attributes of the arrow into the target.
_ARROW_HEADS = {onto: {kind: heads[0] for kind, heads in styles.items()} for onto, styles in _EDGE_STYLES.items()}


def _with_scheme(head_attrs: str, r: Relation) -> str:
    """*head_attrs* with the relation's scheme as the arrow's label: small
    grey italics (legible in greyscale), after the kind's name where the
    arrow has one."""
    assert r.scheme is not None
    kind = f"{r.kind.value}: " if r.kind in (Kind.ENTAILS, Kind.CONTRARY, Kind.CONTRADICTORY) else ""
    text = escape_html("\n".join(wrap(kind + r.scheme, 24))).replace("\n", "<BR/>")
    kept = [a for a in head_attrs.split(", ") if not a.startswith(("label=", "fontcolor="))]
    label = f'fontcolor="{CAPTION_COLOR}", fontsize=9, label=<<I>{text}</I>>'
    return ", ".join(sorted([*kept, label]))


_JUNCTION = 'fixedsize=true, height=0.11, label="", shape=circle, style=filled, width=0.11'
#: kind -> a junction's attributes, after its id.
_JUNCTION_ATTRS = {
    kind: f' [color="{style.edge_color(kind)}", fillcolor="{style.edge_color(kind)}", {_JUNCTION}]\n' for kind in Kind
}


def quote_id(ident: str) -> str:
    r"""A quoted DOT id for any string without control characters.

    Graphviz keeps the backslashes of a quoted id as they are and only reads
    ``\"`` as a quote, so doubling backslashes and escaping quotes is
    one-to-one and a trailing backslash cannot swallow the closing quote.
    (Graphviz names the node with the doubled backslashes, so the ``<title>``
    of a node in SVG is the claim id with each backslash doubled.)

    >>> print(quote_id('c1'), quote_id('say "hi"'), quote_id('back\\'), quote_id('%3'))
    "c1" "say \"hi\"" "back\\" "&%3"
    """
    if "\\" in ident:
        ident = ident.replace("\\", "\\\\")
    if '"' in ident:
        ident = ident.replace('"', '\\"')
    if ident.startswith(("%", "&")):
        # Graphviz takes a name that starts with "%" for one of its own
        # anonymous objects ("%3" would be object 3): such a name, and one
        # that starts with "&", gets one more "&" in front, which
        # :func:`node_id` takes off.
        ident = "&" + ident
    return f'"{ident}"'


def node_id(name: str) -> str:
    r"""The claim id of the Graphviz node named *name* (the inverse of
    :func:`quote_id` as Graphviz reads it: in SVG ``<title>`` and JSON).

    >>> node_id("c1"), node_id("back\\\\"), node_id("&%3"), node_id("&&c")
    ('c1', 'back\\', '%3', '&c')
    """
    if name.startswith("&"):
        name = name[1:]
    return name.replace("\\\\", "\\")


def escape_html(text: str) -> str:
    """*text* escaped for an HTML-like label (also safe in XML attributes).

    >>> print(escape_html('<b>"A" & \\'B\\'</b> \\\\'))
    &lt;b&gt;&quot;A&quot; &amp; &#39;B&#39;&lt;/b&gt; &#92;&#92;
    """
    text = escape_xml(text)
    if "]" in text:
        # Graphviz drops a "]" that ends an HTML label (``<...]>``): as an
        # entity it survives.
        text = text.replace("]", "&#93;")
    if "\\" in text:
        # Graphviz reads backslash escapes even in HTML labels (\\N is the
        # node's name, \\\\ one backslash), after the entities: so a backslash
        # is written as two, and as entities so that DOT never sees one.
        text = text.replace("\\", "&#92;&#92;")
    return text


#: ASCII's whitespace other than the space (what str.split() also splits on).
_ASCII_SPACES = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f"


def _single_spaced(texts: list[str]) -> str | None:
    """The texts joined by NUL if every one is ASCII whose only whitespace is
    single spaces between words (so that wrap() would not change its
    spacing), else None.  Checked with a few fast searches of the texts
    joined by :data:`_SEPARATOR` rather than a pass a text."""
    spaced = f" {_SEPARATOR.join(texts)} "
    if not spaced.isascii() or any(c in spaced for c in _ASCII_SPACES) or _DOUBLE_SPACE(spaced):
        return None
    return "\0".join(texts)


#: What _single_spaced puts between two texts and around them all when it
#: looks at their spacing: a text with a space at either end then shows as
#: two spaces in a row, which the one search for them finds.
_SEPARATOR = " \0 "
# (a regular expression finds two spaces in a row faster than ``in``, which
# stops at every space)
_DOUBLE_SPACE = re.compile("  ").search


def _labels(texts: list[str], width: int) -> list[str]:
    """The HTML-like label of each text: wrapped to *width*, escaped, lines
    joined by ``<BR/>``.

    The texts are joined by NUL (which no claim text contains), escaped as
    one string and split again.  When they are single-spaced ASCII (the
    usual case) they are wrapped in that string too: each line break turns
    the space where it falls into a newline, in place, found with
    ``str.rfind`` as :func:`wrap` finds it.
    """
    joined = _single_spaced(texts)
    redo: list[int] = []  # texts to wrap one by one
    if joined is not None:
        data = bytearray(joined, "ascii")
        rfind = joined.rfind
        reach = width + 1
        start = 0
        for i, n in enumerate(map(len, texts)):
            end = start + n
            last = end - width  # a line that starts here or later is the text's last
            while start < last:
                cut = rfind(" ", start, start + reach)
                if cut < 0:  # a word longer than a line: wrap() cuts it
                    redo.append(i)
                    break
                data[cut] = 10  # "\n"
                start = cut + 1
            start = end + 1
        joined = data.decode("ascii")
    else:
        wrapped: list[str] = []
        append = wrapped.append
        lines: list[str] = []
        for text in texts:
            if len(text) <= width and text.isprintable():  # short and on one line
                append(text)
            elif text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
                _wrap_words(text, width, lines)
                append("\n".join(lines))
                lines.clear()
            else:
                append("\n".join(wrap(text, width)))
        joined = "\0".join(wrapped)
    labels = escape_html(joined).replace("\n", "<BR/>").split("\0")
    if len(labels) != len(texts):  # pragma: no cover - a NUL in a text (not in a valid map)
        labels, redo = [""] * len(texts), list(range(len(texts)))
    for i in redo:
        labels[i] = escape_html("\n".join(wrap(texts[i], width))).replace("\n", "<BR/>")
    return labels


def _evaluated_parts(role: Role, result: tuple[str, str, str]) -> tuple[str, str, str]:
    """The node parts of :func:`_node_parts` with the evaluation's fill,
    caption suffix (added by the caller) and border style."""
    before, caption, after = _NODE_PARTS[role]
    _, fill, border = result
    before = re.sub(r'fillcolor="[^"]*"', f'fillcolor="{fill}"', before)
    if border:
        after = after[:-2] + f', style="rounded,filled,{border}"]\n'
    return before, caption, after


#: Statements are joined into chunks of about this many lines as they are
#: made, so that a large map's DOT is held as a few long strings, not as a
#: line object each, before the final join.
_CHUNK = 4096

_ID = operator.attrgetter("id")
_KIND = operator.attrgetter("kind")
_PREMISES = operator.attrgetter("premises")
_SCHEME = operator.attrgetter("scheme")
_TARGET = operator.attrgetter("target")


def _body(m: ArgumentMap, direction: str, width: int, evaluation: Any = None) -> list[str]:
    """The DOT statements of *m*, between the braces: the three defaults
    lines, then the claims and relations in chunks of whole lines."""
    rankdir = _check_options(direction, width)
    results = _check_evaluation(m, evaluation) if evaluation is not None else {}
    title = f", label=<{escape_html(m.title)}>, labelloc=t" if m.title else ""
    out = [
        f'\tgraph [fontname="{FONT}", fontsize={style.TITLE_FONT_SIZE}{title}, nodesep=0.3, rankdir={rankdir}, ranksep=0.45]\n'
        if title
        else f'\tgraph [fontname="{FONT}", nodesep=0.3, rankdir={rankdir}, ranksep=0.45]\n',
        f'\tnode [fontname="{FONT}", fontsize={style.FONT_SIZE}, margin="0.14,0.07", penwidth={style.BORDER_WIDTH}, '
        'shape=box, style="rounded,filled"]\n',
        f'\tedge [arrowsize=0.8, fontname="{FONT}", fontsize={style.EDGE_FONT_SIZE}]\n',
    ]
    # Ids that need more than quotes around them (see quote_id): few or none.
    special = {i: quote_id(i) for i in _unusual_ids(m)}
    # The arrows are made before the claims and written after them: so
    # made, a large map's DOT takes a few megabytes less memory at its peak
    # (its chunks are laid out in memory more tightly).
    arrows: list[str] = []
    targeted = _relation_statements(m, special, arrows)
    theses = _claim_statements(m, width, results, special, out, targeted)
    out += arrows
    if len(theses) > 1:
        out.append(f"\t{{rank=same; {'; '.join(theses)}}}\n")
    return out


def _unusual_ids(m: ArgumentMap) -> list[str]:
    """The ids of *m* that :func:`quote_id` does more to than quote."""
    if m._cache.get("plain_ids"):  # ids made by a MapBuilder: c1, r1, ...
        return []
    ids = m._index  # every claim and relation id, as keys
    # Checked on all ids at once, joined by NUL (which no id contains).
    joined = "\0" + "\0".join(ids)
    if (
        '"' in joined
        or "\\" in joined
        or ("%" in joined and "\0%" in joined)  # (one character is found faster)
        or ("&" in joined and "\0&" in joined)
        or joined.count("\0") != len(ids)
    ):
        return [i for i in ids if quote_id(i) != f'"{i}"']
    return []


def _claim_statements(
    m: ArgumentMap,
    width: int,
    results: dict[str, tuple[str, str, str]],
    special: dict[str, str],
    out: list[str],
    targeted: set[str] | None = None,
) -> list[str]:
    """Append the claims' statements to *out*, in map order; return the
    quoted ids of the theses.  *targeted*, if given, holds the ids of the
    relations that are targets (which the roles need)."""
    roles = m._role_list(targeted)
    thesis = Role.THESIS
    theses: list[str] = []
    claims = m.claims
    lines: list[str] = []
    append = lines.append
    # A chunk of claims at a time: their ids and texts are quoted, wrapped
    # and escaped in bulk first (see _labels), and the loop only assembles
    # the lines.
    for k in range(0, len(claims), _CHUNK):
        chunk = claims[k : k + _CHUNK]
        cids = [c.id for c in chunk]
        escaped = _escape_all(cids)
        labels = _labels([c.text for c in chunk], width)
        if not results and not special:
            # Each line is made of six pieces (the quotes and tab around an
            # id are in the pieces before and after it), laid out in one
            # list by slice (in C), and the chunk is one join of them all
            # (no string a line).
            chunk_roles = roles[k : k + _CHUNK]
            theses += [f'"{i}"' for i in compress(cids, map(operator.is_, chunk_roles, repeat(thesis)))]
            n = len(cids)
            pieces: list[str] = ['\t"'] * (6 * n + 1)
            pieces[1::6] = cids
            pieces[2::6] = list(map(_NODE_HEADS_QUOTED.__getitem__, chunk_roles))
            pieces[3::6] = escaped
            pieces[4::6] = ["</FONT><BR/>"] * n
            pieces[5::6] = labels
            pieces[6::6] = list(map(_NODE_TAILS_QUOTED.__getitem__, chunk_roles))
            pieces[-1] = _NODE_TAILS[chunk_roles[-1]]
            out.append("".join(pieces))
            continue
        quoted = [special.get(i) or f'"{i}"' for i in cids] if special else _quote_all(cids)
        if not results:
            # Each line is made of seven pieces, and the chunk is one join
            # of them all (no string a line).
            chunk_roles = roles[k : k + _CHUNK]
            theses += compress(quoted, map(operator.is_, chunk_roles, repeat(thesis)))
            lines_pieces = zip(
                repeat("\t"),
                quoted,
                map(_NODE_HEADS.__getitem__, chunk_roles),
                escaped,
                repeat("</FONT><BR/>"),
                labels,
                map(_NODE_TAILS.__getitem__, chunk_roles),
            )
            out.append("".join(chain.from_iterable(lines_pieces)))
            continue
        for cid, q, e, label, role in zip(cids, quoted, escaped, labels, roles[k : k + _CHUNK]):
            if role is thesis:
                theses.append(q)
            result = results.get(cid)
            if result is None:
                before, caption, after = _NODE_PARTS[role]
                append(f"\t{q} [{before}{caption}{e}</FONT><BR/>{label}{after}")
            else:
                before, caption, after = _evaluated_parts(role, result)
                # the result in black, bold and larger: it must stand out on any fill
                shown = f'{e} · </FONT><FONT POINT-SIZE="{style.RESULT_FONT_SIZE}"><B>{result[0]}</B>'
                append(f"\t{q} [{before}{caption}{shown}</FONT><BR/>{label}{after}")
        out.append("".join(lines))
        lines.clear()
    return theses


def _relation_statements(m: ArgumentMap, special: dict[str, str], out: list[str]) -> set[str]:
    """Append the relations' statements to *out*, in map order: a junction
    where premises are linked or the relation is a target itself, then the
    arrows.  Return the ids of the relations that are targets."""
    relations = m.relations
    # The relations that are targets: their arrows are dashed, and they get
    # a junction for the arrows onto them.
    index = m._index
    targets = list(map(_TARGET, relations))
    targeted = {t for t in targets if type(index[t]) is Relation}
    if special:  # ids to quote with care: one relation at a time
        for r in relations:
            out.append(_relation_statement(r, targeted, special))
        return targeted
    # The usual arrow, from the only premise of a relation that is no
    # target onto a claim, is seven pieces, and a chunk of relations is one
    # join of them all (no string a line); the other relations' statements
    # are made one by one and take their places among the pieces.
    premises = list(map(_PREMISES, relations))
    n = len(relations)
    heads = list(map(_ARROW_HEADS[False].__getitem__, map(_KIND, relations)))
    # Where MapBuilder.build() noted that premises may be linked, if it did
    # (and then no relation has a scheme).
    linked = m._cache.get("linked")
    if linked is not None:
        others = {i for i in linked if len(premises[i]) != 1}
    else:
        others = set(compress(range(n), map(operator.ne, map(len, premises), repeat(1))))
        others.update(compress(range(n), map(_SCHEME, relations)))
    if targeted:
        onto = _ARROW_HEADS[True]
        for i in compress(range(n), map(targeted.__contains__, targets)):
            heads[i] = onto[relations[i].kind]
        others.update(compress(range(n), map(targeted.__contains__, map(_ID, relations))))
    firsts = list(map(operator.itemgetter(0), premises))
    # A relation with a junction and no scheme ends with the usual arrow,
    # from its junction (its id) onto its target: its other lines go
    # before that arrow's opening tab and quote, its "lead".
    leads = ['\t"'] * n
    pending = sorted(_junction_leads(relations, premises, targeted, others, leads, firsts), reverse=True)
    for k in range(0, n, _CHUNK):
        end = min(n, k + _CHUNK)
        pieces = ['\t"', "", '" -> "', "", '" [', "", "]\n"] * (end - k)
        pieces[0::7] = leads[k:end]
        pieces[1::7] = firsts[k:end]
        pieces[3::7] = targets[k:end]
        pieces[5::7] = heads[k:end]
        while pending and pending[-1] < end:  # (relations with a scheme)
            i = pending.pop()
            j = 7 * (i - k)
            pieces[j : j + 7] = (_relation_statement(relations[i], targeted, special), "", "", "", "", "", "")
        out.append("".join(pieces))
    return targeted


def _junction_leads(
    relations: tuple[Relation, ...],
    premises: list[tuple[str, ...]],
    targeted: set[str],
    which: set[int],
    leads: list[str],
    firsts: list[str],
) -> list[int]:
    """For the relations at the positions *which* that have no scheme (ids
    that need only quotes), write into *leads* their junction's statement
    and their premises' lines into it, each ending with the tab and quote
    that open the arrow from the junction, and into *firsts* their ids
    (where that arrow starts): with the usual arrow's pieces, what
    :func:`_relation_statement` makes.  Made for the relations of one
    number of premises at a time, each a join of pieces laid out by zip (in
    C).  Return the positions of *which* left (with a scheme)."""
    by_count: dict[int, list[int]] = {}
    left: list[int] = []
    for i in which:
        if relations[i].scheme is None:
            by_count.setdefault(len(premises[i]), []).append(i)
        else:
            left.append(i)
    for count, where in by_count.items():
        rs = [relations[i] for i in where]
        rids = list(map(_ID, rs))
        kinds = list(map(_KIND, rs))
        onto = map(targeted.__contains__, map(_TARGET, rs))
        line_ends = list(map(operator.itemgetter(1), map(_EDGE_ENDS.__getitem__, zip(onto, kinds))))
        columns: list[Any] = [repeat('\t"'), rids, repeat('"'), map(_JUNCTION_ATTRS.__getitem__, kinds)]
        for j in range(count):
            ps = map(operator.itemgetter(j), [premises[i] for i in where])
            columns += [repeat('\t"'), ps, repeat('" -> "'), rids, line_ends]
        columns.append(repeat('\t"'))
        deque(map(leads.__setitem__, where, map("".join, zip(*columns))), maxlen=0)
        deque(map(firsts.__setitem__, where, rids), maxlen=0)
    return left


def _relation_statement(r: Relation, targeted: set[str], special: dict[str, str]) -> str:
    """The statements of relation *r*: its junction and arrows, or its arrow."""
    target = r.target
    kind = r.kind
    head_attrs, line_attrs = _EDGE_STYLES[target in targeted][kind]
    if r.scheme:
        head_attrs = _with_scheme(head_attrs, r)
    premises = r.premises
    qt = special.get(target) or f'"{target}"'
    qps = [special.get(p) or f'"{p}"' for p in premises] if special else [f'"{p}"' for p in premises]
    rid = r.id
    if len(premises) == 1 and rid not in targeted:
        return f"\t{qps[0]} -> {qt} [{head_attrs}]\n"
    junction = special.get(rid) or f'"{rid}"'  # (special holds every id that quote_id does more to)
    into = f" -> {junction} [{line_attrs}]\n"
    lines = ["\t", junction, _JUNCTION_ATTRS[kind]]
    for qp in qps:
        lines += ("\t", qp, into)
    lines.append(f"\t{junction} -> {qt} [{head_attrs}]\n")
    return "".join(lines)


def _escape_all(texts: list[str]) -> list[str]:
    """``[escape_html(t) for t in texts]``, escaped as one string (joined by
    NUL, which no id or text of a map contains)."""
    joined = "\0".join(texts)
    escaped_text = escape_html(joined)
    if escaped_text is joined:  # nothing to escape (the usual case for ids)
        return texts
    escaped = escaped_text.split("\0")
    if len(escaped) != len(texts):  # pragma: no cover - a NUL (not in a valid map)
        escaped = [escape_html(t) for t in texts]
    return escaped


def _quote_all(ids: list[str]) -> list[str]:
    """Each of *ids* in double quotes (ids that :func:`quote_id` only quotes)."""
    quoted = ('"' + '"\0"'.join(ids) + '"').split("\0")
    if len(quoted) != len(ids):  # pragma: no cover - a NUL (not in a valid map)
        quoted = [f'"{i}"' for i in ids]
    return quoted


@pausing  # the roles and ids of every claim: many small objects, no cycles
def to_dot(m: ArgumentMap, *, direction: str = "up", wrap: int = 28, evaluation: Any = None) -> str:
    """The DOT source of *m*: byte-identical for equal maps.

    *direction* is where the arrows point: ``"up"`` (theses on top, the
    default), ``"down"``, ``"left"`` or ``"right"``.  *wrap* is the width, in
    characters, to which claim texts are wrapped.  *evaluation* (claim id ->
    strength or Dung label, e.g. from :func:`argmap.semantics.evaluate`) is
    drawn onto the claims.  A bad option raises
    :class:`~argmap.errors.ArgmapError`.
    """
    body = _body(m, direction, wrap, evaluation)
    return "".join(["digraph argmap {\n", *body, "}\n"])


def to_graphviz(m: ArgumentMap, *, direction: str = "up", wrap: int = 28, evaluation: Any = None) -> graphviz.Digraph:
    """*m* as a :class:`graphviz.Digraph` (whose ``.source`` is :func:`to_dot`'s
    text); the only function of argmap that imports graphviz."""
    body = _body(m, direction, wrap, evaluation)
    import graphviz

    return graphviz.Digraph(name="argmap", body=body)
