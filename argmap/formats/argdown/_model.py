"""Argdown's own model, built from the syntax tree as @argdown/core 1.7.5's
``ModelPlugin`` builds it: equivalence classes of statements, arguments with
their premise-conclusion structures, and relations between them.

The walk over the tree is iterative, and the listeners below are named and
ordered as the reference's, because the details (when an untitled statement
gets its ``Untitled N`` title, which relations are merged) decide what the
reference's JSON says.
"""

from __future__ import annotations

import re
from typing import Any

from argmap.errors import ParseError
from argmap.formats.argdown import _lexer as L
from argmap.formats.argdown import _yaml
from argmap.formats.argdown._parser import MAX_NESTING, Node, Text
from argmap.formats.argdown._shortcodes import SHORTCODES

__all__ = ["Argument", "Doc", "EquivalenceClass", "Inference", "Relation", "Statement", "build", "build_direct"]


class Statement:
    __slots__ = ("title", "text", "buf", "role", "is_reference", "tags", "data", "argument_title", "inference", "section", "pos")

    def __init__(self, role: str | None, pos: int):
        self.title: str | None = None
        self.text: str | None = None
        self.buf: list[str] | None = None  # text still being read, joined into text at the end
        self.role = role
        self.is_reference = False
        self.tags: list[str] | None = None
        self.data: Any = None
        self.argument_title: str | None = None
        self.inference: Inference | None = None
        self.section: str | None = None
        self.pos = pos


class EquivalenceClass:
    type = "equivalence-class"
    __slots__ = ("title", "members", "tags", "data", "section", "seq")

    def __init__(self, title: str, seq: int):
        self.title = title
        self.members: list[Statement] = []
        self.tags: list[str] | tuple = ()  # a list once there is one
        self.data: dict[str, Any] | None = None  # the merged data of its members
        self.section: str | None = None
        self.seq = seq


class Argument:
    type = "argument"

    def __init__(self, title: str, seq: int):
        self.title = title
        self.members: list[Statement] = []
        self.pcs: list[Statement] = []
        self.tags: list[str] = []
        self.data: dict[str, Any] | None = None
        self.section: str | None = None
        self.seq = seq


class Inference:
    type = "inference"

    def __init__(self, seq: int):
        self.rules: list[str] = []
        self.data: Any = None
        self.argument_title: str | None = None
        self.conclusion_index: int | None = None
        self.seq = seq

    @property
    def title(self) -> str | None:
        return None


class Relation:
    __slots__ = ("type", "src", "dst", "seq")

    def __init__(self, type: str, seq: int):
        self.type = type
        self.src: Any = None
        self.dst: Any = None
        self.seq = seq


class Doc:
    """What an Argdown document says, in the reference's terms."""

    def __init__(self) -> None:
        self.statements: dict[str, EquivalenceClass] = {}
        self.arguments: dict[str, Argument] = {}
        self.relations: list[Relation] = []
        self.sections: list[dict[str, Any]] = []
        self.tags: list[str] = []
        self.front_matter: dict[str, Any] | None = None
        self.mode = "loose"
        # The relations in the model by (source, target, type), and while
        # reading by (target, type): the reference's checks "does this node
        # already have such a relation" are lookups here rather than scans
        # of the node's relations, which a node with many would make
        # quadratic.  (No two relations share a key: a relation whose key is
        # taken is never added.)
        self.ends: set[tuple] = set()
        self.targets: set[tuple] = set()

    def attach(self, rel: Relation) -> None:
        self.ends.add((rel.src, rel.dst, rel.type))

    def detach(self, rel: Relation) -> None:
        self.ends.discard((rel.src, rel.dst, rel.type))

    def has(self, src: Any, dst: Any, type: str) -> bool:
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


_STMT_DEF = re.compile(r"\[(.+)\]:")
_STMT_REF = re.compile(r"\[(.+)\]")
_ARG_DEF = re.compile(r"<(.+)>:")
_ARG_REF = re.compile(r"<(.+)>")
_LINK = re.compile(r"\[(.+)\]\((.+)\)")
_TAG = re.compile("#(?:\\(([^)]+)\\)|([a-zA-z0-9\\-\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef]+))")

