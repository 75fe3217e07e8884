"""Generated sentences: the framework's narrative templates rendered over the pack.

Templates live beside the framework (``narrative.yaml``), so another framework brings its own
wording. They see only the pack's figures and the house-style filters of ``ndp.report.format``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import yaml

from ndp.errors import NdpError
from ndp.report import format as fmt

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
    )  # fmt: skip
    return env


@cache
def load_templates(framework_id: str) -> dict[str, Any]:
    """The framework's narrative templates, read once per process (a run writes many reports)."""
    path = FRAMEWORKS / framework_id / "narrative.yaml"
    if not path.is_file():
        raise NdpError(f"framework {framework_id!r} has no narrative templates at {path}")
    loaded: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return loaded


def measure_sentences(pack: dict[str, Any], measure: str) -> list[str]:
    """The generated paragraph(s) of one success measure, figures from the pack."""
    templates = load_templates(pack["framework"]["id"])
    period = pack["period"]
    context = {
        "ind": pack["indicators"],
        "ops": pack.get("operations") or {},
        "returns": pack["data_quality"].get("returns") or {},
        "q": f"Q{period['quarter']}",
        "ly": period["previous_year_short"],
    }
    indicators = [pack["indicators"][name] for name in pack["measures"][measure]["indicators"]]
    empty = [i for i in indicators if i["value"] is None and i["measurable"]]
    env = _environment()
    if indicators and len(empty) == len(indicators):
        return [
            " ".join(env.from_string(templates["no_records"]).render(**context, i=empty[0]).split())
        ]
    text = templates["measures"].get(measure)
    if text is None:
        return [_generic(ind, context) for ind in indicators if ind["value"] is not None]
    try:
        rendered = env.from_string(text).render(**context)
    except (jinja2.UndefinedError, TypeError, ZeroDivisionError) as error:
        raise NdpError(
            f"narrative template for {measure} cannot be written from the pack: {error}"
        ) from None
    return [" ".join(rendered.split()), *_like_for_like(templates, context, indicators)]


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
    """A plain sentence for an indicator without a template of its own."""
    value = fmt.figure(ind["value"], ind["unit"])
    same = ind["comparisons"].get("same_quarter_last_year") or {}
    if same.get("value") is None or same.get("change") is None:
        return f"{ind['title']}: {value} in {context['q']}."
    return (
        f"{ind['title']}: {value} in {context['q']}, {fmt.direction_word(same)} "
        f"{fmt.change(same, ind['unit'])} on {context['q']} {context['ly']}."
    )
