"""The Word edition's annex: the same definitions, comparisons, methodology, data quality and
provenance as the HTML annex, on a new page, every code written as its label."""

from __future__ import annotations

from docx.document import Document

from ndp.report.annex import Annex
from ndp.report.context import ReportContext
from ndp.report.docx.page import TABLE_CAPTION
from ndp.report.docx.tables import add_table


def _term(document: Document, term: str, words: str, style: str | None = None) -> None:
    paragraph = document.add_paragraph(style=style)
    paragraph.add_run(term).bold = True
    paragraph.add_run(f": {words}" if style is None else f" when {words}.")


def _caption(document: Document, text: str) -> None:
    document.add_paragraph(text, style=TABLE_CAPTION)


def _data_quality(document: Document, annex: Annex) -> None:
    document.add_heading("Data quality", level=2)
    if annex.returns is not None:
        document.add_paragraph(annex.returns.sentence)
    document.add_paragraph(
        f"Rows refused at loading and held in the quarantine: {annex.quarantined_rows}."
    )
    if annex.coverage:
        _caption(document, "Forces and units recording each source")
        add_table(
            document,
            ["Source", "This quarter", "Same quarter last year"],
            [[c.source, c.current, c.last_year] for c in annex.coverage],
            numeric={1, 2},
        )
    document.add_heading("Data-quality flags", level=3)
    for name, words in annex.flag_meanings:
        paragraph = document.add_paragraph(style="List Bullet")
        paragraph.add_run(name).bold = True
        paragraph.add_run(f": {words}.")
    if annex.flags_raised:
        _caption(document, "Flags raised this quarter")
        add_table(
            document,
            ["Indicator", "Flag", "Detail"],
            [[f.indicator, f.flag, f.detail] for f in annex.flags_raised],
            numeric=set(),
            nowrap={1},
        )


def _provenance(document: Document, context: ReportContext, annex: Annex) -> None:
    document.add_heading("Provenance", level=2)
    framework = context.framework
    document.add_paragraph(
        f"Framework {framework['id']} version {framework['version']} "
        f"(SHA-256 {str(framework['sha256'])[:16]}…). Pack generated {context.generated_at}."
    )
    if annex.loads:
        _caption(document, "Loads into the store")
        add_table(
            document,
            ["Load", "Finished", "By", "Files", "Rows"],
            [[str(x.load_id), x.finished_at, x.username, x.files, x.rows] for x in annex.loads],
            numeric={3, 4},
            nowrap={1},
        )
    _caption(document, "Extract files loaded")
    add_table(
        document,
        ["File", "Source", "Rows", "SHA-256"],
        [[f.name, f.source, f.rows, f.sha256] for f in annex.files],
        numeric={2},
        nowrap={0, 3},
    )


def write_annex(document: Document, context: ReportContext, annex: Annex) -> None:
    heading = document.add_heading(
        "Annex: definitions, methodology, data quality and provenance", level=1
    )
    heading.paragraph_format.page_break_before = True  # as the PDF's .annex
    if annex.definitions:
        document.add_heading("Definitions", level=2)
        for term, words in annex.definitions:
            _term(document, term, words)
    document.add_heading("Comparisons", level=2)
    document.add_paragraph(annex.comparisons)
    document.add_heading("Statistical process control", level=2)
    document.add_paragraph(annex.spc_method)
    document.add_heading("Status rules", level=2)
    for status, words in annex.status_rules:
        _term(document, status, words, style="List Number")
    document.add_paragraph(annex.rollup)
    _data_quality(document, annex)
    _provenance(document, context, annex)
