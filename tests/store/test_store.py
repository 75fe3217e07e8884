"""open_store on both backends: tables, idempotent open, version, transactions, Ibis reads."""

from __future__ import annotations

from pathlib import Path

import pytest

from ndp.contract import contract
from ndp.errors import NdpError
from ndp.store import SCHEMA_VERSION, Store, open_store


def _expected_tables() -> set[str]:
    names = {"loads", "load_files", "quarantine", "reapplied_files", "ndp_schema"}
    for source in contract().sources:
        names |= {source, f"{source}__history"}
    return names


def test_duckdb_store_has_every_table_and_reopens(tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    with open_store(db) as store:
        assert store.kind == "duckdb"
        assert set(store.tables()) == _expected_tables()
        store.execute("INSERT INTO loads VALUES (1, now(), NULL, 'u', 'h', 'v', false, 'done')")
    with open_store(db) as store:  # second open: no error, data kept, one version row
        assert store.scalar("SELECT count(*) FROM loads") == 1
        assert store.execute("SELECT version FROM ndp_schema") == [(SCHEMA_VERSION,)]


def test_newer_store_is_refused(tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    with open_store(db) as store:
        store.execute("UPDATE ndp_schema SET version = ?", [SCHEMA_VERSION + 1])
    with pytest.raises(NdpError, match="newer"):
        open_store(db)


def _transaction_rolls_back(store: Store) -> None:
    def insert_then_fail() -> None:
        with store.transaction():
            store.execute("INSERT INTO loads VALUES (7, now(), NULL, 'u', 'h', 'v', false, 'x')")
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        insert_then_fail()
    assert store.scalar("SELECT count(*) FROM loads") == 0
    with store.transaction():
        store.execute("INSERT INTO loads VALUES (8, now(), NULL, 'u', 'h', 'v', false, 'x')")
    assert store.scalar("SELECT count(*) FROM loads") == 1


def test_duckdb_transaction(duck_store: Store) -> None:
    _transaction_rolls_back(duck_store)


def test_duckdb_ibis_reads_the_same_connection(duck_store: Store) -> None:
    duck_store.execute("INSERT INTO loads VALUES (3, now(), NULL, 'u', 'h', 'v', false, 'x')")
    assert duck_store.ibis.table("loads").count().execute() == 1


def test_duckdb_side_reader_reads_the_same_data_on_a_cursor_of_its_own(
    duck_store: Store,
) -> None:
    duck_store.execute("INSERT INTO loads VALUES (3, now(), NULL, 'u', 'h', 'v', false, 'x')")
    with duck_store.side_reader() as reader:
        assert reader is not None
        assert reader.con is not duck_store.con  # type: ignore[attr-defined]
        assert reader.execute("SELECT count(*) FROM loads") == [(1,)]
        assert reader.ibis.table("loads").count().execute() == 1
        assert reader.schema_fingerprint() == duck_store.schema_fingerprint()
    with pytest.raises(Exception, match="closed"):
        reader.execute("SELECT 1")
    assert duck_store.execute("SELECT count(*) FROM loads") == [(1,)]  # the store still open


@pytest.mark.postgres
def test_postgres_store(pg_url: str) -> None:
    with open_store(pg_url) as store:
        assert store.kind == "postgres"
        with store.side_reader() as reader:
            assert reader is None  # one connection: the engine reads in turn
        assert set(store.tables()) == _expected_tables()
        _transaction_rolls_back(store)
        assert store.ibis.table("loads").count().execute() == 1
    with open_store(pg_url) as store:
        assert store.execute("SELECT version FROM ndp_schema") == [(SCHEMA_VERSION,)]


def test_unreachable_postgres_is_a_user_error() -> None:
    with pytest.raises(NdpError, match="cannot connect"):
        open_store("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2")
