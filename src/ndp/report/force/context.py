"""A force's edition as typed data: its figures against its region and the nation, measure by
measure, with its data-quality position, built once from the pack.

Like the national ``ReportContext`` it holds only the pack's figures, already in the house
style; the template lays them out and computes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from ndp.report import format as fmt
from ndp.report.context import THEMES, Status, StatusKey, status_key
from ndp.report.force.charts import measure_trend
from ndp.report.force.divergence import Divergence, divergence_rule, divergences
from ndp.report.force.own import area_view, own_measure_status, own_objective_status
from ndp.report.force.quality import QualityView, quality_view
from ndp.report.force.select import Edition
from ndp.report.force.sentences import recording, sentence
from ndp.report.force.summary import (
    NATIONAL_ONLY,
    SUMMARY_DIVERGENCES,
    HeadlineRow,
    ObjectiveLine,
    force_level,
    headline_rows,
    national_line,
)
from ndp.report.force.withheld import WITHHELD, edition_pack, headline_note, held, table_note
from ndp.report.marks import (
    NATIONAL,
    REVISED,
    Revised,
    is_draft,
    revised_in_area,
    revision_notice,
)

NATION = "England and Wales"


@dataclass(frozen=True)
class AreaRow:
    """One line of an indicator's table: the force, its region or the nation."""

    area: str
    value: str
    last_year: str
    change: str
    change_pct: str


@dataclass(frozen=True)
class IndicatorView:
    id: str
    title: str
    sentence: str
    rows: list[AreaRow]
    chart: Any = None
    flags: list[str] = field(default_factory=list)
    #: where the force moves apart from the nation on this indicator (``divergence``)
    divergence: str = ""
    #: in a revised version, each of its rows' revised figures with its previous value
    revised: list[str] = field(default_factory=list)
    #: why a region figure in its table or chart reads "withheld" (the differencing rule)
    withheld: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class MeasureView:
    """A success measure: in full where it has figures by force (``status`` is the force's
    own), else one ``line`` saying it is reported for England and Wales only."""

    id: str
    title: str
    status: Status
    indicators: list[IndicatorView]
    line: str = ""


@dataclass(frozen=True)
class ObjectiveView:
    id: str
    number: int
    title: str
    statement: str
    status: Status
    measures: list[MeasureView]

    @property
    def in_full(self) -> list[MeasureView]:
        return [m for m in self.measures if not m.line]

    @property
    def national_only(self) -> list[MeasureView]:
        return [m for m in self.measures if m.line]


@dataclass(frozen=True)
class ThemeView:
    title: str
    objectives: list[ObjectiveView]


@dataclass(frozen=True)
class ForceContext:
    code: str
    name: str
    kind: str
    region: str | None
    title: str
    period_heading: str
    strategy: str
    themes: list[ThemeView]
    quality: QualityView
    methodology: dict[str, Any]
    files: list[dict[str, Any]]
    framework: dict[str, Any]
    generated_at: str
    #: the summary page: the force's own objective statuses, headline figures, divergences
    objectives: list[ObjectiveLine] = field(default_factory=list)
    headlines: list[HeadlineRow] = field(default_factory=list)
    divergences: list[str] = field(default_factory=list)
    key: list[StatusKey] = field(default_factory=list)
    same_quarter: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    #: the publication's marks (ndp.report.marks): a draft, and the revised figures of the
    #: force, its region and the nation
    draft: bool = False
    revised: list[Revised] = field(default_factory=list)
    revision_notice: str | None = None

    @property
    def divergence_rule(self) -> str:
        return divergence_rule()

    @property
    def headline_withheld(self) -> str:
        """Why a region average in the headline figures reads "withheld", where one does."""
        if not any(h.region_average == WITHHELD for h in self.headlines):
            return ""
        return headline_note(self.region or "", self.name)

    @property
    def region_average(self) -> str:
        return f"{self.region} average per force" if self.region else ""


def _area_row(area: str, entry: dict[str, Any] | None, unit: str) -> AreaRow:
    """The pack's figures for one area; ``no records`` where the pack has none, ``withheld``
    where the differencing rule withholds a region's figure (never 0 or blank)."""
    if held(entry, "value"):
        return AreaRow(area, WITHHELD, WITHHELD, WITHHELD, WITHHELD)
    if entry is None or entry.get("value") is None:
        return AreaRow(area, "no records", "–", "–", "–")
    last = entry.get("same_quarter_last_year")
    if held(entry, "same_quarter_last_year"):
        return AreaRow(area, fmt.figure(entry["value"], unit), WITHHELD, WITHHELD, WITHHELD)
    change, pct = entry.get("change"), entry.get("pct_change")
    return AreaRow(
        area,
        fmt.figure(entry["value"], unit),
        "no records" if last is None else fmt.figure(last, unit),
        "–" if change is None else fmt.moved(change, unit, entry["value"], last),
        "–" if pct is None else fmt.percent(pct),
    )


def _nation_entry(ind: dict[str, Any]) -> dict[str, Any]:
    same = ind["comparisons"].get("same_quarter_last_year") or {}
    return {
        "value": ind["value"],
        "same_quarter_last_year": same.get("value"),
        "change": same.get("change"),
        "pct_change": same.get("pct_change"),
    }


