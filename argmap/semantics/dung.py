"""Abstract argumentation (Dung 1995): frameworks, extensions, labellings.

A :class:`Framework` is a set of arguments and an attack relation.  The
extensions are computed without recursion:

* ``grounded``: the least fixed point of the characteristic function, by the
  linear "unattacked arguments in, their targets out" propagation;
* ``preferred``, ``stable``, ``complete``: part by part
  (:mod:`argmap.semantics._scc`): the grounded extension, with one extension
  of each independent part of the arguments it leaves undecided, each part
  SCC by SCC (Baroni, Giacomin and Guida 2005); each SCC by a
  labelling-based backtracking search (Nofal, Atkinson and Dunne 2014;
  Modgil and Caminada 2009) with propagation of forced labels and pruning
  of branches that cannot lead to an admissible (or stable) labelling;
* ``semi-stable``: the preferred extensions whose range is maximal, part
  by part;
* ``ideal``: the largest admissible set of credulously accepted arguments
  that no credulously accepted argument attacks (Dung, Mancarella and Toni
  2007), without enumerating the preferred extensions.

>>> f = Framework(["a", "b", "c"], [("a", "b"), ("b", "a"), ("b", "c")])
>>> [sorted(e) for e in extensions(f, "preferred")]
[['a', 'c'], ['b']]
>>> sorted(grounded(f))
[]
>>> labelling(f, frozenset({"a", "c"}))["b"]
'out'
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Iterable

from argmap._gc import pausing
from argmap.errors import SemanticsError, SemanticsLimitError
from argmap.semantics._kernels import _Budget, _conflict_free_ix, _defended, _grounded, _is_complete_ix
from argmap.semantics._scc import PartSolver, _by_parts, _ideal_by_parts, _labels_by_parts, _part_exts, _sub

__all__ = [
    "BACKENDS",
    "DEFAULT_MAX_EXTENSIONS",
    "DUNG_SEMANTICS",
    "Framework",
    "SemanticsError",
    "SemanticsLimitError",
    "credulously_accepted",
    "extensions",
    "grounded",
    "is_admissible",
    "is_complete",
    "is_conflict_free",
    "is_stable",
    "labelling",
    "labellings",
    "sceptical_labels",
    "sceptically_accepted",
]

#: The extension-based semantics that :func:`extensions` knows.
DUNG_SEMANTICS = ("grounded", "complete", "preferred", "stable", "semi-stable", "ideal")

IN, OUT, UNDEC = "in", "out", "undec"

#: The number of extensions :func:`extensions` computes before it stops with
#: :class:`SemanticsLimitError`: far more than a reader can use, few enough to
#: keep memory small (each extension is a set of arguments).
DEFAULT_MAX_EXTENSIONS = 1_000


class Framework:
    """An abstract argumentation framework: *arguments* and *attacks* (pairs
    ``(attacker, target)``).  Immutable, hashable, compared by value.

    Arguments keep their given order (duplicates dropped); an attack naming an
    unknown argument raises :class:`SemanticsError`.

    >>> f = Framework(["a", "b"], [("a", "b")])
    >>> f
    Framework(['a', 'b'], [('a', 'b')])
    >>> f.attackers("b"), f.targets("a")
    (('a',), ('b',))
    """

    __slots__ = ("_arguments", "_att", "_attacks", "_ground", "_hash", "_index", "_tgt")

    _arguments: tuple[Hashable, ...]
    _attacks: tuple[tuple[Hashable, Hashable], ...]
    _index: dict[Hashable, int]  # argument -> its position
    _att: tuple[tuple[int, ...], ...]  # per position, the positions of its attackers
    _tgt: tuple[tuple[int, ...], ...]  # ... and of its targets
    _hash: int | None
    _ground: tuple[bytes, tuple[int, ...]] | None  # the grounded labelling, once computed

    @pausing
    def __init__(self, arguments: Iterable[Hashable], attacks: Iterable[tuple[Hashable, Hashable]] = ()):
        args = tuple(dict.fromkeys(arguments))
        index = {a: i for i, a in enumerate(args)}
        att: list[list[int]] = [[] for _ in args]
        tgt: list[list[int]] = [[] for _ in args]
        pairs: list[tuple[Hashable, Hashable]] = []
        seen: set[tuple[int, int]] = set()
        for pair in attacks:
            try:
                a, b = pair
            except (TypeError, ValueError):
                msg = f"an attack is a pair (attacker, target), not {pair!r}"
                raise SemanticsError(msg) from None
            i, j = index.get(a), index.get(b)
            if i is None or j is None:
                msg = f"attack {pair!r} names {a if i is None else b!r}, which is not an argument"
                raise SemanticsError(msg)
            if (i, j) in seen:
                continue
            seen.add((i, j))
            pairs.append((a, b))
            att[j].append(i)
            tgt[i].append(j)
        object.__setattr__(self, "_arguments", args)
        object.__setattr__(self, "_attacks", tuple(pairs))
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_att", tuple(tuple(x) for x in att))
        object.__setattr__(self, "_tgt", tuple(tuple(x) for x in tgt))
        object.__setattr__(self, "_hash", None)
        object.__setattr__(self, "_ground", None)  # the grounded labelling, once computed

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Framework is immutable")

    @property
    def arguments(self) -> tuple[Hashable, ...]:
        """The arguments, in order."""
        return self._arguments

    @property
    def attacks(self) -> tuple[tuple[Hashable, Hashable], ...]:
        """The attacks ``(attacker, target)``, in order, without repeats."""
        return self._attacks

    def __len__(self) -> int:
        return len(self._arguments)

    def __contains__(self, a: object) -> bool:
        return a in self._index

    def _i(self, a: Hashable) -> int:
        i = self._index.get(a)
        if i is None:
            msg = f"{a!r} is not an argument of the framework"
            raise SemanticsError(msg)
        return i

    def attackers(self, a: Hashable) -> tuple[Hashable, ...]:
        """The arguments that attack *a*, in order."""
        args = self._arguments
        return tuple(args[i] for i in self._att[self._i(a)])

    def targets(self, a: Hashable) -> tuple[Hashable, ...]:
        """The arguments that *a* attacks, in order."""
        args = self._arguments
        return tuple(args[j] for j in self._tgt[self._i(a)])

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Framework):
            return NotImplemented
        return set(self._arguments) == set(other._arguments) and set(self._attacks) == set(other._attacks)

    def __hash__(self) -> int:
        h = self._hash
        if h is None:
            h = hash((frozenset(self._arguments), frozenset(self._attacks)))
            object.__setattr__(self, "_hash", h)
        return h

    def __repr__(self) -> str:
        return f"Framework({list(self._arguments)!r}, {list(self._attacks)!r})"


# --------------------------------------------------------------------------
# Checks


def _indices(f: Framework, s: Iterable[Hashable]) -> set[int]:
    return {f._i(a) for a in s}


def is_conflict_free(f: Framework, s: Collection[Hashable]) -> bool:
    """No argument of *s* attacks one of *s*."""
    return _conflict_free_ix(f, _indices(f, s))


def is_admissible(f: Framework, s: Collection[Hashable]) -> bool:
    """*s* is conflict-free and defends each of its arguments."""
    ix = _indices(f, s)
    if not _conflict_free_ix(f, ix):
        return False
    d = _defended(f, ix)
    return all(d[i] for i in ix)


def is_complete(f: Framework, s: Collection[Hashable]) -> bool:
    """*s* is admissible and contains every argument it defends."""
    return _is_complete_ix(f, _indices(f, s))


def is_stable(f: Framework, s: Collection[Hashable]) -> bool:
    """*s* is conflict-free and attacks every argument outside it."""
    ix = _indices(f, s)
    if not _conflict_free_ix(f, ix):
        return False
    hit = {j for i in ix for j in f._tgt[i]}
    return len(hit | ix) == len(f)


# --------------------------------------------------------------------------
# Grounded


def grounded(f: Framework) -> frozenset[Hashable]:
    """The grounded extension: the least complete extension (linear time).

    >>> sorted(grounded(Framework("abc", [("a", "b"), ("b", "c")])))
    ['a', 'c']
    """
    args = f._arguments
    return frozenset(args[i] for i in _grounded(f)[1])


def _to_args(f: Framework, ix: Iterable[int]) -> frozenset[Hashable]:
    args = f._arguments
    return frozenset(args[i] for i in ix)


def _sorted(f: Framework, sets: Iterable[frozenset[Hashable]]) -> list[frozenset[Hashable]]:
    index = f._index
    return sorted(set(sets), key=lambda s: sorted(index[a] for a in s))


#: The back-ends that :func:`extensions` can use.
BACKENDS = ("auto", "python", "clingo")

#: ``backend="auto"`` uses clingo (when installed; never for the grounded
#: and ideal extensions, which Python computes without enumeration) for a
#: framework whose
#: grounded labelling leaves at least AUTO_UNDECIDED arguments undecided
#: (AUTO_UNDECIDED_STABLE for stable semantics, where the search propagates
#: more), with fewer than AUTO_DENSITY attackers each among them on average.
AUTO_UNDECIDED = 180
AUTO_UNDECIDED_STABLE = 250
AUTO_DENSITY = 11


def _backend(f: Framework, semantics: str, backend: str) -> str:
    """The back-end that *backend* resolves to for this call."""
    if backend == "python":
        return backend
    if backend == "clingo":
        from argmap.semantics import asp

        asp.require()
        return backend
    if backend == "auto":
        # The search starts from the grounded labelling: where that leaves
        # few arguments undecided (as in most argument maps) it answers at
        # once, and where the undecided part is dense each choice decides
        # much of it; clingo's clause learning wins on large, sparse ones.
        if semantics in ("grounded", "ideal"):
            return "python"
        label = _grounded(f)[0]
        undecided = [i for i, x in enumerate(label) if not x]
        if len(undecided) < (AUTO_UNDECIDED_STABLE if semantics == "stable" else AUTO_UNDECIDED):
            return "python"
        att = f._att
        inner = sum(1 for i in undecided for a in att[i] if not label[a])
        if inner >= AUTO_DENSITY * len(undecided):
            return "python"
        from argmap.semantics import asp

        return "clingo" if asp.available() else "python"
    known = ", ".join(repr(b) for b in BACKENDS)
    msg = f"unknown backend {backend!r}; known: {known}"
    raise SemanticsError(msg)


def extensions(
    f: Framework,
    semantics: str = "preferred",
    *,
    backend: str = "auto",
    max_extensions: int = DEFAULT_MAX_EXTENSIONS,
    timeout: float | None = None,
) -> list[frozenset[Hashable]]:
    """The extensions of *f* under *semantics* (one of :data:`DUNG_SEMANTICS`),
    as a sorted list of frozensets: each extension is read as the list of
    its arguments' positions in *f*, ascending, and the lists are sorted.

    *backend* (one of :data:`BACKENDS`) picks the solver: ``"python"``, the
    built-in search; ``"clingo"``, the answer-set solver of the optional
    ``argmap[clingo]`` extra; ``"auto"``, the solver that is fastest for the
    call among those installed.  Every back-end gives the same extensions.

    A framework of *n* arguments can have exponentially many extensions
    (2**(n/2) stable ones for n/2 pairs that attack each other), so the
    enumeration stops with :class:`SemanticsLimitError` once it holds more
    than *max_extensions* (default :data:`DEFAULT_MAX_EXTENSIONS`) and, with
    a *timeout* (seconds; default None, no limit), once it has run that
    long; memory stays in proportion to *max_extensions*.  Where the
    framework falls into independent parts, the number of extensions is
    the product of the parts' numbers, known before any extension is built.
    Semi-stable extensions are computed from the preferred ones, so there
    the limit counts the preferred extensions.  The grounded extension is
    computed in linear time and memory and never hits a limit, nor does
    the ideal one, which needs no enumeration (with ``backend="clingo"``
    it is computed from the preferred extensions, which the limit counts).

    >>> f = Framework("abcd", [("a", "b"), ("b", "a"), ("c", "d"), ("d", "c"), ("d", "d")])
    >>> [sorted(e) for e in extensions(f, "stable")]
    [['a', 'c'], ['b', 'c']]
    >>> [sorted(e) for e in extensions(f, "complete")]
    [[], ['a'], ['a', 'c'], ['b'], ['b', 'c'], ['c']]
    """
    if semantics not in DUNG_SEMANTICS:
        known = ", ".join(repr(s) for s in DUNG_SEMANTICS)
        msg = f"unknown semantics {semantics!r}; known: {known}"
        raise SemanticsError(msg)
    budget = _Budget("preferred" if semantics == "semi-stable" else semantics, max_extensions, timeout)
    if _backend(f, semantics, backend) == "clingo":
        from argmap.semantics import asp

        if semantics == "ideal":  # (clingo computes it from the preferred extensions)
            budget.semantics = "preferred"
        return _sorted(f, asp.extensions(f, semantics, budget=budget))
    if semantics == "grounded":
        return [grounded(f)]
    if semantics == "ideal":
        return [_to_args(f, _ideal_by_parts(f, budget))]
    return _sorted(f, (_to_args(f, s) for s in _by_parts(f, semantics, budget)))


def labelling(f: Framework, extension: Collection[Hashable]) -> dict[Hashable, str]:
    """The labelling of *extension*: each argument (in order) -> ``"in"``,
    ``"out"`` (attacked by the extension) or ``"undec"``."""
    ix = _indices(f, extension)
    hit = {j for i in ix for j in f._tgt[i]}
    return {a: IN if i in ix else OUT if i in hit else UNDEC for i, a in enumerate(f._arguments)}


def labellings(
    f: Framework,
    semantics: str = "preferred",
    *,
    backend: str = "auto",
    max_extensions: int = DEFAULT_MAX_EXTENSIONS,
    timeout: float | None = None,
) -> list[dict[Hashable, str]]:
    """The labellings of the extensions of *f* under *semantics*, in the
    order of :func:`extensions` (which takes the same keyword options)."""
    exts = extensions(f, semantics, backend=backend, max_extensions=max_extensions, timeout=timeout)
    return [labelling(f, e) for e in exts]


def _acceptance(
    f: Framework,
    semantics: str,
    backend: str = "auto",
    *,
    max_extensions: int = DEFAULT_MAX_EXTENSIONS,
    timeout: float | None = None,
) -> tuple[bytes, set[int]]:
    """Per argument index, its sceptical label (1 in every extension, 2
    attacked by every one, 0 neither, or no extension at all), and the
    indices of the credulously accepted arguments (in some extension).

    The same as from :func:`extensions` (same options, same errors), but
    complete, preferred, stable and semi-stable semantics are computed part
    by part (:func:`~argmap.semantics._scc._labels_by_parts`): the limit
    counts each part's extensions, never their product, so k independent
    parts of 2 extensions each take k small searches, not 2**k
    extensions."""
    if semantics not in DUNG_SEMANTICS:
        known = ", ".join(repr(s) for s in DUNG_SEMANTICS)
        msg = f"unknown semantics {semantics!r}; known: {known}"
        raise SemanticsError(msg)
    if semantics in ("grounded", "ideal"):  # (one extension)
        (e,) = extensions(f, semantics, backend=backend, max_extensions=max_extensions, timeout=timeout)
        ix = _indices(f, e)
        hit = {j for i in ix for j in f._tgt[i]}
        return bytes(1 if i in ix else 2 if i in hit else 0 for i in range(len(f))), ix
    budget = _Budget("preferred" if semantics == "semi-stable" else semantics, max_extensions, timeout)
    chosen = backend if backend == "auto" else _backend(f, semantics, backend)
    label, accepted = _labels_by_parts(f, semantics, budget, _part_solver(semantics, chosen))
    return bytes(label), accepted


def sceptical_labels(
    f: Framework,
    semantics: str = "preferred",
    *,
    backend: str = "auto",
    max_extensions: int = DEFAULT_MAX_EXTENSIONS,
    timeout: float | None = None,
) -> dict[Hashable, str]:
    """Each argument of *f* (in order) -> ``"in"`` when it is in every
    extension under *semantics*, ``"out"`` when every extension attacks it,
    else ``"undec"`` (also when there is no extension, e.g. no stable one).
    The keyword options are :func:`extensions`'s, and so are the errors,
    but the extensions of the whole framework are never listed: where it
    falls into independent parts, each part's extensions are (the limit
    counts them part by part), and an argument is in, or attacked by, every
    extension of the whole exactly when it is so in every extension of its
    part.

    >>> pairs = Framework("abcd", [("a", "b"), ("b", "a"), ("b", "c"), ("d", "d")])
    >>> sceptical_labels(pairs, "preferred")
    {'a': 'undec', 'b': 'undec', 'c': 'undec', 'd': 'undec'}
    >>> sceptical_labels(Framework("abc", [("a", "b"), ("b", "c")]), "stable")
    {'a': 'in', 'b': 'out', 'c': 'in'}
    """
    label = _acceptance(f, semantics, backend, max_extensions=max_extensions, timeout=timeout)[0]
    names = (UNDEC, IN, OUT)
    return {a: names[label[i]] for i, a in enumerate(f._arguments)}


def _part_solver(semantics: str, backend: str) -> PartSolver:
    """The solver of one part under *backend* (``"auto"``: the rule of
    :func:`_backend` applied to the part alone)."""
    if backend == "python":
        return _part_exts
    least = min(AUTO_UNDECIDED, AUTO_UNDECIDED_STABLE)

    def solve(f: Framework, members: list[int], find: str, budget: _Budget) -> list[frozenset[int]]:
        if backend == "auto" and len(members) < least:
            return _part_exts(f, members, find, budget)
        sub = _sub(f, members, [])
        if backend == "auto" and _backend(sub, semantics, "auto") == "python":
            return _part_exts(f, members, find, budget)
        from argmap.semantics import asp

        return [frozenset(members[i] for i in s) for s in asp._solve(sub, find, budget)]

    return solve


def credulously_accepted(
    f: Framework,
    argument: Hashable,
    semantics: str = "preferred",
    *,
    backend: str = "auto",
    max_extensions: int = DEFAULT_MAX_EXTENSIONS,
    timeout: float | None = None,
) -> bool:
    """*argument* is in at least one extension of *f* under *semantics*
    (for preferred: in some admissible set).  The keyword options are
    :func:`extensions`'s; as in :func:`sceptical_labels`, the limit counts
    the extensions of one independent part at a time."""
    i = f._i(argument)
    return i in _acceptance(f, semantics, backend, max_extensions=max_extensions, timeout=timeout)[1]


def sceptically_accepted(
    f: Framework,
    argument: Hashable,
    semantics: str = "preferred",
    *,
    backend: str = "auto",
    max_extensions: int = DEFAULT_MAX_EXTENSIONS,
    timeout: float | None = None,
) -> bool:
    """*argument* is in every extension of *f* under *semantics* (false when
    there is none, e.g. no stable extension).  The keyword options are
    :func:`extensions`'s; as in :func:`sceptical_labels`, the limit counts
    the extensions of one independent part at a time."""
    i = f._i(argument)
    return _acceptance(f, semantics, backend, max_extensions=max_extensions, timeout=timeout)[0][i] == 1
