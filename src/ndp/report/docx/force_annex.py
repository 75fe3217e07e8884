"""A force edition's annex in Word, as its HTML annex: the force's data-quality position, the
comparison and divergence rules, what each flag means, and provenance, on a new page."""

from __future__ import annotations

from docx.document import Document

from ndp.report.docx.page import TABLE_CAPTION
from ndp.report.docx.tables import add_table
from ndp.report.force.context import ForceContext

COMPARISONS = (
    "Each figure is compared with the same quarter last year. Percentages are rounded half "
    "away from zero; changes are exact until written. Region and England and Wales figures are "
    'the national report\'s; "no records" means the pack holds no record for that area and '
    "quarter (a force not yet recording a source has no records, which is not 0). An average "
    "per force is the mean over the forces with a figure in the quarter (for a rate, their "
    "pooled rate); a rank is among the forces with a figure, 1 the best in the indicator's "
    "direction, tied figures sharing a place."
)


def write_force_annex(document: Document, r: ForceContext) -> None:
    # not on a new page: a force's last measure often leaves a chart alone on the page before
    document.add_heading("Annex: methodology, data quality and provenance", level=1)
    document.add_heading("Data quality", level=2)
    document.add_paragraph(
        f"Outcome returns: {r.quality.returns_status}. {r.quality.returns_sentence}"
    )
    document.add_paragraph("Sources recorded this quarter", style=TABLE_CAPTION)
    add_table(
        document,
        ["Source", f"Recorded by {r.name}", "Units recording nationally"],
        [[s.source, s.recorded, f"{s.units:,}"] for s in r.quality.sources],
        numeric={2},
    )
    document.add_heading("Comparisons", level=2)
    document.add_paragraph(r.divergence_rule)
    document.add_paragraph(COMPARISONS)
    document.add_heading("Data-quality flags", level=2)
    document.add_paragraph(
        "Flags are raised on the national figures; each indicator names its own."
    )
    for name, words in r.methodology["flags"].items():
        paragraph = document.add_paragraph(style="List Bullet")
        paragraph.add_run(name.replace("_", " ")).bold = True
        paragraph.add_run(f": {words}.")
    document.add_heading("Provenance", level=2)
    framework = r.framework
    document.add_paragraph(
        f"Framework {framework['id']} version {framework['version']} "
        f"(SHA-256 {str(framework['sha256'])[:16]}…). Pack generated {r.generated_at}."
    )
    document.add_paragraph("Extract files loaded", style=TABLE_CAPTION)
    add_table(
        document,
        ["File", "Source", "Rows", "SHA-256"],
        [[str(f["path"]).split("/")[-1], f["source"], f"{f['rows']:,}", f"{str(f['sha256'])[:16]}…"]
         for f in r.files],
        numeric={2},
        nowrap={0, 3},
    )  # fmt: skip
