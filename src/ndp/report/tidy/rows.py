"""A pack's figures as one long list of typed rows: one per area, indicator (and breakdown
category) and period, with the comparisons, status and flags of the report's quarter.

What the rows hold (docs/export.md lists every column):

- the report quarter: a row for every area of the indicator (the nation, each region, the
  remainder not attributed to a region where the pack has one, each of the 45 forces, and the
  regional and national units where the indicator has a figure for any), with a ``None`` value
  where the pack holds no record for the area;
- the earlier quarters of the quarterly series and the months of the monthly series: a row for
  each point the pack holds (the nation's, and an area's once its entry carries them);
- each breakdown category of the nation's figure (``Outcome 1: charged or summonsed``).

A comparison absent from a row's ``comparisons`` does not apply to it (a flow has no year end,
an indicator without a benchmark none); one present with a ``None`` value applies but is not
available. Numbers are the pack's own (int or Decimal), never rounded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from ndp.errors import NdpError
from ndp.periods import Month, Quarter
from ndp.report.marks import is_draft
from ndp.report.tidy import labels

Number = int | Decimal

#: the comparisons a row can carry, in the order the workbook and the tidy file give them
COMPARISONS = ("same_quarter_last_year", "previous_quarter", "previous_year", "benchmark")
PREVIOUS_YEAR_BASES = {
    "previous_year_quarterly_average": "quarterly average",
    "previous_year_end": "year end",
}


@dataclass(frozen=True)
class Area:
    type: str  # nation, region, unattributed, force or unit
    code: str
    name: str
    #: the region a force or unit belongs to, by name (None for the rest)
    region: str | None = None
    #: where the indicator's ``by`` holds it: (``force`` or ``region``, key), or None
    key: tuple[str, str] | None = None


@dataclass(frozen=True)
class Compared:
    """A comparator's ``value`` with ``change`` and ``pct_change`` (null when the comparator is
    0 or missing), the period or basis it stands for, and (a benchmark) whether it is met."""

    value: Number | None
    change: Number | None = None
    pct_change: Decimal | None = None
    period: str | None = None
    basis: str | None = None
    met: bool | None = None
    #: the parts withheld by disclosure control (value, change, pct_change, met), with why
    suppressed: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Row:
    area: Area
    indicator_id: str
    indicator_title: str
    measure_id: str
    measure_title: str
    unit: str
    period_type: str  # quarter or month
    period: str  # 2024-25 Q1 or 2024-06
    period_start: date
    period_end: date
    report_period: bool
    value: Number | None
    breakdown: str | None = None
    category: str | None = None
    numerator: Number | None = None
    denominator: Number | None = None
    comparisons: dict[str, Compared] = field(default_factory=dict)
    status: str | None = None
    flags: str | None = None
    rank: dict[str, Any] | None = None
    region_average_per_force: Number | None = None
    #: the row's figures withheld by disclosure control (value, numerator, denominator, rank,
    #: region_average_per_force), each with why (docs/pack.md, "Suppressed figures")
    suppressed: dict[str, str] = field(default_factory=dict)
    #: the publication's marks (ndp.report.marks): a draft's rows, and a revised figure with
    #: the value the previous version published
    draft: bool = False
    revised: bool = False
    previous_value: Number | None = None


def _held(block: dict[str, Any] | None, *keys: str) -> dict[str, str]:
    """Which of ``keys`` a pack object withholds (its ``suppressed`` mapping), with why."""
    marked = (block or {}).get("suppressed") or {}
    return {k: marked[k] for k in keys if k in marked}


ROW_FIGURES = ("value", "numerator", "denominator", "rank", "region_average_per_force")


def _number(value: Any) -> Number | None:
    if value is None or isinstance(value, (int, Decimal)):
        return value
    return Decimal(str(value))


def _compared(data: dict[str, Any] | None, *, basis: str | None = None) -> Compared:
    data = data or {}
    return Compared(
        _number(data.get("value")), _number(data.get("change")),
        _number(data.get("pct_change")),  # type: ignore[arg-type]
        data.get("period"), basis or data.get("basis"), data.get("met"),
        _held(data, "value", "change", "pct_change", "met"),
    )  # fmt: skip


def _comparisons(block: dict[str, Any]) -> dict[str, Compared]:
    """The comparisons that apply, from an indicator's (or an area's) ``comparisons``."""
    out = {}
    if "same_quarter_last_year" in block:
        out["same_quarter_last_year"] = _compared(block["same_quarter_last_year"])
    if "previous_quarter" in block:
        out["previous_quarter"] = _compared(block["previous_quarter"])
    for name, basis in PREVIOUS_YEAR_BASES.items():
        if name in block:
            out["previous_year"] = _compared(block[name], basis=basis)
    if "benchmark" in block:
        out["benchmark"] = _compared(block["benchmark"])
    return out


def _area_comparisons(entry: dict[str, Any], nation: dict[str, Compared]) -> dict[str, Compared]:
    """An area's comparisons: its own ``comparisons`` where the pack gives them; until then
    the same quarter last year from its flat keys, and the nation's other comparisons as not
    available (they apply to the area, but the pack does not yet hold them)."""
    if "comparisons" in entry:
        return _comparisons(entry["comparisons"])
    out = {name: Compared(None, basis=c.basis) for name, c in nation.items()}
    if "same_quarter_last_year" in nation:
        held = _held(entry, "same_quarter_last_year", "change", "pct_change")
        if "same_quarter_last_year" in held:
            held["value"] = held.pop("same_quarter_last_year")
        out["same_quarter_last_year"] = Compared(
            _number(entry.get("same_quarter_last_year")), _number(entry.get("change")),
            _number(entry.get("pct_change")),  # type: ignore[arg-type]
            nation["same_quarter_last_year"].period, suppressed=held,
        )  # fmt: skip
    return out


def _region_average(ind: dict[str, Any], place: Area, entry: dict[str, Any]) -> Any:
    """A force's region's average per force; on a region's own row, its own."""
    return _average_block(ind, place, entry).get("value")


