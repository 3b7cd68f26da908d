"""The seed article's map, as examples/syria_airstrikes.py builds it (the
demo's script, loaded by path: examples/ is no package)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from argmap import ArgumentMap

ROOT = Path(__file__).resolve().parents[1]


def seed_map() -> ArgumentMap:
    """The map of the seed article (a new one at each call)."""
    spec = importlib.util.spec_from_file_location("syria_airstrikes_example", ROOT / "examples" / "syria_airstrikes.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    m: ArgumentMap = module.build_map()
    return m
