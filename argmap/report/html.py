"""The article beside its map: one self-contained, offline HTML page.

The page holds the source text, each quoted passage highlighted in the colour
of its claim's role, next to the map; a header
with the thesis, the counts and the coverage; a list of the claims, each with
its quote and its distance from it (and its strength when an evaluation is
given); and a list of the sentences no claim quotes.

Everything is in the one file: no script, style, font or image is fetched,
and a Content-Security-Policy forbids any request and any script but the
page's own (by its hash).  Every piece of user text is escaped.  Without
JavaScript the page still reads: the highlighted passages and the claim
boxes are links to each other.  With it, a click highlights the claim and
its sentence on both sides.

The map is shipped as compact JSON (each claim's id, caption, wrapped lines
and box size from :func:`argmap.render.layout.tree_layout`, its parent in the
spanning tree and the relation's kind, the junctions where linked premises
meet and undercuts end, and the relations' schemes) and drawn by the page's
script, which lays out the unfolded part of the tree and puts in the SVG only
the boxes on screen, so a map of 100,000 claims opens at once with a small
DOM.  It opens on the theses and as many levels under them as fit in about
:data:`~argmap.report._map.OPEN_BOXES` boxes, fitted to its pane when its
text stays legible (11 px) that way, else at full size on the first thesis;
every claim folds and unfolds (a badge counts what
is hidden), a search field finds claims by words or id, an outline lists the
unfolded tree, and pan, zoom, keyboard walks, a minimap and a focus mode
(only the claims within k steps of the selected one) help to move about.
Claims listed in *folded* start folded.
"""

from __future__ import annotations

import base64
import bisect
import hashlib
import html
import itertools
import re
import string
from collections.abc import Collection, Mapping
from functools import cache
from importlib import resources
from os import PathLike
from typing import TYPE_CHECKING, Any

from argmap.model import Kind, Role
from argmap.render import style
from argmap.report._map import NAVIGATOR, card, map_data
from argmap.report.lint import distance
from argmap.source import Coverage, QuoteCheck, check_quotes, coverage

if TYPE_CHECKING:
    from pathlib import Path

    from argmap.model import ArgumentMap

__all__ = ["LIST_MAX_CLAIMS", "report", "write_report"]

#: Up to this many claims the page lists every claim (its quote, distance and
#: status) below the article and the map, and holds a text tree of the map for
#: readers without JavaScript; beyond, the selected claim's card is shown.
LIST_MAX_CLAIMS = 2000
#: An article of more sentences than this is cut into blocks of about this
#: many sentences, which the browser lays out only when they come into view.
CHUNK_SENTENCES = 200


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _strengths(evaluation: Any) -> Mapping[str, float]:
    """Claim id -> strength from a mapping, or from an object's
    ``strengths`` (or ``scores``) mapping."""
    if evaluation is None:
        return {}
    if isinstance(evaluation, Mapping):
        return evaluation
    for name in ("strengths", "scores", "acceptability"):
        value = getattr(evaluation, name, None)
        if callable(value):
            value = value()
        if isinstance(value, Mapping):
            return value
    msg = f"evaluation must be a mapping of claim ids to strengths, not {type(evaluation).__name__}"
    raise TypeError(msg)


