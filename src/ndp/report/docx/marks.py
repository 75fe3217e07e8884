"""The publication's marks in Word (ndp.report.marks): "Draft" in every page's header (the
pages keep the published edition's layout); a revised version's notice and each revised
figure's previous value beside its measure's table."""

from __future__ import annotations

from typing import Protocol

from docx.document import Document
from docx.shared import Pt

from ndp.report.marks import DRAFT


class Marked(Protocol):
    @property
    def title(self) -> str: ...
    @property
    def draft(self) -> bool: ...
    @property
    def revision_notice(self) -> str | None: ...


def running_title(context: Marked) -> str:
    """The header's title: "Draft – " before it in a draft."""
    return f"{DRAFT} – {context.title}" if context.draft else context.title


def cover_marks(document: Document, context: Marked, revised: list[str] | None = None) -> None:
    """Under the cover lines: the revision's notice and (a force edition) its revised
    figures."""
    if context.revision_notice:
        document.add_paragraph(context.revision_notice)
    revised_note(document, revised or [])


def revised_note(document: Document, sentences: list[str]) -> None:
    """The revised figures of a measure (or a force edition) as a short list."""
    if not sentences:
        return
    heading = document.add_paragraph()
    heading.add_run("Revised figures:").bold = True
    heading.paragraph_format.space_before = Pt(4)
    for sentence in sentences:
        document.add_paragraph(sentence, style="List Bullet")
