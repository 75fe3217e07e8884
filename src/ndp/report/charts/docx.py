"""Charts in the Word edition: each one a PNG picture 12.5 cm wide as in the PDF, its text
alternative on the picture (``wp:docPr`` ``descr``, which Word shows as Alt Text and screen
readers read) and its title as a caption paragraph below it."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from docx.shared import Cm, Pt

from ndp.report.charts.base import Chart, chart_png

PICTURE_WIDTH = Cm(12.5)  # the PDF's print width (report.css), so both editions paginate alike


def add_chart(document: Any, chart: Chart) -> None:
    """Append ``chart`` to a python-docx ``Document``: picture, alt text, caption."""
    picture = document.add_paragraph()
    picture.paragraph_format.keep_with_next = True  # the caption stays with its chart
    picture.paragraph_format.space_before = Pt(6)  # clear of a table above it
    shape = picture.add_run().add_picture(BytesIO(chart_png(chart)), width=PICTURE_WIDTH)
    doc_pr = shape._inline.docPr
    doc_pr.set("descr", chart.alt)
    doc_pr.set("title", chart.title)
    document.add_paragraph(chart.title, style="Caption")
