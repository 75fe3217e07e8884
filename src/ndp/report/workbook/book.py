"""The statistical workbook, laid out by ONS's gptables to the Government Analysis Function's
"Releasing statistics in spreadsheets": cover, contents, notes, then one table per sheet
(``Table_1``...), with print set-up. See docs/report.md ("The statistical workbook")."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

from ndp.engine.disclosure.differencing import for_force
from ndp.report.marks import edition_areas
from ndp.report.tidy.rows import Row, build_rows
from ndp.report.workbook import notes as wb_notes
from ndp.report.workbook import revisions, tables
from ndp.report.workbook.cells import SUPPRESSED, Table, hostile
from ndp.report.workbook.cover import set_cover_heights
from ndp.report.workbook.notes import Note

#: XlsxWriter must never read a text cell as a formula or a link
WORKBOOK_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False}
A4 = 9
#: the cover sheet's column, in characters
COVER_WIDTH = 100


def _by_indicator(rows: list[Row]) -> dict[str, list[Row]]:
    """Each indicator's report-quarter area rows (no categories), in the rows' order."""
    out: dict[str, list[Row]] = {}
    for row in rows:
        if row.report_period and row.period_type == "quarter" and not row.category:
            out.setdefault(row.indicator_id, []).append(row)
    return out


#: a force edition's one table of the indicators with no figure below England and Wales
NATIONAL_ONLY_TITLE = "Indicators reported for England and Wales only"


def national_only(pack: dict[str, Any]) -> set[str]:
    """The indicators the pack has no figure for below England and Wales (no force, unit or
    region entry): a force edition gives them one row each in one table, as its PDF gives each
    such measure one line, rather than a table each of the nation beside two ``[x]`` rows."""
    return {
        ind_id
        for ind_id, ind in pack["indicators"].items()
        if not (ind.get("by") or {}).get("force") and not (ind.get("by") or {}).get("region")
    }


def _edition_rows(pack: dict[str, Any], area: str | None) -> tuple[list[Row], set[str]]:
    """The rows of the edition and, for a force's, the national-only indicators (whose rows are
    the nation's alone)."""
    rows = build_rows(pack, area)
    if area is None:
        return rows, set()
    nation_only = national_only(pack)
    kept = [r for r in rows if r.indicator_id not in nation_only or r.area.type == "nation"]
    return kept, nation_only


def plan(
    pack: dict[str, Any], area: str | None = None, comments: list[list[str]] | None = None
) -> tuple[list[Table], list[Note]]:
    """The workbook's tables in order and the notes they refer to (each note once). A force
    edition reads the pack as the force may see its region (the differencing rule)."""
    if area is not None:
        pack = for_force(pack, area)
    rows, nation_only = _edition_rows(pack, area)
    notes: dict[str, Note] = {}

    def refer(*found: Note) -> list[str]:
        for note in found:
            notes.setdefault(note.id, note)
        return [n.id for n in found]

    out: list[Table] = []
    areas = None if area is None else edition_areas(pack, area)
    revised = revisions.revised_indicators(pack, areas)
    revision_note = revisions.revisions_note(pack)
    mixed = wb_notes.mixed_units_note(
        "Summary, indicators by category and the series" if area is None
        else f"{NATIONAL_ONLY_TITLE} and the series"
    )  # fmt: skip
    if area is None:
        out.append(tables.summary_table(pack, rows, refer(mixed)))
    national_notes: list[Note] = []
    for ind_id, ind_rows in _by_indicator(rows).items():
        found = wb_notes.indicator_notes(pack, ind_id, national=area is None)
        if ind_id in revised and revision_note is not None:
            found.append(revision_note)
        if ind_id in nation_only:
            national_notes += found
            continue
        out.append(tables.indicator_table(pack, ind_id, ind_rows, area, refer(*found)))
    if nation_only:
        alone = [r for r in rows if r.indicator_id in nation_only]
        out.append(tables.summary_table(
            pack, alone, refer(mixed, *national_notes), title=NATIONAL_ONLY_TITLE
        ))  # fmt: skip
    if area is None:
        outcomes = any(r.breakdown == "Outcome" for r in rows)
        extra = [wb_notes.outcome_note()] if outcomes else []
        parts = tables.breakdown_table(pack, rows, refer(mixed, *extra))
        out += [parts] if parts else []
    quarterly = tables.series_table(pack, rows, "quarter", area, refer(mixed))
    out += [quarterly] if quarterly else []
    area_months = any(r.period_type == "month" and r.area.type != "nation" for r in rows)
    month_notes = [mixed] if area_months else [mixed, wb_notes.monthly_areas_note()]
    monthly = tables.series_table(pack, rows, "month", area, refer(*month_notes))
    out += [monthly] if monthly else []
    commentary = tables.commentary_table(pack, comments or [])
    out += [commentary] if commentary else []
    if revised and revision_note is not None:
        changed = revisions.revisions_table(pack, areas, refer(revision_note))
        out += [changed] if changed else []
    withheld = wb_notes.disclosure_note(pack) or wb_notes.differencing_note(pack, area)
    for table in out:
        if withheld is not None and SUPPRESSED in table.symbols_used():
            table.notes.extend(refer(withheld))
    return out, list(notes.values())


