"""Escaping text for Argdown: a backslash only where the reference reader
(@argdown/core's ``lexer.ts``) would otherwise read something other than
text, so that every text reads back unchanged and no backslash can be left
out (see :func:`escape`)."""

from __future__ import annotations

import re

from argmap.formats.argdown._shortcodes import SHORTCODES

__all__ = ["escape", "escape_all"]

_ESCAPE = frozenset("\\@#*_[],.:;</>-(){}=")
# Special characters that read back as text in most places (see escape()),
# and those that never do.
_PLAIN_SPECIAL = frozenset("[<*_#@/.:,;->()]}")
_ALWAYS = frozenset("\\{")
_TAG_CHAR = re.compile("[a-zA-z0-9\\-\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef]")
_TAG = re.compile("#(?:\\(([^)]+)\\)|([a-zA-z0-9\\-\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef]+))[ \t]?")
# as the reader takes them: ``@\[.+?\]``, so the title's first character may be "]"
_MENTION = re.compile(r"@\[[^\r\n\u2028\u2029]+?\][ \t]?|@<[^\r\n\u2028\u2029]+?>[ \t]?")


def escape(text: str, *, keep: frozenset[str] = frozenset(), after: str = "") -> str:
    r"""*text* with the characters escaped that Argdown would otherwise read
    as something other than this text, so that the reference reads it back
    unchanged (spaces and tabs included), and nothing else: a person's text
    stays as they would write it.  *text* is the running text of a statement
    or argument after its title (``[Title]: text``); *after* is what follows
    it on its line (a tag or nothing), which must start with white space
    when there is any.  Tags in *keep* and mentions (``@[Title]``) are left
    as they are.

    >>> print(escape("In the short term, the strikes help: 1 < 2. See [Yes] #pro", keep=frozenset({"pro"})))
    In the short term, the strikes help: 1 < 2. See \[Yes] #pro
    >>> print(escape("snake_case and *stars* and a.~.b, but 2 * 3 and a ~ b"))
    snake\_case and \*stars* and a\.~.b, but 2 * 3 and a ~ b

    Where each character needs a backslash, from the reference's lexer
    (@argdown/core 1.7.5, ``lexer.ts``), for text in the middle of a line:

    - always ``\`` and ``{`` (data, which may close lines later);
    - ``[`` and ``<`` when a ``]`` or ``>`` follows on the line (titles,
      references, links) or the line ends after them, and ``<`` when it
      starts ``<!--`` (comments);
    - ``*`` and ``_`` unless white space follows (bold and italic);
    - ``#`` before a tag's characters, ``(`` or an escape (unless the tag is kept);
    - ``@`` before ``[`` or ``<`` (unless a whole mention follows);
    - ``/`` before ``/`` or ``*`` that stay as they are (comments);
    - ``.`` and ``:`` when they start a shortcode (``.~.``, ``:happy:``);
    - ``===`` where a token starts (front matter);
    - a space or tab where a token starts (it would be skipped).

    ``,`` ``.`` ``:`` ``;`` ``-`` ``>`` ``(`` ``)`` ``]`` ``}`` and the rest read
    back as themselves.
    """
    spans: dict[int, int] = {}
    if keep:
        for m in _TAG.finditer(text):
            if (m.group(1) or m.group(2)) in keep:
                spans[m.start()] = m.end()
    if "@" in text:
        for m in _MENTION.finditer(text):
            spans.setdefault(m.start(), m.end())
    # The last "]" and ">" of the line: a "[" or "<" before it would start
    # a title.
    close = len(text) + 1 if "]" in after else text.rfind("]")
    close_arg = len(text) + 1 if ">" in after else text.rfind(">")
    out: list[str] = []
    # FREE: inside a run of text; ABSORB: after an escape, which swallows the
    # spaces after it (not tabs); START: where a token starts, and white
    # space would be skipped.
    state = _START
    i = 0
    n = len(text)
    while i < n:
        end = spans.get(i)
        if end is not None:
            out.append(text[i:end])
            i = end
            state = _START
            continue
        ch = text[i]
        if ch in _PLAIN_SPECIAL:
            nxt = text[i + 1] if i + 1 < n else (after[:1] or "\n")
            if (
                _needs_escape(text, ch, nxt, i, close_arg if ch == "<" or (ch == "@" and nxt == "<") else close)
                or (ch == "<" and text.startswith("<!--", i))
                # right after a "/" as it is: "//" and "/*" start comments
                or ((ch == "/" or ch == "*") and out and out[-1] == "/")
            ):
                _escaped(out, ch)
                state = _ABSORB
                i += 1
                continue
            if ch == "." or ch == ":":
                # a shortcode-like run (".x.") that is no shortcode reads
                # back as itself, whatever is in it
                end = _special_end(text, i)
                if end > 0:
                    if text[i:end] in SHORTCODES:
                        _escaped(out, ch)
                        state = _ABSORB
                        i += 1
                        continue
                    out.append(text[i:end])
                    i = end
                else:
                    out.append(ch)
                    i += 1
            else:
                out.append(ch)
                i += 1
            # a control character takes one space or tab after it
            if i < n and text[i] in " \t":
                out.append(text[i])
                i += 1
            state = _START
            continue
        if ch in _ALWAYS:
            _escaped(out, ch)
            state = _ABSORB
        elif ch == " " or ch == "\t":
            if state == _START or (state == _ABSORB and ch == "\t"):
                _escaped(out, ch)
                state = _ABSORB
            else:
                out.append(ch)
        elif ch == "=" and state != _FREE and text.startswith("===", i):
            _escaped(out, "=")
            state = _ABSORB
        else:
            out.append(ch)
            state = _FREE
        i += 1
    return "".join(out)