def report(
    m: ArgumentMap,
    *,
    evaluation: Any = None,
    diagram: bool = True,
    direction: str = "up",
    title: str | None = None,
    folded: Collection[str] = (),
) -> str:
    """The report of *m* as HTML text.

    *evaluation* maps claim ids to strengths in [0, 1] (or is an object with
    such a ``strengths`` mapping); the page shows them when given.  With
    ``diagram=False`` the map is shown as a text tree instead of a drawing.
    *direction* is the drawing's (see :func:`argmap.render.to_dot`).  The
    claims whose ids are in *folded* start folded (their premises hidden).
    """
    from argmap.render import to_text

    strengths = {k: float(v) for k, v in _strengths(evaluation).items()}
    index = {c.id: k for k, c in enumerate(m.claims)}
    roles = m.roles
    cov = coverage(m) if m.source is not None else None
    checks = {c.claim: c for c in check_quotes(m)} if m.source is not None else {}

    listed = len(m.claims) <= LIST_MAX_CLAIMS
    chunk_of: dict[int, int] = {}
    if cov is not None:
        article = _article(m, cov, index, roles, lazy=diagram and not listed, chunk_of=chunk_of)
    else:
        article = '<p class="none">The map has no source text.</p>\n'
    if diagram:
        data = map_data(m, direction, strengths, index, folded, chunk_of)
        fallback = f'<noscript><pre class="tree">{_e(to_text(m))}</pre></noscript>' if listed else ""
        figure = NAVIGATOR + fallback
        figure += f'<script type="application/json" id="map-data">{data}</script>'
    else:
        figure = f'<pre class="tree">{_e(to_text(m))}</pre>'

    page_title = title or m.title or (m.source.title if m.source and m.source.title else None) or "Argument map"
    parts = [
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n',
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        f"img-src data:; script-src '{_script_hash()}'\">\n",
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        '<meta name="generator" content="argmap">\n',
        f"<title>{_e(page_title)}</title>\n<style>{_css()}</style>\n</head>\n<body>\n",
        _header(m, page_title, cov, checks, strengths),
        '<main>\n<section id="article" class="pane article" aria-label="Article">\n<h2>Article</h2>\n',
        article,
        '</section>\n<section id="map" class="pane map" aria-label="Map">\n<h2>Map</h2>\n',
        f'<div class="diagram">{figure}</div>\n</section>\n</main>\n',
        _claims(m, index, roles, cov, checks, strengths) if listed else card(m),
        _unmapped(cov) if cov is not None else "",
        f"<script>{_script()}</script>\n</body>\n</html>\n",
    ]
    return "".join(parts)


def write_report(m: ArgumentMap, path: str | PathLike[str], **options: Any) -> Path:
    """Write :func:`report` of *m* to *path* (atomically; a device, a FIFO or
    ``/dev/stdout`` is written through) and return the path."""
    from pathlib import Path

    from argmap._files import atomic_write, encoded

    path = Path(path)
    atomic_write(path, encoded(report(m, **options)))
    return path


# --------------------------------------------------------------------------
# Parts of the page


def _plural(noun: str, n: int) -> str:
    if n == 1:
        return noun
    return noun[:-2] + "es" if noun.lower().endswith("is") else noun + "s"


