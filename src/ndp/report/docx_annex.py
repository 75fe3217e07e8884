"""The Word edition's annex: the same definitions, methodology, data quality and provenance as
the HTML annex, as headings, paragraphs and tables with repeating header rows."""

from __future__ import annotations

from docx.document import Document

from ndp.report.annex import Annex
from ndp.report.context import ReportContext
from ndp.report.docx_tables import add_table


def write_annex(document: Document, context: ReportContext, annex: Annex) -> None:
    document.add_heading("Annex: definitions, methodology, data quality and provenance", level=1)
    if annex.definitions:
        document.add_heading("Definitions", level=2)
        for term, words in annex.definitions:
            paragraph = document.add_paragraph()
            paragraph.add_run(term).bold = True
            paragraph.add_run(f": {words}")
    document.add_heading("Statistical process control", level=2)
    document.add_paragraph(annex.spc_method)
    document.add_heading("Status rules", level=2)
    for rule in context.methodology["status_rules"]:
        paragraph = document.add_paragraph(style="List Number")
        paragraph.add_run(str(rule["status"]).replace("_", " ")).bold = True
        paragraph.add_run(f" when {rule['words']}.")
    document.add_paragraph(str(context.methodology["rollup"]))
    document.add_heading("Data quality", level=2)
    if annex.returns is not None:
        document.add_paragraph(annex.returns.sentence)
    document.add_paragraph(f"Rows held in the quarantine: {annex.quarantined_rows}.")
    if annex.coverage:
        add_table(
            document,
            ["Source", "Units recording this quarter", "Same quarter last year"],
            [[c.source, c.current, c.last_year] for c in annex.coverage],
            numeric={1, 2},
        )
    for flag in context.flags:
        document.add_paragraph(str(flag.get("message") or flag), style="List Bullet")
    document.add_heading("Provenance", level=2)
    framework = context.framework
    document.add_paragraph(
        f"Framework {framework['id']} version {framework['version']} "
        f"(SHA-256 {str(framework['sha256'])[:16]}…). Pack generated {context.generated_at}."
    )
    if annex.loads:
        add_table(
            document,
            ["Load", "Finished", "By", "Files", "Rows"],
            [[str(x.load_id), x.finished_at, x.username, x.files, x.rows] for x in annex.loads],
            numeric={3, 4},
        )
    add_table(
        document,
        ["File", "Source", "Rows", "SHA-256"],
        [
            [
                str(f["path"]).split("/")[-1],
                str(f["source"]),
                f"{f['rows']:,}",
                f"{f['sha256'][:16]}…",
            ]
            for f in context.files
        ],
        numeric={2},
    )
