"""Notebook display of argmap's values, without the model importing the renderers.

A value's ``_repr_mimebundle_`` (the hook Jupyter calls) asks
:func:`mimebundle` for its display data; what draws it is registered here by
the code above the model.  ``argmap/__init__.py`` registers
:func:`argmap.render.mimebundle` for maps *by name*, so the renderers are
imported on the first display, not by ``import argmap``, and
:mod:`argmap.model` needs no import of :mod:`argmap.render`.

>>> register("Example", lambda obj, include, exclude: {"text/plain": f"<{obj}>"})
>>> mimebundle("Example", 42)
{'text/plain': '<42>'}
>>> mimebundle("Unregistered", 42, exclude={"text/plain"})
{}
"""

from __future__ import annotations

TYPE_CHECKING = False  # (typing.TYPE_CHECKING: ``import argmap`` loads no typing)
if TYPE_CHECKING:
    from collections.abc import Callable, Container
    from typing import Any, TypeAlias

    #: A function giving an object's display data: ``(obj, include, exclude) ->
    #: {mime type: data}``, with *include* and *exclude* as Jupyter passes them.
    Provider: TypeAlias = Callable[[Any, Container[str] | None, Container[str] | None], dict[str, str]]

__all__ = ["mimebundle", "register"]

# kind -> the provider, or "module:function" to import on first use.
_PROVIDERS: dict[str, Provider | str] = {}


def register(kind: str, provider: Provider | str) -> None:
    """Let *provider* draw the values of *kind* (a class name).

    *provider* is a function, or ``"module:function"``, which is imported
    on the first display.  A later registration replaces an earlier one.
    """
    _PROVIDERS[kind] = provider


def mimebundle(
    kind: str,
    obj: object,
    include: Container[str] | None = None,
    exclude: Container[str] | None = None,
) -> dict[str, str]:
    """The display data of *obj*, a value of *kind*: what its registered
    provider gives, or only its ``repr`` as ``text/plain`` when there is none."""
    provider = _PROVIDERS.get(kind)
    if isinstance(provider, str):
        import importlib  # (not at every start: a provider is named on the first display)

        module, _, name = provider.partition(":")
        provider = _PROVIDERS[kind] = getattr(importlib.import_module(module), name)
    if provider is not None:
        return provider(obj, include, exclude)
    wanted = (include is None or "text/plain" in include) and (exclude is None or "text/plain" not in exclude)
    return {"text/plain": repr(obj)} if wanted else {}
