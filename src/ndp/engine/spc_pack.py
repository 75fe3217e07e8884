"""An indicator's SPC block for the pack: its monthly series charted as Making Data Count does,
re-based at the steps the framework declares, with limits only on a group of enough recorded
months; a shorter group gets a run chart (its median) or no chart of variation (docs/spc.md)."""

from __future__ import annotations

import statistics
from typing import Any

from ndp.engine.framework import Framework
from ndp.engine.spc import run_spc
from ndp.engine.spc.result import Improvement

#: what a group of the series is drawn as
SPC, RUN, NONE = "spc", "run", "none"
#: the point type of a month in a group without limits: neither common nor special cause
NO_LIMITS = "no_limits"


def spc_block(
    fw: Framework,
    name: str,
    months: list[str],
    values: list[float | None],
    improvement: Improvement,
) -> dict[str, Any]:
    """The SPC block of indicator ``name`` over ``months`` (YYYY-MM, oldest first)."""
    first = next(i for i, v in enumerate(values) if v is not None)
    steps = {
        months.index(s.month) + 1: s.reason
        for s in fw.spc.steps
        if name in s.indicators and s.month in months and months.index(s.month) > first
    }
    result = run_spc(values, improvement, rebase_at=sorted(steps)).to_json()
    for group in result["groups"]:
        lo = int(group["start"]) - 1
        points = result["points"][lo : lo + int(group["n"])]
        recorded = [float(v) for v in values[lo : lo + int(group["n"])] if v is not None]
        group["recorded"] = len(recorded)
        group["step"] = steps.get(int(group["start"]))
        if len(recorded) >= fw.spc.min_points:
            group["chart"], group["median"] = SPC, None
            continue
        enough = len(recorded) >= fw.spc.run_chart_min_points
        group["chart"] = RUN if enough else NONE
        group["median"] = statistics.median(recorded) if enough else None
        group["mean"] = group["lpl"] = group["upl"] = None
        for point in points:
            point["point_type"], point["special_cause_type"] = NO_LIMITS, None
    if result["groups"] and result["groups"][-1]["chart"] != SPC:
        result["variation"] = result["assurance"] = None
    result["min_points"] = fw.spc.min_points
    return result


__all__ = ["NONE", "NO_LIMITS", "RUN", "SPC", "spc_block"]