def _header(
    m: ArgumentMap, title: str, cov: Coverage | None, checks: dict[str, QuoteCheck], strengths: Mapping[str, float]
) -> str:
    roles = m.roles
    counts: dict[Role, int] = {}
    for r in roles.values():
        counts[r] = counts.get(r, 0) + 1
    by_role = ", ".join(f"{n} {_plural(r.value, n)}" for r in Role if (n := counts.get(r)))
    out = [f"<header>\n<h1>{_e(title)}</h1>\n"]
    src = m.source
    if src is not None and (src.title or src.url):
        line = _e(src.title or "")
        if src.url:
            url = _e(src.url)
            link = f'<a href="{url}" rel="noreferrer">{url}</a>' if re.match(r"https?://", src.url) else url
            line = f"{line} ({link})" if line else link
        out.append(f'<p class="source">Source: {line}</p>\n')
    out.append('<dl class="stats">\n')
    into, out_of = m._adjacency()
    theses = []
    for k, c in enumerate(m.claims):
        if c.id not in out_of and (c.id in into or len(m.claims) == 1):
            strength = f' <span class="strength">strength {strengths[c.id]:.2f}</span>' if c.id in strengths else ""
            theses.append(f'<a href="#claim-{k}">{_e(c.text)}</a>{strength}')
    if theses:
        out.append(f"<dt>{_plural('Thesis', len(theses))}</dt><dd>{'<br>'.join(theses)}</dd>\n")
    out.append(f"<dt>Counts</dt><dd>{len(m.claims)} claims ({by_role}), {len(m.relations)} relations</dd>\n")
    if cov is not None:
        out.append(f'<dt>Coverage</dt><dd id="coverage">{_e(cov.summary())}</dd>\n')
        quoted = sum(1 for c in m.claims if c.quote is not None)
        ok = sum(1 for c in checks.values() if c.ok)
        out.append(f"<dt>Quotes</dt><dd>{ok} of {quoted} verified in the source</dd>\n")
    schemes: dict[str, int] = {}
    for rel in m.relations:
        if rel.scheme:
            schemes[rel.scheme] = schemes.get(rel.scheme, 0) + 1
    if schemes:  # the argument schemes, most used first (drawn on their arrows too)
        shown = ", ".join(f"{_e(k)} ({n})" for k, n in sorted(schemes.items(), key=lambda kv: (-kv[1], kv[0])))
        out.append(f'<dt>Schemes</dt><dd class="schemes">{shown}</dd>\n')
    if strengths:
        out.append("<dt>Evaluation</dt><dd>strengths shown in each claim</dd>\n")
    out.append("</dl>\n")
    legend = "".join(f'<span class="key role-{r.value}">{r.value}</span> ' for r in Role)
    out.append(
        f'<p class="legend">Quoted passages by role: {legend}'
        '<span class="key unmapped">not quoted by any claim</span></p>\n</header>\n'
    )
    return "".join(out)


