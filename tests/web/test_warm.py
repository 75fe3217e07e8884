"""The chart shapes made before gunicorn forks cover every page a reader can open."""

from __future__ import annotations

from pathlib import Path

from ndp.appdb.model import Scope
from ndp.report.charts import skeleton
from ndp.web.packs import PackShelf
from ndp.web.projection import project
from ndp.web.views.charts import build_charts
from ndp.web.warm import warm_chart_shapes


def test_warming_builds_every_indicator_at_every_area(published: Path) -> None:
    skeleton.forget()
    pairs, _ = warm_chart_shapes(published)
    pack = PackShelf(published).latest()
    assert pack is not None
    areas = 1 + len(pack.data["geographies"]["regions"]) + len(pack.data["geographies"]["forces"])
    assert pairs == areas * len(pack.data["indicators"])
    assert skeleton.shapes() > 20


def test_no_page_of_any_scope_needs_a_shape_warming_did_not_make(published: Path) -> None:
    skeleton.forget()
    warm_chart_shapes(published)
    made = skeleton.shapes()
    pack = PackShelf(published).latest()
    assert pack is not None
    for scope in (
        Scope("force", "E23000032"),
        Scope("region", "South East"),
        Scope("force", "NLF"),
    ):
        scoped = project(pack, scope)
        assert scoped is not None, scope
        for figures in scoped.areas.values():
            for name in scoped.indicators:
                build_charts(scoped, figures.area, name)
    assert skeleton.shapes() == made


def test_without_a_published_pack_nothing_is_warmed(tmp_path: Path) -> None:
    assert warm_chart_shapes(tmp_path) == (0, 0.0)
