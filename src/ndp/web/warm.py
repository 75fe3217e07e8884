"""Chart shapes made before the workers start, so no reader waits for one.

An indicator page's charts are filled in from one skeleton per chart shape
(:mod:`ndp.report.charts.skeleton`), and making a shape with Altair costs about 25 ms. The demo
quarter has 74 shapes across its 2,479 indicator-and-area pairs: left to the first reader of
each, they put 25 ms spikes into a worker's first few hundred indicator pages (the p95 of
bench/web.py). Made once in gunicorn's arbiter before it forks, every worker inherits them.
A newly published quarter's new shapes are made by the first page that needs one, as before.
"""

from __future__ import annotations

import time
from pathlib import Path

from ndp.appdb.model import NATIONAL
from ndp.web.packs import PackShelf
from ndp.web.projection import project
from ndp.web.views.charts import build_charts


def warm_chart_shapes(packs: Path) -> tuple[int, float]:
    """Build every indicator's charts at every area of the latest published pack (the national
    scope sees every area), for the shapes they leave behind; the charts themselves are dropped.
    Returns the pairs built and the CPU seconds it took; (0, 0.0) without a published pack."""
    started = time.process_time()
    pack = PackShelf(packs).latest()
    scoped = None if pack is None else project(pack, NATIONAL)
    if scoped is None:
        return 0, 0.0
    areas = [scoped.home, *(a.area for a in scoped.areas.values() if a.area != scoped.home)]
    pairs = 0
    for area in areas:
        for name in scoped.indicators:
            build_charts(scoped, area, name)
            pairs += 1
    return pairs, time.process_time() - started
