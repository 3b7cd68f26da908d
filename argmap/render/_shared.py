"""What the renderers share that needs no model: the direction and wrap
options, word wrapping, XML escaping and the check of an evaluation.

:mod:`argmap.render.dot` re-exports them under the names they always had;
the tree layout imports them from here, so that drawing a map read as plain
data (the CLI's straight path for argmap JSON) loads neither attrs nor the
model.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Mapping

from argmap.errors import ArgmapError
from argmap.render import style

TYPE_CHECKING = False  # (typing.TYPE_CHECKING, without importing typing)
if TYPE_CHECKING:
    from typing import Any

__all__ = ["DIRECTIONS", "MAX_WRAP", "check_evaluation", "escape_xml", "wrap"]

#: ``direction`` option -> Graphviz ``rankdir``.  The direction is where the
#: arrows point, so "up" puts the theses on top.
DIRECTIONS = {"up": "BT", "down": "TB", "left": "RL", "right": "LR"}

#: The largest ``wrap`` width (a larger one would not wrap anything anyway).
MAX_WRAP = 100_000


def escape_xml(text: str) -> str:
    """*text* with XML's five special characters as entities (for text and
    attribute values; the DOT label and the SVG writers add their own).

    >>> print(escape_xml('<b>"A" & \\'B\\'</b>'))
    &lt;b&gt;&quot;A&quot; &amp; &#39;B&#39;&lt;/b&gt;
    """
    # ``in`` tests first: most texts need none of the replacements.
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if '"' in text:
        text = text.replace('"', "&quot;")
    if "'" in text:
        text = text.replace("'", "&#39;")
    return text


def wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap: lines of at most *width* characters where the words
    allow; runs of whitespace become one space, newlines in *text* are kept,
    and a word longer than *width* is cut into pieces.

    >>> wrap("The canteen closes at one, so we should eat early", 16)
    ['The canteen', 'closes at one,', 'so we should eat', 'early']
    >>> wrap("a\\n\\n  b\\tc", 10), wrap("abcdefghij", 4)
    (['a', '', 'b c'], ['abcd', 'efgh', 'ij'])
    """
    lines: list[str] = []
    for raw in text.split("\n") if "\n" in text else (text,):
        _wrap_words(" ".join(raw.split()), width, lines)
    # No empty lines at either end (a text is never only whitespace).
    while not lines[-1]:
        lines.pop()
    while not lines[0]:
        del lines[0]
    return lines


def _wrap_words(para: str, width: int, lines: list[str]) -> None:
    """Append the lines of *para* (words separated by single spaces) to
    *lines*: each line is the longest run of at most *width* characters that
    ends before a space or at the end, or else *width* characters of a word
    that is longer than that."""
    start, n = 0, len(para)
    while n - start > width:
        cut = para.rfind(" ", start, start + width + 1)
        if cut < 0:  # a word longer than the line: cut it
            lines.append(para[start : start + width])
            start += width
        else:
            lines.append(para[start:cut])
            start = cut + 1
    lines.append(para[start:])


def _check_options(direction: Any, wrap: Any) -> str:
    rankdir = DIRECTIONS.get(direction) if isinstance(direction, str) else None
    if rankdir is None:
        known = ", ".join(repr(d) for d in DIRECTIONS)
        msg = f"direction must be one of {known}, not {direction!r}"
        raise ArgmapError(msg)
    if isinstance(wrap, bool) or not isinstance(wrap, int) or not 1 <= wrap <= MAX_WRAP:
        msg = f"wrap must be a whole number of characters from 1 to {MAX_WRAP}, not {wrap!r}"
        raise ArgmapError(msg)
    return rankdir


def check_evaluation(
    claim_ids: Iterable[str], items: Container[str], evaluation: Any
) -> dict[str, tuple[str, str, str]]:
    """claim id -> (caption suffix, fill colour, border style) for
    *evaluation*, given the map's claim ids and *items* (its claim and
    relation ids: a relation's value is passed over)."""
    if not isinstance(evaluation, Mapping):
        msg = f"evaluation must be a mapping of claim ids to strengths or labels, not {type(evaluation).__name__}"
        raise ArgmapError(msg)
    claims = set(claim_ids)
    out: dict[str, tuple[str, str, str]] = {}
    for cid, v in evaluation.items():
        if cid not in claims:
            if cid in items:
                continue  # a relation's value (from a projection): not drawn
            msg = f"evaluation names {cid!r}, which is not a claim of the map"
            raise ArgmapError(msg)
        if isinstance(v, str) and v in style.LABEL_STYLES:
            out[cid] = style.LABEL_STYLES[v]
        elif not isinstance(v, bool) and isinstance(v, (int, float)) and 0.0 <= v <= 1.0:
            out[cid] = (f"{v:.2f}", style.strength_fill(float(v)), "")
        else:
            msg = f"evaluation of {cid!r} must be a strength in [0, 1] or 'in', 'out' or 'undec', not {v!r}"
            raise ArgmapError(msg)
    return out
