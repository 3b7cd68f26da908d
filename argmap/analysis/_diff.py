"""The picture of a comparison: both maps drawn as one (DOT, and SVG through
Graphviz), or an HTML table."""

from __future__ import annotations

import html

from argmap.analysis._compare import Comparison
from argmap.model import ArgumentMap, Claim, Relation
from argmap.render.dot import escape_html, quote_id, wrap

__all__ = ["diff_dot", "diff_html"]

#: Node styles: line style tells the three apart in greyscale; the label
#: says it in words too.
_NODE = {
    "both": ('style="rounded,filled", fillcolor="#ffffff", penwidth=1.5', ""),
    "reference": ('style="rounded,dashed", fillcolor="#ffffff", penwidth=1.5', "MISSING · "),
    "candidate": ('style="rounded,filled,dotted", fillcolor="#d9d9d9", penwidth=2', "EXTRA · "),
}
_EDGE_STYLE = {"both": "solid", "reference": "dashed", "candidate": "dotted"}
_CAPTION = "solid: in both maps · dashed, MISSING: only in the reference · dotted, grey, EXTRA: only in the candidate"


def _claim_label(c: Claim, prefix: str, ids: str, width: int) -> str:
    text = escape_html("\n".join(wrap(c.text, width))).replace("\n", "<BR/>")
    return f'<<FONT POINT-SIZE="9">{escape_html(prefix + ids)}</FONT><BR/>{text}>'


def diff_dot(comparison: Comparison, candidate: ArgumentMap, reference: ArgumentMap, *, wrap: int = 28) -> str:
    """DOT text of *candidate* and *reference* drawn as one map: claims and
    relations in both (aligned, matched), only in the reference (missed) and
    only in the candidate (extra), told apart by line style (solid, dashed,
    dotted on grey) and by a word in the label, so the picture reads in
    greyscale.  Support arrows end in an arrowhead, attacks in a bar.
    Nodes are named by the reference's ids (``r:ID``) and the candidate's
    (``c:ID``).  Deterministic: the same comparison gives the same text.

    >>> from argmap import MapBuilder, compare
    >>> b = MapBuilder()
    >>> _ = b.support(b.claim("Eat early", id="t"), "The canteen closes at one", id="s")
    >>> m = b.build()
    >>> print(diff_dot(compare(m, m), m, m).splitlines()[0])
    digraph diff {
    """
    width = wrap
    to_ref = {a.candidate: a.reference for a in comparison.aligned}
    lines = [
        "digraph diff {",
        '\tgraph [rankdir=BT, fontname="Helvetica", fontsize=10, labelloc=b, label=<' + escape_html(_CAPTION) + ">]",
        '\tnode [shape=box, fontname="Helvetica", fontsize=11, margin="0.15,0.08"]',
        '\tedge [fontname="Helvetica", fontsize=9]',
    ]
    to_cand = {a.reference: a.candidate for a in comparison.aligned}
    for c in reference.claims:
        status = "both" if c.id in to_cand else "reference"
        style, prefix = _NODE[status]
        ids = f"{to_cand[c.id]} = {c.id}" if status == "both" else c.id
        lines.append(f"\t{quote_id('r:' + c.id)} [{style}, label={_claim_label(c, prefix, ids, width)}]")
    for c in candidate.claims:
        if c.id not in to_ref:
            style, prefix = _NODE["candidate"]
            lines.append(f"\t{quote_id('c:' + c.id)} [{style}, label={_claim_label(c, prefix, c.id, width)}]")

    def claim_node(side: str, ident: str) -> str:
        if side == "c" and ident in to_ref:
            return "r:" + to_ref[ident]
        return f"{side}:{ident}"

    matched = dict(comparison.matched_relations)  # candidate id -> reference id
    relabelled = {r for _c, r in comparison.relabelled}
    cand_kind = {r.id: r.kind for r in candidate.relations}
    ref_of_cand = {r: c for c, r in comparison.matched_relations}
    cand_only = set(comparison.candidate_only_relations)
    relation_nodes: dict[tuple[str, str], str] = {}
    drawn: list[tuple[str, Relation, str]] = [
        ("r", r, "both" if r.id in ref_of_cand else "reference") for r in reference.relations
    ]
    drawn += [("c", r, "candidate") for r in candidate.relations if r.id in cand_only]
    for side, r, _status in drawn:
        relation_nodes[(side, r.id)] = f"{side}~{r.id}"
    for side, r, status in drawn:
        junction = quote_id(relation_nodes[(side, r.id)])
        line = _EDGE_STYLE[status]
        lines.append(f"\t{junction} [shape=point, width=0.08, style={line}]")
        for p in r.premises:
            lines.append(f"\t{quote_id(claim_node(side, p))} -> {junction} [arrowhead=none, style={line}]")
        target_rel = (side, r.target) in relation_nodes
        if target_rel:
            target = relation_nodes[(side, r.target)]
        elif side == "c" and r.target in matched:
            target = relation_nodes[("r", matched[r.target])]
        else:
            target = claim_node(side, r.target)
        head = "tee" if r.is_attack else "normal"
        label = r.kind.value
        if side == "r" and r.id in relabelled:
            label = f"{r.kind.value} (candidate: {cand_kind[ref_of_cand[r.id]].value})"
        lines.append(
            f"\t{junction} -> {quote_id(target)} [arrowhead={head}, style={line}, label=<{escape_html(label)}>]"
        )
    lines.append("}")
    return "\n".join(lines) + "\n"


