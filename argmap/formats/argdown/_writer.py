"""Writing a map as Argdown.

The document has three parts:

1. Front matter with the map's title (and any front matter read from Argdown).
2. The relations, in the map's order.  A single-premise relation whose id is
   its position (``r1``, ``r2``, ...) goes into an indentation tree under its
   target (``+``, ``-``, ``><``); consecutive relations share a tree while
   their targets lie on the tree's last branch.  Any other relation (linked
   premises, another id, a kind that Argdown only writes in strict mode, a
   relation that is itself the target of an undercut) is an argument titled
   with the relation's id and a premise-conclusion structure; a kind other
   than support is noted in the inference's data (``-- {kind: attack} --``).
   Undercuts and backings sit under their target argument (``<r3>``, then
   ``<_ [c4]`` or ``+ [c4]``).
3. Claims that no relation mentions, and extra wordings of a claim.

A claim is defined (``[id]: text``) where it first appears, and referenced
(``[id]``) after that, so reading the document back creates the claims in
the same order; when that order would differ from the map's, every claim is
defined up front instead.  Text is escaped so that it reads back unchanged.
"""

from __future__ import annotations

import re
import warnings
from typing import Any

from argmap.errors import LossyConversionWarning, ParseError
from argmap.formats.argdown import _yaml
from argmap.formats.argdown._escape import _TAG, escape, escape_all
from argmap.formats.argdown._hints import hints, unusable
from argmap.formats.argdown._sourced import claim_extras, source_front_matter
from argmap.model import ArgumentMap, Claim, Kind, Relation

__all__ = ["escape", "escape_all", "write"]  # the escaping is _escape.py's

_TITLE_OK = re.compile(r"[^\]\r\n\u2028\u2029]+")
_ARG_TITLE_OK = re.compile(r"[^<>\r\n\u2028\u2029]+")
_TREE_SYMBOL = {Kind.SUPPORT: "+", Kind.ATTACK: "-", Kind.ENTAILS: "+", Kind.CONTRARY: "-"}

#: How deep an indentation tree may grow: a relation whose premise would go
#: deeper starts a new tree under its target's title, so that the output
#: stays linear in the map's size (indentation grows with depth) and within
#: the reader's nesting limit.
MAX_TREE_DEPTH = 30


_NUMBERED = re.compile(r"r\d+")
_SLOT = re.compile("\x00(\\d+)\x00")


def _suffix_in(part: list[str], whole: list[str]) -> int:
    """How long the longest end of *part* is that is a subsequence of
    *whole* (matching from the ends, each as late as it can be)."""
    j = len(whole) - 1
    t = 0
    for x in reversed(part):
        while j >= 0 and whole[j] != x:
            j -= 1
        if j < 0:
            break
        t += 1
        j -= 1
    return t


def info_sections(m: ArgumentMap) -> Any:
    return _info(m).get("sections")


def _info(x: Any) -> dict[str, Any]:
    return hints(x)


