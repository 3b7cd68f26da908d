"""Which format a document that argmap's own JSON reader refused looks like.

``load("x.json")`` reads argmap's own JSON, but a ``.json`` file is as often
AIF (AIFdb, OVA), SADFace or Argdown's JSON export.  When the reader refuses
one, these signatures let its error name the format it looks like and the
option that reads it.  They look only at the top level (and at the first
node of AIF or SADFace), so they cost nothing on a large document.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["hint", "looks_like", "looks_like_text"]

#: Each format's name as the reader's ``format=`` takes it, and as people call it.
_LABELS = {"aif": "AIF", "sadface": "SADFace", "argdown-json": "Argdown's JSON export", "kialo": "Kialo's text export"}

# Kialo's export opens with its title line, or with the thesis "1. ".
_KIALO = re.compile(r"\A\ufeff?\s*(?:Discussion Title:|1\.\s+\S)")


def looks_like(doc: Any) -> str | None:
    """The name of the format a parsed JSON *doc* looks like, or None."""
    if not isinstance(doc, dict):
        return None
    if "argmap" in doc:
        return None
    if isinstance(doc.get("AIF"), dict):
        return "aif"  # OVA's xAIF wrapper
    nodes = doc.get("nodes")
    if isinstance(nodes, list) and isinstance(doc.get("edges"), list):
        first = nodes[0] if nodes and isinstance(nodes[0], dict) else {}
        if "nodeID" in first or "locutions" in doc:
            return "aif"
        if "metadata" in doc or "analyst_name" in doc or first.get("type") in ("atom", "scheme"):
            return "sadface"
        if not first:
            return "aif"
    if isinstance(doc.get("statements"), (dict, list)) and isinstance(doc.get("arguments"), (dict, list)):
        return "argdown-json"
    return None


def looks_like_text(text: str) -> str | None:
    """The name of the format a text that is not JSON looks like, or None."""
    return "kialo" if _KIALO.match(text[:200]) else None


def hint(name: str | None) -> str:
    """A sentence to add to the error: ``"; this looks like AIF: pass
    format='aif' (or --from aif)"``, or nothing."""
    if name is None:
        return ""
    if name == "argdown-json":  # argmap writes it but reads the document it came from
        return f"; this looks like {_LABELS[name]}, not argmap's own JSON: read the Argdown document it was made from"
    return f"; this looks like {_LABELS[name]}, not argmap's own JSON: pass format={name!r} (or --from {name})"
