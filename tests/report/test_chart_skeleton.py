"""Chart specs made with Altair once per shape and then filled in are the specs Altair makes for
the chart itself: for every indicator of the demo pack, at the nation and at forces, a trend
chart filled from another chart's skeleton equals the one Altair builds with its own names and
label, and an SPC chart built after another of its shape equals one built from nothing."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest

from ndp.report.charts import spc_chart, specs_only, trend_chart
from ndp.report.charts.base import style
from ndp.report.charts.kinds import _trend
from ndp.report.charts.measure import comparator
from ndp.report.charts.skeleton import forget


@pytest.fixture(scope="module")
def data(demo_pack: Any) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(demo_pack.to_json(), parse_float=Decimal)
    return loaded


FORCES = ("E23000032", "E23000001", "E23000028")  # Kent, the Met, Essex


def _quarterly(rows: list[dict[str, Any]] | None) -> list[tuple[str, Any]]:
    return [(q["period"], q.get("value")) for q in rows or []]


def _without_data(spec: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in spec.items() if k != "datasets"}


def _trends(data: dict[str, Any]) -> list[tuple[dict[str, Any], Any, str]]:
    """(series, comparator, unit) of every indicator's trend at the nation and at FORCES."""
    out = []
    for ind in data["indicators"].values():
        out.append(({"England and Wales": _quarterly(ind["series"]["quarterly"])},
                    comparator(ind), ind["unit"]))  # fmt: skip
        for code in FORCES:
            entry = (ind.get("by") or {}).get("force", {}).get(code)
            if entry:
                name = data["geographies"]["forces"][code]["name"]
                series = {name: _quarterly(entry.get("quarterly")),
                          "England and Wales average per force": _quarterly(
                              ((ind.get("per_force") or {}).get("nation") or {}).get("quarterly"))}  # fmt: skip
                line = comparator({"comparisons": entry.get("comparisons") or {}})
                out.append((series, line, ind["unit"]))
    return out


def test_a_filled_trend_skeleton_is_the_spec_altair_makes(data: dict[str, Any]) -> None:
    forget()
    checked = 0
    with specs_only():
        for series, line, unit in _trends(data):
            chart = trend_chart("t", "T", series, unit, line)
            label = chart.spec["datasets"].get("comparator", [{}])[0].get("line")
            direct = style(_trend(list(dict.fromkeys(
                p for pts in series.values() for p, _ in pts)), list(series), unit, label))  # fmt: skip
            assert _without_data(chart.spec) == direct, (list(series), label)
            checked += 1
    assert checked > 60


def test_an_spc_chart_after_another_of_its_shape_is_the_same_as_one_from_nothing(
    data: dict[str, Any],
) -> None:
    blocks = []
    for ind in data["indicators"].values():
        blocks.append((ind.get("spc"), ind["unit"]))
        for code in FORCES:
            entry = (ind.get("by") or {}).get("force", {}).get(code) or {}
            blocks.append((entry.get("spc"), ind["unit"]))
    blocks = [(b, u) for b, u in blocks if b and b.get("points")]
    assert len(blocks) > 40
    with specs_only():
        warm = [spc_chart("s", "S", b, u).spec for b, u in blocks]
        cold = []
        for b, u in blocks:
            forget()
            cold.append(spc_chart("s", "S", b, u).spec)
    assert warm == cold
