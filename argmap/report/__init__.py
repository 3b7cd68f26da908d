"""Faithful to the source: the offline HTML report (the article beside its
map) and lint (what is legal in a map but probably a mistake).

>>> from argmap import MapBuilder, Source
>>> b = MapBuilder(title="Lunch", source=Source("We should eat early. The canteen closes at one."))
>>> t = b.claim("Eat early", quote="We should eat early.")
>>> _ = b.support(t, "The canteen shuts at one", quote="The canteen closes at one.")
>>> page = report(b.build(), diagram=False)
>>> page.startswith("<!DOCTYPE html>") and "2 of 2 sentences (100.0%)" in page
True
>>> lint(b.build())
()
"""

from argmap.report._map import quiet_branches
from argmap.report.html import report, write_report
from argmap.report.lint import CODES, MAX_DISTANCE, distance, lint

__all__ = ["CODES", "MAX_DISTANCE", "distance", "lint", "quiet_branches", "report", "write_report"]
