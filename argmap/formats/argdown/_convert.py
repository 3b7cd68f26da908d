"""From Argdown's model (``_model.Doc``) to an :class:`~argmap.model.ArgumentMap`.

- An equivalence class is a claim whose id is its title; the first wording is
  the claim's text, the others are kept in ``data["argdown"]["wordings"]``.
- An argument with a premise-conclusion structure is one relation per
  inference step (the premises since the previous conclusion, and that
  conclusion, support the next conclusion); the main inference's id is the
  argument's title and its ``data["argdown"]`` keeps the title, the
  description and the inference rules.
- An argument without one is a claim with id ``<Title>``.
- Relations map onto kinds; an undercut targets the inference relation.
"""

from __future__ import annotations

import re
from typing import Any

from argmap.errors import ParseError, ValidationError
from argmap.formats.argdown._model import Argument, Doc, EquivalenceClass, Inference, Statement
from argmap.formats.argdown._model import Relation as ArgdownRelation
from argmap.formats.argdown._sourced import locate_claim_quote, read_source, split_data
from argmap.model import ArgumentMap, Claim, Kind, Quote, Relation, Source, _new_claim, _new_relation

__all__ = ["to_map"]

_KINDS = {
    "support": Kind.SUPPORT,
    "attack": Kind.ATTACK,
    "undercut": Kind.ATTACK,
    "entails": Kind.ENTAILS,
    "contrary": Kind.CONTRARY,
    "contradictory": Kind.CONTRADICTORY,
}
_KIND_MARKS = frozenset({"support", "attack", "entails", "contrary", "contradictory"})
_NUMBERED = re.compile(r"r\d+")


def _seq(x: ArgdownRelation) -> int:
    return x.seq


def _clean(title: str) -> str:
    return " ".join(title.replace("\t", " ").split(" ")).strip() if "\t" in title else title.strip()


class _Ids:
    def __init__(self) -> None:
        self.taken: set[str] = set()
        # the last number tried for a base: many titles with one base (which
        # a few spaces and tabs make) must not each count up from 1
        self.tried: dict[str, int] = {}

    def claim(self, title: str) -> str:
        base = _clean(title) or "Untitled"
        ident = base
        if ident in self.taken:
            n = self.tried.get(base, 1)
            while ident in self.taken:
                n += 1
                ident = f"{base} ({n})"
            self.tried[base] = n
        self.taken.add(ident)
        return ident


def _texts(members: list[Statement]) -> list[str]:
    return [m.text for m in members if m.text is not None and m.text.strip()]


def _data_pos(members: list[Statement], default: int) -> int:
    """Where the data of a statement or argument is given (for errors)."""
    for m in members:
        if m.data is not None and ("quote" in m.data or "score" in m.data):
            return m.pos
    return members[0].pos if members else default


