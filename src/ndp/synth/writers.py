"""Writing extract files: CSV (UTF-8) and XLSX workbooks, byte-identical for the same rows."""

from __future__ import annotations

import csv
import datetime
import io
import re
import zipfile
from pathlib import Path

from openpyxl import Workbook


def write_csv(path: Path, header: list[str], rows: list[dict[str, str]]) -> Path:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n", extrasaction="raise")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def write_xlsx(path: Path, header: list[str], rows: list[dict[str, str]], *, sheet: str) -> Path:
    """A workbook with one sheet; fixed timestamps so the same rows give the same bytes."""
    book = Workbook()
    ws = book.active
    ws.title = sheet
    ws.append(header)
    for row in rows:
        ws.append([row[name] for name in header])
    book.properties.creator = "ndp synth"
    fixed = datetime.datetime(2024, 7, 1)
    book.properties.created = fixed
    book.properties.modified = fixed
    raw = io.BytesIO()
    book.save(raw)
    _rezip_fixed(raw.getvalue(), path)
    return path


def _rezip_fixed(data: bytes, path: Path) -> None:
    """Re-pack the workbook with fixed member dates (zip entries carry the write time)."""
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            clone = zipfile.ZipInfo(item.filename, date_time=(2024, 7, 1, 0, 0, 0))
            clone.compress_type = zipfile.ZIP_DEFLATED
            data = source.read(item.filename)
            if item.filename == "docProps/core.xml":
                data = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2024-07-01T00:00:00Z", data)
            target.writestr(clone, data)