def _average_block(ind: dict[str, Any], place: Area, entry: dict[str, Any]) -> dict[str, Any]:
    """Where a row's region average is held: a region's own ``per_force`` block, or (a force)
    its entry, under the name ``value``."""
    if place.type == "region":
        regions = (ind.get("per_force") or {}).get("region") or {}
        found: dict[str, Any] = regions.get(place.name) or {}
        return found
    held = _held(entry, "region_average_per_force").get("region_average_per_force")
    return {
        "value": entry.get("region_average_per_force"),
        "suppressed": {"value": held} if held else {},
    }


def _area_held(ind: dict[str, Any], place: Area, entry: dict[str, Any]) -> dict[str, str]:
    """An area row's figures withheld, its region's average per force among them."""
    held = _held(entry, *ROW_FIGURES[:-1])
    average = _held(_average_block(ind, place, entry), "value").get("value")
    if average:
        held["region_average_per_force"] = average
    return held


def area_monthly(entry: dict[str, Any]) -> list[dict[str, Any]]:
    """An area's monthly series: the one place to read it. Empty until the pack's area entries
    carry ``monthly``; the workbook then shows the area's months as not available."""
    return list(entry.get("monthly") or [])


def areas_of(
    pack: dict[str, Any], indicator: dict[str, Any], area: str | None = None
) -> list[Area]:
    """The rows an indicator's tables have: the nation, the regions (by name), the remainder not
    attributed to a region (where the pack has one), the forces (by name) and, where the
    indicator has a figure for any unit, every unit. With ``area`` (a force's or unit's code),
    just the nation, that area's region and the area."""
    geo = pack["geographies"]
    by = indicator.get("by") or {}
    forces = geo["forces"]
    out = [Area("nation", labels.NATION_CODE, labels.NATION_NAME)]
    regions = [
        Area("region", info["code"], name, key=("region", name))
        for name, info in sorted(geo["regions"].items())
    ]
    kinds = {code: labels.AREA_TYPES.get(f["kind"], "unit") for code, f in forces.items()}
    members = [
        Area(kinds[code], code, f["name"], f.get("region"), key=("force", code))
        for code, f in sorted(forces.items(), key=lambda item: item[1]["name"])
    ]
    if area is not None:
        chosen = [m for m in members if m.code == area]
        home = {m.region for m in chosen}
        return out + [r for r in regions if r.name in home] + chosen
    out += regions
    if (by.get("unattributed") or {}).get("region") is not None:
        out.append(Area("unattributed", labels.UNATTRIBUTED_CODE, labels.UNATTRIBUTED_NAME))
    out += [m for m in members if m.type == "force"]
    units = [m for m in members if m.type == "unit"]
    if any(u.code in (by.get("force") or {}) for u in units):
        out += units
    return out


def _entry(indicator: dict[str, Any], area: Area) -> dict[str, Any] | None:
    by = indicator.get("by") or {}
    if area.type == "unattributed":
        found: dict[str, Any] | None = (by.get("unattributed") or {}).get("region")
        return found
    if area.key is None:
        return None
    return (by.get(area.key[0]) or {}).get(area.key[1])


def _quarter(label: str) -> Quarter:
    return Quarter.parse(label)


