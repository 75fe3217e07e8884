"""Exact parsing (issue 14, item 1): one rule per kind, nothing read as something else.

Money never takes a decimal comma for a thousands separator, a date is the whole cell and its
time is checked, a workbook number keeps its digits or is refused, a formula without a saved
result is refused by its cell, and a header naming a column twice is refused naming both.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import duckdb
import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ndp.errors import InputRefused
from ndp.load import validate, validate_extract
from ndp.load.parsers import Invalid, parse_date

TODAY = date(2026, 11, 25)
SEIZURE = ["seizure_id", "date", "force", "threat", "type", "value_gbp", "estimated"]
DECIMAL_COMMA = "not a decimal comma (1234.50, not 1234,50)"


def problems_of(path: Path) -> list[str]:
    con = duckdb.connect()
    return [str(p) for p in validate_extract(con, path, today=TODAY).problems]


@pytest.mark.parametrize("text", ["1234,50", "12,34", "1,2,3,4", "1.234,50", "£12,5"])
def test_a_decimal_comma_is_refused_saying_so(write_csv: Callable[..., Path], text: str) -> None:
    path = write_csv([["S1", "2024-05-01", "Met", "MLAR", "Cash", text, ""]], header=SEIZURE)
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}, line 2, column value_gbp: {text!r}: expected")
    assert DECIMAL_COMMA in problem


@pytest.mark.parametrize("text", ["1,23,456", "12,3456", "1,234,56.00", ",123", "1 234"])
def test_commas_only_between_groups_of_three(write_csv: Callable[..., Path], text: str) -> None:
    path = write_csv([["S1", "2024-05-01", "Met", "MLAR", "Cash", text, ""]], header=SEIZURE)
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}, line 2, column value_gbp: {text!r}: expected an amount")


@pytest.mark.parametrize(
    "text", ["13/05/2024 to 14/05/2024", "2024-05-13 approx", "2024-05-13x", "13/05/2024 (est)"]
)
def test_a_date_is_the_whole_cell(
    write_csv: Callable[..., Path], disruption: Callable[..., list[str]], text: str
) -> None:
    path = write_csv([disruption(date=text)])
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}, line 2, column date: {text!r}: expected a date")
    assert "the whole cell must be the date" in problem


@pytest.mark.parametrize(
    "text",
    ["2024-05-13T99:99:99", "2024-05-13 24:00", "13/05/2024 12:60", "2024-05-13T10:00+25:00"],
)
@pytest.mark.parametrize("many", [False, True], ids=["distinct", "by-date-part"])
def test_an_impossible_time_is_refused(
    write_csv: Callable[..., Path],
    disruption: Callable[..., list[str]],
    monkeypatch: pytest.MonkeyPatch,
    text: str,
    many: bool,
) -> None:
    if many:  # the path a column of a million distinct time stamps takes
        monkeypatch.setattr(validate, "DISTINCT_DATES", 0)
    path = write_csv([disruption(date="2024-05-13T10:11:12"), disruption(id="D2", date=text)])
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}, line 3, column date: {text!r}: expected a date")


def test_a_long_workbook_number_is_refused_with_its_cell(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(SEIZURE)
    sheet.append([12345678901234567890, "2024-05-01", "Met", "MLAR", "Cash", 10, "yes"])
    sheet.append([123456789012345, "2024-05-01", "Met", "MLAR", "Cash", 10, "yes"])
    path = tmp_path / "s.xlsx"
    book.save(path)
    con = duckdb.connect()
    result = validate_extract(con, path, today=TODAY)
    [problem] = [str(p) for p in result.problems]
    assert problem.startswith(f"{path}, line 2, column seizure_id: '1.23456789012346e+19'")
    assert "(cell A2)" in problem
    good = con.execute(f"SELECT seizure_id FROM {result.good}").fetchall()
    assert good == [("123456789012345",)]  # 15 digits are exact


def test_a_formula_without_a_saved_result_is_refused_with_its_cell(tmp_path: Path) -> None:
    book = openpyxl.Workbook()  # openpyxl saves formulas without results, as some tools do
    sheet = book.active
    sheet.append(SEIZURE)
    sheet.append(["S1", "2024-05-01", "Met", "MLAR", "Cash", "=SUM(1,2)", "yes"])
    sheet.append(["S2", "2024-05-01", "Met", "MLAR", "Cash", 7, "yes"])
    path = tmp_path / "s.xlsx"
    book.save(path)
    con = duckdb.connect()
    result = validate_extract(con, path, today=TODAY)
    assert [str(p) for p in result.problems] == [
        f"{path}, line 2, column value_gbp: '=SUM(1,2)': expected a value, not a formula without "
        "a saved result (cell F2); open the workbook in Excel and save it, or paste the column "
        "as values"
    ]
    assert result.refused[0].record["value_gbp"] == "=SUM(1,2)"


@pytest.mark.parametrize("second", ["Force", "FORCE", "force"])
@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_column_named_twice_is_refused_naming_both(
    tmp_path: Path, write_csv: Callable[..., Path], second: str, kind: str
) -> None:
    header = ["disruption_id", "date", "Force", second, "threat", "level"]
    row = ["D1", "2024-05-13", "Met", "Met", "Fraud", "Major"]
    if kind == "csv":
        path = write_csv([row], header=header)
    else:
        book = openpyxl.Workbook()
        book.active.append(header)
        book.active.append(row)
        path = tmp_path / "d.xlsx"
        book.save(path)
    with pytest.raises(InputRefused) as refused:
        validate_extract(duckdb.connect(), path, today=TODAY)
    [problem] = [str(p) for p in refused.value.problems]
    assert problem.startswith(f"{path}, line 1, column {second}:")
    assert f"column 4 ({second!r}) and column 3 ('Force')" in problem


# --- properties: a value written in any accepted form parses to itself, nothing else parses ---

DAYS = st.dates(min_value=date(2000, 1, 1), max_value=TODAY)
TIMES = st.one_of(
    st.just(""),
    st.builds(
        lambda sep, h, m, s, zone: f"{sep}{h:02d}:{m:02d}{s}{zone}",
        st.sampled_from([" ", "T"]),
        st.integers(0, 23),
        st.integers(0, 59),
        st.sampled_from(["", ":00", ":59", ":07.5"]),
        st.sampled_from(["", "Z", "+01:00", "-0530"]),
    ),
)


def date_forms(day: date) -> list[str]:
    """Every way the contract accepts of writing ``day`` (without a time)."""
    forms = {day.isoformat(), f"{day.year}-{day.month}-{day.day}"}
    for d in (f"{day.day:02d}", str(day.day)):
        for m in (f"{day.month:02d}", str(day.month)):
            forms |= {f"{d}/{m}/{day.year}", f"{d}/{m}/{day.year % 100:02d}"}
    return sorted(forms)


@given(day=DAYS, form=st.integers(0, 20), time=TIMES)
def test_property_every_accepted_date_form_parses_to_its_day(
    day: date, form: int, time: str
) -> None:
    forms = date_forms(day)
    assert parse_date(forms[form % len(forms)] + time, TODAY) == day.isoformat()


@given(
    text=st.text(alphabet="0123456789/-: T.Z+x", max_size=24)
    | st.builds(lambda d, tail: d.isoformat() + tail, DAYS, st.text(max_size=6))
)
@settings(max_examples=400)
def test_property_nothing_else_parses_as_a_date(text: str) -> None:
    try:
        parsed = parse_date(text, TODAY)
    except Invalid:
        return
    day = date.fromisoformat(parsed)
    written = text.replace("T", " ").split(" ")[0]
    assert written in date_forms(day)
    tail = text[len(written) :]
    assert tail == "" or _is_time(tail)


def _is_time(tail: str) -> bool:
    """An independent check of the time rule: a separator and hh:mm[:ss[.f]][zone] in range."""
    found = re.fullmatch(
        r"[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-](\d{2}):?(\d{2}))?", tail, re.ASCII
    )
    if not found:
        return False
    h, m, s, oh, om = (int(g) if g else 0 for g in found.groups())
    return h < 24 and m < 60 and s < 60 and oh < 24 and om < 60


def money(text: str) -> tuple[Decimal | None, str | None]:
    """(value, error) of one money cell through the validator's own SQL."""
    from ndp.contract import contract

    column = contract().sources["asset_seizures"].columns["value_gbp"]
    typed, error = validate._sql_check(column, "v")
    row = duckdb.execute(
        f"SELECT CAST({typed} AS DECIMAL(18,2)), {error} FROM (SELECT NULLIF(TRIM(?), '') AS v)",
        [text],
    ).fetchone()
    assert row is not None
    return row[0], row[1]


