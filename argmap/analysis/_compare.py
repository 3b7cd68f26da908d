"""Comparing two maps of one text: alignment, precision and recall, kappa,
a CASS-style combined score and the semantic difference (see
:func:`compare`)."""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import Any

import attrs

from argmap.analysis._align import MAX_POSTING as MAX_POSTING
from argmap.analysis._align import SPAN_THRESHOLD as SPAN_THRESHOLD
from argmap.analysis._align import TEXT_THRESHOLD as TEXT_THRESHOLD
from argmap.analysis._align import Alignment as Alignment
from argmap.analysis._align import _align
from argmap.analysis._align import text_similarity as text_similarity
from argmap.errors import ArgmapError
from argmap.model import ArgumentMap, Relation

__all__ = [
    "MAX_POSTING",
    "SPAN_THRESHOLD",
    "TEXT_THRESHOLD",
    "Agreement",
    "Alignment",
    "Comparison",
    "Difference",
    "Scores",
    "ThesisStatus",
    "cohen_kappa",
    "compare",
    "compare_many",
    "prf",
    "text_similarity",
]


# --------------------------------------------------------------------------
# Metrics


@attrs.frozen
class Scores:
    """Precision, recall and F1 of a candidate against a reference, with the
    counts they come from: ``matched`` items, ``candidate`` and
    ``reference`` totals.

    0/0 convention: with nothing in the candidate, precision is 1.0 when the
    reference is empty too, else 0.0 (recall likewise); F1 is 0.0 when
    precision and recall are both 0.
    """

    precision: float
    recall: float
    f1: float
    matched: int
    candidate: int
    reference: int

    def to_dict(self) -> dict[str, float]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "matched": self.matched,
            "candidate": self.candidate,
            "reference": self.reference,
        }


def prf(matched: int, candidate: int, reference: int) -> Scores:
    """:class:`Scores` for *matched* items of *candidate* predicted and
    *reference* true ones.

    >>> prf(3, 4, 6)
    Scores(precision=0.75, recall=0.5, f1=0.6, matched=3, candidate=4, reference=6)
    >>> prf(0, 0, 0).f1, prf(0, 0, 2).precision
    (1.0, 0.0)
    """
    if not 0 <= matched <= min(candidate, reference):
        msg = f"matched={matched} must lie between 0 and min(candidate={candidate}, reference={reference})"
        raise ArgmapError(msg)
    p = matched / candidate if candidate else (1.0 if reference == 0 else 0.0)
    r = matched / reference if reference else (1.0 if candidate == 0 else 0.0)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return Scores(p, r, f, matched, candidate, reference)


def cohen_kappa(pairs: Iterable[tuple[Hashable, Hashable]]) -> float | None:
    """Cohen's kappa of two raters, from the ``(candidate label, reference
    label)`` of each item: ``(po - pe) / (1 - pe)``, with ``po`` the observed
    agreement and ``pe`` the agreement expected from each rater's label
    frequencies (Cohen 1960).

    Conventions: None when there are no items; 1.0 when ``pe`` is 1 (both
    raters used one and the same label for every item, and so agree).

    The worked example of Wikipedia's "Cohen's kappa" article: 50 proposals,
    both say yes to 20, both no to 15, A yes and B no to 5, A no and B yes
    to 10: po = 0.7, pe = 0.5, kappa = 0.4.

    >>> items = [("y", "y")] * 20 + [("n", "n")] * 15 + [("y", "n")] * 5 + [("n", "y")] * 10
    >>> round(cohen_kappa(items), 10)
    0.4
    >>> cohen_kappa([]) is None, cohen_kappa([("a", "a")] * 3)
    (True, 1.0)
    """
    n = 0
    agree = 0
    a: Counter[Hashable] = Counter()
    b: Counter[Hashable] = Counter()
    for x, y in pairs:
        n += 1
        agree += x == y
        a[x] += 1
        b[y] += 1
    if n == 0:
        return None
    po = agree / n
    pe = sum(a[k] * b.get(k, 0) for k in a) / (n * n)
    if pe >= 1.0:
        return 1.0
    return (po - pe) / (1 - pe)


