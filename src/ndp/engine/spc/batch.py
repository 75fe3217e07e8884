"""``run_spc`` on many series of the same months at once: the limits and the four rules
computed on arrays of every series (numpy), one step per month, not one Python loop per series
(a pack charts ~900 area series). Each result is exactly :func:`~ndp.engine.spc.xmr.run_spc`'s:
sums add month by month in order as Python's ``sum`` does, so every mean and limit is the same
float, and the rules are comparisons and counts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from ndp.engine.spc.result import (
    NO_LIMITS,
    SHORT_GROUP,
    TWO_SIGMA_FACTOR,
    Group,
    Improvement,
    Point,
    SpcResult,
)
from ndp.engine.spc.rules import RUN
from ndp.engine.spc.xmr import (
    DIRECTIONS,
    LIMIT_FACTOR,
    SCREEN_FACTOR,
    _group_starts,
    _unlabelled,
    _variation_icon,
    point_type,
    run_spc,
)

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]

#: label codes, in the order the rules take precedence
LABELS = (
    "Common Cause",
    "Above UCL",
    "Below LCL",
    "7 Point Trend (Increasing)",
    "7 Point Trend (Decreasing)",
    "2 in 3 Above CL",
    "2 in 3 Below CL",
    "7 Points Above CL",
    "7 Points Below CL",
)


@dataclass(frozen=True)
class _GroupArrays:
    """One group (months ``lo`` to ``hi``) of every series: its limits, and each point's label
    code, side of the mean, closeness and outsideness, as arrays with a row per series."""

    number: int
    lo: int
    hi: int
    part: Floats
    mean: Floats
    mr_mean: Floats
    lpl: Floats
    upl: Floats
    codes: Ints
    rtm: Ints
    close: Bools
    outside: Bools
    recorded: Ints


def _same_months(series: Sequence[Sequence[float | None]], improvement: str) -> bool:
    return bool(series) and improvement in DIRECTIONS and len({len(s) for s in series}) == 1


def _groups(
    series: Sequence[Sequence[float | None]], rebase_at: Sequence[int]
) -> list[_GroupArrays]:
    y = np.array([[np.nan if v is None else float(v) for v in s] for s in series], dtype=np.float64)
    n = y.shape[1]
    starts = _group_starts(n, rebase_at)
    out = []
    for gi, (lo, hi) in enumerate(zip(starts, [*starts[1:], n], strict=True)):
        part = y[:, lo:hi]
        mean, mr_mean = _limits(part)
        spread = LIMIT_FACTOR * mr_mean
        lpl, upl = mean - spread, mean + spread
        labels, rtm, close, outside = _labels(part, mean, mr_mean, lpl, upl)
        recorded = (~np.isnan(part)).sum(axis=1)
        out.append(
            _GroupArrays(
                gi + 1, lo, hi, part, mean, mr_mean, lpl, upl, labels, rtm, close, outside, recorded
            )
        )
    return out


def run_spc_many(
    series: Sequence[Sequence[float | None]],
    improvement: Improvement,
    *,
    rebase_at: Sequence[int] = (),
    min_labelled: int = 0,
) -> list[SpcResult]:
    """``[run_spc(s, improvement, rebase_at=rebase_at, min_labelled=min_labelled) for s in
    series]`` (screened limits, no target, no fixed limits); every series of the same length."""
    if not _same_months(series, improvement):
        return [
            run_spc(s, improvement, rebase_at=rebase_at, min_labelled=min_labelled) for s in series
        ]
    groups: list[list[Group]] = [[] for _ in series]
    points: list[list[Point]] = [[] for _ in series]
    for g in _groups(series, rebase_at):
        for row in range(len(series)):
            groups[row].append(
                Group(
                    g.lo + 1,
                    g.hi - g.lo,
                    float(g.mean[row]),
                    float(g.mr_mean[row]),
                    float(g.lpl[row]),
                    float(g.upl[row]),
                )
            )
            values = g.part[row].tolist()
            if g.recorded[row] < min_labelled:
                points[row].extend(_unlabelled(values, g.number))
            else:
                points[row].extend(
                    _points(
                        values,
                        g.number,
                        g.codes[row],
                        g.rtm[row],
                        g.close[row],
                        g.outside[row],
                        improvement,
                    )
                )
    return [_result(g, p, improvement) for g, p in zip(groups, points, strict=True)]


@dataclass
class Chart:
    """What the pack keeps of one series' SPC (``SpcResult.to_json()`` without the points'
    values): the groups as JSON (limits as floats, NaN as None), each point's type and
    special-cause label, and the variation icon."""

    groups: list[dict[str, Any]]
    point_types: list[str]
    special_causes: list[str | None]
    variation: str | None


def chart_many(
    series: Sequence[Sequence[float | None]],
    improvement: Improvement,
    *,
    rebase_at: Sequence[int] = (),
    min_labelled: int = 0,
) -> list[Chart]:
    """:func:`run_spc_many` as the pack keeps it (:class:`Chart`), with no object per point:
    a pack has ~30,000 points."""
    if not _same_months(series, improvement):
        return [
            _chart(r.to_json())
            for r in run_spc_many(
                series, improvement, rebase_at=rebase_at, min_labelled=min_labelled
            )
        ]
    direction = DIRECTIONS[improvement]
    labelled = [(label, point_type(label, direction)) for label in LABELS]
    out = [Chart([], [], [], None) for _ in series]
    for g in _groups(series, rebase_at):
        size, warning = g.hi - g.lo, g.hi - g.lo < SHORT_GROUP
        limits = zip(g.mean.tolist(), g.lpl.tolist(), g.upl.tolist(), strict=True)
        for row, (chart, (mean, lpl, upl)) in enumerate(zip(out, limits, strict=True)):
            chart.groups.append(
                {
                    "start": g.lo + 1,
                    "n": size,
                    "mean": None if mean != mean else mean,
                    "lpl": None if lpl != lpl else lpl,
                    "upl": None if upl != upl else upl,
                    "short_group_warning": warning,
                }
            )
            if g.recorded[row] < min_labelled:
                chart.point_types.extend([NO_LIMITS] * size)
                chart.special_causes.extend([None] * size)
            else:
                pairs = [labelled[code] for code in g.codes[row].tolist()]
                chart.special_causes.extend(label for label, _ in pairs)
                chart.point_types.extend(kind for _, kind in pairs)
    for chart in out:
        last = chart.point_types[-1] if chart.point_types else NO_LIMITS
        chart.variation = None if last == NO_LIMITS else _variation_icon(last, improvement)
    return out


def _chart(result: dict[str, Any]) -> Chart:
    points = result["points"]
    return Chart(
        result["groups"],
        [p["point_type"] for p in points],
        [p["special_cause_type"] for p in points],
        result["variation"],
    )


def _result(groups: list[Group], points: list[Point], improvement: Improvement) -> SpcResult:
    charted = points and points[-1].point_type != NO_LIMITS
    variation = _variation_icon(points[-1].point_type, improvement) if charted else None
    return SpcResult(improvement, None, tuple(groups), tuple(points), variation, None)


def _mean(x: Floats) -> Floats:
    """Each row's mean of its numbers (NaN skipped), added left to right from 0 as ``sum``
    does: a running sum (``cumsum`` adds in order, unlike ``sum``'s pairwise halves) over the
    row behind a column of zeros, so ``0 + -0.0`` is ``0.0`` as in Python."""
    known = ~np.isnan(x)
    padded = np.zeros((x.shape[0], x.shape[1] + 1))
    padded[:, 1:] = np.where(known, x, 0.0)
    total = np.cumsum(padded, axis=1)[:, -1]
    count = known.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(count > 0, total / np.where(count > 0, count, 1), np.nan)


def _limits(y: Floats) -> tuple[Floats, Floats]:
    """Each row's mean and screened mean moving range (``xmr._limits``)."""
    mean = _mean(y)
    mr = np.abs(np.diff(y, axis=1))
    mr_mean = _mean(mr)
    with np.errstate(invalid="ignore"):
        kept = mr < (SCREEN_FACTOR * mr_mean)[:, None]
    return mean, _mean(np.where(kept, mr, np.nan))


def _labels(
    y: Floats, mean: Floats, mr_mean: Floats, lpl: Floats, upl: Floats
) -> tuple[Ints, Ints, Bools, Bools]:
    """Each point's label code (:data:`LABELS`), side of the mean, closeness and outsideness."""
    with np.errstate(invalid="ignore"):
        side = np.sign(y - mean[:, None])
        rtm = np.where(np.isnan(side), 0, side).astype(np.int64)
        outside = (y > upl[:, None]) | (y < lpl[:, None])
        low = mean - TWO_SIGMA_FACTOR * mr_mean
        high = mean + TWO_SIGMA_FACTOR * mr_mean
        close = ~outside & ((y < low[:, None]) | (y > high[:, None]))
        step = np.sign(np.diff(y, axis=1))
    step = np.where(np.isnan(step), 0, step)
    ends = _trend_ends(step, y.shape[1])
    rising, falling = _part_of_run(ends == 1), _part_of_run(ends == -1)
    two3 = _two_in_three(close, rtm) & close
    shift = _part_of_run(_one_side(rtm))
    with np.errstate(invalid="ignore"):
        up_step = np.zeros_like(outside)
        up_step[:, 1:] = y[:, 1:] > y[:, :-1]
    rises = np.where(rising & falling, up_step, rising)
    above = rtm > 0
    code = np.select(
        [outside, rising | falling, two3, shift],
        [
            np.where(rtm == 1, 1, 2),
            np.where(rises, 3, 4),
            np.where(above, 5, 6),
            np.where(above, 7, 8),
        ],
        default=0,
    )
    return code, rtm, close, outside


def _run_lengths(on: Bools) -> Ints:
    """Each row's count of consecutive True values ending at each column (0 where False)."""
    index = np.arange(on.shape[1])
    last_off = np.maximum.accumulate(np.where(on, -1, index), axis=1)
    return np.where(on, index - last_off, 0)


def _trend_ends(step: Floats, n: int) -> Ints:
    """+1/-1 at the last point of 7 strictly monotone points (``rules.seven_point_trend``)."""
    out = np.zeros((step.shape[0], n), dtype=np.int64)
    rising, falling = _run_lengths(step == 1), _run_lengths(step == -1)
    out[:, 1:] = np.where(rising >= RUN - 1, 1, np.where(falling >= RUN - 1, -1, 0))
    return out


def _part_of_run(ends: Bools) -> Bools:
    """True where a run ends at the point or one of the next six (``rules.part_of_run``)."""
    out = np.zeros_like(ends)
    n = ends.shape[1]
    for offset in range(min(RUN, n)):
        out[:, : n - offset] |= ends[:, offset:]
    return out


def _one_side(rtm: Ints) -> Bools:
    """The last of 7 equal, non-zero sides (``rules.seven_point_one_side_mean``)."""
    index = np.arange(rtm.shape[1])
    starts = np.ones(rtm.shape, dtype=np.bool_)
    starts[:, 1:] = rtm[:, 1:] != rtm[:, :-1]
    start = np.maximum.accumulate(np.where(starts, index, 0), axis=1)
    return (rtm != 0) & (index - start + 1 >= RUN)


def _two_in_three(close: Bools, rtm: Ints) -> Bools:
    """Every point of a 3-window (padded with two zeros each end) with >= 2 close points all
    strictly on one side (``rules.two_in_three``)."""
    rows, n = close.shape
    c = np.zeros((rows, n + 4), dtype=np.int64)
    r = np.zeros((rows, n + 4), dtype=np.int64)
    c[:, 2 : n + 2], r[:, 2 : n + 2] = close, rtm
    count = c[:, :-2] + c[:, 1:-1] + c[:, 2:]
    sides = r[:, :-2] + r[:, 1:-1] + r[:, 2:]
    qualifies = (count >= 2) & (np.abs(sides) == 3)  # by window start, n + 2 of them
    marked = np.zeros((rows, n + 4), dtype=np.bool_)
    for k in range(3):
        marked[:, k : k + n + 2] |= qualifies
    return marked[:, 2 : n + 2]


def _points(
    values: list[float],
    group_no: int,
    codes: Ints,
    rtm: Ints,
    close: Bools,
    outside: Bools,
    improvement: Improvement,
) -> list[Point]:
    direction = DIRECTIONS[improvement]
    out = []
    no_mean = all(v != v for v in values)  # a group without a number has no mean
    for v, code, side, near, out_of in zip(
        values, codes.tolist(), rtm.tolist(), close.tolist(), outside.tolist(), strict=True
    ):
        missing = v != v
        label = LABELS[code]
        out.append(
            Point(
                None if missing else v,
                group_no,
                None if missing or no_mean else side,
                near,
                out_of,
                label,
                point_type(label, direction),
            )
        )
    return out
