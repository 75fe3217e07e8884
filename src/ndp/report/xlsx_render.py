"""The Excel edition, after the GSS good practice for statistics in spreadsheets: a cover sheet
with contents links, a notes sheet, then one table per sheet with a title row, one header row,
no merged cells, numbers stored as numbers with formats and the unit in the header.

Every text cell is neutralised: text beginning with ``=``, ``+``, ``-``, ``@``, tab or CR is
stored as a string with the quote prefix set, so a crafted force name cannot run as a formula.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ndp.report.context import ReportContext, figure_columns

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER_FORMATS = {"count": "#,##0", "gbp": "£#,##0.00", "percent": "0.0"}
UNIT_LABEL = {"count": "number", "gbp": "£", "percent": "%"}


def safe_text(value: str) -> tuple[str, bool]:
    """The text and whether it needs the quote prefix (it would otherwise start a formula)."""
    return value, value.startswith(FORMULA_START)


def _put(sheet: Worksheet, row: int, column: int, value: Any, fmt: str | None = None) -> None:
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        text, hostile = safe_text(value)
        cell.value = text
        cell.data_type = "s"
        if hostile:
            cell.quotePrefix = True
    elif isinstance(value, Decimal):
        cell.value = float(value)
    else:
        cell.value = value
    if fmt and isinstance(cell.value, (int, float)):
        cell.number_format = fmt


def _sheet_name(title: str, used: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\']", " ", title).strip()[:31] or "Sheet"
    name, n = base, 2
    while name.lower() in used:
        suffix = f" {n}"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(name.lower())
    return name


def _table(
    wb: Workbook, used: set[str], title: str, headers: list[str], rows: list[list[Any]],
    formats: list[str | None], name: str | None = None,
) -> str:  # fmt: skip
    sheet = wb.create_sheet(_sheet_name(name or title, used))
    _put(sheet, 1, 1, title)
    sheet.cell(row=1, column=1).font = Font(bold=True, size=14)
    for column, header in enumerate(headers, start=1):
        _put(sheet, 2, column, header)
        sheet.cell(row=2, column=column).font = Font(bold=True)
        width = max([len(header)] + [len(str(r[column - 1] or "")) for r in rows]) + 2
        sheet.column_dimensions[get_column_letter(column)].width = min(width, 60)
    for r, values in enumerate(rows, start=3):
        for column, value in enumerate(values, start=1):
            _put(sheet, r, column, value, formats[column - 1])
    sheet.freeze_panes = "A3"
    return sheet.title


def _indicator_rows(ind: dict[str, Any], pack: dict[str, Any]) -> list[list[Any]]:
    """National value, then one row per breakdown entry (force, region, level...)."""
    same = ind.get("comparisons", {}).get("same_quarter_last_year") or {}
    rows = [["England and Wales", "national", ind.get("value"), same.get("value"),
             same.get("change"), same.get("pct_change")]]  # fmt: skip
    forces = pack.get("geographies", {}).get("forces", {})
    compared = ind.get("breakdown_comparisons") or {}
    for dim, entries in (ind.get("breakdown") or {}).items():
        for key, value in sorted(entries.items()):
            name = forces.get(key, {}).get("name", key) if dim == "force" else key
            last = (compared.get(dim, {}).get(key) or {}).get("same_quarter_last_year") or {}
            rows.append([name, dim, value, last.get("value"), last.get("change"),
                         last.get("pct_change")])  # fmt: skip
    return rows


MEASURE_HEADERS = [
    "Indicator", "Unit", "This quarter", "Same quarter last year", "Change", "Change (%)",
    "Benchmark or target",
]  # fmt: skip


def _measure_table(
    pack: dict[str, Any], measure_id: str
) -> tuple[list[str], list[list[Any]], list[str]]:
    """A measure's indicators as numbers: one row each, with its unit named in a column because
    the rows' units differ (the cells carry the unit's number format)."""
    rows, units = [], []
    for ind_id in pack["measures"][measure_id]["indicators"]:
        ind = pack["indicators"][ind_id]
        same = ind["comparisons"].get("same_quarter_last_year") or {}
        bench = ind["comparisons"].get("benchmark") or {}
        unit = ind.get("unit", "count")
        rows.append([ind["title"], UNIT_LABEL.get(unit, unit), ind["value"], same.get("value"),
                     same.get("change"), same.get("pct_change"), bench.get("value")])  # fmt: skip
        units.append(unit)
    return MEASURE_HEADERS, rows, units


def _format_by_unit(sheet: Worksheet, units: list[str]) -> None:
    """Number formats row by row: the figures in each row's unit, the percentage change as %."""
    for row, unit in enumerate(units, start=3):
        if unit not in NUMBER_FORMATS:
            continue
        for column in (3, 4, 5, 7):
            cell = sheet.cell(row=row, column=column)
            if isinstance(cell.value, (int, float)):
                cell.number_format = NUMBER_FORMATS[unit]
        if isinstance(sheet.cell(row=row, column=6).value, (int, float)):
            sheet.cell(row=row, column=6).number_format = "0.0"


