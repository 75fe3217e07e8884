"""Every force's, unit's and region's figures for an indicator, from the same scans as the
nation's (docs/pack.md, "by").

An area gets every comparison the nation has that applies to it (a fixed national benchmark
does not), its quarterly and monthly series, SPC by the nation's rules, a status by the
framework's rules and its rank among the forces or regions with a figure. As for the nation, a
figure is null where the area holds no record for the indicator; ``records`` says whether the
area recorded the indicator's source at all in the quarter, so the text can tell "none of these
recorded" from "not recording the source" (a force not yet on a system is not a force with
none).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from ndp.engine.cells import Q3, month_key, pct, region_of
from ndp.engine.comparisons import comparisons
from ndp.engine.figures import Figures, by_geo
from ndp.engine.framework import Framework
from ndp.engine.spc_pack import SpcQueue
from ndp.engine.status import apply_rules
from ndp.periods import Month, Quarter
from ndp.reference import reference

#: the kinds of unit ranked and averaged as forces (not regional or national units)
FORCE_KINDS = frozenset({"territorial", "special"})


@dataclass(frozen=True)
class Geography:
    """Which units make up each area, looked up once per pack."""

    force_region: dict[str, str | None]
    ranked_forces: frozenset[str]
    region_forces: dict[str, list[str]]

    @classmethod
    def from_reference(cls) -> Geography:
        ref = reference()
        force_region = {code: region_of(code) for code in ref.forces}
        ranked = frozenset(c for c, f in ref.forces.items() if f.kind in FORCE_KINDS)
        regions: dict[str, list[str]] = {r.name: [] for r in ref.regions.values()}
        for code in sorted(ranked):
            name = force_region[code]
            if name in regions:
                regions[name].append(code)
        return cls(force_region, ranked, regions)


Recorded = dict[str, dict[str, set[int]]]


def recorded_months(records: dict[tuple[int, str | None], int]) -> Recorded:
    """Per geography (``force``, ``region``), per area: the months (yyyymm) it recorded the
    source in."""
    out: Recorded = {"force": {}, "region": {}}
    for (month, unit), n in records.items():
        if not n or unit is None:
            continue
        out["force"].setdefault(unit, set()).add(month)
        region = region_of(unit)
        if region is not None:
            out["region"].setdefault(region, set()).add(month)
    return out


Periods = list[tuple[str, list[Month]]]
#: the labels of the 8 quarters and the 24 months, worked out once per indicator
Labels = tuple[list[str], list[str]]


def periods_of(q: Quarter, months24: list[Month]) -> Periods:
    """The periods an area's figures need, by label: the 8 quarters ending with ``q`` (which
    hold the same quarter last year, the previous quarter and the previous year's), then the
    24 months."""
    return [(h.label, h.months) for h in q.history(8)] + [(m.label, [m]) for m in months24]


class AreaSeries:
    """One indicator's figures per area for each period (quarter or month label) the pack
    needs: one pass over the cells per period, shared by every area."""

    def __init__(
        self,
        fw: Framework,
        name: str,
        cells: dict[str, Figures],
        recorded: Recorded,
        geo: str,
        periods: Periods,
    ) -> None:
        self._stock = fw.indicators[name].kind == "stock"
        self._seen = recorded[geo]
        self._months = dict(periods)
        self._at: dict[str, dict[str, tuple[Any, Any, Any]]] = {}
        self._recording: dict[str, set[str]] = {}
        for label, months in periods:
            self._at[label] = by_geo(fw, name, cells, months, geo)

    def records(self, area: str, period: str) -> bool:
        """Whether the area recorded the source in the period (a stock: by its end)."""
        if period not in self._recording:  # asked of the quarter only: worked out when asked
            keys = {month_key(m) for m in self._months[period]}
            end = max(keys)
            self._recording[period] = {
                area
                for area, found in self._seen.items()
                if (min(found) <= end if self._stock else not keys.isdisjoint(found))
            }
        return area in self._recording[period]

    def value(self, area: str, period: str) -> tuple[Any, Any, Any]:
        """(value, numerator, denominator) of the area in the period."""
        return self._at[period].get(area) or (None, None, None)

    def areas(self, period: str) -> set[str]:
        return set(self._at[period])

    def at(self, period: str) -> dict[str, tuple[Any, Any, Any]]:
        """Every area's (value, numerator, denominator) in the period; an area without a
        record is absent."""
        return self._at[period]


def area_entry(
    fw: Framework,
    name: str,
    series: AreaSeries,
    area: str,
    q: Quarter,
    labels: Labels,
    charted: tuple[list[dict[str, Any]], dict[str, Any] | None],
) -> dict[str, Any]:
    """One area's figures for indicator ``name``, given its monthly series and SPC block."""
    ind = fw.indicators[name]
    value, num, den = series.value(area, q.label)
    comps = comparisons(ind, q, value, lambda x: series.value(area, x.label)[0], fixed=False)
    sq = comps["same_quarter_last_year"]
    quarters = labels[0]
    monthly, spc = charted
    status, rule_name, rule = apply_rules(fw, ind, value, comps, spc)
    flags = ["no_records"] if value is None else []
    if sq["pct_change"] is not None and abs(sq["pct_change"]) >= Decimal(
        str(fw.flags.outlier_change_pct)
    ):
        flags.append("outlier_change")
    entry: dict[str, Any] = {
        "value": value,
        "same_quarter_last_year": sq["value"],
        "change": sq["change"],
        "pct_change": sq["pct_change"],
        "comparisons": comps,
        "quarterly": [{"period": h, "value": series.value(area, h)[0]} for h in quarters],
        "monthly": monthly,
        "spc": spc,
        "status": status,
        "status_rule": rule,
        "status_rule_name": rule_name,
        "flags": flags,
        "records": series.records(area, q.label),
        "rank": None,
    }
    if num is not None or den is not None:
        entry["numerator"], entry["denominator"] = num, den
    return entry


