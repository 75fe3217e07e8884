"""The XmR chart of many series of the same months at once, and of one (``run_spc``, a batch
of one): the limits and the four rules (``ndp.engine.spc.rules``) computed on arrays of every
series (numpy), one step per month, not one Python loop per series (a pack charts ~900 area
series). Sums add month by month in order, so every mean and limit is the same float whichever
series share the batch; the rules are comparisons and counts. The property test holds it to a
plain-Python statement of the method, one series at a time (tests/engine/spc_oracle.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ndp.engine.spc import rules
from ndp.engine.spc.result import (
    NO_LIMITS,
    SHORT_GROUP,
    TWO_SIGMA_FACTOR,
    Group,
    Improvement,
    Point,
    SpcResult,
)
from ndp.engine.spc.rules import Bools, Floats, Ints
from ndp.engine.spc.xmr import (
    DIRECTIONS,
    LIMIT_FACTOR,
    SCREEN_FACTOR,
    assurance,
    check_options,
    group_starts,
    point_type,
    unlabelled,
    variation_icon,
)

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
    (result,) = run_spc_many(
        [values],
        improvement,
        target=target,
        fix_after=fix_after,
        rebase_at=rebase_at,
        screen=screen,
        min_labelled=min_labelled,
    )
    return result


def run_spc_many(
    series: Sequence[Sequence[float | None]],
    improvement: Improvement,
    *,
    target: float | None = None,
    fix_after: int | None = None,
    rebase_at: Sequence[int] = (),
    screen: bool = True,
    min_labelled: int = 0,
) -> list[SpcResult]:
    """:func:`run_spc` of each series, with the same options; the series of each length are
    charted together."""
    check_options(improvement, fix_after)
    rows = [[np.nan if v is None else float(v) for v in s] for s in series]
    goal = None if target is None else float(target)
    lengths: dict[int, list[int]] = {}
    for index, row in enumerate(rows):
        lengths.setdefault(len(row), []).append(index)
    out: list[SpcResult | None] = [None] * len(rows)
    for n, indices in lengths.items():
        y = np.array([rows[i] for i in indices], dtype=np.float64).reshape(len(indices), n)
        charted = _chart(y, improvement, goal, fix_after, group_starts(n, rebase_at), screen,
                         min_labelled)  # fmt: skip
        for i, result in zip(indices, charted, strict=True):
            out[i] = result
    return [r for r in out if r is not None]


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


def _groups(
    y: Floats, starts: list[int], fix_after: int | None = None, screen: bool = True
) -> list[_GroupArrays]:
    """Every group of the rows of ``y`` (series of the same length), starting at ``starts``."""
    n = y.shape[1]
    out = []
    for gi, (lo, hi) in enumerate(zip(starts, [*starts[1:], n], strict=True)):
        part = y[:, lo:hi]
        mean, mr_mean = _limits(part if fix_after is None else part[:, :fix_after], screen)
        spread = LIMIT_FACTOR * mr_mean
        lpl, upl = mean - spread, mean + spread
        labels, rtm, close, outside = _labels(part, mean, mr_mean, lpl, upl)
        recorded = (~np.isnan(part)).sum(axis=1)
        out.append(_GroupArrays(gi + 1, lo, hi, part, mean, mr_mean, lpl, upl, labels, rtm,
                                close, outside, recorded))  # fmt: skip
    return out


def _chart(
    y: Floats,
    improvement: Improvement,
    target: float | None,
    fix_after: int | None,
    starts: list[int],
    screen: bool,
    min_labelled: int,
) -> list[SpcResult]:
    """Every row of ``y`` (series of the same length) charted, its groups starting at
    ``starts``."""
    rows = y.shape[0]
    groups: list[list[Group]] = [[] for _ in range(rows)]
    points: list[list[Point]] = [[] for _ in range(rows)]
    for g in _groups(y, starts, fix_after, screen):
        for row in range(rows):
            group = Group(g.lo + 1, g.hi - g.lo, float(g.mean[row]), float(g.mr_mean[row]),
                          float(g.lpl[row]), float(g.upl[row]))  # fmt: skip
            groups[row].append(group)
            values = g.part[row].tolist()
            if g.recorded[row] < min_labelled:
                points[row].extend(unlabelled(values, g.number))
            else:
                points[row].extend(
                    _points(values, group, g.codes[row], g.rtm[row], g.close[row],
                            g.outside[row], improvement, g.number)
                )  # fmt: skip
    return [_result(g, p, improvement, target) for g, p in zip(groups, points, strict=True)]


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
    """:func:`run_spc_many` (screened limits, no target, no fixed limits) as the pack keeps it
    (:class:`Chart`), with no object per point: a pack has ~30,000 points."""
    check_options(improvement, None)
    if len({len(s) for s in series}) != 1:
        results = run_spc_many(series, improvement, rebase_at=rebase_at, min_labelled=min_labelled)
        return [_compact(r.to_json()) for r in results]
    y = np.array([[np.nan if v is None else float(v) for v in s] for s in series], dtype=np.float64)
    direction = DIRECTIONS[improvement]
    labelled = [(label, point_type(label, direction)) for label in LABELS]
    out = [Chart([], [], [], None) for _ in series]
    for g in _groups(y, group_starts(y.shape[1], rebase_at)):
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
        chart.variation = None if last == NO_LIMITS else variation_icon(last, improvement)
    return out


def _compact(result: dict[str, Any]) -> Chart:
    points = result["points"]
    return Chart(
        result["groups"],
        [p["point_type"] for p in points],
        [p["special_cause_type"] for p in points],
        result["variation"],
    )


def _result(
    groups: list[Group], points: list[Point], improvement: Improvement, target: float | None
) -> SpcResult:
    charted = points and points[-1].point_type != NO_LIMITS
    variation = variation_icon(points[-1].point_type, improvement) if charted else None
    last = groups[-1] if groups else None
    verdict = assurance(last.lpl, last.upl, target, improvement) if last else None
    return SpcResult(improvement, target, tuple(groups), tuple(points), variation, verdict)


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


def _limits(y: Floats, screen: bool) -> tuple[Floats, Floats]:
    """Each row's mean and mean moving range, screened: in one pass every moving range not
    strictly below 3.267 times their mean is dropped (NaN compares false, so a NaN cut, no
    moving ranges, or a zero cut, a constant series, drops them all)."""
    mean = _mean(y)
    mr = np.abs(np.diff(y, axis=1))
    mr_mean = _mean(mr)
    if not screen:
        return mean, mr_mean
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
    ends = rules.seven_point_trend(y)
    rising, falling = rules.part_of_run(ends == 1), rules.part_of_run(ends == -1)
    two3 = rules.part_of_two_in_three(rules.two_in_three(close, rtm), close)
    shift = rules.part_of_run(rules.seven_point_one_side_mean(rtm))
    # a turning point belongs to two runs and takes the one it ends, the step that brought it
    # there (NHSRplotthedots issue #171; 0.2.2 looked at the step to the next point instead)
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


def _points(
    values: list[float],
    group: Group,
    codes: Ints,
    rtm: Ints,
    close: Bools,
    outside: Bools,
    improvement: Improvement,
    group_no: int,
) -> list[Point]:
    direction = DIRECTIONS[improvement]
    out = []
    # no side of a mean the group has not got: none of its values (or, with fix_after, none
    # of its first N) is a number
    no_mean = group.mean != group.mean
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
