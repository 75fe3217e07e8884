"""Withholding an indicator's national figures: the quarter's value (and a rate's parts), the
series, the financial years, the comparisons, the breakdown by category with its shares and
comparisons, SPC, and the data-quality messages that quote the figures."""

from __future__ import annotations

from typing import Any

from ndp.engine.disclosure import marks
from ndp.engine.disclosure.marks import DERIVED, Held, derived, first, withhold
from ndp.periods import Quarter

NATION = ("nation",)


def nation_blocks(
    pack: dict[str, Any], name: str, held: Held, parts: list[Held | None] | None, floor: int
) -> None:
    ind = pack["indicators"][name]
    now = pack["period"]["label"]
    before = Quarter.parse(now).same_quarter_last_year().label
    withhold(ind, "value", held(NATION, now))
    for part, field in zip(parts or [], ("numerator", "denominator"), strict=False):
        withhold(ind, field, part(NATION, now) if part else None)
    series = ind.get("series") or {}
    marks.series_points(series.get("quarterly") or [], NATION, held)
    if marks.series_points(series.get("monthly") or [], NATION, held):
        withhold(ind, "spc", DERIVED)
    for year in series.get("years") or []:
        _year(year, held)
    comparisons = ind.get("comparisons") or {}
    marks.comparisons(comparisons, NATION, held, now)
    if "like_for_like" in comparisons and _any_area_held(pack, ind, held, (now, before)):
        for key in ("value", "change", "pct_change", "current", "total"):
            withhold(comparisons["like_for_like"], key, DERIVED)
    _breakdown(ind, held, now, before)
    _shares(ind, held, now, floor)
    if any(held(NATION, p) for p in (now, before)):
        for flag in pack["data_quality"].get("flags") or []:
            if flag.get("indicator") == name and flag.get("message"):
                flag["message"] = "its figures are suppressed to protect confidentiality"
                flag.setdefault("suppressed", {})["message"] = DERIVED


def _year(year: dict[str, Any], held: Held) -> None:
    """A financial year's quarters, and its total where any quarter is withheld."""
    quarters = year.get("quarters") or {}
    reasons = []
    for number in list(quarters):
        reason = held(NATION, f"{year['year']} {number}")
        reasons.append(reason)
        if reason is not None:
            quarters[number] = None
            year.setdefault("suppressed", {})[f"quarters.{number}"] = reason
    withhold(year, "value", derived(*reasons))


def _any_area_held(
    pack: dict[str, Any], ind: dict[str, Any], held: Held, periods: tuple[str, ...]
) -> bool:
    by = ind.get("by") or {}
    areas: list[tuple[str, ...]] = [
        (g, key) for g in ("force", "region") for key in by.get(g) or {}
    ]
    areas += [NATION, ("unattributed",)]
    return any(held(a, p) for a in areas for p in periods)


def _breakdown(ind: dict[str, Any], held: Held, now: str, before: str) -> None:
    compared = ind.get("breakdown_comparisons") or {}
    for dim, parts in (ind.get("breakdown") or {}).items():
        for cat in list(parts):
            area = ("category", dim, cat)
            reason = held(area, now)
            if reason is not None:
                parts[cat] = None
                ind.setdefault("suppressed", {})[f"breakdown.{dim}.{cat}"] = reason
            for comparison in ((compared.get(dim) or {}).get(cat) or {}).values():
                was = held(area, before)
                withhold(comparison, "value", was)
                for key in ("change", "pct_change"):
                    withhold(comparison, key, derived(was, reason))


def _shares(ind: dict[str, Any], held: Held, now: str, floor: int) -> None:
    """Shares are fractions of a whole: withheld where the part or the whole is (a shown part
    over a shown share gives the whole). The previous year's categories are counts no other
    output shows: a breakdown with a count under ``floor`` is withheld whole, shares too."""
    shares = ind.get("shares")
    if not shares:
        return
    whole = held(NATION, now)
    for dim, parts in (shares.get("breakdown") or {}).items():
        for cat in list(parts):
            reason = derived(whole, held(("category", dim, cat), now))
            if reason is not None:
                parts[cat] = None
                shares.setdefault("suppressed", {})[f"breakdown.{dim}.{cat}"] = reason
    year = shares.get("previous_year") or {}
    quarters = {n: held(NATION, f"{year.get('year')} {n}") for n in year.get("quarters") or {}}
    total = derived(*quarters.values())
    withhold(year, "value", total)
    for number, reason in quarters.items():
        if reason is not None:
            year["quarters"][number] = None
            year.setdefault("suppressed", {})[f"quarters.{number}"] = reason
    if total is not None:
        year["quarter_share"] = dict.fromkeys(year.get("quarter_share") or {})
        year.setdefault("suppressed", {})["quarter_share"] = DERIVED
    for dim, parts in (year.get("breakdown") or {}).items():
        small = any(v is not None and 0 < v < floor for v in parts.values())
        reason = first("count" if small else None, total)
        if reason is None:
            continue
        year["breakdown"][dim] = dict.fromkeys(parts)
        year.setdefault("suppressed", {})[f"breakdown.{dim}"] = reason
        if dim in (year.get("breakdown_share") or {}):
            year["breakdown_share"][dim] = dict.fromkeys(year["breakdown_share"][dim])
            year["suppressed"][f"breakdown_share.{dim}"] = DERIVED
