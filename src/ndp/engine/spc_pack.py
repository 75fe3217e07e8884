"""An indicator's SPC block for the pack: its monthly series charted as Making Data Count does,
re-based at the steps the framework declares, with limits only on a group of enough recorded
months; a shorter group gets a run chart (its median) or no chart of variation (docs/spc.md)."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ndp.engine.framework import Framework
from ndp.engine.spc import run_spc
from ndp.engine.spc.batch import Chart, chart_many
from ndp.engine.spc.result import NO_LIMITS, Improvement

#: what a group of the series is drawn as
SPC, RUN, NONE = "spc", "run", "none"


IMPROVEMENT: dict[str, Improvement] = {"up": "increase", "down": "decrease", "neutral": "neutral"}


def series_spc(
    fw: Framework, name: str, monthly: list[dict[str, Any]], area: str = "nation"
) -> dict[str, Any] | None:
    """The SPC block of a monthly series (``[{month, value}]``) of the nation or an area, or
    None when no month has a record. A count's month without a record counts as zero once the
    source is being recorded; before its first record (a team not yet launched) the month is
    missing, not zero."""
    return series_spc_many(fw, name, {area: monthly})[area]


def series_spc_many(
    fw: Framework, name: str, series: dict[str, list[dict[str, Any]]]
) -> dict[str, dict[str, Any] | None]:
    """:func:`series_spc` of each area's monthly series (the same months), by area."""
    queue = SpcQueue(fw)
    out = queue.ask(name, series)
    queue.run()
    return out


@dataclass
class _Asked:
    out: dict[str, dict[str, Any] | None]
    area: str
    monthly: list[dict[str, Any]]
    values: list[float | None]
    steps: dict[int, str]


class SpcQueue:
    """SPC blocks asked for by many indicators and areas, charted together when :meth:`run`
    is called: every series (of the same months) that improves the same way and re-bases at
    the same months goes to one :func:`~ndp.engine.spc.batch.chart_many`, a few calls a pack
    rather than one per indicator and geography (each call's arrays cost the same whatever
    the number of series)."""

    def __init__(self, fw: Framework) -> None:
        self.fw = fw
        self._batches: dict[tuple[Improvement, tuple[int, ...]], list[_Asked]] = {}

    def ask(
        self, name: str, series: dict[str, list[dict[str, Any]]]
    ) -> dict[str, dict[str, Any] | None]:
        """The blocks of indicator ``name``'s series by area (:func:`series_spc`): the dict
        returned holds every area, None until :meth:`run` has charted its series."""
        ind = self.fw.indicators[name]
        improvement = IMPROVEMENT[ind.direction]
        out: dict[str, dict[str, Any] | None] = {}
        zero_filled = ind.unit == "count" and ind.kind != "stock"
        stepped = any(name in s.indicators for s in self.fw.spc.steps)
        for area, monthly in series.items():
            out[area] = None
            vals = [None if (v := p["value"]) is None else float(v) for p in monthly]
            first = next((i for i, v in enumerate(vals) if v is not None), None)
            if first is None:  # no month recorded: not charted
                continue
            if zero_filled:
                vals = vals[:first] + [0.0 if v is None else v for v in vals[first:]]
            # no step declared for the indicator: none to look for in its months
            steps = (
                _steps(self.fw, name, [m["month"] for m in monthly], vals, area) if stepped else {}
            )
            key = (improvement, tuple(sorted(steps)))
            self._batches.setdefault(key, []).append(_Asked(out, area, monthly, vals, steps))
        return out

    def run(self) -> None:
        """Chart every series asked for so far, filling the dicts :meth:`ask` returned."""
        batches, self._batches = self._batches, {}
        for (improvement, rebase), asked in batches.items():
            charts = chart_many(
                [a.values for a in asked],
                improvement,
                rebase_at=rebase,
                min_labelled=self.fw.spc.min_points,
            )
            for a, chart in zip(asked, charts, strict=True):
                a.out[a.area] = _block(self.fw, chart, a.monthly, a.values, a.steps)


