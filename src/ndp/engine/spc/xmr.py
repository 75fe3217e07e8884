"""The XmR method's constants and what a point's label makes of it (a port of NHSRplotthedots
0.2.2, docs/spc.md): the options checked, groups from rebase indices, point types, the
variation icon and assurance. The limits and rules are computed in ``ndp.engine.spc.batch``,
on many series at once; ``run_spc`` charts one series as a batch of one.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence

from ndp.engine.spc.result import NO_LIMITS, Point
from ndp.errors import NdpError

LIMIT_FACTOR = 2.66  # the package's constant, not 3/1.128
SCREEN_FACTOR = 3.267  # moving ranges at or above 3.267 * mean MR are dropped (one pass)
MIN_FIX_AFTER = 12
DIRECTIONS: dict[str, int] = {"increase": 1, "neutral": 0, "decrease": -1}


def check_options(improvement: str, fix_after: int | None) -> None:
    """Refuse an improvement direction or a ``fix_after`` the method does not have."""
    if improvement not in DIRECTIONS:
        raise NdpError(
            f"improvement direction {improvement!r} is not one of increase, decrease, neutral"
        )
    if fix_after is not None and (isinstance(fix_after, bool) or fix_after < MIN_FIX_AFTER):
        raise NdpError(
            f"fix-after {fix_after} is too small: limits need at least {MIN_FIX_AFTER} points"
        )


def assurance(lpl: float, upl: float, target: float | None, improvement: str) -> str | None:
    """Whether the process will meet the target: None without a target or for neutral."""
    if target is None or improvement == "neutral" or math.isnan(target):
        return None
    up = improvement == "increase"
    if target > upl:
        return "consistent_fail" if up else "consistent_pass"
    if target < lpl:
        return "consistent_pass" if up else "consistent_fail"
    return "inconsistent"


def group_starts(n: int, rebase_at: Sequence[int]) -> list[int]:
    """0-based starts of each group; index 1 is the first group's start anyway."""
    for index in rebase_at:
        if isinstance(index, bool) or not 1 <= index <= n:
            raise NdpError(
                f"rebase index {index} is outside the series: use 1-based indices 2..{n}"
            )
    return sorted({0, *(i - 1 for i in rebase_at)}) if n else []


def unlabelled(y: list[float], group_no: int) -> list[Point]:
    """The points of a group charted without limits: no rule tested, no side of the mean."""
    return [
        Point(None if math.isnan(v) else v, group_no, None, False, False, None, NO_LIMITS)
        for v in y
    ]


@functools.cache
def point_type(label: str, direction: int) -> str:
    """The type follows the label's direction word, not the point's side of the mean."""
    v = 1 if ("Above" in label or "Increasing" in label) else 0
    v = -1 if ("Below" in label or "Decreasing" in label) else v
    if direction == 0:
        return {1: "special_cause_neutral_high", -1: "special_cause_neutral_low"}.get(
            v, "common_cause"
        )
    v *= direction
    return {1: "special_cause_improvement", -1: "special_cause_concern"}.get(v, "common_cause")


def variation_icon(last_type: str, improvement: str) -> str:
    """The icon reflects only the last point; the direction picks high or low."""
    up = improvement == "increase"
    return {
        "common_cause": "common_cause",
        "special_cause_improvement": "improvement_high" if up else "improvement_low",
        "special_cause_concern": "concern_low" if up else "concern_high",
        "special_cause_neutral_high": "neutral_high",
        "special_cause_neutral_low": "neutral_low",
    }[last_type]
