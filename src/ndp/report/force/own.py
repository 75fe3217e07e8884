"""A force's own statuses, from the pack's ``areas.force[code]`` roll-ups, never the nation's.

The reasons are written by ``ndp.report.reasons``, the national report's words, over the pack
as the force sees it (``area_view``): each indicator carries the force's own figure,
comparisons, SPC and status rule, each measure and objective the force's roll-up, and each
operation the force's own results (its ``by_force`` totals). Nothing is computed here.
"""

from __future__ import annotations

from typing import Any

from ndp.report.context import Status, status
from ndp.report.reasons import measure_reason, objective_reason

#: the area entry's fields that stand in for the nation's in a reason
_OWN_FIELDS = ("value", "comparisons", "spc", "status", "status_rule", "status_rule_name")


def _own_indicator(ind: dict[str, Any], code: str) -> dict[str, Any]:
    entry = ((ind.get("by") or {}).get("force") or {}).get(code)
    if entry is None:  # no figure of its own: a value of None reads "no records"
        return {**ind, "value": None, "comparisons": {}, "spc": None, "status_rule_name": ""}
    return {**ind, **{key: entry.get(key) for key in _OWN_FIELDS}}


def _own_operation(op: dict[str, Any], code: str) -> dict[str, Any]:
    prior = op.get("previous_in_series")
    if prior:
        prior = {**prior, "totals": (prior.get("by_force") or {}).get(code) or {}}
    return {**op, "totals": (op.get("by_force") or {}).get(code) or {}, "previous_in_series": prior}


def area_view(pack: dict[str, Any], code: str) -> dict[str, Any]:
    """The pack with the force's own figures and roll-ups in place of the nation's."""
    own = (pack.get("areas") or {}).get("force", {}).get(code) or {}
    measures = {
        m_id: {**measure, **(own.get("measures") or {}).get(m_id, {"status": "no_data"})}
        for m_id, measure in pack["measures"].items()
    }
    objectives = {
        o_id: {**objective, **(own.get("objectives") or {}).get(o_id, {"status": "no_data"})}
        for o_id, objective in pack["objectives"].items()
    }
    return {
        **pack,
        "indicators": {n: _own_indicator(ind, code) for n, ind in pack["indicators"].items()},
        "measures": measures,
        "objectives": objectives,
        "operations": {n: _own_operation(op, code) for n, op in pack["operations"].items()},
    }


def own_measure_status(view: dict[str, Any], measure_id: str) -> Status:
    """The force's status on a success measure, with the indicator that drove it."""
    return status(view["measures"][measure_id]["status"], measure_reason(view, measure_id))


def own_objective_status(view: dict[str, Any], objective_id: str) -> Status:
    """The force's status on an objective, with the measure and indicator that drove it:
    "Success measure E1b: Money laundering disruptions 22, ...". Never opening with the bare
    measure id, which ``ndp check`` reads as the start of that measure's national paragraph."""
    objective = view["objectives"][objective_id]
    reason = objective_reason(view, objective_id)
    driver = objective.get("driver")
    if driver and reason.startswith(f"{driver} "):
        reason = f"Success measure {driver}: {reason.removeprefix(f'{driver} ')}"
    return status(objective["status"], reason)
