"""The workbook's tables, each from the rows (``ndp.report.tidy``): a summary of every indicator
for the nation, one table per indicator with every area, the breakdowns, and the quarterly and
monthly series. Every header is unique and names its unit; a rate's change is in percentage
points, headed so, beside its change in per cent."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ndp.periods import Month
from ndp.report import format as fmt
from ndp.report.tidy.labels import NATION_NAME, unit_label
from ndp.report.tidy.rows import Row
from ndp.report.workbook import cells
from ndp.report.workbook.cells import NOT_AVAILABLE, Table

AREA_HEADERS = ["Area type", "Area code", "Area name"]
#: the rows' area types as the workbook names them
AREA_TYPES = {
    "nation": "Nation", "region": "Region", "unattributed": "Not attributed to a region",
    "force": "Force", "unit": "Unit",
}  # fmt: skip


def period_words(pack: dict[str, Any]) -> str:
    """``April to June 2024 (2024-25 Q1)``."""
    period = pack["period"]
    return f"{period['span'].replace(' - ', ' to ')} ({period['label']})"


def place_words(pack: dict[str, Any], area: str | None) -> str:
    """The geography a title names: the nation, regions and forces, or one force's edition."""
    if area is None:
        return "England and Wales, its regions and forces"
    force = pack["geographies"]["forces"][area]
    region = f", {force['region']}" if force.get("region") else ""
    return f"{force['name']}{region} and England and Wales"


def _change_unit(unit: str) -> str:
    return "percentage points" if unit == "percent" else unit_label(unit)


def _comparison_headers(name: str, rows: list[Row], unit: str) -> list[str]:
    label, change = unit_label(unit), _change_unit(unit)
    first = next((r.comparisons[name] for r in rows if name in r.comparisons), None)
    period = f", {first.period}" if first is not None and first.period else ""
    if name == "same_quarter_last_year":
        what, on = f"Same quarter last year{period}", "same quarter last year"
    elif name == "previous_quarter":
        what, on = f"Previous quarter{period}", "previous quarter"
    elif name == "previous_year":
        basis = first.basis if first is not None else "quarterly average"
        what = f"Previous year's {basis}{period}"
        on = f"previous year's {basis}"
    else:
        what, on = "Benchmark", "benchmark"
    return [f"{what} ({label})", f"Change on {on} ({change})", f"Change on {on} (%)"]


def indicator_table(
    pack: dict[str, Any], ind_id: str, rows: list[Row], area: str | None, notes: list[str]
) -> Table:
    """One indicator, this quarter, by area: the nation, regions and forces (or one force's
    edition), each with the comparisons that apply to the indicator, its status and flags."""
    ind = pack["indicators"][ind_id]
    unit, label = ind["unit"], unit_label(ind["unit"])
    names = [n for n in ("same_quarter_last_year", "previous_quarter", "previous_year",
                         "benchmark") if n in rows[0].comparisons]  # fmt: skip
    parts = any(r.numerator is not None for r in rows)
    headers = [*AREA_HEADERS, f"{pack['period']['label']} ({label})"]
    formats = {3: cells.NUMBER_FORMATS[unit]}
    for name in names:
        column = len(headers)
        headers += _comparison_headers(name, rows, unit)
        average = name == "previous_year" and unit == "count"
        formats[column] = (cells.AVERAGE_FORMATS if average else cells.NUMBER_FORMATS)[unit]
        formats[column + 1] = formats[column]
        formats[column + 2] = cells.PERCENT_CHANGE
        if name == "benchmark":
            headers.append("Benchmark met")
    if parts:
        formats[len(headers)] = formats[len(headers) + 1] = "#,##0"
        headers += ["Numerator (number)", "Denominator (number)"]
    ranked = any(r.rank for r in rows)
    averaged = any(r.region_average_per_force is not None for r in rows)
    if ranked:
        formats[len(headers)] = formats[len(headers) + 1] = "#,##0"
        headers += ["Rank among forces (1 = best)", "Forces ranked (number)"]
    if averaged:
        formats[len(headers)] = cells.AVERAGE_FORMATS[unit]
        headers.append(f"Region's average per force ({label})")
    headers += ["Status", "Flags"]
    body = []
    for row in rows:
        kind = AREA_TYPES[row.area.type]
        held = row.suppressed
        line: list[Any] = [
            kind, row.area.code, row.area.name, cells.shown(row.value, "value" in held)
        ]  # fmt: skip
        for name in names:
            line += cells.compared(row.comparisons.get(name))
            if name == "benchmark":
                line.append(cells.met(row.comparisons.get(name)))
        if parts:
            line += [cells.shown(row.numerator, "numerator" in held),
                     cells.shown(row.denominator, "denominator" in held)]  # fmt: skip
        if ranked:
            rank = row.rank or {}
            line += [cells.shown(rank.get(k), "rank" in held) for k in ("position", "of")]
        if averaged:
            average = row.region_average_per_force
            line.append(cells.shown(average, "region_average_per_force" in held))
        body.append([*line, cells.text(row.status), cells.text(row.flags)])
    return Table(
        f"{ind['title']}: {place_words(pack, area)}, {period_words(pack)}",
        [f"Indicator {ind_id} of measure {ind['measure']}: "
         f"{pack['measures'][ind['measure']]['title']}.",
         f"Unit: {label}{'; changes in percentage points' if unit == 'percent' else ''}."],
        headers, body, source=f"Source: {fmt.source_name(ind['source'])}.",
        column_formats=formats, notes=notes,
    )  # fmt: skip


def _mixed_units(rows: list[Row]) -> dict[int, str]:
    """Row-by-row number formats for a table whose rows differ in unit."""
    return {i: cells.NUMBER_FORMATS[r.unit] for i, r in enumerate(rows)}


