"""Why each objective, measure and indicator has its status at an area, in the report's own
words: ``ndp.report.reasons`` over the scoped pack as the area sees it, as the force edition
writes a force's (``ndp.report.force.own``). The nation's reasons are the national report's;
a region's or force's are written from its own figures and roll-ups, never the nation's.

Only the projection is read, so a reason can hold nothing the scope may not see: where a force
is shown its region, a region figure withheld by the differencing rule is never put into words
(the reason says it is withheld), and a region's operations measure gives its rule, since the
pack holds no region totals for an operation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ndp.report.reasons import indicator_reason, measure_reason, objective_reason
from ndp.web.projection import AreaFigures, ScopedPack

#: the area entry's fields that stand in for the nation's in a reason (as the force edition)
OWN_FIELDS = ("value", "comparisons", "spc", "status", "status_rule", "status_rule_name",
              "suppressed")  # fmt: skip


@dataclass(frozen=True)
class Reasons:
    objectives: dict[str, str]
    measures: dict[str, str]
    indicators: dict[str, str]


def _own_indicator(ind: dict[str, Any], entry: dict[str, Any] | None) -> dict[str, Any]:
    if entry is None:  # no figure of its own: a value of None reads "no records"
        return {**ind, "value": None, "comparisons": {}, "spc": None, "status_rule_name": "",
                "suppressed": {}}  # fmt: skip
    return {**ind, **{key: entry.get(key) for key in OWN_FIELDS}}


def _view(scoped: ScopedPack, figures: AreaFigures | None) -> dict[str, Any]:
    """The pack as the area sees it, shaped for ``ndp.report.reasons``."""
    base = {"period": scoped.period, "operations": scoped.operations.get("national") or {}}
    if figures is None:
        return {**base, "indicators": scoped.indicators, "measures": scoped.measures,
                "objectives": scoped.objectives}  # fmt: skip
    # a force's own results where it is the principal's force; a region has none in the pack
    own = figures.area == scoped.home and figures.area.kind == "force"
    base["operations"] = scoped.operations.get("force") or {} if own else {}
    return {
        **base,
        "indicators": {
            n: _own_indicator(i, figures.indicators.get(n)) for n, i in scoped.indicators.items()
        },
        "measures": {m: {**scoped.measures[m], **rolled} for m, rolled in figures.measures.items()},
        "objectives": {
            o: {**scoped.objectives[o], **rolled} for o, rolled in figures.objectives.items()
        },
    }


def _held_driver(view: dict[str, Any], measure_id: str, withheld: dict[str, str]) -> str:
    """``Money laundering disruptions withheld: ...`` where the indicator that decided the
    measure is withheld from the principal at this area; empty otherwise."""
    measure = view["measures"].get(measure_id) or {}
    driver = measure.get("driver") or ""
    if measure.get("status_from") == "operations" or driver not in withheld:
        return ""
    return f"{view['indicators'][driver]['title']} {withheld[driver]}"


def area_reasons(scoped: ScopedPack, figures: AreaFigures | None) -> Reasons:
    """The reasons at the nation (``figures`` None) or at a visible area; an objective or
    measure without a roll-up at the area has none."""
    view = _view(scoped, figures)
    withheld = figures.withheld if figures is not None else {}
    indicators = {
        name: withheld.get(name) or indicator_reason(view, name)
        for name, ind in scoped.indicators.items()
        if ind.get("measurable")
    }
    measures = {
        mid: _held_driver(view, mid, withheld) or measure_reason(view, mid)
        for mid in view["measures"]
        if mid in scoped.measures
    }
    objectives = {}
    for oid, objective in view["objectives"].items():
        driver = objective.get("driver")
        if driver and driver not in view["measures"]:
            objectives[oid] = objective.get("status_rule") or ""
            continue
        held = _held_driver(view, driver, withheld) if driver else ""
        reason = f"{driver} {held}" if held else objective_reason(view, oid)
        if figures is not None and driver and reason.startswith(f"{driver} "):
            reason = f"Success measure {driver}: {reason.removeprefix(f'{driver} ')}"
        objectives[oid] = reason
    return Reasons(objectives, measures, indicators)


def indicator_reason_at(scoped: ScopedPack, figures: AreaFigures | None, name: str) -> str:
    """One indicator's reason at the nation or a visible area (its indicator page)."""
    if figures is not None and name in figures.withheld:
        return figures.withheld[name]
    ind = scoped.indicators[name]
    entry = None if figures is None else figures.indicators.get(name)
    view = {"period": scoped.period, "indicators": {name: ind if figures is None
                                                     else _own_indicator(ind, entry)}}  # fmt: skip
    return indicator_reason(view, name)