_RELATION_TYPES = {
    "incomingSupport": ("support", "from"),
    "incomingAttack": ("attack", "from"),
    "outgoingSupport": ("support", "to"),
    "outgoingAttack": ("attack", "to"),
    "contradiction": ("contradictory", "from"),
    "incomingUndercut": ("undercut", "from"),
    "outgoingUndercut": ("undercut", "to"),
}


class _Builder:
    def __init__(self, text: str, max_yaml_expansion: int = _yaml.MAX_YAML_EXPANSION):
        self.text = text
        self.max_yaml_expansion = max_yaml_expansion
        self.doc = Doc()
        self.statements = self.doc.statements
        self.untitled = 0
        self.seq = 0
        self.statement: Statement | None = None
        self.heading: dict[str, Any] | None = None
        self.relation_parent: Any = None
        self.argument: Argument | None = None
        self.pcs_argument: Argument | None = None
        self.inference: Inference | None = None
        self.parents: list[Any] = []
        self.relation: Relation | None = None
        self.section: dict[str, Any] | None = None

    def fail(self, msg: str, node: Node) -> None:
        raise ParseError(msg, doc=self.text, pos=node.pos)

    def next_seq(self) -> int:
        self.seq += 1
        return self.seq

    def unique_title(self) -> str:
        self.untitled += 1
        return f"Untitled {self.untitled}"

    def ec(self, title: str) -> EquivalenceClass:
        ec = self.statements.get(title)
        if ec is None:
            self.seq += 1
            ec = self.statements[title] = EquivalenceClass(title, self.seq)
        return ec

    def get_argument(self, title: str | None) -> Argument:
        arg = self.doc.arguments.get(title) if title else None
        if arg is None:
            arg = Argument(title or self.unique_title(), self.next_seq())
            self.doc.arguments[arg.title] = arg
        self.argument = arg
        self.relation_parent = arg
        return arg

    def relation_member(self, parent: Any) -> Any:
        if isinstance(parent, Statement):
            if not parent.title:
                parent.title = self.unique_title()
            if parent.role == "argument-description":
                return self.get_argument(parent.title)
            return self.ec(parent.title)
        return parent

    # ---- the walk ----------------------------------------------------------

    def walk(self, root: Node) -> Doc:
        # Entry and exit listeners by rule name, token listeners by kind.
        enter = {
            "statement": self.enter_statement,
            "heading": self.enter_heading,
            "argument": self.enter_argument,
            "pcs": self.enter_pcs,
            "inference": self.enter_inference,
            "relations": self.enter_relations,
        }
        for name in _RELATION_TYPES:
            enter[name] = self.enter_relation
        exit_ = {
            "statement": self.exit_statement,
            "argument": self.exit_argument,
            "heading": self.exit_heading,
            "pcsStatement": self.exit_pcs_statement,
            "pcs": self.exit_pcs,
            "inference": self.exit_inference,
            "inferenceRules": self.exit_inference_rules,
            "relations": self.exit_relations,
            "bold": self.exit_range,
            "italic": self.exit_range,
        }
        for name in _RELATION_TYPES:
            exit_[name] = self.exit_relation
        tokens = {
            L.NEWLINE: self.newline,
            L.STMT_DEF: self.token,
            L.STMT_REF: self.token,
            L.ARG_DEF: self.token,
            L.ARG_REF: self.token,
            L.STMT_MENTION: self.token,
            L.ARG_MENTION: self.token,
            L.LINK: self.token,
            L.TAG: self.token,
            L.DATA: self.token,
            L.FRONT_MATTER: self.token,
        }
        get_enter = enter.get
        get_exit = exit_.get
        get_token = tokens.get
        enter_freestyle = self.enter_freestyle
        # An explicit stack of (node, parent, index in parent, iterator over
        # the node's children): no recursion, however deep the tree.
        stack: list[tuple] = []
        node, parent, index, it = root, None, None, enumerate(root.children)
        while True:
            for i, child in it:
                tc = type(child)
                if tc is tuple:
                    f = get_token(child[0])
                    if f is not None:
                        f(child, node, i)
                elif tc is Text:
                    enter_freestyle(child, node, i)
                elif child.flat:
                    # statement content without ranges: its children are
                    # tokens and texts, handled here without a stack frame
                    for j, c in enumerate(child.children):
                        if type(c) is tuple:
                            f = get_token(c[0])
                            if f is not None:
                                f(c, child, j)
                        else:
                            enter_freestyle(c, child, j)
                    child.children = None  # done: free its tokens now
                else:
                    f = get_enter(child.name)
                    if f is not None:
                        f(child, node, i)
                    stack.append((node, parent, index, it))
                    node, parent, index, it = child, node, i, enumerate(child.children)
                    break
            else:
                f = get_exit(node.name)
                if f is not None:
                    f(node, parent, index)
                # Done with this subtree: let its tokens and nodes go, so the
                # tree shrinks while the model grows.
                node.children = None
                if not stack:
                    break
                node, parent, index, it = stack.pop()
        return self.doc

    # ---- tokens -----------------------------------------------------------

    def target(self) -> Any:
        return self.heading if self.heading is not None else self.statement

    # A statement's (or heading's) text grows a piece at a time: the pieces
    # are collected in a list and joined once, when the statement ends.

    def append_text(self, target: Any, s: str) -> None:
        if not s:
            return
        if isinstance(target, dict):
            target.setdefault("buf", []).append(s)
        elif target.buf is not None:
            target.buf.append(s)
        elif not target.text:
            target.text = s  # (most statements are one piece)
        else:
            target.buf = [s]

    def ends_with_space(self, target: Any) -> bool:
        buf = target.get("buf") if isinstance(target, dict) else target.buf
        if buf:
            return buf[-1].endswith(" ")
        return ((target.get("text") if isinstance(target, dict) else target.text) or "").endswith(" ")

    @staticmethod
    def finish_text(st: Statement) -> None:
        if st.buf is not None:
            st.text = (st.text or "") + "".join(st.buf)
            st.buf = None

    def newline(self, tok: tuple, parent: Node, index: int) -> None:
        if index != len(parent.children) - 1:
            target = self.heading if self.heading is not None else self.statement
            if target is not None and not self.ends_with_space(target):
                self.append_text(target, " ")

    def token(self, tok: tuple, parent: Node, index: int) -> None:
        kind, image = tok[0], tok[1]
        st = self.statement
        if kind == L.NEWLINE:
            target = self.target()
            if target is not None and index != len(parent.children) - 1 and not self.ends_with_space(target):
                self.append_text(target, " ")
        elif kind == L.STMT_DEF:
            m = _STMT_DEF.match(image)
            if m and st is not None:
                st.title = m.group(1)
                parent.statement = st
        elif kind == L.STMT_REF:
            m = _STMT_REF.match(image)
            if m and st is not None:
                st.title = m.group(1)
                st.is_reference = True
                parent.statement = st
        elif kind == L.ARG_DEF:
            m = _ARG_DEF.match(image)
            if m and st is not None:
                st.title = m.group(1)
        elif kind == L.ARG_REF:
            m = _ARG_REF.match(image)
            if m and st is not None:
                st.title = m.group(1)
                st.is_reference = True
        elif kind == L.STMT_MENTION or kind == L.ARG_MENTION:
            target = self.target()
            if target is not None:
                self.append_text(target, image)
        elif kind == L.LINK:
            target = self.target()
            if target is not None:
                m = _LINK.match(image)
                self.append_text(target, m.group(1) if m else image)
                if image.endswith(" "):
                    self.append_text(target, " ")
        elif kind == L.TAG:
            target = self.target()
            if target is not None:
                m = _TAG.match(image)
                tag = (m.group(1) or m.group(2)) if m else image
                self.append_text(target, image)
                if isinstance(target, dict):
                    tags = target.setdefault("tags", [])
                else:
                    if target.tags is None:
                        target.tags = []
                    tags = target.tags
                if tag not in tags:
                    tags.append(tag)
                if tag not in self.doc.tags:
                    self.doc.tags.append(tag)
        elif kind == L.DATA:
            parent.data = _yaml.data_block(self.text, image, tok[2], self.max_yaml_expansion)
        elif kind == L.FRONT_MATTER:
            fm = self.doc.front_matter = _yaml.front_matter(self.text, image, tok[2], self.max_yaml_expansion)
            # The reference merges the front matter into its settings:
            # ``model: {mode: strict}`` is the model plugin's mode.
            model = fm.get("model") if fm else None
            if isinstance(model, dict) and model.get("mode") == "strict":
                self.doc.mode = "strict"

    # ---- rules ------------------------------------------------------------

    def enter_freestyle(self, node: Node, parent: Node | None, index: int | None) -> None:
        target = self.heading if self.heading is not None else self.statement
        parts = []
        for kind, image, _ in node:
            if kind == L.ESCAPED:
                parts.append(image[1:])
            elif kind == L.SPECIAL:
                uni = SHORTCODES.get(image.strip())
                if uni is not None:
                    parts.append(uni + (" " if image.endswith(" ") else ""))
                else:
                    parts.append(image)
            else:
                parts.append(image)
        node.text = "".join(parts) if len(parts) != 1 else parts[0]
        if target is not None:
            self.append_text(target, node.text)

    def enter_statement(self, node: Node, parent: Node | None, index: int | None) -> None:
        role = None
        if node.text == "argdown":
            role = "top-level-statement"
        elif self.relation is not None:
            role = "relation-statement"
        st = Statement(role, node.pos)
        self.statement = st
        self.relation_parent = st
        node.statement = st

    def enter_heading(self, node: Node, parent: Node | None, index: int | None) -> None:
        self.heading = {"text": "", "pos": node.pos}

    def enter_argument(self, node: Node, parent: Node | None, index: int | None) -> None:
        desc = Statement("argument-description", node.pos)
        desc.text = ""
        if self.section is not None:
            desc.section = self.section["title"]
        self.statement = desc
        self.relation_parent = desc
        node.statement = desc

    def enter_inference(self, node: Node, parent: Node | None, index: int | None) -> None:
        inf = Inference(self.next_seq())
        node.inference = inf
        self.inference = inf
        self.relation_parent = inf
        self.parents.append(inf)

    def enter_relations(self, node: Node, parent: Node | None, index: int | None) -> None:
        if self.relation_parent is None:
            self.fail("a relation needs a statement or argument above it", node)
        self.parents.append(self.relation_member(self.relation_parent))

    def enter_relation(self, node: Node, parent: Node | None, index: int | None) -> None:
        name = node.name
        rtype, side = _RELATION_TYPES[name]
        top = self.parents[-1] if self.parents else None
        rel = Relation(rtype, self.next_seq())
        if side == "from":
            rel.src = top
        elif name == "outgoingUndercut" and isinstance(top, EquivalenceClass) and self.inference is not None:
            # (the reference never forgets the last inference it saw)
            rel.dst = self.inference
        else:
            rel.dst = top
        self.relation = rel
        node.relation = rel

    def enter_pcs(self, node: Node, parent: Node | None, index: int | None) -> None:
        argument = None
        desc = None
        if parent is not None and index:
            prev = parent.children[index - 1]
            if isinstance(prev, Node) and prev.name == "argument":
                desc = prev.statement
                argument = prev.argument
        if argument is None:
            argument = self.get_argument(None)
        if self.section is not None:
            argument.section = self.section["title"]
        if argument.pcs:
            self.fail(
                f"Multiple premise-conclusion-structures assigned to argument <{argument.title}>. "
                "You can only assign one pcs per argument.",
                node,
            )
        node.argument = argument
        self.pcs_argument = argument

    def exit_pcs(self, node: Node, parent: Node | None, index: int | None) -> None:
        arg = node.argument
        if not arg.pcs or arg.pcs[-1].role != "intermediary-conclusion":
            self.fail("Missing main conclusion.", node)
        arg.pcs[-1].role = "main-conclusion"
        self.statement = None
        self.argument = None
        self.pcs_argument = None

    def exit_inference(self, node: Node, parent: Node | None, index: int | None) -> None:
        node.inference.data = node.data

    def exit_inference_rules(self, node: Node, parent: Node | None, index: int | None) -> None:
        if self.inference is not None:
            self.inference.rules.extend((c.text or "").strip() for c in node.children)

    def exit_relations(self, node: Node, parent: Node | None, index: int | None) -> None:
        self.relation = None
        self.parents.pop()

    def exit_range(self, node: Node, parent: Node | None, index: int | None) -> None:
        target = self.target()
        if target is not None and node.children[-1][1].endswith(" "):
            self.append_text(target, " ")

    def exit_statement(self, node: Node, parent: Node | None = None, index: int | None = None) -> None:
        st = node.statement
        self.finish_text(st)
        st.data = node.data
        if not st.title:
            st.title = self.unique_title()
        ec = self.ec(st.title)
        node.argument = None
        if st.tags:
            if not ec.tags:
                ec.tags = []
            for t in st.tags:
                if t not in ec.tags:
                    ec.tags.append(t)
        if st.data is not None:
            ec.data = _yaml.merge(ec.data, st.data, in_place=True)
        if self.section is not None:
            st.section = self.section["title"]
            if ec.section is None and not st.is_reference:
                ec.section = st.section
        ec.members.append(st)
        node.statement = st
        self.statement = None

    def exit_argument(self, node: Node, parent: Node | None = None, index: int | None = None) -> None:
        desc = node.statement
        self.finish_text(desc)
        desc.data = node.data
        if not desc.title:
            desc.title = self.unique_title()
        arg = self.get_argument(desc.title)
        node.argument = arg
        if desc.tags:
            for t in desc.tags:
                if t not in arg.tags:
                    arg.tags.append(t)
        if desc.data is not None:
            arg.data = _yaml.merge(arg.data, desc.data, in_place=True)
        if arg.section is None and not desc.is_reference and desc.section is not None:
            arg.section = desc.section
        arg.members.append(desc)
        self.statement = None
        self.argument = None

    def exit_heading(self, node: Node, parent: Node | None = None, index: int | None = None) -> None:
        h = self.heading
        level = len(node.children[0][1]) - 1
        title = ((h.get("text") or "") + "".join(h.get("buf") or ())).strip()
        section = {"id": f"s{len(self.doc.sections) + 1}", "level": level, "title": title, "parent": None}
        if h.get("tags"):
            section["tags"] = h["tags"]
        if node.data is not None:
            section["data"] = node.data
        prev = self.section
        while prev is not None and prev["level"] >= level:
            prev = prev["_parent"]
        section["_parent"] = prev
        section["parent"] = prev["id"] if prev is not None else None
        self.doc.sections.append(section)
        self.section = section
        self.heading = None

    def exit_pcs_statement(self, node: Node, parent: Node | None, index: int | None) -> None:
        arg = self.pcs_argument
        st = node.children[1].statement
        self.ec(st.title)
        st.role = "premise"
        st.argument_title = arg.title
        if parent is not None and index:
            prev = parent.children[index - 1]
            if prev.name == "inference":
                st.role = "intermediary-conclusion"
                st.inference = prev.inference
                prev.inference.conclusion_index = len(arg.pcs)
                prev.inference.argument_title = arg.title
        arg.pcs.append(st)

    def exit_relation(self, node: Node, parent: Node | None = None, index: int | None = None) -> None:
        rel = node.relation
        content = node.children[1]
        member = content.argument if content.name == "argument" else content.statement
        target = self.relation_member_of(content, member)
        if rel.src is not None:
            rel.dst = target
        else:
            rel.src = target
        self.doc.add_relation(rel)

    def relation_member_of(self, content: Node, member: Any) -> Any:
        if content.name == "argument":
            return member
        return self.ec(member.title)


