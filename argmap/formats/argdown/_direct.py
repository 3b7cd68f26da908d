"""The direct path for plain documents: Argdown's model straight from the
tokens, without a syntax tree.

Most large documents are statements and relations only: no arguments,
premise-conclusion structures, headings, lists, ranges or data.  For those
the tokens go straight into the model, with the same listeners in the same
order as the walk over the syntax tree (:class:`~._builder.Builder`), but
without building the tree (a third of the time and half the memory).
Anything else, or anything unexpected, returns None and the full path runs
(and reports errors).
"""

from __future__ import annotations

from typing import Any

from argmap.formats.argdown import _tokens as L
from argmap.formats.argdown._builder import _RELATION_TYPES, _STMT_DEF, _STMT_REF, Builder
from argmap.formats.argdown._model import Doc, EquivalenceClass, Member, Relation, Statement, transform
from argmap.formats.argdown._parser import MAX_NESTING
from argmap.formats.argdown._shortcodes import SHORTCODES
from argmap.formats.argdown._tokens import Line

__all__ = ["build_direct"]

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
        L.LINE_REL,
        L.LINE_TEXT,
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
_SIMPLE_CONTENT_START = _SIMPLE_CONTENT | set(_RANGE_ENDS) | {L.LINE_TEXT}
_RELATION_STARTS = L.RELATIONS | {L.LINE_REL}
_RELATION_NAMES = {
    L.IN_SUPPORT: "incomingSupport",
    L.IN_ATTACK: "incomingAttack",
    L.OUT_SUPPORT: "outgoingSupport",
    L.OUT_ATTACK: "outgoingAttack",
    L.CONTRADICTION: "contradiction",
    L.IN_UNDERCUT: "incomingUndercut",
    L.OUT_UNDERCUT: "outgoingUndercut",
}

_KIND_TYPES = {kind: _RELATION_TYPES[name] for kind, name in _RELATION_NAMES.items()}
_SYMBOL_TYPES = {symbol: _KIND_TYPES[kind] for symbol, kind in L.SYMBOL_KINDS.items()}


def _text(content: str) -> str:
    """The text of a line's content (``_lexer._CONTENT``): what the reader
    makes of its tokens, which is the content without its bold marks (a
    bold end's space is the reader's space after the range)."""
    return content.replace("**", "") if "**" in content else content


class _NotSimple(Exception):
    pass


