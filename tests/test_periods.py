"""Periods: the financial-year calendar every comparison depends on."""

from datetime import date

import pytest

from ndp.errors import NdpError
from ndp.periods import FinancialYear, Month, Quarter


@pytest.mark.parametrize(
    "text",
    [
        "2024-25 Q1",
        "2024-25Q1",
        "2024-25-Q1",
        "Q1 24/25",
        "2024/25 Q1",
        "FY24/25 Q1",
        " fy2024/2025  q1 ",
    ],
)
def test_every_accepted_form_reads_as_the_same_quarter(text: str) -> None:
    assert Quarter.parse(text) == Quarter(2024, 1)


@pytest.mark.parametrize("text", ["2024-26 Q1", "2024-25 Q5", "Q1", "April 2024", "2024 Q1", ""])
def test_unknown_forms_are_refused_with_the_accepted_forms_named(text: str) -> None:
    with pytest.raises(NdpError) as caught:
        Quarter.parse(text)
    assert str(caught.value) == (
        f"unknown period {text!r}: expected a quarter such as "
        "2024-25 Q1, 2024-25Q1, 2024-25-Q1, Q1 24/25, 2024/25 Q1 or FY24/25 Q1"
    )


@pytest.mark.parametrize(
    ("quarter", "start", "end", "span"),
    [
        (Quarter(2024, 1), date(2024, 4, 1), date(2024, 6, 30), "April - June 2024"),
        (Quarter(2024, 2), date(2024, 7, 1), date(2024, 9, 30), "July - September 2024"),
        (Quarter(2024, 3), date(2024, 10, 1), date(2024, 12, 31), "October - December 2024"),
        (Quarter(2024, 4), date(2025, 1, 1), date(2025, 3, 31), "January - March 2025"),
    ],
)
def test_quarters_follow_the_april_financial_year(
    quarter: Quarter, start: date, end: date, span: str
) -> None:
    assert (quarter.start, quarter.end, quarter.span) == (start, end, span)


def test_labels_in_canonical_and_prose_forms() -> None:
    q = Quarter(2024, 1)
    assert (q.label, q.short, q.year.label, q.year.short) == (
        "2024-25 Q1",
        "Q1 24/25",
        "2024-25",
        "24/25",
    )
    assert FinancialYear(1999).label == "1999-00"


def test_neighbouring_quarters_cross_year_boundaries() -> None:
    q1 = Quarter(2024, 1)
    assert q1.previous() == Quarter(2023, 4)
    assert q1.same_quarter_last_year() == Quarter(2023, 1)
    assert Quarter(2023, 4).next() == q1
    assert q1.history(3) == [Quarter(2023, 3), Quarter(2023, 4), q1]


@pytest.mark.parametrize(
    ("day", "quarter"),
    [
        (date(2024, 3, 31), Quarter(2023, 4)),
        (date(2024, 4, 1), Quarter(2024, 1)),
        (date(2024, 6, 30), Quarter(2024, 1)),
        (date(2024, 7, 1), Quarter(2024, 2)),
        (date(2025, 1, 1), Quarter(2024, 4)),
    ],
)
def test_boundary_days_fall_in_the_right_quarter(day: date, quarter: Quarter) -> None:
    assert Quarter.containing(day) == quarter
    assert quarter.contains(day)
    assert not quarter.next().contains(day)


def test_months_of_a_quarter_and_month_arithmetic() -> None:
    assert [m.label for m in Quarter(2024, 4).months] == ["2025-01", "2025-02", "2025-03"]
    assert Month(2024, 12).next() == Month(2025, 1)
    assert Month(2025, 1).previous() == Month(2024, 12)
    assert Month(2024, 2).end == date(2024, 2, 29)
    assert Month.parse("2024-05") == Month(2024, 5)
    with pytest.raises(NdpError):
        Month.parse("2024-13")


def test_quarters_sort_in_time_order() -> None:
    assert sorted([Quarter(2024, 1), Quarter(2023, 4), Quarter(2023, 1)]) == [
        Quarter(2023, 1),
        Quarter(2023, 4),
        Quarter(2024, 1),
    ]
