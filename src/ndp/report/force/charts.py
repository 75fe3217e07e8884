"""A force edition's charts: per success measure, the quarterly trend of the force against its
region, from the pack's ``by.force[code].quarterly`` and ``by.region[name].quarterly``.

The nation is left out of a count's chart on purpose: on one axis with England and Wales (1,113
disruptions against a force's 23) a force's line lies flat on zero and says nothing. The
nation's figures stand in the indicator's table and sentence, and its trend in the national
report. A rate shares the nation's scale, so a rate's chart draws England and Wales too.
"""

from __future__ import annotations

from typing import Any

from ndp.report.charts import Chart, trend_chart
from ndp.report.force.select import Edition
from ndp.report.force.sentences import recording


def _points(entry: dict[str, Any] | None) -> list[tuple[str, Any]]:
    return [(q["period"], q["value"]) for q in (entry or {}).get("quarterly") or []]


def measure_trend(
    pack: dict[str, Any], measure_id: str, edition: Edition
) -> tuple[str, Chart] | None:
    """The chart of the measure's first indicator with a figure for the force, and that
    indicator's name; None without one (a region's line alone is the national report's)."""
    for name in pack["measures"][measure_id]["indicators"]:
        ind = pack["indicators"][name]
        how = recording(ind, edition.place)
        if ind["value"] is None or how != "own":
            continue
        by = ind.get("by") or {}
        series: dict[str, list[tuple[str, Any]]] = {
            edition.name: _points(by["force"][edition.code])
        }
        region = by.get("region", {}).get(edition.region) if edition.region else None
        if region is not None:
            series[f"{edition.region} region"] = _points(region)
        if ind["unit"] == "percent":  # a rate shares the nation's scale, so it is drawn too
            series["England and Wales"] = _points({"quarterly": ind["series"]["quarterly"]})
        if not any(value is not None for points in series.values() for _, value in points):
            continue
        title = f"{ind['title']}: {' and '.join(series)}, by quarter"
        return name, trend_chart(f"{edition.code}-{name}", title, series, ind["unit"])
    return None
