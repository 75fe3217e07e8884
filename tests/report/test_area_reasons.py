"""No force's or region's status, nor the reason written for it, cites a comparison the area
does not have: "within 10% of the same quarter last year" needs last year's figure ("no
records" is not zero), "above the benchmark" a benchmark, "on an SPC chart" the chart's months.
Walked over every force and region of the demo pack."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

import pytest

from ndp.engine.framework import load_framework
from ndp.engine.pack_model import Pack
from ndp.report.force.own import area_view, own_measure_status, own_objective_status
from ndp.report.reasons import indicator_reason, same_period

#: what a text says that cites each comparison ("no benchmark missed", "no same quarter last
#: year" and "no figure a year before" deny one, so they do not cite it)
_CITES = {
    "same_quarter_last_year": r"(?<!no )\bthe same quarter last year|\bin {period}\b",
    "benchmark": r"(?<!no )\b(benchmark|target)\b",
    "spc": r"\bSPC chart\b",
}


@pytest.fixture(scope="module")
def pack(demo_pack: Pack) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(demo_pack.to_json(), parse_float=Decimal)
    return loaded


def _missing(entry: dict[str, Any] | None, min_points: int) -> set[str]:
    """The comparisons an area's entry for an indicator does not have."""
    comps = (entry or {}).get("comparisons") or {}
    missing = {c for c in ("same_quarter_last_year", "benchmark") if not _has(comps, c)}
    points = ((entry or {}).get("spc") or {}).get("points") or []
    if sum(1 for p in points if p.get("value") is not None) < min_points:
        missing.add("spc")
    return missing


def _has(comps: dict[str, Any], name: str) -> bool:
    return (comps.get(name) or {}).get("value") is not None


def _cited(text: str, period: str) -> set[str]:
    return {c for c, rx in _CITES.items() if re.search(rx.format(period=re.escape(period)), text)}


def test_the_citation_check_can_fail(pack: dict[str, Any]) -> None:
    period = same_period(pack)
    kent_before = "Money laundering disruptions 22, up 10% from 20 in " + period
    assert _cited(kent_before, period) == {"same_quarter_last_year"}
    stable = (
        "within 10% of the same quarter last year, with no special cause and no benchmark missed"
    )
    assert _cited(stable, period) == {"same_quarter_last_year"}
    new = "no same quarter last year and no benchmark to compare with: a baseline, not a verdict"
    assert _cited(new, period) == set()


def test_no_area_status_or_reason_cites_a_comparison_it_lacks(pack: dict[str, Any]) -> None:
    period = same_period(pack)
    min_points = load_framework().spc.min_points
    wrong: list[str] = []
    walked: dict[str, set[str]] = {"force": set(), "region": set()}
    for geo in ("force", "region"):
        for name, ind in pack["indicators"].items():
            for area, entry in ((ind.get("by") or {}).get(geo) or {}).items():
                walked[geo].add(area)
                bad = _cited(entry["status_rule"], period) & _missing(entry, min_points)
                if bad:
                    wrong.append(f"{geo} {area} {name}: {entry['status_rule']!r} lacks {bad}")
    for code in pack["areas"]["force"]:
        view = area_view(pack, code)
        for name, ind in view["indicators"].items():
            entry = (ind.get("by") or {}).get("force", {}).get(code)
            text = indicator_reason(view, name)
            if bad := _cited(text, period) & _missing(entry, min_points):
                wrong.append(f"force {code} {name}: {text!r} lacks {bad}")
        for ids, say in ((view["measures"], own_measure_status), (view["objectives"], None)):
            for part in ids:
                status = say(view, part) if say else own_objective_status(view, part)
                driver = _driver_entry(view, part, code)
                if bad := _cited(status.reason, period) & _missing(driver, min_points):
                    wrong.append(f"force {code} {part}: {status.reason!r} lacks {bad}")
    assert walked["region"] == set(pack["areas"]["region"])
    assert len(walked["region"]) == 10
    assert walked["force"] <= set(pack["areas"]["force"])
    assert len(walked["force"]) >= 45
    assert wrong == []


def _driver_entry(view: dict[str, Any], part: str, code: str) -> dict[str, Any] | None:
    """The force's entry for the indicator that drove a measure or objective (through its
    driving measure); an operations-driven measure has none, and cites no comparison."""
    rolled = view["measures"].get(part) or view["objectives"].get(part) or {}
    driver = rolled.get("driver")
    if part in view["objectives"] and driver:
        driver = view["measures"][driver].get("driver")
    if not driver or driver not in view["indicators"]:
        return {"comparisons": {"same_quarter_last_year": {"value": 0}, "benchmark": {"value": 0}}}
    entry: dict[str, Any] | None = view["indicators"][driver]["by"]["force"].get(code)
    return entry


def test_kents_disruptions_are_judged_on_the_benchmark_alone(pack: dict[str, Any]) -> None:
    entry = pack["indicators"]["E1b.disruptions"]["by"]["force"]["E23000032"]
    assert entry["same_quarter_last_year"] is None
    assert (entry["status"], entry["status_rule_name"]) == ("improving", "benchmark_met_first_year")
    assert entry["status_rule"] == (
        "the benchmark or target is met (with no figure a year before to compare with)"
    )


def test_a_unit_with_no_figure_a_year_before_and_no_benchmark_is_new(
    pack: dict[str, Any],
) -> None:
    entry = pack["indicators"]["E1b.disruptions"]["by"]["force"]["NWROCU"]
    assert entry["value"] > 0  # it has a figure this quarter (how many is the demo's spread)
    assert entry["same_quarter_last_year"] is None
    assert (entry["status"], entry["status_rule_name"]) == ("new", "no_comparison_yet")


def test_a_rates_move_in_a_reason_is_the_difference_of_the_rates_it_prints(
    pack: dict[str, Any],
) -> None:
    """ "12%, down 13 percentage points from 24%" was the unrounded rates' change (seen on Kent's
    judicial outcome rate in Chromium); every force's reason now moves by the printed rates."""
    said = re.compile(r" (\d+)%, (up|down) (\d+) percentage points? from (\d+)% in ")
    checked = 0
    for code in pack["geographies"]["forces"]:
        view = area_view(pack, code)
        for name, ind in view["indicators"].items():
            if ind["unit"] != "percent":
                continue
            found = said.search(indicator_reason(view, name))
            if found is None:
                continue
            now, word, moved, before = found.groups()
            assert int(moved) == abs(int(now) - int(before)), (code, name, found[0])
            assert word == ("up" if int(now) > int(before) else "down"), (code, name, found[0])
            checked += 1
    assert checked >= 20