def to_map(doc: Doc, text: str, *, base_dir: str | None = None) -> ArgumentMap:
    """The map of *doc* (read from *text*); a front matter ``source:`` path
    is read relative to *base_dir* (the current directory when None)."""
    source: Source | None = None
    fm = doc.front_matter
    if fm is not None and "source" in fm:
        source = read_source(fm["source"], text, base_dir)
    ids = _Ids()
    node_id: dict[int, str] = {}  # id(EC or unreconstructed Argument) -> claim id
    items: list[tuple[int, Any]] = [(0, ec) for ec in doc.statements.values()]
    claim_args = [(arg.seq, arg) for arg in doc.arguments.values() if not arg.pcs]
    if claim_args:  # interleave, by creation
        items = [(x.seq, x) for _, x in items] + claim_args
        items.sort(key=lambda t: t[0])
    claims: list[Claim] = []
    taken = ids.taken
    for _, x in items:
        title = x.title
        if type(x) is EquivalenceClass:
            members = x.members
            # The common case: a new, clean title and one member with text.
            if (
                len(members) == 1
                and title not in taken
                and not x.tags
                and x.data is None
                and x.section is None
                and title == title.strip()
                and "\t" not in title
            ):
                body = members[0].text
                if body is not None and body.strip():
                    taken.add(title)
                    node_id[id(x)] = title
                    claims.append(_new_claim(title, body))
                    continue
            cid = ids.claim(title)
            texts = _texts(members)
            extra: dict[str, Any] = {}
        else:
            cid = ids.claim(f"<{_clean(x.title)}>")
            texts = _texts(x.members)
            extra = {"argument": True}
        node_id[id(x)] = cid
        if cid != x.title and not (isinstance(x, Argument) and cid == f"<{x.title}>"):
            extra["title"] = x.title
        if texts:
            body = texts[0]
            if len(texts) > 1:
                extra["wordings"] = texts[1:]
        else:
            body = _clean(x.title) or cid
            extra["reference"] = True
        raw_quote, score, data = split_data(x.data)
        if data is not None:
            extra["data"] = data
        if x.section is not None:
            extra["section"] = x.section
        quote: Quote | None = None
        what = f"{'argument' if isinstance(x, Argument) else 'statement'} {x.title!r}"
        if raw_quote is not None:
            quote = locate_claim_quote(raw_quote, source, text, _data_pos(x.members, 0), what)
        if score is not None and not 0 <= score <= 1:
            msg = f"{what}: score {score} is outside [0, 1] (a base score)"
            raise ParseError(msg, doc=text, pos=_data_pos(x.members, 0), show_line=True)
        if extra or x.tags or quote is not None or score is not None:
            claims.append(
                Claim(
                    cid,
                    body,
                    quote=quote,
                    tags=tuple(x.tags),
                    data={"argdown": extra} if extra else None,
                    base_score=score,
                )
            )
        else:
            claims.append(_new_claim(cid, body))

    # Inference relations, and the relations between nodes, by document order.
    rel_items: list[tuple[int, Any]] = []
    inf_id: dict[int, str] = {}
    main_inf: dict[int, str] = {}  # id(Argument) -> relation id of its main inference
    for arg in doc.arguments.values():
        if not arg.pcs:
            continue
        base = _clean(arg.title) or "Untitled"
        main = base if base not in ids.taken else f"<{base}>"
        main = ids.claim(main)
        last = 0
        for k, st in enumerate(arg.pcs):
            inf = st.inference
            if inf is None:
                continue
            rid = main if k == len(arg.pcs) - 1 else ids.claim(f"{main} ({k + 1})")
            inf_id[id(inf)] = rid
            if k == len(arg.pcs) - 1:
                main_inf[id(arg)] = rid
            rel_items.append((inf.seq, ("inference", arg, k, last, rid)))
            last = k
    dropped: list[list[str]] = []
    if rel_items:
        for rel in doc.relations:
            rel_items.append((rel.seq, ("relation", rel)))
        rel_items.sort(key=lambda t: t[0])
    else:  # no arguments: the relations by where they start (pre-order)
        rel_items = [(0, ("relation", rel)) for rel in sorted(doc.relations, key=_seq)]

    def endpoint(x: Any) -> str:
        if isinstance(x, Inference):
            return inf_id[id(x)]
        if isinstance(x, Argument) and x.pcs:
            return main_inf[id(x)]
        return node_id[id(x)]

    relations: list[Relation] = []
    pending: list[tuple[int, Any]] = []
    for _, item in rel_items:
        if item[0] == "inference":
            _, arg, k, start, rid = item
            pcs = arg.pcs
            target = node_id[id(doc.statements[pcs[k].title])]
            premises: list[str] = []
            seen = {target}  # (a set: an inference may have thousands of premises)
            for st in pcs[start:k]:
                pid = node_id[id(doc.statements[st.title])]
                if pid not in seen:
                    seen.add(pid)
                    premises.append(pid)
            inf = pcs[k].inference
            kind = Kind.SUPPORT
            rscore: Any = None
            info: dict[str, Any] = {} if rid == arg.title else {"argument": arg.title}
            if k != len(pcs) - 1:
                info["conclusion"] = k + 1
            else:
                descs = [m.text for m in arg.members if m.text is not None and m.text.strip()]
                if descs:
                    info["description"] = descs[0]
                    if len(descs) > 1:
                        info["descriptions"] = descs[1:]
                if arg.tags:
                    info["tags"] = list(arg.tags)
                if arg.data is not None:
                    rscore = arg.data.get("score")
                    if isinstance(rscore, bool) or not isinstance(rscore, (int, float)):
                        rscore = None
                        info["data"] = arg.data
                    else:  # {score: 0.7}: the relation's base score
                        if not 0 <= rscore <= 1:
                            msg = f"argument {arg.title!r}: score {rscore} is outside [0, 1] (a base score)"
                            raise ParseError(msg, doc=text, pos=_data_pos(arg.members, 0), show_line=True)
                        rest = {k: v for k, v in arg.data.items() if k != "score"}
                        if rest:
                            info["data"] = rest
                if arg.section is not None:
                    info["section"] = arg.section
            # The first inference rule is the scheme (``-- Argument from expert opinion --``).
            scheme = inf.rules[0] if inf.rules else None
            if len(inf.rules) > 1:
                info["rules"] = list(inf.rules[1:])
            if inf.data is not None:
                mark = inf.data.get("kind") if len(inf.data) == 1 else None
                if mark in _KIND_MARKS:
                    kind = Kind(mark)
                else:
                    info["inference_data"] = inf.data
            if not premises:
                dropped.append([arg.title, "has no premise besides its conclusion"])
                continue
            relations.append(
                Relation(
                    rid,
                    kind,
                    tuple(premises),
                    target,
                    scheme=scheme,
                    data={"argdown": info} if info else None,
                    base_score=rscore,
                )
            )
        else:
            pending.append((len(relations), item[1]))
            relations.append(None)  # type: ignore[arg-type]
    # Plain relations get positional ids r1, r2, ... (skipping taken ones).
    final: list[Relation] = []
    # Plain relations are numbered r1, r2, ... counting the arguments whose
    # titles are numbered so too (as MapBuilder numbers unnamed relations).
    plain = 0
    pend = dict(pending)
    for pos, r in enumerate(relations):
        if r is not None:
            final.append(r)
            if _NUMBERED.fullmatch(r.id):
                plain += 1
            continue
        rel = pend[pos]
        rs, rd = rel.src, rel.dst
        if type(rs) is EquivalenceClass and type(rd) is EquivalenceClass and rel.type != "undercut":
            # the common case: between two statements
            src = node_id[id(rs)]
            dst = node_id[id(rd)]
            if src != dst or rel.type == "attack":  # a statement may attack itself
                plain += 1
                rid = f"r{plain}"
                if rid in taken:
                    while rid in taken:
                        rid += "'"
                taken.add(rid)
                final.append(_new_relation(rid, _KINDS[rel.type], (src,), dst))
                continue
        src = endpoint(rs)
        dst = endpoint(rd)
        if src == dst:
            dropped.append([src, f"{rel.type}s itself"])
            continue
        plain += 1
        rid = f"r{plain}"
        while rid in ids.taken:
            rid += "'"
        ids.taken.add(rid)
        data = None
        target_is_relation = isinstance(rel.dst, Inference) or (isinstance(rel.dst, Argument) and rel.dst.pcs)
        if rel.type == "undercut" and not target_is_relation:
            data = {"argdown": {"relation": "undercut"}}
        elif rel.type == "attack" and target_is_relation:
            data = {"argdown": {"relation": "attack"}}
        if data is None:
            final.append(_new_relation(rid, _KINDS[rel.type], (src,), dst))
        else:
            final.append(Relation(rid, _KINDS[rel.type], (src,), dst, data=data))
    mdata: dict[str, Any] = {}
    title = None
    if fm is not None:
        fm = {k: v for k, v in fm.items() if k != "source"}
        # A title (a non-empty string) is the map's; the rest stays data.
        if isinstance(fm.get("title"), str) and fm["title"]:
            title = fm["title"]
            fm = {k: v for k, v in fm.items() if k != "title"}
        if fm:
            mdata["front_matter"] = fm
    if doc.mode != "loose":
        mdata["mode"] = doc.mode
    if doc.sections:
        mdata["sections"] = doc.sections
    if dropped:
        mdata["dropped"] = dropped
    try:
        return ArgumentMap(claims, final, title=title, source=source, data={"argdown": mdata} if mdata else None)
    except ValidationError as e:
        raise ParseError(f"the document is not a valid argument map: {e}", doc=text, pos=0) from None
