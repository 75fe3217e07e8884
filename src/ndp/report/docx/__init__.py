"""The Word edition: the same context as the HTML report, laid out as the PDF is (A4, its
margins, running header, "Page N of M") with real Heading styles, so the navigation pane and a
screen reader see the structure and an analyst can edit it. ``write_docx`` is the entry."""

from __future__ import annotations

from ndp.report.docx.document import write_docx

__all__ = ["write_docx"]