def rank(entries: dict[str, dict[str, Any]], among: set[str], direction: str) -> None:
    """Each area of ``among`` with a value gets ``rank`` {position, of, tied}: 1 is the best in
    the indicator's direction, tied values share the better position (1, 2, 2, 4). An indicator
    without a better direction is not ranked."""
    if direction == "neutral":
        return
    valued = {a: entries[a]["value"] for a in among if entries[a]["value"] is not None}
    ordered = sorted(valued.values(), reverse=direction == "up")
    for area, v in valued.items():
        entries[area]["rank"] = {
            "position": ordered.index(v) + 1,
            "of": len(ordered),
            "tied": ordered.count(v) > 1,
        }


def averages_per_force(
    series: AreaSeries, groups: dict[str, list[str]], q: Quarter, labels: Labels
) -> dict[str, dict[str, Any]]:
    """The average per force of each group of forces (the nation's, each region's) with a
    figure, for the quarter, its quarterly history and its months: a count's or sum's mean
    over those forces, a rate's pooled over their parts. Each period's figures are read once
    for every group."""
    points: dict[str, list[tuple[Decimal | None, int]]] = {g: [] for g in groups}
    for period in [q.label, *labels[0], *labels[1]]:
        get = series.at(period).get
        for group, forces in groups.items():
            vals = [v for f in forces if (v := get(f)) is not None and v[0] is not None]
            points[group].append((_average(vals), len(vals)))
    quarters = len(labels[0])
    out = {}
    for group, found in points.items():
        (value, n), quarterly, monthly = found[0], found[1 : quarters + 1], found[quarters + 1 :]
        out[group] = {
            "value": value,
            "forces": n,
            "quarterly": [
                {"period": p, "value": v, "forces": c}
                for p, (v, c) in zip(labels[0], quarterly, strict=True)
            ],
            "monthly": [
                {"month": m, "value": v, "forces": c}
                for m, (v, c) in zip(labels[1], monthly, strict=True)
            ],
        }
    return out


def _average(vals: list[tuple[Any, Any, Any]]) -> Decimal | None:
    if not vals:
        return None
    # plain loops, added left to right from 0 as ``sum`` adds: the same ints and Decimals
    rate = True
    for v in vals:
        if v[2] is None:
            rate = False
            break
    if rate:  # a rate: pooled over the forces' parts
        den: Any = 0
        num: Any = 0
        for _v, n, d in vals:
            den += d
            num += n or 0
        return None if not den else (Decimal(num) * 100 / den).quantize(Q3, ROUND_HALF_UP)
    total: Any = 0
    for v in vals:
        total += v[0]
    return (Decimal(total) / len(vals)).quantize(Q3, ROUND_HALF_UP)


