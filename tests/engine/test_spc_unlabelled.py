"""A group too short for limits is not labelled point by point: ``run_spc(min_labelled=N)``
gives its points the type ``no_limits`` without testing a rule, and leaves every other group
as the full method labels it (the pack's SPC blocks are the same either way: docs/spc.md)."""

from __future__ import annotations

from ndp.engine.spc import run_spc
from ndp.engine.spc.result import NO_LIMITS

#: 7 rising points, then a step: a second group of 5 points, 4 of them recorded
VALUES: list[float | None] = [1, 2, 3, 4, 5, 6, 7, 20, None, 21, 22, 23]


def test_a_short_group_is_not_labelled() -> None:
    full = run_spc(VALUES, "increase", rebase_at=[8])
    short = run_spc(VALUES, "increase", rebase_at=[8], min_labelled=5)
    assert [p.point_type for p in short.points[:7]] == [p.point_type for p in full.points[:7]]
    assert NO_LIMITS not in {p.point_type for p in full.points}  # the method labels every one
    assert [(p.point_type, p.special_cause_type) for p in short.points[7:]] == [
        (NO_LIMITS, None)
    ] * 5
    assert [p.value for p in short.points[7:]] == [20, None, 21, 22, 23]
    assert short.variation is None  # the last point is in a group without limits
    assert full.variation == "common_cause"
    assert short.groups == full.groups  # the limits are computed as before


def test_a_group_with_enough_points_is_labelled() -> None:
    full = run_spc(VALUES, "increase", rebase_at=[8])
    assert (
        run_spc(VALUES, "increase", rebase_at=[8], min_labelled=4) == full
    )  # 4 recorded: labelled
