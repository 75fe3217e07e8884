"""``write_docx``: the board summary, the themes and the annex, in the order of the PDF."""

from __future__ import annotations

from pathlib import Path

from docx import Document

from ndp.report.context import ReportContext
from ndp.report.docx.annex import write_annex
from ndp.report.docx.board import assessment, cover, executive_summary
from ndp.report.docx.body import objective_section
from ndp.report.docx.marks import cover_marks, running_title
from ndp.report.docx.page import LANGUAGE, house_styles, page_setup
from ndp.report.docx.styles import remember_styles

AUTHOR = "National Lead Force (City of London Police)"


def write_docx(context: ReportContext, path: Path) -> Path:
    """Write the report as a .docx at ``path``."""
    document = Document()
    remember_styles(document)
    properties = document.core_properties
    properties.title = context.title
    properties.subject = f"{context.strategy}: {context.period_heading}"
    properties.author = AUTHOR
    properties.language = LANGUAGE
    house_styles(document)
    page_setup(document, running_title(context), context.period_heading)

    cover(document, context)
    cover_marks(document, context)
    assessment(document, context)
    executive_summary(document, context)
    for theme in context.themes:
        document.add_heading(theme.title, level=1)
        for objective in theme.objectives:
            objective_section(document, objective)
    if context.annex is not None:
        write_annex(document, context, context.annex)
    document.save(str(path))
    return path