# --------------------------------------------------------------------------
# Relations


class _Keys:
    """Relation keys shared by both maps: a relation is known by the set of
    its premises and its target, claims named by their reference id when
    aligned; an undercut's target is the key of the relation it targets.
    Keys are interned as small ints, so a long chain of undercuts never
    builds a deep tuple."""

    def __init__(self) -> None:
        self.intern: dict[Hashable, int] = {}

    def of(self, m: ArgumentMap, node: Mapping[str, Hashable], side: str) -> dict[str, int]:
        keys: dict[str, int] = {}
        relations = {r.id: r for r in m.relations}
        for r in m.relations:
            if r.id in keys:
                continue
            chain: list[Relation] = []
            on_chain: set[str] = set()
            cur: Relation | None = r
            while cur is not None and cur.id not in keys:
                if cur.id in on_chain:  # relations that target each other in a ring
                    keys[cur.id] = self._get(("ring", side, cur.id))
                    break
                chain.append(cur)
                on_chain.add(cur.id)
                cur = relations.get(cur.target)
            for rel in reversed(chain):
                if rel.id in keys:
                    continue
                t = rel.target
                target: Hashable = ("r", keys[t]) if t in relations else node[t]
                keys[rel.id] = self._get((frozenset(node[p] for p in rel.premises), target))
        return keys

    def _get(self, key: Hashable) -> int:
        k = self.intern.get(key)
        if k is None:
            k = self.intern[key] = len(self.intern)
        return k


def _match(cand: dict[Hashable, list[str]], ref: dict[Hashable, list[str]]) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for key, rids in ref.items():
        cids = cand.get(key, ())
        pairs.extend(zip(cids, rids))
    return pairs


# --------------------------------------------------------------------------
# The result


@attrs.frozen
class ThesisStatus:
    """A thesis of either map, with its status in each (None where the map
    has no claim aligned with it)."""

    candidate: str | None
    reference: str | None
    candidate_status: str | None
    reference_status: str | None

    def to_dict(self) -> dict[str, Any]:
        return attrs.asdict(self)


@attrs.frozen
class Difference:
    """An aligned claim whose status differs between the maps, and the
    relation that makes the difference: ``relation`` is its id in the map
    ``side`` (``"candidate"`` or ``"reference"``), ``why`` says what is
    wrong with it (``"only in the candidate"``, ``"only in the
    reference"``, ``"kind differs"``); all three are None when no unmatched
    relation leads to the claim."""

    candidate: str
    reference: str
    candidate_status: str
    reference_status: str
    relation: str | None
    side: str | None
    why: str | None

    def to_dict(self) -> dict[str, Any]:
        return attrs.asdict(self)


