"""One value per claim: :func:`evaluate` a map under any semantics.

A gradual semantics gives each claim a strength in [0, 1]
(:func:`~argmap.semantics.strengths` on the map's :func:`~argmap.semantics.qbaf`);
a Dung semantics gives it a sceptical label (on the map's
:func:`~argmap.semantics.framework`): ``"in"`` when it is in every
extension, ``"out"`` when every extension attacks it, else ``"undec"``.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING, TypedDict, Unpack

from argmap.errors import SemanticsError
from argmap.semantics.dung import (
    BACKENDS,
    DEFAULT_MAX_EXTENSIONS,
    DUNG_SEMANTICS,
    Framework,
    sceptical_labels,
)
from argmap.semantics.gradual import GRADUAL_SEMANTICS, strengths
from argmap.semantics.projection import framework, qbaf

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

__all__ = ["evaluate"]


class GradualOptions(TypedDict, total=False):
    """The options :func:`evaluate` passes on to
    :func:`~argmap.semantics.strengths`."""

    max_iter: int
    tol: float


def evaluate(
    m: ArgumentMap,
    semantics: str = "df-quad",
    *,
    backend: str = "auto",
    max_extensions: int = DEFAULT_MAX_EXTENSIONS,
    timeout: float | None = None,
    **options: Unpack[GradualOptions],
) -> dict[str, float | str]:
    """Each claim of *m* (in order) -> its strength (a gradual semantics) or
    its label ``"in"``, ``"out"`` or ``"undec"`` (a Dung semantics: sceptical,
    so ``"in"`` means in every extension, ``"out"`` attacked by every one).
    *backend*, *max_extensions* and *timeout* are passed on to
    :func:`~argmap.semantics.sceptical_labels` for a Dung semantics (which
    lists each independent part's extensions, never all those of the
    whole, so the limit counts one part's extensions); gradual
    semantics ignore them, and pass *options* on to
    :func:`~argmap.semantics.strengths`.

    >>> from argmap import MapBuilder
    >>> b = MapBuilder()
    >>> t = b.claim("Eat early", id="t")
    >>> _ = b.attack(t, "The food is cold early", id="o")
    >>> m = b.build()
    >>> evaluate(m, "grounded")
    {'t': 'out', 'c1': 'in'}
    >>> evaluate(m, "df-quad")
    {'t': 0.25, 'c1': 0.5}
    """
    if backend not in BACKENDS:
        known = ", ".join(repr(b) for b in BACKENDS)
        msg = f"unknown backend {backend!r}; known: {known}"
        raise SemanticsError(msg)
    claims = [c.id for c in m.claims]
    if semantics in GRADUAL_SEMANTICS:
        s = strengths(qbaf(m), semantics, **options)
        return {c: s[c] for c in claims}
    if semantics in DUNG_SEMANTICS:
        labels = _dung_labels(framework(m), semantics, backend, max_extensions=max_extensions, timeout=timeout)
        return {c: labels[c] for c in claims}
    known = ", ".join(repr(s) for s in GRADUAL_SEMANTICS + DUNG_SEMANTICS)
    msg = f"unknown semantics {semantics!r}; known: {known}"
    raise SemanticsError(msg)


def _dung_labels(
    f: Framework,
    semantics: str,
    backend: str = "auto",
    *,
    max_extensions: int = DEFAULT_MAX_EXTENSIONS,
    timeout: float | None = None,
) -> dict[Hashable, str]:
    """Sceptical labels: ``"in"`` in every extension, ``"out"`` attacked by
    every one, else ``"undec"`` (also when there is no extension)."""
    return sceptical_labels(f, semantics, backend=backend, max_extensions=max_extensions, timeout=timeout)
