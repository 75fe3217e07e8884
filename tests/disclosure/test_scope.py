"""The rule against disclosure by differencing for a force's user: its region's figure only
where three or more other areas of the region have one (ndp.engine.disclosure.differencing,
the one rule the dashboard and the force editions share)."""

from __future__ import annotations

import copy
from typing import Any

from ndp.engine.disclosure.differencing import MIN_OTHERS, region_shown


def _others(pack: dict[str, Any], force: str, period: str) -> list[str]:
    """The other areas of the force's region with a figure for ``period``, from the pack."""
    region = pack["geographies"]["forces"][force]["region"]
    entries = pack["indicators"]["DM.disruptions"]["by"]["force"]
    found = []
    for code in pack["geographies"]["regions"][region]["forces"]:
        entry = entries.get(code) or {}
        points = {p["period"]: p["value"] for p in entry.get("quarterly") or []}
        if code != force and points.get(period) is not None:
            found.append(code)
    return found


def test_a_region_with_one_other_area_is_not_shown(small_pack: dict[str, Any]) -> None:
    # London holds the Met and BTP, and only the Met records here: London minus BTP's own
    # nothing would be the Met's figure
    now = small_pack["period"]["label"]
    assert _others(small_pack, "BTP", now) == ["E23000001"]
    assert region_shown(small_pack, "DM.disruptions", "BTP") is False


def test_a_region_with_two_other_areas_is_not_shown(small_pack: dict[str, Any]) -> None:
    # Eastern: Bedfordshire and Cambridgeshire both record; Eastern minus Kent is the sum of
    # two forces, which the rule's minimum of three withholds (one of them knows its own)
    now = small_pack["period"]["label"]
    assert len(_others(small_pack, "E23000032", now)) == 2 < MIN_OTHERS
    assert region_shown(small_pack, "DM.disruptions", "E23000032") is False


def test_a_region_with_three_other_areas_is_shown(small_pack: dict[str, Any]) -> None:
    # East Midlands: Derbyshire's user sees it where three or more of the others record
    now = small_pack["period"]["label"]
    assert len(_others(small_pack, "E23000018", now)) >= MIN_OTHERS
    assert region_shown(small_pack, "DM.disruptions", "E23000018") is True


def test_a_period_without_the_third_area_is_not_shown(small_pack: dict[str, Any]) -> None:
    # the same quarter last year, had all but two of Derbyshire's others recorded nothing then
    pack = copy.deepcopy(small_pack)
    before = pack["indicators"]["DM.disruptions"]["comparisons"]["same_quarter_last_year"]["period"]
    others = _others(pack, "E23000018", before)
    assert len(others) >= MIN_OTHERS
    assert region_shown(pack, "DM.disruptions", "E23000018", before) is True
    for code in others[2:]:
        for point in pack["indicators"]["DM.disruptions"]["by"]["force"][code]["quarterly"]:
            if point["period"] == before:
                point["value"] = None
    assert len(_others(pack, "E23000018", before)) == 2
    assert region_shown(pack, "DM.disruptions", "E23000018", before) is False
    assert region_shown(pack, "DM.disruptions", "E23000018") is True  # the quarter alone
