"""The monthly SPC chart: the values as a line, each group's mean (solid) and process limits
(dashed), and special-cause points marked by shape as well as colour, so colour is never the
only cue. The table gives every month with its variation; the limits go in the table's note
rather than in repeated cells (a PDF table costs time per cell)."""

from __future__ import annotations

from datetime import date
from typing import Any

import altair as alt

from ndp.report import format as fmt
from ndp.report.charts.base import (
    HEIGHT,
    INK,
    MUTED,
    WIDTH,
    Chart,
    axis_labels,
    build,
    data,
    exact,
    number,
    shown,
)
from ndp.report.charts.kinds import COMPARATOR_DASH, value_range

POINT_KINDS = {  # point_type prefix -> legend words, colour, shape
    "common_cause": ("Common cause", MUTED, "circle"),
    "special_cause_improvement": ("Special cause: improvement", "#0072B2", "triangle-up"),
    "special_cause_concern": ("Special cause: concern", "#D55E00", "triangle-down"),
    "special_cause_neutral": ("Special cause: neither", "#8B4A9C", "square"),
}
COMMON = POINT_KINDS["common_cause"][0]


def point_kind(point: dict[str, Any]) -> str:
    """``special_cause_neutral_high`` -> ``special_cause_neutral``; a month without records
    is never a special cause."""
    point_type = str(point.get("point_type") or "")
    if point.get("value") is not None:
        for prefix in POINT_KINDS:
            if point_type.startswith(prefix):
                return prefix
    return "common_cause"


CAUSES = {  # the SPC rules' names (docs/spc.md) in words
    "Above UCL": "above the upper process limit",
    "Below LCL": "below the lower process limit",
    "7 Point Trend (Increasing)": "7 or more rising in a row",
    "7 Point Trend (Decreasing)": "7 or more falling in a row",
    "2 in 3 Above CL": "2 of 3 close to the upper process limit",
    "2 in 3 Below CL": "2 of 3 close to the lower process limit",
    "7 Points Above CL": "7 or more in a row above the mean",
    "7 Points Below CL": "7 or more in a row below the mean",
}


def plain_cause(cause: str) -> str:
    """The rule that made a point a special cause, in words (the pack's name if unknown)."""
    return CAUSES.get(str(cause), str(cause))


def month_name(month: str) -> str:
    """``2022-07`` -> ``Jul 2022``."""
    return f"{date.fromisoformat(month + '-01'):%b %Y}"


def _grouped(spc: dict[str, Any]) -> list[tuple[int, dict[str, Any], list[dict[str, Any]]]]:
    """Each group with its number and its points (``start`` counts from 1)."""
    points = spc["points"]
    return [
        (
            number_,
            group,
            points[int(group["start"]) - 1 : int(group["start"]) - 1 + int(group["n"])],
        )
        for number_, group in enumerate(spc["groups"])
    ]


