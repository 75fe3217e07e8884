"""The publication's marks on the tidy rows (ndp.report.marks): each report-quarter row whose
figure a revision changed says so, with its previous value."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

from ndp.report.marks import NATIONAL
from ndp.report.tidy.rows import Row


def area_key(row: Row) -> str | None:
    """The row's area as the pack's revisions block names it (``national``,
    ``force E23000020``, ``region London``), or None for the remainder not attributed."""
    if row.area.type == "nation":
        return NATIONAL
    return f"{row.area.key[0]} {row.area.key[1]}" if row.area.key else None


def mark_revisions(pack: dict[str, Any], rows: list[Row]) -> list[Row]:
    """``rows`` with ``revised`` and ``previous_value`` set on each revised figure's row."""
    found = {(e["indicator"], e["area"]): e for e in pack.get("revisions") or []}
    if not found:
        return rows
    out = []
    for row in rows:
        entry = None
        if row.report_period and row.period_type == "quarter" and row.category is None:
            entry = found.get((row.indicator_id, area_key(row) or ""))
        if entry is not None:
            previous = entry["previous_value"]
            if previous is not None and not isinstance(previous, (int, Decimal)):
                previous = Decimal(str(previous))
            row = replace(row, revised=True, previous_value=previous)
        out.append(row)
    return out