def _is_reconstructed(x: Any) -> bool:
    return isinstance(x, Argument) and bool(x.pcs)


def _transform(doc: Doc) -> None:
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
        return isinstance(rel.src, EquivalenceClass) and rel.type == "attack" and isinstance(rel.dst, Argument) and bool(rel.dst.pcs)

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
        if candidate(rel):
            arg = rel.dst
            p = premises.get(arg)
            if p is None:
                p = premises[arg] = frozenset(s.title for s in arg.pcs if s.role == "premise")
            # (isdisjoint walks the smaller of the two sets)
            if not p.isdisjoint(opposed.get(rel.src, ())):
                doc.detach(rel)
                continue
        out.append(rel)
    doc.relations = out


def build(text: str, tree: Node, max_yaml_expansion: int = _yaml.MAX_YAML_EXPANSION) -> Doc:
    """The reference's model of the document *tree* (parsed from *text*)."""
    b = _Builder(text, max_yaml_expansion)
    doc = b.walk(tree)
    for s in doc.sections:
        s.pop("_parent", None)
    _transform(doc)
    doc.ends = doc.targets = None  # (the lookups are done: let them go)
    return doc


# --------------------------------------------------------------------------
# The direct path for plain documents
#
# Most large documents are statements and relations only: no arguments,
# premise-conclusion structures, headings, lists, ranges or data.  For those
# the tokens go straight into the model, with the same listeners in the same
# order as the walk over the syntax tree, but without building the tree (a
# third of the time and half the memory).  Anything else, or anything
# unexpected, returns None and the full path runs (and reports errors).

