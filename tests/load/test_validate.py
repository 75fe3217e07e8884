"""Validation as a whole: every problem at once, headers, sources, workbooks, duplicates."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import duckdb
import pytest
from openpyxl import Workbook

from ndp.errors import NdpError
from ndp.load import validate_extract

TODAY = date(2026, 11, 25)


def validate(path: Path, source: str | None = None):  # type: ignore[no-untyped-def]
    con = duckdb.connect()
    return con, validate_extract(con, path, source=source, today=TODAY)


def test_a_bad_file_reports_every_problem_at_once(
    write_csv: Callable[..., Path], disruption: Callable[..., list[str]]
) -> None:
    path = write_csv(
        [
            disruption(id="D1"),
            disruption(id="D2", date="32/01/2024", force="Atlantis", level="big"),
            disruption(id="D1", threat="Shoplifting"),
            disruption(id=""),
        ]
    )
    _, result = validate(path)
    assert [(p.line, p.column, p.value) for p in result.problems] == [
        (3, "date", "32/01/2024"),
        (3, "force", "Atlantis"),
        (3, "level", "big"),
        (4, "disruption_id", "D1"),
        (4, "threat", "Shoplifting"),
        (5, "disruption_id", ""),
    ]
    assert (
        str(result.problems[3])
        == f"{path}, line 4, column disruption_id: 'D1': expected a unique disruption_id (the same appears on line 2)"
    )
    assert [row.line for row in result.refused] == [3, 4, 5]
    assert result.refused[0].record["force"] == "Atlantis"


def test_headers_match_case_spaces_and_hyphens(
    write_csv: Callable[..., Path], disruption: Callable[..., list[str]]
) -> None:
    header = [" Disruption ID ", "DATE", "Force", "threat", "Category", "level", "Analyst notes"]
    path = write_csv([[*disruption(), "kept aside"]], header=header)
    con, result = validate(path)
    assert result.source.name == "disruptions"
    assert result.problems == []
    assert result.warnings == [
        f"{path}: columns not in the disruptions contract were ignored: Analyst notes"
    ]
    assert con.execute(f"SELECT disruption_id FROM {result.good}").fetchall() == [("D1",)]


def test_missing_required_column_is_a_file_problem(write_csv: Callable[..., Path]) -> None:
    path = write_csv(
        [["D1", "13/05/2024", "Met", "Fraud", "Major"]],
        header=["disruption_id", "date", "force", "threat", "level"],
    )
    _, ok = validate(path)
    assert ok.problems == []
    path = write_csv(
        [["D1", "13/05/2024", "Met", "Major"]],
        header=["disruption_id", "date", "force", "level"],
        name="e.csv",
    )
    _, result = validate(path, source="disruptions")
    assert [str(p) for p in result.problems] == [
        f"{path}: missing required column threat (disruptions)"
    ]


def test_unknown_header_names_the_nearest_sources(write_csv: Callable[..., Path]) -> None:
    path = write_csv([["1", "2"]], header=["colour", "size"])
    with pytest.raises(
        NdpError,
        match=r"the header matches no source: nearest .*; check the column names or name the source with --source",
    ):
        validate(path)


def test_unknown_source_name_lists_the_sources(
    write_csv: Callable[..., Path], disruption: Callable[..., list[str]]
) -> None:
    with pytest.raises(
        NdpError, match="unknown source 'disruption': expected one of disruptions, asset_seizures"
    ):
        validate(write_csv([disruption()]), source="disruption")


def test_csv_with_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes(
        "\ufeffdisruption_id,date,force,threat,level\nD1,13/05/2024,Met,Fraud,Major\n".encode()
    )
    _, result = validate(path)
    assert result.source.name == "disruptions"
    assert result.problems == []


def test_xlsx_with_excel_date_and_number_cells(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "asset_seizures"
    sheet.append(["Seizure ID", "Date", "Force", "Threat", "Type", "Value GBP", "Estimated"])
    sheet.append(["S1", date(2024, 5, 13), "GMP", "MLAR", "Cash", 1012431, True])
    sheet.append(["S2", "13/05/2024", "Met", "MLAR", "AFO", 290897.9, "no"])
    path = tmp_path / "seizures.xlsx"
    book.save(path)
    con, result = validate(path)
    assert result.problems == []
    rows = con.execute(
        f"SELECT seizure_id, date::VARCHAR, value_gbp::VARCHAR, estimated, _line FROM {result.good} ORDER BY _line"
    ).fetchall()
    assert rows == [
        ("S1", "2024-05-13", "1012431.00", True, 2),
        ("S2", "2024-05-13", "290897.90", False, 3),
    ]


def test_ods_workbook(tmp_path: Path) -> None:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    table = Table(name="training")
    for values in (
        ["session_id", "date", "course", "attendees"],
        ["T1", "13/05/2024", "Crypto", "12"],
        ["T2", "2024-06-01", "Knitting", "3"],
    ):
        row = TableRow()
        for value in values:
            cell = TableCell(valuetype="string")
            cell.addElement(P(text=value))
            row.addElement(cell)
        table.addElement(row)
    doc.spreadsheet.addElement(table)
    path = tmp_path / "training.ods"
    doc.save(str(path))
    con, result = validate(path)
    assert result.source.name == "training"
    assert [(p.line, p.column) for p in result.problems] == [(3, "course")]
    assert con.execute(f"SELECT course, attendees FROM {result.good}").fetchall() == [
        ("cryptoasset_investigation", 12)
    ]


def test_workbook_with_several_sheets_uses_the_one_named_like_the_source(tmp_path: Path) -> None:
    book = Workbook()
    book.active.title = "Notes"
    book.active.append(["anything"])
    sheet = book.create_sheet("ftc_referrals")
    sheet.append(["referral_id", "received_on", "source"])
    sheet.append(["R1", "2024-04-02", "NCA"])
    path = tmp_path / "ftc.xlsx"
    book.save(path)
    _, result = validate(path)
    assert (result.source.name, result.rows_read, result.problems) == ("ftc_referrals", 1, [])


def test_not_a_readable_file(tmp_path: Path) -> None:
    bad = tmp_path / "x.pdf"
    bad.write_text("nope")
    with pytest.raises(
        NdpError, match=r"unknown file type '\.pdf': expected \.csv, \.xlsx or \.ods"
    ):
        validate(bad)
    with pytest.raises(NdpError, match="no such file"):
        validate(tmp_path / "missing.csv")


def test_line_numbers_hold_even_if_the_connection_allowed_reordering(tmp_path: Path) -> None:
    path = tmp_path / "many.csv"
    rows = [f"D{i},13/05/2024,Met,Fraud,Major" for i in range(50_000)]
    rows[40_000] = "D40000,13/05/2024,Met,Fraud,Enormous"
    path.write_text("disruption_id,date,force,threat,level\n" + "\n".join(rows) + "\n")
    con = duckdb.connect()
    con.execute("SET preserve_insertion_order = false")
    result = validate_extract(con, path, today=TODAY)
    assert [(p.line, p.value) for p in result.problems] == [(40_002, "Enormous")]


@pytest.mark.parametrize("threshold", [50_000, 0])
def test_time_stamps_give_their_day_whether_or_not_keyed_by_date_part(
    write_csv: Callable[..., Path],
    disruption: Callable[..., list[str]],
    monkeypatch: pytest.MonkeyPatch,
    threshold: int,
) -> None:
    """A date column of many distinct time stamps is parsed by its date part (threshold 0
    forces that path): the same days, and a bad value is still reported as written."""
    monkeypatch.setattr("ndp.load.validate.DISTINCT_DATES", threshold)
    stamps = [
        "2024-05-13 09:15",
        "2024-05-13T17:02:59.5Z",
        "13/05/2024 23:59:59",
        " 2024-05-14 00:00:00+01:00 ",
        "2024-05-15",
        "2024-02-30 10:00",
        "   ",
    ]
    path = write_csv([disruption(id=f"D{i}", date=d) for i, d in enumerate(stamps)])
    con, result = validate(path)
    assert [(p.line, p.column, p.value) for p in result.problems] == [
        (7, "date", "2024-02-30 10:00"),
        (8, "date", "   "),
    ]
    days = con.execute(f"SELECT date::VARCHAR FROM {result.good} ORDER BY _line").fetchall()
    assert [d for (d,) in days] == [
        "2024-05-13", "2024-05-13", "2024-05-13", "2024-05-14", "2024-05-15"
    ]  # fmt: skip
