"""Status of indicators, measures and objectives by the framework's rules (in words)."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import Any

from ndp.engine.framework import Framework, IndicatorDef

_WORST_FIRST = ["declining", "stable", "improving"]


def apply_rules(
    fw: Framework,
    ind: IndicatorDef,
    value: Any,
    pct_change: Decimal | None,
    spc: dict[str, Any] | None,
) -> tuple[str, str]:
    """The first framework rule that holds for this indicator, as (status, rule in words)."""
    if not ind.measurable:
        return "not_measurable", f"not measurable: {ind.reason}"
    if value is None:
        return "no_data", "no record in the period"
    last = (spc or {}).get("points", [{}])[-1].get("point_type", "") if spc else ""
    for rule in fw.status_rules:
        margin = Decimal(str(rule.margin_pct or 0))
        sign = -1 if ind.direction == "down" else 1
        holds = {
            "spc_improvement": "improvement" in str(last),
            "spc_concern": "concern" in str(last),
            "change_better": ind.direction != "neutral"
            and pct_change is not None
            and sign * pct_change >= margin,
            "change_worse": ind.direction != "neutral"
            and pct_change is not None
            and -sign * pct_change >= margin,
            "always": True,
        }[rule.when]
        if holds:
            return rule.status, rule.words
    return "stable", "no status rule held"


def _combine(statuses: list[str], what: str) -> tuple[str, str]:
    if not statuses or all(s == "not_measurable" for s in statuses):
        return "not_measurable", f"no {what} is measurable"
    with_data = [s for s in statuses if s in _WORST_FIRST]
    if not with_data:
        return "no_data", f"no measurable {what} has data"
    counts = Counter(with_data)
    best = max(counts.values())
    status = next(s for s in _WORST_FIRST if counts[s] == best)
    return (
        status,
        f"most common status of its {what}s ({counts[status]} of {len(with_data)} {status})",
    )


def rollup(fw: Framework, indicators: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Measures and objectives with their rolled-up status."""
    measures: dict[str, Any] = {}
    for mid, m in fw.measures.items():
        names = fw.measures_of[mid]
        status, rule = _combine([indicators[n]["status"] for n in names], "indicator")
        measures[mid] = {
            "objective": m.objective,
            "title": m.title,
            "status": status,
            "status_rule": rule,
            "indicators": names,
        }
    objectives: dict[str, Any] = {}
    for oid, o in fw.objectives.items():
        mids = [mid for mid, m in fw.measures.items() if m.objective == oid]
        status, rule = _combine([measures[m]["status"] for m in mids], "measure")
        objectives[oid] = {
            **o.model_dump(),
            "status": status,
            "status_rule": rule,
            "measures": mids,
        }
    return measures, objectives
