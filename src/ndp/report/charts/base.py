"""What every chart shares: the Chart value the formats render, the house style, and the one
place a Vega-Lite spec is turned into SVG or PNG (offline, by vl-convert; no browser, no CDN).

A chart is rendered to SVG once, when it is built; the PNG for Word is rendered from the kept
spec only when asked for, so the HTML and PDF editions never pay for it.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from html import escape
from typing import Any

import altair as alt
import vl_convert as vlc

from ndp.report import format as fmt

WIDTH, HEIGHT = 560, 220  # whole chart in px: fits a 16 cm A4 column at 96 dpi
INK, MUTED, GRID = "#0b0c0c", "#505a5f", "#dddddd"
# vl-convert measures text in its bundled Liberation Sans (Arial's metrics) three times faster
# than in a system font; where that is missing, the SVG falls back to fonts of Arial's width
FONT = "Liberation Sans"
# unquoted names: WeasyPrint reads the list only so
FONT_STACK = "Liberation Sans, Arial, DejaVu Sans Condensed, sans-serif"
# Okabe-Ito colours, each at least 3:1 against white for lines and marks (WCAG 1.4.11)
SERIES_COLOURS = ["#0072B2", "#D55E00", "#505a5f", "#009E73", "#CC79A7"]
SERIES_SHAPES = ["circle", "square", "triangle-up", "diamond", "cross"]
FIGURE = re.compile(r"^[-+]?£?[-\d,.]+%?$")
PNG_SCALE = 2  # sharp at 16 cm in Word


#: the words a figures column may hold in place of a figure
WORDS = ("no records", "–", "withheld")


@dataclass(frozen=True)
class Chart:
    """One figure: its SVG, a text alternative built from its data, and the same data as a
    table (``columns`` and formatted ``rows``) for readers who cannot see the chart."""

    id: str
    title: str
    alt: str
    svg: str
    columns: list[str]
    rows: list[list[str]]
    spec: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    note: str = ""  # figures the table does not repeat row by row (an SPC chart's limits)

    @property
    def numeric(self) -> list[bool]:
        """For each column, whether it holds figures (right-aligned) rather than words."""
        return [
            all(FIGURE.match(row[i]) or row[i] in WORDS for row in self.rows)
            for i in range(len(self.columns))
        ]

    @property
    def data_uri(self) -> str:
        """The SVG as an ``<img>`` source: vector in WeasyPrint's PDF, and the SVGs' internal
        ids (clip paths) cannot clash as they would when several are inlined in one page."""
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg.encode()).decode("ascii")

    @property
    def png_data_uri(self) -> str:
        """The chart as a PNG ``<img>`` source at twice its size (about 190 dpi at 16 cm), for
        the PDF: WeasyPrint draws an SVG's text glyph by glyph, which cost a third of the
        national PDF's time; the PNG is the one the Word edition already needs."""
        return "data:image/png;base64," + base64.b64encode(chart_png(self)).decode("ascii")


def chart_png(chart: Chart) -> bytes:
    """The chart as PNG bytes at twice its size, for Word and the PDF: rasterised from the SVG
    already made (half the cost of rendering the spec again), once per process."""
    return _svg_png(chart.svg)


@lru_cache(maxsize=256)
def _svg_png(svg: str) -> bytes:
    png: bytes = vlc.svg_to_png(svg, scale=PNG_SCALE)
    return png


def data(name: str) -> alt.NamedData:
    """A dataset the chart names and ``build`` supplies: Altair then never deep-copies the
    rows into each layer, which was most of the time spent building a spec."""
    return alt.NamedData(name=name)


