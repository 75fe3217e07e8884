"""A force's view of its region: the engine's differencing rule
(``ndp.engine.disclosure.differencing``, the one place it lives, shared with the force
editions) applied to the pack, then projected.

The region's figures that rest on a quarter in which 1 or 2 other forces or units of the region
recorded are null in the force's view and marked ``suppressed`` (a quarter's point, a
comparison with it); the pages say "withheld" there, with :data:`WITHHELD`. Where the current
quarter is withheld, the region's whole row for the indicator is (its value and everything
worked out from it), as ``AreaFigures.withheld``. The region's months and SPC are never shown
to a force, and its roll-up statuses only where it has ``MIN_OTHERS`` other members at all.
"""

from __future__ import annotations

from typing import Any

from ndp.engine.disclosure.differencing import (
    MIN_OTHERS,
    RULE,
    current_withheld,
    for_force,
)
from ndp.web.areas import Area

__all__ = ["MIN_OTHERS", "WITHHELD", "force_view", "region_figures_for_force"]

#: why a region's figure is withheld from a force, after the word "withheld"
WITHHELD = f"withheld: this quarter {RULE}"


def force_view(data: dict[str, Any], force: Area) -> dict[str, Any]:
    """The pack as ``force`` may see its region."""
    return for_force(data, force.code)


def region_figures_for_force(view: dict[str, Any], force: Area, region: Any) -> Any:
    """The region's figures (an ``AreaFigures`` of ``view``, the force's view of the pack) as
    ``force`` may see them: an indicator whose current figure is withheld has no entry, and
    says why."""
    from ndp.web.projection import AreaFigures

    indicators: dict[str, dict[str, Any] | None] = {}
    per_force: dict[str, Any] = {}
    withheld: dict[str, str] = {}
    for name, ind in view["indicators"].items():
        entry = region.indicators.get(name)
        if current_withheld(view, ind, force.code):
            indicators[name], per_force[name] = None, None
            withheld[name] = WITHHELD
        else:
            indicators[name] = entry
            per_force[name] = region.per_force.get(name)
    # the roll-up statuses: the engine's view keeps them only where the region has
    # MIN_OTHERS other members at all
    return AreaFigures(
        region.area,
        region.measures,
        region.objectives,
        indicators,
        per_force,
        withheld,
    )
