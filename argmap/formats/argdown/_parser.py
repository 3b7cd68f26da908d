"""The Argdown parser: tokens to a syntax tree, following the grammar of
@argdown/core 1.7.5 (``parser.js``), one function per rule.

A node is a :class:`Node` with a rule name and its children (nodes and
token tuples).  The rules recurse only as deep as the indentation nests;
deeper than :data:`MAX_NESTING` levels is a ParseError, never a
RecursionError.  The first syntax error is raised, located at its token.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NoReturn, TypeAlias

from argmap.errors import ParseError
from argmap.formats.argdown import _tokens as L
from argmap.formats.argdown._tokens import Token

if TYPE_CHECKING:
    from argmap.formats.argdown._model import Argument, Inference, Relation, Statement

__all__ = ["MAX_NESTING", "Child", "Node", "Text", "parse"]

#: How many levels of relations may nest (the reference has no limit, but
#: Python's stack has one).
MAX_NESTING = 150

_TEXT = frozenset({L.FREESTYLE, L.CONTROL, L.ESCAPED, L.SPECIAL})
_CONTENT = frozenset(
    {
        L.FREESTYLE,
        L.CONTROL,
        L.ESCAPED,
        L.SPECIAL,
        L.LINK,
        L.A_BOLD_START,
        L.U_BOLD_START,
        L.A_ITALIC_START,
        L.U_ITALIC_START,
        L.TAG,
        L.ARG_MENTION,
        L.STMT_MENTION,
        L.NEWLINE,
    }
)
_STATEMENT_START = _CONTENT | {L.STMT_REF, L.STMT_DEF}
_ENDS = {
    L.A_BOLD_START: L.A_BOLD_END,
    L.U_BOLD_START: L.U_BOLD_END,
    L.A_ITALIC_START: L.A_ITALIC_END,
    L.U_ITALIC_START: L.U_ITALIC_END,
}
_RELATION_RULES = {
    L.IN_SUPPORT: "incomingSupport",
    L.IN_ATTACK: "incomingAttack",
    L.OUT_SUPPORT: "outgoingSupport",
    L.OUT_ATTACK: "outgoingAttack",
    L.CONTRADICTION: "contradiction",
    L.IN_UNDERCUT: "incomingUndercut",
    L.OUT_UNDERCUT: "outgoingUndercut",
}

# The messages say what is wrong in the words of the document (never the
# names of tokens or grammar rules) and, where there is one, how to fix it.
_ARG_IN_STATEMENT = (
    "an argument (<Title>) cannot be a premise or conclusion, or the target of a "
    "contradiction (><): use a statement ([Title] or [Title]: text) here"
)
_RELATION_START = (
    "this relation belongs to no statement or argument: put it on the lines under one, "
    "indented further than that line and no further than the relations before it"
)
_PARAGRAPH_START = (
    "a paragraph cannot start with a relation: remove the empty line above it to attach "
    "it to the statement or argument there"
)
_RELATION_SYMBOLS = "+, -, <+, <-, +>, ->, ><, <_ or _>"


class Node:
    """A rule's node in the syntax tree; listeners hang their results on it."""

    __slots__ = ("argument", "children", "data", "flat", "inference", "name", "pos", "relation", "statement", "text")

    def __init__(self, name: str, children: list[Child], pos: int):
        self.name = name
        self.children = children
        self.pos = pos
        self.statement: Statement | None = None
        self.argument: Argument | None = None
        self.relation: Relation | None = None
        self.data: dict[str, Any] | None = None
        self.inference: Inference | None = None
        self.text: str | None = None
        self.flat = False


class Text(list[Token]):
    """A run of text tokens (the rule ``freestyleText``): a list of tokens,
    lighter than a Node, since documents hold one for every line."""

    __slots__ = ("text",)
    name = "freestyleText"

    text: str


#: What a node holds: nodes, runs of text and tokens.
Child: TypeAlias = "Node | Text | Token"