def style(chart: alt.TopLevelMixin) -> dict[str, Any]:
    """The chart's Vega-Lite spec with the house style: dark text, light grid, one font."""
    spec: dict[str, Any] = chart.to_dict(validate=False)
    spec["config"] = {
        "font": FONT,
        "background": "white",
        "padding": 6,
        "view": {"stroke": None},
        "axis": {
            "labelColor": INK,
            "titleColor": INK,
            "labelFontSize": 11,
            "titleFontSize": 11,
            "titleFontWeight": "normal",
            "gridColor": GRID,
            "domainColor": MUTED,
            "tickColor": MUTED,
            "labelLimit": 220,
        },
        "legend": {
            "labelColor": INK,
            "titleColor": INK,
            "labelFontSize": 11,
            "titleFontSize": 11,
            "titleFontWeight": "normal",
            "orient": "bottom",
            "direction": "horizontal",
            "labelLimit": 0,
        },
        "text": {"color": INK, "fontSize": 11},
    }
    spec["autosize"] = {"type": "fit", "contains": "padding"}
    return spec


_RENDERED: dict[str, str] = {}  # spec as JSON -> SVG, for this process
_RENDERED_MAX = 512


def render_svg(spec: dict[str, Any]) -> str:
    """The spec as SVG, from vl-convert the first time a process sees it: the same report built
    twice (each format of a run, tests) renders each chart once."""
    key = json.dumps(spec, sort_keys=True, default=str)
    svg = _RENDERED.get(key)
    if svg is None:
        if len(_RENDERED) >= _RENDERED_MAX:
            _RENDERED.clear()
        svg = vlc.vegalite_to_svg(spec).replace(
            f'font-family="{FONT}"', f'font-family="{FONT_STACK}"'
        )
        _RENDERED[key] = svg
    return svg


#: set by :func:`specs_only`: charts keep their spec, table and text, and skip the SVG
_SPECS_ONLY: ContextVar[bool] = ContextVar("specs_only", default=False)


@contextmanager
def specs_only() -> Iterator[None]:
    """Build charts without rendering SVG (``svg`` is empty): the dashboard sends the spec to the
    browser, and vl-convert's 0.2 s a chart is a report's cost, not a page's."""
    token = _SPECS_ONLY.set(True)
    try:
        yield
    finally:
        _SPECS_ONLY.reset(token)


def build(
    id: str, title: str, alt_text: str, chart: alt.TopLevelMixin | dict[str, Any],
    columns: list[str], rows: list[list[str]], datasets: dict[str, list[dict[str, Any]]],
    note: str = "",
) -> Chart:  # fmt: skip
    """Render the chart's spec (an Altair chart, or a styled spec already made from one), with
    its named ``datasets``, to SVG once and label the SVG with its title and description."""
    spec = chart if isinstance(chart, dict) else style(chart)
    spec["datasets"] = datasets
    if _SPECS_ONLY.get():
        return Chart(id, title, alt_text, "", columns, rows, spec, note)
    svg = render_svg(spec)
    head = svg.index(">") + 1
    meta = f"<title>{escape(title)}</title><desc>{escape(alt_text)}</desc>"
    svg = svg[:head] + meta + svg[head:]
    return Chart(id, title, alt_text, svg, columns, rows, spec, note)


def exact(value: Any, unit: str) -> str:
    """A value in its unit without rounding away its decimals (a benchmark of 729.25)."""
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    if unit == "gbp":
        return fmt.gbp(number)
    if number != number.to_integral_value():
        text = f"{number.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP).normalize():,f}"
        return text + "%" if unit == "percent" else text
    return fmt.figure(number, unit)


def shown(value: Any, unit: str) -> str:
    """A table cell: the house style's figure, or "no records"."""
    return "no records" if value is None else fmt.figure(value, unit)


def axis_labels(unit: str) -> str:
    """A Vega expression writing an axis label in the unit: 1,000, £1,000 or 15%."""
    number = "format(datum.value, ',~f')"
    if unit == "gbp":
        return f"'£' + {number}"
    if unit == "percent":
        return f"{number} + '%'"
    return number


def plain(name: str) -> str:
    """``cash_seizure`` -> ``Cash seizure``: a code in plain English."""
    words = str(name).replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def number(value: Any) -> float | None:
    """A pack figure as the float Vega-Lite plots (the tables keep the exact figure)."""
    return None if value is None else float(value)
