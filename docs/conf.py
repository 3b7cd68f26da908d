"""Sphinx configuration: the documentation site built by ``make docs``.

Sphinx with MyST reads the Markdown pages in this folder as they are (the
same files GitHub shows and the tests run as doctests), and autodoc builds
the API reference from the docstrings.  The build runs with warnings as
errors (``-W``), offline (no intersphinx).
"""

from __future__ import annotations

import sys
from pathlib import Path

# The argmap of this checkout, whatever is installed.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import argmap  # noqa: E402

project = "argmap"
author = "The argmap authors"
copyright = "the argmap authors"
release = argmap.__version__
version = ".".join(release.split(".")[:2])

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
]

source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "examples/**/README.md"]
myst_heading_anchors = 3
myst_enable_extensions = ["colon_fence", "deflist"]

# The API reference: documented in source order, signatures as written,
# type hints in the signature (where they are read) and nowhere else.
autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_typehints_format = "short"
autodoc_default_options = {"members": True, "undoc-members": True, "show-inheritance": True}
add_module_names = False

html_theme = "furo"
html_title = f"argmap {release}"
html_static_path: list[str] = []
html_show_sourcelink = False


def setup(app: object) -> None:
    # Mermaid blocks (docs/notebook.md) are shown as their source text:
    # GitHub draws them, Pygments has no lexer for them.
    from pygments.lexers.special import TextLexer
    from sphinx.highlighting import lexers

    lexers["mermaid"] = TextLexer()
    app.connect("autodoc-process-docstring", _doc_comment_of_reexport)



def _doc_comment_of_reexport(app: object, what: str, name: str, obj: object, options: object, lines: list[str]) -> None:
    # A constant that a public module re-exports (argmap.render.DIRECTIONS)
    # has its ``#:`` comment where it is defined: find it there.
    if what != "data":
        return
    own = [line for line in lines if line.strip()]
    inherited = [line.strip() for line in (type(obj).__doc__ or "").splitlines() if line.strip()]
    if own and [line.strip() for line in own] != inherited[: len(own)]:
        return  # a doc comment of its own
    lines[:] = []  # not the docstring of its type (dict, tuple ...)
    import importlib
    import pkgutil

    from sphinx.pycode import ModuleAnalyzer

    attr = name.rpartition(".")[2]
    for info in pkgutil.walk_packages(argmap.__path__, "argmap."):
        module = importlib.import_module(info.name)
        if getattr(module, attr, None) is not obj:
            continue
        doc = ModuleAnalyzer.for_module(info.name).find_attr_docs().get(("", attr))
        if doc:
            lines[:] = list(doc)
            return