@attrs.frozen
class Comparison:
    """What :func:`compare` found; :meth:`to_dict` is the JSON form."""

    claims: Scores
    relations: Scores
    relations_labelled: Scores
    kappa: float | None
    cass: float
    cass_kappa: float
    aligned: tuple[Alignment, ...]
    candidate_only: tuple[str, ...]
    reference_only: tuple[str, ...]
    matched_relations: tuple[tuple[str, str], ...]
    candidate_only_relations: tuple[str, ...]
    reference_only_relations: tuple[str, ...]
    relabelled: tuple[tuple[str, str], ...]
    semantics: str | None
    theses: tuple[ThesisStatus, ...]
    differences: tuple[Difference, ...]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON data: ``claims``, ``relations``, ``relations_labelled``
        (each with ``precision``, ``recall``, ``f1`` and the counts),
        ``kappa``, ``cass``, ``cass_kappa``, ``aligned`` (``[candidate id,
        reference id]`` pairs), the unmatched claims and relations, and the
        semantic difference."""
        return {
            "claims": self.claims.to_dict(),
            "relations": self.relations.to_dict(),
            "relations_labelled": self.relations_labelled.to_dict(),
            "kappa": self.kappa,
            "cass": self.cass,
            "cass_kappa": self.cass_kappa,
            "aligned": [[a.candidate, a.reference] for a in self.aligned],
            "aligned_by": [a.by for a in self.aligned],
            "candidate_only": list(self.candidate_only),
            "reference_only": list(self.reference_only),
            "matched_relations": [list(p) for p in self.matched_relations],
            "candidate_only_relations": list(self.candidate_only_relations),
            "reference_only_relations": list(self.reference_only_relations),
            "relabelled": [list(p) for p in self.relabelled],
            "semantics": self.semantics,
            "theses": [t.to_dict() for t in self.theses],
            "differences": [d.to_dict() for d in self.differences],
        }

    def report(self) -> str:
        """A text table, like scikit-learn's ``classification_report``."""
        lines = [f"{'':<20}{'precision':>10}{'recall':>10}{'f1':>10}{'matched':>9}{'cand':>7}{'ref':>7}"]
        for name, s in (
            ("claims", self.claims),
            ("relations", self.relations),
            ("relations (kind)", self.relations_labelled),
        ):
            lines.append(
                f"{name:<20}{s.precision:>10.3f}{s.recall:>10.3f}{s.f1:>10.3f}{s.matched:>9}{s.candidate:>7}{s.reference:>7}"
            )
        kappa = "n/a" if self.kappa is None else f"{self.kappa:.3f}"
        lines.append("")
        lines.append(f"kappa (roles): {kappa}   CASS-F1: {self.cass:.3f}   CASS-kappa: {self.cass_kappa:.3f}")
        if self.semantics is not None:
            lines.append("")
            lines.append(f"theses under {self.semantics}:")
            for t in self.theses:
                lines.append(
                    f"  candidate {t.candidate or '-'}: {t.candidate_status or '-'}   "
                    f"reference {t.reference or '-'}: {t.reference_status or '-'}"
                )
            for d in self.differences:
                cause = f" ({d.why}: {d.relation})" if d.relation else ""
                lines.append(
                    f"  differs: {d.candidate}/{d.reference} is {d.candidate_status} in the candidate, "
                    f"{d.reference_status} in the reference{cause}"
                )
        return "\n".join(lines)


