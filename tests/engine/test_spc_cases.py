"""Every reference case from the NHSRplotthedots port spec, to 1e-9; its helper vectors on the
rules ``run_spc`` uses (``ndp.engine.spc.rules``, one row at a time) and on the oracle's."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
import spc_oracle
import spc_rows

from ndp.engine.spc import run_spc
from ndp.engine.spc.xmr import assurance

CASES_FILE = Path(__file__).resolve().parents[3] / "shared" / "reference" / "spc_cases.json"
if not CASES_FILE.exists():
    CASES_FILE = Path("/work/shared/reference/spc_cases.json")
CASES: list[dict[str, Any]] = json.loads(CASES_FILE.read_text()) if CASES_FILE.exists() else []
SERIES = [c for c in CASES if c["kind"] == "series"]
HELPERS = {c["name"]: c for c in CASES if c["kind"] == "helper"}

pytestmark = pytest.mark.skipif(not CASES, reason="reference SPC cases not available")
#: the rules on arrays that run_spc uses, and the oracle's plain-Python statement of them
RULES = pytest.mark.parametrize("rules", [spc_rows, spc_oracle], ids=["ndp", "oracle"])


def _close(a: float | None, b: float | None) -> bool:
    if b is None:
        return a is None or math.isnan(a)
    return a is not None and abs(a - b) <= 1e-9


@pytest.mark.parametrize("chart", [run_spc, spc_oracle.run_spc], ids=["ndp", "oracle"])
@pytest.mark.parametrize("case", SERIES, ids=[c["name"] for c in SERIES])
def test_series_case(case: dict[str, Any], chart: Any) -> None:
    opts, exp = case["options"], case["expected"]
    result = chart(
        case["values"],
        case["improvement_direction"],
        target=case["target"],
        fix_after=opts["fix_after_n_points"],
        rebase_at=opts["rebase_at_index_1based"] or (),
        screen=opts["screen_outliers"],
    )
    assert len(result.groups) == len(exp["groups"])
    for got, want in zip(result.groups, exp["groups"], strict=True):
        assert got.start == want["start_index_1based"]
        assert got.n == want["n"]
        assert _close(got.mean, want["mean"])
        assert _close(got.lpl, want["lpl"])
        assert _close(got.upl, want["upl"])
        assert _close(got.mr_mean, want["mr_mean_after_screening"])
        assert _close(got.two_sigma_lower, want["two_sigma_lower"])
        assert _close(got.two_sigma_upper, want["two_sigma_upper"])
        assert got.short_group_warning == want["short_group_warning"]
    assert [p.special_cause_type for p in result.points] == exp["special_cause_type"]
    assert [p.point_type for p in result.points] == exp["point_type"]
    assert result.relative_to_mean == exp["relative_to_mean"]
    assert result.close_to_limits == exp["close_to_limits"]
    assert result.outside_limits == exp["outside_limits"]
    assert f"{result.variation}.svg" == exp["variation_icon"]
    assert result.assurance == exp["assurance_type"]
    assert result.short_group_warning == exp["r_warning_emitted"]


@RULES
def test_helper_trend(rules: Any) -> None:
    for case in HELPERS["helper_seven_point_trend"]["cases"]:
        assert rules.seven_point_trend(case["y"]) == case["out"], case


@RULES
def test_helper_part_of_trend(rules: Any) -> None:
    for case in HELPERS["helper_part_of_seven_trend"]["cases"]:
        assert rules.part_of_run(case["v"]) == case["out"], case


@RULES
def test_helper_shift(rules: Any) -> None:
    for case in HELPERS["helper_seven_point_one_side_mean"]["cases"]:
        assert rules.seven_point_one_side_mean(case["rtm"]) == case["out"], case


@RULES
def test_helper_two_in_three(rules: Any) -> None:
    for case in HELPERS["helper_two_in_three"]["cases"]:
        assert rules.two_in_three(case["close"], case["rtm"]) == case["out"], case


@RULES
def test_helper_part_of_two_in_three(rules: Any) -> None:
    for case in HELPERS["helper_part_of_two_in_three"]["cases"]:
        window = rules.two_in_three(case["close"], case["rtm"])
        assert rules.part_of_two_in_three(window, case["close"]) == case["out"], case


def test_helper_assurance() -> None:
    for case in HELPERS["helper_assurance"]["cases"]:
        for direction in ("increase", "decrease", "neutral"):
            got = assurance(case["lpl"], case["upl"], case["target"], direction)
            assert got == case[direction], (case, direction)
