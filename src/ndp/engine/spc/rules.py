"""The four Making Data Count special-cause rules, as NHSRplotthedots 0.2.2 computes them, on
many series at once: each takes one group's per-point values of every series (a row each) and
returns a vector per row, one step per month rather than a loop per series. The package's own
unit-test vectors for its helpers are checked against them one row at a time
(tests/engine/test_spc_cases.py).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]

RUN = 7  # points in a trend or a shift


def _run_lengths(on: Bools) -> Ints:
    """Each row's count of consecutive True values ending at each column (0 where False)."""
    index = np.arange(on.shape[1])
    last_off = np.maximum.accumulate(np.where(on, -1, index), axis=1)
    return np.where(on, index - last_off, 0)


def seven_point_trend(y: Floats) -> Ints:
    """+1/-1 at the last point of every 7 strictly monotone points, else 0 (ties break a run,
    and so does a step to or from a missing value)."""
    with np.errstate(invalid="ignore"):
        step = np.sign(np.diff(y, axis=1))
    step = np.where(np.isnan(step), 0, step)
    out = np.zeros(y.shape, dtype=np.int64)
    # consecutive steps up (down) ending at each point after the first
    rising, falling = _run_lengths(step == 1), _run_lengths(step == -1)
    out[:, 1:] = np.where(rising >= RUN - 1, 1, np.where(falling >= RUN - 1, -1, 0))
    return out


def part_of_run(ends: Bools) -> Bools:
    """True where a run (trend or shift) ends at the point or one of the next six."""
    out = np.zeros_like(ends)
    n = ends.shape[1]
    for offset in range(min(RUN, n)):
        out[:, : n - offset] |= ends[:, offset:]
    return out


def seven_point_one_side_mean(rtm: Ints) -> Bools:
    """True at the last of 7 equal, non-zero relative-to-mean values; a point on the mean
    breaks the run."""
    index = np.arange(rtm.shape[1])
    starts = np.ones(rtm.shape, dtype=np.bool_)  # where a run of equal values begins
    starts[:, 1:] = rtm[:, 1:] != rtm[:, :-1]
    start = np.maximum.accumulate(np.where(starts, index, 0), axis=1)
    return (rtm != 0) & (index - start + 1 >= RUN)


def two_in_three(close: Bools, rtm: Ints) -> Bools:
    """True for every point of a 3-window with >= 2 close points all strictly on one side of
    the mean. The package pads both vectors with two zeros at each end, so windows that run
    past the series cannot qualify (their padded side value is 0)."""
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


def part_of_two_in_three(in_window: Bools, close: Bools) -> Bools:
    """Only the close points of a qualifying window are labelled, not the third point."""
    return in_window & close