def compare(
    candidate: ArgumentMap,
    reference: ArgumentMap,
    *,
    semantics: str | None = "grounded",
    span_threshold: float = SPAN_THRESHOLD,
    text_threshold: float = TEXT_THRESHOLD,
    match_ids: bool = True,
) -> Comparison:
    """Compare *candidate* (a student's map, a system's output) with
    *reference* (the model answer, the gold standard): candidate first, as in
    scikit-learn's metrics.  See docs/research.md for every definition.

    **Alignment.**  Each candidate claim stands for at most one reference
    claim.  Pairs are taken best first, in three rounds: claims that both
    quote a located span of one text align when the spans overlap by at
    least *span_threshold* (intersection over union); claims that do not
    both have a span align when :func:`text_similarity` is at least
    *text_threshold*; and, when *match_ids*, the claims left over that have
    the same id align.

    **Scores.**  Claim P/R/F1 count aligned claims.  A relation matches when
    its premises and target (or, for an undercut, the relation it targets)
    are aligned: ``relations`` ignores the kind, ``relations_labelled`` needs
    the same :class:`~argmap.Kind`.  ``kappa`` is :func:`cohen_kappa` of the
    roles of the aligned claims (None when none align).  ``cass`` is the
    CASS-style combined score, the mean of a segmentation term (the claim
    F1) and a relation term (the labelled relation F1); ``cass_kappa``
    takes Cohen's kappa of the relations' kinds (``"none"`` where a map
    lacks the relation) for the relation term, 1.0 when neither map has a
    relation (Duthie, Lawrence, Budzynska and Reed 2016).

    **Semantic difference** (unless *semantics* is None): each map is
    evaluated (:func:`argmap.semantics.evaluate`), a claim's status being its
    label under a Dung semantics or its verdict (stands, contested, falls)
    under a gradual one.  ``theses`` gives each thesis's status in both
    maps; ``differences`` lists every aligned claim whose status differs,
    with the nearest unmatched relation that leads to it.

    >>> from argmap import MapBuilder
    >>> b = MapBuilder()
    >>> t = b.claim("Eat early", id="t")
    >>> _ = b.support(t, b.claim("The canteen closes at one", id="s"))
    >>> _ = b.attack(t, b.claim("The food is cold early", id="o"))
    >>> reference = b.build()
    >>> b = MapBuilder()
    >>> t = b.claim("We should go and eat early", id="x")
    >>> _ = b.support(t, b.claim("the canteen closes at one.", id="y"))
    >>> candidate = b.build()
    >>> c = compare(candidate, reference)
    >>> [(a.candidate, a.reference, a.by) for a in c.aligned]
    [('y', 's', 'text')]
    >>> round(c.claims.recall, 3), c.relations.recall
    (0.333, 0.0)
    >>> [(t.candidate, t.candidate_status, t.reference, t.reference_status) for t in c.theses]
    [(None, None, 't', 'out'), ('x', 'in', None, None)]
    """
    for name, m in (("candidate", candidate), ("reference", reference)):
        if not isinstance(m, ArgumentMap):
            msg = f"compare(): the {name} must be an ArgumentMap, not {type(m).__name__}"
            raise ArgmapError(msg)
    for name, v in (("span_threshold", span_threshold), ("text_threshold", text_threshold)):
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not 0 < v <= 1:
            msg = f"compare(): {name} must be a number in (0, 1], not {v!r}"
            raise ArgmapError(msg)
    aligned = _align(
        candidate, reference, span_threshold=span_threshold, text_threshold=text_threshold, match_ids=match_ids
    )
    to_ref = {a.candidate: a.reference for a in aligned}
    to_cand = {a.reference: a.candidate for a in aligned}
    claims = prf(len(aligned), len(candidate.claims), len(reference.claims))

    # Relations, by key.
    cnode: dict[str, Hashable] = {
        c.id: ("c", to_ref[c.id]) if c.id in to_ref else ("x", c.id) for c in candidate.claims
    }
    rnode: dict[str, Hashable] = {c.id: ("c", c.id) for c in reference.claims}
    keys = _Keys()
    rkeys = keys.of(reference, rnode, "reference")
    ckeys = keys.of(candidate, cnode, "candidate")
    cby: dict[Hashable, list[str]] = {}
    rby: dict[Hashable, list[str]] = {}
    clab: dict[Hashable, list[str]] = {}
    rlab: dict[Hashable, list[str]] = {}
    ckind = {r.id: r.kind.value for r in candidate.relations}
    rkind = {r.id: r.kind.value for r in reference.relations}
    for r in candidate.relations:
        cby.setdefault(ckeys[r.id], []).append(r.id)
        clab.setdefault((ckeys[r.id], r.kind.value), []).append(r.id)
    for r in reference.relations:
        rby.setdefault(rkeys[r.id], []).append(r.id)
        rlab.setdefault((rkeys[r.id], r.kind.value), []).append(r.id)
    labelled_pairs = _match(clab, rlab)
    nc, nr = len(candidate.relations), len(reference.relations)
    relations_labelled = prf(len(labelled_pairs), nc, nr)
    # Unlabelled: the same kind first, then any kind (so a relabelled
    # relation is paired with the one it differs from).
    c_done = {p[0] for p in labelled_pairs}
    r_done = {p[1] for p in labelled_pairs}
    relabelled = _match(
        {k: [x for x in v if x not in c_done] for k, v in cby.items()},
        {k: [x for x in v if x not in r_done] for k, v in rby.items()},
    )
    relations = prf(len(labelled_pairs) + len(relabelled), nc, nr)
    rorder = {rid: i for i, rid in enumerate(rkind)}
    matched_relations = tuple(sorted(labelled_pairs + relabelled, key=lambda p: rorder[p[1]]))
    paired_c = c_done | {p[0] for p in relabelled}
    paired_r = r_done | {p[1] for p in relabelled}
    candidate_only_relations = tuple(r.id for r in candidate.relations if r.id not in paired_c)
    reference_only_relations = tuple(r.id for r in reference.relations if r.id not in paired_r)

    # Kappas.
    croles, rroles = candidate.roles, reference.roles
    kappa = cohen_kappa((croles[a.candidate].value, rroles[a.reference].value) for a in aligned)
    items: list[tuple[str, str]] = [(ckind[c], rkind[r]) for c, r in labelled_pairs + relabelled]
    items += [(ckind[c], "none") for c in candidate_only_relations]
    items += [("none", rkind[r]) for r in reference_only_relations]
    rel_kappa = cohen_kappa(items)
    cass = (claims.f1 + relations_labelled.f1) / 2
    cass_kappa = (claims.f1 + (1.0 if rel_kappa is None else rel_kappa)) / 2

    theses: tuple[ThesisStatus, ...] = ()
    differences: tuple[Difference, ...] = ()
    if semantics is not None:
        theses, differences = _semantic_difference(
            candidate,
            reference,
            semantics,
            aligned,
            to_ref,
            to_cand,
            matched_c={p[0] for p in labelled_pairs},
            matched_r={p[1] for p in labelled_pairs},
            relabelled_c={p[0] for p in relabelled},
        )
    return Comparison(
        claims=claims,
        relations=relations,
        relations_labelled=relations_labelled,
        kappa=kappa,
        cass=cass,
        cass_kappa=cass_kappa,
        aligned=tuple(aligned),
        candidate_only=tuple(c.id for c in candidate.claims if c.id not in to_ref),
        reference_only=tuple(c.id for c in reference.claims if c.id not in to_cand),
        matched_relations=matched_relations,
        candidate_only_relations=candidate_only_relations,
        reference_only_relations=reference_only_relations,
        relabelled=tuple(relabelled),
        semantics=semantics,
        theses=theses,
        differences=differences,
    )


