"""A starting point for annotating an article by hand: every sentence of
the article as a statement that quotes it, grouped by paragraph."""

from __future__ import annotations

import re

from argmap.formats.argdown import _yaml
from argmap.formats.argdown._writer import escape
from argmap.model import Source
from argmap.source import sentences

__all__ = ["draft"]

_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def _paragraph_starts(text: str) -> list[int]:
    """Where the paragraphs of *text* start: after blank lines, or after
    every line break when the text has no blank line at all."""
    breaks = [m.end() for m in _BLANK_LINE.finditer(text)]
    if not breaks:
        breaks = [m.end() for m in re.finditer("\n", text)]
    return [0, *breaks]


def draft(source: Source, *, source_path: str | None = None, title: str | None = None) -> str:
    """An Argdown document for *source*: front matter with *title* (default:
    the source's title) and the source (its *source_path* when given, else
    its text), then every sentence as a statement ``[pNsM]`` (paragraph N,
    sentence M) whose data quotes it, each paragraph after a comment.

    >>> print(draft(Source("Tea is calm. Coffee is loud.\\n\\nWater.", title="Drinks"), source_path="drinks.txt"))
    ===
    title: "Drinks"
    source: {path: "drinks.txt"}
    ===
    <BLANKLINE>
    // paragraph 1
    <BLANKLINE>
    [p1s1]: Tea is calm.
      {quote: "Tea is calm."}
    <BLANKLINE>
    [p1s2]: Coffee is loud.
      {quote: "Coffee is loud."}
    <BLANKLINE>
    // paragraph 2
    <BLANKLINE>
    [p2s1]: Water.
      {quote: "Water."}
    <BLANKLINE>
    """
    text = source.text
    title = title if title is not None else source.title
    src: dict[str, str] = {"path": source_path} if source_path is not None else {"text": text}
    if source.url is not None:
        src["url"] = source.url
    head = [] if title is None else [f"title: {_yaml.string(title)}"]
    head.append(f"source: {_yaml.flow(src)}")
    out = ["===\n" + "\n".join(head) + "\n==="]
    starts = _paragraph_starts(text)
    para = 0
    n = 0
    k = 0  # the paragraph the next sentence may be in
    for s in sentences(text):
        while k < len(starts) and starts[k] <= s.start:
            k += 1
        if k != para:
            para, n = k, 0
            out.append(f"// paragraph {para}")
        n += 1
        words = " ".join(s.text.split())
        out.append(f"[p{para}s{n}]: {escape(words)}\n  {{quote: {_yaml.string(s.text)}}}")
    if len(out) == 1:  # no sentence: Argdown wants something after the front matter
        out.append("# The article has no sentences")
    return "\n\n".join(out) + "\n"
