"""The ``argdown-json`` writer: a map in the shape of the reference's
``argdown json`` output (@argdown/cli 1.7.5), so that argmap's reading can be
checked against the reference and its maps used where tools expect that JSON.

Top-level keys ``arguments``, ``statements`` (equivalence classes keyed by
title, each with its ``members``), ``relations`` (``from``/``to`` by title,
``relationType``, ``fromType``/``toType``), ``sections`` and ``tags``.  The
reference's source locations, colours and layout fields are left out.  A map
that did not come from Argdown is described as its Argdown text
(``argmap.formats.argdown.dumps``) would be: linked premises make an argument
whose title is the relation's id.

The format is write-only: ``loads`` raises FormatError.
"""

from __future__ import annotations

import json
from typing import Any

from argmap._gc import pausing
from argmap.errors import FormatError
from argmap.formats.argdown._hints import hints
from argmap.formats.argdown._writer import _Writer
from argmap.model import ArgumentMap, Kind

__all__ = ["dumps", "loads", "to_data"]


def _info(x: Any) -> dict[str, Any]:
    return hints(x)


def to_data(m: ArgumentMap) -> dict[str, Any]:
    """The plain-data form of :func:`dumps`."""
    statements: dict[str, Any] = {}
    arguments: dict[str, Any] = {}
    node: dict[str, tuple[str, str]] = {}  # claim id -> (title, type)
    for c in m.claims:
        info = _info(c)
        if info.get("argument"):
            title = info.get("title") or (c.id[1:-1] if c.id.startswith("<") and c.id.endswith(">") else c.id)
            members = [] if info.get("reference") else [c.text, *info.get("wordings", [])]
            arguments[title] = {
                "type": "argument",
                "title": title,
                "members": [
                    {"type": "statement", "role": "argument-description", "title": title, "text": t} for t in members
                ],
                "pcs": [],
            }
            if c.tags:
                arguments[title]["tags"] = list(c.tags)
            if isinstance(info.get("data"), dict):
                arguments[title]["data"] = info["data"]
            node[c.id] = (title, "argument")
        else:
            title = info.get("title", c.id)
            members = [] if info.get("reference") else [c.text, *info.get("wordings", [])]
            ec = {
                "type": "equivalence-class",
                "title": title,
                "members": [{"type": "statement", "title": title, "text": t} for t in members],
            }
            if c.tags:
                ec["tags"] = list(c.tags)
            if isinstance(info.get("data"), dict):
                ec["data"] = info["data"]
            statements[title] = ec
            node[c.id] = (title, "equivalence-class")
    relations: list[dict[str, Any]] = []
    inference_of: dict[str, str] = {}  # relation id -> argument title
    # An inference of an argument, or a relation that the Argdown writer
    # writes as one (a premise-conclusion structure): the writer's plan says.
    forms = {r.id: form for form, r in _Writer(m).plan()}
    for r in m.relations:
        info = _info(r)
        if forms[r.id] == "pcs":
            title = info.get("argument", r.id)
            inference_of[r.id] = title
            arg = arguments.setdefault(title, {"type": "argument", "title": title, "members": [], "pcs": []})
            if "description" in info:
                arg["members"] = [
                    {"type": "statement", "role": "argument-description", "title": title, "text": t}
                    for t in [info["description"], *info.get("descriptions", [])]
                ]
            if "rules" in info and "conclusion" not in info:
                arg["inferenceRules"] = info["rules"]
            if isinstance(info.get("data"), dict) and "conclusion" not in info:
                arg["data"] = info["data"]
            pcs = arg["pcs"]
            for p in r.premises:
                pcs.append({"type": "statement", "title": node[p][0], "role": "premise", "argumentTitle": title})
                _member(statements, node[p][0], "premise", title)
            if r.target in node:
                role = "intermediary-conclusion" if "conclusion" in info else "main-conclusion"
                pcs.append({"type": "statement", "title": node[r.target][0], "role": role, "argumentTitle": title})
                _member(statements, node[r.target][0], role, title)
    for r in m.relations:
        info = _info(r)
        if r.id in inference_of:
            continue
        src, src_type = node[r.premises[0]]
        if r.target in node:
            dst, dst_type = node[r.target]
            rtype = "undercut" if info.get("relation") == "undercut" else r.kind.value
        else:
            dst = inference_of.get(r.target, r.target)
            if r.kind is Kind.ATTACK and info.get("relation") != "attack":
                rtype, dst_type = "undercut", "inference"
            else:
                rtype, dst_type = r.kind.value, "argument"
            # The Argdown text names a relation that is no inference of its
            # own by an argument reference (``<r2>``): the reference then has
            # an argument of that title, with neither description nor pcs.
            arguments.setdefault(dst, {"type": "argument", "title": dst, "members": [], "pcs": []})
        for p in r.premises:
            src, src_type = node[p]
            relations.append(
                {
                    "type": "relation",
                    "relationType": rtype,
                    "from": src,
                    "fromType": src_type,
                    "to": dst,
                    "toType": dst_type,
                }
            )
    doc_info = _info(m)
    sections = doc_info.get("sections", [])
    tags: dict[str, Any] = {}
    for c in m.claims:
        for t in c.tags:
            tags.setdefault(t, {"tag": t})
    return {
        "arguments": arguments,
        "statements": statements,
        "relations": relations,
        "sections": sections,
        "tags": tags,
    }


def _member(statements: dict[str, Any], title: str, role: str, argument: str) -> None:
    ec = statements.get(title)
    if ec is not None:
        ec["members"].append({"type": "statement", "title": title, "role": role, "argumentTitle": argument})


@pausing  # hundreds of thousands of small dicts, no cycles
def dumps(m: ArgumentMap) -> str:
    """The map as the reference's ``argdown json`` would describe it."""
    data = to_data(m)
    try:
        return _indented(data) + "\n"
    except (_Unusual, RecursionError):
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


class _Unusual(Exception):
    """A value :func:`_indented` leaves to :func:`json.dumps`."""


_string = json.encoder.encode_basestring  # ensure_ascii=False; the C version where there is one


def _indented(data: dict[str, Any]) -> str:
    """``json.dumps(data, ensure_ascii=False, indent=2)``, byte for byte, in
    a fraction of its time and memory: the standard library's indenting
    encoder is written in Python, one generator step and one string per
    item; this one joins each dict or list into one string.  Keys that are
    not strings and values other than dicts, lists, strings, numbers,
    booleans and None raise :class:`_Unusual` (the caller then asks
    :mod:`json`)."""
    return _value(data, "\n")


def _value(x: object, newline: str) -> str:
    if isinstance(x, str):
        return _string(x)
    if isinstance(x, dict):
        if not x:
            return "{}"
        inner = newline + "  "
        if all(type(k) is str and type(v) is str for k, v in x.items()):
            return "{" + ",".join(f"{inner}{_string(k)}: {_string(v)}" for k, v in x.items()) + newline + "}"
        if not all(type(k) is str for k in x):
            raise _Unusual
        return "{" + ",".join(f"{inner}{_string(k)}: {_value(v, inner)}" for k, v in x.items()) + newline + "}"
    if isinstance(x, list):
        if not x:
            return "[]"
        inner = newline + "  "
        return "[" + ",".join(inner + _value(v, inner) for v in x) + newline + "]"
    if x is None or isinstance(x, (bool, int, float)):
        return json.dumps(x)
    raise _Unusual


def loads(text: str | bytes) -> ArgumentMap:
    """argdown-json is write-only (read the Argdown document instead)."""
    raise FormatError("argdown-json is write-only; read the Argdown document itself")
