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
    style,
)
from ndp.report.charts.kinds import COMPARATOR_DASH, value_range
from ndp.report.charts.skeleton import skeleton

POINT_KINDS = {  # point_type prefix -> legend words, colour, shape
    "common_cause": ("Common cause", MUTED, "circle"),
    "special_cause_improvement": ("Special cause: improvement", "#0072B2", "triangle-up"),
    "special_cause_concern": ("Special cause: concern", "#D55E00", "triangle-down"),
    "special_cause_neutral": ("Special cause: neither", "#8B4A9C", "square"),
    "no_limits": ("Too few months for limits", MUTED, "diamond"),
}
COMMON = POINT_KINDS["common_cause"][0]
DASHES = {"Mean": [1, 0], "Median": [8, 3, 2, 3]}  # process limits: the comparator's dash
PLAIN = (COMMON, POINT_KINDS["no_limits"][0])


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


def month_axis(months: list[str]) -> alt.Axis:
    """Each month once: explicit ticks on the first of a month, every month for a short series
    and every third (or sixth) for a long one, so no label repeats and none overlaps."""
    stride = 1 if len(months) <= 8 else (3 if len(months) <= 24 else 6)
    ticks = [alt.DateTime(year=int(m[:4]), month=int(m[5:7]), date=1) for m in months[::stride]]
    return alt.Axis(format="%b %Y", labelAngle=0, values=ticks, labelFlush=False, grid=False)


def _guides(group_number: int, group: dict[str, Any], day: str) -> list[dict[str, Any]]:
    """The horizontal lines one month contributes to its group: mean and process limits on an
    SPC group, the median on a run chart, none on a group too short for either."""
    if group.get("chart") == "run":
        keys = [("median", "Median")]
    else:
        keys = [("mean", "Mean"), ("lpl", "Process limits"), ("upl", "Process limits")]
    out = []
    for key, line in keys:
        if group.get(key) is not None:
            level = number(group[key]) or 0
            out.append({"month": day, "y": max(level, 0), "line": line,
                        "which": f"{key}{group_number}"})  # fmt: skip
    return out


def spc_chart(id: str, title: str, spc: dict[str, Any], unit: str) -> Chart:
    """The SPC chart of an indicator's ``spc`` block from the pack: one segment a group, with
    its own mean and limits (or median), and a rule where the framework declared a step."""
    points_data: list[dict[str, Any]] = []
    limits: list[dict[str, Any]] = []
    steps: list[dict[str, Any]] = []
    rows: list[list[str]] = []
    months: list[str] = []
    for group_number, group, points in _grouped(spc):
        recorded = _recorded(points)
        if group.get("step") and recorded:
            steps.append({"month": recorded[0]["month"] + "-01", "reason": group["step"]})
        for point in recorded:
            kind = point_kind(point)
            words, cause = POINT_KINDS[kind][0], point.get("special_cause_type")
            day = point["month"] + "-01"
            months.append(point["month"])
            if point["value"] is not None:
                about = f"{month_name(point['month'])}: {fmt.figure(point['value'], unit)}"
                points_data.append({"month": day, "value": number(point["value"]), "kind": words,
                                    "group": group_number,
                                    "about": f"{about}, {words.lower()}"})  # fmt: skip
            limits.extend(_guides(group_number, group, day))
            special = f" ({plain_cause(cause)})" if cause and kind != "common_cause" else ""
            variation = words + special if point["value"] is not None else "–"
            rows.append([month_name(point["month"]), shown(point["value"], unit), variation])
    present = [v for v in POINT_KINDS.values() if any(d["kind"] == v[0] for d in points_data)]
    lines = sorted({d["line"] for d in limits}, key=["Mean", "Median", "Process limits"].index)
    # the spec's shape: every part of it that is not data
    key = ("spc", tuple(months), tuple(present), unit, tuple(lines), bool(limits), bool(steps))
    made = lambda: _spc(months, present, unit, lines, bool(limits), bool(steps))  # noqa: E731
    chart = skeleton(key, made, style)  # made with Altair once per shape and process
    alt_text = f"{title}. " + _words(spc, points_data, unit)
    columns = ["Month", "Value", "Variation"]
    datasets = {"points": points_data, "limits": limits, "steps": steps}
    return build(id, title, alt_text, chart, columns, rows, datasets, limits_note(spc, unit))


