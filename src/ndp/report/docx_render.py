"""The Word edition: the same context as the HTML report, written with real Heading styles,
tables whose header row repeats on every page, right-aligned figures and page numbers, so a
screen reader and a reviewer navigate it as they would the HTML."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from ndp.report.commentary import Comment
from ndp.report.context import FigureRow, MeasureSection, ReportContext

FIGURE_COLUMNS = {
    "title": "Indicator",
    "value": "This quarter",
    "last_year": "Same quarter last year",
    "change": "Change",
    "change_pct": "Change (%)",
    "benchmark": "Benchmark",
}


def figure_columns() -> list[tuple[str, str]]:
    """The figure table's columns, following the context's FigureRow fields in order."""
    return [(f.name, FIGURE_COLUMNS.get(f.name, f.name)) for f in fields(FigureRow)]


def _repeat_header(table: Table) -> None:
    """Mark the first row as a header that Word repeats on each page (w:tblHeader)."""
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _page_number(paragraph: Paragraph) -> None:
    """A PAGE field, so Word and LibreOffice number pages themselves."""
    run = paragraph.add_run("Page ")
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        run = paragraph.add_run()
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _figures_table(document: Document, measure: MeasureSection) -> None:  # type: ignore[valid-type]
    columns = figure_columns()
    table = document.add_table(rows=1, cols=len(columns))  # type: ignore[attr-defined]
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, [c[1] for c in columns], strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    _repeat_header(table)
    for row in measure.rows:
        values = [str(getattr(row, name)) for name, _ in columns]
        cells = table.add_row().cells
        for index, (cell, text) in enumerate(zip(cells, values, strict=True)):
            cell.text = text
            if index:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _commentary(document: Document, comment: Comment) -> None:  # type: ignore[valid-type]
    """Analyst commentary as Word paragraphs and bullets, keeping bold and italic."""
    for block in comment.blocks:
        style = "List Bullet" if block.kind == "bullet" else None
        paragraph = document.add_paragraph(style=style)  # type: ignore[attr-defined]
        for run in block.runs:
            added = paragraph.add_run(run.text)
            added.bold = run.bold or None
            added.italic = run.italic or None


def write_docx(context: ReportContext, path: Path) -> Path:
    """Write the report as a .docx at ``path``."""
    document = Document()
    document.core_properties.title = context.title
    document.core_properties.subject = context.period_heading
    document.add_heading(context.title, level=0)
    document.add_paragraph(context.period_heading)
    document.add_paragraph(context.strategy)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _page_number(document.sections[0].footer.paragraphs[0])

    document.add_heading("Executive summary", level=1)
    for group in context.summary:
        document.add_heading(group.title, level=2)
        for point in group.points:
            document.add_paragraph(point, style="List Bullet")

    for theme in context.themes:
        document.add_heading(theme.title, level=1)
        for objective in theme.objectives:
            document.add_heading(f"Objective {objective.number}: {objective.title}", level=2)
            document.add_paragraph(objective.statement)
            document.add_paragraph(f"Status: {objective.status.icon} {objective.status.word}")
            for measure in objective.measures:
                document.add_heading(measure.title, level=3)
                document.add_paragraph(f"Status: {measure.status.icon} {measure.status.word}")
                for sentence in measure.sentences:
                    document.add_paragraph(sentence)
                for comment in measure.commentary:
                    _commentary(document, comment)
                if measure.rows:
                    _figures_table(document, measure)
                for flag in measure.flags:
                    document.add_paragraph(f"Data note: {flag}", style="List Bullet")

    if context.flags:
        document.add_heading("Data quality", level=1)
        for quality in context.flags:
            text = quality.get("message") or quality.get("text") or str(quality)
            document.add_paragraph(str(text), style="List Bullet")
    document.save(str(path))
    return path
