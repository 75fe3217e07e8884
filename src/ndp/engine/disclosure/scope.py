"""Disclosure by differencing in a scoped view (the dashboard): a user who sees their own
force and its region sees, by subtraction, the rest of the region; where only one other area
of the region has a figure, that is its figure. docs/framework.md, "One's own force and its
region"."""

from __future__ import annotations

from typing import Any

#: other areas of the region with a figure that a force's user needs before the region's
#: figure is shown to them (with one, the region minus the force is that area's figure)
MIN_OTHERS = 2


def _figure(entry: dict[str, Any] | None, period: str, now: str) -> Any:
    if entry is None:
        return None
    if period == now:
        return entry.get("value")
    points = [*(entry.get("quarterly") or []), *(entry.get("monthly") or [])]
    return next((p["value"] for p in points if period in (p.get("period"), p.get("month"))), None)


def region_shown(
    pack: dict[str, Any], indicator: str, force: str, period: str | None = None
) -> bool:
    """Whether a user scoped to ``force`` may see its region's figure of ``indicator`` for
    ``period`` (a quarter or month label; the pack's quarter by default): only where at least
    :data:`MIN_OTHERS` other forces or units of the region have a figure for it."""
    geo = pack["geographies"]
    region = geo["forces"][force].get("region")
    if region is None:
        return True  # a unit in no region sees no region
    now = pack["period"]["label"]
    entries = (pack["indicators"][indicator].get("by") or {}).get("force") or {}
    others = [
        code
        for code in geo["regions"][region]["forces"]
        if code != force and _figure(entries.get(code), period or now, now) is not None
    ]
    return len(others) >= MIN_OTHERS
