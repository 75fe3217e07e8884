"""The rule against disclosure by differencing: a force's (or regional unit's) view of its
region, for every output a force receives (its edition in all four formats, the dashboard's
pages, JSON twins, chart specs and CSV exports).

Shown its region's total beside its own figure, a force could subtract and read the sum of the
region's other members; where that sum is one member's figure (a quarter in which only one
other force or unit recorded), it would read another force's figure. The same holds for the
region's average per force (times the number of forces, minus its own) and for a comparison
(the current value minus the change is the other quarter's value). So, quarter by quarter, a
region's figure is withheld from a force where fewer than :data:`MIN_OTHERS` other members of
the region have a figure other than 0 in that quarter (a 0 hides no one, so it does not count):

- a quarter's point in the region's quarterly series and in its average per force;
- a comparison whose other quarter (or any quarter of the previous year, for the previous
  year's quarterly average and the year end) is withheld: its comparator, change and %;
- where the current quarter is withheld, the current value and everything worked out from it
  (every change, the numerator and denominator of a rate, the average per force on the
  force's own entry), and the rank, status, status rule and flags read from it.

A rank, a status or a flag says an order or a bound (2nd of 10 regions; above the benchmark;
a month beyond the SPC limits), never a figure, so it is shown with a current value that is
shown, even where an earlier quarter is withheld; an inequality with a withheld figure does not
give it.

The region's months and SPC are never given to a force, and its roll-up statuses (objectives,
measures) only where the region has :data:`MIN_OTHERS` other members at all. A withheld figure
is null and its holder's ``suppressed`` mapping says :data:`DIFFERENCING` (docs/pack.md,
"Suppressed figures"), so an output writes it as withheld, never as 0 or blank.
"""

from __future__ import annotations

from typing import Any

from ndp.engine.areas import FORCE_KINDS
from ndp.engine.disclosure import marks
from ndp.engine.disclosure.marks import withhold

#: other forces or units with a figure needed before a region's figure is shown to a force
MIN_OTHERS = 3
#: the reason a figure withheld by this rule carries in its holder's ``suppressed`` mapping
DIFFERENCING = "differencing"
#: the region's parts never given to a force
REGION_DROPPED = ("monthly", "spc")
#: what the rule says, for a reader
RULE = (
    f"fewer than {MIN_OTHERS} other forces or units in the region have figures, so the "
    "region's figure would show theirs"
)


def region_members(pack: dict[str, Any], region: str) -> list[str]:
    """The region's forces and units as the pack's geographies list them."""
    return list(((pack["geographies"].get("regions") or {}).get(region) or {}).get("forces", []))


def _recorded(entry: dict[str, Any] | None, period: str, now: str) -> bool:
    """Whether a member's entry has a figure other than 0 in ``period``."""
    if entry is None:
        return False
    if period == now and entry.get("value"):
        return True
    return any(q.get("period") == period and q.get("value") for q in entry.get("quarterly") or [])


def others_recording(ind: dict[str, Any], others: list[str], period: str, now: str) -> int:
    """How many of ``others`` have a figure other than 0 for ``ind`` in ``period``."""
    forces = (ind.get("by") or {}).get("force") or {}
    return sum(_recorded(forces.get(code), period, now) for code in others)


def _held(ind: dict[str, Any], others: list[str], now: str) -> marks.Held:
    """The rule for one region block (its entry, or its average per force with ``others`` the
    forces it averages): a quarter is held where fewer than MIN_OTHERS of ``others`` recorded
    then (``withhold`` leaves a null as it is). The counts are taken once per block."""
    forces = (ind.get("by") or {}).get("force") or {}
    counts: dict[str, int] = {}
    for code in others:
        entry = forces.get(code)
        if entry is None:
            continue
        periods = {q.get("period") for q in entry.get("quarterly") or [] if q.get("value")}
        if entry.get("value"):
            periods.add(now)
        for period in periods:
            counts[period] = counts.get(period, 0) + 1

    def held(area: tuple[str, ...], period: str) -> str | None:
        return DIFFERENCING if counts.get(period, 0) < MIN_OTHERS else None

    return held


def _region_entry(entry: dict[str, Any], held: marks.Held, area: tuple[str, ...], now: str) -> None:
    for key in REGION_DROPPED:
        entry.pop(key, None)
    current = held(area, now)
    marks.series_points(entry.get("quarterly") or [], area, held)
    marks.flat_comparison(entry, area, held, now)
    marks.comparisons(entry.get("comparisons") or {}, area, held, now)
    for key in ("value", "numerator", "denominator"):
        withhold(entry, key, current)
    if current and entry.get("value") is None:  # "no records" would say the others had none
        entry.setdefault("suppressed", {})["value"] = current
    # a rank, a status and flags give an order or a bound, never a figure: withheld with the
    # current value they are read from
    for key in ("rank", "status", "status_rule", "status_rule_name", "flags"):
        withhold(entry, key, current)