class _Direct(Builder):
    def run(self, tokens: list[Line], kinds: list[int]) -> Doc:
        self.toks = tokens
        self.kinds = kinds
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
        st = Statement(
            "top-level-statement" if top else ("relation-statement" if self.relation is not None else None), 0
        )
        self.statement = st
        self.relation_parent = st
        if k == L.STMT_REF:
            m = _STMT_REF.match(toks[self.i][1])
            st.title = m.group(1) if m else ""
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
        self.exit_statement_of(st)
        return st

    def exit_statement_of(self, st: Statement) -> None:
        if st.buf is not None:
            self.finish_text(st)
        if not st.title:
            st.title = self.unique_title()
        ec = self.ec(st.title)
        if st.tags:
            ec.add_tags(st.tags)
        ec.members.append(st)
        self.statement = None

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
            elif k == L.NEWLINE or k == L.LINE_TEXT:
                if k == L.LINE_TEXT:
                    # a line of text: Freestyle, Control (a full stop), Tag, Newline
                    m = toks[i][1]
                    parts.append(_text(m[1]))
                    if m[2] is not None:
                        parts.append(m[2])
                    if m[3] is not None:
                        self.append_text(st, "".join(parts))
                        parts = []
                        self.token((L.TAG, m[3], 0), None, 0)
                # a space, unless it is the content's last child
                if kinds[i + 1] in _SIMPLE_CONTENT_START and not (
                    parts[-1].endswith(" ") if parts else self.ends_with_space(st)
                ):
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
        toks = self.toks
        self.i += 1  # Indent
        self.depth += 1
        if self.depth > MAX_NESTING or kinds[self.i] not in _RELATION_STARTS:
            raise _NotSimple
        parents = self.parents
        parents.append(self.relation_member(self.relation_parent))
        doc = self.doc
        ends, targets, relations = doc.ends, doc.targets, doc.relations
        statements = self.statements
        while True:
            i = self.i
            kind = kinds[i]
            groups: tuple[Any, ...] | None = None
            if kind == L.LINE_REL:
                groups = toks[i][1].groups()
                rtype, side = _SYMBOL_TYPES[groups[1]]
            elif kind in L.RELATIONS:
                rtype, side = _KIND_TYPES[kind]
            else:
                break
            top = parents[-1]
            self.seq += 1
            rel = Relation(rtype, self.seq)
            self.i = i + 1
            after = kinds[i + 1]
            target: EquivalenceClass
            if groups is not None and after != L.INDENT and after not in _SIMPLE_CONTENT_START:
                # A relation line on its own (nothing under it, not
                # continued): its statement, as statement_rule makes it.
                st = Statement("relation-statement", 0)
                text, dot = _text(groups[3]), groups[4]
                st.text = text if dot is None else text + dot
                if groups[5] is not None:  # a tag
                    self.statement = st
                    self.token((L.TAG, groups[5], 0), None, 0)
                    self.finish_text(st)
                    self.statement = None
                title = groups[2]
                if title is None:
                    self.untitled += 1
                    title = f"Untitled {self.untitled}"
                else:
                    title = title[1:-2]  # (_STMT_DEF's group of "[Title]:")
                st.title = title
                ec = statements.get(title)
                if ec is None:
                    self.seq += 1
                    ec = statements[title] = EquivalenceClass(title, self.seq)
                if st.tags:
                    ec.add_tags(st.tags)
                ec.members.append(st)
                target = ec
            else:
                if side == "from":
                    rel.src = top
                else:
                    rel.dst = top
                self.relation = rel
                if groups is not None:
                    st = self.line_statement(groups)
                else:
                    k = kinds[self.i]
                    if not (k in _SIMPLE_CONTENT_START or k == L.STMT_DEF or k == L.STMT_REF):
                        raise _NotSimple
                    st = self.statement_rule(top=False)
                target = statements[st.title]
            # relation exit
            src: Member
            dst: Member
            if side == "from":
                rel.src = src = top
                rel.dst = dst = target
            else:
                rel.src = src = target
                rel.dst = dst = top
            # (Doc.add_relation, inline: one call per relation adds up)
            key = (src, dst, rtype)
            if not (
                key in ends
                or (src is dst and (dst, rtype) in targets)
                or (rtype == "contradictory" and (dst, src, rtype) in ends)
            ):
                relations.append(rel)
                ends.add(key)
                targets.add((dst, rtype))
        if kinds[self.i] != L.DEDENT:
            raise _NotSimple
        self.i += 1
        self.depth -= 1
        self.relation = None
        parents.pop()

    def line_statement(self, groups: tuple[Any, ...]) -> Statement:
        """The statement of a relation line (LINE_REL, its match's groups):
        what :meth:`statement_rule` makes of its tokens (Statement
        Definition, Freestyle, Control, Tag, Newline), and of the lines that
        continue it and the relations under it."""
        _, _, title, text, dot, tag, _ = groups
        st = Statement("relation-statement", 0)
        self.statement = st
        self.relation_parent = st
        if title is not None:
            st.title = title[1:-2]  # (_STMT_DEF's group of "[Title]:")
        text = _text(text)
        st.text = text if dot is None else text + dot
        if tag is not None:
            self.token((L.TAG, tag, 0), None, 0)
        kinds = self.kinds
        if kinds[self.i] in _SIMPLE_CONTENT_START:
            # the text goes on on the next line: the Newline is a space
            if not self.ends_with_space(st):
                self.append_text(st, " ")
            self.content(st)
        if kinds[self.i] == L.INDENT:
            self.relations_rule()
        self.exit_statement_of(st)
        return st


def build_direct(text: str, tokens: list[Line]) -> Doc | None:
    """The model of a plain document straight from its tokens, or None when
    the document needs the full parser."""
    kinds = [t[0] for t in tokens]
    if not tokens or not _SIMPLE_KINDS.issuperset(kinds):
        return None
    kinds.append(L.EOF)
    b = _Direct(text)
    try:
        doc = b.run(tokens, kinds)
    except (_NotSimple, IndexError):
        return None
    transform(doc)
    doc.release()
    return doc
