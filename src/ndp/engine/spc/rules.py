"""The four Making Data Count special-cause rules, as NHSRplotthedots 0.2.2 computes them.

Each helper takes one group's per-point vectors and returns 0/1 (or -1/0/1) lists of the same
length, mirroring the package's own helpers so its unit-test vectors apply unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence

RUN = 7  # points in a trend or a shift


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


def _sign(x: float) -> int:
    """Sign that treats NaN as 0: a step to or from a missing value breaks a trend."""
    if x > 0:
        return 1
    if x < 0:
        return -1
    return 0
