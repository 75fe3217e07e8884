"""A measure's charts, read from the pack: the figures the report already states, drawn."""

from __future__ import annotations

from typing import Any

from ndp.report.charts.base import Chart, plain
from ndp.report.charts.kinds import Value, bar_chart, trend_chart
from ndp.report.charts.spc import charted, point_kind, spc_chart

NATION = "England and Wales"
UNATTRIBUTED = "Not attributed to a region"


def comparator(indicator: dict[str, Any]) -> tuple[str, Value] | None:
    """The line a trend is read against: the benchmark or target where the framework names one,
    otherwise the previous year's quarterly average (a flow) or its year-end figure (a stock)."""
    comparisons = indicator["comparisons"]
    bench = comparisons.get("benchmark") or {}
    if bench.get("value") is not None:
        return ("Target" if bench.get("basis") == "target" else "Benchmark", bench["value"])
    average = comparisons.get("previous_year_quarterly_average") or {}
    if average.get("value") is not None:
        return (f"{average['period']} quarterly average", average["value"])
    year_end = comparisons.get("previous_year_end") or {}
    if year_end.get("value") is not None:
        return (f"{year_end['period']} year end", year_end["value"])
    return None


def category_name(dimension: str, category: str) -> str:
    """Breakdown categories in plain English: ``outcome_code`` ``4`` -> ``Outcome 4``."""
    if dimension.endswith("_code"):
        return f"{plain(dimension.removesuffix('_code'))} {category}"
    return plain(category)


def _withheld(*blocks: dict[str, Any]) -> bool:
    """Whether disclosure control withholds a figure of any of ``blocks`` (a chart of them
    would draw a gap where the reader is told nothing; the tables say what is withheld)."""
    return any(block.get("suppressed") for block in blocks)


def indicator_charts(
    indicator: dict[str, Any], prefix: str, period: str, *, area: str = NATION
) -> list[Chart]:
    """Trend, SPC, breakdown and regions charts for one indicator, each where it has data."""
    title, unit = indicator["title"], indicator["unit"]
    charts = []
    quarterly = [(q["period"], q["value"]) for q in indicator["series"]["quarterly"]]
    if any(v is not None for _, v in quarterly) and not _withheld(
        *indicator["series"]["quarterly"]
    ):
        charts.append(
            trend_chart(
                f"{prefix}-trend", f"{title} by quarter", {area: quarterly}, unit,
                comparator(indicator),
            )
        )  # fmt: skip
    spc = indicator.get("spc") or {}
    if spc.get("points") and charted(spc):
        charts.append(spc_chart(f"{prefix}-spc", f"{title} by month", spc, unit))
    for dimension, parts in (indicator.get("breakdown") or {}).items():
        rows = [(category_name(dimension, k), v) for k, v in parts.items() if v is not None]
        if len(rows) >= 2 and not _withheld(indicator):
            charts.append(
                bar_chart(
                    f"{prefix}-{dimension}", f"{title} by {plain(dimension).lower()}, {period}",
                    rows, unit, category=plain(dimension), value_label=title,
                )
            )  # fmt: skip
            break
    regions = (indicator.get("by") or {}).get("region") or {}
    region_rows = [(name, r["value"]) for name, r in regions.items() if r.get("value") is not None]
    rest = ((indicator.get("by") or {}).get("unattributed") or {}).get("region") or {}
    # the regions do not add up to the nation: the pack's remainder is drawn, and named
    aside = (UNATTRIBUTED, rest["value"]) if rest.get("value") else None
    if region_rows and not _withheld(rest, *regions.values()):
        charts.append(
            bar_chart(
                f"{prefix}-regions", f"{title} by region, {period}", region_rows, unit,
                category="Region", value_label=title, aside=aside,
            )
        )  # fmt: skip
    return charts


def spc_adds(indicator: dict[str, Any]) -> bool:
    """Whether the SPC chart says more than the quarterly trend: it has a special-cause point
    (which is also when a status comes from SPC: the latest month's special cause)."""
    points = (indicator.get("spc") or {}).get("points") or []
    plain = ("common_cause", "no_limits")
    return any(p.get("value") is not None and point_kind(p) not in plain for p in points)


def measure_chart(indicator: dict[str, Any], prefix: str) -> Chart | None:
    """The one chart a measure shows in the body: the SPC chart where SPC adds something, else
    the quarterly trend with its comparator; None without a figure to draw."""
    if spc_adds(indicator):
        return spc_chart(f"{prefix}-spc", f"{indicator['title']} by month", indicator["spc"],
                         indicator["unit"])  # fmt: skip
    quarterly = [(q["period"], q["value"]) for q in indicator["series"]["quarterly"]]
    if not any(v is not None for _, v in quarterly) or _withheld(*indicator["series"]["quarterly"]):
        return None
    return trend_chart(
        f"{prefix}-trend", f"{indicator['title']} by quarter", {NATION: quarterly},
        indicator["unit"], comparator(indicator),
    )  # fmt: skip


def measure_charts(pack: dict[str, Any], measure_id: str) -> list[Chart]:
    """The chart of a measure's first measurable indicator that has a value this quarter (one
    chart a measure, so a board reads one picture each; breakdowns and regions are in the
    tables and the workbook); none when no indicator has one (the text then says there are no
    records)."""
    measure = pack["measures"][measure_id]
    for name in measure["indicators"]:
        indicator = pack["indicators"][name]
        if indicator.get("measurable") and indicator.get("value") is not None:
            chart = measure_chart(indicator, measure_id)
            return [chart] if chart is not None else []
    return []
