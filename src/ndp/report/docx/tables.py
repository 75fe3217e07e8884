"""Word tables as ndp writes them: a bold, tinted header row that repeats on every page, rows
that never split across pages, right-aligned figures, and fixed column widths weighted to the
content (``widths.column_widths``), set on the grid and on every cell, since Word and LibreOffice
each read one of them."""

from __future__ import annotations

from collections.abc import Sequence

from docx.document import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.table import Table, _Cell, _Row

from ndp.report.docx.page import TEXT_WIDTH
from ndp.report.docx.widths import column_widths

TABLE_SIZE = 8.5  # pt, as the PDF's tables in print
#: Word's default cell margins (0.19 cm a side), and a little for a renderer's rounding
CELL_PADDING = 2 * 5.4 + 5
#: a table up to this many rows is kept on one page, as the PDF keeps its tables whole
KEEP_WHOLE = 16
HEADER_TINT = "E7EEF7"
#: what follows w:shd in a cell's properties (ECMA-376 CT_TcPr)
_AFTER_SHADING = ("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign",
                  "w:hideMark", "w:headers", "w:cellIns", "w:cellDel", "w:cellMerge",
                  "w:tcPrChange")  # fmt: skip


def _row_flag(row: _Row, name: str) -> None:
    """``w:tblHeader`` (repeat on each page) or ``w:cantSplit`` (keep the row on one page)."""
    flag = OxmlElement(name)
    flag.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(flag)


def repeat_header(table: Table) -> None:
    _row_flag(table.rows[0], "w:tblHeader")


def _shade(cell: _Cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    for key, value in (("val", "clear"), ("color", "auto"), ("fill", fill)):
        shading.set(qn(f"w:{key}"), value)
    cell._tc.get_or_add_tcPr().insert_element_before(shading, *_AFTER_SHADING)


def _fill(cell: _Cell, text: str, *, size: float, bold: bool, right: bool, keep: bool) -> None:
    cell.text = text
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.space_before = paragraph.paragraph_format.space_after = Pt(1)
    paragraph.paragraph_format.line_spacing = 1.0
    paragraph.paragraph_format.keep_with_next = keep
    if right:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for run in paragraph.runs:
        run.font.size = Pt(size)
        run.bold = bold or None


def add_table(
    document: Document,
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    numeric: set[int],
    *,
    nowrap: set[int] | None = None,
    size: float = TABLE_SIZE,
) -> Table:
    """A grid table with ``headers`` as its repeating bold first row; the columns whose index is
    in ``numeric`` are right-aligned and, with those in ``nowrap``, never wrap."""
    widths = column_widths(
        headers, rows, TEXT_WIDTH.pt, size, nowrap=numeric | (nowrap or set()),
        padding_pt=CELL_PADDING,
    )  # fmt: skip
    table = document.add_table(rows=1 + len(rows), cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Pt(width)
    whole = len(rows) <= KEEP_WHOLE
    for number, (row, values) in enumerate(zip(table.rows, [headers, *rows], strict=True)):
        _row_flag(row, "w:cantSplit")
        last = number == len(rows)
        for index, (cell, text) in enumerate(zip(row.cells, values, strict=True)):
            cell.width = Pt(widths[index])
            keep = number == 0 or (whole and not last)
            _fill(cell, text, size=size, bold=number == 0, right=index in numeric, keep=keep)
            if number == 0:
                _shade(cell, HEADER_TINT)
    repeat_header(table)
    return table
