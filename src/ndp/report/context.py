"""The report as typed data: everything the templates show, built once from the pack.

Each format renders this context; none computes a figure. Status is always an icon with its
word, never colour alone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from typing import Any

from ndp.report import format as fmt
from ndp.report.annex import Annex, build_annex
from ndp.report.charts import Chart, measure_charts
from ndp.report.commentary import Comment
from ndp.report.marks import (
    REVISED,
    Revised,
    is_draft,
    measure_revisions,
    revised,
    revised_national,
    revision_notice,
)
from ndp.report.narrative import measure_sentences, measure_summary
from ndp.report.reasons import measure_reason, objective_reason

STATUS_ICONS = {
    "improving": ("▲", "Improving"),
    "stable": ("▶", "Stable"),
    "declining": ("▼", "Declining"),
    "new": ("◆", "New"),
    "no_data": ("○", "No data"),
    "not_measurable": ("–", "Not yet measurable"),
}
#: the key printed beside the objectives table: what each status means
STATUS_MEANINGS = {
    "improving": (
        "better than the same quarter last year, a benchmark met or an SPC signal of improvement"
    ),
    "stable": "within 10% of the same quarter last year, with no special cause",
    "declining": "worse than last year, a benchmark missed or an SPC signal of concern",
    "new": "first figures: nothing yet to compare them with",
    "no_data": "nothing was recorded this quarter",
    "not_measurable": "the framework does not yet allow it to be measured",
}
THEMES = {"mlar": "Money Laundering and Asset Recovery", "fraud": "Fraud"}


@dataclass(frozen=True)
class Status:
    code: str
    icon: str
    word: str
    #: what drove it: the indicator and its movement (ndp.report.reasons)
    reason: str = ""


@dataclass(frozen=True)
class StatusKey:
    """One line of the key to the statuses."""

    status: Status
    meaning: str


@dataclass(frozen=True)
class FigureRow:
    """One indicator's line in a measure's table of figures."""

    title: str
    value: str
    last_year: str
    change: str
    change_pct: str
    benchmark: str


#: the column headings of a table of figures (Word, Excel), by FigureRow field
FIGURE_COLUMNS = {
    "title": "Indicator",
    "value": "This quarter",
    "last_year": "Same quarter last year",
    "change": "Change",
    "change_pct": "Change (%)",
    "benchmark": "Benchmark",
}


def figure_columns() -> list[tuple[str, str]]:
    """The figure table's columns, following the context's FigureRow fields in order."""
    return [(f.name, FIGURE_COLUMNS.get(f.name, f.name)) for f in fields(FigureRow)]


@dataclass(frozen=True)
class MeasureSection:
    id: str
    title: str
    status: Status
    rows: list[FigureRow]
    sentences: list[str]
    flags: list[str]
    commentary: list[Comment] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    #: the revised figures of its indicators, each with its previous value (ndp.report.marks)
    revised: list[str] = field(default_factory=list)

    @property
    def flag_labels(self) -> list[str]:
        """The data-quality flags in words: ``coverage change``, ``no records``."""
        return [fmt.label(flag) for flag in self.flags]


@dataclass(frozen=True)
class ObjectiveSection:
    id: str
    title: str
    number: int
    statement: str
    status: Status
    measures: list[MeasureSection]


@dataclass(frozen=True)
class ThemeSection:
    title: str
    objectives: list[ObjectiveSection]


@dataclass(frozen=True)
class SummaryGroup:
    """Executive-summary points under one cross-cutting objective."""

    title: str
    points: list[str]


@dataclass(frozen=True)
class ReportContext:
    title: str
    period_heading: str
    strategy: str
    objectives: list[ObjectiveSection]
    summary: list[SummaryGroup]
    themes: list[ThemeSection]
    methodology: dict[str, Any]
    flags: list[dict[str, Any]]
    files: list[dict[str, Any]]
    framework: dict[str, Any]
    generated_at: str
    extra: dict[str, Any] = field(default_factory=dict)
    annex: Annex | None = None
    key: list[StatusKey] = field(default_factory=list)
    #: not a published version: every page and export says "Draft" (ndp.report.marks)
    draft: bool = False
    #: a revised version's paragraph saying what it revises and why
    revision_notice: str | None = None

    @property
    def assessment_intro(self) -> str:
        """The paragraph above the objectives table."""
        return (
            "This report assesses national policing performance against the objectives of the "
            f"{self.strategy}. Each objective's status follows from its success measures, as "
            "the methodology annex explains."
        )


def status(code: str, reason: str = "") -> Status:
    icon, word = STATUS_ICONS.get(code, ("?", code))
    return Status(code, icon, word, reason)


def status_key() -> list[StatusKey]:
    return [StatusKey(status(code), meaning) for code, meaning in STATUS_MEANINGS.items()]


def _row(ind: dict[str, Any], disclosure: dict[str, Any] | None = None) -> FigureRow:
    unit, comparisons = ind["unit"], ind["comparisons"]
    same = comparisons.get("same_quarter_last_year") or {}
    bench = comparisons.get("benchmark") or {}

    if not ind["measurable"]:  # never a plain figure: the reason is in the measure's text
        return FigureRow(ind["title"], "Not yet measurable", "–", "–", "–", "–")

    def shown(holder: dict[str, Any], key: str, words: Callable[[Any], str]) -> str | None:
        """The figure in words; what disclosure control says instead where it withholds it."""
        held = fmt.withheld(holder, key, disclosure)
        return held or (None if holder.get(key) is None else words(holder[key]))

    def figure(value: Any) -> str:
        return fmt.figure(value, unit)

    changed = (
        shown(same, "change", lambda v: fmt.moved(v, unit, ind["value"], same.get("value"))) or "–"
    )
    changed_pct = shown(same, "pct_change", fmt.percent) or "–"
    benchmark = shown(bench, "value", figure) or "–"
    return FigureRow(
        ind["title"], shown(ind, "value", figure) or "no records",
        shown(same, "value", figure) or "no records", changed, changed_pct, benchmark,
    )  # fmt: skip


OUTLIER = "outlier_change"


def _marked(row: FigureRow, revised: bool) -> FigureRow:
    return replace(row, value=f"{row.value} {REVISED}") if revised else row


def _measure(
    pack: dict[str, Any],
    measure_id: str,
    commentary: dict[str, list[Comment]],
    figures: list[Revised] | None = None,
) -> MeasureSection:
    measure = pack["measures"][measure_id]
    indicators = [pack["indicators"][n] for n in measure["indicators"]]
    national = revised_national(figures or [])
    explained = [c for c in commentary.get(measure_id, []) if not c.summary]
    # an outlier_change asks an analyst to explain it: shown until the commentary does
    flags = sorted(
        {f for ind in indicators for f in ind["flags"] if not (explained and f == OUTLIER)}
    )
    return MeasureSection(
        measure_id,
        measure["title"],
        status(measure["status"], measure_reason(pack, measure_id)),
        [
            _marked(_row(pack["indicators"][n], pack.get("disclosure")), n in national)
            for n in measure["indicators"]
        ],
        measure_sentences(pack, measure_id, explained=bool(explained)),
        flags,
        commentary=explained,
        charts=measure_charts(pack, measure_id),
        revised=measure_revisions(pack, measure_id, figures or []),
    )


def _summary_points(
    pack: dict[str, Any],
    objectives: list[ObjectiveSection],
    group: str,
    commentary: dict[str, list[Comment]],
) -> list[str]:
    """Each measure's point (its ``summary`` template, else the first sentence of its
    paragraph) under the first cross-cutting objective its objective serves: measures with
    figures first, then those whose first indicator (the one the first sentence speaks of) has
    no record, each point once (two measures of one survey both say it had no responses)."""
    measures = [
        measure
        for objective in objectives
        if pack["objectives"][objective.id]["cross_cutting"][:1] == [group]
        for measure in objective.measures
        if measure.sentences
    ]

    def without_records(measure: MeasureSection) -> bool:
        names = pack["measures"][measure.id]["indicators"]
        return bool(names) and pack["indicators"][names[0]]["value"] is None

    measures.sort(key=without_records)  # a stable sort: the plan's order otherwise
    points = [
        _with_reason(
            measure_summary(pack, m.id) or m.sentences[0].split(". ")[0].rstrip(".") + ".",
            commentary.get(m.id, []),
        )
        for m in measures
    ]
    return list(dict.fromkeys(points))


def _with_reason(point: str, comments: list[Comment]) -> str:
    """The point, then the reason the analysts gave for it in the commentary's ``summary``."""
    reasons = [c.text for c in comments if c.summary]
    return " ".join([point, *reasons])


