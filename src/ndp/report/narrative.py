"""Generated sentences: the framework's narrative templates rendered over the pack.

Templates live beside the framework (``narrative.yaml``), so another framework brings its own
wording. They see only the pack's figures and the house-style filters of ``ndp.report.format``.
"""

from __future__ import annotations

from decimal import InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import yaml

from ndp.errors import NdpError
from ndp.report import format as fmt
from ndp.report import shown

FRAMEWORKS = Path(__file__).resolve().parents[1] / "frameworks"

#: A like-for-like comparison over fewer units than this says more about one force than the
#: nation, so the report does not write it.
MIN_LIKE_FOR_LIKE_UNITS = 5


def _direction(comparison: dict[str, Any]) -> str:
    return fmt.direction_word(comparison)


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False)
    env.filters.update(
        count=fmt.count, gbp=fmt.gbp, percent=fmt.percent, figure=fmt.figure,
        change=fmt.change, signed=fmt.signed, direction=_direction, day=fmt.day,
        points=fmt.points_change, a=fmt.a, span=fmt.day_span, label=fmt.label,
        join_words=fmt.join_words, shown=shown.shown, share=shown.share,
    )  # fmt: skip
    env.tests.update(withheld=shown.withheld, undisclosed=shown.undisclosed)
    return env


#: the narrative of a framework that ships no templates of its own: a plain sentence per
#: indicator (``_generic``), and the plain no-records and not-measurable sentences
GENERIC: dict[str, Any] = {
    "no_records": (
        "No {{ i.noun }} were recorded for {{ q }}{% if reason %}: {{ reason }}{% endif %}."
    ),
    "not_measurable": (
        "We are currently not able to measure {{ i.noun }}: {{ i.measurable_reason }}."
    ),
    "measures": {},
}


@cache
def load_templates(framework_id: str) -> dict[str, Any]:
    """The framework's narrative templates, read once per process (a run writes many reports);
    :data:`GENERIC` for a framework without any (a framework given with ``--framework``)."""
    path = FRAMEWORKS / framework_id / "narrative.yaml"
    if not path.is_file():
        return GENERIC
    loaded: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return loaded


def _context(pack: dict[str, Any]) -> dict[str, Any]:
    """What every template sees: the pack's figures and the quarter's names."""
    period = pack["period"]
    return {
        "ind": pack["indicators"],
        "ops": pack.get("operations") or {},
        "returns": pack["data_quality"].get("returns") or {},
        "q": f"Q{period['quarter']}",
        "ly": period["previous_year_short"],
        "disclosure": pack.get("disclosure"),
    }


def _render(text: str, context: dict[str, Any], measure: str) -> str:
    try:
        rendered = _environment().from_string(text).render(**context)
    except (jinja2.UndefinedError, TypeError, ZeroDivisionError, InvalidOperation) as error:
        raise NdpError(
            f"narrative template for {measure} cannot be written from the pack: {error}"
        ) from None
    return " ".join(rendered.split())


def _without_records(pack: dict[str, Any], measure: str) -> list[dict[str, Any]]:
    """The measure's measurable indicators when none of them has a record; else empty."""
    indicators = [pack["indicators"][name] for name in pack["measures"][measure]["indicators"]]
    empty = [i for i in indicators if _without_figure(i) and i["measurable"]]
    return empty if indicators and len(empty) == len(indicators) else []


def _without_figure(ind: dict[str, Any]) -> bool:
    """No record for the quarter (a figure withheld by disclosure control has records)."""
    return ind["value"] is None and "value" not in (ind.get("suppressed") or {})