def _average(block: dict[str, Any], held: marks.Held, area: tuple[str, ...], now: str) -> None:
    block.pop("monthly", None)
    marks.series_points(block.get("quarterly") or [], area, held)
    withhold(block, "value", held(area, now))


def _copy(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _copy(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_copy(v) for v in data]
    return data


def _indicator(
    pack: dict[str, Any], ind: dict[str, Any], code: str, region: str, others: list[str]
) -> dict[str, Any]:
    """``ind`` with its region's entry, average per force and the force's own average per
    force (copies) withheld where the rule says; everything else shared, unchanged."""
    now = pack["period"]["label"]
    area = ("region", region)
    by = dict(ind.get("by") or {})
    out = {**ind}
    regions = dict(by.get("region") or {})
    if region in regions:
        kept = {k: v for k, v in regions[region].items() if k not in REGION_DROPPED}
        entry = regions[region] = _copy(kept)
        _region_entry(entry, _held(ind, others, now), area, now)
        by["region"] = regions
    per_force = ind.get("per_force") or {}
    average = (per_force.get("region") or {}).get(region)
    held_average = None
    if average is not None:
        forces = pack["geographies"]["forces"]
        counted = [c for c in others if (forces.get(c) or {}).get("kind") in FORCE_KINDS]
        average = _copy({k: v for k, v in average.items() if k != "monthly"})
        _average(average, _held(ind, counted, now), area, now)
        held_average = (average.get("suppressed") or {}).get("value")
        out["per_force"] = {
            **per_force,
            "region": {**(per_force.get("region") or {}), region: average},
        }
    forces_by = by.get("force") or {}
    if code in forces_by and held_average:
        own = forces_by[code] = {**forces_by[code]}
        withhold(own, "region_average_per_force", held_average)
        by["force"] = {**(by.get("force") or {}), code: own}
    if by:
        out["by"] = by
    return out


def for_force(pack: dict[str, Any], code: str) -> dict[str, Any]:
    """The pack (the dict an output reads) as force or unit ``code`` may see its region: the
    region's figures that rest on a quarter failing the rule withheld, its months and SPC
    dropped, its roll-up statuses kept only where it has MIN_OTHERS other members. Other parts
    are shared with ``pack``, never changed; a force without a region gets ``pack`` itself."""
    region = (pack["geographies"]["forces"].get(code) or {}).get("region")
    if not region or region not in (pack["geographies"].get("regions") or {}):
        return pack
    others = [c for c in region_members(pack, region) if c != code]
    out = {**pack}
    out["indicators"] = {
        name: _indicator(pack, ind, code, region, others)
        for name, ind in pack["indicators"].items()
    }
    if len(others) < MIN_OTHERS and region in (pack.get("areas") or {}).get("region", {}):
        areas = {**pack["areas"], "region": {**pack["areas"]["region"]}}
        areas["region"][region] = {"measures": {}, "objectives": {}}
        out["areas"] = areas
    return out


def region_shown(
    pack: dict[str, Any], indicator: str, force: str, period: str | None = None
) -> bool:
    """Whether a user scoped to ``force`` may see its region's figure of ``indicator`` for
    ``period`` (a quarter; the pack's quarter by default): only where at least
    :data:`MIN_OTHERS` other forces or units of the region have a figure other than 0 then. A
    month is never shown (the region's months are not given to a force); a force or unit in no
    region has no region to see, and nothing of it is withheld."""
    region = (pack["geographies"]["forces"].get(force) or {}).get("region")
    if region is None:
        return True
    if period is not None and "Q" not in period:
        return False
    now = pack["period"]["label"]
    others = [c for c in region_members(pack, region) if c != force]
    return others_recording(pack["indicators"][indicator], others, period or now, now) >= (
        MIN_OTHERS
    )


def current_withheld(pack: dict[str, Any], ind: dict[str, Any], code: str) -> bool:
    """Whether the rule withholds the current quarter of ``ind`` at ``code``'s region (and so
    the region's whole row for it), whether or not the region has an entry."""
    region = (pack["geographies"]["forces"].get(code) or {}).get("region")
    others = [c for c in region_members(pack, region or "") if c != code]
    now = pack["period"]["label"]
    return others_recording(ind, others, now, now) < MIN_OTHERS


def withheld_by_rule(holder: dict[str, Any] | None, key: str) -> bool:
    """Whether this rule withholds ``holder[key]``."""
    return ((holder or {}).get("suppressed") or {}).get(key) == DIFFERENCING
