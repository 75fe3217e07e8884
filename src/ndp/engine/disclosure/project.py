"""``suppress(pack, audience)``: the pack as an audience may see it. For the police audience
(and any pack whose framework declares no disclosure control) it is the pack itself, unchanged.
For an audience with a minimum count, each count indicator's grid is protected (primary and
complementary suppression, ``protect.py``) and every figure worked out from a suppressed one is
withheld too (``marks.py``); ranks are taken again among the areas still shown. The operations'
totals, the nation's and each force's, are protected the same way (``operations.py``)."""

from __future__ import annotations

from typing import Any

from ndp.engine.areas import FORCE_KINDS, rank
from ndp.engine.disclosure import marks
from ndp.engine.disclosure.grid import Cell, build_grid
from ndp.engine.disclosure.marks import Held, derived, withhold
from ndp.engine.disclosure.nation import nation_blocks
from ndp.engine.disclosure.operations import suppress_operations
from ndp.engine.disclosure.protect import protect
from ndp.engine.disclosure.rules import min_count


def suppress(pack: dict[str, Any], audience: str) -> dict[str, Any]:
    """The pack (the dict an output reads) with the figures ``audience`` may not see withheld;
    the pack itself when the audience sees every figure."""
    floor = min_count(pack, audience)
    if floor is None:
        return pack
    out = _copy(pack)
    rules = out["disclosure"] = {**out["disclosure"], "audience": audience, "min_count": floor}
    protected: dict[str, dict[Cell, str]] = {}
    for name in rules["counts"]:
        if name in out["indicators"]:
            protected[name] = protect(build_grid(out, out["indicators"][name]), floor)
    helds: dict[str, Held] = {name: _lookup(cells) for name, cells in protected.items()}
    for name, (num, den) in rules["rates"].items():
        helds[name] = _rate(helds.get(num), helds.get(den))
    for name, held in helds.items():
        if name in out["indicators"]:
            _indicator(out, name, held, helds, floor)
    rules["suppressed"] = sum(len(cells) for cells in protected.values())
    rules["suppressed"] += suppress_operations(out, floor)
    # a revised figure's previous value could reveal a count this audience may not see
    # (docs/publishing.md): the revisions of figures under the rules are not listed
    if out.get("revisions"):
        under = set(rules["counts"]) | set(rules["rates"])
        out["revisions"] = [e for e in out["revisions"] if e["indicator"] not in under]
    return out


def _copy(data: Any) -> Any:
    """A copy of the pack's dicts and lists (its numbers and strings are never changed in
    place), several times faster than ``copy.deepcopy``."""
    if isinstance(data, dict):
        return {k: _copy(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_copy(v) for v in data]
    return data


def _lookup(cells: dict[Cell, str]) -> Held:
    return lambda area, period: cells.get((*area, period))


def _rate(num: Held | None, den: Held | None) -> Held:
    def held(area: tuple[str, ...], period: str) -> str | None:
        return derived(*(part(area, period) for part in (num, den) if part is not None))

    return held


def _indicator(
    pack: dict[str, Any], name: str, held: Held, helds: dict[str, Held], floor: int
) -> None:
    ind = pack["indicators"][name]
    now = pack["period"]["label"]
    parts = (pack["disclosure"]["rates"] or {}).get(name)
    nation_blocks(pack, name, held, parts and [helds.get(p) for p in parts], floor)
    by = ind.get("by") or {}
    for geo in ("force", "region"):
        entries = by.get(geo) or {}
        for key, entry in entries.items():
            area = (geo, key)
            withhold(entry, "value", held(area, now))
            marks.flat_comparison(entry, area, held, now)
            if parts:
                for part, field in zip(parts, ("numerator", "denominator"), strict=True):
                    part_held = helds.get(part)
                    withhold(entry, field, part_held(area, now) if part_held else None)
            marks.comparisons(entry.get("comparisons") or {}, area, held, now)
            marks.series_points(entry.get("quarterly") or [], area, held)
            if marks.series_points(entry.get("monthly") or [], area, held):
                withhold(entry, "spc", marks.DERIVED)
        _rerank(entries, ind["direction"])
    rest = by.get("unattributed", {}).get("region")
    if rest is not None:
        withhold(rest, "value", held(("unattributed",), now))
        marks.flat_comparison(rest, ("unattributed",), held, now)
    _per_force(pack, ind, held)


def _rerank(entries: dict[str, Any], direction: str) -> None:
    """Ranks again among the areas whose figure is still shown: a suppressed area has none,
    and no shown area's position or tie depends on a suppressed figure."""
    ranked = {a for a, e in entries.items() if e.get("rank") is not None}
    if not any(entries[a].get("suppressed", {}).get("value") for a in ranked):
        return
    for area in ranked:
        entries[area]["rank"] = None
    rank(entries, ranked, direction)
    for area in ranked:
        if entries[area]["rank"] is None:
            withhold(entries[area], "rank", marks.DERIVED)


def _per_force(pack: dict[str, Any], ind: dict[str, Any], held: Held) -> None:
    """An average per force is withheld where any force it averages is suppressed (with the
    count of forces it would reveal the sum, and so the suppressed figure)."""
    averages = ind.get("per_force")
    if not averages:
        return
    geo = pack["geographies"]
    forces = [c for c, f in geo["forces"].items() if f["kind"] in FORCE_KINDS]
    groups: dict[tuple[str, ...], tuple[dict[str, Any], list[str]]] = {
        ("nation",): (averages["nation"], forces)
    }
    for region, block in (averages.get("region") or {}).items():
        groups[("region", region)] = (
            block,
            [f for f in forces if f in geo["regions"][region]["forces"]],
        )
    now = pack["period"]["label"]
    for block, members in groups.values():

        def any_held(period: str, members: list[str] = members) -> str | None:
            return derived(*(held(("force", f), period) for f in members))

        withhold(block, "value", any_held(now))
        for point in [*(block.get("quarterly") or []), *(block.get("monthly") or [])]:
            withhold(point, "value", any_held(point.get("period") or point["month"]))
    for code, entry in ((ind.get("by") or {}).get("force") or {}).items():
        region = geo["forces"].get(code, {}).get("region")
        block = (averages.get("region") or {}).get(region) or {}
        withhold(entry, "region_average_per_force", (block.get("suppressed") or {}).get("value"))
