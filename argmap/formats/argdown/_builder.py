"""The builder of Argdown's model (:class:`~._model.Doc`) from the syntax
tree, as @argdown/core 1.7.5's ``ModelPlugin`` builds it.

The walk over the tree is iterative, and the listeners below are named and
ordered as the reference's, because the details (when an untitled statement
gets its ``Untitled N`` title, which relations are merged) decide what the
reference's JSON says.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any, NoReturn, TypeAlias

from argmap.errors import ParseError
from argmap.formats.argdown import _tokens as L
from argmap.formats.argdown import _yaml
from argmap.formats.argdown._model import (
    Argument,
    Doc,
    EquivalenceClass,
    Inference,
    Member,
    Relation,
    Statement,
    add_new,
    transform,
)
from argmap.formats.argdown._parser import Child, Node, Text
from argmap.formats.argdown._shortcodes import SHORTCODES
from argmap.formats.argdown._tokens import Token

__all__ = ["Builder", "build"]

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


#: A listener on a rule's node: (node, its parent, its index in the parent).
_RuleListener: TypeAlias = Callable[[Node, Node | None, int | None], None]
#: A listener on a token: (token, the node it is in, its index there).
_TokenListener: TypeAlias = Callable[[Token, Node | None, int], None]
#: The children of a node the walk is done with (never appended to).
_DONE: list[Child] = []


class _Heading:
    """A heading while it is read: its text grows as a statement's does."""

    __slots__ = ("buf", "pos", "tag_set", "tags", "text")

    def __init__(self, pos: int) -> None:
        self.text: str | None = ""
        self.buf: list[str] | None = None
        self.tags: list[str] | None = None
        self.tag_set: set[str] | None = None
        self.pos = pos


