"""The rules of ``ndp.engine.spc.rules`` (arrays, a row per series) on one series given and
returned as lists: the shape of NHSRplotthedots' helper vectors and of the oracle's rules
(``spc_oracle``), so the same vectors and properties check both."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ndp.engine.spc import rules


def _row(values: Sequence[float], dtype: type) -> np.ndarray:  # type: ignore[type-arg]
    return np.array([list(values)], dtype=dtype).reshape(1, len(values))


def seven_point_trend(y: Sequence[float]) -> list[int]:
    return [int(v) for v in rules.seven_point_trend(_row(y, np.float64))[0]]


def part_of_run(ends: Sequence[int]) -> list[int]:
    return [int(v) for v in rules.part_of_run(_row(ends, np.int64) != 0)[0]]


def seven_point_one_side_mean(rtm: Sequence[int]) -> list[int]:
    return [int(v) for v in rules.seven_point_one_side_mean(_row(rtm, np.int64))[0]]


def two_in_three(close: Sequence[int], rtm: Sequence[int]) -> list[int]:
    marked = rules.two_in_three(_row(close, np.bool_), _row(rtm, np.int64))
    return [int(v) for v in marked[0]]


def part_of_two_in_three(in_window: Sequence[int], close: Sequence[int]) -> list[int]:
    marked = rules.part_of_two_in_three(_row(in_window, np.bool_), _row(close, np.bool_))
    return [int(v) for v in marked[0]]
