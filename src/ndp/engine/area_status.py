"""Each force's, unit's and region's own status per measure and objective: the framework's
roll-up applied to the area's indicator statuses, and for a measure judged on operations (F3)
to the area's own results in the quarter's operations (docs/pack.md, ``areas``)."""

from __future__ import annotations

from typing import Any

from ndp.engine.areas import Geography
from ndp.engine.framework import Framework
from ndp.engine.status import rollup

#: what an area's roll-up keeps (the titles and lists are the nation's)
KEPT = ("status", "status_rule", "driver", "tie", "tie_decided_by", "counts")


def _summed(by_force: dict[str, dict[str, int]], units: set[str]) -> dict[str, int]:
    totals: dict[str, int] = {}
    for unit, figures in by_force.items():
        if unit in units:
            for k, v in figures.items():
                totals[k] = totals.get(k, 0) + v
    return totals


def area_operations(operations: dict[str, Any], units: set[str]) -> dict[str, Any]:
    """The quarter's operations as the area took part in them: its units' totals only."""
    out: dict[str, Any] = {}
    for name, op in operations.items():
        prev = op.get("previous_in_series")
        out[name] = {
            "totals": _summed(op.get("by_force", {}), units),
            "previous_in_series": (
                {"totals": _summed(prev.get("by_force", {}), units)} if prev else None
            ),
        }
    return out


def area_rollups(
    fw: Framework, indicators: dict[str, Any], operations: dict[str, Any], geography: Geography
) -> dict[str, Any]:
    """``{"force": {code: {"measures", "objectives"}}, "region": {name: ...}}``."""
    regions: dict[str, set[str]] = {r: set() for r in geography.region_forces}
    for code, region in geography.force_region.items():
        if region in regions:
            regions[region].add(code)
    areas = {
        "force": {code: {code} for code in sorted(geography.force_region)},
        "region": regions,
    }
    out: dict[str, Any] = {}
    for geo, members in areas.items():
        out[geo] = {}
        for key, units in members.items():
            statuses = {
                n: {"status": _status(fw, n, ind.get("by", {}).get(geo, {}).get(key))}
                for n, ind in indicators.items()
            }
            measures, objectives = rollup(fw, statuses, area_operations(operations, units))
            out[geo][key] = {
                "measures": {m: {k: v.get(k) for k in KEPT} for m, v in measures.items()},
                "objectives": {o: {k: v.get(k) for k in KEPT} for o, v in objectives.items()},
            }
    return out


def _status(fw: Framework, name: str, entry: dict[str, Any] | None) -> str:
    if not fw.indicators[name].measurable:
        return "not_measurable"
    return str((entry or {}).get("status") or "no_data")