def summary_table(
    pack: dict[str, Any], rows: list[Row], notes: list[str], *, title: str | None = None
) -> Table:
    """Every indicator of ``rows`` for England and Wales this quarter, one row each, in its own
    unit: the national edition's summary, or with ``title`` a force edition's table of the
    indicators reported for England and Wales only."""
    nation = [r for r in rows if r.report_period and r.area.type == "nation" and not r.category]
    headers = [
        "Measure", "Indicator id", "Indicator", "Unit", f"{pack['period']['label']}",
        "Same quarter last year", "Change on same quarter last year",
        "Change on same quarter last year (%)", "Benchmark", "Benchmark met", "Status", "Flags",
    ]  # fmt: skip
    body = []
    for row in nation:
        same = cells.compared(row.comparisons.get("same_quarter_last_year"))
        bench = row.comparisons.get("benchmark")
        body.append([
            row.measure_id, row.indicator_id, row.indicator_title, _unit_words(row.unit),
            cells.shown(row.value, "value" in row.suppressed), *same, cells.compared(bench)[0],
            cells.met(bench),
            cells.text(row.status), cells.text(row.flags),
        ])  # fmt: skip
    return Table(
        f"{title or 'Summary of every indicator'}: {NATION_NAME}, {period_words(pack)}",
        ["Each row is in its own unit (the Unit column)."], headers, body,
        column_formats={7: cells.PERCENT_CHANGE}, row_formats=_mixed_units(nation), notes=notes,
    )  # fmt: skip


def _unit_words(unit: str) -> str:
    """The Unit column's words (a cell of symbols alone is not allowed: ``£`` is ``pounds``)."""
    words = {"percent": "% (changes in percentage points)", "gbp": "pounds (£)"}
    return words.get(unit, unit_label(unit))


def breakdown_table(pack: dict[str, Any], rows: list[Row], notes: list[str]) -> Table | None:
    """Each breakdown category of the nation's figures this quarter."""
    parts = [r for r in rows if r.category]
    if not parts:
        return None
    headers = [
        "Indicator id", "Indicator", "Breakdown", "Category", "Unit",
        pack["period"]["label"], "Same quarter last year", "Change on same quarter last year",
        "Change on same quarter last year (%)",
    ]  # fmt: skip
    body = [
        [r.indicator_id, r.indicator_title, r.breakdown, r.category, _unit_words(r.unit),
         cells.shown(r.value, "value" in r.suppressed),
         *cells.compared(r.comparisons.get("same_quarter_last_year"))]
        for r in parts
    ]  # fmt: skip
    return Table(
        f"Indicators by category: {NATION_NAME}, {period_words(pack)}",
        ["Each row is in its own unit (the Unit column)."], headers, body,
        column_formats={8: cells.PERCENT_CHANGE}, row_formats=_mixed_units(parts), notes=notes,
    )  # fmt: skip


def series_table(
    pack: dict[str, Any], rows: list[Row], kind: str, area: str | None, notes: list[str]
) -> Table | None:
    """Every indicator's quarterly or monthly series by area: one row per indicator and area
    (the areas of its table), one column per quarter or month; ``[x]`` where the pack holds no
    figure. The monthly series has the areas whose months the pack holds: until its area entries
    carry ``monthly``, the nation's rows only."""
    points = [r for r in rows if r.period_type == kind and not r.category]
    periods = sorted({(r.period_start, r.period) for r in points})
    if not periods:
        return None
    grid: dict[tuple[str, str], dict[str, Any]] = defaultdict(dict)
    order: list[Row] = []
    for r in points:
        grid[(r.indicator_id, r.area.code)][r.period] = cells.shown(
            r.value, "value" in r.suppressed
        )
    for r in rows:  # the report quarter's rows: one per indicator and area
        if r.category or r.period_type != "quarter" or not r.report_period:
            continue
        if kind == "quarter" or r.area.type == "nation" or (r.indicator_id, r.area.code) in grid:
            order.append(r)  # an area's months once the pack holds them (tidy.rows.area_monthly)
    labels = [p for _, p in periods]
    headers = [
        "Indicator id", "Indicator", "Unit", *AREA_HEADERS,
        *(_month_header(p) if kind == "month" else p for p in labels),
    ]  # fmt: skip
    body = []
    for r in order:
        values = grid.get((r.indicator_id, r.area.code), {})
        figures = [values.get(p, NOT_AVAILABLE) for p in labels]
        where = [AREA_TYPES[r.area.type], r.area.code, r.area.name]
        body.append([r.indicator_id, r.indicator_title, _unit_words(r.unit), *where, *figures])
    word = "Quarterly" if kind == "quarter" else "Monthly"
    span = f"{_month_header(labels[0]) if kind == 'month' else labels[0]} to " + (
        _month_header(labels[-1]) if kind == "month" else labels[-1]
    )
    return Table(
        f"{word} series of every indicator: {place_words(pack, area)}, {span}",
        ["One row per indicator and area; each row is in its own unit (the Unit column)."],
        headers, body, row_formats=_mixed_units(order), notes=notes,
    )  # fmt: skip


def _month_header(label: str) -> str:
    """``2024-06`` -> ``Jun 2024``."""
    return f"{Month.parse(label).start:%b %Y}"


def commentary_table(pack: dict[str, Any], comments: list[list[str]]) -> Table | None:
    if not comments:
        return None
    return Table(
        f"Analyst commentary on the figures: {NATION_NAME}, {period_words(pack)}",
        ["The analysts' commentary, by measure and the part of it the comment is about."],
        ["Measure", "About", "Commentary"],
        comments,
    )