_SIMPLE_KINDS = frozenset(
    {
        L.FREESTYLE,
        L.CONTROL,
        L.ESCAPED,
        L.SPECIAL,
        L.NEWLINE,
        L.EMPTYLINE,
        L.INDENT,
        L.DEDENT,
        L.STMT_DEF,
        L.STMT_REF,
        L.TAG,
        L.STMT_MENTION,
        L.ARG_MENTION,
        L.LINK,
        L.IN_SUPPORT,
        L.IN_ATTACK,
        L.OUT_SUPPORT,
        L.OUT_ATTACK,
        L.CONTRADICTION,
        L.IN_UNDERCUT,
        L.OUT_UNDERCUT,
        L.A_BOLD_START,
        L.U_BOLD_START,
        L.A_ITALIC_START,
        L.U_ITALIC_START,
        L.A_BOLD_END,
        L.U_BOLD_END,
        L.A_ITALIC_END,
        L.U_ITALIC_END,
    }
)
_SIMPLE_TEXT = frozenset({L.FREESTYLE, L.CONTROL, L.ESCAPED, L.SPECIAL})
_SIMPLE_CONTENT = _SIMPLE_TEXT | {L.NEWLINE, L.TAG, L.STMT_MENTION, L.ARG_MENTION, L.LINK}
_RANGE_ENDS = {
    L.A_BOLD_START: L.A_BOLD_END,
    L.U_BOLD_START: L.U_BOLD_END,
    L.A_ITALIC_START: L.A_ITALIC_END,
    L.U_ITALIC_START: L.U_ITALIC_END,
}
_SIMPLE_CONTENT_START = _SIMPLE_CONTENT | set(_RANGE_ENDS)
_RELATION_NAMES = {
    L.IN_SUPPORT: "incomingSupport",
    L.IN_ATTACK: "incomingAttack",
    L.OUT_SUPPORT: "outgoingSupport",
    L.OUT_ATTACK: "outgoingAttack",
    L.CONTRADICTION: "contradiction",
    L.IN_UNDERCUT: "incomingUndercut",
    L.OUT_UNDERCUT: "outgoingUndercut",
}