def write_xlsx(context: ReportContext, path: Path, pack: dict[str, Any] | None = None) -> Path:
    """Write the report as an .xlsx at ``path``; with ``pack``, one sheet per indicator too."""
    pack = pack if pack is not None else context.extra.get("pack")
    wb = Workbook()
    cover = wb.active
    assert cover is not None
    cover.title = "Cover"
    used = {"cover", "notes"}
    notes = wb.create_sheet("Notes")
    _put(notes, 1, 1, "Notes")
    _put(notes, 2, 1, "Note number")
    _put(notes, 2, 2, "Note text")
    note_texts = [
        "Figures are for the quarter named on the cover; comparisons are with the same quarter"
        " last year.",
        "Percentages are stored as numbers (53.2 means 53.2%).",
    ]
    note_texts += [str(f.get("message") or f) for f in context.flags]
    for i, text in enumerate(note_texts, start=1):
        _put(notes, i + 2, 1, f"[note {i}]")
        _put(notes, i + 2, 2, text)
    notes.column_dimensions["B"].width = 100
    sheets: list[tuple[str, str]] = []
    for objective in context.objectives:
        for measure in objective.measures:
            if not measure.rows:
                continue
            if pack and measure.id in pack.get("measures", {}):
                headers, rows, units = _measure_table(pack, measure.id)
            else:  # a context without its pack: the figures as the report shows them
                columns = figure_columns()
                headers = [label for _, label in columns]
                rows = [[str(getattr(r, n)) for n, _ in columns] for r in measure.rows]
                units = ["text"] * len(rows)
            name = _table(
                wb, used, measure.title, headers, rows, [None] * len(headers),
                name=f"{measure.id} {measure.title}",
            )  # fmt: skip
            _format_by_unit(wb[name], units)
            sheets.append((name, f"{measure.title} [note 1]"))
    comments = [
        [measure.id, comment.about, comment.text]
        for objective in context.objectives
        for measure in objective.measures
        for comment in measure.commentary
    ]
    if comments:
        headers = ["Measure", "About", "Commentary"]
        name = _table(wb, used, "Analyst commentary", headers, comments, [None] * 3)
        sheets.append((name, "Analyst commentary on the figures"))
    for ind_id, ind in (pack or {}).get("indicators", {}).items():
        unit = ind.get("unit", "count")
        label = UNIT_LABEL.get(unit, unit)
        headers = [
            "Area", "Area type", f"This quarter ({label})",
            f"Same quarter last year ({label})", f"Change ({label})", "Change (%)",
        ]  # fmt: skip
        fmt = NUMBER_FORMATS.get(unit, "#,##0")
        formats = [None, None, fmt, fmt, fmt, "0.0"]
        name = _table(
            wb, used, str(ind.get("title", ind_id)), headers, _indicator_rows(ind, pack or {}),
            formats, name=ind_id,
        )  # fmt: skip
        sheets.append((name, str(ind.get("title", ind_id))))
    _put(cover, 1, 1, context.title)
    cover["A1"].font = Font(bold=True, size=16)
    _put(cover, 2, 1, context.period_heading)
    _put(cover, 3, 1, "Source: National Lead Force (City of London Police) performance data")
    _put(cover, 4, 1, f"Generated: {context.generated_at}")
    _put(cover, 6, 1, "Contents")
    cover["A6"].font = Font(bold=True)
    for row, (name, description) in enumerate([("Notes", "Notes"), *sheets], start=7):
        _put(cover, row, 1, name)
        cover.cell(row=row, column=1).hyperlink = f"#'{name}'!A1"
        _put(cover, row, 2, description)
    cover.column_dimensions["A"].width = 40
    cover.column_dimensions["B"].width = 80
    wb.save(path)
    return path
