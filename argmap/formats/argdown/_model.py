"""Argdown's own model, as @argdown/core 1.7.5's ``ModelPlugin`` makes it:
equivalence classes of statements, arguments with their premise-conclusion
structures, inferences and relations between them, and the reference's
post-processing of that model (:func:`transform`).

The builders that make a :class:`Doc` live in :mod:`._builder` (from the
syntax tree) and :mod:`._direct` (straight from the tokens of a plain
document).
"""

from __future__ import annotations

from typing import Any, TypeAlias, TypeGuard

__all__ = ["Argument", "Doc", "EquivalenceClass", "Inference", "Member", "Relation", "Statement", "transform"]


class Statement:
    """One occurrence of a statement in the text (a member of its
    equivalence class), or an argument's description."""

    __slots__ = (
        "argument_title",
        "buf",
        "data",
        "inference",
        "is_reference",
        "pos",
        "role",
        "section",
        "tag_set",
        "tags",
        "text",
        "title",
    )

    def __init__(self, role: str | None, pos: int):
        self.title = ""  # (given when read, or "Untitled N" at its end)
        self.text: str | None = None
        self.buf: list[str] | None = None  # text still being read, joined into text at the end
        self.role = role
        self.is_reference = False
        self.tags: list[str] | None = None
        self.tag_set: set[str] | None = None  # (the tags again: a test of one is not a scan of all)
        self.data: dict[str, Any] | None = None
        self.argument_title: str | None = None
        self.inference: Inference | None = None
        self.section: str | None = None
        self.pos = pos


class EquivalenceClass:
    """A statement: every occurrence with one title."""

    type = "equivalence-class"
    __slots__ = ("data", "members", "section", "seq", "tag_set", "tags", "title")

    def __init__(self, title: str, seq: int):
        self.title = title
        self.members: list[Statement] = []
        self.tags: list[str] = _NO_TAGS  # its own list once there is a tag
        self.tag_set: set[str] | None = None
        self.data: dict[str, Any] | None = None  # the merged data of its members
        self.section: str | None = None
        self.seq = seq

    def add_tags(self, tags: list[str]) -> None:
        if self.tags is _NO_TAGS:
            self.tags = []
        if self.tag_set is None:
            self.tag_set = set(self.tags)
        add_new(self.tags, self.tag_set, tags)


def add_new(items: list[str], have: set[str], new: list[str]) -> None:
    """Append to *items* each of *new* not in it yet; *have* is the set of
    *items* (kept with it, so that a statement with thousands of tags is
    not quadratic)."""
    for t in new:
        if t not in have:
            have.add(t)
            items.append(t)


#: The tags of every equivalence class without any (never appended to).
_NO_TAGS: list[str] = []


class Argument:
    """An argument: its descriptions and its premise-conclusion structure."""

    type = "argument"

    def __init__(self, title: str, seq: int):
        self.title = title
        self.members: list[Statement] = []
        self.pcs: list[Statement] = []
        self.tags: list[str] = []
        self.tag_set: set[str] = set()
        self.data: dict[str, Any] | None = None
        self.section: str | None = None
        self.seq = seq


class Inference:
    """The inference to a conclusion of a premise-conclusion structure."""

    type = "inference"

    def __init__(self, seq: int):
        self.rules: list[str] = []
        self.data: dict[str, Any] | None = None
        self.argument_title: str | None = None
        self.conclusion_index: int | None = None
        self.seq = seq

    @property
    def title(self) -> str | None:
        return None


#: What a relation joins.
Member: TypeAlias = EquivalenceClass | Argument | Inference


class Relation:
    """A relation; its ends are None only while it is being read."""

    __slots__ = ("dst", "seq", "src", "type")

    def __init__(self, type: str, seq: int):
        self.type = type
        self.src: Member | None = None
        self.dst: Member | None = None
        self.seq = seq


class Doc:
    """What an Argdown document says, in the reference's terms."""

    def __init__(self) -> None:
        self.statements: dict[str, EquivalenceClass] = {}
        self.arguments: dict[str, Argument] = {}
        self.relations: list[Relation] = []
        self.sections: list[dict[str, Any]] = []
        self.tags: list[str] = []
        self.tag_set: set[str] = set()
        self.front_matter: dict[str, Any] | None = None
        self.mode = "loose"
        # The relations in the model by (source, target, type), and while
        # reading by (target, type): the reference's checks "does this node
        # already have such a relation" are lookups here rather than scans
        # of the node's relations, which a node with many would make
        # quadratic.  (No two relations share a key: a relation whose key is
        # taken is never added.)
        self.ends: set[tuple[Member | None, Member | None, str]] = set()
        self.targets: set[tuple[Member | None, str]] = set()

    def attach(self, rel: Relation) -> None:
        self.ends.add((rel.src, rel.dst, rel.type))

    def detach(self, rel: Relation) -> None:
        self.ends.discard((rel.src, rel.dst, rel.type))

    def has(self, src: Member | None, dst: Member | None, type: str) -> bool:
        return (src, dst, type) in self.ends

    def add_relation(self, rel: Relation) -> None:
        """Add *rel* unless its source already has a relation of its type to
        its target (the reference's test: any relation of the source's with
        this target and type, which for a relation of a node with itself is
        any relation of this type to it), or it is a contradiction whose
        reverse is there."""
        src, dst, t = rel.src, rel.dst, rel.type
        key = (src, dst, t)
        ends = self.ends
        if key in ends or (src is dst and (dst, t) in self.targets) or (t == "contradictory" and (dst, src, t) in ends):
            return
        self.relations.append(rel)
        ends.add(key)
        self.targets.add((dst, t))

    def release(self) -> None:
        """Let the lookups go once the model is done."""
        self.ends = set()
        self.targets = set()