def _escaped(out: list[str], ch: str) -> None:
    """Append *ch* escaped to *out*; a "#" just before would take the
    backslash into a tag (``#\\``), so it is escaped too."""
    if out and out[-1] == "#":
        out.pop()
        _escaped(out, "#")  # (which may escape a "#" before it in turn)
    out.append("\\" + ch)


def _needs_escape(text: str, ch: str, nxt: str, i: int, close: int) -> bool:
    """Whether the special character *ch* at *i*, before *nxt*, starts a token
    that is not text (see :func:`escape`)."""
    if ch == "[":
        if nxt == "-":
            # "[-" starts no reference, only a definition
            return text.find("]:", i + 2) >= 0 or close > len(text)
        # (a reference's first character may be the line break after it)
        return close > i + 1 or nxt == "\n"
    if ch == "<":
        if close <= i + 1:
            # (after a line break, a reference's first character may be
            # the line break)
            return nxt == "\n"
        # "<-" starts no reference, only a definition
        return nxt != "-" or text.find(">:", i + 2) >= 0 or close > len(text)
    if ch == "*" or ch == "_":
        return not nxt.isspace()
    if ch == "#":
        return (nxt == "(" and not text.startswith("()", i + 1)) or bool(_TAG_CHAR.match(nxt))
    if ch == "@":
        return (nxt == "[" or nxt == "<") and close > i + 2
    return False


def _special_end(text: str, i: int) -> int:
    """The end of the shortcode-like run (``.x.`` or ``:x:``) at *i*, or -1."""
    d = text[i]
    j = i + 1
    n = len(text)
    if j >= n or text[j].isspace():
        return -1
    j += 1
    while j < n and not text[j].isspace():
        if text[j] == d:
            return j + 1
        j += 1
    return -1


def escape_all(text: str, *, keep: frozenset[str] = frozenset()) -> str:
    r"""*text* with every character escaped that is special anywhere in
    Argdown: for text in other places than after a title (inference rules).

    >>> print(escape_all("1 < 2. [Yes] #pro", keep=frozenset({"pro"})))
    1 \< 2\. \[Yes\] #pro
    """
    spans: dict[int, int] = {}
    if keep:
        for m in _TAG.finditer(text):
            if (m.group(1) or m.group(2)) in keep:
                spans[m.start()] = m.end()
    if "@" in text:
        for m in _MENTION.finditer(text):
            spans.setdefault(m.start(), m.end())
    out: list[str] = []
    # FREE: inside running text; ABSORB: after an escape, which swallows the
    # spaces after it (not tabs); START: at a token start, where white space
    # would be skipped.
    state = _START
    i = 0
    n = len(text)
    while i < n:
        end = spans.get(i)
        if end is not None:
            out.append(text[i:end])
            i = end
            state = _START
            continue
        ch = text[i]
        if ch in _ESCAPE:
            out.append("\\" + ch)
            state = _ABSORB
        elif ch == " " or ch == "\t":
            if state == _START or (state == _ABSORB and ch == "\t"):
                out.append("\\" + ch)
                state = _ABSORB
            else:
                out.append(ch)
        else:
            out.append(ch)
            state = _FREE
        i += 1
    return "".join(out)


_FREE, _ABSORB, _START = range(3)
