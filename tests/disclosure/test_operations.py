"""F3's operations under disclosure control: with an audience's minimum of 10, no operation total
from 1 to 9 (the nation's or a force's or unit's) and no count of an operation's victims is
shown in the projected pack, none can be worked out from the others (``operations_attack.py``
tries), the attack does work them out when only the small counts are withheld, and the status
reason never prints a withheld figure.

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

from ndp.engine.disclosure import operations, project, victims
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
    # the demo's Dupers 2 had 6 victims of an "other" modus operandi
    assert ("victims", "Dupers 2", "modus_operandi", "other") in small
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
    assert {k: v for k, v in recovered.items() if k[0] == "op"} == {small[0]: 4}


#: five victims over 90 (170 + 10 made 175 + 5), the percentages with them
OVER_90_FIVE = {"age_bands__over_90": 5, "age_bands__60_to_90": 175,
                "age_bands_pct__over_90": Decimal("2.5"), "age_bands_pct__60_to_90": Decimal("87.5")}  # fmt: skip


def _victims(police: dict[str, Any], **changed: Any) -> dict[str, Any]:
    pack = copy.deepcopy(police)
    victims = pack["operations"]["Dupers 2"]["victims"]
    for path, value in changed.items():
        group, _, key = path.partition("__")
        if key:
            victims[group][key] = value
        else:
            victims[group] = value
    return pack


def test_the_attack_recovers_victims_counts_left_unprotected(
    police: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only primary suppression: the 6 victims of an "other" modus operandi are the 200 less
    the 140, 44 and 10 of the others; and a withheld band comes back from its percentage."""

    def primary_only(grid: Grid, min_count: int) -> dict[tuple[str, ...], str]:
        return dict.fromkeys(primary(grid, min_count), PRIMARY)

    truth = read_operations(police)
    other = ("victims", "Dupers 2", "modus_operandi", "other")
    monkeypatch.setattr(operations.protecting, "protect", primary_only)
    shown = read_operations(project.suppress(police, "public"))
    assert shown[other] == C
    recovered = {k: v for k, v in recover_operations(shown).items() if truth.get(k) == v}
    assert recovered[other] == 6
    monkeypatch.undo()
    # over 90s made 5 (and 60 to 90 175): shown, its 2.5% of 200 gives it back
    pack = _victims(police, **OVER_90_FIVE)
    monkeypatch.setattr(victims, "_derived", lambda *args: None)
    shown = read_operations(project.suppress(pack, "public"))
    over_90 = ("victims", "Dupers 2", "age_bands", "over_90")
    assert shown[over_90] == 5  # the attacker read it from the percentage


def test_the_victims_figures_worked_out_from_a_withheld_count_are_withheld(police: Any) -> None:
    """Five victims over 90: the band is withheld, with the under 60s (the smallest beside it
    in the bands) and the 90s (beside it in the decades); their percentages and the oldest
    victim's age go with them; the total loss is money and the victims' count is shown, so the
    losses are shown."""
    pack = _victims(police, **OVER_90_FIVE)
    truth = read_operations(pack)
    public = project.suppress(pack, "public")
    shown = public["operations"]["Dupers 2"]["victims"]
    assert shown["suppressed"] == {
        "age_bands.over_90": "count",
        "age_bands.under_60": "complementary",
        "age_decades.90s": "complementary",
        "modus_operandi.other": "count",
        "modus_operandi.other_impersonation": "complementary",
        "age_bands_pct.under_60": "derived",
        "age_bands_pct.over_90": "derived",
        "age_decades_pct.90s": "derived",
        "oldest": "derived",
    }
    assert [shown["age_bands"][k] for k in ("under_60", "60_to_90", "over_90")] == [None, 175, None]
    assert (shown["count"], shown["with_age"], shown["largest_loss_gbp"]) == (200, 200, 56000)
    assert shown["total_loss_gbp"] == Decimal("290897.90")
    facts = read_operations(public)
    assert recover_operations(facts) == {}
    assert pinned_operations(facts) == {}
    assert truth[("victims", "Dupers 2", "age_bands", "over_90")] == 5


def test_a_small_victims_count_withholds_the_largest_loss(police: Any) -> None:
    """Eight victims (all of them "other", ages unknown): the count is withheld, and with it
    the largest loss, most of a small total; the total loss is shown."""
    small = {"count": 8, "with_age": 0, "oldest": None,
             "age_bands": {"under_60": 0, "60_to_90": 0, "over_90": 0}, "age_decades": {},
             "age_bands_pct": {"under_60": None, "60_to_90": None, "over_90": None},
             "age_decades_pct": {}, "modus_operandi": {"other": 8},
             "total_loss_gbp": Decimal("12000"), "largest_loss_gbp": Decimal("9000")}  # fmt: skip
    pack = _victims(police)
    pack["operations"]["Dupers 2"]["victims"] = small
    shown = project.suppress(pack, "public")["operations"]["Dupers 2"]["victims"]
    assert shown["suppressed"] == {
        "count": "count",
        "modus_operandi.other": "count",
        "largest_loss_gbp": "derived",
    }
    assert (shown["count"], shown["largest_loss_gbp"], shown["total_loss_gbp"]) == (
        None, None, Decimal("12000")
    )  # fmt: skip


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
