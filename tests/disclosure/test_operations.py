"""F3's operations under disclosure control: with an audience's minimum of 10, no operation total
from 1 to 9 (the nation's or a force's or unit's) is shown in the projected pack, none can be
worked out from the others (``operations_attack.py`` tries), the attack does work them out when
only the small counts are withheld, and the status reason never prints a withheld figure.

The pack is the demo's (its operations have many small per-force totals) with a disclosure
block that names no count indicator: the operations' grids share no relation with the
indicators', so the indicators' suppression (tested on the disclosure test framework) is left
out and the projection stays quick."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from typing import Any

import pytest
from operations_attack import C, pinned_operations, read_operations, recover_operations

from ndp.engine.disclosure import operations, project
from ndp.engine.disclosure.grid import Grid
from ndp.engine.disclosure.protect import PRIMARY, primary
from ndp.report.reasons import operations_reason

RULES = {"audiences": {"public": {"min_count": 10}}, "counts": [], "rates": {}}


@pytest.fixture(scope="module")
def police(demo_pack: Any) -> dict[str, Any]:
    pack: dict[str, Any] = json.loads(demo_pack.to_json(), parse_float=Decimal)
    pack["disclosure"] = RULES
    return pack


@pytest.fixture(scope="module")
def public(police: dict[str, Any]) -> dict[str, Any]:
    return project.suppress(police, "public")


def test_every_small_operation_count_is_suppressed(police: Any, public: Any) -> None:
    truth, shown = read_operations(police), read_operations(public)
    small = [k for k, v in truth.items() if 0 < v < 10]
    assert len(small) >= 20  # the demo's forces each record a few arrests, charges, ...
    assert {k[2] for k in small} >= {"nation"}  # and some operation totals are small too
    assert [k for k in small if shown.get(k) != C] == []
    assert [k for k, v in truth.items() if v == 0 and shown.get(k) != 0] == []  # zeros shown


def test_no_suppressed_operation_figure_can_be_recovered(police: Any, public: Any) -> None:
    truth, shown = read_operations(police), read_operations(public)
    suppressed = [k for k, v in shown.items() if v == C]
    assert len(suppressed) > 20
    recovered = {k: v for k, v in recover_operations(shown).items() if truth.get(k) == v}
    assert recovered == {}
    assert pinned_operations(shown) == {}


def _one_small_force(police: dict[str, Any]) -> dict[str, Any]:
    """The pack with Dupers 1's referrals (41 and 18 of 59) made 55 and 4: one small figure
    beside a large one, the case a total minus the other forces gives away."""
    pack = copy.deepcopy(police)
    prior = pack["operations"]["Dupers 2"]["previous_in_series"]
    a, b = sorted(prior["by_force"].values(), key=lambda f: -f["referrals"])
    assert (a["referrals"], b["referrals"], prior["totals"]["referrals"]) == (41, 18, 59)
    a["referrals"], b["referrals"] = 55, 4
    return pack


def test_the_attack_recovers_operation_counts_left_unprotected(
    police: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only primary suppression (no complement): the attack works out the small count."""

    def primary_only(grid: Grid, min_count: int) -> dict[tuple[str, ...], str]:
        return dict.fromkeys(primary(grid, min_count), PRIMARY)

    pack = _one_small_force(police)
    truth = read_operations(pack)
    public = project.suppress(pack, "public")
    prior = public["operations"]["Dupers 2"]["previous_in_series"]
    marks = [f.get("suppressed") for f in prior["by_force"].values()]
    assert sorted(m["referrals"] for m in marks) == ["complementary", "count"]  # 55 with 4
    protected = read_operations(public)
    assert recover_operations(protected) == {}
    assert pinned_operations(protected) == {}
    monkeypatch.setattr(operations.protecting, "protect", primary_only)
    shown = read_operations(project.suppress(pack, "public"))
    recovered = {k: v for k, v in recover_operations(shown).items() if truth.get(k) == v}
    small = [k for k in truth if k[1:] == ("Dupers 1", k[2], "referrals") and truth[k] == 4]
    assert len(small) == 1
    assert recovered == {small[0]: 4}


def test_the_projection_counts_the_operations_withheld(police: Any, public: Any) -> None:
    shown = read_operations(public)
    assert public["disclosure"]["suppressed"] == sum(v == C for v in shown.values())
    marks = {
        reason
        for op in public["operations"].values()
        for figures in [op["totals"], *op["by_force"].values()]
        for reason in (figures.get("suppressed") or {}).values()
    }
    assert marks == {"count"}  # the demo's small figures protect each other


def test_the_status_reason_never_prints_a_withheld_figure(police: Any, public: Any) -> None:
    # the demo's Dupers 2 made 8 arrests, Dupers 1 before it 2: both fewer than 10
    police_reason = operations_reason(police, police["measures"]["F3"])
    assert police_reason == "Operation Dupers 2: 8 arrests, against 2 in Dupers 1"
    assert operations_reason(public, public["measures"]["F3"]) == (
        "Operation Dupers 2: fewer than 10 arrests, against fewer than 10 in Dupers 1"
    )
    ops = copy.deepcopy(public["operations"])
    ops["Dupers 2"]["previous_in_series"]["totals"]["suppressed"]["arrests"] = "complementary"
    pack = {**public, "operations": ops}
    assert operations_reason(pack, public["measures"]["F3"]) == (
        "Operation Dupers 2: fewer than 10 arrests; Dupers 1's not shown, to protect "
        "confidentiality"
    )
    ops["Dupers 2"]["totals"]["suppressed"]["arrests"] = "complementary"
    assert operations_reason(pack, public["measures"]["F3"]) == (
        "Operation Dupers 2: arrests not shown, to protect confidentiality"
    )
