"""A force edition's charts: per success measure, the force's quarterly figures against its
region's and the nation's average per force, from the pack's ``by.force[code].quarterly`` and
the indicator's ``per_force`` (``region[name].quarterly``, ``nation.quarterly``).

All three lines are on the scale of one force, so the force's own line is never flattened by
a total: set against its region's total (22 disruptions against 177 for seven forces) or the
nation's (1,113) a force's line lies on the floor and says nothing. A rate's average per force
is the region's or the nation's pooled rate, on the same scale as the force's own.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ndp.report.charts import Chart, trend_chart
from ndp.report.force.select import Edition
from ndp.report.force.sentences import recording
from ndp.report.force.withheld import WITHHELD, chart_note, with_withheld, withheld_periods

NATION = "England and Wales"


def _points(quarters: list[dict[str, Any]] | None) -> list[tuple[str, Any]]:
    return [(q["period"], q["value"]) for q in quarters or []]


def force_series(ind: dict[str, Any], edition: Edition) -> dict[str, list[tuple[str, Any]]]:
    """The chart's lines by name: the force, its region's average per force, the nation's."""
    own = ind["by"]["force"][edition.code]
    series = {edition.name: _points(own.get("quarterly"))}
    per_force = ind.get("per_force") or {}
    region = (per_force.get("region") or {}).get(edition.region or "")
    if edition.region is not None and region is not None:
        series[f"{edition.region} average per force"] = _points(region.get("quarterly"))
    if per_force.get("nation") is not None:
        series[f"{NATION} average per force"] = _points(per_force["nation"].get("quarterly"))
    return series


def chart_indicator(pack: dict[str, Any], measure_id: str, edition: Edition) -> str | None:
    """The indicator a measure's chart draws: the one its success measure names if the force
    has a figure of its own for it, else the first that does."""
    measure = pack["measures"][measure_id]
    names = [measure["headline"]] if measure.get("headline") else []
    for name in [*names, *measure["indicators"]]:
        ind = pack["indicators"][name]
        if ind["value"] is None or not ind.get("measurable", True):
            continue
        if recording(ind, edition.place) == "own":
            return str(name)
    return None


def measure_trend(
    pack: dict[str, Any], measure_id: str, edition: Edition
) -> tuple[str, Chart] | None:
    """The measure's chart and the indicator it draws; None where the force has no figure of
    its own (a line of averages alone is the national report's)."""
    name = chart_indicator(pack, measure_id, edition)
    if name is None:
        return None
    ind = pack["indicators"][name]
    series = force_series(ind, edition)
    if not any(value is not None for _, value in series[edition.name]):
        return None
    title = f"{ind['title']}: {edition.name} against the average per force, by quarter"
    chart = trend_chart(f"{edition.code}-{name}", title, series, ind["unit"])
    region = ((ind.get("per_force") or {}).get("region") or {}).get(edition.region or "")
    return name, _with_gaps(chart, f"{edition.region} average per force", region, edition)


def _with_gaps(chart: Chart, line: str, block: dict[str, Any] | None, edition: Edition) -> Chart:
    """The chart with its region-average points the differencing rule withholds said so: a gap
    in the line (the point is null), "withheld" in its table, and a note why."""
    periods = withheld_periods(block)
    if not periods or line not in chart.columns:
        return chart
    chart = with_withheld(chart, line, periods)
    column = chart.columns.index(line)
    every = all(
        row[column] in (WITHHELD, "no records") for row in chart.rows
    )  # no point of the line is drawn
    note = chart_note(edition.region or "", periods, every=every)
    alt = chart.alt.replace(f"{line} has no records in these quarters.", "").strip()
    return replace(chart, note=note, alt=f"{alt} {note}")
