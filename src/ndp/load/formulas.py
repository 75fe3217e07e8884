"""Finding formula cells of an XLSX sheet that carry no saved result.

A workbook written by a program rather than saved by Excel (openpyxl, some report tools) can
hold formulas whose result was never computed; a reader sees an empty cell. calamine reads only
values, so the sheet's XML is scanned for ``<c>`` cells with an ``<f>`` and no ``<v>``: those
cells are refused by their reference instead of loading as silent blanks.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_REF = re.compile(r"([A-Z]+)([0-9]+)")


def _sheet_part(book: zipfile.ZipFile, sheet: str) -> str | None:
    workbook = ET.fromstring(book.read("xl/workbook.xml"))
    rels = ET.fromstring(book.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{_PKG}Relationship")}
    for element in workbook.iter(f"{_MAIN}sheet"):
        if element.get("name") == sheet:
            target = targets.get(element.get(f"{_REL}id"), "")
            return target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
    return None


def uncomputed_formulas(path: Path, sheet: str) -> list[tuple[int, int, str, str]]:
    """(row, 0-based column, cell reference, formula) of each formula cell without a result."""
    if path.suffix.lower() not in {".xlsx", ".xlsm"}:
        return []
    try:
        with zipfile.ZipFile(path) as book:
            part = _sheet_part(book, sheet)
            if part is None or part not in book.namelist():
                return []
            data = book.read(part)
    except (zipfile.BadZipFile, KeyError, ET.ParseError):
        return []  # calamine has read the file; a layout this scan does not know is not a formula
    if b"<f" not in data and b":f" not in data:
        return []
    found: list[tuple[int, int, str, str]] = []
    for _, element in ET.iterparse(io.BytesIO(data)):
        if element.tag != f"{_MAIN}c":
            continue
        formula, value = element.find(f"{_MAIN}f"), element.find(f"{_MAIN}v")
        if formula is not None and (value is None or not (value.text or "").strip()):
            ref = element.get("r", "")
            match = _REF.fullmatch(ref)
            if match:
                found.append((int(match[2]), _column_index(match[1]), ref, formula.text or ""))
        element.clear()
    return found


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - ord("A") + 1
    return index - 1