def _gptable(name: str, table: Table) -> Any:
    import gptables as gpt
    import pandas as pd

    frame = pd.DataFrame(table.rows, columns=table.headers, dtype=object)
    formatting: list[dict[str, Any]] = []
    by_format: dict[str, list[int]] = {}
    for row, num_format in table.row_formats.items():
        by_format.setdefault(num_format, []).append(row + 1)  # row 0 is the header
    formatting += [{"row": {"rows": r, "format": {"num_format": f}}} for f, r in by_format.items()]
    by_column_format: dict[str, list[str]] = {}  # one slice per format, not one per column
    for column, num_format in table.column_formats.items():
        by_column_format.setdefault(num_format, []).append(table.headers[column])
    formatting += [
        {"column": {"columns": c, "format": {"num_format": f}, "include_names": False}}
        for f, c in by_column_format.items()
    ]
    formatting += [
        {"cell": {"cells": [(r + 1, c)], "format": {"quote_prefix": True}}}
        for r, line in enumerate(table.rows)
        for c, value in enumerate(line)
        if hostile(value)
    ]
    references = (" " if table.notes else "") + "".join(f"$${n}$$" for n in table.notes)
    return gpt.GPTable(
        table=frame, table_name=name, title=f"{table.title}{references}",
        subtitles=list(table.subtitles), source=table.source, legend=table.symbols(),
        instructions="This worksheet contains one table. Notes are on the Notes sheet.",
        index_columns={2: 0}, additional_formatting=formatting,
    )  # fmt: skip


def write_workbook(
    pack: dict[str, Any],
    path: Path,
    *,
    area: str | None = None,
    comments: list[list[str]] | None = None,
) -> Path:
    """Write the statistical workbook of ``pack`` at ``path``: the national edition, or with
    ``area`` (a force's or unit's code) the force edition (that force, its region and the
    nation). ``comments`` are the analysts' (measure, about, text) rows, if any."""
    import gptables as gpt
    import pandas as pd

    planned, notes = plan(pack, area, comments)
    sheets = {f"Table_{i}": _gptable(f"Table_{i}", t) for i, t in enumerate(planned, start=1)}
    cover_text = wb_notes.cover_text(pack, area)
    cover = gpt.Cover(**cover_text, width=COVER_WIDTH)
    notes_table = pd.DataFrame(
        {"id": [n.id for n in notes], "Applies to": [n.applies_to for n in notes],
         "Note text": [n.text for n in notes]}
    )  # fmt: skip
    with warnings.catch_warnings():
        # gptables 2.0 calls pandas APIs that pandas 3 deprecates; an empty cell must not pass
        warnings.filterwarnings("ignore", category=DeprecationWarning)
        warnings.filterwarnings("ignore", category=FutureWarning)
        warnings.filterwarnings("error", message=r"[\s\S]*(Empty or null cell|not referenced)")
        book = gpt.produce_workbook(
            str(path), sheets, cover=cover, notes_table=notes_table,
            contentsheet_options={"column_names": ["Sheet name", "Table title"]},
            workbook_options=WORKBOOK_OPTIONS, auto_width=_auto_width(planned),
        )  # fmt: skip
        _set_widths(book, planned)
        set_cover_heights(book.get_worksheet_by_name("Cover"), cover_text, COVER_WIDTH)
        _print_setup(book, sheets)
        book.close()
    return path


#: a table longer than this is given column widths from the length of its text (gptables would
#: measure every cell's rendered width, seconds for the series sheets)
MEASURED_ROWS = 200


def _auto_width(planned: list[Table]) -> dict[str, bool]:
    auto = {f"Table_{i}": len(t.rows) <= MEASURED_ROWS for i, t in enumerate(planned, start=1)}
    return {"Cover": True, "Contents": True, "Notes": True, **auto}


def _set_widths(book: Any, planned: list[Table]) -> None:
    for i, table in enumerate(planned, start=1):
        if len(table.rows) <= MEASURED_ROWS:
            continue
        sheet = book.get_worksheet_by_name(f"Table_{i}")
        for column, header in enumerate(table.headers):
            longest = max(len(str(r[column])) for r in table.rows)
            sheet.set_column(column, column, min(max(len(header), longest) + 2, 60))


def _print_setup(book: Any, sheets: dict[str, Any]) -> None:
    """A4 landscape, one page wide, the header row repeated on every page, page N of M."""
    for sheet in book.worksheets():
        sheet.set_paper(A4)
        sheet.set_landscape()
        sheet.fit_to_pages(1, 0)
        sheet.set_footer("&L&A&RPage &P of &N")
        table = sheets.get(sheet.name)
        if table is not None:
            sheet.repeat_rows(table.data_range[0])