def _is_reconstructed(x: Member | None) -> TypeGuard[Argument]:
    return isinstance(x, Argument) and bool(x.pcs)


def transform(doc: Doc) -> None:
    """The reference's model post-processing: relations of reconstructed
    arguments move to their conclusions and inferences, strict mode, and the
    removal of redundant attacks on arguments."""
    if not any(a.pcs for a in doc.arguments.values()):
        # No reconstructed arguments: only strict mode can change anything.
        if doc.mode == "strict":
            _strict(doc)
        return
    out = []
    for rel in doc.relations:
        keep = True
        if _is_reconstructed(rel.src):
            # (the reference: is there a relation of the conclusion's to the
            # same target of this type?  The relation itself is one when its
            # target is the conclusion.)
            doc.detach(rel)
            ec = doc.statements[rel.src.pcs[-1].title]
            rel.src = ec
            if rel.dst is ec or doc.has(ec, rel.dst, rel.type):
                keep = False
            else:
                doc.attach(rel)
        if keep and _is_reconstructed(rel.dst) and rel.type == "undercut":
            doc.detach(rel)
            inf = rel.dst.pcs[-1].inference
            rel.dst = inf
            if rel.src is inf or doc.has(rel.src, inf, rel.type):
                keep = False
            else:
                doc.attach(rel)
        if keep:
            out.append(rel)
    doc.relations = out
    if doc.mode == "strict":
        _strict(doc)
    _remove_redundant(doc)


def _retype(doc: Doc, rel: Relation, type: str) -> None:
    doc.detach(rel)
    rel.type = type
    doc.attach(rel)


def _strict(doc: Doc) -> None:
    """Strict mode: support and attack between statements are entailment and
    contrariness (one contrariness per pair)."""
    out = []
    for rel in doc.relations:
        keep = True
        if isinstance(rel.src, EquivalenceClass) and isinstance(rel.dst, EquivalenceClass):
            if rel.type == "support":
                _retype(doc, rel, "entails")
            elif rel.type == "attack":
                if doc.has(rel.src, rel.dst, "contrary") or doc.has(rel.dst, rel.src, "contrary"):
                    doc.detach(rel)
                    keep = False
                else:
                    _retype(doc, rel, "contrary")
        if keep:
            out.append(rel)
    doc.relations = out


_OPPOSED = frozenset({"contradictory", "contrary"})


def _remove_redundant(doc: Doc) -> None:
    """An attack on a reconstructed argument by a statement that already
    attacks one of its premises (or contradicts it, or is contrary to it)
    is redundant."""

    def candidate(rel: Relation) -> bool:
        return (
            isinstance(rel.src, EquivalenceClass)
            and rel.type == "attack"
            and isinstance(rel.dst, Argument)
            and bool(rel.dst.pcs)
        )

    if not any(candidate(rel) for rel in doc.relations):
        return
    # The titles of the statements each statement attacks or is opposed to.
    opposed: dict[EquivalenceClass, set[str]] = {}
    for o in doc.relations:
        if isinstance(o.src, EquivalenceClass) and isinstance(o.dst, EquivalenceClass):
            if o.type == "attack" or o.type in _OPPOSED:
                opposed.setdefault(o.src, set()).add(o.dst.title)
            if o.type in _OPPOSED:
                opposed.setdefault(o.dst, set()).add(o.src.title)
    premises: dict[Argument, frozenset[str]] = {}
    out = []
    for rel in doc.relations:
        arg, src = rel.dst, rel.src
        if isinstance(src, EquivalenceClass) and rel.type == "attack" and isinstance(arg, Argument) and arg.pcs:
            p = premises.get(arg)
            if p is None:
                p = premises[arg] = frozenset(s.title for s in arg.pcs if s.role == "premise")
            # (isdisjoint walks the smaller of the two sets)
            if not p.isdisjoint(opposed.get(src, ())):
                doc.detach(rel)
                continue
        out.append(rel)
    doc.relations = out
