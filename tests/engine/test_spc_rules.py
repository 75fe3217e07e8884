"""Hand-made series for each rule, the options, and invariants (hypothesis)."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ndp.engine.spc import run_spc
from ndp.errors import NdpError

FLAT = [10.0, 11.0] * 10  # mean 10.5, MRbar 1 -> limits 7.84 / 13.16, 2-sigma 8.7267 / 12.2733


def _types(values: list[float], improvement: str = "increase", **kw: object) -> list[str]:
    return [p.special_cause_type for p in run_spc(values, improvement, **kw).points]  # type: ignore[arg-type]


def test_limits_hand_worked() -> None:
    g = run_spc(FLAT, "increase").groups[0]
    assert g.mean == pytest.approx(10.5)
    assert g.mr_mean == pytest.approx(1.0)
    assert (g.lpl, g.upl) == (pytest.approx(7.84), pytest.approx(13.16))


def test_trend_needs_seven_strict_steps_and_ties_break_it() -> None:
    rising = [5.0, 1, 2, 3, 4, 5, 6, 7, 5]
    assert _types(rising)[1:8] == ["7 Point Trend (Increasing)"] * 7
    assert _types(rising)[0] == _types(rising)[8] == "Common Cause"
    tied = [5.0, 1, 2, 3, 3, 4, 5, 6, 5]
    assert "7 Point Trend (Increasing)" not in _types(tied)


def test_trend_point_type_follows_label_not_side() -> None:
    falling = [1.0, 9, 8, 7, 6, 5, 4, 3, 9, 1]
    types = [p.point_type for p in run_spc(falling, "increase").points]
    assert types[1:8] == ["special_cause_concern"] * 7
    assert [p.point_type for p in run_spc(falling, "decrease").points][1:8] == [
        "special_cause_improvement"
    ] * 7


def test_shift_broken_by_a_point_on_the_mean() -> None:
    # Six above, one exactly on the mean (240 + 10 = 25 * 10), six above, twelve below.
    above = [11.0, 14.0] * 3
    series = [*above, 10.0, *above, *[6.0, 9.0] * 6]
    result = run_spc(series, "increase")
    assert result.groups[0].mean == 10.0
    assert result.points[6].relative_to_mean == 0
    types = _types(series)
    assert types[:13] == ["Common Cause"] * 13
    assert types[13:] == ["7 Points Below CL"] * 12
    assert result.points[13].point_type == "special_cause_concern"
    unbroken = [*above, 11.0, *above, *[6.0, 9.0] * 6]
    assert _types(unbroken)[:13] == ["7 Points Above CL"] * 13


def test_two_in_three_same_side_only() -> None:
    # Limits fixed on FLAT: mean 10.5, 2-sigma upper 12.2733 / lower 8.7267, upl 13.16.
    same = [*FLAT, 12.5, 11.0, 12.5]
    types = _types(same, fix_after=20)
    r = run_spc(same, "increase", fix_after=20)
    assert r.close_to_limits[-3:] == [True, False, True]
    assert types[-3:] == ["2 in 3 Above CL", "Common Cause", "2 in 3 Above CL"]
    opposite = [*FLAT, 12.5, 10.0, 8.5]
    r2 = run_spc(opposite, "increase", fix_after=20)
    assert r2.close_to_limits[-3]
    assert r2.close_to_limits[-1]
    assert [p.special_cause_type for p in r2.points][-3:] == ["Common Cause"] * 3


def test_outside_plus_close_is_not_two_in_three() -> None:
    series = [*FLAT, 12.5, 20.0, 11.0]
    r = run_spc(series, "increase", fix_after=20)
    assert r.outside_limits[-2]
    assert r.close_to_limits[-3]
    assert [p.special_cause_type for p in r.points][-3:] == [
        "Common Cause",
        "Above UCL",
        "Common Cause",
    ]
    assert r.points[-2].point_type == "special_cause_improvement"
    assert r.variation == "common_cause"


def test_rebase_makes_independent_groups() -> None:
    series = [10.0, 11.0] * 6 + [20.0, 21.0] * 6
    r = run_spc(series, "increase", rebase_at=[13])
    assert [(g.start, g.n) for g in r.groups] == [(1, 12), (13, 12)]
    assert [g.mean for g in r.groups] == [10.5, 20.5]
    assert r.short_group_warning  # 12 < 13
    assert set(_types(series, rebase_at=[13])) == {"Common Cause"}
    assert r.to_json()["groups"][1]["start"] == 13


def test_fix_after_uses_first_points_for_limits_and_checks_all() -> None:
    series = [10.0, 11.0] * 6 + [30.0]
    r = run_spc(series, "increase", fix_after=12)
    g = r.groups[0]
    assert g.mean == 10.5
    assert g.mr_mean == pytest.approx(1.0)
    assert r.points[-1].special_cause_type == "Above UCL"
    assert r.variation == "improvement_high"


@pytest.mark.parametrize("bad", [0, 5, 11])
def test_fix_after_below_twelve_is_refused(bad: int) -> None:
    with pytest.raises(NdpError, match="at least 12"):
        run_spc(FLAT, "increase", fix_after=bad)


def test_rebase_out_of_range_is_refused() -> None:
    with pytest.raises(NdpError, match="rebase index 21 is outside the series"):
        run_spc(FLAT, "increase", rebase_at=[21])


def test_missing_values_are_common_cause_and_null() -> None:
    series: list[float | None] = [*FLAT[:5], None, *FLAT[5:]]
    r = run_spc(series, "increase")
    assert r.points[5].value is None
    assert r.points[5].relative_to_mean is None
    assert r.points[5].special_cause_type == "Common Cause"
    assert r.groups[0].mean == pytest.approx(10.5)  # the missing value is left out
    json.dumps(r.to_json(), allow_nan=False)


def test_constant_screened_gives_null_limits() -> None:
    r = run_spc([5.0] * 15, "increase", target=4)
    assert math.isnan(r.groups[0].upl)
    doc = r.to_json()
    assert doc["groups"][0]["lpl"] is None
    assert doc["groups"][0]["upl"] is None
    assert doc["assurance"] == "inconsistent"
    unscreened = run_spc([5.0] * 15, "increase", screen=False, target=4)
    assert unscreened.groups[0].lpl == unscreened.groups[0].upl == 5.0
    assert unscreened.assurance == "consistent_pass"


def test_json_vocabulary() -> None:
    doc = run_spc(FLAT, "neutral", target=3).to_json()
    assert set(doc) == {"groups", "points", "variation", "assurance", "short_group_warning"}
    assert doc["assurance"] is None
    assert doc["variation"] == "common_cause"
    assert set(doc["points"][0]) == {"value", "point_type", "special_cause_type"}


series_st = st.lists(
    st.floats(min_value=-1e3, max_value=1e3, allow_nan=False).map(lambda x: round(x, 3)),
    min_size=2,
    max_size=40,
)


@settings(max_examples=150, deadline=None)
@given(series_st)
def test_limits_symmetric_about_mean(values: list[float]) -> None:
    for g in run_spc(values, "increase").groups:
        if not math.isnan(g.upl):
            assert g.upl - g.mean == pytest.approx(g.mean - g.lpl, abs=1e-9)
            assert g.upl >= g.lpl


@settings(max_examples=150, deadline=None)
@given(series_st, st.sampled_from([2.0, 0.5, 10.0]))
def test_scaling_scales_limits_and_keeps_labels(values: list[float], k: float) -> None:
    a = run_spc(values, "increase", screen=False)
    b = run_spc([v * k for v in values], "increase", screen=False)
    assert b.groups[0].upl == pytest.approx(a.groups[0].upl * k, rel=1e-9, abs=1e-9)
    assert b.groups[0].lpl == pytest.approx(a.groups[0].lpl * k, rel=1e-9, abs=1e-9)


SWAP = {
    "special_cause_improvement": "special_cause_concern",
    "special_cause_concern": "special_cause_improvement",
    "common_cause": "common_cause",
}


@settings(max_examples=150, deadline=None)
@given(series_st)
def test_reversing_direction_swaps_improvement_and_concern(values: list[float]) -> None:
    up = run_spc(values, "increase")
    down = run_spc(values, "decrease")
    assert [p.special_cause_type for p in up.points] == [p.special_cause_type for p in down.points]
    assert [SWAP[p.point_type] for p in up.points] == [p.point_type for p in down.points]


def test_a_turning_point_takes_the_direction_of_the_run_it_ends() -> None:
    """Seven rising to a peak, then seven falling from it: the peak ends the rising run and
    starts the falling one. It was reached by rising, so it is labelled increasing (issue #171
    of NHSRplotthedots, where 0.2.2 took the falling run's direction from the next step)."""
    noise = [0.0, 9, 0, 9, 0, 9]  # wide limits, so no point of the runs is outside them
    runs = [3.0, 3.5, 4, 4.5, 5, 5.5, 6, 5.5, 5, 4.5, 4, 3.5, 3]  # the peak is runs[6]
    labels = _types(noise + runs + noise[1:], screen=False)[6:19]
    assert labels[:7] == ["7 Point Trend (Increasing)"] * 7
    assert labels[7:] == ["7 Point Trend (Decreasing)"] * 6
    trough = _types([-v for v in noise + runs + noise[1:]], screen=False)[6:19]
    assert trough[6] == "7 Point Trend (Decreasing)"
    assert trough[7] == "7 Point Trend (Increasing)"


@given(st.lists(st.sampled_from([-1, 0, 0, 0, 1]), max_size=40))
def test_part_of_run_marks_the_six_points_before_each_run_end(ends: list[int]) -> None:
    """A point is part of a run when a run ends at it or at one of the next six points."""
    from spc_rows import part_of_run

    from ndp.engine.spc.rules import RUN

    expected = [int(any(e != 0 for e in ends[i : i + RUN])) for i in range(len(ends))]
    assert part_of_run(ends) == expected


@given(st.lists(st.sampled_from([1.0, 2.0, 3.0, math.nan]), max_size=30))
def test_trend_is_six_strict_steps_one_way(y: list[float]) -> None:
    from spc_rows import seven_point_trend

    from ndp.engine.spc.rules import RUN

    # a step to or from a missing value (NaN compares false both ways) is no step
    steps = [0] + [(y[k] > y[k - 1]) - (y[k] < y[k - 1]) for k in range(1, len(y))]
    expected = [0] * len(y)
    for i in range(RUN - 1, len(y)):
        window = steps[i - RUN + 2 : i + 1]
        expected[i] = 1 if set(window) == {1} else (-1 if set(window) == {-1} else 0)
    assert seven_point_trend(y) == expected


@given(st.lists(st.sampled_from([-1, 0, 1, 1]), max_size=30))
def test_shift_is_seven_equal_sides_off_the_mean(rtm: list[int]) -> None:
    from spc_rows import seven_point_one_side_mean

    from ndp.engine.spc.rules import RUN

    expected = [
        int(i >= RUN - 1 and rtm[i] != 0 and set(rtm[i - RUN + 1 : i + 1]) == {rtm[i]})
        for i in range(len(rtm))
    ]
    assert seven_point_one_side_mean(rtm) == expected
