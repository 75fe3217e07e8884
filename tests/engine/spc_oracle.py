"""The SPC method as it was written before ``run_spc`` became a batch of one: plain Python on
one series (lists and loops), the four rules as NHSRplotthedots 0.2.2 computes them. Kept here,
and only here, as the oracle the property tests hold ``ndp.engine.spc`` (numpy, many series at
once) to: an independent statement of the same method, exact to the last bit of every limit.
It checks no options (``ndp.engine.spc`` refuses bad ones); its constants are its own, and it
borrows only the lookups from a label to its point type and from the last type to its icon.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from ndp.engine.spc.result import NO_LIMITS, Group, Improvement, Point, SpcResult

# the labels' types and the icon are lookups, not the rules this oracle states independently
from ndp.engine.spc.xmr import point_type, variation_icon

LIMIT_FACTOR = 2.66
SCREEN_FACTOR = 3.267
DIRECTIONS: dict[str, int] = {"increase": 1, "neutral": 0, "decrease": -1}
RUN = 7  # points in a trend or a shift
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
    variation = variation_icon(points[-1].point_type, improvement) if charted else None
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
    return sorted({0, *(i - 1 for i in rebase_at)}) if n else []


def _mean(xs: Sequence[float]) -> float:
    """Added left to right, one at a time: ``sum`` does so on Python 3.11, but from 3.12 it
    compensates its rounding, which would make the oracle differ in the last bit."""
    kept = [x for x in xs if not math.isnan(x)]
    total = 0.0
    for x in kept:
        total += x
    return total / len(kept) if kept else NAN


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
    ends = seven_point_trend(y)
    rising = part_of_run([int(e == 1) for e in ends])
    falling = part_of_run([int(e == -1) for e in ends])
    closes = [int(c) for c in close]
    two3 = part_of_two_in_three(two_in_three(closes, rtm), closes)
    shift = part_of_run(seven_point_one_side_mean(rtm))
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


def _sign(x: float) -> int:
    return 1 if x > 0 else (-1 if x < 0 else 0)


def seven_point_trend(y: Sequence[float]) -> list[int]:
    """+1/-1 at the last point of every 7 strictly monotone points, else 0 (ties break a run)."""
    out = [0] * len(y)
    rising = falling = 0  # consecutive steps up (down) ending at point k
    for k in range(1, len(y)):
        step = _sign(y[k] - y[k - 1])
        rising = rising + 1 if step == 1 else 0
        falling = falling + 1 if step == -1 else 0
        if rising >= RUN - 1:
            out[k] = 1
        elif falling >= RUN - 1:
            out[k] = -1
    return out


def part_of_run(ends: Sequence[int]) -> list[int]:
    """1 where a run (trend or shift) ends at this point or one of the next six."""
    out = [0] * len(ends)
    upcoming = -RUN  # the nearest run end at or after i, scanning backwards
    for i in range(len(ends) - 1, -1, -1):
        if ends[i] != 0:
            upcoming = i
        out[i] = int(0 <= upcoming - i < RUN)
    return out


def seven_point_one_side_mean(rtm: Sequence[int]) -> list[int]:
    """1 at the last of 7 equal, non-zero relative-to-mean values; a point on the mean breaks it."""
    out = [0] * len(rtm)
    run = 0  # equal non-zero values ending at point i
    for i, side in enumerate(rtm):
        run = 0 if side == 0 else (run + 1 if i and rtm[i - 1] == side else 1)
        if run >= RUN:
            out[i] = 1
    return out


def two_in_three(close: Sequence[int], rtm: Sequence[int]) -> list[int]:
    """1 for every point of a 3-window with >= 2 close points all strictly on one side of the mean.

    The package pads both vectors with two zeros at each end, so windows that run past the series
    cannot qualify (their padded side value is 0).
    """
    n = len(close)
    c = [0, 0, *close, 0, 0]
    r = [0, 0, *rtm, 0, 0]
    out = [0] * n
    for start in range(len(c) - 2):
        if sum(c[start : start + 3]) >= 2 and abs(sum(r[start : start + 3])) == 3:
            for k in range(start, start + 3):
                if 2 <= k < n + 2:
                    out[k - 2] = 1
    return out


def part_of_two_in_three(in_window: Sequence[int], close: Sequence[int]) -> list[int]:
    """Only the close points of a qualifying window are labelled, not the third point."""
    return [int(bool(w) and bool(c)) for w, c in zip(in_window, close, strict=True)]
