"""Closed-set columns (forces, regions, outcome codes, enumerations) are DuckDB ENUMs: created
so, converted from an older store's text, widened by new reference values, and never narrowed."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from ndp.reference import reference
from ndp.store import open_store
from ndp.store.closed_sets import enum_type, enum_values

KINDS = "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = ?"


def _kinds(db: str, table: str) -> dict[str, str]:
    with open_store(db) as store:
        return dict(store.execute(KINDS, [table]))  # type: ignore[arg-type]


def test_a_new_store_types_closed_sets_as_enums_and_reads_them_as_text(tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    kinds = _kinds(db, "disruptions")
    assert enum_values(kinds["force"]) == set(reference().forces)
    assert enum_values(kinds["level"]) == {"major", "moderate", "minor"}
    assert enum_values(kinds["threat"]) is not None
    assert kinds["disruption_id"] == "VARCHAR"  # open columns stay text
    assert enum_values(_kinds(db, "disruptions__history")["force"]) == set(reference().forces)
    assert enum_values(_kinds(db, "disseminations")["outcome_code"]) == set(
        reference().outcome_codes
    )
    assert enum_values(_kinds(db, "campaigns")["region"]) == set(reference().regions)
    with open_store(db) as store:
        store.execute(
            "INSERT INTO disruptions (disruption_id, date, force, threat, category, level,"
            " _load_id, _file_id, _line) VALUES ('D1', DATE '2024-04-01', 'E23000001', 'fraud',"
            " 'pursue', 'minor', 1, 1, 2)"
        )
        table = store.ibis.table("disruptions")
        assert table.schema()["force"].is_string()
        assert table.select("force", "level").to_pyarrow().to_pylist() == [
            {"force": "E23000001", "level": "minor"}
        ]


def test_an_older_store_of_text_columns_is_converted_with_its_rows(tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    open_store(db).close()
    con = duckdb.connect(db)
    con.execute("ALTER TABLE disruptions ALTER COLUMN force TYPE VARCHAR")
    con.execute(
        "INSERT INTO disruptions (disruption_id, date, force, threat, category, level,"
        " _load_id, _file_id, _line) VALUES ('D1', DATE '2024-04-01', 'E23000032', 'fraud',"
        " 'pursue', 'minor', 1, 1, 2)"
    )
    con.close()
    assert enum_values(_kinds(db, "disruptions")["force"]) == set(reference().forces)
    with open_store(db) as store:
        assert store.execute("SELECT force::VARCHAR FROM disruptions") == [("E23000032",)]


def test_new_reference_values_widen_the_type_and_stored_values_are_never_dropped(
    tmp_path: Path,
) -> None:
    """A store typed by an older reference (without Kent) that holds a unit this ndp no longer
    lists ('OLDUNIT'): opening it adds Kent and keeps OLDUNIT, so no row is lost or refused."""
    db = str(tmp_path / "s.duckdb")
    open_store(db).close()
    older = [*(c for c in reference().forces if c != "E23000032"), "OLDUNIT"]
    con = duckdb.connect(db)
    con.execute(f"ALTER TABLE disruptions ALTER COLUMN force TYPE {enum_type(older)}")
    con.execute(
        "INSERT INTO disruptions (disruption_id, date, force, threat, category, level,"
        " _load_id, _file_id, _line) VALUES ('D1', DATE '2024-04-01', 'OLDUNIT', 'fraud',"
        " 'pursue', 'minor', 1, 1, 2)"
    )
    con.close()
    assert enum_values(_kinds(db, "disruptions")["force"]) == {*reference().forces, "OLDUNIT"}
    with open_store(db) as store:
        assert store.execute("SELECT force::VARCHAR FROM disruptions") == [("OLDUNIT",)]


def test_a_typed_store_is_left_alone_on_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = str(tmp_path / "s.duckdb")
    open_store(db).close()
    statements: list[str] = []
    real = duckdb.DuckDBPyConnection.execute

    def recording(self: duckdb.DuckDBPyConnection, sql: str, *args: object) -> object:
        statements.append(sql)
        return real(self, sql, *args)

    monkeypatch.setattr(duckdb.DuckDBPyConnection, "execute", recording)
    open_store(db).close()
    assert statements  # the recorder sees the store's statements
    assert not [s for s in statements if s.startswith("ALTER TABLE")]


@pytest.mark.parametrize(
    ("kind", "values"),
    [
        ("ENUM('a', 'b''s')", {"a", "b's"}),
        ("VARCHAR", None),
    ],
)
def test_enum_values_reads_duckdbs_spelling(kind: str, values: set[str] | None) -> None:
    assert enum_values(kind) == values
    if values is not None:
        assert enum_type(list(values)) == kind
