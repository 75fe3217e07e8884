"""The report's charts: Altair (Vega-Lite) specs rendered offline to SVG and PNG by vl-convert,
each with a text alternative and its figures as a table."""

from ndp.report.charts.base import Chart, chart_png, specs_only
from ndp.report.charts.kinds import bar_chart, trend_chart
from ndp.report.charts.measure import indicator_charts, measure_charts
from ndp.report.charts.spc import spc_chart

__all__ = [
    "Chart",
    "bar_chart",
    "chart_png",
    "indicator_charts",
    "measure_charts",
    "spc_chart",
    "specs_only",
    "trend_chart",
]