def _statuses(m: ArgumentMap, semantics: str) -> dict[str, str]:
    from argmap.semantics import evaluate, verdict

    values = evaluate(m, semantics)
    return {k: v if isinstance(v, str) else verdict(v) for k, v in values.items()}


def _semantic_difference(
    candidate: ArgumentMap,
    reference: ArgumentMap,
    semantics: str,
    aligned: Sequence[Alignment],
    to_ref: Mapping[str, str],
    to_cand: Mapping[str, str],
    *,
    matched_c: set[str],
    matched_r: set[str],
    relabelled_c: set[str],
) -> tuple[tuple[ThesisStatus, ...], tuple[Difference, ...]]:
    cst, rst = _statuses(candidate, semantics), _statuses(reference, semantics)
    theses = [
        ThesisStatus(to_cand.get(t.id), t.id, cst[to_cand[t.id]] if t.id in to_cand else None, rst[t.id])
        for t in reference.theses
    ]
    listed = {t.candidate for t in theses}
    theses += [
        ThesisStatus(t.id, to_ref.get(t.id), cst[t.id], rst[to_ref[t.id]] if t.id in to_ref else None)
        for t in candidate.theses
        if t.id not in listed
    ]

    # The relations whose labelled match failed, by the node they bear on.
    def unmatched(m: ArgumentMap, matched: set[str]) -> dict[str, list[Relation]]:
        into: dict[str, list[Relation]] = {}
        for r in m.relations:
            if r.id not in matched:
                into.setdefault(r.target, []).append(r)
        return into

    c_bad, r_bad = unmatched(candidate, matched_c), unmatched(reference, matched_r)
    cinto, rinto = candidate._adjacency()[0], reference._adjacency()[0]

    def direct(cid: str | None, rid: str | None) -> tuple[str, str, str] | None:
        # A differing relation into the claim, or onto an inference into it.
        for side, m_id, bad, into in (("reference", rid, r_bad, rinto), ("candidate", cid, c_bad, cinto)):
            if m_id is None:
                continue
            for r in bad.get(m_id, ()):
                return r.id, side, _why(side, r.id)
            for r in into.get(m_id, ()):
                for u in bad.get(r.id, ()):
                    return u.id, side, _why(side, u.id)
        return None

    def _why(side: str, rel: str) -> str:
        if side == "candidate" and rel in relabelled_c:
            return "kind differs"
        return "only in the candidate" if side == "candidate" else "only in the reference"

    def differs(cid: str | None, rid: str | None) -> bool:
        return cid is None or rid is None or cst[cid] != rst[rid]

    memo: dict[tuple[str | None, str | None], tuple[str, str, str] | None] = {}

    def cause(cid: str, rid: str) -> tuple[str, str, str] | None:
        # Breadth first against the arrows of both maps, through claims whose
        # status differs (or that only one map has), to the nearest
        # unmatched relation; results are remembered for later claims.
        start: tuple[str | None, str | None] = (cid, rid)
        queue = deque([start])
        seen = {start}
        while queue:
            node = queue.popleft()
            if node in memo and node != start:
                if memo[node] is not None:
                    return memo[node]
                continue
            found = direct(*node)
            if found is not None:
                return found
            c, r = node
            ups: list[tuple[str | None, str | None]] = []
            for rel in rinto.get(r, ()) if r is not None else ():
                ups += [(to_cand.get(p), p) for p in rel.premises]
            for rel in cinto.get(c, ()) if c is not None else ():
                ups += [(p, to_ref.get(p)) for p in rel.premises]
            for up in ups:
                if up not in seen and differs(*up):
                    seen.add(up)
                    queue.append(up)
        return None

    differences = []
    for a in reversed(aligned):  # premises before their conclusions, usually: the memo helps
        if cst[a.candidate] != rst[a.reference]:
            key = (a.candidate, a.reference)
            memo[key] = found = cause(a.candidate, a.reference)
            relation, side, why = found if found is not None else (None, None, None)
            differences.append(
                Difference(a.candidate, a.reference, cst[a.candidate], rst[a.reference], relation, side, why)
            )
    differences.reverse()
    return tuple(theses), tuple(differences)


