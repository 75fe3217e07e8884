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


def test_a_tables_change_cell_puts_a_rates_change_in_points() -> None:
    assert fmt.moved(-8, "percent") == "-8 pts"
    assert fmt.moved(Decimal("24095"), "count") == "+24,095"
    assert fmt.moved(Decimal("-852"), "gbp") == "-£852"


def test_change_with_and_without_a_percentage() -> None:
    assert fmt.change({"change": 24095, "pct_change": Decimal("426.989")}) == "427% (+24,095)"
    assert fmt.change({"change": -92, "pct_change": Decimal("-42.791")}) == "43% (-92)"
    assert fmt.change({"change": 5, "pct_change": None}) == "+5"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("86% (+853) increase", "an 86% (+853) increase"),
        ("29% (+409) increase", "a 29% (+409) increase"),
        ("11% fall", "an 11% fall"),
        ("8% rise", "an 8% rise"),
        ("18 arrests", "an 18 arrests"),
        ("1,113 total", "a 1,113 total"),
        ("£800,000 seizure", "an £800,000 seizure"),
        ("national intensification", "a national intensification"),
        ("operation", "an operation"),
    ],
)
def test_articles_follow_the_words_as_said(text: str, expected: str) -> None:
    assert fmt.a(text) == expected


def test_a_rate_moves_in_percentage_points_of_the_rates_as_printed() -> None:
    assert fmt.points_change(Decimal("15.68"), Decimal("23.758")) == (
        "fell 8 percentage points to 16% from 24%"
    )
    # 24.4% -> 24% and 15.6% -> 16%: 8 points as the reader subtracts, not 8.8 rounded to 9
    assert fmt.points_change(Decimal("15.6"), Decimal("24.4")).startswith("fell 8 ")
    assert fmt.points_change(Decimal("57.4"), Decimal("55.6")) == (
        "rose 1 percentage point to 57% from 56%"
    )
    assert fmt.points_change(Decimal("16.2"), Decimal("15.9")) == "was unchanged at 16%"


def test_an_average_per_force_keeps_one_decimal_for_counts() -> None:
    # 22.256 disruptions a force: 22.3 (a whole 22 would hide a force's 22 against 22.256)
    assert fmt.average(Decimal("22.256"), "count") == "22.3"
    assert fmt.average(Decimal("0.05"), "count") == "0.1"  # half away from zero
    assert fmt.average(Decimal("1370.8"), "count") == "1,370.8"
    assert fmt.average(13, "count") == "13.0"
    assert fmt.average(Decimal("105825.667"), "gbp") == "£105,826"
    assert fmt.average(Decimal("15.873"), "percent") == "16%"


def test_a_rates_change_in_a_table_is_the_difference_of_the_printed_rates() -> None:
    # 24.4% to 11.6% prints as 24% to 12%: the cell says -12 pts, not the -12.8's -13
    assert fmt.moved(Decimal("-12.8"), "percent", Decimal("11.6"), Decimal("24.4")) == "-12 pts"
    assert fmt.moved(Decimal("-12.8"), "percent") == "-13 pts"
    assert fmt.moved(Decimal("5"), "count", 10, 5) == "+5"