def money_forms(pence: int) -> list[str]:
    pounds, rest = divmod(pence, 100)
    grouped = f"{pounds:,}"
    decimals = [f".{rest:02d}"] + ([f".{rest // 10}"] if rest % 10 == 0 else [])
    decimals += [""] if rest == 0 else []
    return [
        f"{sign}{whole}{dec}"
        for sign in ("", "£", "£ ")
        for whole in {str(pounds), grouped}
        for dec in decimals
    ]


@given(pence=st.integers(0, 10**14), form=st.integers(0, 40))
@settings(max_examples=150, deadline=None)
def test_property_every_accepted_amount_parses_to_itself(pence: int, form: int) -> None:
    forms = money_forms(pence)
    value, error = money(forms[form % len(forms)])
    assert error is None
    assert value == Decimal(pence) / 100


@given(text=st.text(alphabet="0123456789,.£ -", min_size=1, max_size=12))
@settings(max_examples=300, deadline=None)
def test_property_nothing_else_parses_as_money(text: str) -> None:
    value, error = money(text)
    if value is None:
        assert error is not None or not text.strip()
        return
    # leading zeros and the spaces after £ change nothing; all else is one of the forms
    written = re.sub(r"^(£ ?) *", r"\1", text.strip())
    written = re.sub(r"^(£ ?)?0+(?=[0-9])", lambda m: m[1] or "", written)
    assert written in money_forms(int(value * 100))
