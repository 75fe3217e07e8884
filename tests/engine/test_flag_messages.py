"""The data-quality flags' messages say what was seen, in the indicator's own figures."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from ndp.engine.flag_messages import figure, indicator_flags
from ndp.engine.framework import load_framework

FW = load_framework()
COVERAGE = {"disruptions": {"current": 50, "same_quarter_last_year": 32}}


def _indicator(**kw: Any) -> dict[str, Any]:
    sq = {"period": "2023-24 Q1", "value": 489, "pct_change": Decimal("127.607")}
    row = {"source": "disruptions", "unit": "count", "value": 1113, "flags": []}
    return {**row, "comparisons": {"same_quarter_last_year": sq}, **kw}


@pytest.mark.parametrize(
    ("value", "unit", "words"),
    [
        (1113, "count", "1,113"),
        (Decimal("729.25"), "count", "729.25"),
        (Decimal("1012431.005"), "gbp", "£1,012,431.01"),
        (Decimal("56.25"), "percent", "56.3%"),
        (Decimal("-0.05"), "percent", "-0.1%"),
    ],
)
def test_figures_are_written_exactly_and_rounded_half_away_from_zero(
    value: Any, unit: str, words: str
) -> None:
    assert figure(value, unit) == words


def test_each_flag_says_what_it_saw() -> None:
    indicators = {
        "E1b.disruptions": _indicator(flags=["outlier_change", "coverage_change"]),
        "E1a.judicial_outcomes": _indicator(
            source="case_outcomes", value=None, flags=["no_records"]
        ),
        "F1b.rate": _indicator(
            unit="percent",
            value=Decimal("27"),
            flags=["outlier_change"],
            comparisons={
                "same_quarter_last_year": {
                    "period": "2023-24 Q1",
                    "value": Decimal("9.85"),
                    "pct_change": Decimal("174.112"),
                }
            },
        ),
    }
    flags = indicator_flags(FW, indicators, COVERAGE, "2024-25 Q1")
    assert [(f["indicator"], f["flag"], f["message"]) for f in flags] == [
        (
            "E1b.disruptions",
            "outlier_change",
            "+127.6% on 2023-24 Q1 (1,113 against 489); flagged at 100% or more",
        ),
        (
            "E1b.disruptions",
            "coverage_change",
            "50 units recorded disruptions in 2024-25 Q1 against 32 a year earlier; "
            "flagged at a change of 5 or more",
        ),
        (
            "E1a.judicial_outcomes",
            "no_records",
            "no record in case_outcomes for 2024-25 Q1 meets its definition",
        ),
        (
            "F1b.rate",
            "outlier_change",
            "+174.1% on 2023-24 Q1 (27.0% against 9.9%); flagged at 100% or more",
        ),
    ]
