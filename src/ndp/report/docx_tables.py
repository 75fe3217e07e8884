"""Word tables as ndp writes them: a bold header row that repeats on every page and
right-aligned figures."""

from __future__ import annotations

from docx.document import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.table import Table


def repeat_header(table: Table) -> None:
    """Mark the first row as a header that Word repeats on each page (w:tblHeader)."""
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def add_table(
    document: Document, headers: list[str], rows: list[list[str]], numeric: set[int]
) -> Table:
    """A grid table with ``headers`` as its repeating bold first row; the columns whose index is
    in ``numeric`` are right-aligned."""
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    repeat_header(table)
    for values in rows:
        for index, (cell, text) in enumerate(zip(table.add_row().cells, values, strict=True)):
            cell.text = text
            if index in numeric:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return table
