"""Status of indicators, measures and objectives by the framework's rules (in words).

An indicator takes the first of the framework's ``status_rules`` that holds. A rule can only
hold on a comparison that exists: an SPC verdict needs the months its ``min_points`` asks for, a
change on last year needs last year's figure, and an indicator with nothing to compare with is
``new``, never ``stable``. A missed benchmark counts even when nothing was recorded, so nothing
recorded against a benchmark cannot read as "no data". Measures and objectives roll up their
parts' statuses, naming the part that drove the result and any tie that decided it.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import Any

from ndp.engine.framework import Framework, IndicatorDef

#: the verdicts a roll-up weighs, worst first (a tie goes to the worse)
_WORST_FIRST = ["declining", "stable", "improving"]
#: rules that can hold on an indicator with no record in the period
_WITHOUT_VALUE = {"benchmark_missed"}


def _spc_points(spc: dict[str, Any] | None) -> int:
    return sum(1 for p in (spc or {}).get("points", []) if p.get("value") is not None)


def _conditions(
    ind: IndicatorDef, value: Any, comparisons: dict[str, Any], spc: dict[str, Any] | None
) -> dict[str, Any]:
    """Each rule kind's test, given a rule (for its margin and minimum points)."""
    last = str(((spc or {}).get("points") or [{}])[-1].get("point_type", ""))
    same = comparisons.get("same_quarter_last_year") or {}
    bench = comparisons.get("benchmark") or {}
    sign = -1 if ind.direction == "down" else 1
    pct, change = same.get("pct_change"), same.get("change")

    def moved(rule_margin: Decimal, way: int) -> bool:
        if ind.direction == "neutral" or same.get("value") is None or change is None:
            return False
        if pct is None:  # last year's figure was 0: any change is beyond every margin
            return bool(way * sign * change > 0)
        return bool(way * sign * pct >= rule_margin)

    def spc_says(word: str, need: int | None) -> bool:
        return word in last and _spc_points(spc) >= (need or 0)

    return {
        "spc_improvement": lambda r: spc_says("improvement", r.min_points),
        "spc_concern": lambda r: spc_says("concern", r.min_points),
        "benchmark_met": lambda r: bench.get("met") is True,
        "benchmark_missed": lambda r: bench.get("met") is False,
        "change_better": lambda r: moved(Decimal(str(r.margin_pct or 0)), 1),
        "change_worse": lambda r: moved(Decimal(str(r.margin_pct or 0)), -1),
        "no_comparator": lambda r: same.get("value") is None and bench.get("value") is None,
        "always": lambda r: True,
    }


def apply_rules(
    fw: Framework,
    ind: IndicatorDef,
    value: Any,
    comparisons: dict[str, Any],
    spc: dict[str, Any] | None,
) -> tuple[str, str, str]:
    """The first framework rule that holds, as (status, rule name, rule in words)."""
    if not ind.measurable:
        return "not_measurable", "not_measurable", f"not measurable: {ind.reason}"
    tests = _conditions(ind, value, comparisons, spc)
    for rule in fw.status_rules:
        if value is None and rule.when not in _WITHOUT_VALUE:
            continue
        if any((comparisons.get(c) or {}).get("value") is None for c in rule.needs):
            continue  # its words would cite a comparison that does not exist
        if tests[rule.when](rule):
            return rule.status, rule.name, rule.words
    if value is None:
        return "no_data", "no_data", "no record in the period"
    return "stable", "no_rule", "no status rule held"


def _combine(parts: dict[str, str], what: str, headline: str | None = None) -> dict[str, Any]:
    """Roll up the parts' statuses: the most common verdict, the part that drove it (the
    headline part when it has that status, else the first that has), and the tied statuses when
    a tie decided it. A tie goes to the headline part's verdict when it is among the tied, else
    to the worse."""
    statuses = list(parts.values())
    base: dict[str, Any] = {
        "driver": None,
        "tie": None,
        "tie_decided_by": None,
        "counts": dict(Counter(statuses)),
    }
    if not statuses or all(s == "not_measurable" for s in statuses):
        return {**base, "status": "not_measurable", "status_rule": f"no {what} is measurable"}
    verdicts = [s for s in statuses if s in _WORST_FIRST]
    if not verdicts:
        status = "new" if "new" in statuses else "no_data"
        words = (
            f"no {what} has a comparison yet"
            if status == "new"
            else f"no measurable {what} has data"
        )
        driver = next((p for p, s in parts.items() if s == status), None)
        return {**base, "status": status, "status_rule": words, "driver": driver}
    counts = Counter(verdicts)
    best = max(counts.values())
    tied = [s for s in _WORST_FIRST if counts[s] == best]
    by_headline = headline is not None and parts.get(headline) in tied and len(tied) > 1
    status = parts[headline] if by_headline and headline else tied[0]
    words = f"most common status of its {what}s ({counts[status]} of {len(verdicts)} {status})"
    if len(tied) > 1:
        others = " and ".join(t for t in tied if t != status)
        decided = "its headline indicator's" if by_headline else "the worse"
        words += f"; a tie with {others}, decided by {decided}"
    order = sorted(parts, key=lambda p: p != headline)  # the headline part first
    return {
        **base,
        "status": status,
        "status_rule": words,
        "driver": next(p for p in order if parts[p] == status),
        "tie": tied if len(tied) > 1 else None,
        "tie_decided_by": None if len(tied) == 1 else ("headline" if by_headline else "worse"),
    }


def operations_status(fw: Framework, operations: dict[str, Any]) -> dict[str, Any]:
    """A measure's status from the quarter's operations (F3), by ``operation_status_rules``."""
    ops = list(operations.values())

    def arrests(op: dict[str, Any] | None) -> int:
        return int(((op or {}).get("totals") or {}).get("arrests") or 0)

    tests = {
        "no_operations": not ops,
        "operation_without_results": any(not op.get("totals") for op in ops),
        "arrests_up_on_previous": bool(ops)
        and all(
            op.get("previous_in_series") and arrests(op) > arrests(op["previous_in_series"])
            for op in ops
        ),
        "always": True,
    }
    for rule in fw.operation_status_rules:
        if tests[rule.when]:
            driver = next(iter(operations), None)
            return {"status": rule.status, "status_rule": rule.words, "driver": driver}
    return {"status": "no_data", "status_rule": "no operation status rule held", "driver": None}


def rollup(
    fw: Framework, indicators: dict[str, Any], operations: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Measures and objectives with their rolled-up status."""
    measures: dict[str, Any] = {}
    for mid, m in fw.measures.items():
        names = fw.measures_of[mid]
        if m.status_from == "operations":
            rolled = {"tie": None, "counts": {}, **operations_status(fw, operations)}
        else:
            # an indicator with no better direction (context, such as all outcomes) has no vote
            # while one with a direction has
            voters = [n for n in names if fw.indicators[n].direction != "neutral"] or names
            parts = {n: indicators[n]["status"] for n in voters}
            rolled = _combine(parts, "indicator", m.headline)
        measures[mid] = {
            "objective": m.objective,
            "title": m.title,
            "indicators": names,
            "status_from": m.status_from,
            "headline": m.headline,
            "no_records_reason": m.no_records_reason,
            **rolled,
        }
    objectives: dict[str, Any] = {}
    for oid, o in fw.objectives.items():
        mids = [mid for mid, m in fw.measures.items() if m.objective == oid]
        rolled = _combine({m: measures[m]["status"] for m in mids}, "measure")
        objectives[oid] = {**o.model_dump(), "measures": mids, **rolled}
    return measures, objectives