def _block(
    fw: Framework,
    chart: Chart,
    monthly: list[dict[str, Any]],
    values: list[float | None],
    steps: dict[int, str],
) -> dict[str, Any]:
    """The pack's SPC block of one series: what :func:`_charted` makes of its
    ``to_json()``, floats as Decimals (their shortest repr, so the pack reads back unchanged),
    each point written once with its month and its own figure."""
    types, causes = chart.point_types, chart.special_causes
    for group in chart.groups:
        lo, n = group["start"] - 1, group["n"]
        recorded = [v for v in values[lo : lo + n] if v is not None]
        group["recorded"] = len(recorded)
        group["step"] = steps.get(group["start"])
        if len(recorded) >= fw.spc.min_points:
            group["chart"], group["median"] = SPC, None
        else:
            enough = len(recorded) >= fw.spc.run_chart_min_points
            group["chart"] = RUN if enough else NONE
            group["median"] = statistics.median(recorded) if enough else None
            group["mean"] = group["lpl"] = group["upl"] = None
            types[lo : lo + n] = [NO_LIMITS] * n
            causes[lo : lo + n] = [None] * n
        for key in ("mean", "lpl", "upl", "median"):
            if isinstance(group[key], float):
                group[key] = Decimal(repr(group[key]))
    charted = not chart.groups or chart.groups[-1]["chart"] == SPC
    return {
        "groups": chart.groups,
        "points": [
            {
                # the figure the method used: the month's own, exact, or the zero a count's
                # month without a record stands for once the source is recorded (so the chart
                # and its table show the points the mean and limits came from)
                "value": m["value"] if m["value"] is not None or v is None else 0,
                "point_type": kind,
                "special_cause_type": cause,
                "month": m["month"],
            }
            for m, v, kind, cause in zip(monthly, values, types, causes, strict=True)
        ],
        "variation": chart.variation if charted else None,
        "assurance": None,
        "short_group_warning": any(g["short_group_warning"] for g in chart.groups),
        "min_points": fw.spc.min_points,
    }


def spc_block(
    fw: Framework,
    name: str,
    months: list[str],
    values: list[float | None],
    improvement: Improvement,
    area: str = "nation",
) -> dict[str, Any]:
    """The SPC block of indicator ``name`` over ``months`` (YYYY-MM, oldest first), for the
    nation or an area (a region's name or a force's code: the steps declared for it)."""
    steps = _steps(fw, name, months, values, area)
    # a group too short for limits is not labelled point by point (its points are NO_LIMITS)
    labelled = fw.spc.min_points
    result = run_spc(values, improvement, rebase_at=sorted(steps), min_labelled=labelled)
    return _charted(fw, result.to_json(), values, steps)


def _steps(
    fw: Framework, name: str, months: list[str], values: list[float | None], area: str
) -> dict[int, str]:
    """The 1-based index of each step the framework declares for the area's series, after its
    first recorded month, with its reason."""
    first = next(i for i, v in enumerate(values) if v is not None)
    return {
        months.index(s.month) + 1: s.reason
        for s in fw.spc.steps
        if name in s.indicators
        and s.applies_to(area)
        and s.month in months
        and months.index(s.month) > first
    }


def _charted(
    fw: Framework, result: dict[str, Any], values: list[float | None], steps: dict[int, str]
) -> dict[str, Any]:
    """An SPC result's JSON as the pack gives it: each group drawn with limits, as a run chart
    or not at all, by how many months it has recorded."""
    for group in result["groups"]:
        lo = int(group["start"]) - 1
        points = result["points"][lo : lo + int(group["n"])]
        recorded = [float(v) for v in values[lo : lo + int(group["n"])] if v is not None]
        group["recorded"] = len(recorded)
        group["step"] = steps.get(int(group["start"]))
        if len(recorded) >= fw.spc.min_points:
            group["chart"], group["median"] = SPC, None
            continue
        enough = len(recorded) >= fw.spc.run_chart_min_points
        group["chart"] = RUN if enough else NONE
        group["median"] = statistics.median(recorded) if enough else None
        group["mean"] = group["lpl"] = group["upl"] = None
        for point in points:
            point["point_type"], point["special_cause_type"] = NO_LIMITS, None
    if result["groups"] and result["groups"][-1]["chart"] != SPC:
        result["variation"] = result["assurance"] = None
    result["min_points"] = fw.spc.min_points
    return result


__all__ = [
    "NONE",
    "NO_LIMITS",
    "RUN",
    "SPC",
    "SpcQueue",
    "series_spc",
    "series_spc_many",
    "spc_block",
]
