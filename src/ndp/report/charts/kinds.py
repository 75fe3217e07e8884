"""The report's three kinds of chart, built on plain data so the national report and the
per-force edition draw them alike: a quarterly trend with its comparator, a sorted bar chart
for breakdowns and regions, and the monthly SPC chart with its process limits.

Each text alternative is written from the same data the chart draws: what the chart shows, the
range of its figures and the latest value, so the figure is never only a picture.
"""

from __future__ import annotations

from typing import Any

import altair as alt

from ndp.report import format as fmt
from ndp.report.charts.base import (
    HEIGHT,
    INK,
    MUTED,
    SERIES_COLOURS,
    SERIES_SHAPES,
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
from ndp.report.charts.skeleton import placeholder, skeleton

Value = Any  # Decimal | int | float | None: a pack figure
COMPARATOR_DASH = [6, 4]


def value_range(values: list[Value], unit: str) -> str:
    present = [v for v in values if v is not None]
    low, high = min(present), max(present)
    if low == high:
        return f"was {fmt.figure(low, unit)} throughout"
    return f"ranged from {fmt.figure(low, unit)} to {fmt.figure(high, unit)}"


def trend_chart(
    id: str,
    title: str,
    series: dict[str, list[tuple[str, Value]]],
    unit: str,
    comparator: tuple[str, Value] | None = None,
) -> Chart:
    """Quarterly lines, one per named series (a colour and a marker shape each), with the
    comparator as a dashed horizontal rule named in the legend, e.g. "Benchmark 729.25"."""
    names = list(series)
    periods = list(dict.fromkeys(p for points in series.values() for p, _ in points))
    datasets = {}
    datasets["series"] = [
        {"period": p, "value": number(v), "series": name}
        for name, points in series.items()
        for p, v in points
    ]
    sentences = []
    for name, pts in series.items():
        values = [v for _, v in pts]
        if all(v is None for v in values):
            sentences.append(f"{name} has no records in these quarters.")
            continue
        last_period, last = pts[-1]
        latest = f"{fmt.figure(last, unit)} in {last_period}" if last is not None else None
        sentences.append(
            f"{name} {value_range(values, unit)}"
            + (f"; the latest figure is {latest}." if latest else f"; no records in {last_period}.")
        )
    label = None
    if comparator is not None and comparator[1] is not None:
        label = f"{comparator[0]} {exact(comparator[1], unit)}"
        datasets["comparator"] = [{"y": number(comparator[1]), "line": label}]
        sentences.append(f"The dashed line marks the {label[:1].lower() + label[1:]}.")
    span = f"{periods[0]} to {periods[-1]}" if periods else "no quarters"
    alt_text = f"{title}. Line chart by quarter, {span}. {' '.join(sentences)}".strip()
    # the spec's shape: its quarters, unit and number of series; names and label are filled in
    key = ("trend", tuple(periods), len(names), unit, label is not None)
    fill = {f"name{i}": name for i, name in enumerate(names)}
    shape = [placeholder(k) for k in fill]
    if label is not None:
        fill["label"] = label
    held = placeholder("label") if label is not None else None
    spec = skeleton(key, lambda: _trend(periods, shape, unit, held), style, fill)
    rows = [[p] + [shown(dict(series[n]).get(p), unit) for n in names] for p in periods]
    return build(id, title, alt_text, spec, ["Quarter", *names], rows, datasets)


def _trend(periods: list[str], names: list[str], unit: str, label: str | None) -> alt.TopLevelMixin:
    """The trend chart with Altair (with placeholders for its series' names and label)."""
    x = alt.X(field="period", type="ordinal", sort=periods, title=None,
        axis=alt.Axis(labelAngle=0, labelExpr="split(datum.label, ' ')"),
    )  # fmt: skip
    y = alt.Y(
        field="value",
        type="quantitative",
        title=None,
        axis=alt.Axis(labelExpr=axis_labels(unit), tickMinStep=1),
    )
    colours = alt.Scale(domain=names, range=SERIES_COLOURS[: len(names)])
    shapes = alt.Scale(domain=names, range=SERIES_SHAPES[: len(names)])
    base = alt.Chart(data("series")).encode(x=x, y=y)
    lines = base.mark_line(strokeWidth=2).encode(
        color=alt.Color(field="series", type="nominal", scale=colours)
    )
    points = base.mark_point(filled=True, size=45, opacity=1).encode(
        color=alt.Color(field="series", type="nominal", scale=colours, title=None),
        shape=alt.Shape(field="series", type="nominal", scale=shapes, title=None),
    )
    layers: list[alt.Chart] = [lines, points]
    if label is not None:
        layers.append(
            alt.Chart(data("comparator")).mark_rule(color=INK, strokeWidth=1.5).encode(
                y=alt.Y(field="y", type="quantitative"),
                strokeDash=alt.StrokeDash(
                    field="line", type="nominal", title=None,
                    scale=alt.Scale(domain=[label], range=[COMPARATOR_DASH]),
                ),
            )
        )  # fmt: skip
    return alt.layer(*layers).properties(width=WIDTH, height=HEIGHT)


def _room(bars: list[dict[str, Any]], drawn: list[tuple[str, Value]]) -> float:
    """The value scale's end: the largest bar plus its label's width, on a plot about as wide
    as the chart less its category labels."""
    if not bars:
        return 1.0
    plot = WIDTH - 12 - 7 * max(len(n) for n, _ in drawn)
    label = 20 + 7 * max(len(b["label"]) for b in bars)
    top = max(float(b["value"]) for b in bars) or 1.0
    return top * plot / max(plot - label, plot / 2)


def bar_chart(
    id: str,
    title: str,
    rows: list[tuple[str, Value]],
    unit: str,
    category: str = "Category",
    value_label: str | None = None,
    aside: tuple[str, Value] | None = None,
) -> Chart:
    """Horizontal bars, largest first, each labelled with its figure in the house style; the
    table's columns are ``category`` and ``value_label`` (the title when not given). ``aside``
    is a remainder outside the categories (records not attributed to a region): drawn last, in
    grey, and named in the text alternative."""
    ranked = sorted(rows, key=lambda r: (r[1] is None, -(r[1] or 0), r[0]))
    drawn = [(name, v) for name, v in ranked if v is not None]
    bars = [{"name": n, "value": number(v), "label": fmt.figure(v, unit), "aside": False}
            for n, v in drawn]  # fmt: skip
    summary_rows = list(drawn)
    if aside is not None:
        ranked.append(aside)
        drawn.append(aside)
        bars.append({"name": aside[0], "value": number(aside[1]),
                     "label": fmt.figure(aside[1], unit), "aside": True})  # fmt: skip
    y = alt.Y(
        field="name", type="nominal", sort=[n for n, _ in drawn], title=None,
        axis=alt.Axis(ticks=False, domain=False, labelPadding=6),
    )  # fmt: skip
    # every bar carries its figure, so there is no value axis; the scale leaves room for the
    # longest label (about 7 px a character at 11 px) beyond the longest bar
    x = alt.X(
        field="value", type="quantitative", title=None, axis=None,
        scale=alt.Scale(domain=[0, _room(bars, drawn)], nice=False),
    )  # fmt: skip
    base = alt.Chart(data("bars")).encode(x=x, y=y)
    drawn_bars = base.mark_bar(size=15).encode(
        color=alt.condition("datum.aside", alt.value(MUTED), alt.value(SERIES_COLOURS[0]))
    )
    labels = base.mark_text(align="left", baseline="middle", dx=4, color=INK).encode(
        text=alt.Text(field="label", type="nominal")
    )
    height = max(2, len(drawn)) * 22 + 8  # the whole chart: 22 px a bar
    chart = alt.layer(drawn_bars, labels).properties(width=WIDTH, height=height)
    if len(summary_rows) == 1:
        only, only_v = summary_rows[0]
        summary = f"Bar chart of one category: {only} with {fmt.figure(only_v, unit)}."
    elif summary_rows:
        (high, high_v), (low, low_v) = summary_rows[0], summary_rows[-1]
        summary = (
            f"Bar chart of {len(summary_rows)} categories, largest first: the highest is {high} "
            f"with {fmt.figure(high_v, unit)} and the lowest {low} with {fmt.figure(low_v, unit)}."
        )
    else:
        summary = "No category has records."
    if aside is not None:
        summary += f" A last bar, {aside[0].lower()}, shows {fmt.figure(aside[1], unit)}."
    table = [[name, shown(v, unit)] for name, v in ranked]
    return build(
        id,
        title,
        f"{title}. {summary}",
        chart,
        [category, value_label or title],
        table,
        {"bars": bars},
    )
