"""Statistics of argument maps: per map (:func:`stats`) and over a corpus
(:func:`corpus_stats`)."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from argmap.errors import ArgmapError
from argmap.model import ArgumentMap, Claim, Kind, Relation, Role

__all__ = ["CorpusStats", "Distribution", "MapStats", "corpus_stats", "stats"]

_KINDS = tuple(k.value for k in Kind)
_ROLES = tuple(r.value for r in Role)


def _frozen_counts(counts: Mapping[str, int]) -> Mapping[str, int]:
    return dict(counts)


@attrs.frozen
class MapStats:
    """The counts of one map (see :func:`stats`)."""

    title: str | None
    claims: int
    relations: int
    by_kind: Mapping[str, int] = attrs.field(converter=_frozen_counts)
    linked: int
    undercuts: int
    backings: int
    depth: int
    branching_mean: float
    branching_max: int
    roles: Mapping[str, int] = attrs.field(converter=_frozen_counts)
    quotes: int
    spans: int
    coverage: float | None
    char_coverage: float | None
    schemes: Mapping[str, int] = attrs.field(converter=_frozen_counts)

    def as_row(self) -> dict[str, Any]:
        """One flat row of plain values (a CSV line, a data frame row):
        the nested counts become columns ``kind_support``, ``role_thesis``
        ..., and the schemes their total, ``schemes``."""
        row: dict[str, Any] = {"title": self.title, "claims": self.claims, "relations": self.relations}
        row.update({f"kind_{k}": self.by_kind.get(k, 0) for k in _KINDS})
        row.update(
            linked=self.linked,
            undercuts=self.undercuts,
            backings=self.backings,
            depth=self.depth,
            branching_mean=self.branching_mean,
            branching_max=self.branching_max,
        )
        row.update({f"role_{r}": self.roles.get(r, 0) for r in _ROLES})
        row.update(
            quotes=self.quotes,
            spans=self.spans,
            coverage=self.coverage,
            char_coverage=self.char_coverage,
            schemes=sum(self.schemes.values()),
        )
        return row

    def to_dict(self) -> dict[str, Any]:
        """Every field as plain JSON data (nested counts as objects)."""
        return {
            "title": self.title,
            "claims": self.claims,
            "relations": self.relations,
            "by_kind": dict(self.by_kind),
            "linked": self.linked,
            "undercuts": self.undercuts,
            "backings": self.backings,
            "depth": self.depth,
            "branching_mean": self.branching_mean,
            "branching_max": self.branching_max,
            "roles": dict(self.roles),
            "quotes": self.quotes,
            "spans": self.spans,
            "coverage": self.coverage,
            "char_coverage": self.char_coverage,
            "schemes": dict(self.schemes),
        }


def stats(m: ArgumentMap) -> MapStats:
    """The counts of map *m*, in one linear pass over its claims and relations.

    * ``claims``, ``relations``, ``by_kind`` (every :class:`~argmap.Kind`,
      zero included), ``linked`` (relations with more than one premise),
      ``undercuts`` and ``backings`` (attacking and supporting relations whose
      target is a relation);
    * ``depth``: the largest number of inference steps from a thesis to a
      claim, each claim counted at its shortest distance (0 when the map
      has only theses; claims that lead to no thesis, on a cycle, are not
      counted);
    * ``branching_mean`` and ``branching_max``: the number of relations into
      a claim, over the claims that have at least one (0.0 and 0 when none
      has);
    * ``roles``: claims per :class:`~argmap.Role`, zero included;
    * ``quotes`` (claims with a quote) and ``spans`` (quotes with a located
      span); ``coverage`` and ``char_coverage`` (the shares of the source's
      sentences and characters that quotes reach, see
      :func:`argmap.source.coverage`) when the map has a source, else None;
    * ``schemes``: relations per scheme name, in name order.

    >>> from argmap import MapBuilder
    >>> b = MapBuilder()
    >>> t = b.claim("Eat early")
    >>> r = b.support(t, "The canteen closes at one")
    >>> _ = b.attack(t, "The food is cold early")
    >>> _ = b.undercut(r, "It opens again at six")
    >>> s = stats(b.build())
    >>> s.claims, s.relations, s.by_kind["support"], s.undercuts, s.depth, s.branching_max
    (4, 3, 1, 1, 2, 2)
    >>> s.roles["objection"], s.roles["undercutter"], s.coverage
    (1, 1, None)
    """
    if not isinstance(m, ArgumentMap):
        msg = f"stats() needs an ArgumentMap, not {type(m).__name__}"
        raise ArgmapError(msg)
    by_kind = Counter(dict.fromkeys(_KINDS, 0))
    schemes: Counter[str] = Counter()
    linked = undercuts = backings = 0
    into: dict[str, list[Relation]] = {}
    claim_ids = {c.id for c in m.claims}
    for r in m.relations:
        by_kind[r.kind.value] += 1
        if len(r.premises) > 1:
            linked += 1
        if r.target not in claim_ids:
            if r.is_attack:
                undercuts += 1
            else:
                backings += 1
        if r.scheme is not None:
            schemes[r.scheme] += 1
        into.setdefault(r.target, []).append(r)
    fan = [len(into[c.id]) for c in m.claims if c.id in into]
    roles = Counter(dict.fromkeys(_ROLES, 0))
    for role in m.roles.values():
        roles[role.value] += 1
    quotes = spans = 0
    for c in m.claims:
        if c.quote is not None:
            quotes += 1
            if c.quote.start is not None:
                spans += 1
    coverage = char_coverage = None
    if m.source is not None:
        from argmap.source import coverage as _coverage

        cov = _coverage(m)
        coverage, char_coverage = cov.sentence_share, cov.char_share
    return MapStats(
        title=m.title,
        claims=len(m.claims),
        relations=len(m.relations),
        by_kind=dict(by_kind),
        linked=linked,
        undercuts=undercuts,
        backings=backings,
        depth=_depth(m.theses, into),
        branching_mean=sum(fan) / len(fan) if fan else 0.0,
        branching_max=max(fan, default=0),
        roles=dict(roles),
        quotes=quotes,
        spans=spans,
        coverage=coverage,
        char_coverage=char_coverage,
        schemes=dict(sorted(schemes.items())),
    )


def _depth(theses: Iterable[Claim], into: Mapping[str, list[Relation]]) -> int:
    """Breadth first from the theses, against the arrows: each claim at its
    shortest distance.  An undercut's premises are one step past the
    premises of the inference it attacks."""
    seen: dict[str, int] = {c.id: 0 for c in theses}
    frontier = list(seen)
    depth = 0
    while frontier:
        nxt: list[str] = []
        for node in frontier:
            d = seen[node]
            for r in into.get(node, ()):
                if r.id not in seen:
                    seen[r.id] = d + 1  # the inference sits at its premises' level
                    nxt.append(r.id)
                for p in r.premises:
                    if p not in seen:
                        seen[p] = d + 1
                        depth = max(depth, d + 1)
                        nxt.append(p)
        frontier = nxt
    return depth


@attrs.frozen
class Distribution:
    """Summary of one count over the maps of a corpus."""

    n: int
    total: float
    min: float
    max: float
    mean: float
    median: float

    @classmethod
    def of(cls, values: Iterable[float]) -> Distribution:
        """The distribution of *values* (all zero when there are none).

        >>> Distribution.of([1, 2, 6])
        Distribution(n=3, total=9, min=1, max=6, mean=3.0, median=2)
        """
        xs = list(values)
        if not xs:
            return cls(0, 0, 0, 0, 0.0, 0)
        return cls(len(xs), sum(xs), min(xs), max(xs), sum(xs) / len(xs), statistics.median(xs))

    def to_dict(self) -> dict[str, float]:
        return {
            "n": self.n,
            "total": self.total,
            "min": self.min,
            "max": self.max,
            "mean": self.mean,
            "median": self.median,
        }


#: The counts that :func:`corpus_stats` summarises as distributions.
DISTRIBUTED = ("claims", "relations", "linked", "undercuts", "depth", "branching_max", "quotes")


def _frozen_distributions(d: Mapping[str, Distribution]) -> Mapping[str, Distribution]:
    return dict(d)


@attrs.frozen
class CorpusStats:
    """Totals and distributions over many maps (see :func:`corpus_stats`)."""

    maps: int
    claims: int
    relations: int
    by_kind: Mapping[str, int] = attrs.field(converter=_frozen_counts)
    roles: Mapping[str, int] = attrs.field(converter=_frozen_counts)
    schemes: Mapping[str, int] = attrs.field(converter=_frozen_counts)
    distributions: Mapping[str, Distribution] = attrs.field(converter=_frozen_distributions)

    def to_dict(self) -> dict[str, Any]:
        return {
            "maps": self.maps,
            "claims": self.claims,
            "relations": self.relations,
            "by_kind": dict(self.by_kind),
            "roles": dict(self.roles),
            "schemes": dict(self.schemes),
            "distributions": {k: d.to_dict() for k, d in self.distributions.items()},
        }


def corpus_stats(items: Iterable[ArgumentMap | MapStats]) -> CorpusStats:
    """Totals and distributions over *items* (maps, or their :func:`stats`):
    the number of maps, claims and relations, relations per kind, claims per
    role, relations per scheme, and a :class:`Distribution` of each count in
    :data:`DISTRIBUTED` (claims per map, relations per map ...).

    >>> from argmap import MapBuilder
    >>> b = MapBuilder()
    >>> _ = b.support(b.claim("Eat early"), "The canteen closes at one")
    >>> c = corpus_stats([b.build(), MapBuilder().build()])
    >>> c.maps, c.claims, c.distributions["claims"].mean
    (2, 2, 1.0)
    """
    rows = [x if isinstance(x, MapStats) else stats(x) for x in items]
    by_kind: Counter[str] = Counter(dict.fromkeys(_KINDS, 0))
    roles: Counter[str] = Counter(dict.fromkeys(_ROLES, 0))
    schemes: Counter[str] = Counter()
    for s in rows:
        by_kind.update(s.by_kind)
        roles.update(s.roles)
        schemes.update(s.schemes)
    return CorpusStats(
        maps=len(rows),
        claims=sum(s.claims for s in rows),
        relations=sum(s.relations for s in rows),
        by_kind=dict(by_kind),
        roles=dict(roles),
        schemes=dict(sorted(schemes.items())),
        distributions={name: Distribution.of(getattr(s, name) for s in rows) for name in DISTRIBUTED},
    )


def to_dataframe(items: Iterable[ArgumentMap | MapStats | tuple[Any, ArgumentMap | MapStats | ArgmapError]]) -> Any:
    """A pandas ``DataFrame`` with one row per map (:meth:`MapStats.as_row`'s
    columns).  An item may be a ``(path, map)`` pair, as
    :func:`argmap.load_all` yields: its path becomes a ``path`` column.
    Needs the optional package pandas (``pip install 'argmap[pandas]'``)."""
    from argmap._optional import import_module

    pd = import_module("pandas", needed_for="to_dataframe()")
    rows = []
    for item in items:
        path = None
        value: ArgumentMap | MapStats
        if isinstance(item, tuple):
            path, loaded = item
            if isinstance(loaded, ArgmapError):
                continue  # a file that load_all() could not read
            value = loaded
        else:
            value = item
        s = value if isinstance(value, MapStats) else stats(value)
        row = s.as_row()
        if path is not None:
            row = {"path": str(path), **row}
        rows.append(row)
    return pd.DataFrame(rows)


#: The picture formats of :func:`plot`, by file suffix.
PLOT_FORMATS = {".png": "png", ".svg": "svg"}


def plot(items: Iterable[ArgumentMap | MapStats], format: str = "svg") -> bytes:
    """Histograms of the claims and the relations per map of a corpus, as
    PNG or SVG bytes (deterministic: no date in the file).  Needs the
    optional package matplotlib (``pip install 'argmap[plot]'``)."""
    if format not in PLOT_FORMATS.values():
        msg = f"unknown picture format {format!r}; known: {', '.join(PLOT_FORMATS.values())}"
        raise ArgmapError(msg)
    from argmap._optional import import_module

    mpl = import_module("matplotlib", needed_for="the stats plot")
    mpl.use("Agg")
    plt = import_module("matplotlib.pyplot", needed_for="the stats plot")
    import io

    rows = [x if isinstance(x, MapStats) else stats(x) for x in items]
    with mpl.rc_context({"svg.hashsalt": "argmap", "svg.fonttype": "none"}):
        fig, axes = plt.subplots(1, 2, figsize=(8, 3.2))
        for ax, name in zip(axes, ("claims", "relations")):
            values = [getattr(s, name) for s in rows]
            ax.hist(values, bins=min(30, max(1, len(set(values)))), color="#777777", edgecolor="#000000")
            ax.set_xlabel(f"{name} per map")
            ax.set_ylabel("maps")
        fig.suptitle(f"{len(rows)} maps")
        fig.tight_layout()
        buf = io.BytesIO()
        metadata = {"Date": None} if format == "svg" else {"Software": None}
        fig.savefig(buf, format=format, metadata=metadata)
        plt.close(fig)
    return buf.getvalue()
