"""A force's edition in Word, with the national Word edition's parts (page, house styles,
cover, key, tables, status lines, charts) laid out in the order of the force's PDF: the
summary page, then each objective and success measure, then the annex. Written from the
``ForceContext`` alone, as the HTML is; nothing is computed here.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.document import Document as DocumentType
from docx.shared import Pt

from ndp.report import format as fmt
from ndp.report.charts.docx import add_chart
from ndp.report.context import Status
from ndp.report.docx.board import cover, status_key
from ndp.report.docx.document import AUTHOR
from ndp.report.docx.marks import cover_marks, revised_note, running_title
from ndp.report.docx.page import LANGUAGE, MUTED, TABLE_CAPTION, house_styles, page_setup
from ndp.report.docx.status import status_line, status_runs
from ndp.report.docx.styles import remember_styles
from ndp.report.docx.tables import add_table
from ndp.report.force.context import ForceContext, IndicatorView, ObjectiveView

AREA_HEADERS = ["Area", "This quarter", "Same quarter last year", "Change", "Change %"]


def _caption(document: DocumentType, text: str) -> None:
    document.add_paragraph(text, style=TABLE_CAPTION)


def _small(document: DocumentType, text: str) -> None:
    paragraph = document.add_paragraph(text)
    for run in paragraph.runs:
        run.font.size, run.font.color.rgb = Pt(8), MUTED


def summary(document: DocumentType, r: ForceContext) -> None:
    """The first page: statuses with what drove them, the key, headline figures, divergence."""
    document.add_heading("Summary", level=1)
    document.add_paragraph(
        f"{r.name}'s own status on each objective, from its own figures by the framework's "
        f"rules (the national report gives England and Wales's). Outcome returns: "
        f"{r.quality.returns_status}."
    )
    _caption(document, f"Objectives: {r.name}'s status this quarter")
    rows = [[o.title, f"{o.status.icon} {o.status.word}", _reason(o.status)] for o in r.objectives]
    table = add_table(
        document, ["Objective", "Status", "What drove it"], rows, set(), nowrap={0, 1}
    )
    for row, line in zip(table.rows[1:], r.objectives, strict=True):
        cell = row.cells[1].paragraphs[0]
        size = cell.runs[0].font.size
        cell.clear()
        status_runs(cell, line.status)
        cell.runs[0].font.size = size
    status_key(document, r)
    if r.headlines:
        _caption(document, f"Headline figures: {r.name} against the average per force")
        headers = ["Indicator (success measure)", r.name, "Change on a year ago"]
        headers += [f"{r.region} average"] if r.region else []
        headers += ["England and Wales average", "Rank"]
        rows = [
            [f"{h.indicator} ({h.measure})", h.value, h.change]
            + ([h.region_average] if r.region else [])
            + [h.nation_average, h.rank]
            for h in r.headlines
        ]
        add_table(document, headers, rows, numeric=set(range(1, len(headers))))
        _small(document, f"{_AVERAGES.format(when=r.same_quarter)} {r.headline_withheld}".strip())
    document.add_heading(f"Where {r.name} moves apart from England and Wales", level=2)
    for sentence in r.divergences or [_NONE_APART.format(name=r.name)]:
        document.add_paragraph(sentence, style="List Bullet")


_AVERAGES = (
    "Averages are per force with a figure in the quarter (a rate: the pooled rate); the change "
    'is on {when}; rank 1 is the best of the forces with a figure, "=" a shared place.'
)
_NONE_APART = (
    "On no indicator do {name}'s figures and England and Wales's move apart by more than the "
    "margin (see the annex)."
)


def _reason(status: Status) -> str:
    if status.code == "national_only":
        return "Reported for England and Wales only."
    return f"{status.reason}."


def indicator(document: DocumentType, r: ForceContext, ind: IndicatorView) -> None:
    title = document.add_paragraph()
    title.add_run(ind.title).bold = True
    title.paragraph_format.keep_with_next = True
    title.paragraph_format.space_before = Pt(8)  # clear of the table or chart above
    document.add_paragraph(ind.sentence)
    if ind.divergence:
        document.add_paragraph().add_run(ind.divergence).italic = True
    if ind.rows:
        region = ", its region" if r.region else ""
        _caption(document, f"{ind.title}: {r.name}{region} and England and Wales")
        rows = [[a.area, a.value, a.last_year, a.change, a.change_pct] for a in ind.rows]
        add_table(document, AREA_HEADERS, rows, numeric={1, 2, 3, 4})
    for why in ind.withheld:
        _small(document, why)
    revised_note(document, ind.revised)
    if ind.flags:
        labels = ", ".join(fmt.label(f) for f in ind.flags)
        _small(document, f"Flags on the national figure: {labels} (see the annex).")
    if ind.chart is not None:
        add_chart(document, ind.chart)


def objective(document: DocumentType, r: ForceContext, o: ObjectiveView) -> None:
    document.add_heading(f"Performance measure {o.number}: {o.statement}", 2)
    label = f"Status ({r.name})"
    line = status_line(document, o.status, label)
    if o.status.code == "national_only":
        line.add_run(": reported for England and Wales only.")
    for m in o.in_full:
        document.add_heading(f"Success measure {m.id}: {m.title}", level=3)
        status_line(document, m.status, label)
        for ind in m.indicators:
            indicator(document, r, ind)
    for m in o.national_only:
        paragraph = document.add_paragraph(style="List Bullet")
        paragraph.add_run(f"Success measure {m.id}").bold = True
        paragraph.add_run(f" ({m.title}): {m.line}.")


def write_force_docx(context: ForceContext, path: Path) -> Path:
    """Write a force's edition as a .docx at ``path``."""
    from ndp.report.docx.force_annex import write_force_annex

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
    cover_marks(document, context, [f.sentence for f in context.revised])
    summary(document, context)
    for theme in context.themes:  # each on a new page, as in the PDF; the summary has its own
        heading = document.add_heading(theme.title, level=1)
        heading.paragraph_format.page_break_before = True
        for view in theme.objectives:
            objective(document, context, view)
    write_force_annex(document, context)
    document.save(str(path))
    return path
