"""The report's charts: well-formed SVG carrying their title and axis labels, text alternatives
and tables written from the data they draw, SPC special causes marked exactly, and one picture
or figure per chart in the Word and HTML editions."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from ndp.engine.pack_model import Pack
from ndp.report.charts import (
    Chart,
    bar_chart,
    chart_png,
    indicator_charts,
    measure_charts,
    spc_chart,
    trend_chart,
)
from ndp.report.charts.measure import spc_adds
from ndp.report.charts.spc import limits_note
from ndp.report.context import ReportContext, build_context
from ndp.report.docx import write_docx
from ndp.report.render import render_html

SVG = "{http://www.w3.org/2000/svg}"
QUARTERS = ["2023-24 Q2", "2023-24 Q3", "2023-24 Q4", "2024-25 Q1"]


def _texts(svg: str) -> list[str]:
    """Every text the SVG draws (multi-line labels come as one <tspan> per line)."""
    root = ET.fromstring(svg)
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")] + [
        t.text or "" for t in root.iter(f"{SVG}tspan")
    ]


def test_trend_chart_svg_alt_text_and_table_come_from_its_data() -> None:
    series = {
        "Force": list(zip(QUARTERS, [12, 15, None, 20], strict=True)),
        "Region": list(zip(QUARTERS, [100, 1250, 140, 160], strict=True)),
    }
    chart = trend_chart(
        "t1", "Disruptions by quarter", series, "count", ("Benchmark", Decimal("729.25"))
    )

    root = ET.fromstring(chart.svg)  # well-formed XML
    assert root.find(f"{SVG}title").text == "Disruptions by quarter"  # type: ignore[union-attr]
    texts = _texts(chart.svg)
    assert "Q1" in texts  # the quarter axis, one line each
    assert "2024-25" in texts
    assert "1,000" in texts  # the value axis with thousands separators
    assert "Benchmark 729.25" in texts  # the comparator, named in the legend
    assert "Force" in texts
    assert "Region" in texts

    assert "the latest figure is 20 in 2024-25 Q1" in chart.alt
    assert "Region ranged from 100 to 1,250; the latest figure is 160 in 2024-25 Q1" in chart.alt
    assert "benchmark 729.25" in chart.alt

    assert chart.columns == ["Quarter", "Force", "Region"]
    assert chart.rows == [
        ["2023-24 Q2", "12", "100"],
        ["2023-24 Q3", "15", "1,250"],
        ["2023-24 Q4", "no records", "140"],
        ["2024-25 Q1", "20", "160"],
    ]


def test_bar_chart_sorts_largest_first_with_value_labels_in_the_unit() -> None:
    rows = [("London", Decimal("1012431.5")), ("Wales", 2500), ("Eastern", 48000)]
    chart = bar_chart("b1", "Value seized by region", rows, "gbp", category="Region")

    texts = _texts(chart.svg)
    assert {"London", "Wales", "Eastern", "£1,012,431.50", "£48,000", "£2,500"} <= set(texts)
    assert chart.rows == [["London", "£1,012,431.50"], ["Eastern", "£48,000"], ["Wales", "£2,500"]]
    assert chart.columns == ["Region", "Value seized by region"]
    assert "the highest is London with £1,012,431.50 and the lowest Wales with £2,500" in chart.alt


SPC = {
    "groups": [{"start": 1, "n": 6, "mean": 10.5, "lpl": 4.0, "upl": 17.0}],
    "points": [
        {"month": "2024-01", "value": 10, "point_type": "common_cause"},
        {"month": "2024-02", "value": 18, "point_type": "special_cause_improvement",
         "special_cause_type": "Above UCL"},
        {"month": "2024-03", "value": 9, "point_type": "common_cause"},
        {"month": "2024-04", "value": None, "point_type": "common_cause"},
        {"month": "2024-05", "value": 3, "point_type": "special_cause_concern",
         "special_cause_type": "Below LCL"},
        {"month": "2024-06", "value": 11, "point_type": "common_cause"},
    ],
}  # fmt: skip


def _marks(svg: str, name: str) -> list[str]:
    """The aria-labels of the items (symbols, or one path a line) the SVG draws for the layer
    ``name``: Vega classes their groups ``<name>_marks``."""
    root = ET.fromstring(svg)
    groups = [g for g in root.iter(f"{SVG}g") if f"{name}_marks" in (g.get("class") or "")]
    assert groups, name
    return [p.get("aria-label") or "" for g in groups for p in g.iter(f"{SVG}path")]


def test_spc_chart_marks_exactly_the_special_cause_points() -> None:
    chart = spc_chart("s1", "Disruptions by month", SPC, "count")

    special = _marks(chart.svg, "special_cause")
    assert len(special) == 2
    assert any("Feb 2024: 18, special cause: improvement" in label for label in special)
    assert any("May 2024: 3, special cause: concern" in label for label in special)
    assert len(_marks(chart.svg, "common_cause")) == 3  # April has no records: no point
    texts = _texts(chart.svg)
    assert {
        "Mean",
        "Process limits",
        "Special cause: improvement",
        "Special cause: concern",
    } <= set(texts)

    assert chart.rows[1] == [
        "Feb 2024",
        "18",
        "Special cause: improvement (above the upper process limit)",
    ]
    assert chart.rows[3] == ["Apr 2024", "no records", "–"]  # no record, no variation
    assert chart.note == (
        "Jan 2024 to Jun 2024: mean 10.5, lower process limit 4, upper process limit 17."
    )
    assert "the latest, Jun 2024, is 11" in chart.alt
    assert "2 points show special-cause variation (1 improvement, 1 concern)" in chart.alt


def test_chart_png_is_a_png_twice_the_svg_size() -> None:
    chart = bar_chart("b2", "Outcomes by type", [("A", 3), ("B", 1)], "count")
    png = chart_png(chart)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width = int.from_bytes(png[16:20], "big")
    assert width == 2 * int(ET.fromstring(chart.svg).get("width") or 0)


@pytest.fixture(scope="module")
def pack(demo_pack: Pack) -> dict[str, Any]:
    """The demo pack as the report reads it: plain data, numbers exact."""
    loaded: dict[str, Any] = json.loads(demo_pack.to_json(), parse_float=Decimal)
    return loaded


def test_a_measure_with_no_records_has_no_charts(pack: dict[str, Any]) -> None:
    assert pack["indicators"]["E1a.judicial_outcomes"]["value"] is None
    assert measure_charts(pack, "E1a") == []


def test_indicator_charts_draw_trend_spc_breakdown_and_regions(pack: dict[str, Any]) -> None:
    indicator = pack["indicators"]["E1b.disruptions"]
    charts = indicator_charts(indicator, "E1b", pack["period"]["label"])
    assert [c.id for c in charts] == ["E1b-trend", "E1b-spc", "E1b-level", "E1b-regions"]
    trend = charts[0]
    assert [r[0] for r in trend.rows] == [q["period"] for q in indicator["series"]["quarterly"]]
    latest = f"{indicator['value']:,} in {pack['period']['label']}"
    assert latest in trend.alt
    assert "benchmark 729.25" in trend.alt  # the previous year's quarterly average, exact
    assert sorted(r[0] for r in charts[3].rows) == sorted(indicator["by"]["region"])


def test_a_measure_shows_one_chart_spc_where_it_has_a_special_cause_else_its_trend(
    pack: dict[str, Any],
) -> None:
    e1b = pack["indicators"]["E1b.disruptions"]
    assert spc_adds(e1b)
    assert [c.id for c in measure_charts(pack, "E1b")] == ["E1b-spc"]
    f4 = pack["indicators"]["F4.referrals"]
    assert f4["spc"]["points"]
    assert not spc_adds(f4)
    (trend,) = measure_charts(pack, "F4")
    assert trend.id == "F4-trend"
    assert [r[0] for r in trend.rows] == [q["period"] for q in f4["series"]["quarterly"]]
    # a special cause in a month without a value is no special cause
    quiet = {"spc": {"points": [{"value": None, "point_type": "special_cause_concern_low"}]}}
    assert not spc_adds(quiet)


@pytest.fixture(scope="module")
def demo_context(pack: dict[str, Any]) -> ReportContext:
    return build_context(pack)


def _charts(context: ReportContext) -> list[Chart]:
    return [c for o in context.objectives for m in o.measures for c in m.charts]


def test_docx_has_one_picture_per_chart_with_its_alt_text(
    demo_context: ReportContext, tmp_path: Path
) -> None:
    charts = _charts(demo_context)
    assert len(charts) >= 10
    document = Document(str(write_docx(demo_context, tmp_path / "report.docx")))
    shapes = document.inline_shapes
    assert len(shapes) == len(charts)
    assert [s._inline.docPr.get("descr") for s in shapes] == [c.alt for c in charts]
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert captions == [c.title for c in charts]


def test_html_has_a_figure_with_alt_text_and_a_table_per_chart(
    demo_context: ReportContext,
) -> None:
    html = render_html(demo_context)
    charts = _charts(demo_context)
    figures = re.findall(r'<figure class="chart" id="chart-([^"]+)">', html)
    assert figures == [c.id for c in charts]
    assert html.count('<img src="data:image/svg+xml;base64,') == len(charts)
    # on screen each chart's figures follow it in <details>; print puts them in the appendix
    assert html.count('<details class="chart-data">') == len(charts)
    assert html.count('<table class="chart-table"') == len(charts)
    assert 'id="appendix"' not in html
    trend = charts[0]
    assert f'alt="{trend.alt}"' in html
    assert f"<figcaption>{trend.title}</figcaption>" in html


def test_spc_chart_draws_each_groups_mean_and_limits_and_neutral_points() -> None:
    spc = {
        "groups": [
            {"start": 1, "n": 2, "mean": 1, "lpl": 0, "upl": 2},
            {"start": 3, "n": 2, "mean": Decimal("5.125"), "lpl": 4, "upl": 6},
        ],
        "points": [
            {"month": "2024-01", "value": 1, "point_type": "common_cause"},
            {"month": "2024-02", "value": 2, "point_type": "special_cause_neutral_high",
             "special_cause_type": "2 in 3 Above CL"},
            {"month": "2024-03", "value": 5, "point_type": "common_cause"},
            {"month": "2024-04", "value": 7, "point_type": "special_cause_concern",
             "special_cause_type": "Above UCL"},
        ],
    }  # fmt: skip
    chart = spc_chart("s2", "Rebased", spc, "count")

    assert len(_marks(chart.svg, "limits")) == 6  # a mean and two limits for each group
    assert len(_marks(chart.svg, "special_cause")) == 2
    assert "Special cause: neither" in _texts(chart.svg)
    assert chart.rows[1][2] == "Special cause: neither (2 of 3 close to the upper process limit)"
    assert chart.note == (
        "Jan 2024 to Feb 2024: mean 1, lower process limit 0, upper process limit 2; "
        "Mar 2024 to Apr 2024: mean 5.13, lower process limit 4, upper process limit 6."
    )
    assert "(1 concern, 1 neither improvement nor concern)" in chart.alt


def test_the_pdf_takes_charts_as_png_and_the_html_as_svg(demo_context: ReportContext) -> None:
    from ndp.report.render import render_html

    count = len(_charts(demo_context))
    screen, printed = render_html(demo_context), render_html(demo_context, for_print=True)
    assert screen.count('<img src="data:image/svg+xml;base64,') == count
    assert printed.count('<img src="data:image/png;base64,') == count
    assert "data:image/svg+xml" not in printed


def test_a_lower_limit_below_zero_is_drawn_at_zero_and_said_in_the_note() -> None:
    """Sums with empty months can give a negative lower process limit: the pack keeps it (the
    method's figure), the chart draws the line at zero and the note says both."""
    spc = {
        "groups": [{"start": 1, "n": 3, "mean": 40, "lpl": Decimal("-12.5"), "upl": 92}],
        "points": [
            {"month": "2024-04", "value": 0, "point_type": "common_cause"},
            {"month": "2024-05", "value": 90, "point_type": "common_cause"},
            {"month": "2024-06", "value": 30, "point_type": "common_cause"},
        ],
    }
    chart = spc_chart("s3", "Social reach", spc, "count")
    drawn = [row["y"] for row in chart.spec["datasets"]["limits"] if row["which"] == "lpl0"]
    assert drawn == [0, 0, 0]
    assert "lower process limit -12.5 (below zero, drawn at zero)" in chart.note


def test_months_before_the_first_record_are_not_drawn_tabled_or_limited() -> None:
    """A source first recorded in March: January and February are neither points, rows nor
    stretches of the mean and limits, and the note's span starts in March."""
    spc = {
        "groups": [{"start": 1, "n": 5, "mean": 6, "lpl": 1, "upl": 11}],
        "points": [
            {"month": "2024-01", "value": None, "point_type": "common_cause"},
            {"month": "2024-02", "value": None, "point_type": "common_cause"},
            {"month": "2024-03", "value": 5, "point_type": "common_cause"},
            {"month": "2024-04", "value": 7, "point_type": "common_cause"},
            {"month": "2024-05", "value": 6, "point_type": "common_cause"},
        ],
    }
    chart = spc_chart("s4", "Referrals", spc, "count")
    assert [row[0] for row in chart.rows] == ["Mar 2024", "Apr 2024", "May 2024"]
    months = {row["month"] for row in chart.spec["datasets"]["limits"]}
    assert months == {"2024-03-01", "2024-04-01", "2024-05-01"}
    assert chart.note.startswith("Mar 2024 to May 2024: mean 6")


def _axis_texts(svg: str, role: str) -> list[str]:
    """The tick labels of the SVG's axis ``role`` (``x`` or ``y``): Vega tags each axis group
    ``role-axis`` with an aria-label naming it."""
    root = ET.fromstring(svg)
    out: list[str] = []
    for g in root.iter(f"{SVG}g"):
        label = g.get("aria-label") or ""
        if "role-axis" in (g.get("class") or "") and label.startswith(f"{role.upper()}-axis"):
            out += [t for t in ("".join(x.itertext()) for x in g.iter(f"{SVG}text")) if t]
    return out


def _monthly(values: list[int | None], chart: str, **group: Any) -> dict[str, Any]:
    months = [f"{2022 + (6 + i) // 12}-{(6 + i) % 12 + 1:02d}" for i in range(len(values))]
    kind = "common_cause" if chart == "spc" else "no_limits"
    return {
        "groups": [
            {"start": 1, "n": len(values), "chart": chart, "median": None}
            | {"mean": None, "lpl": None, "upl": None, **group}
        ],
        "points": [
            {"month": m, "value": v, "point_type": kind}
            for m, v in zip(months, values, strict=True)
        ],
        "min_points": 15,
    }


def test_each_month_is_labelled_once_and_counts_start_at_zero() -> None:
    """Three months of 34 to 38 referrals: the axis names each month once (it repeated 'Apr
    2024' four times) and the counts' axis starts at zero (it started at 33)."""
    short = spc_chart("s5", "Referrals", _monthly([38, 34, 37], "none"), "count")
    assert _axis_texts(short.svg, "x") == ["Jul 2022", "Aug 2022", "Sep 2022"]
    assert "0" in _axis_texts(short.svg, "y")
    long = spc_chart("s6", "Referrals", _monthly(list(range(30, 54)), "spc", mean=41), "count")
    ticks = _axis_texts(long.svg, "x")
    assert len(ticks) == len(set(ticks)) == 8  # every third month of 24, each once


def test_a_short_series_gets_a_run_chart_or_none_and_says_so(pack: dict[str, Any]) -> None:
    run = spc_chart("s7", "Attendees", _monthly([1, 3, 2, 5, 4, 2, 3], "run", median=3), "count")
    texts = set(_texts(run.svg))
    assert "Median" in texts
    assert not {"Mean", "Process limits"} & texts
    assert run.alt.startswith("Attendees. Run chart of 7 monthly figures")
    assert "median 3 (a run chart: 7 months, fewer than the 15 limits need)" in run.note
    # the demo's Fraud Targeting Cell has 3 months: no chart of variation, and the note says so
    f4 = pack["indicators"]["F4.referrals"]
    assert not any(c.id.endswith("-spc") for c in indicator_charts(f4, "F4", "2024-25 Q1"))
    assert "3 months, too few for limits or a run chart" in limits_note(f4["spc"], "count")


def test_a_declared_step_starts_a_new_segment_with_its_own_limits(pack: dict[str, Any]) -> None:
    f1a = pack["indicators"]["F1a.disseminations"]
    chart = spc_chart("s8", f1a["title"], f1a["spc"], "count")
    assert chart.spec["datasets"]["steps"] == [
        {"month": "2024-05-01", "reason": "the Met-led operation against a phishing platform"}
    ]
    assert "Re-based" in _texts(chart.svg)
    assert "May 2024 to Jun 2024 (re-based: the Met-led operation" in chart.note
    # the value line breaks at the step: one line a group, not one across the change
    assert len(_marks(chart.svg, "values")) == 2


def test_regions_that_do_not_add_up_get_a_not_attributed_bar(pack: dict[str, Any]) -> None:
    """Social-media reach is mostly national campaigns: the regions hold 244,182 of 5,560,321.
    The pack carries the remainder and the region chart draws it last, named, in grey."""
    reach = pack["indicators"]["F6.social_reach"]
    regions = sum(r["value"] or 0 for r in reach["by"]["region"].values())
    rest = reach["by"]["unattributed"]["region"]
    assert rest["value"] == reach["value"] - regions > 0
    chart = next(c for c in indicator_charts(reach, "F6", "Q1") if c.id.endswith("-regions"))
    assert chart.rows[-1] == ["Not attributed to a region", f"{rest['value']:,}"]
    assert chart.spec["datasets"]["bars"][-1]["aside"] is True
    assert "not attributed to a region, shows" in chart.alt
    # E1b's regions add up to the nation: no remainder, no extra bar
    e1b = pack["indicators"]["E1b.disruptions"]
    assert "unattributed" not in e1b["by"]