def build_context(
    pack: dict[str, Any], commentary: dict[str, list[Comment]] | None = None
) -> ReportContext:
    """Everything the report shows: the pack's figures and sentences, then the analysts'
    commentary (by measure id) where there is some."""
    objectives = []
    figures = revised(pack)
    for objective_id, objective in pack["objectives"].items():
        measures = [
            _measure(pack, m, commentary or {}, figures)
            for m in objective["measures"]
            if m in pack["measures"]
        ]
        objectives.append(
            ObjectiveSection(
                objective_id, objective["title"], objective["number"], objective["statement"],
                status(objective["status"], objective_reason(pack, objective_id)), measures,
            )
        )  # fmt: skip
    themes = [
        ThemeSection(title, [o for o in objectives if pack["objectives"][o.id]["theme"] == theme])
        for theme, title in THEMES.items()
    ]
    summary = [
        SummaryGroup(
            group["title"], _summary_points(pack, objectives, group["id"], commentary or {})
        )
        for group in pack["framework"]["cross_cutting"]
    ]
    period = pack["period"]
    quarter_heading = f"Q{period['quarter']}: {period['span'].replace(' - ', ' – ')}"
    return ReportContext(
        title="National Lead Force National Delivery Plan Performance Report",
        period_heading=quarter_heading,
        strategy=pack["framework"]["strategy"],
        objectives=objectives,
        summary=summary,
        themes=themes,
        methodology=pack["methodology"],
        flags=pack["data_quality"]["flags"],
        files=pack["provenance"]["files"],
        framework=pack["framework"],
        generated_at=fmt.moment(pack["generated_at"]),
        annex=build_annex(pack),
        key=status_key(),
        draft=is_draft(pack),
        revision_notice=revision_notice(pack, figures),
    )
