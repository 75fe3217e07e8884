"""The forces' outcome returns for a quarter, and the late_returns flag."""

from __future__ import annotations

from datetime import date
from typing import Any

from ndp.engine.returns import late_returns_flags, return_compliance
from ndp.periods import Quarter
from ndp.reference import reference


def test_demo_quarter_every_force_returned_on_time(demo_pack: Any) -> None:
    returns = demo_pack.data_quality.returns
    assert returns == {"expected": 45, "on_time": 45, "late": [], "missing": []}
    assert not [f for f in demo_pack.data_quality.flags if f["flag"] == "late_returns"]


def test_late_and_missing_returns_are_counted_and_flagged(tiny_store: Any) -> None:
    store, insert = tiny_store
    codes = [f.code for f in reference().dissemination_forces()]
    due = date(2024, 7, 31)
    rows = [
        {"force": c, "quarter": "2024-25 Q1", "due_on": due, "returned_on": date(2024, 7, 20)}
        for c in codes[:42]
    ]
    rows.append(
        {
            "force": codes[42],
            "quarter": "2024-25 Q1",
            "due_on": due,
            "returned_on": date(2024, 8, 2),
        }
    )
    rows.append({"force": codes[43], "quarter": "2024-25 Q1", "due_on": due, "returned_on": None})
    insert("force_returns", rows)
    returns = return_compliance(store, Quarter(2024, 1))
    assert returns == {
        "expected": 45,
        "on_time": 42,
        "late": [codes[42]],
        "missing": sorted([codes[43], codes[44]]),
    }
    (flag,) = late_returns_flags(returns)
    assert flag["flag"] == "late_returns"
    assert flag["message"].startswith(
        "3 of 45 forces did not return outcome information on time (late: "
    )


def test_a_quarter_without_returns_is_no_records_not_all_missing(tiny_store: Any) -> None:
    store, _insert = tiny_store
    assert return_compliance(store, Quarter(2024, 1)) == {}
    assert late_returns_flags({}) == []