def measure_sentences(pack: dict[str, Any], measure: str, *, explained: bool = False) -> list[str]:
    """The generated paragraph(s) of one success measure, figures from the pack. ``explained``:
    the analyst's commentary says why the measure has no records, so the generated guess at an
    entry issue is left out (one explanation a paragraph, and the analyst's)."""
    templates = load_templates(pack["framework"]["id"])
    context = _context(pack)
    indicators = [pack["indicators"][name] for name in pack["measures"][measure]["indicators"]]
    empty = _without_records(pack, measure)
    unmeasured = _not_measurable(templates, context, indicators, measure)
    if empty:
        why = {"reason": pack["measures"][measure].get("no_records_reason"), "explained": explained}
        return [_render(templates["no_records"], {**context, "i": empty[0], **why}, measure),
                *unmeasured]  # fmt: skip
    text = templates["measures"].get(measure)
    written = _render(text, context, measure) if text is not None else ""
    if not written:  # no template, or nothing it speaks of has a record: a plain sentence each
        plain = [
            _generic(ind, context)
            for ind in indicators
            if not _without_figure(ind) and ind["measurable"]
        ]
        return [*plain, *unmeasured]
    return [written, *_like_for_like(templates, context, indicators), *unmeasured]


def _not_measurable(
    templates: dict[str, Any],
    context: dict[str, Any],
    indicators: list[dict[str, Any]],
    measure: str,
) -> list[str]:
    """One sentence for each reason the measure's not-measurable indicators give."""
    text = templates.get("not_measurable")
    if text is None:
        return []
    said: dict[str, str] = {}
    for ind in indicators:
        if not ind["measurable"] and ind["measurable_reason"] not in said:
            said[ind["measurable_reason"]] = _render(text, {**context, "i": ind}, measure)
    return list(said.values())


def measure_summary(pack: dict[str, Any], measure: str) -> str | None:
    """The measure's point for the executive summary, from the framework's ``summary``
    template; None when it has none, none of its indicators has a record, or the template
    writes nothing this quarter (the summary then takes the paragraph's first sentence)."""
    text = (load_templates(pack["framework"]["id"]).get("summary") or {}).get(measure)
    if text is None or _without_records(pack, measure):
        return None
    return _render(text, _context(pack), measure) or None


def _like_for_like(
    templates: dict[str, Any], context: dict[str, Any], indicators: list[dict[str, Any]]
) -> list[str]:
    """Where recording coverage changed, the comparison restricted to units recording in both."""
    template = templates.get("like_for_like")
    sentences = []
    for ind in indicators:
        same = ind["comparisons"].get("like_for_like") or {}
        enough = (same.get("units") or 0) >= MIN_LIKE_FOR_LIKE_UNITS
        wanted = "coverage_change" in ind["flags"] and ind["unit"] != "percent" and enough
        if (
            template
            and wanted
            and same.get("current") is not None
            and same.get("change") is not None
        ):
            text = _environment().from_string(template).render(**context, i=ind)
            sentences.append(" ".join(text.split()))
    return sentences


def _generic(ind: dict[str, Any], context: dict[str, Any]) -> str:
    """A plain sentence for an indicator without a template of its own; a figure disclosure
    control withholds in words (``fewer than 10``, or that it is not shown), with no change
    beside it."""
    held = fmt.withheld(ind, "value", context.get("disclosure"))
    value = held or fmt.figure(ind["value"], ind["unit"])
    same = ind["comparisons"].get("same_quarter_last_year") or {}
    if held == fmt.NOT_SHOWN:  # words with no number: "X in Q1: not shown, to protect ..."
        return f"{ind['title']} in {context['q']}: {held}."
    if held or same.get("value") is None or same.get("change") is None:
        return f"{ind['title']}: {value} in {context['q']}."
    if ind["unit"] == "percent":  # a rate moves in percentage points
        moved = fmt.points_change(ind["value"], same["value"])
        return f"{ind['title']} {moved} in {context['q']} {context['ly']}."
    return (
        f"{ind['title']}: {value} in {context['q']}, {fmt.direction_word(same)} "
        f"{fmt.change(same, ind['unit'])} on {context['q']} {context['ly']}."
    )
