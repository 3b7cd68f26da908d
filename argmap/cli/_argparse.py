"""argparse, as the ``argmap`` command uses it: its parser class, whose
help is as wide as the terminal and whose messages are escaped.

Apart from :mod:`argmap.cli._parser`, so that a command line read without
argparse (:func:`argmap.cli._parser.plain_render_arguments`) loads neither
argparse nor the gettext and locale modules it loads.
"""

from __future__ import annotations

import argparse

TYPE_CHECKING = False  # (typing.TYPE_CHECKING: ``argmap --version`` loads no typing)
if TYPE_CHECKING:
    from typing import Any

__all__ = ["ArgumentParser"]


class _Formatter(argparse.HelpFormatter):
    """argparse's help, as wide as the terminal: the width found as
    ``shutil.get_terminal_size`` finds it (``COLUMNS``, else the terminal,
    else 80), without loading shutil (and the compression modules it loads)
    each time the command starts."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None):
        if width is None:
            width = _columns() - 2
        super().__init__(prog, indent_increment, max_help_position, width)


def _columns() -> int:
    import os
    import sys

    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns if sys.__stdout__ else 0
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class ArgumentParser(argparse.ArgumentParser):
    """argparse, with its error messages (which quote the arguments) escaped."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> Any:  # NoReturn
        from argmap.errors import escape

        super().error(escape(message))
