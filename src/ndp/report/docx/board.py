"""The first page, as the PDF's: the cover lines, the performance assessment (each objective's
status as icon and word with what drove it, and the key to the statuses), then the executive
summary."""

from __future__ import annotations

from typing import Protocol

from docx.document import Document
from docx.shared import Pt

from ndp.report.context import ReportContext, StatusKey
from ndp.report.docx.page import MUTED, TABLE_CAPTION, TEXT_WIDTH, cover_rule
from ndp.report.docx.status import status_runs
from ndp.report.docx.tables import CELL_PADDING, add_table
from ndp.report.docx.widths import text_width

OBJECTIVE_HEADERS = ["Objective", "Statement", "Status", "What drove it"]
KEY_SIZE = 8.0


class Edition(Protocol):
    """What the cover and the key read: the national report's context or a force edition's."""

    @property
    def strategy(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def period_heading(self) -> str: ...
    @property
    def key(self) -> list[StatusKey]: ...


def cover(document: Document, context: Edition) -> None:
    kicker = document.add_paragraph(context.strategy)
    kicker.runs[0].font.color.rgb = MUTED
    document.add_heading(context.title, level=0)
    period = document.add_paragraph()
    period.add_run(context.period_heading).bold = True
    period.runs[0].font.size = Pt(13)
    period.paragraph_format.space_after = Pt(8)
    cover_rule(period)


def objectives_table(document: Document, context: ReportContext) -> None:
    document.add_paragraph("Objectives and their status this quarter", style=TABLE_CAPTION)
    rows = [
        [o.title, o.statement, f"{o.status.icon} {o.status.word}", f"{o.status.reason}."]
        for o in context.objectives
    ]
    table = add_table(document, OBJECTIVE_HEADERS, rows, numeric=set(), nowrap={0, 2})
    for row, objective in zip(table.rows[1:], context.objectives, strict=True):
        cell = row.cells[2].paragraphs[0]
        cell.clear()
        status_runs(cell, objective.status)
        cell.runs[0].font.size = row.cells[0].paragraphs[0].runs[0].font.size


def status_key(document: Document, context: Edition) -> None:
    """The key, two statuses a line as the PDF sets it: icon and word, then its meaning."""
    if not context.key:
        return
    word = max(text_width(f"{k.status.icon} {k.status.word}", KEY_SIZE) for k in context.key)
    status_width = Pt(word * 1.1 + CELL_PADDING)
    meaning_width = Pt((TEXT_WIDTH.pt - 2 * status_width.pt) / 2)
    pairs = [context.key[i : i + 2] for i in range(0, len(context.key), 2)]
    table = document.add_table(rows=len(pairs), cols=4)
    table.autofit = False
    for index, column in enumerate(table.columns):
        column.width = status_width if index % 2 == 0 else meaning_width
    for cell in table.rows[0].cells:
        cell.paragraphs[0].paragraph_format.space_before = Pt(6)
    for row, pair in zip(table.rows, pairs, strict=True):
        for position, entry in enumerate(pair):
            word_cell, meaning_cell = row.cells[2 * position], row.cells[2 * position + 1]
            word_cell.width, meaning_cell.width = status_width, meaning_width
            status_runs(word_cell.paragraphs[0], entry.status)
            meaning_cell.paragraphs[0].add_run(f"{entry.meaning}.")
        for cell in row.cells:
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.space_after = Pt(1)
            paragraph.paragraph_format.line_spacing = 1.0
            for run in paragraph.runs:
                run.font.size = Pt(KEY_SIZE)


def assessment(document: Document, context: ReportContext) -> None:
    document.add_heading("Performance assessment", level=1)
    document.add_paragraph(context.assessment_intro)
    objectives_table(document, context)
    status_key(document, context)


def executive_summary(document: Document, context: ReportContext) -> None:
    document.add_heading("Executive summary: key cross-cutting strategic objectives", level=1)
    for group in context.summary:
        document.add_heading(group.title, level=2)
        for point in group.points:
            document.add_paragraph(point, style="List Bullet")
