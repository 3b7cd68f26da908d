"""argdown-json straight from Argdown's model of a plain document.

``argmap convert FILE.argdown OUT.argdown.json`` would read the document
into Argdown's model (:class:`~._model.Doc`), build and validate an
:class:`~argmap.model.ArgumentMap` of it, and describe that map in the
reference's JSON shape (:mod:`._json`).  For a plain document (statements
and the relations between them, with tags, mentions, links, bold and
italic text: the bulk of large documents) the map adds nothing the JSON
shows, so :func:`write` describes the model itself, byte for byte what the
long way writes, in a fraction of its time and memory.

Anything else (arguments, premise-conclusion structures, headings, data,
front matter, strict mode) and anything the map would rename, drop or
refuse (a title with surrounding spaces or a tab, a title that looks like a
relation id ``r1``, a character the map rejects) makes :func:`write` return
None, and the long way runs, with its checks and its errors.  The tests
compare the two on generated documents.
"""

from __future__ import annotations

import os
import re
from json.encoder import encode_basestring
from operator import attrgetter
from typing import Final

from argmap._gc import paused
from argmap.errors import FormatError, LimitError, ParseError
from argmap.formats import MAX_BYTES
from argmap.formats._decode import decode
from argmap.formats.argdown._model import Doc, EquivalenceClass, Relation
from argmap.formats.argdown._yaml import MAX_YAML_EXPANSION

__all__ = ["from_argdown", "from_argdown_file", "write"]

#: What the map numbers its plain relations: a claim with such an id makes
#: the next relation ``r1'``, which the JSON would show as an argument.
_NUMBERED: Final = re.compile(r"r\d+")
#: The relation types of a plain document, as the JSON names them.
_TYPES: Final = frozenset({"support", "attack", "contradictory", "undercut"})

_string = encode_basestring  # json.dumps(s, ensure_ascii=False), in C where it can be


def write(doc: Doc) -> list[str] | None:
    """The argdown-json of *doc* (what ``_json.dumps`` writes for the map
    ``_convert.to_map`` makes of it) in pieces to be joined, or None when
    *doc* is not plain.  (The caller can let *doc* go before it joins them.)

    The pieces are indented as ``json.dumps(..., indent=2)`` indents them;
    each statement and each relation is one formatted string.  A string
    without quotes or backslashes, printable (as the map wants it anyway),
    is its own JSON but for the quotes around it."""
    if doc.arguments or doc.sections or doc.front_matter is not None or doc.mode != "loose":
        return None
    numbered = _NUMBERED.fullmatch
    enc = _string
    titles: dict[EquivalenceClass, str] = {}  # the title of each, encoded
    tags: dict[str, None] = {}
    parts = ['{\n  "arguments": {},\n  "statements": {']
    append = parts.append
    ec: EquivalenceClass
    for ec in doc.statements.values():
        title = ec.title
        if not title or not title.isprintable() or title != title.strip() or (title[0] == "r" and numbered(title)):
            return None
        if ec.data is not None or ec.section is not None:
            return None
        t = titles[ec] = enc(title) if '"' in title or "\\" in title else f'"{title}"'
        members = ec.members
        x = members[0].text if len(members) == 1 else None
        if x is not None and not ec.tags and x.isprintable() and '"' not in x and "\\" not in x and x.strip():
            # the common case: one wording, no tags
            append(
                f'\n    {t}: {{\n      "type": "equivalence-class",\n      "title": {t},\n      "members": [\n'
                f'        {{\n          "type": "statement",\n          "title": {t},\n          "text": "{x}"\n'
                "        }\n      ]\n    },"
            )
            continue
        texts = [m.text for m in members if m.text is not None and m.text.strip()]
        for x in texts:
            if not x.isprintable():
                return None
        head = f'\n    {t}: {{\n      "type": "equivalence-class",\n      "title": {t},\n      "members": '
        if texts:
            body = ",".join(
                [
                    f'\n        {{\n          "type": "statement",\n          "title": {t},\n          "text": {enc(x)}\n        }}'
                    for x in texts
                ]
            )
            append(f"{head}[{body}\n      ]")
        else:
            append(f"{head}[]")
        if ec.tags:
            for tag in ec.tags:
                if not tag.isprintable() or not tag.strip():
                    return None
                tags[tag] = None
            inner = ",".join(["\n        " + enc(tag) for tag in ec.tags])
            append(f',\n      "tags": [{inner}\n      ]')
        append("\n    },")
    _close(parts, "\n  }", "}")
    append(',\n  "relations": [')
    rel: Relation
    for rel in sorted(doc.relations, key=attrgetter("seq")):
        src, dst, rtype = rel.src, rel.dst, rel.type
        if type(src) is not EquivalenceClass or type(dst) is not EquivalenceClass or rtype not in _TYPES:
            return None
        if src is dst and rtype != "attack":
            continue  # the map drops it (a statement may only attack itself)
        append(
            f'\n    {{\n      "type": "relation",\n      "relationType": "{rtype}",\n      "from": {titles[src]},\n'
            f'      "fromType": "equivalence-class",\n      "to": {titles[dst]},\n'
            '      "toType": "equivalence-class"\n    },'
        )
    _close(parts, "\n  ]", "]")
    append(',\n  "sections": [],\n  "tags": {')
    for tag in map(enc, tags):
        append(f'\n    {tag}: {{\n      "tag": {tag}\n    }},')
    _close(parts, "\n  }", "}")
    append("\n}\n")
    return parts


