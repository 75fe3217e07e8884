"""An indicator's charts at an area, from the report's own chart builders (the same Vega-Lite
specs, text alternatives and data tables as the PDF), built without rendering SVG: the browser
draws the spec, the page carries the table and the text."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ndp.engine.disclosure.differencing import RULE
from ndp.report.charts import Chart, spc_chart, specs_only, trend_chart
from ndp.report.charts.measure import comparator
from ndp.report.charts.spc import charted
from ndp.report.force.withheld import with_withheld, withheld_periods
from ndp.web.areas import Area
from ndp.web.projection import ScopedPack

AVERAGE = "England and Wales average per force"


def _quarterly(rows: list[dict[str, Any]] | None) -> list[tuple[str, Any]]:
    return [(q["period"], q.get("value")) for q in rows or []]


def area_entry(scoped: ScopedPack, area: Area, name: str) -> dict[str, Any] | None:
    """The indicator's figures at the area: the nation's own, or the area's ``by`` entry."""
    if area.kind == "national":
        return scoped.indicators[name]
    figures = scoped.area(area.kind, area.code)
    return None if figures is None else figures.indicators.get(name)


_built: dict[tuple[str, str, str, str], dict[str, Chart]] = {}
_MAX = 2048


def indicator_charts(scoped: ScopedPack, area: Area, name: str) -> dict[str, Chart]:
    """The charts of :func:`build_charts`, built once per (pack, scope, area, indicator) and
    process: a page, its twin and its chart specs share them."""
    key = (scoped.sha256, scoped.scope, area.path, name)
    found = _built.get(key)
    if found is None:
        if len(_built) >= _MAX:
            _built.clear()
        found = _built[key] = build_charts(scoped, area, name)
    return found


def build_charts(scoped: ScopedPack, area: Area, name: str) -> dict[str, Chart]:
    """``trend`` (the area's quarters against its comparator; a force's beside the nation's
    average per force) and ``spc`` (monthly, where the series has enough months)."""
    ind = scoped.indicators[name]
    entry = area_entry(scoped, area, name)
    if entry is None:
        return {}
    unit, title = ind["unit"], ind["title"]
    if area.kind == "national":
        series = {area.name: _quarterly(ind["series"]["quarterly"])}
        line = comparator(ind)
    else:
        series = {area.name: _quarterly(entry.get("quarterly"))}
        average = (ind.get("per_force") or {}).get("nation")
        if area.kind == "force" and average and average.get("quarterly"):
            series[AVERAGE] = _quarterly(average["quarterly"])
        line = comparator({"comparisons": entry.get("comparisons") or {}})
    charts: dict[str, Chart] = {}
    with specs_only():
        if any(v is not None for points in series.values() for _, v in points):
            trend = trend_chart(f"{name}-trend", f"{title} by quarter", series, unit, line)
            charts["trend"] = _with_gaps(trend, area.name, entry)
        spc = entry.get("spc") or {}
        if spc.get("points") and charted(spc):
            charts["spc"] = spc_chart(f"{name}-spc", f"{title} by month", spc, unit)
    return charts


def _with_gaps(chart: Chart, line: str, entry: dict[str, Any]) -> Chart:
    """A region's trend as a force sees it: the quarters the differencing rule withholds are
    gaps in the line, "withheld" in its table, and the note says why."""
    periods = withheld_periods(entry)
    if not periods or line not in chart.columns:
        return chart
    those = "that quarter" if len(periods) == 1 else "those quarters"
    note = f"{line} is withheld for {', '.join(periods)} (gaps in its line): in {those} {RULE}."
    return replace(with_withheld(chart, line, periods), note=note, alt=f"{chart.alt} {note}")