def by_block(
    fw: Framework,
    name: str,
    cells: dict[str, Figures],
    recorded: Recorded,
    geography: Geography,
    q: Quarter,
    months24: list[Month],
    nation: tuple[Any, Any],
    queue: SpcQueue,
) -> Callable[[], tuple[dict[str, Any], dict[str, Any] | None]]:
    """The indicator's ``by`` (every force and unit, every region, and the part no region
    holds) and its ``per_force`` averages (the nation's and each region's; None for an
    indicator no force can be averaged on). ``nation``: the national (quarter, same quarter
    last year) the build already has.

    The areas' monthly series are handed to ``queue`` to be charted with every other
    indicator's; the callable returned, called once the queue has run, gives the figures."""
    periods = periods_of(q, months24)
    labels = ([p for p, _ in periods[:8]], [p for p, _ in periods[8:]])
    staged = []
    for geo in ("force", "region"):
        series = AreaSeries(fw, name, cells, recorded, geo, periods)
        wanted = set(geography.region_forces) if geo == "region" else set(geography.force_region)
        found = series.areas(q.label) | series.areas(q.same_quarter_last_year().label)
        areas = [a for a in sorted(found) if a in wanted]
        monthly = {
            a: [{"month": m, "value": series.value(a, m)[0]} for m in labels[1]] for a in areas
        }
        staged.append((geo, series, monthly, queue.ask(name, monthly)))

    def finish() -> tuple[dict[str, Any], dict[str, Any] | None]:
        out = {
            geo: {
                a: area_entry(fw, name, series, a, q, labels, (months, charts[a]))
                for a, months in monthly.items()
            }
            for geo, series, monthly, charts in staged
        }
        return out, _rest(fw, name, out, staged[0][1], geography, q, labels, nation)

    return finish


def _rest(
    fw: Framework,
    name: str,
    out: dict[str, Any],
    forces: AreaSeries,
    geography: Geography,
    q: Quarter,
    labels: Labels,
    nation: tuple[Any, Any],
) -> dict[str, Any] | None:
    """Ranks, averages per force (returned) and the unattributed part, added to ``out``."""
    ind = fw.indicators[name]
    rank(out["force"], set(out["force"]) & geography.ranked_forces, ind.direction)
    rank(out["region"], set(out["region"]), ind.direction)
    averages: dict[str, Any] | None = None
    if ind.unit != "percent" or ind.ratio:
        every = sorted(geography.ranked_forces)
        found = averages_per_force(
            forces,
            {"": every} | {f"r{r}": fs for r, fs in geography.region_forces.items()},
            q,
            labels,
        )
        averages = {
            "nation": found[""],
            "region": {r: found[f"r{r}"] for r in geography.region_forces},
        }
        for code, entry in out["force"].items():
            region = geography.force_region.get(code)
            entry["region_average_per_force"] = (
                averages["region"][region]["value"] if region in averages["region"] else None
            )
    unattributed = _unattributed(fw, name, nation, out["region"])
    if unattributed is not None:
        out["unattributed"] = {"region": unattributed}
    return averages


def _unattributed(
    fw: Framework, name: str, nation: tuple[Any, Any], regions: dict[str, Any]
) -> dict[str, Any] | None:
    """The part of an additive figure (a count or money, not a rate) that no region holds:
    records of national units, or of units the reference data places in no region. None when
    the regions add up to the nation in both quarters."""
    ind = fw.indicators[name]
    if ind.ratio or ind.unit == "percent":
        return None

    def rest(whole: Any, key: str) -> Any:
        if whole is None:
            return None
        return whole - sum(r[key] for r in regions.values() if r[key] is not None)

    cur, base = rest(nation[0], "value"), rest(nation[1], "same_quarter_last_year")
    if not cur and not base:
        return None
    change = None if cur is None or base is None else cur - base
    return {
        "value": cur,
        "same_quarter_last_year": base,
        "change": change,
        "pct_change": pct(change, base),
        "quarterly": [],
    }
