"""Every value rule, one column type at a time, through the real validator."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import duckdb
import pytest

from ndp.load import validate_extract

TODAY = date(2026, 11, 25)


def check(path: Path, source: str | None = None) -> tuple[list[tuple], list[str]]:
    """(good rows, problem texts) for one file."""
    con = duckdb.connect()
    result = validate_extract(con, path, source=source, today=TODAY)
    good = con.execute(f"SELECT * EXCLUDE (_line) FROM {result.good} ORDER BY _line").fetchall()
    return good, [str(p) for p in result.problems]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-05-13", date(2024, 5, 13)),
        ("13/05/2024", date(2024, 5, 13)),
        ("13/05/24", date(2024, 5, 13)),
        ("1/5/2024", date(2024, 5, 1)),
        ("2024-05-13 23:59:00", date(2024, 5, 13)),
        ("2024-03-31", date(2024, 3, 31)),
        ("01/04/2024", date(2024, 4, 1)),
    ],
)
def test_dates_iso_and_uk_day_first(
    write_csv: Callable[..., Path], disruption: Callable[..., list[str]], text: str, expected: date
) -> None:
    good, problems = check(write_csv([disruption(date=text)]))
    assert problems == []
    assert good[0][1] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "05/13/2024",
            "a date such as 2024-05-13 or 13/05/2024 (day first), not in the future or before 2000",
        ),
        (
            "31/02/2024",
            "a date such as 2024-05-13 or 13/05/2024 (day first), not in the future or before 2000",
        ),
        (
            "May 13 2024",
            "a date such as 2024-05-13 or 13/05/2024 (day first), not in the future or before 2000",
        ),
        ("1999-12-31", "a date on or after 2000-01-01"),
        ("2026-11-26", "a date not in the future (today is 2026-11-25)"),
    ],
)
def test_bad_dates_name_line_column_value_and_rule(
    write_csv: Callable[..., Path], disruption: Callable[..., list[str]], text: str, expected: str
) -> None:
    path = write_csv([disruption(date=text)])
    good, problems = check(path)
    assert good == []
    assert problems == [f"{path}, line 2, column date: {text!r}: expected {expected}"]


@pytest.mark.parametrize(
    "spelling",
    [
        "Metropolitan Police Service",
        "Met",
        "MPS",
        "met",
        "E23000001",
        "e23000001",
        " Metropolitan Police ",
    ],
)
def test_force_by_name_short_name_alias_or_code(
    write_csv: Callable[..., Path], disruption: Callable[..., list[str]], spelling: str
) -> None:
    good, problems = check(write_csv([disruption(force=spelling)]))
    assert problems == []
    assert good[0][2] == "E23000001"


def test_regional_units_and_tricky_names_resolve(
    write_csv: Callable[..., Path], disruption: Callable[..., list[str]]
) -> None:
    rows = [
        disruption(id=f"D{i}", force=f)
        for i, f in enumerate(
            ["EMSOU", "NEROCU", "Devon & Cornwall", "Dyfed Powys", "London, City of"]
        )
    ]
    good, problems = check(write_csv(rows))
    assert problems == []
    assert [row[2] for row in good] == ["EMSOU", "NERSOU", "E23000035", "W15000004", "E23000034"]


def test_unknown_force_lists_the_nearest_names(
    write_csv: Callable[..., Path], disruption: Callable[..., list[str]]
) -> None:
    path = write_csv([disruption(force="Metropolitn Police")])
    _, problems = check(path)
    assert problems == [
        f"{path}, line 2, column force: 'Metropolitn Police': expected a known force or unit "
        "(name, short name or ONS code); nearest: Metropolitan Police, Metropolitan Police Service, Metropolitan"
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Money Laundering", "illicit_finance"),
        ("MLAR", "illicit_finance"),
        ("fraud ocg", "fraud"),
        ("Serious Organised Crime - Fraud", "fraud"),
        ("CYBER CRIME", "cyber"),
    ],
)
def test_enumeration_aliases_any_case(
    write_csv: Callable[..., Path], disruption: Callable[..., list[str]], text: str, value: str
) -> None:
    good, problems = check(write_csv([disruption(threat=text)]))
    assert problems == []
    assert good[0][3] == value


def test_enumeration_default_and_unknown_value(
    write_csv: Callable[..., Path], disruption: Callable[..., list[str]]
) -> None:
    path = write_csv([disruption(id="D1", category=""), disruption(id="D2", level="Huge")])
    good, problems = check(path)
    assert good[0][4] == "pursue"  # blank category defaults to pursue
    assert problems == [
        f"{path}, line 3, column level: 'Huge': expected one of: major, moderate, minor"
    ]


SEIZURE = ["seizure_id", "date", "force", "threat", "type", "value_gbp", "estimated"]


@pytest.mark.parametrize(
    ("text", "pounds"),
    [
        ("£1,012,431.00", "1012431.00"),
        ("1012431", "1012431.00"),
        ("£ 852.5", "852.50"),
        ("0.01", "0.01"),
    ],
)
def test_money_with_pound_sign_and_separators(
    write_csv: Callable[..., Path], text: str, pounds: str
) -> None:
    path = write_csv([["S1", "2024-05-01", "Met", "MLAR", "Cash", text, "yes"]], header=SEIZURE)
    good, problems = check(path)
    assert problems == []
    assert str(good[0][5]) == pounds


@pytest.mark.parametrize("text", ["-5.00", "£-5", "12.345", "five", "1.2.3"])
def test_bad_money_is_refused(write_csv: Callable[..., Path], text: str) -> None:
    path = write_csv([["S1", "2024-05-01", "Met", "MLAR", "Cash", text, ""]], header=SEIZURE)
    _, problems = check(path)
    assert problems == [
        f"{path}, line 2, column value_gbp: {text!r}: expected an amount of pounds, not negative (e.g. £1,012,431.00)"
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("true", True),
        ("Yes", True),
        ("y", True),
        ("1", True),
        ("FALSE", False),
        ("no", False),
        ("N", False),
        ("0", False),
        ("", None),
    ],
)
def test_booleans(write_csv: Callable[..., Path], text: str, value: bool | None) -> None:
    good, problems = check(
        write_csv([["S1", "2024-05-01", "Met", "MLAR", "Cash", "10", text]], header=SEIZURE)
    )
    assert problems == []
    assert good[0][6] is value


VICTIM = ["operation", "victim_ref", "age", "loss_gbp"]


def test_counts_whole_non_negative_and_bounded(write_csv: Callable[..., Path]) -> None:
    rows = [
        ["Op", "V1", "84", ""],
        ["Op", "V2", "12.0", ""],
        ["Op", "V3", "-1", ""],
        ["Op", "V4", "121", ""],
        ["Op", "V5", "7.5", ""],
    ]
    path = write_csv(rows, header=VICTIM)
    good, problems = check(path, source="operation_victims")
    assert [row[2] for row in good] == [84, 12]
    assert problems == [
        f"{path}, line 4, column age: '-1': expected a whole number, not negative",
        f"{path}, line 5, column age: '121': expected a whole number from 0 to 120",
        f"{path}, line 6, column age: '7.5': expected a whole number, not negative",
    ]


RETURNS = ["force", "quarter", "due_on", "returned_on"]


@pytest.mark.parametrize(
    "text", ["2024-25 Q1", "2024-25Q1", "Q1 24/25", "2024/25 Q1", "FY24/25 Q1"]
)
def test_quarters_in_every_accepted_form(write_csv: Callable[..., Path], text: str) -> None:
    good, problems = check(write_csv([["GMP", text, "31/07/2024", ""]], header=RETURNS))
    assert problems == []
    assert good[0][1] == "2024-25 Q1"


DISSEMINATION = ["dissemination_id", "disseminated_on", "force", "outcome_code", "outcome_on"]


def test_outcome_codes_and_the_outcome_date_rules(write_csv: Callable[..., Path]) -> None:
    rows = [
        ["N1", "01/04/2024", "GMP", "1a", "02/04/2024"],
        ["N2", "01/04/2024", "GMP", "", ""],
        ["N3", "01/04/2024", "GMP", "99", "02/04/2024"],
        ["N4", "01/04/2024", "GMP", "18", ""],
        ["N5", "01/04/2024", "GMP", "18", "31/03/2024"],
    ]
    path = write_csv(rows, header=DISSEMINATION)
    good, problems = check(path)
    assert [(row[0], row[5]) for row in good] == [("N1", "1A"), ("N2", None)]
    assert problems == [
        f"{path}, line 4, column outcome_code: '99': expected a Home Office outcome code (1, 1A, 2, ... 22)",
        f"{path}, line 5, column outcome_on: '': expected outcome_on is required when outcome_code is set",
        f"{path}, line 6, column outcome_on: '31/03/2024': expected outcome_on must not be before disseminated_on",
    ]


def test_region_by_name_or_alias(write_csv: Callable[..., Path]) -> None:
    header = ["region", "as_of", "posts_funded", "posts_filled"]
    rows = [
        ["Yorkshire and the Humber", "30/06/2024", "6", "6"],
        ["NWROCU", "30/06/2024", "6", "5"],
        ["Narnia", "30/06/2024", "6", "5"],
        ["Wales", "30/06/2024", "6", "7"],
    ]
    path = write_csv(rows, header=header)
    good, problems = check(path)
    assert [row[0] for row in good] == ["yorkshire_and_humber", "north_west"]
    assert problems[0].startswith(
        f"{path}, line 4, column region: 'Narnia': expected one of the ten regions"
    )
    assert (
        problems[1]
        == f"{path}, line 5, column posts_filled: '7': expected posts_filled must not be more than posts_funded"
    )
