"""Withholding a figure in a pack (the dict an output reads): its value becomes null and the
object that held it says why in its ``suppressed`` mapping (docs/pack.md, "Suppressed
figures"): ``count`` (a count fewer than the audience's minimum), ``complementary`` (withheld
so that no other suppressed figure can be worked out) or ``derived`` (worked out from a
suppressed figure: a change, a rate, an average, a share, a rank, SPC)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ndp.periods import Quarter

DERIVED = "derived"
#: why a figure is held: its area (a grid cell without the period) and period -> reason or None
Held = Callable[[tuple[str, ...], str], str | None]


def withhold(holder: dict[str, Any], key: str, reason: str | None) -> None:
    """Null ``holder[key]`` and record why, when ``reason`` says it is held (a figure that is
    already null, no record, stays as it is)."""
    if reason is None or holder.get(key) is None:
        return
    holder[key] = None
    holder.setdefault("suppressed", {})[key] = reason


def derived(*reasons: str | None) -> str | None:
    return DERIVED if any(reasons) else None


def first(*reasons: str | None) -> str | None:
    return next((r for r in reasons if r), None)


def series_points(points: list[dict[str, Any]], area: tuple[str, ...], held: Held) -> bool:
    """Withhold the held points of a quarterly or monthly series; whether any was."""
    found = False
    for point in points or []:
        reason = held(area, point.get("period") or point["month"])
        withhold(point, "value", reason)
        found = found or reason is not None
    return found


def previous_year(now: str) -> list[str]:
    """The labels of the quarters of the financial year before ``now``'s."""
    return [q.label for q in Quarter.parse(now).year.previous().quarters]


def comparisons(
    block: dict[str, Any], area: tuple[str, ...], held: Held, now: str
) -> dict[str, Any]:
    """Withhold each comparison's comparator where its own figures are held, and its change,
    percentage change (and whether a benchmark is met) where either side is."""
    q = Quarter.parse(now)
    current = held(area, now)
    year = derived(*(held(area, p) for p in previous_year(now)))
    base = {
        "same_quarter_last_year": held(area, q.same_quarter_last_year().label),
        "previous_quarter": held(area, q.previous().label),
        "previous_year_quarterly_average": year,
        "previous_year_end": year,
    }
    for name, comparison in block.items():
        if not isinstance(comparison, dict) or name == "like_for_like":
            continue
        own = base.get(name)
        if name == "benchmark" and comparison.get("basis") == "previous_year_quarterly_average":
            own = year
        withhold(comparison, "value", own)
        withhold(comparison, "total", derived(own))
        for key in ("change", "pct_change", "met"):
            withhold(comparison, key, derived(own, current))
    return block


def flat_comparison(entry: dict[str, Any], area: tuple[str, ...], held: Held, now: str) -> None:
    """An area entry's own keys for the same quarter last year (value, change, pct_change)."""
    before = held(area, Quarter.parse(now).same_quarter_last_year().label)
    withhold(entry, "same_quarter_last_year", before)
    for key in ("change", "pct_change"):
        withhold(entry, key, derived(before, held(area, now)))
