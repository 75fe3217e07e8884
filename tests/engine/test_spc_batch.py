"""SPC on many series at once (``ndp.engine.spc.batch``), and ``run_spc`` (a batch of one),
give each series exactly what the plain-Python statement of the method gives it alone
(``spc_oracle``, the per-series code ``run_spc`` was before): the same limits to the last bit,
labels, icons, assurance and points, with every option."""

from __future__ import annotations

import math
from typing import Any

import spc_oracle
from hypothesis import given, settings
from hypothesis import strategies as st

from ndp.engine.spc import run_spc
from ndp.engine.spc.batch import chart_many, run_spc_many

#: small whole numbers repeat, tie and run (trends, shifts, points on the mean); the decimals
#: make sums whose rounding depends on their order
VALUE = st.one_of(
    st.none(),
    st.integers(0, 6).map(float),
    st.floats(-1000, 1000, allow_nan=False).map(lambda x: round(x, 1)),
)


def _same(a: Any, b: Any) -> bool:
    """Equal, NaN equal to NaN (a group without numbers has NaN limits either way)."""
    if isinstance(a, float) and isinstance(b, float):
        return (math.isnan(a) and math.isnan(b)) or (a == b and str(a) == str(b))
    return bool(a == b)


def _assert_alike(got: Any, alone: Any, row: Any) -> None:
    assert (got.variation, got.assurance, got.improvement, got.target) == (
        alone.variation,
        alone.assurance,
        alone.improvement,
        alone.target,
    )
    assert got.points == alone.points
    assert len(got.groups) == len(alone.groups)
    for g, h in zip(got.groups, alone.groups, strict=True):
        for field in ("start", "n", "mean", "mr_mean", "lpl", "upl"):
            assert _same(getattr(g, field), getattr(h, field)), (field, row)


@settings(max_examples=300, deadline=None)
@given(
    st.integers(1, 30).flatmap(
        lambda n: st.tuples(
            st.lists(st.lists(VALUE, min_size=n, max_size=n), min_size=1, max_size=6),
            st.lists(st.integers(2, n), max_size=2) if n > 1 else st.just([]),
            st.none() | st.integers(12, 30),
        )
    ),
    st.sampled_from(["increase", "decrease", "neutral"]),
    st.integers(0, 15),
    st.none() | st.integers(-3, 8).map(float),
    st.booleans(),
)
def test_each_series_is_charted_as_alone(
    series: Any, improvement: Any, min_labelled: int, target: float | None, screen: bool
) -> None:
    rows, rebase, fix_after = series
    options: dict[str, Any] = {"rebase_at": rebase, "min_labelled": min_labelled,
                               "target": target, "fix_after": fix_after, "screen": screen}  # fmt: skip
    batched = run_spc_many(rows, improvement, **options)
    for row, got in zip(rows, batched, strict=True):
        alone = spc_oracle.run_spc(row, improvement, **options)
        _assert_alike(got, alone, row)
        _assert_alike(run_spc(row, improvement, **options), alone, row)
    # the pack's compact charts take the defaults (screened, no target, no fixed limits)
    charts = chart_many(rows, improvement, rebase_at=rebase, min_labelled=min_labelled)
    for row, chart in zip(rows, charts, strict=True):
        alone = spc_oracle.run_spc(row, improvement, rebase_at=rebase, min_labelled=min_labelled)
        _same_chart(chart, alone.to_json())


@settings(max_examples=50, deadline=None)
@given(st.lists(st.lists(VALUE, min_size=1, max_size=20), min_size=1, max_size=6))
def test_series_of_different_lengths_are_charted_in_their_order(rows: Any) -> None:
    for row, got in zip(rows, run_spc_many(rows, "increase"), strict=True):
        _assert_alike(got, spc_oracle.run_spc(row, "increase"), row)


def _same_chart(chart: Any, json: dict[str, Any]) -> None:
    """``chart_many``'s compact chart holds what ``to_json`` gives, floats to the last bit."""
    assert chart.variation == json["variation"]
    assert chart.point_types == [p["point_type"] for p in json["points"]]
    assert chart.special_causes == [p["special_cause_type"] for p in json["points"]]
    assert [list(g) for g in chart.groups] == [list(g) for g in json["groups"]]
    for g, h in zip(chart.groups, json["groups"], strict=True):
        assert [repr(v) for v in g.values()] == [repr(v) for v in h.values()]


def test_a_known_series_is_labelled_as_the_method_does() -> None:
    rising = [1.0, 2, 3, 4, 5, 6, 7, 8, 3, 3, 3, 3]
    flat = [5.0] * 12
    got = run_spc_many([rising, flat, [None] * 12], "increase", min_labelled=3)
    # the five large moving ranges screened out: mean 4, limits 4 -+ 2.66 * 0.7
    assert (got[0].groups[0].mean, got[0].groups[0].lpl, got[0].groups[0].upl) == (
        4.0,
        4.0 - 2.66 * 0.7,
        4.0 + 2.66 * 0.7,
    )
    assert [p.special_cause_type for p in got[0].points[:9]] == [
        *["Below LCL"] * 2,
        *["7 Point Trend (Increasing)"] * 3,
        *["Above UCL"] * 3,
        "Common Cause",
    ]
    assert got[0].variation == "common_cause"
    assert {p.point_type for p in got[1].points} == {"common_cause"}
    assert [p.point_type for p in got[2].points] == ["no_limits"] * 12
    alone = [spc_oracle.run_spc(s, "increase", min_labelled=3) for s in (rising, flat, [None] * 12)]
    assert [r.to_json() for r in got] == [r.to_json() for r in alone]  # NaN limits as null
    charts = chart_many([rising, flat, [None] * 12], "increase", min_labelled=3)
    assert charts[0].special_causes[:9] == [p.special_cause_type for p in got[0].points[:9]]
    assert charts[2].point_types == ["no_limits"] * 12
    assert (charts[0].variation, charts[2].variation) == ("common_cause", None)
    assert charts[2].groups[0]["mean"] is None