class _Parser:
    def __init__(self, text: str, tokens: list[Token]):
        self.text = text
        self.toks = tokens
        self.kinds = [t[0] for t in tokens] + [L.EOF]
        self.i = 0
        self.depth = 0

    # ---- helpers ---------------------------------------------------------

    def peek(self, k: int = 0) -> int:
        return self.kinds[self.i + k] if self.i + k < len(self.kinds) else L.EOF

    def pos(self) -> int:
        return self.toks[self.i][2] if self.i < len(self.toks) else len(self.text)

    def take(self) -> Token:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def expect(self, kind: int, msg: str) -> Token:
        """The next token, which must be of *kind*; else a ParseError saying
        *msg*, with ``{found}`` in it replaced by what was found (worked out
        only then: :meth:`found` looks ahead)."""
        if self.kinds[self.i] != kind:
            self.fail(msg.replace("{found}", self.found()))
        return self.take()

    def found(self) -> str:
        """What the next token is, in the words of the document."""
        i = self.i
        if i >= len(self.toks):
            return "the end of the document"
        kind, image = self.toks[i][:2]
        if kind == L.DEDENT:
            if all(t[0] == L.DEDENT for t in self.toks[i:]):
                return "the end of the document"
            return "a line indented less"
        if kind == L.INDENT:
            return "an indented line"
        if kind == L.NEWLINE:
            return "the end of the line"
        if kind == L.EMPTYLINE:
            return "an empty line"
        return repr(image.strip(" \t\r\n'") or image)

    def fail(self, msg: str, pos: int | None = None) -> NoReturn:
        if pos is None:
            pos = self.pos()
            i = self.i
            if i >= len(self.toks) or (self.toks[i][0] == L.DEDENT and all(t[0] == L.DEDENT for t in self.toks[i:])):
                # At the end, the reference names the last token it read.
                i = min(i, len(self.toks)) - 1
                while i >= 0 and self.toks[i][0] in (L.INDENT, L.DEDENT):
                    i -= 1
                if i >= 0:
                    pos = self.toks[i][2]
        raise ParseError(msg, doc=self.text, pos=pos, show_line=True)

    # ---- rules -----------------------------------------------------------

    def argdown(self) -> Node:
        """argdown: Newline? Emptyline? (FrontMatter Newline? Emptyline)? block (Emptyline block)* EOF"""
        children: list[Child] = []
        if self.peek() == L.NEWLINE:
            self.take()
        if self.peek() == L.EMPTYLINE:
            self.take()
        if self.peek() == L.FRONT_MATTER:
            children.append(self.take())
            if self.peek() == L.NEWLINE:
                self.take()
            children.append(
                self.expect(L.EMPTYLINE, "the front matter (=== ... ===) must be followed by an empty line")
            )
        children.append(self.block(first=True))
        while self.peek() == L.EMPTYLINE:
            self.take()
            children.append(self.block())
        if self.peek() != L.EOF:
            if self.peek() in L.RELATIONS:
                if not self.toks[self.i][1][:1].isspace():
                    self.fail(f"{self.found()} must be indented under the statement or argument it belongs to")
                self.fail(
                    f"{self.found()} is indented to a depth that no line above it in this paragraph has: line it up "
                    "with the other relations of the statement it belongs to, or put it further right than that statement"
                )
            self.fail(f"{self.found()} cannot continue the paragraph here: start a new paragraph after an empty line")
        return Node("argdown", children, 0)

    def block(self, first: bool = False) -> Node:
        k = self.peek()
        if k == L.HEADING:
            return self.heading()
        if k == L.STMT_NUMBER:
            return self.pcs()
        if k == L.ARG_DEF or k == L.ARG_REF:
            return self.argument()
        if k in _STATEMENT_START:
            return self.statement("argdown")
        if k == L.INDENT:
            k2 = self.peek(1)
            if k2 == L.OL_ITEM:
                return self.list_(L.OL_ITEM, "orderedList", "orderedListItem")
            if k2 == L.UL_ITEM:
                return self.list_(L.UL_ITEM, "unorderedList", "unorderedListItem")
            if k2 in L.RELATIONS and not first:
                self.fail(_PARAGRAPH_START)
        if k in L.RELATIONS or (k == L.INDENT and self.peek(1) in L.RELATIONS):
            self.fail(_RELATION_START)
        self.fail(f"expected a heading, statement, argument, list or premise-conclusion structure, not {self.found()}")
        raise AssertionError  # pragma: no cover

    def heading(self) -> Node:
        """heading: HeadingStart statementContent (Newline? Data Newline?)?"""
        pos = self.pos()
        children: list[Child] = [self.take()]
        children.append(self.statement_content())
        if self.peek() == L.DATA or (self.peek() == L.NEWLINE and self.peek(1) == L.DATA):
            if self.peek() == L.NEWLINE:
                children.append(self.take())
            children.append(self.take())
            if self.peek() == L.NEWLINE:
                children.append(self.take())
        return Node("heading", children, pos)

    def pcs(self) -> Node:
        """pcs: pcsStatement pcsTail+ ; pcsTail: pcsStatement* inference pcsStatement"""
        pos = self.pos()
        children: list[Child] = [self.pcs_statement()]
        tails = 0
        while self.peek() in (L.STMT_NUMBER, L.INF_START) or tails == 0:
            tpos = self.pos()
            tail: list[Child] = []
            while self.peek() == L.STMT_NUMBER:
                tail.append(self.pcs_statement())
            if self.peek() != L.INF_START:
                self.fail(
                    "a premise-conclusion structure needs an inference line (---- or -- rule --) "
                    "between its premises and its conclusion"
                )
            tail.append(self.inference())
            if self.peek() != L.STMT_NUMBER:
                self.fail(
                    f"an inference line needs a numbered conclusion after it, such as '(2) It follows.', not {self.found()}"
                )
            tail.append(self.pcs_statement())
            children.append(Node("pcsTail", tail, tpos))
            tails += 1
        return Node("pcs", children, pos)

    def pcs_statement(self) -> Node:
        pos = self.pos()
        number = self.take()
        return Node("pcsStatement", [number, self.statement("pcsStatement")], pos)

    def inference(self) -> Node:
        """inference: InferenceStart (Newline? inferenceRules)? Newline? (Data Newline?)? InferenceEnd Newline inferenceRelations?"""
        pos = self.pos()
        children: list[Child] = [self.take()]
        if self.peek() in _TEXT or (self.peek() == L.NEWLINE and self.peek(1) in _TEXT):
            if self.peek() == L.NEWLINE:
                children.append(self.take())
            rules: list[Child] = [self.freestyle_text()]
            while self.peek() == L.LIST_DELIM:
                self.take()
                if self.peek() not in _TEXT:
                    self.fail(f"expected an inference rule after ',', not {self.found()}")
                rules.append(self.freestyle_text())
            children.append(Node("inferenceRules", rules, pos))
        if self.peek() == L.NEWLINE:
            children.append(self.take())
        if self.peek() == L.DATA:
            children.append(self.take())
            if self.peek() == L.NEWLINE:
                children.append(self.take())
        children.append(
            self.expect(L.INF_END, "an inference line that starts with '--' must end with '--', not {found}")
        )
        children.append(self.expect(L.NEWLINE, "an inference line must end after its closing '--', not with {found}"))
        if self.peek() == L.INDENT:
            rpos = self.pos()
            self.take()
            rels: list[Child] = []
            if self.peek() != L.OUT_UNDERCUT:
                self.fail(f"only undercuts ('<_' or '_') may be indented under an inference line, not {self.found()}")
            while self.peek() == L.OUT_UNDERCUT:
                rels.append(self.relation())
            self.expect(L.DEDENT, "only undercuts ('<_' or '_') may be indented under an inference line, not {found}")
            children.append(Node("relations", rels, rpos))
        return Node("inference", children, pos)

    def list_(self, item_kind: int, name: str, item_name: str) -> Node:
        pos = self.pos()
        self.take()  # Indent
        items: list[Child] = []
        while self.peek() == item_kind:
            ipos = self.pos()
            tok = self.take()
            k = self.peek()
            content = self.argument() if k in (L.ARG_DEF, L.ARG_REF) else self.statement(item_name)
            items.append(Node(item_name, [tok, content], ipos))
        self.expect(
            L.DEDENT, "a list item must be followed by another item of the list or by an empty line, not {found}"
        )
        return Node(name, items, pos)

    def argument(self) -> Node:
        """argument: (ArgumentDefinition statementContent | ArgumentReference Tag* Newline?) (Data Newline?)? relations?"""
        pos = self.pos()
        children: list[Child] = []
        if self.peek() == L.ARG_DEF:
            children.append(self.take())
            if self.peek() not in _CONTENT:
                self.fail(f"an argument title with ':' needs the argument's text after it, not {self.found()}")
            children.append(self.statement_content())
        else:
            children.append(self.take())
            while self.peek() == L.TAG:
                children.append(self.take())
            if self.peek() == L.NEWLINE:
                children.append(self.take())
        self._tail(children)
        return Node("argument", children, pos)

    def statement(self, parent: str, rel: Token | None = None) -> Node:
        """statement: (statementContent | StatementReference Tag* Newline? | StatementDefinition statementContent) (Data Newline?)? relations?"""
        pos = self.pos()
        k = self.peek()
        children: list[Child] = []
        if k == L.STMT_REF:
            children.append(self.take())
            while self.peek() == L.TAG:
                children.append(self.take())
            if self.peek() == L.NEWLINE:
                children.append(self.take())
        elif k == L.STMT_DEF:
            dpos = self.pos()
            tok = self.take()
            if self.peek() not in _CONTENT:
                self.fail(f"a statement title with ':' needs the statement's text after it, not {self.found()}")
            children.append(Node("statementDefinition", [tok, self.statement_content()], dpos))
        elif k in _CONTENT:
            children.append(self.statement_content())
        elif k in (L.ARG_DEF, L.ARG_REF):
            self.fail(_ARG_IN_STATEMENT)
        elif rel is not None:
            symbol = rel[1].strip(" \t'")
            what = "a statement" if rel[0] == L.CONTRADICTION else "a statement or argument"
            self.fail(f"'{symbol}' needs {what} after it, not {self.found()}", rel[2] + rel[1].index(symbol))
        else:
            self.fail(f"expected a statement, not {self.found()}")
        self._tail(children)
        node = Node("statement", children, pos)
        node.text = parent  # the parent rule's name, for the statement's role
        return node

    def _tail(self, children: list[Child]) -> None:
        if self.peek() == L.DATA:
            children.append(self.take())
            if self.peek() == L.NEWLINE:
                children.append(self.take())
        if self.peek() == L.INDENT:
            children.append(self.relations())

    def relations(self) -> Node:
        pos = self.pos()
        self.take()  # Indent
        self.depth += 1
        if self.depth > MAX_NESTING:
            self.fail(f"relations nest more than {MAX_NESTING} levels deep", pos)
        if self.peek() not in L.RELATIONS:
            self.fail(
                f"an indented line under a statement or argument must start with a relation ({_RELATION_SYMBOLS}), not {self.found()}"
            )
        rels: list[Child] = []
        while self.peek() in L.RELATIONS:
            rels.append(self.relation())
        self.expect(
            L.DEDENT,
            "expected another relation (" + _RELATION_SYMBOLS + ") or the end of the indented lines, not {found}",
        )
        self.depth -= 1
        return Node("relations", rels, pos)

    def relation(self) -> Node:
        pos = self.pos()
        tok = self.take()
        k = self.peek()
        if tok[0] != L.CONTRADICTION and (k == L.ARG_DEF or k == L.ARG_REF):
            content = self.argument()
        else:
            content = self.statement("relation", tok)
        return Node(_RELATION_RULES[tok[0]], [tok, content], pos)

    def statement_content(self) -> Node:
        """statementContent: (freestyleText | Link | bold | italic | Tag | ArgumentMention | StatementMention | Newline)+"""
        pos = self.pos()
        children: list[Child] = []
        kinds = self.kinds
        flat = True
        while True:
            k = kinds[self.i]
            if k in _TEXT:
                children.append(self.freestyle_text())
            elif k in _ENDS:
                children.append(self.range_(k))
                flat = False
            elif k in _CONTENT:
                children.append(self.take())
            else:
                break
        node = Node("statementContent", children, pos)
        node.flat = flat  # no bold or italic ranges: the walk need not descend
        return node

    def range_(self, start: int) -> Node:
        pos = self.pos()
        mark = self.take()
        children: list[Child] = [mark]
        if self.peek() in _CONTENT:
            self.depth += 1
            if self.depth > MAX_NESTING:
                self.fail(f"bold and italic ranges nest more than {MAX_NESTING} levels deep", pos)
            children.append(self.statement_content())
            self.depth -= 1
        name = "bold" if start in (L.A_BOLD_START, L.U_BOLD_START) else "italic"
        if self.peek() != _ENDS[start]:
            m = mark[1].strip()
            escaped = "".join("\\" + c for c in m)
            itself = "the characters themselves" if len(m) > 1 else "the character itself"
            self.fail(
                f"'{m}' starts {name} text that does not end: close it with '{m}', or write {escaped} for {itself}"
            )
        children.append(self.take())
        return Node(name, children, pos)

    def freestyle_text(self) -> Text:
        start = self.i
        kinds = self.kinds
        i = start
        while kinds[i] in _TEXT:
            i += 1
        self.i = i
        return Text(self.toks[start:i])


def parse(text: str, tokens: list[Token]) -> Node:
    """The syntax tree of *tokens* (from :func:`~._lexer.tokenize`)."""
    if not tokens:
        raise ParseError("an Argdown document needs at least one statement, argument or heading", doc=text, pos=0)
    return _Parser(text, tokens).argdown()