def _close(parts: list[str], end: str, empty: str) -> None:
    """End the dict or list whose items *parts* ends with: drop the last
    item's comma, or the newline of an empty one."""
    last = parts[-1]
    if last.endswith(","):
        parts[-1] = last[:-1]
        parts.append(end)
    else:
        parts.append(empty)


def from_argdown(
    text: str | bytes, *, base_dir: str | None = None, max_yaml_expansion: int = MAX_YAML_EXPANSION
) -> str:
    """The argdown-json of Argdown *text*: byte for byte
    ``argdown_json.dumps(argdown.loads(text, ...))``, with the same errors,
    but a plain document never becomes a map on the way."""
    return "".join(_pieces(text, base_dir=base_dir, max_yaml_expansion=max_yaml_expansion))


def _pieces(
    text: str | bytes, *, base_dir: str | None = None, max_yaml_expansion: int = MAX_YAML_EXPANSION
) -> list[str]:
    """:func:`from_argdown`'s text in pieces, to be joined or written one
    after another (a large document's JSON is then never held whole)."""
    from argmap.formats.argdown import parse_document

    src, doc = parse_document(text, max_yaml_expansion=max_yaml_expansion)
    with paused():
        parts = write(doc)
        if parts is not None:
            return parts
        from argmap.formats.argdown._convert import to_map
        from argmap.formats.argdown._json import dumps

        m = to_map(doc, src, base_dir=base_dir)
        del doc
        return [dumps(m)]


def from_argdown_file(path: str, *, max_bytes: int | None = MAX_BYTES) -> str:
    """The argdown-json of Argdown file *path*, read as :func:`argmap.load`
    reads it (at most *max_bytes* bytes; errors name the file)."""
    return "".join(pieces_from_file(path, max_bytes=max_bytes))


def pieces_from_file(path: str, *, max_bytes: int | None = MAX_BYTES) -> list[str]:
    """:func:`from_argdown_file`'s text in pieces (see :func:`_pieces`):
    what ``argmap convert FILE.argdown OUT.argdown.json`` writes."""
    from argmap.formats import _check_max_bytes, _check_path, _read

    name = _check_path(path)
    data = _read(name, _check_max_bytes(max_bytes))
    try:
        text = decode(data)
        del data
        return _pieces(text, base_dir=os.path.dirname(name) or os.curdir)
    except (ParseError, FormatError, LimitError) as e:
        raise (e if e.path is not None else e.with_path(name)) from None
