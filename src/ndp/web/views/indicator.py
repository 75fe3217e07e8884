"""The indicator page at an area: its figure and status, the comparisons, the area's rank, the
area beside its region and the nation, the trend and SPC charts (each with its data table and
text alternative), breakdowns, flags and, for the national scope, the analysts' commentary."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ndp.engine.disclosure.differencing import RULE
from ndp.report import format as fmt
from ndp.report.charts.base import plain
from ndp.report.charts.measure import category_name
from ndp.report.marks import revised
from ndp.web.areas import Area
from ndp.web.projection import ScopedPack, revision_area
from ndp.web.views.area import rank_text
from ndp.web.views.charts import area_entry, indicator_charts
from ndp.web.views.common import (
    WITHHELD,
    Link,
    PageHead,
    StatusView,
    area_url,
    breadcrumbs,
    held,
    page_head,
    shown,
    shown_at,
    status_view,
)
from ndp.web.views.reasons import indicator_reason_at

COMPARISONS = {
    "same_quarter_last_year": "Same quarter last year",
    "previous_quarter": "Previous quarter",
    "previous_year_quarterly_average": "Previous year's quarterly average",
    "previous_year_end": "Previous year end",
    "benchmark": "Benchmark",
}


@dataclass(frozen=True)
class ChartView:
    """A chart: its spec's URL for the browser, and what is always on the page without it."""

    id: str
    title: str
    spec_url: str
    alt: str
    columns: list[str]
    rows: list[list[str]]
    note: str


@dataclass(frozen=True)
class Table:
    title: str
    columns: list[str]
    rows: list[list[str]]


@dataclass(frozen=True)
class FlagView:
    flag: str
    message: str


@dataclass(frozen=True)
class IndicatorPage:
    head: PageHead
    id: str
    title: str
    area: str
    area_href: str
    value: str
    status: StatusView
    reason: str
    rank: str
    comparisons: Table
    areas: Table
    charts: list[ChartView]
    #: why a row of ``areas`` is withheld (a force's region, by the differencing rule)
    areas_note: str = ""
    breakdowns: list[Table] = field(default_factory=list)
    flags: list[FlagView] = field(default_factory=list)
    commentary: list[str] = field(default_factory=list)
    withheld: str = ""
    #: links to edit the commentary (analysts and up, national scope)
    edit_links: list[Link] = field(default_factory=list)
    #: why some commentary is not shown (it names a force outside the scope)
    commentary_withheld: str = ""
    #: the figure here was revised in this published version: what it was, and why
    revised: list[str] = field(default_factory=list)


def _period(entry: dict[str, Any], c: dict[str, Any]) -> str:
    """A comparison's period; a benchmark set on a basis (the previous year's quarterly
    average) names the basis in words, with its year where the pack gives it."""
    if c.get("period"):
        return str(c["period"])
    basis = c.get("basis")
    if not basis:
        return ""
    year = ((entry.get("comparisons") or {}).get(basis) or {}).get("period")
    if basis == "previous_year_quarterly_average" and year:
        return f"{year} quarterly average"
    return COMPARISONS.get(str(basis), str(basis).replace("_", " "))


def _comparisons(entry: dict[str, Any], unit: str) -> Table:
    rows = []
    for key, label in COMPARISONS.items():
        c = (entry.get("comparisons") or {}).get(key)
        if c and held(c, "value"):  # the differencing rule: said, never left out
            rows.append([label, _period(entry, c), WITHHELD, WITHHELD, WITHHELD])
            continue
        if not c or c.get("value") is None:
            continue
        pct = "" if c.get("pct_change") is None else fmt.signed(c["pct_change"], "percent")
        change = "" if c.get("change") is None else fmt.signed(c["change"], unit)
        if unit == "percent" and change and entry.get("value") is not None:
            change = fmt.signed(fmt.points(entry["value"], c["value"]), unit)  # rates as shown
        rows.append([label, _period(entry, c), shown(c["value"], unit), change, pct])
    # a rate's change is in percentage points, distinct from its change in per cent
    moved = "Change (percentage points)" if unit == "percent" else "Change"
    return Table("Comparisons", ["Comparison", "Period", "Figure", moved, "Change (%)"], rows)


def _areas(scoped: ScopedPack, area: Area, name: str) -> tuple[Table, str]:
    """The area beside what it is compared with: its region (or, where the region's figures
    are withheld from a force, a row saying so) and the nation; and why a row is withheld."""
    ind = scoped.indicators[name]
    unit = ind["unit"]
    rows: list[list[str]] = []
    note = ""
    then = str((ind["comparisons"].get("same_quarter_last_year") or {}).get("period", ""))

    def add(label: str, entry: dict[str, Any] | None) -> None:
        same = ((entry or {}).get("comparisons") or {}).get("same_quarter_last_year") or {}
        rows.append([label, shown_at(entry, "value", unit), shown_at(same, "value", unit)])

    if area.kind != "national":
        add(area.name, area_entry(scoped, area, name))
    if area.kind == "force" and area.region:
        region = next((r for r in scoped.regions() if r.area.name == area.region), None)
        if region is not None and region.indicators.get(name) is not None:
            add(region.area.name, region.indicators[name])
            average = region.per_force.get(name)
            if average and (average.get("value") is not None or held(average, "value")):
                rows.append([f"{region.area.name} average per force",
                             shown_at(average, "value", unit),
                             shown_at(_point(average, then), "value", unit)])  # fmt: skip
            if _any_held(region.indicators[name], average, then):
                note = (f"{region.area.name}'s figures marked withheld rest on a quarter in "
                        f"which {RULE}.")  # fmt: skip
        elif region is not None and name in region.withheld:  # never silently missing
            rows.append([region.area.name, "withheld", "withheld"])
            note = f"{region.area.name}'s figures are {region.withheld[name]}."
    add("England and Wales", ind)
    average = (ind.get("per_force") or {}).get("nation")
    if area.kind != "region" and average and average.get("value") is not None:
        rows.append(["England and Wales average per force", shown(average["value"], unit),
                     shown_at(_point(average, then), "value", unit)])  # fmt: skip
    return Table("Compared with", ["Area", scoped.period["label"], then], rows), note


