"""A status as the PDF prints it: icon and word in bold, in the status's colour (never colour
alone), then what drove it in plain ink."""

from __future__ import annotations

from docx.document import Document
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from ndp.report.context import Status
from ndp.report.docx.page import INK, STATUS_COLOURS


def status_runs(paragraph: Paragraph, status: Status, *, prefix: str = "") -> None:
    """``prefix`` and ``▲ Improving`` in bold and the status's colour."""
    run = paragraph.add_run(f"{prefix}{status.icon} {status.word}")
    run.bold = True
    run.font.color.rgb = STATUS_COLOURS.get(status.code, INK)


def status_line(document: Document, status: Status, label: str = "Status") -> Paragraph:
    """``Status: ▲ Improving: E1b Money laundering disruptions 1,113: ….``, kept with the
    paragraph after it as the PDF keeps a heading's status line."""
    paragraph = document.add_paragraph()
    status_runs(paragraph, status, prefix=f"{label}: ")
    if status.reason:
        paragraph.add_run(f": {status.reason}.")
    paragraph.paragraph_format.keep_with_next = True
    paragraph.paragraph_format.space_after = Pt(3)
    return paragraph
