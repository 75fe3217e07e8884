"""Status rules fire in the framework's order and name themselves; roll-ups take the mode."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from ndp.engine.framework import load_framework
from ndp.engine.status import apply_rules, rollup

FW = load_framework()
CYBER = load_framework(Path(__file__).parents[1] / "frameworks" / "cyber.yaml")


def _spc(point_type: str) -> dict[str, object]:
    return {"points": [{"point_type": "common_cause"}, {"point_type": point_type}]}


def test_rules_in_order() -> None:
    up = FW.indicators["E1b.disruptions"]
    down = FW.indicators["F1c.outstanding"]
    assert (
        apply_rules(FW, up, 5, Decimal("-50"), _spc("special_cause_improvement"))[0] == "improving"
    )
    assert apply_rules(FW, up, 5, Decimal("50"), _spc("special_cause_concern"))[0] == "declining"
    assert apply_rules(FW, up, 5, Decimal("10"), _spc("common_cause"))[0] == "improving"
    assert apply_rules(FW, up, 5, Decimal("9.999"), _spc("common_cause"))[0] == "stable"
    assert apply_rules(FW, down, 5, Decimal("10"), _spc("common_cause"))[0] == "declining"
    status, words = apply_rules(FW, down, 5, Decimal("-12"), None)
    assert status == "improving"
    assert "10% better" in words


def test_no_data_and_not_measurable() -> None:
    assert apply_rules(FW, FW.indicators["E1b.disruptions"], None, None, None)[0] == "no_data"
    status, words = apply_rules(FW, FW.indicators["F1a.outcome_22"], 3, Decimal(1), None)
    assert status == "not_measurable"
    assert "counting rules" in words


def test_neutral_never_improves_on_change() -> None:
    ind = FW.indicators["F1b.non_judicial_outcomes"]
    assert apply_rules(FW, ind, 5, Decimal("80"), _spc("common_cause"))[0] == "stable"


def test_rollup_mode_ties_to_worse() -> None:
    statuses = {"C1.cyber_disruptions": "improving", "C1.major_cyber_disruptions": "declining"}
    measures, objectives = rollup(CYBER, {k: {"status": v} for k, v in statuses.items()})
    assert measures["C1"]["status"] == "declining"
    assert objectives["Cyber1"]["status"] == "declining"
    measures, _ = rollup(CYBER, {k: {"status": "no_data"} for k in statuses})
    assert measures["C1"]["status"] == "no_data"
