"""Properties of the parsers and of the quarantine's CSV (issue 14, item 5): a value written in
any accepted form parses to itself, nothing else parses, and any text survives the export's
neutralising and the reload's reading unchanged. (Dates and money: test_exact_parsing.py.)"""

from __future__ import annotations

import csv
import re
import tempfile
from pathlib import Path

import duckdb
from hypothesis import given, settings
from hypothesis import strategies as st

from ndp.contract import contract
from ndp.load import validate
from ndp.load.cells import TRIGGERS, neutralise, restore
from ndp.load.csvfile import read_csv
from ndp.load.parsers import Invalid, parse_boolean, parse_quarter


def count(text: str) -> tuple[int | None, str | None]:
    """(value, error) of one count cell through the validator's own SQL."""
    column = contract().sources["operation_results"].columns["arrests"]
    typed, error = validate._sql_check(column, "v")
    row = duckdb.execute(
        f"SELECT {typed}, {error} FROM (SELECT NULLIF(TRIM(?), '') AS v)", [text]
    ).fetchone()
    assert row is not None
    return row[0], row[1]


@given(n=st.integers(0, 10**15), zeros=st.integers(0, 3), point=st.sampled_from(["", ".0", ".00"]))
@settings(deadline=None)
def test_property_every_accepted_count_parses_to_itself(n: int, zeros: int, point: str) -> None:
    assert count("0" * zeros + str(n) + point) == (n, None)


@given(text=st.text(alphabet="0123456789.-+ e,", min_size=1, max_size=8))
@settings(max_examples=300, deadline=None)
def test_property_nothing_else_parses_as_a_count(text: str) -> None:
    value, error = count(text)
    if value is None:
        assert error is not None or not text.strip()
        return
    assert error is None
    found = re.fullmatch(r"([0-9]+)(\.0+)?", text.strip())
    assert found is not None
    assert int(found[1]) == value


BOOLEANS = {"true": ["true", "yes", "y", "1"], "false": ["false", "no", "n", "0"]}


@given(value=st.sampled_from(["true", "false"]), form=st.integers(0, 3), data=st.data())
def test_property_every_accepted_boolean_parses_to_itself(
    value: str, form: int, data: st.DataObject
) -> None:
    written = BOOLEANS[value][form]
    cased = "".join(data.draw(st.sampled_from([c.lower(), c.upper()])) for c in written)
    assert parse_boolean(f" {cased} ") == value


@given(text=st.text(alphabet="truefalsyno01TRUEFALSYNO ", max_size=6))
def test_property_nothing_else_parses_as_a_boolean(text: str) -> None:
    try:
        value = parse_boolean(text)
    except Invalid:
        return
    assert text.strip().casefold() in BOOLEANS[value]


def quarter_forms(year: int, q: int) -> list[str]:
    """Every way of writing the quarter the contract documents (2024-25 Q1 and its kin)."""
    short = f"{year % 100:02d}/{(year + 1) % 100:02d}"
    return [
        f"{year}-{(year + 1) % 100:02d} Q{q}",
        f"{year}-{(year + 1) % 100:02d}Q{q}",
        f"{year}-{(year + 1) % 100:02d}-Q{q}",
        f"{year}/{(year + 1) % 100:02d} Q{q}",
        f"Q{q} {short}",
        f"FY{short} Q{q}",
        f"fy{short} q{q}",
    ]


@given(year=st.integers(2000, 2098), q=st.integers(1, 4), form=st.integers(0, 6))
def test_property_every_accepted_quarter_parses_to_itself(year: int, q: int, form: int) -> None:
    label = f"{year}-{(year + 1) % 100:02d} Q{q}"
    assert parse_quarter(quarter_forms(year, q)[form]) == label


@given(text=st.text(alphabet="0123456789-/ QqFY_", max_size=14))
@settings(max_examples=400)
def test_property_nothing_else_parses_as_a_quarter(text: str) -> None:
    try:
        label = parse_quarter(text)
    except Invalid:
        return
    year, q = int(label[:4]), int(label[-1])
    cleaned = " ".join(text.split()).upper()
    years = rf"(FY ?)?({year}|{year % 100:02d}) ?[-/] ?({year + 1}|{(year + 1) % 100:02d})"
    assert re.fullmatch(rf"{years} ?[-_]? ?Q{q}|Q{q} ?{years}", cleaned), (text, label)


# --- the quarantine's CSV: any text is neutralised, quoted, and read back exactly ---

CELLS = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12
)


@given(text=CELLS)
def test_property_neutralising_is_undone_exactly(text: str) -> None:
    written = neutralise(text)
    assert not written[:1] or written[0] not in TRIGGERS
    assert restore(written) == text


@given(rows=st.lists(st.lists(CELLS, min_size=2, max_size=2), min_size=1, max_size=6))
@settings(max_examples=60, deadline=None)
def test_property_an_export_reads_back_exactly(rows: list[list[str]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.csv"
        with path.open("w", newline="", encoding="utf-8-sig") as handle:
            writer = csv.writer(handle, lineterminator="\r\n")  # as the export writes
            writer.writerow(["a", "b"])
            writer.writerows([[neutralise(c) for c in row] for row in rows])
        con = duckdb.connect()
        read_csv(con, path, "t", restore=True)
        back = con.execute("SELECT a, b FROM t ORDER BY _line").fetchall()
    expected = [tuple(c or None for c in row) for row in rows if any(row)]
    assert back == expected
