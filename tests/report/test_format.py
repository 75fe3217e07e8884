"""The house style: rounding half away from zero, signs, pounds."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ndp.report import format as fmt


@pytest.mark.parametrize(
    ("value", "text"),
    [(52.5, "53%"), (52.49, "52%"), (Decimal("426.989"), "427%"), (-42.5, "-43%"), (0.5, "1%")],
)
def test_percent_rounds_half_away_from_zero(value: object, text: str) -> None:
    assert fmt.percent(value) == text


def test_counts_money_and_signed_changes() -> None:
    assert fmt.count(1113) == "1,113"
    assert fmt.count(Decimal("729.25")) == "729"
    assert fmt.gbp(Decimal("1012431.00")) == "£1,012,431"
    assert fmt.gbp(Decimal("290897.90")) == "£290,897.90"
    assert fmt.signed(Decimal("383.75")) == "+384"
    assert fmt.signed(-92) == "-92"
    assert fmt.signed(Decimal("852"), "gbp") == "+£852"


def test_change_with_and_without_a_percentage() -> None:
    assert fmt.change({"change": 24095, "pct_change": Decimal("426.989")}) == "427% (+24,095)"
    assert fmt.change({"change": -92, "pct_change": Decimal("-42.791")}) == "43% (-92)"
    assert fmt.change({"change": 5, "pct_change": None}) == "+5"