def _point(average: dict[str, Any] | None, period: str) -> dict[str, Any] | None:
    """An average per force's point for ``period`` in its quarterly series (None: no records)."""
    points = (average or {}).get("quarterly") or []
    return next((q for q in points if q.get("period") == period), None)


def _any_held(entry: dict[str, Any] | None, average: dict[str, Any] | None, then: str) -> bool:
    """Whether any of the region's figures in the "Compared with" table is withheld: its value,
    its same quarter last year, its average per force now and then. (Its quarterly series,
    where an early quarter may be withheld, is on the region's own page, which says so.)"""
    same = ((entry or {}).get("comparisons") or {}).get("same_quarter_last_year")
    blocks = (entry, same, average, _point(average, then))
    return any(isinstance(b, dict) and held(b, "value") for b in blocks)


def _breakdowns(ind: dict[str, Any]) -> list[Table]:
    tables = []
    for dimension, parts in (ind.get("breakdown") or {}).items():
        rows = [[category_name(dimension, k), shown(v, ind["unit"])] for k, v in parts.items()]
        tables.append(
            Table(f"By {plain(dimension).lower()}", [plain(dimension), ind["title"]], rows)
        )
    return tables


def indicator_page(
    scoped: ScopedPack, area: Area, name: str, quarters: list[tuple[str, str]],
    commentary: list[str], commentary_withheld: int = 0,
    edit_links: list[Link] | None = None,
) -> IndicatorPage:  # fmt: skip
    ind = scoped.indicators[name]
    unit = ind["unit"]
    entry = area_entry(scoped, area, name) or {}
    figures = None if area.kind == "national" else scoped.area(area.kind, area.code)
    withheld = figures.withheld.get(name, "") if figures else ""
    reason = indicator_reason_at(scoped, figures, name) if ind.get("measurable") else ""
    reason = reason or entry.get("status_rule") or ""
    base = f"/{scoped.slug}/{area.path}/indicator/{name}"
    charts = [
        ChartView(
            kind,
            chart.title,
            f"{base}/chart/{kind}.json",
            chart.alt,
            chart.columns,
            chart.rows,
            chart.note,
        )
        for kind, chart in indicator_charts(scoped, area, name).items()
    ]
    trail = [*breadcrumbs(scoped, area), Link(area.name, area_url(scoped, area))]
    areas, areas_note = _areas(scoped, area, name)
    flags = [FlagView(f["flag"], f["message"]) for f in scoped.data_quality["flags"]
             if f["indicator"] == name] if area.kind == "national" else []  # fmt: skip
    return IndicatorPage(
        head=page_head(scoped, f"{ind['title']}: {area.name}", trail, quarters,
                       f"{area.path}/indicator/{name}"),
        id=name, title=ind["title"], area=area.name, area_href=area_url(scoped, area),
        value=withheld or shown(entry.get("value"), unit),
        status=status_view(entry.get("status")), reason=reason,
        rank=rank_text(entry, area.kind) if area.kind != "national" else "",
        comparisons=_comparisons(entry, unit), areas=areas, areas_note=areas_note, charts=charts,
        breakdowns=_breakdowns(ind) if area.kind == "national" else [],
        flags=flags, commentary=commentary if area.kind == "national" else [], withheld=withheld,
        edit_links=(edit_links or []) if area.kind == "national" else [],
        commentary_withheld=_held_note(commentary_withheld) if area.kind == "national" else "",
        revised=_revised(scoped, area, name),
    )  # fmt: skip


def _revised(scoped: ScopedPack, area: Area, name: str) -> list[str]:
    """The sentence the report prints for this indicator's revised figure at this area."""
    view = {"indicators": scoped.indicators, "geographies": scoped.geographies,
            "revisions": [e for e in scoped.revisions if e["indicator"] == name]}  # fmt: skip
    return [f"{r.sentence} Why: {r.reason}." for r in revised(view, {revision_area(area)})]


def _held_note(count: int) -> str:
    if not count:
        return ""
    some = "1 comment" if count == 1 else f"{count} comments"
    verb = "is" if count == 1 else "are"
    return (
        f"{some} on this indicator {verb} not shown here: commentary that names a force "
        "outside your area is available to national users."
    )
