"""The rule against disclosure by differencing, for a force's view of its own region.

A force sees its own figures. Were it also shown its region's total, the total minus its own
figure is the sum of the region's other forces: where that sum is one force's figure (a
two-force region, or a quarter in which only one other force recorded anything), the force
would read another force's figure. So a force user sees its region's figures for an indicator
only where, in the quarter and in every quarter of the series shown, at least
``MIN_OTHERS`` other forces or units of the region have a figure; otherwise the region's figures
for that indicator (total, comparisons, series, average per force) are withheld, saying why.
The region's own months and SPC are never shown to a force (as in the per-area files), and its
roll-up statuses only where the region has ``MIN_OTHERS`` other members at all.
"""

from __future__ import annotations

from typing import Any

from ndp.web.areas import Area, region_members

#: other forces or units with a figure needed before a region's figure is shown to a force
MIN_OTHERS = 3
REGION_DROPPED = ("monthly", "spc")
WITHHELD = (
    "withheld: in a quarter shown, fewer than {n} other forces in the region have figures, so "
    "the region's figure would show theirs"
)


def _others_with_figures(ind: dict[str, Any], others: list[str], period: str | None) -> int:
    forces = (ind.get("by") or {}).get("force") or {}
    count = 0
    for code in others:
        entry = forces.get(code)
        if entry is None:
            continue
        if period is None:
            present = entry.get("value") is not None
        else:
            present = any(
                q["period"] == period and q.get("value") is not None
                for q in entry.get("quarterly") or []
            )
        count += present
    return count


def region_shown(ind: dict[str, Any], region: str, others: list[str]) -> bool:
    """Whether a force of ``region`` may see the region's figures of ``ind``."""
    entry = ((ind.get("by") or {}).get("region") or {}).get(region)
    if entry is None:
        return False
    periods: list[str | None] = [None]
    periods += [q["period"] for q in entry.get("quarterly") or [] if q.get("value") is not None]
    return all(_others_with_figures(ind, others, p) >= MIN_OTHERS for p in periods)


def region_figures_for_force(data: dict[str, Any], force: Area, region: Any) -> Any:
    """The region's figures as ``force`` may see them (an ``AreaFigures``)."""
    from ndp.web.projection import AreaFigures

    others = [c for c in region_members(data, region.area.name) if c != force.code]
    indicators: dict[str, dict[str, Any] | None] = {}
    per_force: dict[str, Any] = {}
    withheld: dict[str, str] = {}
    for name, ind in data["indicators"].items():
        entry = region.indicators.get(name)
        if entry is not None and region_shown(ind, region.area.name, others):
            indicators[name] = {k: v for k, v in entry.items() if k not in REGION_DROPPED}
            per_force[name] = region.per_force.get(name)
        else:
            indicators[name] = None
            per_force[name] = None
            withheld[name] = WITHHELD.format(n=MIN_OTHERS)
    roll_up = len(others) >= MIN_OTHERS
    return AreaFigures(
        region.area,
        region.measures if roll_up else {},
        region.objectives if roll_up else {},
        indicators,
        per_force,
        withheld,
    )
