"""XmR limits, point labels, icons and assurance: a port of NHSRplotthedots 0.2.2 (docs/spc.md).

Series are short (a few dozen months), so this is plain Python on lists: exactness against the
reference package matters more than speed.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence

from ndp.engine.spc import rules
from ndp.engine.spc.result import NO_LIMITS, Group, Improvement, Point, SpcResult
from ndp.errors import NdpError

LIMIT_FACTOR = 2.66  # the package's constant, not 3/1.128
SCREEN_FACTOR = 3.267  # moving ranges at or above 3.267 * mean MR are dropped (one pass)
MIN_FIX_AFTER = 12
DIRECTIONS: dict[str, int] = {"increase": 1, "neutral": 0, "decrease": -1}

NAN = float("nan")


def run_spc(
    values: Sequence[float | None],
    improvement: Improvement,
    *,
    target: float | None = None,
    fix_after: int | None = None,
    rebase_at: Sequence[int] = (),
    screen: bool = True,
    min_labelled: int = 0,
) -> SpcResult:
    """Chart ``values`` (in time order) as Making Data Count does.

    ``rebase_at`` holds the 1-based index of the first point of each new group; ``fix_after``
    computes each group's limits from its first N points (N >= 12) and applies them to all.
    ``min_labelled``: a group with fewer recorded points is one the caller charts without
    limits, so its points are not tested against the rules: each is :data:`NO_LIMITS`.
    """
    if improvement not in DIRECTIONS:
        raise NdpError(
            f"improvement direction {improvement!r} is not one of increase, decrease, neutral"
        )
    if fix_after is not None and (isinstance(fix_after, bool) or fix_after < MIN_FIX_AFTER):
        raise NdpError(
            f"fix-after {fix_after} is too small: limits need at least {MIN_FIX_AFTER} points"
        )
    y = [NAN if v is None else float(v) for v in values]
    target = None if target is None else float(target)
    starts = _group_starts(len(y), rebase_at)
    groups: list[Group] = []
    points: list[Point] = []
    for gi, (lo, hi) in enumerate(zip(starts, [*starts[1:], len(y)], strict=True)):
        group = _limits(y[lo:hi], lo + 1, fix_after, screen)
        groups.append(group)
        part = y[lo:hi]
        if sum(not math.isnan(v) for v in part) < min_labelled:
            points.extend(_unlabelled(part, gi + 1))
        else:
            points.extend(_label(part, group, gi + 1, improvement))
    charted = points and points[-1].point_type != NO_LIMITS
    variation = _variation_icon(points[-1].point_type, improvement) if charted else None
    last = groups[-1] if groups else None
    return SpcResult(
        improvement=improvement,
        target=target,
        groups=tuple(groups),
        points=tuple(points),
        variation=variation,
        assurance=assurance(last.lpl, last.upl, target, improvement) if last else None,
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


def _group_starts(n: int, rebase_at: Sequence[int]) -> list[int]:
    """0-based starts of each group; index 1 is the first group's start anyway."""
    for index in rebase_at:
        if isinstance(index, bool) or not 1 <= index <= n:
            raise NdpError(
                f"rebase index {index} is outside the series: use 1-based indices 2..{n}"
            )
    return sorted({0, *(i - 1 for i in rebase_at)}) if n else []


def _mean(xs: Sequence[float]) -> float:
    kept = [x for x in xs if not math.isnan(x)]
    return sum(kept) / len(kept) if kept else NAN


def _limits(y: list[float], start: int, fix_after: int | None, screen: bool) -> Group:
    fix_y = y if fix_after is None else y[:fix_after]
    mean = _mean(fix_y)
    mr = [abs(fix_y[i] - fix_y[i - 1]) for i in range(1, len(fix_y))]
    mr_mean = _mean(mr)
    if screen:
        # NaN compares false, so a NaN cut (no MRs) or a zero cut (constant series) drops all.
        mr = [m if m < SCREEN_FACTOR * mr_mean else NAN for m in mr]
        mr_mean = _mean(mr)
    spread = LIMIT_FACTOR * mr_mean
    return Group(start, len(y), mean, mr_mean, mean - spread, mean + spread)


def _label(y: list[float], g: Group, group_no: int, improvement: str) -> list[Point]:
    mean, lpl, upl = g.mean, g.lpl, g.upl
    low, high = g.two_sigma_lower, g.two_sigma_upper  # once per group, not per point
    rtm = [0 if math.isnan(v) else _sign(v - mean) for v in y]
    outside = [v > upl or v < lpl for v in y]
    close = [not o and (v < low or v > high) for v, o in zip(y, outside, strict=True)]
    ends = rules.seven_point_trend(y)
    rising = rules.part_of_run([int(e == 1) for e in ends])
    falling = rules.part_of_run([int(e == -1) for e in ends])
    closes = [int(c) for c in close]
    two3 = rules.part_of_two_in_three(rules.two_in_three(closes, rtm), closes)
    shift = rules.part_of_run(rules.seven_point_one_side_mean(rtm))
    direction = DIRECTIONS[improvement]
    no_mean = math.isnan(mean)
    points = []
    for i, v in enumerate(y):
        if outside[i]:
            label = "Above UCL" if rtm[i] == 1 else "Below LCL"
        elif rising[i] or falling[i]:
            label = (
                "7 Point Trend (Increasing)"
                if _rises(y, i, rising, falling)
                else ("7 Point Trend (Decreasing)")
            )
        elif two3[i]:
            label = "2 in 3 Above CL" if rtm[i] > 0 else "2 in 3 Below CL"
        elif shift[i]:
            label = "7 Points Above CL" if rtm[i] > 0 else "7 Points Below CL"
        else:
            label = "Common Cause"
        missing = math.isnan(v)
        points.append(
            Point(
                value=None if missing else v,
                group=group_no,
                relative_to_mean=None if missing or no_mean else rtm[i],
                close_to_limits=close[i],
                outside_limits=outside[i],
                special_cause_type=label,
                point_type=point_type(label, direction),
            )
        )
    return points


def _unlabelled(y: list[float], group_no: int) -> list[Point]:
    """The points of a group charted without limits: no rule tested, no side of the mean."""
    return [
        Point(None if math.isnan(v) else v, group_no, None, False, False, None, NO_LIMITS)
        for v in y
    ]


def _rises(y: list[float], i: int, rising: list[int], falling: list[int]) -> bool:
    """The direction of the trend point ``i`` belongs to. A turning point belongs to two runs,
    the one it ends and the one it starts: it takes the one it ends, the step that brought it
    there (NHSRplotthedots issue #171; 0.2.2 looked at the step to the next point instead)."""
    if rising[i] and falling[i]:
        return i > 0 and y[i] > y[i - 1]
    return bool(rising[i])


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


def _variation_icon(last_type: str, improvement: str) -> str:
    """The icon reflects only the last point; the direction picks high or low."""
    up = improvement == "increase"
    return {
        "common_cause": "common_cause",
        "special_cause_improvement": "improvement_high" if up else "improvement_low",
        "special_cause_concern": "concern_low" if up else "concern_high",
        "special_cause_neutral_high": "neutral_high",
        "special_cause_neutral_low": "neutral_low",
    }[last_type]


def _sign(x: float) -> int:
    return 1 if x > 0 else (-1 if x < 0 else 0)