class _Writer:
    def __init__(self, m: ArgumentMap, source_path: str | None = None):
        self.m = m
        self.source_path = source_path
        self.lossy: list[str] = []
        self.titles: dict[str, str] = {}  # claim id -> statement or argument title
        self.is_arg: set[str] = set()
        self.defined: set[str] = set()
        self.slots: list[tuple[str, int]] = []  # mentions: (claim id, indentation)
        fm = _info(m).get("front_matter")
        model = fm.get("model") if isinstance(fm, dict) else None
        # (strict mode is written only as the front matter that asks for it)
        self.strict = _info(m).get("mode") == "strict" and isinstance(model, dict) and model.get("mode") == "strict"
        self.depth = 0  # indentation of the line being written, for data blocks
        self.run_ends: dict[int, int] = {}  # for pcs_group
        used: set[str] = set()
        for c in m.claims:
            info = _info(c)
            if info.get("argument"):
                self.is_arg.add(c.id)
                t = c.id[1:-1] if c.id.startswith("<") and c.id.endswith(">") and len(c.id) > 2 else c.id
                t = self._arg_title(t, f"claim {c.id!r}", used)
            else:
                t = c.id
                if not _TITLE_OK.fullmatch(t) or t.startswith("-"):
                    t2 = t.replace("]", ")").lstrip("-").strip() or "untitled"
                    self.lossy.append(f"claim id {t!r} cannot be an Argdown title; written as {t2!r}")
                    t = t2
                while t in used:
                    t += "'"
            used.add(t)
            self.titles[c.id] = t
        self.arg_titles_used = {self.titles[i] for i in self.is_arg}

    def _arg_title(self, t: str, what: str, used: set[str]) -> str:
        if not _ARG_TITLE_OK.fullmatch(t) or t.startswith(("-", "+", "_")):
            # "<+", "<-" and "<_" at the start of a line are relations
            t2 = t.replace("<", "(").replace(">", ")").lstrip("-+_").strip() or "untitled"
            self.lossy.append(f"{what} cannot be an Argdown argument title; written as {t2!r}")
            t = t2
        return t

    # ---- pieces -------------------------------------------------------------

    def ref(self, cid: str) -> str:
        t = self.titles[cid]
        return f"<{t}>" if cid in self.is_arg else f"[{t}]"

    def mention(self, cid: str) -> str:
        """A placeholder for the claim, filled in by :meth:`place_definitions`
        with its definition the first time and a reference after that."""
        self.slots.append((cid, self.depth))
        return f"\x00{len(self.slots) - 1}\x00"

    def place_definitions(self, paragraphs: list[str]) -> list[str]:
        """Fill in the mentions.  Reading creates a claim where it first
        appears, so a paragraph may define a claim inline only if that keeps
        the map's order; the claims that must come first are defined in
        paragraphs of their own just before it."""
        claims = [c.id for c in self.m.claims]
        index = {c: i for i, c in enumerate(claims)}
        defined = self.defined
        out: list[str] = []
        next_idx = 0

        def fill(match: re.Match[str]) -> str:
            cid, depth = self.slots[int(match.group(1))]
            if cid in defined:
                return self.ref(cid)
            defined.add(cid)
            return self.definition(cid, depth)

        for para in paragraphs:
            seq: list[str] = []
            in_seq: set[str] = set()
            for match in _SLOT.finditer(para):
                cid = self.slots[int(match.group(1))][0]
                if cid not in defined and cid not in in_seq:
                    seq.append(cid)
                    in_seq.add(cid)
            if seq:
                hi = max(index[c] for c in seq)
                need = [c for c in claims[next_idx : hi + 1] if c not in defined]
                t = _suffix_in(need, seq)
                # A claim with a data block is defined in a paragraph of its
                # own: followed by relations, the line break after the block
                # would add a space to its text.
                plain = 0
                while plain < t and not self.has_data(need[len(need) - 1 - plain]):
                    plain += 1
                t = plain
                for c in need[: len(need) - t]:
                    out.append(self.definition(c, 0))
                    defined.add(c)
            out.append(_SLOT.sub(fill, para))
            while next_idx < len(claims) and claims[next_idx] in defined:
                next_idx += 1
        for c in claims:
            if c not in defined:
                out.append(self.definition(c, 0))
                defined.add(c)
        return out

    def definition(self, cid: str, depth: int = 0) -> str:
        c = self.m.claim(cid)
        info = _info(c)
        if info.get("reference"):
            out = self.ref(cid) + self.tag_suffix(c, "")
            data = self.data_block(self.claim_data(c, info), f"claim {cid!r}")
            return out + " " + data if data else out
        out = f"{self.ref(cid)}: {self.text(c, c.text)}"
        data = self.data_block(self.claim_data(c, info), f"claim {cid!r}")
        if data:
            out += "\n" + "  " * depth + "  " + data
        if info.get("section") is not None:
            self.lossy.append("sections (headings) are not written")
        return out

    def has_data(self, cid: str) -> bool:
        node = self.m[cid]
        if isinstance(node, Claim) and (node.quote is not None or node.base_score is not None):
            return True
        return _info(node).get("data") is not None

    def text_blocks(self, data: Any, what: str) -> Any:
        """*data*, or the mapping that data blocks kept as text (as argmap
        kept them before it read YAML) make."""
        if isinstance(data, list) and data and all(isinstance(d, str) for d in data):
            merged: dict[str, Any] = {}
            for d in data:
                try:
                    merged = _yaml.merge(merged, _yaml.data_block(d, d, 0) or {})
                except ParseError:
                    self.lossy.append(f"{what} data block {d!r} is not a YAML mapping; it is not written")
            return merged
        return data

    def claim_data(self, c: Claim, info: dict[str, Any]) -> Any:
        """Claim *c*'s data block: its Argdown data, its quote and its score."""
        data = info.get("data")
        extras = claim_extras(c, self.m.source)
        if not extras:
            return data
        data = self.text_blocks(data, f"claim {c.id!r}")
        if data is not None and not isinstance(data, dict):
            self.lossy.append(f"claim {c.id!r} data is not a mapping; it is not written")
            data = None
        for k in extras:
            if data is not None and k in data:
                self.lossy.append(f"claim {c.id!r}: data {k!r} is written as the claim's {k}")
        return {**(data or {}), **extras}

    def data_block(self, data: Any, what: str) -> str | None:
        """*data* (a mapping, as the reader makes it) as a flow-style YAML
        block, or None."""
        if data is None:
            return None
        data = self.text_blocks(data, what)
        if not isinstance(data, dict):
            self.lossy.append(f"{what} data is not a mapping; it is not written")
            return None
        notes: list[str] = []
        out = _yaml.flow(data, notes)
        self.lossy.extend(f"{what}: {n}" for n in notes)
        return out

    def text(self, c: Claim, text: str) -> str:
        if "\n" in text:
            self.lossy.append(f"claim {c.id!r}: line breaks in the text become spaces")
            text = text.replace("\n", " ")
        suffix = self.tag_suffix(c, text)
        return escape(text, keep=frozenset(c.tags), after=suffix) + suffix

    def tag_suffix(self, c: Claim, text: str) -> str:
        present = {m.group(1) or m.group(2) for m in _TAG.finditer(text)}
        missing = [t for t in c.tags if t not in present]
        out = []
        for t in missing:
            if ")" in t or "\n" in t:
                self.lossy.append(f"claim {c.id!r}: tag {t!r} cannot be written")
                continue
            self.lossy.append(f"claim {c.id!r}: tag {t!r} is written into the text")
            out.append(f" #({t})")
        return "".join(out)

    # ---- the document -------------------------------------------------------

    def write(self) -> str:
        m = self.m
        paragraphs: list[str] = []
        info = _info(m)
        fm = info.get("front_matter")
        if fm is not None and not isinstance(fm, dict):
            self.lossy.append("the front matter is not a mapping; it is not written")
            fm = None
        lines = [] if m.title is None else [f"title: {_yaml.string(m.title)}"]
        if m.source is not None:
            lines.append(f"source: {_yaml.flow(source_front_matter(m.source, self.source_path))}")
        for k, v in (fm or {}).items():
            if k == "source":
                self.lossy.append("the front matter's 'source' is not written: it would name the map's source")
                continue
            if k != "title" or m.title is None:
                notes: list[str] = []
                lines.append(f"{_yaml.flow({k: v}, notes)[1:-1]}")
                self.lossy.extend(f"the front matter: {n}" for n in notes)
        if lines:
            paragraphs.append("===\n" + "\n".join(lines) + "\n===")
        self.check_lossy()
        plan = self.plan()
        paragraphs.extend(self.place_definitions(self.render(plan)))
        for c in m.claims:
            ci = _info(c)
            for w in ci.get("wordings", []):
                paragraphs.append(f"{self.ref(c.id)}: {self.text(c, w)}")
        if self.lossy:
            msg = "Argdown cannot hold all of this map: " + "; ".join(dict.fromkeys(self.lossy))
            warnings.warn(msg, LossyConversionWarning, stacklevel=4)
        return "\n\n".join(paragraphs) + "\n"

    def check_lossy(self) -> None:
        m = self.m
        if not m.claims:
            self.lossy.append("a map without claims has no Argdown form (Argdown needs one statement)")
        if info_sections(m):
            self.lossy.append("sections (headings) are not written")
        if any(k != "argdown" for k in m.data):
            self.lossy.append("the map's data is not written")
        self.lossy.extend(f"the map's {u} is not written" for u in unusable(m))
        for c in m.claims:
            if any(k != "argdown" for k in c.data):
                self.lossy.append(f"claim {c.id!r}: data is not written")
            self.lossy.extend(f"claim {c.id!r}: {u} is not written" for u in unusable(c))
        for r in m.relations:
            if r.scheme is None and _info(r).get("rules"):
                self.lossy.append(f"relation {r.id!r}: its first inference rule reads back as its scheme")
            if r.scheme is not None and (r.scheme != r.scheme.strip() or "\n" in r.scheme or not r.scheme):
                self.lossy.append(
                    f"relation {r.id!r}: the scheme {r.scheme!r} reads back without its spaces and line breaks"
                )
            if any(k != "argdown" for k in r.data):
                self.lossy.append(f"relation {r.id!r}: data is not written")
            self.lossy.extend(f"relation {r.id!r}: {u} is not written" for u in unusable(r))

    def plan(self) -> list[tuple[str, Relation]]:
        """Each relation with its form: 'tree', 'under' (under its target
        argument), 'inverse' (an undercut of a claim) or 'pcs'."""
        m = self.m
        targeted = {r.target for r in m.relations if r.target not in self.titles}
        seen: set[tuple[str, str, str]] = set()
        plan = []
        plain = 0  # what the reader numbers: r1, r2, ... among relations not written as arguments
        for r in m.relations:
            info = _info(r)
            positional = r.id == f"r{plain + 1}"
            single = len(r.premises) == 1
            on_claim = r.target in self.titles
            form = "pcs"
            plain_relation = r.scheme is None and r.base_score is None
            if positional and single and plain_relation and r.id not in targeted and not set(info) - {"relation"}:
                p = r.premises[0]
                if on_claim:
                    if info.get("relation") == "undercut" and r.kind is Kind.ATTACK:
                        form = "inverse"
                        key = (p, "undercut", r.target)
                    elif r.kind is Kind.CONTRADICTORY:
                        # "><" points from the parent to the child: the premise
                        # heads its own paragraph.
                        key = (p, "contradictory", r.target)
                        if not (p in self.is_arg or r.target in self.is_arg or (r.target, "contradictory", p) in seen):
                            form = "inverse"
                    elif r.kind in _TREE_SYMBOL:
                        # In strict mode "+" and "-" between two statements
                        # are entailment and contrariness; otherwise support
                        # and attack (and always so for an argument).
                        statements = p not in self.is_arg and r.target not in self.is_arg
                        strict_kind = r.kind in (Kind.ENTAILS, Kind.CONTRARY)
                        if strict_kind == (self.strict and statements):
                            form = "tree"
                            if r.kind is Kind.CONTRARY:
                                key = (min(p, r.target), "contrary", max(p, r.target))
                            else:
                                key = (p, _TREE_SYMBOL[r.kind], r.target)
                    if form != "pcs":
                        if key in seen:
                            form = "pcs"
                        else:
                            seen.add(key)
                elif r.kind in (Kind.SUPPORT, Kind.ATTACK):
                    form = "under"
                    key = (p, f"{r.kind.value} {info.get('relation')}", r.target)
                    if key in seen:
                        self.lossy.append(
                            f"relation {r.id!r} repeats an earlier relation on a relation; Argdown merges them"
                        )
                    seen.add(key)
            if form == "pcs" and not on_claim:
                if r.id in targeted:
                    why = "is itself the target of a relation, which Argdown cannot write"
                elif not single:
                    why = "links several premises; they are written as separate relations"
                elif r.kind not in (Kind.SUPPORT, Kind.ATTACK):
                    why = f"is a {r.kind.value} relation; it is written as an undercut"
                else:
                    why = "does not have its position as its id (r1, r2, ...); Argdown gives it one"
                self.lossy.append(f"relation {r.id!r} bears on a relation and {why}")
                form = "under"
                if not plain_relation:
                    self.lossy.append(f"relation {r.id!r}: its scheme and base score are not written under a relation")
            if form != "pcs" or _NUMBERED.fullmatch(r.id):
                plain += 1
            plan.append((form, r))
        return plan

    def relation_title(self, rid: str) -> str:
        t = self._arg_title(rid, f"relation id {rid!r}", set())
        while t in self.arg_titles_used:
            self.lossy.append(f"relation id {rid!r} is also an argument's title; written as {t + chr(39)!r}")
            t += "'"
        return t

    def render(self, plan: list[tuple[str, Relation]]) -> list[str]:
        out: list[str] = []
        lines: list[str] = []
        stack: list[str] = []  # the tree's last branch, from its root
        on_stack: dict[str, int] = {}  # claim id -> its first place in stack
        rel_titles = {r.id: self.relation_title(_pcs_title(r)) for form, r in plan if form == "pcs"}

        def flush() -> None:
            if lines:
                out.append("\n".join(lines))
                lines.clear()
            stack.clear()
            on_stack.clear()

        def push(cid: str) -> None:
            on_stack.setdefault(cid, len(stack))
            stack.append(cid)

        skip: set[str] = set()
        for j, (form, r) in enumerate(plan):
            if r.id in skip:
                continue
            if form == "pcs" and "conclusion" in _info(r):
                group = self.pcs_group(plan, j)
                if group:
                    flush()
                    skip.update(g.id for g in group)
                    out.extend(self.pcs_steps(group, rel_titles[group[-1].id]))
                    continue
                self.lossy.append(
                    f"relation {r.id!r}: a step of argument {_info(r).get('argument')!r} is written as an argument of its own"
                )
            if form == "tree":
                t, p = r.target, r.premises[0]
                at = on_stack.get(t)
                if at is not None and at < MAX_TREE_DEPTH:
                    for x in stack[at + 1 :]:
                        if on_stack[x] > at:
                            del on_stack[x]
                    del stack[at + 1 :]
                else:
                    # a new tree, under a target off the last branch or too
                    # deep in it (continued from its title at the top)
                    flush()
                    push(t)
                    lines.append(self.mention(t))
                depth = len(stack)
                self.depth = depth
                lines.append(f"{'  ' * depth}{_TREE_SYMBOL[r.kind]} {self.mention(p)}")
                self.depth = 0
                push(p)
                continue
            flush()
            info = _info(r)
            if form == "inverse":
                symbol = "><" if r.kind is Kind.CONTRADICTORY else "_>"
                out.append(f"{self.mention(r.premises[0])}\n  {symbol} {self.mention(r.target)}")
            elif form == "under":
                target = rel_titles.get(r.target) or self.relation_title(r.target)
                symbol = "<_"
                if r.kind is Kind.SUPPORT:
                    symbol = "+"
                elif info.get("relation") == "attack":
                    symbol = "-"
                body = [f"<{target}>"] + [f"  {symbol} {self.mention(p)}" for p in r.premises]
                out.append("\n".join(body))
            else:
                out.extend(self.pcs(r, rel_titles[r.id], info))
        flush()
        return out

    def pcs_group(self, plan: list[tuple[str, Relation]], j: int) -> list[Relation] | None:
        """The steps of one multi-step argument, starting at plan[j], if they
        are consecutive and chained as the reader makes them."""
        first = plan[j][1]
        title = _info(first).get("argument")
        # The steps run to the first relation that is not a step of this
        # argument; a step after j in the run ends there too, so the end is
        # found once per run (many steps that never end would make it
        # quadratic otherwise).
        end = self.run_ends.get(j)
        if end is None:
            end = j
            while end < len(plan) and plan[end][0] == "pcs":
                info = _info(plan[end][1])
                if "conclusion" not in info or info.get("argument") != title:
                    break
                end += 1
            for k in range(j, end):
                self.run_ends[k] = end
        if end >= len(plan) or plan[end][0] != "pcs" or "conclusion" in _info(plan[end][1]):
            return None
        last = plan[end][1]
        if _pcs_title(last) != title and last.id != title:
            return None
        group = [r for _, r in plan[j : end + 1]]
        main = group[-1]
        n = 0
        for i, r in enumerate(group):
            new = r.premises if i == 0 else r.premises[1:]
            if i > 0 and r.premises[0] != group[i - 1].target:
                return None
            n += len(new) + 1
            if r is not main and (r.id != f"{main.id} ({n})" or _info(r).get("conclusion") != n):
                return None
        return group

    def pcs_steps(self, group: list[Relation], title: str) -> list[str]:
        main_info = _info(group[-1])
        lines: list[str] = []
        n = 0
        for i, r in enumerate(group):
            new = r.premises if i == 0 else r.premises[1:]
            for p in new:
                n += 1
                lines.append(f"({n}) {self.mention(p)}")
            lines.append(self.inference_line(r, _info(r)))
            n += 1
            lines.append(f"({n}) {self.mention(r.target)}")
        for r in group[:-1]:
            if r.base_score is not None:
                self.lossy.append(f"relation {r.id!r}: the base score of a step before the last is not written")
        return ["\n\n".join(self.argument_head(title, main_info, group[-1]) + ["\n".join(lines)])]

    def pcs(self, r: Relation, title: str, info: dict[str, Any]) -> list[str]:
        lines = [f"({i}) {self.mention(p)}" for i, p in enumerate(r.premises, 1)]
        lines.append(self.inference_line(r, info))
        lines.append(f"({len(r.premises) + 1}) {self.mention(r.target)}")
        return ["\n\n".join(self.argument_head(title, info, r) + ["\n".join(lines)])]

    def argument_head(self, title: str, info: dict[str, Any], r: Relation) -> list[str]:
        head = f"<{title}>"
        tags = frozenset(info.get("tags") or ())
        desc = info.get("description")
        raw = info.get("data")
        if r.base_score is not None:  # {score: 0.7}: the argument's base score
            raw = self.text_blocks(raw, f"argument {title!r}")
            if raw is not None and not isinstance(raw, dict):
                self.lossy.append(f"argument {title!r} data is not a mapping; it is not written")
                raw = None
            if raw is not None and "score" in raw:
                self.lossy.append(f"argument {title!r}: data 'score' is written as the relation's base score")
            raw = {**(raw or {}), "score": r.base_score}
        if isinstance(desc, str) and desc.strip():
            head += ": " + escape(desc.replace("\n", " "), keep=tags)
            data = self.data_block(raw, f"argument {title!r}")
            if data:
                head += "\n  " + data
        elif raw is not None:
            data = self.data_block(raw, f"argument {title!r}")
            if data:
                head += " " + data
        out = [head]
        for d in info.get("descriptions") or []:
            out.append(f"<{title}>: " + escape(d.replace("\n", " "), keep=tags))
        if info.get("section") is not None:
            self.lossy.append("sections (headings) are not written")
        return out

    def inference_line(self, r: Relation, info: dict[str, Any]) -> str:
        # the scheme is the first inference rule (``-- Argument from expert opinion --``)
        rules = ([r.scheme.replace("\n", " ")] if r.scheme else []) + list(info.get("rules") or [])
        inner = ", ".join(escape_all(str(x)) for x in rules if str(x).strip())
        data = self.data_block(info.get("inference_data"), f"relation {r.id!r}: the inference's")
        if r.kind is not Kind.SUPPORT:
            if data:
                self.lossy.append(f"relation {r.id!r}: the inference's data is not written")
            data = f"{{kind: {r.kind.value}}}"
        elif data and data.startswith("{kind: ") and data[7:-1].strip('"') in {k.value for k in Kind}:
            self.lossy.append(f"relation {r.id!r}: the inference's data {data} reads back as the relation's kind")
        if data:
            inner = (inner + " " if inner else "") + data
        return f"-- {inner} --" if inner else "----"


def _pcs_title(r: Relation) -> str:
    """The argument title that reads back as *r*'s id."""
    t = _info(r).get("argument")
    if isinstance(t, str) and r.id in (t.strip(), f"<{t.strip()}>"):
        return t
    return r.id


def write(m: ArgumentMap, *, source_path: str | None = None) -> str:
    return _Writer(m, source_path).write()