def indicator_rows(ind: dict[str, Any], edition: Edition) -> list[AreaRow]:
    """Force, region, England and Wales; only the nation where the pack has nothing below it;
    none where the nation has no records (the sentence says so)."""
    unit, by = ind["unit"], ind.get("by") or {}
    nation = _area_row(NATION, _nation_entry(ind), unit)
    how = recording(ind, edition.place)
    if ind["value"] is None:
        return []
    if how == "national":
        return [nation]
    rows = []
    if how == "regional":
        rows.append(AreaRow(edition.name, "by region", "–", "–", "–"))
    else:
        rows.append(_area_row(edition.name, by.get("force", {}).get(edition.code), unit))
    if edition.region is not None:
        region = by.get("region", {}).get(edition.region)
        rows.append(_area_row(f"{edition.region} region", region, unit))
    return [*rows, nation]


def marked_rows(
    rows: list[AreaRow], name: str, edition: Edition, revised: list[Revised]
) -> list[AreaRow]:
    """``rows`` with each revised figure marked "[r]", as the national report's tables are."""
    keys = {
        edition.name: f"force {edition.code}",
        f"{edition.region} region": f"region {edition.region}",
        NATION: NATIONAL,
    }
    changed = {f.area for f in revised if f.indicator == name}
    return [
        replace(row, value=f"{row.value} {REVISED}") if keys.get(row.area) in changed else row
        for row in rows
    ]


def _indicator(
    pack: dict[str, Any], name: str, edition: Edition, chart: Any, apart: dict[str, Divergence],
    revised: list[Revised],
) -> IndicatorView:  # fmt: skip
    ind = pack["indicators"][name]
    units = (pack["data_quality"].get("coverage") or {}).get(ind["source"], {}).get("units", [])
    text = sentence(ind, edition.place, records_source=edition.code in units)
    rows = marked_rows(indicator_rows(ind, edition), name, edition, revised)
    # "no records" is said by the sentence itself
    flags = [f for f in ind.get("flags") or [] if f != "no_records"]
    moved = apart[name].sentence if name in apart else ""
    notes = [f.sentence for f in revised if f.indicator == name]
    why = [table_note(edition.region or "", edition.name)] if _any_held(rows) else []
    why += [chart.note] if chart is not None and chart.note else []
    return IndicatorView(name, ind["title"], text, rows, chart, flags, moved, notes, why)


def _any_held(rows: list[AreaRow]) -> bool:
    return any(WITHHELD in (r.value, r.last_year) for r in rows)


def _measure(
    pack: dict[str, Any], view: dict[str, Any], measure_id: str, edition: Edition,
    charts: bool, apart: dict[str, Divergence], revised: list[Revised],
) -> MeasureView:  # fmt: skip
    """A measure with figures by force in full, its first own figure carrying the chart; one
    line for a measure reported for England and Wales only."""
    measure = pack["measures"][measure_id]
    if not force_level(pack, measure_id, edition):
        line = national_line(pack, measure_id, edition)
        return MeasureView(measure_id, measure["title"], NATIONAL_ONLY, [], line)
    trend = measure_trend(pack, measure_id, edition) if charts else None
    return MeasureView(
        measure_id,
        measure["title"],
        own_measure_status(view, measure_id),
        [
            _indicator(
                pack, n, edition, trend[1] if trend and trend[0] == n else None, apart, revised
            )
            for n in measure["indicators"]
        ],
    )


def _objective_status(
    view: dict[str, Any], objective_id: str, measures: list[MeasureView]
) -> Status:
    if all(m.line for m in measures):
        return NATIONAL_ONLY
    return own_objective_status(view, objective_id)


def build_force_context(
    pack: dict[str, Any], edition: Edition, *, charts: bool = True
) -> ForceContext:
    """Everything a force's edition shows, from the pack as the force may see it (its region's
    figures withheld where the differencing rule says); ``charts=False`` leaves out the trend
    charts (the figures are all in the tables). ``extra["pack"]`` is that pack."""
    pack = edition_pack(pack, edition.code)
    view = area_view(pack, edition.code)
    apart = divergences(pack, edition, NATION)
    revised = revised_in_area(pack, edition.code)
    objectives: list[tuple[str, ObjectiveView]] = []
    for objective_id, objective in pack["objectives"].items():
        measures = [
            _measure(pack, view, m, edition, charts, apart, revised)
            for m in objective["measures"]
            if m in pack["measures"]
        ]
        objectives.append((objective["theme"], ObjectiveView(
            objective_id, objective["number"], objective["title"], objective["statement"],
            _objective_status(view, objective_id, measures), measures,
        )))  # fmt: skip
    themes = [
        ThemeView(title, [view for theme, view in objectives if theme == key])
        for key, title in THEMES.items()
    ]
    period = pack["period"]
    lines = [
        ObjectiveLine(o.id, pack["objectives"][o.id]["title"], o.statement, o.status)
        for _, o in objectives
    ]
    return ForceContext(
        code=edition.code,
        name=edition.name,
        kind=edition.kind,
        region=edition.region,
        title=f"{edition.name}: force performance report",
        period_heading=f"Q{period['quarter']}: {period['span'].replace(' - ', ' – ')}",
        strategy=pack["framework"]["strategy"],
        themes=themes,
        quality=quality_view(pack, edition),
        methodology=pack["methodology"],
        files=pack["provenance"]["files"],
        framework=pack["framework"],
        generated_at=fmt.moment(pack["generated_at"]),
        objectives=lines,
        headlines=headline_rows(pack, edition),
        divergences=[d.sentence for d in apart.values()][:SUMMARY_DIVERGENCES],
        key=[*status_key(), StatusKey(NATIONAL_ONLY, NATIONAL_ONLY_MEANING)],
        same_quarter=f"{edition.place.q} {edition.place.ly}",
        draft=is_draft(pack),
        revised=revised,
        revision_notice=revision_notice(pack, revised, where="below"),
        extra={"pack": pack},
    )


NATIONAL_ONLY_MEANING = "no figures below England and Wales: the national report gives its status"
