"""The result of an SPC run: groups with their limits, labelled points, icons (docs/spc.md)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Literal

Improvement = Literal["increase", "decrease", "neutral"]

TWO_SIGMA_FACTOR = 2 * 2.66 / 3
SHORT_GROUP = 13  # the package's default warning threshold: a group of 12 is still "short"


@dataclass(frozen=True)
class Group:
    """One rebase group: its 1-based first index, size and limits (NaN when undefined)."""

    start: int
    n: int
    mean: float
    mr_mean: float
    lpl: float
    upl: float

    @property
    def two_sigma_lower(self) -> float:
        return self.mean - TWO_SIGMA_FACTOR * self.mr_mean

    @property
    def two_sigma_upper(self) -> float:
        return self.mean + TWO_SIGMA_FACTOR * self.mr_mean

    @property
    def short_group_warning(self) -> bool:
        return self.n < SHORT_GROUP


#: the point type of a point in a group charted without limits (too few recorded points): it
#: is neither common nor special cause, and no rule is tested on it (docs/spc.md)
NO_LIMITS = "no_limits"


@dataclass(frozen=True)
class Point:
    """One value with its flags and its label; ``relative_to_mean`` is None for a missing value."""

    value: float | None
    group: int
    relative_to_mean: int | None
    close_to_limits: bool
    outside_limits: bool
    special_cause_type: str | None
    point_type: str


@dataclass(frozen=True)
class SpcResult:
    """The whole chart: groups, points, the variation icon and the assurance result."""

    improvement: Improvement
    target: float | None
    groups: tuple[Group, ...]
    points: tuple[Point, ...]
    variation: str | None
    assurance: str | None

    @property
    def short_group_warning(self) -> bool:
        return any(g.short_group_warning for g in self.groups)

    @property
    def relative_to_mean(self) -> list[int | None]:
        return [p.relative_to_mean for p in self.points]

    @property
    def close_to_limits(self) -> list[bool]:
        return [p.close_to_limits for p in self.points]

    @property
    def outside_limits(self) -> list[bool]:
        return [p.outside_limits for p in self.points]

    def to_json(self) -> dict[str, Any]:
        """Plain JSON data: 1-based indices, NaN as null."""
        return {
            "groups": [
                {
                    "start": g.start,
                    "n": g.n,
                    "mean": _num(g.mean),
                    "lpl": _num(g.lpl),
                    "upl": _num(g.upl),
                    "short_group_warning": g.short_group_warning,
                }
                for g in self.groups
            ],
            "points": [
                {
                    "value": p.value,
                    "point_type": p.point_type,
                    "special_cause_type": p.special_cause_type,
                }
                for p in self.points
            ],
            "variation": self.variation,
            "assurance": self.assurance,
            "short_group_warning": self.short_group_warning,
        }


def _num(x: float) -> float | None:
    return None if math.isnan(x) else x
