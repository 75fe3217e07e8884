"""Status rules fire in the framework's order, only on comparisons that exist; roll-ups take the
most common verdict, name the part that drove it and say when a tie decided it."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from ndp.engine.framework import load_framework
from ndp.engine.status import apply_rules, operations_status, rollup

FW = load_framework()
CYBER = load_framework(Path(__file__).parents[1] / "frameworks" / "cyber.yaml")


def _spc(point_type: str, months: int = 24) -> dict[str, Any]:
    points = [{"value": 1, "point_type": "common_cause"} for _ in range(months - 1)]
    return {"points": [*points, {"value": 1, "point_type": point_type}]}


def _same(pct: str | None, value: int | None = 100, change: int | None = 1) -> dict[str, Any]:
    return {
        "same_quarter_last_year": {
            "value": value,
            "change": change,
            "pct_change": None if pct is None else Decimal(pct),
        }
    }


def test_rules_in_order() -> None:
    up = FW.indicators["E1b.disruptions"]
    down = FW.indicators["F1c.outstanding"]
    improving = _spc("special_cause_improvement")
    assert apply_rules(FW, up, 5, _same("-50"), improving)[0] == "improving"
    assert apply_rules(FW, up, 5, _same("50"), _spc("special_cause_concern"))[0] == "declining"
    assert apply_rules(FW, up, 5, _same("10"), _spc("common_cause"))[0] == "improving"
    assert apply_rules(FW, up, 5, _same("9.999"), _spc("common_cause"))[0] == "stable"
    assert apply_rules(FW, down, 5, _same("10"), _spc("common_cause"))[0] == "declining"
    status, name, words = apply_rules(FW, down, 5, _same("-12"), None)
    assert (status, name) == ("improving", "better_than_last_year")
    assert "10% better" in words


def test_a_short_spc_chart_gives_no_verdict() -> None:
    up = FW.indicators["F4.referrals"]
    short = _spc("special_cause_improvement", months=3)
    assert apply_rules(FW, up, 5, _same(None, value=None, change=None), short)[:2] == (
        "new",
        "no_comparison_yet",
    )
    assert apply_rules(FW, up, 5, _same("0"), short)[0] == "stable"


def test_no_comparator_is_new_never_stable() -> None:
    ind = FW.indicators["E3.crypto_training_attendees"]
    status, name, words = apply_rules(FW, ind, 13, _same(None, value=None, change=None), None)
    assert (status, name) == ("new", "no_comparison_yet")
    assert "baseline" in words


def test_a_change_from_zero_is_beyond_any_margin() -> None:
    ind = FW.indicators["E1b.disruptions"]
    assert apply_rules(FW, ind, 5, _same(None, value=0, change=5), None)[0] == "improving"


def test_benchmark_missed_counts_even_with_nothing_recorded() -> None:
    ind = FW.indicators["E3.crypto_value_gbp"]
    missed = {**_same(None, value=None, change=None), "benchmark": {"value": 19659, "met": False}}
    assert apply_rules(FW, ind, None, missed, None)[:2] == ("declining", "benchmark_missed")
    met = {**_same("5"), "benchmark": {"value": 19659, "met": True}}
    assert apply_rules(FW, ind, 20000, met, None)[:2] == ("improving", "benchmark_met")
    assert apply_rules(FW, ind, None, _same(None, value=None, change=None), None)[0] == "no_data"


def test_not_measurable() -> None:
    status, _, words = apply_rules(FW, FW.indicators["F1a.outcome_22"], 3, _same("1"), None)
    assert status == "not_measurable"
    assert "counting rules" in words


def test_neutral_never_improves_on_change() -> None:
    ind = FW.indicators["F1b.non_judicial_outcomes"]
    assert apply_rules(FW, ind, 5, _same("80"), _spc("common_cause"))[0] == "stable"


def test_rollup_mode_ties_to_worse_and_says_so() -> None:
    statuses = {"C1.cyber_disruptions": "improving", "C1.major_cyber_disruptions": "declining"}
    measures, objectives = rollup(CYBER, {k: {"status": v} for k, v in statuses.items()}, {})
    assert measures["C1"]["status"] == "declining"
    assert measures["C1"]["driver"] == "C1.major_cyber_disruptions"
    assert measures["C1"]["tie"] == ["declining", "improving"]
    assert "tie" in measures["C1"]["status_rule"]
    assert objectives["Cyber1"]["status"] == "declining"
    assert objectives["Cyber1"]["tie"] is None
    measures, _ = rollup(CYBER, {k: {"status": "no_data"} for k in statuses}, {})
    assert measures["C1"]["status"] == "no_data"


def test_rollup_new_parts_have_no_vote() -> None:
    statuses = {"C1.cyber_disruptions": "new", "C1.major_cyber_disruptions": "improving"}
    measures, _ = rollup(CYBER, {k: {"status": v} for k, v in statuses.items()}, {})
    assert measures["C1"]["status"] == "improving"
    assert measures["C1"]["tie"] is None
    all_new = {k: {"status": "new"} for k in statuses}
    assert rollup(CYBER, all_new, {})[0]["C1"]["status"] == "new"


def _op(arrests: int, previous: int | None) -> dict[str, Any]:
    prior = None if previous is None else {"totals": {"arrests": previous}}
    return {"totals": {"arrests": arrests}, "previous_in_series": prior}


def test_operations_status() -> None:
    assert operations_status(FW, {})["status"] == "no_data"
    up = operations_status(FW, {"Dupers 2": _op(8, 2)})
    assert (up["status"], up["driver"]) == ("improving", "Dupers 2")
    assert operations_status(FW, {"Op": _op(2, 8)})["status"] == "stable"
    assert operations_status(FW, {"Op": _op(2, None)})["status"] == "stable"
    assert operations_status(FW, {"Op": {"totals": {}}})["status"] == "declining"