class Builder:
    """The listeners that build the model, as the reference's ModelPlugin has them."""

    def __init__(self, text: str, max_yaml_expansion: int = _yaml.MAX_YAML_EXPANSION):
        self.text = text
        self.max_yaml_expansion = max_yaml_expansion
        self.doc = Doc()
        self.statements = self.doc.statements
        self.untitled = 0
        self.seq = 0
        self.statement: Statement | None = None
        self.heading: _Heading | None = None
        self.relation_parent: Statement | Member | None = None
        self.argument: Argument | None = None
        self.pcs_argument: Argument | None = None
        self.inference: Inference | None = None
        self.parents: list[Member] = []
        self.relation: Relation | None = None
        self.section: dict[str, Any] | None = None

    def fail(self, msg: str, node: Node) -> NoReturn:
        raise ParseError(msg, doc=self.text, pos=node.pos, show_line=True)

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

    def relation_member(self, parent: Statement | Member | None) -> Member:
        if isinstance(parent, Statement):
            if not parent.title:
                parent.title = self.unique_title()
            if parent.role == "argument-description":
                return self.get_argument(parent.title)
            return self.ec(parent.title)
        assert parent is not None  # (enter_relations checks)
        return parent

    # ---- the walk ----------------------------------------------------------

    def walk(self, root: Node) -> Doc:
        # Entry and exit listeners by rule name, token listeners by kind.
        enter: dict[str, _RuleListener] = {
            "statement": self.enter_statement,
            "heading": self.enter_heading,
            "argument": self.enter_argument,
            "pcs": self.enter_pcs,
            "inference": self.enter_inference,
            "relations": self.enter_relations,
        }
        for name in _RELATION_TYPES:
            enter[name] = self.enter_relation
        exit_: dict[str, _RuleListener] = {
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
        tokens: dict[int, _TokenListener] = {
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
        stack: list[tuple[Node, Node | None, int | None, Iterator[tuple[int, Child]]]] = []
        node: Node = root
        parent: Node | None = None
        index: int | None = None
        it: Iterator[tuple[int, Child]] = enumerate(root.children)
        while True:
            for i, child in it:
                # The children are dispatched on their exact types, which is
                # cheaper here than isinstance but narrows nothing for mypy:
                # hence the typed names below.
                tc = type(child)
                if tc is tuple:
                    tok: Token = child  # type: ignore[assignment]  # (a tuple child is a token)
                    tf = get_token(tok[0])
                    if tf is not None:
                        tf(tok, node, i)
                    continue
                if tc is Text:
                    enter_freestyle(child, node, i)  # type: ignore[arg-type]  # (exactly a Text)
                    continue
                sub: Node = child  # type: ignore[assignment]  # (neither token nor text: a node)
                if sub.flat:
                    # statement content without ranges: its children are
                    # tokens and texts, handled here without a stack frame
                    for j, c in enumerate(sub.children):
                        if type(c) is tuple:
                            tf = get_token(c[0])
                            if tf is not None:
                                tf(c, sub, j)
                        else:
                            enter_freestyle(c, sub, j)  # type: ignore[arg-type]  # (not a token: a Text)
                    sub.children = _DONE  # done: free its tokens now
                else:
                    f = get_enter(sub.name)
                    if f is not None:
                        f(sub, node, i)
                    stack.append((node, parent, index, it))
                    node, parent, index, it = sub, node, i, enumerate(sub.children)
                    break
            else:
                f = get_exit(node.name)
                if f is not None:
                    f(node, parent, index)
                # Done with this subtree: let its tokens and nodes go, so the
                # tree shrinks while the model grows.
                node.children = _DONE
                if not stack:
                    break
                node, parent, index, it = stack.pop()
        return self.doc

    # ---- tokens -----------------------------------------------------------

    def target(self) -> Statement | _Heading | None:
        return self.heading if self.heading is not None else self.statement

    # A statement's (or heading's) text grows a piece at a time: the pieces
    # are collected in a list and joined once, when the statement ends.

    def append_text(self, target: Statement | _Heading, s: str) -> None:
        if not s:
            return
        if target.buf is not None:
            target.buf.append(s)
        elif not target.text:
            target.text = s  # (most statements are one piece)
        else:
            target.buf = [s]

    def ends_with_space(self, target: Statement | _Heading) -> bool:
        buf = target.buf
        if buf:
            return buf[-1].endswith(" ")
        return (target.text or "").endswith(" ")

    @staticmethod
    def finish_text(st: Statement | _Heading) -> None:
        if st.buf is not None:
            st.text = (st.text or "") + "".join(st.buf)
            st.buf = None

    def newline(self, tok: Token, parent: Node | None, index: int) -> None:
        if parent is not None and index != len(parent.children) - 1:
            target = self.heading if self.heading is not None else self.statement
            if target is not None and not self.ends_with_space(target):
                self.append_text(target, " ")

    def token(self, tok: Token, parent: Node | None, index: int) -> None:
        kind, image = tok[0], tok[1]
        st = self.statement
        if kind == L.NEWLINE:
            self.newline(tok, parent, index)
        elif kind == L.STMT_DEF:
            m = _STMT_DEF.match(image)
            if m and st is not None and parent is not None:
                st.title = m.group(1)
                parent.statement = st
        elif kind == L.STMT_REF:
            m = _STMT_REF.match(image)
            if m and st is not None and parent is not None:
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
                if target.tags is None:
                    target.tags = []
                if target.tag_set is None:
                    target.tag_set = set(target.tags)
                add_new(target.tags, target.tag_set, [tag])
                add_new(self.doc.tags, self.doc.tag_set, [tag])
        elif kind == L.DATA and parent is not None:
            parent.data = _yaml.data_block(self.text, image, tok[2], self.max_yaml_expansion)
        elif kind == L.FRONT_MATTER:
            fm = self.doc.front_matter = _yaml.front_matter(self.text, image, tok[2], self.max_yaml_expansion)
            # The reference merges the front matter into its settings:
            # ``model: {mode: strict}`` is the model plugin's mode.
            model = fm.get("model") if fm else None
            if isinstance(model, dict) and model.get("mode") == "strict":
                self.doc.mode = "strict"

    # ---- rules ------------------------------------------------------------

    def enter_freestyle(self, node: Text, parent: Node | None, index: int | None) -> None:
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
        self.heading = _Heading(node.pos)

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
        if parent is not None and index:
            prev = parent.children[index - 1]
            if isinstance(prev, Node) and prev.name == "argument":
                argument = prev.argument
        if argument is None:
            argument = self.get_argument(None)
        if self.section is not None:
            argument.section = self.section["title"]
        if argument.pcs:
            self.fail(
                f"argument <{argument.title}> already has a premise-conclusion structure: an argument has one",
                node,
            )
        node.argument = argument
        self.pcs_argument = argument

    def exit_pcs(self, node: Node, parent: Node | None, index: int | None) -> None:
        arg = node.argument
        assert arg is not None  # (enter_pcs set it)
        if not arg.pcs or arg.pcs[-1].role != "intermediary-conclusion":
            self.fail(
                "a premise-conclusion structure must end with its conclusion: a numbered statement after an inference line (----)",
                node,
            )
        arg.pcs[-1].role = "main-conclusion"
        self.statement = None
        self.argument = None
        self.pcs_argument = None

    def exit_inference(self, node: Node, parent: Node | None, index: int | None) -> None:
        assert node.inference is not None  # (enter_inference set it)
        node.inference.data = node.data

    def exit_inference_rules(self, node: Node, parent: Node | None, index: int | None) -> None:
        if self.inference is not None:
            self.inference.rules.extend((c.text or "").strip() for c in node.children if isinstance(c, Text))

    def exit_relations(self, node: Node, parent: Node | None, index: int | None) -> None:
        self.relation = None
        self.parents.pop()

    def exit_range(self, node: Node, parent: Node | None, index: int | None) -> None:
        target = self.target()
        end = node.children[-1]
        if target is not None and type(end) is tuple and end[1].endswith(" "):
            self.append_text(target, " ")

    def exit_statement(self, node: Node, parent: Node | None = None, index: int | None = None) -> None:
        st = node.statement
        assert st is not None  # (enter_statement set it)
        self.finish_text(st)
        st.data = node.data
        if not st.title:
            st.title = self.unique_title()
        ec = self.ec(st.title)
        node.argument = None
        if st.tags:
            ec.add_tags(st.tags)
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
        assert desc is not None  # (enter_argument set it)
        self.finish_text(desc)
        desc.data = node.data
        if not desc.title:
            desc.title = self.unique_title()
        arg = self.get_argument(desc.title)
        node.argument = arg
        if desc.tags:
            add_new(arg.tags, arg.tag_set, desc.tags)
        if desc.data is not None:
            arg.data = _yaml.merge(arg.data, desc.data, in_place=True)
        if arg.section is None and not desc.is_reference and desc.section is not None:
            arg.section = desc.section
        arg.members.append(desc)
        self.statement = None
        self.argument = None

    def exit_heading(self, node: Node, parent: Node | None = None, index: int | None = None) -> None:
        h = self.heading
        assert h is not None  # (enter_heading made it)
        start = node.children[0]
        assert type(start) is tuple
        level = len(start[1]) - 1
        title = ((h.text or "") + "".join(h.buf or ())).strip()
        section: dict[str, Any] = {
            "id": f"s{len(self.doc.sections) + 1}",
            "level": level,
            "title": title,
            "parent": None,
        }
        if h.tags:
            section["tags"] = h.tags
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
        content = node.children[1]
        assert arg is not None and isinstance(content, Node) and content.statement is not None  # (as parsed)
        st = content.statement
        self.ec(st.title)
        st.role = "premise"
        st.argument_title = arg.title
        if parent is not None and index:
            prev = parent.children[index - 1]
            if isinstance(prev, Node) and prev.name == "inference" and prev.inference is not None:
                st.role = "intermediary-conclusion"
                st.inference = prev.inference
                prev.inference.conclusion_index = len(arg.pcs)
                prev.inference.argument_title = arg.title
        arg.pcs.append(st)

    def exit_relation(self, node: Node, parent: Node | None = None, index: int | None = None) -> None:
        rel = node.relation
        content = node.children[1]
        assert rel is not None and isinstance(content, Node)  # (as parsed)
        target: Member
        if content.name == "argument":
            assert content.argument is not None  # (exit_argument set it)
            target = content.argument
        else:
            assert content.statement is not None  # (exit_statement set it)
            target = self.ec(content.statement.title)
        if rel.src is not None:
            rel.dst = target
        else:
            rel.src = target
        self.doc.add_relation(rel)


def build(text: str, tree: Node, max_yaml_expansion: int = _yaml.MAX_YAML_EXPANSION) -> Doc:
    """The reference's model of the document *tree* (parsed from *text*)."""
    b = Builder(text, max_yaml_expansion)
    doc = b.walk(tree)
    for s in doc.sections:
        s.pop("_parent", None)
    transform(doc)
    doc.release()
    return doc
