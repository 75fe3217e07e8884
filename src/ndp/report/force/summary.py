"""A force edition's first page: the force's own status on each objective (the pack's area
roll-ups, never the nation's), its headline figure for each success measure it records against
its region's and the nation's average per force with its rank, and where it moves apart from
the nation. Every figure is the pack's, written by ``ndp.report.format``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ndp.report import format as fmt
from ndp.report.context import Status
from ndp.report.force.select import Edition
from ndp.report.force.sentences import amount, comparators, recording
from ndp.report.force.withheld import WITHHELD, held

#: the force's status on an objective none of whose measures has a figure below England and
#: Wales: the national report gives its status, and "No data" would say nothing was recorded
NATIONAL_ONLY = Status("national_only", "◇", "England and Wales only")
#: divergence sentences on the summary page; the rest stand under their indicators
SUMMARY_DIVERGENCES = 3


@dataclass(frozen=True)
class ObjectiveLine:
    id: str
    title: str
    statement: str
    status: Status


@dataclass(frozen=True)
class HeadlineRow:
    """One success measure's headline figure for the force against the averages per force."""

    measure: str
    indicator: str
    value: str
    change: str
    region_average: str
    nation_average: str
    rank: str


def force_level(pack: dict[str, Any], measure_id: str, edition: Edition) -> bool:
    """Whether any indicator of the measure has figures by force (the force's own, or other
    forces' while it has none): a measure without is reported for England and Wales only.
    A measure judged on operations is the force's when it took part in one."""
    measure = pack["measures"][measure_id]
    if measure.get("status_from") == "operations":
        return any(edition.code in (op.get("by_force") or {}) for op in pack["operations"].values())
    return any(
        pack["indicators"][n]["value"] is not None
        and recording(pack["indicators"][n], edition.place) in ("own", "none")
        for n in pack["measures"][measure_id]["indicators"]
    )


def headline_indicator(pack: dict[str, Any], measure_id: str, edition: Edition) -> str | None:
    """The indicator the measure's summary row shows: the one its success measure names, else
    its first measurable one with figures by force."""
    measure = pack["measures"][measure_id]
    names = [measure["headline"]] if measure.get("headline") else []
    names += measure["indicators"]
    for name in names:
        ind = pack["indicators"][name]
        usable = ind.get("measurable", True) and ind["value"] is not None
        if usable and recording(ind, edition.place) in ("own", "none"):
            return str(name)
    return None


def _change(entry: dict[str, Any], unit: str, when: str) -> str:
    """``+29% (+28)``; a rate ``-7 pts``; ``no records in Q1 23/24`` (not recording is not 0)."""
    if entry.get("same_quarter_last_year") is None:
        return f"no records in {when}"
    if unit == "percent":  # as the indicator's table and sentence: the pack's change
        return fmt.moved(entry["change"], unit, entry["value"], entry["same_quarter_last_year"])
    if entry.get("change") is None:
        return "–"
    if entry.get("pct_change") is None:
        return fmt.signed(entry["change"], unit)
    pct = Decimal(str(entry["pct_change"]))
    return f"{'-' if pct < 0 else '+'}{fmt.change(entry, unit)}"


def _rank(entry: dict[str, Any]) -> str:
    """``12 of 43``; ``=12 of 43`` where the force shares the position."""
    rank = entry.get("rank")
    if not rank:
        return "–"
    return f"{'=' if rank.get('tied') else ''}{rank['position']} of {rank['of']}"


def _average(per_force: dict[str, Any] | None, unit: str) -> str:
    if held(per_force, "value"):  # the differencing rule (a region's, shown to a force)
        return WITHHELD
    if not per_force or per_force.get("value") is None:
        return "–"
    return fmt.average(per_force["value"], unit)


def headline_row(pack: dict[str, Any], measure_id: str, name: str, edition: Edition) -> HeadlineRow:
    ind = pack["indicators"][name]
    unit, by, per_force = ind["unit"], ind.get("by") or {}, ind.get("per_force") or {}
    entry = (by.get("force") or {}).get(edition.code)
    region = (per_force.get("region") or {}).get(edition.region or "")
    nation = per_force.get("nation")
    when = f"{edition.place.q} {edition.place.ly}"
    if entry is None or entry.get("value") is None:
        value, change, rank = "no records", "–", "–"
    else:
        value, change = fmt.figure(entry["value"], unit), _change(entry, unit, when)
        rank = _rank(entry)
    return HeadlineRow(
        measure_id, ind["title"], value, change,
        _average(region, unit) if edition.region else "–", _average(nation, unit), rank,
    )  # fmt: skip


def headline_rows(pack: dict[str, Any], edition: Edition) -> list[HeadlineRow]:
    """One row per success measure with figures by force, in the framework's order."""
    rows = []
    for measure_id in pack["measures"]:
        name = headline_indicator(pack, measure_id, edition)
        if name is not None:
            rows.append(headline_row(pack, measure_id, name, edition))
    return rows


def national_line(pack: dict[str, Any], measure_id: str, edition: Edition) -> str:
    """A measure without figures by force in one line: ``reported for England and Wales only:
    109 referrals in Q1``; ``no records in England and Wales for Q1``; for a figure regional
    teams record, the region's and the nation's."""
    q = edition.place.q
    for name in pack["measures"][measure_id]["indicators"]:
        ind = pack["indicators"][name]
        if ind["value"] is None:
            continue
        if not ind.get("measurable", True):
            return f"{ind['title']} is not yet measurable"
        if recording(ind, edition.place) == "regional":
            shown = comparators(ind, edition.place)
            return f"recorded by regional teams, not by force: {shown} in {q}"
        return f"reported for England and Wales only: {amount(ind, ind['value'])} in {q}"
    return f"no records in England and Wales for {q}"
