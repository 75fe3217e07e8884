"""The same extracts give the same tables in PostgreSQL as in DuckDB."""

from __future__ import annotations

from pathlib import Path

import pytest

from ndp.contract import contract
from ndp.load import load_files
from ndp.store import Store, open_store

pytestmark = pytest.mark.postgres


def contents(store: Store, table: str) -> list[tuple[object, ...]]:
    columns = ", ".join(f'"{c}"' for c in contract().sources[table].columns)
    return sorted(store.execute(f"SELECT {columns}, _line FROM {table}"), key=repr)


def test_demo_extracts_load_identically_into_postgresql(
    pg_url: str, demo_extracts: list[Path], demo_store: Store
) -> None:
    with open_store(pg_url) as pg:
        result = load_files(pg, demo_extracts)
        assert sum(f.inserted for f in result.files) == demo_store.scalar(
            "SELECT sum(rows_inserted) FROM load_files"
        )
        for source in contract().sources:
            assert contents(pg, source) == contents(demo_store, source), source


def test_postgresql_updates_keep_history_and_refusals_write_nothing(
    pg_url: str, tmp_path: Path
) -> None:
    header = "dissemination_id,disseminated_on,force,outcome_code,outcome_on\n"
    first, second, bad = tmp_path / "a.csv", tmp_path / "b.csv", tmp_path / "c.csv"
    first.write_text(header + "N1,01/04/2024,GMP,,\n")
    second.write_text(header + "N1,01/04/2024,GMP,18,20/05/2024\n")
    bad.write_text(header + "N2,01/04/2024,Gotham,,\n")
    with open_store(pg_url) as pg:
        load_files(pg, [first])
        assert load_files(pg, [second]).files[0].updated == 1
        assert pg.execute("SELECT outcome_code FROM disseminations__history") == [(None,)]
        with pytest.raises(Exception, match="nothing was loaded"):
            load_files(pg, [bad])
        assert pg.scalar("SELECT count(*) FROM disseminations") == 1
