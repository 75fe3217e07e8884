"""The national, region and force pages: the objectives with their statuses and reasons, each
measure's headline figure for the area with its change, rank and the nation beside it, and
links down to the areas the scope may open."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ndp.report import format as fmt
from ndp.web.areas import Area
from ndp.web.differencing import WITHHELD as WITHHELD_WHY
from ndp.web.projection import AreaFigures, ScopedPack
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
    status_view,
)
from ndp.web.views.reasons import Reasons, area_reasons


@dataclass(frozen=True)
class FigureRow:
    """One indicator of a measure at the area: its value, change on last year, rank, the nation."""

    id: str
    title: str
    href: str
    value: str
    change: str
    status: StatusView
    reason: str
    rank: str
    nation: str


@dataclass(frozen=True)
class MeasureRow:
    id: str
    title: str
    status: StatusView
    reason: str
    figures: list[FigureRow]


@dataclass(frozen=True)
class ObjectiveRow:
    id: str
    title: str
    statement: str
    status: StatusView
    reason: str
    measures: list[MeasureRow]


@dataclass(frozen=True)
class AreaPage:
    """A national, region or force page."""

    head: PageHead
    kind: str
    code: str
    name: str
    objectives: list[ObjectiveRow]
    #: the areas one level down that this principal may open (regions, or a region's forces)
    children: list[Link] = field(default_factory=list)
    children_title: str = ""
    #: where a force's region figures are withheld (docs/dashboard.md, differencing)
    notes: list[str] = field(default_factory=list)
    data_quality: str = ""
    #: the area's figures as a CSV file of the tidy file's rows (views/export.py)
    export: str = ""


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def rank_text(entry: dict[str, Any] | None, kind: str) -> str:
    """``3rd of 45 forces`` (``joint 3rd``): never who the others are."""
    rank = (entry or {}).get("rank")
    if not rank or rank.get("position") is None:
        return ""
    joint = "joint " if rank.get("tied") else ""
    among = "forces" if kind == "force" else "regions"
    return f"{joint}{ordinal(int(rank['position']))} of {rank['of']} {among}"


def _change(entry: dict[str, Any] | None, unit: str) -> str:
    same = ((entry or {}).get("comparisons") or {}).get("same_quarter_last_year") or {}
    if held(same, "change"):  # a region's, withheld from a force (the differencing rule)
        return f"{WITHHELD} on {same.get('period', '')}"
    if same.get("change") is None:
        return ""
    if unit == "percent":
        return f"{fmt.signed(same['change'], 'count')} points on {same.get('period', '')}"
    return f"{fmt.change(same, unit)} on {same.get('period', '')}"


def figure_row(
    scoped: ScopedPack, figures: AreaFigures | None, name: str, reasons: Reasons
) -> FigureRow:
    ind = scoped.indicators[name]
    reason = reasons.indicators.get(name, "")
    unit = ind["unit"]
    area = figures.area if figures else None
    href = f"/{scoped.slug}/{area.path if area else 'national'}/indicator/{name}"
    if figures is None:  # the nation
        return FigureRow(name, ind["title"], href, shown(ind["value"], unit), _change(ind, unit),
                         status_view(ind.get("status")), reason, "", "")  # fmt: skip
    entry = figures.indicators.get(name)
    withheld = figures.withheld.get(name, "")
    value = withheld or shown((entry or {}).get("value"), unit)
    status = WITHHELD if held(entry, "status") else (entry or {}).get("status")
    return FigureRow(
        name, ind["title"], href, value, _change(entry, unit),
        status_view(status), reason,
        rank_text(entry, figures.area.kind), shown(ind["value"], unit),
    )  # fmt: skip


def _objectives(scoped: ScopedPack, figures: AreaFigures | None) -> list[ObjectiveRow]:
    statuses_o = scoped.objectives if figures is None else figures.objectives
    statuses_m = scoped.measures if figures is None else figures.measures
    reasons = area_reasons(scoped, figures)
    rows = []
    for oid, objective in scoped.objectives.items():
        measures = []
        for mid in objective["measures"]:
            measure = scoped.measures[mid]
            rolled = statuses_m.get(mid) or {}
            figs = [figure_row(scoped, figures, n, reasons) for n in measure["indicators"]
                    if scoped.indicators[n].get("measurable")]  # fmt: skip
            measures.append(MeasureRow(mid, measure["title"], status_view(rolled.get("status")),
                                       reasons.measures.get(mid, ""), figs))  # fmt: skip
        rolled_o = statuses_o.get(oid) or {}
        rows.append(ObjectiveRow(oid, objective["title"], objective.get("statement", ""),
                                 status_view(rolled_o.get("status")),
                                 reasons.objectives.get(oid, ""), measures))  # fmt: skip
    return rows


def area_page(scoped: ScopedPack, area: Area, quarters: list[tuple[str, str]]) -> AreaPage:
    """The page of ``area``, which the caller has found among ``scoped``'s areas."""
    figures = None if area.kind == "national" else scoped.area(area.kind, area.code)
    trail = breadcrumbs(scoped, area) if area.kind != "national" else []
    head = page_head(scoped, area.name, trail, quarters, area.path)
    children: list[Link] = []
    title = ""
    if area.kind == "national":
        children = [Link(r.area.name, area_url(scoped, r.area)) for r in scoped.regions()]
        title = "Regions"
    elif area.kind == "region":
        children = [
            Link(f.area.name, area_url(scoped, f.area)) for f in scoped.forces_of(area.name)
        ]
        title = "Forces and units in the region"
    elif area.region and (region := scoped.area("region", _region_code(scoped, area.region))):
        children = [Link(f"{region.area.name} (the region)", area_url(scoped, region.area))]
        title = "Region"
    notes = []
    if figures is not None and figures.withheld:
        notes.append(f"{len(figures.withheld)} of the region's figures for this quarter are "
                     f"{WITHHELD_WHY}.")  # fmt: skip
    return AreaPage(head, area.kind, area.code, area.name, _objectives(scoped, figures),
                    children, title, notes, f"/{scoped.slug}/data-quality",
                    area_url(scoped, area, "/export.csv"))  # fmt: skip


def _region_code(scoped: ScopedPack, name: str) -> str:
    for figures in scoped.regions():
        if figures.area.name == name:
            return figures.area.code
    return ""
