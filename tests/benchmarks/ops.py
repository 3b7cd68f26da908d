"""The measured operations, one function pair per (library, operation).

``PREPARE[lib](op, spec, text=None)`` does the untimed set-up and returns a
zero-argument callable that performs exactly the measured operation.  For
``loads``, *text* is the document to read when the caller has it already
(written by an earlier ``dumps`` measurement); otherwise it is made here.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

Spec = tuple[list[str], list[tuple[str, tuple[int, ...], tuple[str, int]]]]


# --------------------------------------------------------------------------
# argmap


def argmap_build(spec: Spec) -> Any:
    from argmap import MapBuilder

    texts, relations = spec
    b = MapBuilder(title="benchmark")
    claim_refs: list[Any] = [b.claim(texts[0])]
    rel_refs: list[Any] = []
    support, attack, undercut = b.support, b.attack, b.undercut
    for kind, premises, (tkind, tidx) in relations:
        items = texts[premises[0]] if len(premises) == 1 else [texts[p] for p in premises]
        if tkind == "r":
            ref = undercut(rel_refs[tidx], items)
        elif kind == "support":
            ref = support(claim_refs[tidx], items)
        else:
            ref = attack(claim_refs[tidx], items)
        rel_refs.append(ref)
        claim_refs.extend(ref.premises)
    return b.build()


def _argmap_prepare(op: str, spec: Spec, text: str | None = None) -> Callable[[], Any]:
    import argmap

    if op == "build":
        return lambda: argmap_build(spec)
    if op == "loads":
        if text is None:
            text = argmap.dumps(argmap_build(spec))
        return lambda: argmap.loads(text)
    m = argmap_build(spec)
    if op == "dumps":
        return lambda: argmap.dumps(m)
    if op == "dot":
        from argmap.render import to_dot  # ImportError: not written yet -> "n/a"

        return lambda: to_dot(m)
    raise ValueError(op)


# --------------------------------------------------------------------------
# arguebuf


def arguebuf_build(spec: Spec) -> Any:
    from arguebuf import AtomNode, Attack, Edge, Graph, SchemeNode, Support

    texts, relations = spec
    g = Graph(name="benchmark")
    atoms = [AtomNode(texts[0], id="c1")]
    g.add_node(atoms[0])
    g.major_claim = atoms[0]
    schemes: list[Any] = []
    add_node, add_edge = g.add_node, g.add_edge
    for j, (kind, premises, (tkind, tidx)) in enumerate(relations):
        rid = f"r{j + 1}"
        s = SchemeNode(Support.DEFAULT if kind == "support" else Attack.DEFAULT, id=rid)
        add_node(s)
        for k, p in enumerate(premises):
            a = AtomNode(texts[p], id=f"c{p + 1}")
            atoms.append(a)
            add_node(a)
            add_edge(Edge(a, s, id=f"{rid}p{k + 1}"))
        target = schemes[tidx] if tkind == "r" else atoms[tidx]
        add_edge(Edge(s, target, id=f"{rid}t"))
        schemes.append(s)
    return g


def _arguebuf_prepare(op: str, spec: Spec, text: str | None = None) -> Callable[[], Any]:
    import arguebuf

    if op == "build":
        return lambda: arguebuf_build(spec)

    def dumps(g: Any) -> str:
        f = io.StringIO()
        arguebuf.dump.json(g, f)  # its native format: the protobuf graph as JSON
        return f.getvalue()

    if op == "loads":
        if text is None:
            text = dumps(arguebuf_build(spec))
        return lambda: arguebuf.load.json(io.StringIO(text))
    g = arguebuf_build(spec)
    if op == "dumps":
        return lambda: dumps(g)
    if op == "dot":
        # dump.graphviz returns None above max_nodes (default 1000): lift the cap.
        return lambda: arguebuf.dump.graphviz(g, max_nodes=10**9).source
    raise ValueError(op)


PREPARE = {"argmap": _argmap_prepare, "arguebuf": _arguebuf_prepare}


def warm_imports(lib: str) -> None:
    """Import everything an operation may import lazily, before measuring."""
    if lib == "argmap":
        import argmap
        import argmap.formats.json

        try:
            import graphviz

            import argmap.render  # noqa: F401
        except ImportError:
            pass
    else:
        import arguebuf  # noqa: F401
        import graphviz  # noqa: F401
        from google.protobuf import json_format  # noqa: F401