def diff_html(comparison: Comparison, candidate: ArgumentMap, reference: ArgumentMap) -> str:
    """One self-contained HTML page: the scores, and a table of the claims and
    one of the relations, each row marked "both", "only in the reference"
    or "only in the candidate" (in words and by row style, so it reads in
    greyscale).

    >>> from argmap import MapBuilder, compare
    >>> m = MapBuilder().build()
    >>> diff_html(compare(m, m), m, m).startswith("<!DOCTYPE html>")
    True
    """
    e = html.escape
    c = comparison
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8"><title>Map comparison</title>',
        "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin:1em 0}"
        "td,th{border:1px solid #888;padding:.3em .6em;text-align:left;vertical-align:top}"
        "tr.reference td{border-style:dashed}tr.candidate td{background:#e0e0e0;border-style:dotted}</style>",
        "</head><body><h1>Map comparison</h1>",
        f"<pre>{e(c.report())}</pre>",
        "<h2>Claims</h2><table><tr><th>status</th><th>candidate</th><th>reference</th><th>aligned by</th></tr>",
    ]
    cand = {x.id: x for x in candidate.claims}
    ref = {x.id: x for x in reference.claims}

    def cell(m: dict[str, Claim], ident: str | None) -> str:
        return "<td></td>" if ident is None else f"<td><b>{e(ident)}</b> {e(m[ident].text)}</td>"

    for a in c.aligned:
        out.append(
            f'<tr class="both"><td>both</td>{cell(cand, a.candidate)}{cell(ref, a.reference)}<td>{e(a.by)} {a.score:.2f}</td></tr>'
        )
    for ident in c.reference_only:
        out.append(f'<tr class="reference"><td>only in the reference</td><td></td>{cell(ref, ident)}<td></td></tr>')
    for ident in c.candidate_only:
        out.append(f'<tr class="candidate"><td>only in the candidate</td>{cell(cand, ident)}<td></td><td></td></tr>')
    out.append("</table><h2>Relations</h2><table><tr><th>status</th><th>candidate</th><th>reference</th></tr>")
    crel = {r.id: r for r in candidate.relations}
    rrel = {r.id: r for r in reference.relations}

    def rcell(m: dict[str, Relation], ident: str | None) -> str:
        if ident is None:
            return "<td></td>"
        r = m[ident]
        return f"<td><b>{e(ident)}</b> {e(', '.join(r.premises))} {e(r.kind.value)} {e(r.target)}</td>"

    for ci, ri in c.matched_relations:
        out.append(f'<tr class="both"><td>both</td>{rcell(crel, ci)}{rcell(rrel, ri)}</tr>')
    for ri in c.reference_only_relations:
        out.append(f'<tr class="reference"><td>only in the reference</td><td></td>{rcell(rrel, ri)}</tr>')
    for ci in c.candidate_only_relations:
        out.append(f'<tr class="candidate"><td>only in the candidate</td>{rcell(crel, ci)}<td></td></tr>')
    out.append("</table></body></html>")
    return "\n".join(out) + "\n"
