"""Uploads are told apart by content, never by name, and workbooks that would expand too far
are refused before anything opens them."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from ndp.workflow.filetypes import ODS_MIMETYPE, NotAnExtract, ZipLimits, identify

LIMITS = ZipLimits(members=10, total_bytes=1024 * 1024, ratio=100)


def xlsx(path: Path) -> Path:
    book = Workbook()
    book.active.append(["Disruption ID", "Date"])
    book.save(path)
    return path


def ods(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as book:
        book.writestr("mimetype", ODS_MIMETYPE)
        book.writestr("content.xml", "<office:document-content/>")
    return path


def refusal(path: Path, limits: ZipLimits = LIMITS) -> str:
    with pytest.raises(NotAnExtract) as raised:
        identify(path, limits)
    return str(raised.value)


def test_each_kind_is_known_by_its_content_whatever_its_name(tmp_path: Path) -> None:
    csv = tmp_path / "extract.xlsx"
    csv.write_text("Disruption ID,Date\nDIS-1,01/07/2022\n", encoding="utf-8")
    assert identify(csv, LIMITS) == "csv"
    assert identify(xlsx(tmp_path / "extract.csv"), LIMITS) == "xlsx"
    assert identify(ods(tmp_path / "extract.txt"), LIMITS) == "ods"
    windows = tmp_path / "windows"
    windows.write_bytes("Force,Value\nDyfed-Powys,£5\n".encode("cp1252"))
    assert identify(windows, LIMITS) == "csv"


def test_what_is_not_an_extract_is_refused_saying_what_it_is(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert refusal(empty) == "The file is empty. Choose the extract file again."
    xls = tmp_path / "old.xlsx"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    assert refusal(xls) == (
        "The file is an Excel 97-2003 workbook (.xls). Save it as an Excel workbook (.xlsx) or "
        "CSV and upload that."
    )
    png = tmp_path / "chart.csv"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert refusal(png) == "The file is not a CSV, XLSX or ODS file. Upload the extract itself."
    archive = tmp_path / "extracts.xlsx"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("a.csv", "x,y\n")
    assert refusal(archive) == (
        "The file is a zip archive but not an Excel (.xlsx) or OpenDocument (.ods) workbook. "
        "Upload the extract itself, not an archive."
    )
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(b"PK\x03\x04" + b"\x00" * 50)
    assert refusal(damaged) == (
        "The file is a damaged zip or workbook. Save the workbook again and upload it."
    )


def test_zip_bombs_are_refused_by_the_directory_alone(tmp_path: Path) -> None:
    many = tmp_path / "many.xlsx"
    with zipfile.ZipFile(many, "w") as z:
        for n in range(11):
            z.writestr(f"xl/part{n}.xml", "<x/>")
    assert refusal(many) == "The workbook is refused: it has 11 parts; at most 10 are accepted."
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", b"<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\x00" * 900_000)
    assert refusal(bomb) == (
        "The workbook is refused: it expands more than 100 times, as no real extract does. "
        "Save the workbook again from the spreadsheet program and upload that."
    )
    big = tmp_path / "big.xlsx"
    with zipfile.ZipFile(big, "w", compression=zipfile.ZIP_STORED) as z:
        z.writestr("xl/workbook.xml", b"<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\x00" * 3_000_000)
    assert refusal(big) == (
        "The workbook is refused: it would expand to 3 MB; at most 1 MB is accepted. Split the "
        "extract into smaller files."
    )
