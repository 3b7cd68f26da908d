"""AIF JSON, the Argument Interchange Format as AIFdb and OVA write it.

An AIF document is ``{"nodes": [...], "edges": [...]}``.  Each node has a
``nodeID`` (a string, sometimes a number), a ``type`` and a ``text``; each
edge goes ``fromID`` -> ``toID``.  How argmap reads it:

- an **I-node** is a claim (its ``nodeID`` is the claim id);
- an **RA-node** is a support relation and a **CA-node** an attack: the
  I-nodes with edges into it are its premises (several = linked premises),
  the one node it points to is its target (an RA or CA target makes it an
  undercut, or a backing); ``scheme`` becomes :attr:`Relation.scheme`;
- **MA** (rephrase), **PA** (preference) and the dialogical **L**, **YA** and
  **TA** nodes, with their edges, are kept in the map's ``data`` (under
  ``"nodes"`` and ``"edges"``) and written back unchanged;
- every other node and edge field (``timestamp``, ``schemeID``, ``edgeID``,
  ...) is kept in the claim's or relation's ``data``, so that reading what
  :func:`dumps` wrote gives an equal map and AIF -> argmap -> AIF gives the
  same graph with the same ids.

Nothing is guessed and no edge is skipped: an unknown node type, an edge
whose end is missing or an edge between two I-nodes is a
:class:`~argmap.errors.FormatError` naming the field (``nodes[12].type``,
``edges[3].toID``).  An RA or CA node that argmap cannot make a relation of
(no premise, no conclusion or several, a premise that is also its
conclusion) is kept with its edges in the map's data, and a
:class:`~argmap.errors.LossyConversionWarning` says which one and why.

What AIF has no field for (the map's title and source, quotes, tags, base
scores, Argdown's strict relation kinds) is written in an ``"argmap"`` field
of the document or of the node, which other AIF tools ignore.

OVA3 saves a map as an xAIF wrapper, ``{"AIF": {...}, "text": ..., "OVA":
{...}}`` (oAMF adds ``"dialog"``).  A document with an ``"AIF"`` object and
no top-level ``"nodes"`` is read as one: ``"AIF"`` as above, the other fields
kept in ``data["xAIF"]`` and written back around the AIF (a plain-text, not
HTML, ``"text"`` becomes the map's source); errors name their path from the
top (``AIF.nodes[3].type``).  A document with both is a FormatError.

>>> from argmap import MapBuilder
>>> b = MapBuilder()
>>> t = b.claim("Tea is better", id="t")
>>> _ = b.support(t, [b.claim("It is calming", id="p1"), b.claim("Calm is good", id="p2")], id="ra")
>>> print(dumps(b.build()), end="")
{
  "nodes": [
    {"nodeID": "t", "text": "Tea is better", "type": "I"},
    {"nodeID": "p1", "text": "It is calming", "type": "I"},
    {"nodeID": "p2", "text": "Calm is good", "type": "I"},
    {"nodeID": "ra", "text": "RA", "type": "RA"}
  ],
  "edges": [
    {"edgeID": "p1>ra", "fromID": "p1", "toID": "ra"},
    {"edgeID": "p2>ra", "fromID": "p2", "toID": "ra"},
    {"edgeID": "ra>t", "fromID": "ra", "toID": "t"}
  ]
}
>>> loads(dumps(b.build())) == b.build()
True
"""

from __future__ import annotations

from typing import Any

from argmap._gc import paused
from argmap.formats._aif_fast import read_text
from argmap.formats._aif_read import NODE_TYPES, XAIF, _read
from argmap.formats._aif_write import _dumps, to_data
from argmap.model import ArgumentMap

__all__ = ["NODE_TYPES", "XAIF", "dumps", "from_data", "loads", "to_data"]

# The reader (argmap.formats._aif_read) goes in named passes, documented
# there, with a quick way through the usual documents in
# argmap.formats._aif_fast; the writer is argmap.formats._aif_write.


def loads(text: str | bytes) -> ArgumentMap:
    """Read an AIF JSON document, or an xAIF (OVA) document that wraps one
    in ``{"AIF": {...}, "OVA": {...}, "text": ...}``.

    Raises ParseError (bad JSON), FormatError (a field of the wrong shape, an
    unknown node type, an edge to a missing node, named by its JSON path) or
    ValidationError (a map the model refuses, such as an empty I-node text).
    """
    with paused(promote=True):
        return read_text(text, stacklevel=3)


def from_data(doc: Any) -> ArgumentMap:
    """Build a map from an AIF document already parsed (dicts and lists);
    *doc* is not modified."""
    return _read(doc, clean=False, owned=False)


def dumps(m: ArgumentMap) -> str:
    """*m* as an AIF JSON document: one node or edge per line, fixed order
    (claims, relations, kept nodes; then the edges), byte-identical for
    equal maps."""
    with paused():
        return _dumps(m)
