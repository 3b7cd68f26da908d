"""``python -m argmap``: the ``argmap`` command (see :mod:`argmap.cli`)."""

import sys

from argmap.cli import main

if __name__ == "__main__":
    sys.exit(main())
