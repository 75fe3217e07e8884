"""Data-driven engine cases: each ``cases/*.yaml`` is a tiny hand-made data set, loaded through
the real loader from CSV extracts into a fresh DuckDB store, with the pack values worked out by
hand.

A case file::

    description: what it shows, and how the expected values were worked out
    period: 2024-25 Q1
    extracts:                      # source -> rows, written as one CSV extract each
      disruptions:
        - {disruption_id: D1, date: 2024-04-01, force: Met, threat: Fraud, ...}
    expect:
      F2.disruptions:              # any key of the pack's indicator; dicts are checked key by
        value: 2                   # key (only the keys given), lists and scalars exactly
        by: {force: {E23000001: {value: 2}}}
      data_quality: {coverage: {disruptions: {current: 1}}}
      operations: {Dupers 2: {days: 12}}   # also measures, objectives: the pack's own blocks

An expected ``null`` also accepts an absent key (a force with no record has no ``by`` entry).
Numbers compare exactly as Decimals (``66.667`` is the pack's 66.667).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

CASES = Path(__file__).parent / "cases"


def _cases() -> list[str]:
    return sorted(p.name for p in CASES.glob("*.yaml"))


def _same(actual: Any, expected: Any) -> bool:
    if expected is None or actual is None:
        return actual is expected
    if isinstance(expected, bool) or isinstance(actual, bool):
        return actual == expected
    if isinstance(expected, (int, float, Decimal)) and isinstance(actual, (int, float, Decimal)):
        return Decimal(str(actual)) == Decimal(str(expected))
    return bool(actual == expected)


def _check(actual: Any, expected: Any, where: str, problems: list[str]) -> None:
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            problems.append(f"{where}: expected a mapping, the pack has {actual!r}")
            return
        for key, want in expected.items():
            key = str(key)
            if key not in actual:
                if want is not None:
                    problems.append(f"{where}.{key}: missing (expected {want!r})")
                continue
            _check(actual[key], want, f"{where}.{key}", problems)
    elif isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            problems.append(f"{where}: expected {expected!r}, the pack has {actual!r}")
            return
        for i, (a, e) in enumerate(zip(actual, expected, strict=True)):
            _check(a, e, f"{where}[{i}]", problems)
    elif not _same(actual, expected):
        problems.append(f"{where}: expected {expected!r}, the pack has {actual!r}")


@pytest.mark.parametrize("name", _cases())
def test_case(name: str, case_pack: Callable[[str], tuple[dict[str, Any], dict[str, Any]]]) -> None:
    case, data = case_pack(name)
    assert case.get("expect"), f"{name}: a case needs expected values"
    problems: list[str] = []
    for key, want in case["expect"].items():
        if key == "data_quality":
            _check(data["data_quality"], want, "data_quality", problems)
        elif key in ("measures", "objectives", "operations"):
            _check(data[key], want, key, problems)
        else:
            assert key in data["indicators"], f"{name}: no indicator {key!r} in the pack"
            _check(data["indicators"][key], want, key, problems)
    assert not problems, f"{name}:\n" + "\n".join(problems)


def test_the_checker_can_fail() -> None:
    """The comparison behind every case reports a wrong value, a missing key, a wrong list."""
    problems: list[str] = []
    pack = {"value": 2, "by": {"force": {"E23000001": {"value": 2}}}, "flags": []}
    _check(pack, {"value": 3}, "x", problems)
    _check(pack, {"by": {"force": {"E23000008": {"value": 1}}}}, "x", problems)
    _check(pack, {"flags": ["no_records"]}, "x", problems)
    _check(pack, {"by": {"force": {"E23000008": None}}}, "x", problems)  # absent = null: fine
    _check({"value": Decimal("66.667")}, {"value": 66.667}, "x", problems)  # equal: fine
    assert len(problems) == 3, problems