class _NotSimple(Exception):
    pass


class _Direct(_Builder):
    def run(self, tokens: list) -> Doc:
        self.toks = tokens
        self.kinds = [t[0] for t in tokens]
        self.kinds.append(L.EOF)
        self.i = 0
        self.depth = 0
        kinds = self.kinds
        if kinds[0] == L.NEWLINE:
            self.i += 1
        if kinds[self.i] == L.EMPTYLINE:
            self.i += 1
        while True:
            self.statement_rule(top=True)
            k = kinds[self.i]
            if k == L.EMPTYLINE:
                self.i += 1
                continue
            if k == L.EOF:
                return self.doc
            raise _NotSimple

    def statement_rule(self, top: bool) -> Statement:
        kinds = self.kinds
        toks = self.toks
        k = kinds[self.i]
        st = Statement("top-level-statement" if top else ("relation-statement" if self.relation is not None else None), 0)
        self.statement = st
        self.relation_parent = st
        if k == L.STMT_REF:
            m = _STMT_REF.match(toks[self.i][1])
            st.title = m.group(1) if m else None
            st.is_reference = True
            self.i += 1
            while kinds[self.i] == L.TAG:
                # the tag listener's target is the statement
                self.token(toks[self.i], None, 0)
                self.i += 1
            if kinds[self.i] == L.NEWLINE:
                self.i += 1
        else:
            if k == L.STMT_DEF:
                m = _STMT_DEF.match(toks[self.i][1])
                if m:
                    st.title = m.group(1)
                self.i += 1
            if kinds[self.i] not in _SIMPLE_CONTENT_START:
                raise _NotSimple
            self.content(st)
        if kinds[self.i] == L.INDENT:
            self.relations_rule()
        # statement exit
        if st.buf is not None:
            self.finish_text(st)
        if not st.title:
            st.title = self.unique_title()
        ec = self.ec(st.title)
        if st.tags:
            if not ec.tags:
                ec.tags = []
            for t in st.tags:
                if t not in ec.tags:
                    ec.tags.append(t)
        ec.members.append(st)
        self.statement = None
        return st

    def content(self, st: Statement, depth: int = 0) -> None:
        """statementContent, and the bold and italic ranges in it."""
        kinds = self.kinds
        toks = self.toks
        i = self.i
        parts: list[str] = []
        while True:
            k = kinds[i]
            if k == L.FREESTYLE or k == L.CONTROL:
                parts.append(toks[i][1])
            elif k == L.NEWLINE:
                # a space, unless it is the content's last child
                if kinds[i + 1] in _SIMPLE_CONTENT_START:
                    if not (parts[-1].endswith(" ") if parts else self.ends_with_space(st)):
                        parts.append(" ")
            elif k == L.ESCAPED:
                parts.append(toks[i][1][1:])
            elif k == L.SPECIAL:
                image = toks[i][1]
                uni = SHORTCODES.get(image.strip())
                parts.append(image if uni is None else uni + (" " if image.endswith(" ") else ""))
            elif k in _RANGE_ENDS:
                if parts:
                    self.append_text(st, "".join(parts))
                    parts = []
                if depth >= MAX_NESTING:
                    raise _NotSimple
                self.i = i + 1
                if kinds[self.i] in _SIMPLE_CONTENT_START:
                    self.content(st, depth + 1)
                i = self.i
                if kinds[i] != _RANGE_ENDS[k]:
                    raise _NotSimple
                if toks[i][1].endswith(" "):
                    self.append_text(st, " ")
            elif k in _SIMPLE_CONTENT:
                # tags, mentions, links: flush the text, then the listener
                if parts:
                    self.append_text(st, "".join(parts))
                    parts = []
                self.token(toks[i], None, 0)
            else:
                break
            i += 1
        if parts:
            if st.text is None and st.buf is None:
                st.text = "".join(parts)
            else:
                self.append_text(st, "".join(parts))
        self.i = i

    def relations_rule(self) -> None:
        kinds = self.kinds
        self.i += 1  # Indent
        self.depth += 1
        if self.depth > MAX_NESTING or kinds[self.i] not in L.RELATIONS:
            raise _NotSimple
        self.parents.append(self.relation_member(self.relation_parent))
        doc = self.doc
        ends, targets, relations = doc.ends, doc.targets, doc.relations
        while kinds[self.i] in L.RELATIONS:
            kind = kinds[self.i]
            name = _RELATION_NAMES[kind]
            rtype, side = _RELATION_TYPES[name]
            top = self.parents[-1]
            self.seq += 1
            rel = Relation(rtype, self.seq)
            if side == "from":
                rel.src = top
            else:
                rel.dst = top
            self.relation = rel
            self.i += 1
            k = kinds[self.i]
            if not (k in _SIMPLE_CONTENT_START or k == L.STMT_DEF or k == L.STMT_REF):
                raise _NotSimple
            st = self.statement_rule(top=False)
            # relation exit
            target = self.statements[st.title]
            if rel.src is not None:
                rel.dst = target
            else:
                rel.src = target
            # (Doc.add_relation, inline: one call per relation adds up)
            src, dst = rel.src, rel.dst
            key = (src, dst, rtype)
            if not (key in ends or (src is dst and (dst, rtype) in targets) or (rtype == "contradictory" and (dst, src, rtype) in ends)):
                relations.append(rel)
                ends.add(key)
                targets.add((dst, rtype))
        if kinds[self.i] != L.DEDENT:
            raise _NotSimple
        self.i += 1
        self.depth -= 1
        self.relation = None
        self.parents.pop()


def build_direct(text: str, tokens: list) -> Doc | None:
    """The model of a plain document straight from its tokens, or None when
    the document needs the full parser."""
    if not tokens or not _SIMPLE_KINDS.issuperset({t[0] for t in tokens}):
        return None
    b = _Direct(text)
    try:
        doc = b.run(tokens)
    except (_NotSimple, IndexError):
        return None
    _transform(doc)
    doc.ends = doc.targets = None  # (the lookups are done: let them go)
    return doc