def _article(
    m: ArgumentMap,
    cov: Coverage,
    index: dict[str, int],
    roles: Mapping[str, Role],
    *,
    lazy: bool = False,
    chunk_of: dict[int, int] | None = None,
) -> str:
    """The article, each quote a link to its claim.  A long one is cut into
    blocks at line breaks; with *lazy*, each block's HTML is held as the text
    of a ``<script type="text/plain">`` (inert, and cheap for the browser to
    read) for the page to put in place when it comes into view, and
    *chunk_of* is filled with each claim's block."""
    text = cov.text
    # Sweep over the quote spans: at each boundary, the claims whose quote covers what follows.
    # (coverage() only gives spans inside the text; one that is not, or names
    # no claim of the map, highlights nothing rather than sizing anything.)
    events: dict[int, list[tuple[int, int]]] = {}
    n = len(text)
    for cid, (start, end) in cov.spans.items():
        k = index.get(cid)
        if k is None or type(start) is not int or type(end) is not int or not 0 <= start < end <= n:
            continue
        events.setdefault(start, []).append((1, k))
        events.setdefault(end, []).append((-1, k))
    positions = sorted(events)
    ptr = 0
    active: set[int] = set()
    first_seen: set[int] = set()
    out = ['<div class="text">']

    def advance(at: int) -> None:
        """Apply the quote starts and ends up to *at*."""
        nonlocal ptr
        while ptr < len(positions) and positions[ptr] <= at:
            for delta, k in events[positions[ptr]]:
                (active.add if delta > 0 else active.discard)(k)
            ptr += 1

    def emit(start: int, end: int) -> None:
        """Text from start to end, cut at every quote boundary."""
        lo = bisect.bisect_right(positions, start)
        hi = bisect.bisect_left(positions, end)
        cuts = [start, *positions[lo:hi], end]
        for a, b in itertools.pairwise(cuts):
            advance(a)
            chunk = _e(text[a:b]).replace("\n", "<br>")
            if not active:
                out.append(chunk)
                continue
            ks = sorted(active)
            anchors = "".join(f'<span id="q-{k}" class="anchor"></span>' for k in ks if k not in first_seen)
            if chunk_of is not None:
                for k in ks:
                    chunk_of.setdefault(k, len(starts) - 1)
            first_seen.update(ks)
            role = roles[m.claims[ks[0]].id].value
            ids = " ".join(map(str, ks))
            multi = " multi" if len(ks) > 1 else ""
            out.append(f'{anchors}<a class="q role-{role}{multi}" href="#claim-{ks[0]}" data-c="{ids}">{chunk}</a>')

    pos = 0
    # A long article is cut into blocks at line breaks, which the browser
    # lays out only when they come into view (content-visibility).
    chunked = len(cov.sentences) > CHUNK_SENTENCES
    starts = [len(out)]  # where each block starts in out
    at = [0]  # and in the text
    since = 0
    for s in cov.sentences:
        gap = _e(text[pos : s.start]).replace("\n", "<br>")
        if chunked and since >= CHUNK_SENTENCES and "<br>" in gap:
            cut = gap.index("<br>") + 4
            out.append(gap[:cut])
            starts.append(len(out))
            at.append(s.start)
            gap = gap[cut:]
            since = 0
        since += 1
        out.append(gap)
        if s.heading:
            cls, label = "sentence heading", ""
        elif s.index in cov.claims:
            cls, label = "sentence mapped", ""
        else:
            cls, label = "sentence unmapped", ' title="No claim quotes this sentence"'
        out.append(f'<span id="s-{s.index}" class="{cls}" data-s="{s.index}"{label}>')
        emit(s.start, s.end)
        out.append("</span>")
        pos = s.end
    out.append(_e(text[pos:]).replace("\n", "<br>"))
    if not chunked:
        out.append("</div>\n")
        return "".join(out)
    blocks = [out[0]]
    starts.append(len(out))
    at.append(len(text))
    for i, (a, b) in enumerate(itertools.pairwise(starts)):
        body = "".join(out[max(a, 1) : b])
        if lazy:
            # Its height guessed (72 characters a line of 23 px, 9 px a break) until it is read.
            lines = -(-(at[i + 1] - at[i]) // 72) + 1
            height = lines * 23 + body.count("<br>") * 9
            blocks.append(
                f'<div class="ch lazy" data-ch="{i}" style="height:{height}px"><script type="text/plain">{body}</script></div>'
            )
        else:
            blocks.append(f'<div class="ch">{body}</div>')
    blocks.append("</div>\n")
    return "".join(blocks)


def _claims(
    m: ArgumentMap,
    index: dict[str, int],
    roles: Mapping[str, Role],
    cov: Coverage | None,
    checks: dict[str, QuoteCheck],
    strengths: Mapping[str, float],
) -> str:
    sentence_of: dict[str, list[int]] = {}
    if cov is not None:
        for i, ids in cov.claims.items():
            for cid in ids:
                sentence_of.setdefault(cid, []).append(i)
    bears = _bears(m, index)
    out = ['<section id="claims" aria-label="Claims">\n<h2>Claims</h2>\n<ol class="claims">\n']
    for k, c in enumerate(m.claims):
        role = roles[c.id].value
        bits = [
            f'<li id="claim-{k}" class="claim role-{role}" data-c="{k}">',
            f'<span class="role">{role}</span> <code class="id">{_e(c.id)}</code> ',
            f'<span class="text">{_e(c.text)}</span>',
        ]
        if c.id in strengths:
            bits.append(f' <span class="strength">strength {strengths[c.id]:.2f}</span>')
        if c.quote is not None:
            d = distance(c.text, c.quote.text)
            check = checks.get(c.id)
            status = check.status if check is not None else "unchecked"
            target = f"#q-{k}" if c.id in (cov.spans if cov else {}) else ""
            quote = _e(c.quote.text)
            quote = f'<a href="{target}">{quote}</a>' if target else quote
            sents = ", ".join(f'<a href="#s-{i}">{i + 1}</a>' for i in sentence_of.get(c.id, ()))
            where = f" sentence {sents}" if sents else ""
            bits.append(
                f'<blockquote class="quote">“{quote}”</blockquote><p class="meta">'
                f'distance <span class="distance">{d:.2f}</span> · quote <span class="status {status}">{status}</span>'
                f"{where}</p>"
            )
        elif m.source is not None:
            bits.append('<p class="meta"><span class="status missing">no quote</span></p>')
        bits.extend(bears.get(c.id, ()))
        bits.append("</li>\n")
        out.append("".join(bits))
    out.append("</ol>\n</section>\n")
    return "".join(out)


_VERBS = {
    Kind.SUPPORT: "supports",
    Kind.ATTACK: "attacks",
    Kind.ENTAILS: "entails",
    Kind.CONTRARY: "is contrary to",
    Kind.CONTRADICTORY: "contradicts",
}


def _bears(m: ArgumentMap, index: dict[str, int]) -> dict[str, list[str]]:
    """Claim id -> a line for each relation it is a premise of: what it
    supports or attacks, the premises it is linked with, and the relation's
    argumentation scheme.  A relation onto a relation undercuts (or backs)
    that inference, named by its premises and conclusion."""
    relations = {r.id: r for r in m.relations}

    def ref(cid: str) -> str:
        k = index.get(cid)
        return f'<a href="#claim-{k}"><code>{_e(cid)}</code></a>' if k is not None else f"<code>{_e(cid)}</code>"

    out: dict[str, list[str]] = {}
    for r in m.relations:
        onto = relations.get(r.target)
        if onto is None:
            what = f"{_VERBS[r.kind]} {ref(r.target)}"
        else:
            verb = "undercuts" if r.kind.is_attack else "backs"
            what = f"{verb} the inference from {', '.join(map(ref, onto.premises))} to {ref(onto.target)}"
        scheme = f' · scheme <span class="scheme">{_e(r.scheme)}</span>' if r.scheme else ""
        for p in r.premises:
            others = [ref(q) for q in r.premises if q != p]
            linked = f" (linked with {', '.join(others)})" if others else ""
            out.setdefault(p, []).append(f'<p class="meta bears">{what}{linked}{scheme}</p>')
    return out


def _unmapped(cov: Coverage) -> str:
    items = cov.uncovered
    out = [
        f'<section id="unmapped" aria-label="Unmapped sentences">\n<h2>Sentences no claim quotes ({len(items)})</h2>\n'
    ]
    if not items:
        out.append('<p class="none">Every sentence is quoted by some claim.</p>\n')
    else:
        # Numbered in the text, not by <li value=...>: Chromium renumbers a
        # list at each explicit value, which took 5 s for 9,000 sentences.
        out.append('<ul class="unmapped">\n')
        for s in items:
            out.append(f'<li><span class="num">{s.index + 1}</span> <a href="#s-{s.index}">{_e(s.text)}</a></li>\n')
        out.append("</ul>\n")
    out.append("</section>\n")
    return "".join(out)


# --------------------------------------------------------------------------
# Style and script


def _css() -> str:
    roles = "".join(f".role-{r.value}{{--c:{border};--f:{fill}}}" for r, (border, fill) in style.ROLE_COLORS.items())
    return roles + _CSS + _static("report.css")


# The page's own colours (its chrome: rules, highlight, backgrounds) are
# written here; the ones it shares with the drawings (text, captions, roles,
# support and attack, the font) come from argmap.render.style.
_CSS = string.Template("""
*{box-sizing:border-box}
body{margin:0;font:15px/1.55 $page_font;color:$text;background:#fff}
header{padding:.8em 1.2em;border-bottom:1px solid #ddd;background:#f7f7f8}
h1{font-size:1.35em;margin:0 0 .3em}
h2{font-size:1em;text-transform:uppercase;letter-spacing:.06em;color:$caption;margin:.2em 0 .6em}
.source{margin:.1em 0 .4em;color:#444}
header a{color:$link}
.stats{display:grid;grid-template-columns:max-content 1fr;gap:.1em 1em;margin:.4em 0}
.stats dt{font-weight:600;color:$caption}.stats dd{margin:0}
.legend{margin:.4em 0 0;font-size:.9em}
.key{padding:0 .35em;border-radius:3px;background:var(--f);border-bottom:2px solid var(--c)}
.key.unmapped{background:none;border-bottom:2px dashed #9aa0a6;color:$caption}
main{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:0}
.pane{padding:.8em 1.2em;height:calc(100vh - 11em);min-height:24em;overflow:auto}
.article{border-right:1px solid #ddd}
.text{max-width:46em}
.text br{display:block;content:"";margin-top:.55em}
.ch{content-visibility:auto;contain-intrinsic-size:auto 1200px}
.sentence.heading{display:inline-block;font-weight:700;margin-top:.4em}
.sentence.unmapped{color:$caption;border-bottom:2px dashed #bdc1c6}
a.q{color:inherit;text-decoration:none;background:var(--f);border-bottom:2px solid var(--c);border-radius:2px;cursor:pointer}
a.q.multi{border-bottom-style:double;border-bottom-width:4px}
.hl a.q,a.q.hl{background:#ffe866;border-bottom-color:#000}
.sentence.hl{outline:2px solid #f2b600;outline-offset:2px;border-radius:2px}
.map{display:flex;flex-direction:column;overflow:hidden}
.diagram{flex:1;min-height:0;display:flex;flex-direction:column}
:root{--support:$support;--attack:$attack;--caption:$caption}
#claims,#unmapped{padding:.8em 1.2em;border-top:1px solid #ddd}
ol.claims{padding-left:1.6em}
ul.unmapped{list-style:none;padding-left:.4em}
ul.unmapped .num{display:inline-block;min-width:2.6em;text-align:right;margin-right:.3em;color:$caption}
.claim{margin:.3em 0 .6em;padding:.3em .6em;border-left:4px solid var(--c);background:linear-gradient(90deg,var(--f),#fff 40%)}
.claim.hl{outline:2px solid #f2b600}
.claim .role{font-size:.75em;text-transform:uppercase;letter-spacing:.05em;color:var(--c);font-weight:700}
.claim .id{font-size:.8em;color:$caption}
.quote{margin:.2em 0 .1em 1em;font-style:italic;color:#333}
.quote a{color:inherit}
.meta{margin:0 0 0 1em;font-size:.85em;color:$caption}
.status.ok{color:$support}.status.missing,.status.moved,.status.loose,.status.ambiguous{color:$attack;font-weight:600}
.meta .scheme{font-style:italic}
.strength{font-size:.85em;padding:0 .3em;border:1px solid #999;border-radius:3px}
.tree{font-size:.85em;white-space:pre-wrap}
.anchor{scroll-margin-top:4em}
@media (max-width:900px){main{grid-template-columns:1fr}.pane{height:auto}.article{border-right:0}}
@media print{
body{font-size:10.5pt}
header{background:none}
main{display:block}
.pane{height:auto;min-height:0;overflow:visible;border:0;padding:.4em 0}
.diagram svg{max-width:100%;height:auto;page-break-inside:avoid}
a{color:inherit;text-decoration:none}
.sentence.hl,.claim.hl{outline:0}
.claim{break-inside:avoid}
#map{break-before:page}
}
""").substitute(
    page_font=style.PAGE_FONT,
    text=style.TEXT_COLOR,
    caption=style.CAPTION_COLOR,
    link=style.ROLE_COLORS[Role.THESIS].border,
    support=style.SUPPORT_COLOR,
    attack=style.ATTACK_COLOR,
)


@cache
def _static(name: str) -> str:
    return resources.files("argmap.report").joinpath("static", name).read_text(encoding="utf-8")


def _script() -> str:
    return _static("report.js")


def _script_hash() -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(_script().encode("utf-8")).digest()).decode("ascii")
