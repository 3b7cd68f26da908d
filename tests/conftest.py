import os
import shutil

import pytest
from hypothesis import HealthCheck, settings

# Fast by default for `make test`; CI sets HYPOTHESIS_PROFILE=ci for more examples.
settings.register_profile("default", max_examples=50, deadline=None)
settings.register_profile("ci", max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=10, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

HAVE_DOT = shutil.which("dot") is not None


def pytest_collection_modifyitems(config, items):
    if HAVE_DOT:
        return
    skip = pytest.mark.skip(reason="Graphviz's dot program is not installed")
    for item in items:
        if "exe" in item.keywords:
            item.add_marker(skip)
