"""Forces' outcome returns for a quarter: which of the 45 dissemination forces returned their
outcome information on time, which late, and which not at all (the report's compliance line and
the ``late_returns`` flag)."""

from __future__ import annotations

from typing import Any

from ndp.periods import Quarter
from ndp.reference import reference
from ndp.store import Store


def return_compliance(store: Store, quarter: Quarter) -> dict[str, Any]:
    """``{"expected", "on_time", "late", "missing"}`` for ``quarter``; ``{}`` when the store has
    no return recorded for it (no records is not the same as every force missing)."""
    table = store.ibis.table("force_returns")
    rows = (
        table.filter(table.quarter == quarter.label)
        .select("force", "due_on", "returned_on")
        .to_pyarrow()
        .to_pylist()
    )
    if not rows:
        return {}
    expected = [force.code for force in reference().dissemination_forces()]
    returned = {row["force"]: row for row in rows if row["returned_on"] is not None}
    late = sorted(f for f, row in returned.items() if row["returned_on"] > row["due_on"])
    missing = sorted(f for f in expected if f not in returned)
    on_time = sum(1 for f in expected if f in returned and f not in late)
    return {"expected": len(expected), "on_time": on_time, "late": late, "missing": missing}


def late_returns_flags(returns: dict[str, Any]) -> list[dict[str, Any]]:
    """The ``late_returns`` data-quality flag, when any force returned late or not at all."""
    if not returns or not (returns["late"] or returns["missing"]):
        return []
    parts = []
    if returns["late"]:
        parts.append(f"late: {', '.join(returns['late'])}")
    if returns["missing"]:
        parts.append(f"not returned: {', '.join(returns['missing'])}")
    message = (
        f"{returns['expected'] - returns['on_time']} of {returns['expected']} forces did not "
        f"return outcome information on time ({'; '.join(parts)})"
    )
    return [{"indicator": "F1c.outstanding", "flag": "late_returns", "message": message}]