def _indicator_rows(
    pack: dict[str, Any], ind_id: str, ind: dict[str, Any], area: str | None
) -> list[Row]:
    measure = pack["measures"].get(ind["measure"], {})
    period = pack["period"]
    current = _quarter(period["label"])
    base: dict[str, Any] = {
        "indicator_id": ind_id, "indicator_title": ind["title"], "measure_id": ind["measure"],
        "measure_title": measure.get("title", ind["measure"]), "unit": ind["unit"],
        "draft": is_draft(pack),
    }  # fmt: skip
    quarter: dict[str, Any] = {
        "period_type": "quarter", "period": current.label, "period_start": current.start,
        "period_end": current.end, "report_period": True,
    }  # fmt: skip
    nation_comparisons = _comparisons(ind.get("comparisons") or {})
    rows: list[Row] = []
    series: list[tuple[Area, list[dict[str, Any]], list[dict[str, Any]]]] = []
    for place in areas_of(pack, ind, area):
        if place.type == "nation":
            rows.append(Row(
                place, **base, **quarter, value=_number(ind["value"]),
                numerator=_number(ind.get("numerator")),
                denominator=_number(ind.get("denominator")),
                comparisons=nation_comparisons, status=labels.status_label(ind["status"]),
                flags=labels.flags_label(ind.get("flags") or []),
                suppressed=_held(ind, *ROW_FIGURES),
            ))  # fmt: skip
            series.append((place, ind["series"]["quarterly"], ind["series"]["monthly"] or []))
            continue
        entry = _entry(ind, place)
        if entry is None:  # no record for the area: its figures are not available
            comparisons = {n: Compared(None, basis=c.basis) for n, c in nation_comparisons.items()}
            rows.append(Row(place, **base, **quarter, value=None, comparisons=comparisons))
            continue
        rows.append(Row(
            place, **base, **quarter, value=_number(entry.get("value")),
            numerator=_number(entry.get("numerator")),
            denominator=_number(entry.get("denominator")),
            comparisons=_area_comparisons(entry, nation_comparisons),
            status=labels.status_label(entry.get("status")),
            flags=labels.flags_label(entry.get("flags")), rank=entry.get("rank"),
            region_average_per_force=_number(_region_average(ind, place, entry)),
            suppressed=_area_held(ind, place, entry),
        ))  # fmt: skip
        series.append((place, entry.get("quarterly") or [], area_monthly(entry)))
    for place, quarterly, monthly in series:
        for point in quarterly:
            if point["period"] == current.label:  # the report quarter's row holds it
                continue
            q = _quarter(point["period"])
            rows.append(Row(
                place, **base, period_type="quarter", period=q.label, period_start=q.start,
                period_end=q.end, report_period=False, value=_number(point["value"]),
                suppressed=_held(point, "value"),
            ))  # fmt: skip
        for point in monthly:
            m = Month.parse(point["month"])
            rows.append(Row(
                place, **base, period_type="month", period=m.label, period_start=m.start,
                period_end=m.end, report_period=False, value=_number(point["value"]),
                suppressed=_held(point, "value"),
            ))  # fmt: skip
    rows += _breakdown_rows(ind, base, quarter)
    return rows


def _breakdown_rows(
    ind: dict[str, Any], base: dict[str, Any], quarter: dict[str, Any]
) -> list[Row]:
    nation = Area("nation", labels.NATION_CODE, labels.NATION_NAME)
    compared = ind.get("breakdown_comparisons") or {}
    rows = []
    for dimension, parts in (ind.get("breakdown") or {}).items():
        for category, value in parts.items():
            same = (compared.get(dimension, {}).get(category) or {}).get("same_quarter_last_year")
            comparisons = {"same_quarter_last_year": _compared(same)} if same else {}
            held = (ind.get("suppressed") or {}).get(f"breakdown.{dimension}.{category}")
            rows.append(Row(
                nation, **base, **quarter, value=_number(value),
                breakdown=labels.dimension_label(dimension),
                category=labels.category_label(dimension, category), comparisons=comparisons,
                suppressed={"value": held} if held else {},
            ))  # fmt: skip
    return rows


def build_rows(pack: dict[str, Any], area: str | None = None) -> list[Row]:
    """Every figure of ``pack`` as rows, indicator by indicator in the pack's order; with
    ``area`` (a force's or unit's code), only the nation, that area's region and the area."""
    if area is not None and area not in pack["geographies"]["forces"]:
        raise NdpError(f"{area!r} is not a force or unit in the pack's geographies")
    from ndp.report.tidy.revised import mark_revisions

    rows = [
        row
        for ind_id, ind in pack["indicators"].items()
        for row in _indicator_rows(pack, ind_id, ind, area)
    ]
    return mark_revisions(pack, rows)