def _spc(
    months: list[str], present: list[tuple[str, str, str]], unit: str, lines: list[str],
    has_limits: bool, has_steps: bool,
) -> alt.TopLevelMixin:  # fmt: skip
    """The SPC chart with Altair: its axis, point kinds, guides and steps, with no data."""
    colours = alt.Scale(domain=[k[0] for k in present], range=[k[1] for k in present])
    shapes = alt.Scale(domain=[k[0] for k in present], range=[k[2] for k in present])
    month = alt.X(field="month", type="temporal", title=None, axis=month_axis(months))
    # counts and money start at zero, so a month's height is its size; rates keep their range
    y = alt.Y(
        field="value", type="quantitative", title=None, scale=alt.Scale(zero=unit != "percent"),
        axis=alt.Axis(labelExpr=axis_labels(unit)),
    )  # fmt: skip
    values = alt.Chart(data("points")).encode(x=month, y=y)
    legend = alt.Legend(columns=2, symbolStrokeWidth=0, symbolSize=90)
    marked = values.encode(
        color=alt.Color(field="kind", type="nominal", scale=colours, title=None, legend=legend),
        shape=alt.Shape(field="kind", type="nominal", scale=shapes, title=None, legend=legend),
        description=alt.Description(field="about", type="nominal"),
    )
    dash = alt.Scale(
        domain=lines,
        range=[DASHES.get(line, COMPARATOR_DASH) for line in lines],
    )
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
        *([guides.properties(name="limits")] if has_limits else []),
        values.mark_line(color=INK, strokeWidth=1.5)
        .encode(detail=alt.Detail(field="group", type="nominal"))
        .properties(name="values"),
        marked.transform_filter(f"indexof({list(PLAIN)}, datum.kind) >= 0")
        .mark_point(filled=True, size=30, opacity=1)
        .properties(name="common_cause"),
        marked.transform_filter(f"indexof({list(PLAIN)}, datum.kind) < 0")
        .mark_point(filled=True, size=80, opacity=1)
        .properties(name="special_cause"),
    ]
    if has_steps:
        layers.insert(
            0,
            alt.Chart(data("steps"))
            .mark_rule(color=MUTED, strokeWidth=1, strokeDash=[2, 2])
            .encode(x=alt.X(field="month", type="temporal"))
            .properties(name="steps"),
        )
        layers.append(
            alt.Chart(data("steps"))
            .mark_text(align="right", baseline="top", dx=-3, dy=2, color=MUTED, fontSize=11)
            .encode(
                x=alt.X(field="month", type="temporal"), y=alt.value(0), text=alt.value("Re-based")
            )
            .properties(name="step_labels")
        )
    return alt.layer(*layers).properties(width=WIDTH, height=HEIGHT)


def limits_note(spc: dict[str, Any], unit: str) -> str:
    """Each group's mean and process limits (or its median), with the months it covers, the
    step that started it and, for a short group, why it has no limits."""
    need = spc.get("min_points", 15)
    parts = []
    for _, group, all_points in _grouped(spc):
        points = _recorded(all_points)
        if not points:
            continue
        span = f"{month_name(points[0]['month'])} to {month_name(points[-1]['month'])}"
        if group.get("step"):
            span += f" (re-based: {group['step']})"
        chart = group.get("chart", "spc")
        if chart == "run" and group.get("median") is not None:
            parts.append(
                f"{span}: median {exact(group['median'], unit)} (a run chart: "
                f"{len(points)} months, fewer than the {need} limits need)"
            )
        elif chart == "none" or group.get("mean") is None:
            parts.append(f"{span}: {len(points)} months, too few for limits or a run chart")
        else:
            text = f"{span}: mean {exact(group['mean'], unit)}"
            if group.get("lpl") is not None and group.get("upl") is not None:
                below = " (below zero, drawn at zero)" if (number(group["lpl"]) or 0) < 0 else ""
                text += (
                    f", lower process limit {exact(group['lpl'], unit)}{below}"
                    f", upper process limit {exact(group['upl'], unit)}"
                )
            parts.append(text)
    return "; ".join(parts) + "." if parts else ""


def charted(spc: dict[str, Any]) -> bool:
    """Whether any group of the series has enough months for limits or a run chart."""
    return any(g.get("chart", "spc") != "none" for g in spc.get("groups") or [])


def _words(spc: dict[str, Any], data: list[dict[str, Any]], unit: str) -> str:
    points = _recorded(spc["points"])
    if not points:
        return "No monthly figures."
    first, last = points[0], points[-1]
    kinds = {g.get("chart", "spc") for g in spc.get("groups") or []}
    name = "Statistical process control chart" if "spc" in kinds else "Run chart"
    text = (
        f"{name} of {len(points)} monthly figures, "
        f"{month_name(first['month'])} to {month_name(last['month'])}, which "
        f"{value_range([p['value'] for p in points], unit)}; "
    )
    if last["value"] is not None:
        text += f"the latest, {month_name(last['month'])}, is {fmt.figure(last['value'], unit)}."
    else:
        text += f"there are no records for {month_name(last['month'])}, the latest month."
    note = limits_note(spc, unit)
    if note:
        text += f" By period: {note}"
    if "spc" not in kinds:
        return text
    counts = {
        words.split(": ")[1].replace("neither", "neither improvement nor concern"): sum(
            d["kind"] == words for d in data
        )
        for words, _, _ in POINT_KINDS.values()
        if words.startswith("Special cause")
    }
    special = sum(counts.values())
    if special:
        parts = ", ".join(f"{n} {w}" for w, n in counts.items() if n)
        points_word = "point shows" if special == 1 else "points show"
        text += f" {special} {points_word} special-cause variation ({parts})."
    else:
        text += " All points within the limits show common-cause variation."
    return text
