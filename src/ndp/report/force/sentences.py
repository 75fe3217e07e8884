"""One generated sentence per indicator for a force's edition, in the house style.

"Avon and Somerset Constabulary recorded 23 disruptions in Q1, up 44% (+7) on Q1 23/24; the
South West region recorded 110 and the nation 1,113." Every figure is the pack's own (the
force's, its region's and the nation's entries), written by ``ndp.report.format``; nothing is
summed or divided here. An indicator the force does not record says so plainly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ndp.report import format as fmt
from ndp.report.force.withheld import held, region_clause


@dataclass(frozen=True)
class Place:
    """Where the edition stands: the force, its region (None for PSNI) and the quarter's words."""

    code: str
    name: str
    region: str | None
    region_code: str | None
    q: str
    ly: str


def singular(noun: str, value: Any) -> str:
    """``1 disruption``, ``2 disruptions``: the last plural word loses its ``s`` for one."""
    if value is None or Decimal(str(value)) != 1:
        return noun
    words = noun.split()
    for index in range(len(words) - 1, -1, -1):
        word = words[index]
        if word.endswith("s") and not word.endswith("ss") and len(word) > 2:
            words[index] = word[:-1]
            return " ".join(words)
    return noun


def _lower_first(title: str) -> str:
    """``Value of ...`` -> ``value of ...``; ``NFIB ...`` keeps its capitals."""
    if len(title) > 1 and title[1].islower():
        return title[0].lower() + title[1:]
    return title


def amount(ind: dict[str, Any], value: Any) -> str:
    """A figure with what it counts: ``23 disruptions``, ``value of ... of £120,000``."""
    if ind["unit"] == "gbp":
        return f"{_lower_first(ind['title'])} of {fmt.gbp(value)}"
    return f"{fmt.figure(value, ind['unit'])} {singular(ind['noun'], value)}"


def _short(ind: dict[str, Any], value: Any) -> str:
    """The comparators' figures: the bare figure, since the noun was just said."""
    return fmt.figure(value, ind["unit"])


def against_last_year(entry: dict[str, Any], unit: str, place: Place) -> str:
    """``up 44% (+7) on Q1 23/24``; the pack's change and percentage, never recomputed."""
    last = entry.get("same_quarter_last_year")
    when = f"{place.q} {place.ly}"
    if last is None:  # no record then (say, not yet on the system), which is not 0
        return f"with no records for {when}"
    if entry.get("change") is None or entry.get("pct_change") is None:
        return f"against {fmt.figure(last, unit)} in {when}"
    if Decimal(str(entry["change"])) == 0:
        return f"the same as in {when}"
    return f"{fmt.direction_word(entry)} {fmt.change(entry, unit)} on {when}"


def comparators(ind: dict[str, Any], place: Place) -> str:
    """``the South West region recorded 110 and the nation 1,113``; for a percentage, ``the
    South West region's was 15% and the nation's 16%``."""
    rate = ind["unit"] == "percent"
    nation = _short(ind, ind["value"])
    if place.region is None:
        return f"the nation's was {nation}" if rate else f"the nation recorded {nation}"
    entry = (ind.get("by") or {}).get("region", {}).get(place.region)
    if held(entry, "value"):  # the differencing rule: withheld, never "no records"
        if rate:
            return f"{region_clause(place.region, rate)} and the nation's was {nation}"
        return f"{region_clause(place.region, rate)} and the nation recorded {nation}"
    if entry is None or entry.get("value") is None:  # no records, never "none" or 0
        if rate:
            return f"the {place.region} region has no records and the nation's was {nation}"
        return f"the {place.region} region has no records and the nation recorded {nation}"
    shown = _short(ind, entry["value"])
    if rate:
        return f"the {place.region} region's was {shown} and the nation's {nation}"
    return f"the {place.region} region recorded {shown} and the nation {nation}"


def rate_against_last_year(entry: dict[str, Any], place: Place) -> str:
    """``down 7 percentage points on Q1 23/24 (21%)``: a rate's change is in points (the pack's
    ``change``), never the relative change, which reads as if it were points."""
    last, change = entry.get("same_quarter_last_year"), entry.get("change")
    when = f"{place.q} {place.ly}"
    if last is None or change is None:
        return f"with no rate for {when}"
    points = fmt.whole(abs(Decimal(str(change))))
    if points == 0:
        return f"about the same as in {when} ({fmt.percent(last)})"
    unit = "percentage point" if points == 1 else "percentage points"
    return f"{fmt.direction_word(entry)} {points} {unit} on {when} ({fmt.percent(last)})"


