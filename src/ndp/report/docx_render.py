"""The Word edition: the same context as the HTML report, written with real Heading styles,
tables whose header row repeats on every page, right-aligned figures and page numbers, so a
screen reader and a reviewer navigate it as they would the HTML."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from ndp.report.charts.docx import add_chart
from ndp.report.commentary import Comment
from ndp.report.context import FigureRow, MeasureSection, ReportContext
from ndp.report.docx_annex import write_annex
from ndp.report.docx_tables import add_table

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
    rows = [[str(getattr(row, name)) for name, _ in columns] for row in measure.rows]
    add_table(document, [label for _, label in columns], rows, numeric=set(range(1, len(columns))))


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
                for chart in measure.charts:
                    add_chart(document, chart)
                for flag in measure.flags:
                    document.add_paragraph(f"Data note: {flag}", style="List Bullet")

    if context.annex is not None:
        write_annex(document, context, context.annex)
    document.save(str(path))
    return path