# --------------------------------------------------------------------------
# Several annotators


@attrs.frozen
class Agreement:
    """:func:`compare_many`'s result: each pair ``(i, j)`` (``i < j``) of the
    maps' positions with its :class:`Comparison` (map *i* as the candidate),
    and the mean of each score over the pairs."""

    pairs: Mapping[tuple[int, int], Comparison]
    mean: Mapping[str, float | None]

    def to_dict(self) -> dict[str, Any]:
        return {
            "pairs": [{"candidate": i, "reference": j, **c.to_dict()} for (i, j), c in self.pairs.items()],
            "mean": dict(self.mean),
        }


def compare_many(maps: Sequence[ArgumentMap], **options: Any) -> Agreement:
    """Pairwise agreement of several maps of one text (several annotators):
    :func:`compare` for every pair (*options* are its keywords) and the mean
    F1 of claims, relations and labelled relations, kappa (over the pairs
    where it is defined; None if it is nowhere) and CASS.  F1 is symmetric,
    so the order within a pair does not change these means.

    >>> from argmap import MapBuilder
    >>> b = MapBuilder()
    >>> _ = b.support(b.claim("Eat early"), "The canteen closes at one")
    >>> m = b.build()
    >>> compare_many([m, m, m]).mean["claims_f1"]
    1.0
    """
    maps = list(maps)
    if len(maps) < 2:
        msg = f"compare_many() needs at least two maps, got {len(maps)}"
        raise ArgmapError(msg)
    pairs = {(i, j): compare(maps[i], maps[j], **options) for i in range(len(maps)) for j in range(i + 1, len(maps))}
    cs = list(pairs.values())
    kappas = [c.kappa for c in cs if c.kappa is not None]
    mean: dict[str, float | None] = {
        "claims_f1": sum(c.claims.f1 for c in cs) / len(cs),
        "relations_f1": sum(c.relations.f1 for c in cs) / len(cs),
        "relations_labelled_f1": sum(c.relations_labelled.f1 for c in cs) / len(cs),
        "kappa": sum(kappas) / len(kappas) if kappas else None,
        "cass": sum(c.cass for c in cs) / len(cs),
    }
    return Agreement(pairs, mean)