def _recorded(points: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The points from the first month with a value: the months before a source was first
    recorded are neither drawn, nor tabled, nor given limits."""
    first = next((i for i, p in enumerate(points) if p["value"] is not None), len(points))
    return points[first:]


def spc_chart(id: str, title: str, spc: dict[str, Any], unit: str) -> Chart:
    """The SPC chart of an indicator's ``spc`` block from the pack."""
    points_data: list[dict[str, Any]] = []
    limits: list[dict[str, Any]] = []
    rows: list[list[str]] = []
    for group_number, group, points in _grouped(spc):
        for point in _recorded(points):
            kind = point_kind(point)
            words, cause = POINT_KINDS[kind][0], point.get("special_cause_type")
            day = point["month"] + "-01"
            if point["value"] is not None:
                about = f"{month_name(point['month'])}: {fmt.figure(point['value'], unit)}"
                points_data.append({"month": day, "value": number(point["value"]), "kind": words,
                                    "about": f"{about}, {words.lower()}"})  # fmt: skip
            for key in ("mean", "lpl", "upl"):
                if group.get(key) is not None:
                    line = "Mean" if key == "mean" else "Process limits"
                    level = number(group[key]) or 0
                    if key == "lpl" and level < 0:
                        level = 0  # counts, money and rates cannot fall below zero: nor the line
                    limits.append({"month": day, "y": level, "line": line,
                                   "which": f"{key}{group_number}"})  # fmt: skip
            special = f" ({plain_cause(cause)})" if cause and kind != "common_cause" else ""
            variation = words + special if point["value"] is not None else "–"
            rows.append([month_name(point["month"]), shown(point["value"], unit), variation])
    present = [v for v in POINT_KINDS.values() if any(d["kind"] == v[0] for d in points_data)]
    colours = alt.Scale(domain=[k[0] for k in present], range=[k[1] for k in present])
    shapes = alt.Scale(domain=[k[0] for k in present], range=[k[2] for k in present])
    month = alt.X(
        field="month", type="temporal", title=None,
        axis=alt.Axis(format="%b %Y", labelAngle=0, tickCount=8, labelFlush=False),
    )  # fmt: skip
    y = alt.Y(
        field="value", type="quantitative", title=None, scale=alt.Scale(zero=False),
        axis=alt.Axis(labelExpr=axis_labels(unit)),
    )  # fmt: skip
    values = alt.Chart(data("points")).encode(x=month, y=y)
    legend = alt.Legend(columns=2, symbolStrokeWidth=0, symbolSize=90)
    marked = values.encode(
        color=alt.Color(field="kind", type="nominal", scale=colours, title=None, legend=legend),
        shape=alt.Shape(field="kind", type="nominal", scale=shapes, title=None, legend=legend),
        description=alt.Description(field="about", type="nominal"),
    )
    dash = alt.Scale(domain=["Mean", "Process limits"], range=[[1, 0], COMPARATOR_DASH])
    guides = (
        alt.Chart(data("limits"))
        .mark_line(color=MUTED, strokeWidth=1.2)
        .encode(
            x=alt.X(field="month", type="temporal"),
            y=alt.Y(field="y", type="quantitative"),
            detail=alt.Detail(field="which", type="nominal"),
            strokeDash=alt.StrokeDash(
                field="line", type="nominal", title=None, scale=dash,
                legend=alt.Legend(columns=1, symbolSize=500, symbolStrokeWidth=1.5),
            ),
        )
    )  # fmt: skip
    layers = [
        guides.properties(name="limits"),
        values.mark_line(color=INK, strokeWidth=1.5),
        marked.transform_filter(f"datum.kind == '{COMMON}'")
        .mark_point(filled=True, size=30, opacity=1)
        .properties(name="common_cause"),
        marked.transform_filter(f"datum.kind != '{COMMON}'")
        .mark_point(filled=True, size=80, opacity=1)
        .properties(name="special_cause"),
    ]
    chart = alt.layer(*layers).properties(width=WIDTH, height=HEIGHT)
    alt_text = f"{title}. " + _words(spc, points_data, unit)
    columns = ["Month", "Value", "Variation"]
    datasets = {"points": points_data, "limits": limits}
    return build(id, title, alt_text, chart, columns, rows, datasets, limits_note(spc, unit))


def limits_note(spc: dict[str, Any], unit: str) -> str:
    """Each group's mean and process limits, with the months it covers."""
    parts = []
    for _, group, all_points in _grouped(spc):
        points = _recorded(all_points)
        if not points or group.get("mean") is None:
            continue
        span = f"{month_name(points[0]['month'])} to {month_name(points[-1]['month'])}"
        text = f"{span}: mean {exact(group['mean'], unit)}"
        if group.get("lpl") is not None and group.get("upl") is not None:
            below = " (below zero, drawn at zero)" if (number(group["lpl"]) or 0) < 0 else ""
            text += (
                f", lower process limit {exact(group['lpl'], unit)}{below}"
                f", upper process limit {exact(group['upl'], unit)}"
            )
        parts.append(text)
    return "; ".join(parts) + "." if parts else ""


def _words(spc: dict[str, Any], data: list[dict[str, Any]], unit: str) -> str:
    points = spc["points"]
    if not any(p["value"] is not None for p in points):
        return "No monthly figures."
    first, last = points[0], points[-1]
    text = (
        f"Statistical process control chart of {len(points)} monthly figures, "
        f"{month_name(first['month'])} to {month_name(last['month'])}, which "
        f"{value_range([p['value'] for p in points], unit)}; "
    )
    if last["value"] is not None:
        text += f"the latest, {month_name(last['month'])}, is {fmt.figure(last['value'], unit)}."
    else:
        text += f"there are no records for {month_name(last['month'])}, the latest month."
    note = limits_note(spc, unit)
    if note:
        text += f" Mean and process limits: {note}"
    counts = {
        words.split(": ")[1].replace("neither", "neither improvement nor concern"): sum(
            d["kind"] == words for d in data
        )
        for words, _, _ in POINT_KINDS.values()
        if words != COMMON
    }
    special = sum(counts.values())
    if special:
        parts = ", ".join(f"{n} {w}" for w, n in counts.items() if n)
        points_word = "point shows" if special == 1 else "points show"
        text += f" {special} {points_word} special-cause variation ({parts})."
    else:
        text += " All points show common-cause variation."
    return text