def recording(ind: dict[str, Any], place: Place) -> str:
    """How the force stands on an indicator: ``own`` figure, ``regional`` (recorded by regional
    teams), ``national`` (no breakdown below England and Wales), ``none`` (no records)."""
    by = ind.get("by") or {}
    forces: dict[str, Any] = by.get("force") or {}
    if not forces and not by.get("region"):
        return "national"
    if place.code in forces:
        return "own"
    if not forces or (place.region_code is not None and place.region_code in forces):
        return "regional"
    if all(re.fullmatch(r"[a-z_]+", code) for code in forces):  # regional teams' codes
        return "regional"
    return "none"


def sentence(ind: dict[str, Any], place: Place, *, records_source: bool) -> str:
    """The indicator's sentence for the force. ``records_source``: whether the force has any
    record of the indicator's source this quarter (the pack's coverage)."""
    q = place.q
    note = ""
    if not ind.get("measurable", True) and ind.get("measurable_reason"):
        note = f" It is not yet measurable: {ind['measurable_reason']}."
    if ind["value"] is None:
        return f"{ind['title']}: no records in England and Wales for {q}.{note}"
    how = recording(ind, place)
    if how == "national":
        shown = fmt.figure(ind["value"], ind["unit"])
        return (
            f"{ind['title']}: figures are published for England and Wales only; "
            f"the nation recorded {shown} in {q}.{note}"
        )
    if how == "regional":
        return (
            f"{ind['title']}: recorded by regional teams, not by force; "
            f"{comparators(ind, place)} in {q}.{note}"
        )
    if how == "none":
        lead = (
            f"{place.name} recorded no {ind['noun']} in {q}"
            if records_source
            else f"{place.name} has no {fmt.source_name(ind['source'])} records for {q}"
        )
        return f"{lead}; {comparators(ind, place)}.{note}"
    entry = ind["by"]["force"][place.code]
    if _membership(ind, entry):
        return f"{membership(ind, entry, place)}{note}"
    if ind["unit"] == "percent":
        return (
            f"The {_lower_first(ind['title'])} of {place.name} was {fmt.percent(entry['value'])} "
            f"in {q}, {rate_against_last_year(entry, place)}; {comparators(ind, place)}.{note}"
        )
    change = against_last_year(entry, ind["unit"], place)
    return (
        f"{place.name} recorded {amount(ind, entry['value'])} in {q}, {change}; "
        f"{comparators(ind, place)}.{note}"
    )


def _membership(ind: dict[str, Any], entry: dict[str, Any]) -> bool:
    """A count of units out of a known number (forces on time of the 45 expected): each force's
    own figure is 1 or 0, whether it is one of them."""
    return (
        ind["unit"] == "count"
        and ind.get("denominator") is not None
        and entry.get("value") in (0, 1)
    )


def membership(ind: dict[str, Any], entry: dict[str, Any], place: Place) -> str:
    """``Kent Police was not one of the 44 of 45 forces on time in Q1 (it was in Q1 23/24); the
    South East region had 5.``"""
    counted = f"{fmt.count(ind['value'])} of {fmt.count(ind['denominator'])} {ind['noun']}"
    now = entry["value"] == 1
    text = f"{place.name} was {'one' if now else 'not one'} of the {counted} in {place.q}"
    then = entry.get("same_quarter_last_year")
    if then in (0, 1):
        was = {
            (True, True): "as in",
            (False, False): "nor in",
            (True, False): "it was not in",
            (False, True): "it was in",
        }[(now, then == 1)]
        text += f" ({was} {place.q} {place.ly})"
    region = (ind.get("by") or {}).get("region", {}).get(place.region or "")
    if held(region, "value"):
        text += f"; {region_clause(place.region or '', False)}"
    elif region is not None and region.get("value") is not None:
        text += f"; the {place.region} region had {fmt.count(region['value'])}"
    return text + "."
