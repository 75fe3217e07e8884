"""The themes: each objective's statement and status, then each success measure under its id
("E1b Increase the number of disruptions at all levels") with its status line, sentences,
the analysts' commentary, its table of figures, charts and data-quality flags in words."""

from __future__ import annotations

from docx.document import Document
from docx.shared import Pt

from ndp.report.charts.docx import add_chart
from ndp.report.commentary import Comment
from ndp.report.context import MeasureSection, ObjectiveSection, figure_columns
from ndp.report.docx.marks import revised_note
from ndp.report.docx.page import MUTED, TABLE_CAPTION
from ndp.report.docx.status import status_line
from ndp.report.docx.tables import add_table


def _commentary(document: Document, comment: Comment) -> None:
    """Analyst commentary as Word paragraphs and bullets, keeping bold and italic."""
    for block in comment.blocks:
        style = "List Bullet" if block.kind == "bullet" else None
        paragraph = document.add_paragraph(style=style)
        for run in block.runs:
            added = paragraph.add_run(run.text)
            added.bold = run.bold or None
            added.italic = run.italic or None


def figures_table(document: Document, measure: MeasureSection) -> None:
    columns = figure_columns()
    document.add_paragraph(f"{measure.id}: figures for the quarter", style=TABLE_CAPTION)
    rows = [[str(getattr(row, name)) for name, _ in columns] for row in measure.rows]
    add_table(document, [label for _, label in columns], rows, numeric=set(range(1, len(columns))))


def _flags(document: Document, measure: MeasureSection) -> None:
    paragraph = document.add_paragraph(
        f"Data-quality flags: {', '.join(measure.flag_labels)} (see the annex)."
    )
    paragraph.paragraph_format.space_before = Pt(4)
    for run in paragraph.runs:
        run.font.size, run.font.color.rgb = Pt(8), MUTED


def measure_section(document: Document, measure: MeasureSection) -> None:
    document.add_heading(f"{measure.id} {measure.title}", level=3)
    status_line(document, measure.status)
    for sentence in measure.sentences:
        document.add_paragraph(sentence)
    for comment in measure.commentary:
        _commentary(document, comment)
    if measure.rows:
        figures_table(document, measure)
    revised_note(document, measure.revised)
    for chart in measure.charts:
        add_chart(document, chart)
    if measure.flags:
        _flags(document, measure)


def objective_section(document: Document, objective: ObjectiveSection) -> None:
    document.add_heading(f"Performance measure {objective.number}: {objective.statement}", 2)
    status_line(document, objective.status)
    for measure in objective.measures:
        measure_section(document, measure)
