"""Writers in several processes keep the audit chain whole, on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import json
import multiprocessing
from collections import Counter

import pytest
from appdb_workers import FAST, write_audit

from ndp.appdb import AppDB, AuditVerdict

WORKERS, ROWS = 4, 50


def write_concurrently(location: str) -> list[dict[str, object]]:
    AppDB.open(location, settings=FAST).close()  # tables made once, before the race
    spawn = multiprocessing.get_context("spawn")
    with spawn.Pool(WORKERS) as pool:
        assert (
            pool.starmap(write_audit, [(location, w, ROWS) for w in range(WORKERS)])
            == [ROWS] * WORKERS
        )
    out = io.StringIO()
    with AppDB.open(location, settings=FAST) as db:
        assert db.audit_verify() == AuditVerdict(True, 200, None, "200 rows, chain intact")
        db.audit_export(out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def check_rows(rows: list[dict[str, object]]) -> None:
    assert [r["seq"] for r in rows] == list(range(1, WORKERS * ROWS + 1))
    assert Counter(r["actor"] for r in rows) == {f"worker-{w}": ROWS for w in range(WORKERS)}
    # each worker's rows keep their order, and times never go backwards along the chain
    for w in range(WORKERS):
        mine = [r["detail"]["n"] for r in rows if r["actor"] == f"worker-{w}"]  # type: ignore[index]
        assert mine == list(range(ROWS))
    times = [str(r["at"]) for r in rows]
    assert times == sorted(times)


def test_four_processes_on_sqlite(tmp_path: object) -> None:
    check_rows(write_concurrently(str(tmp_path) + "/app.sqlite"))


@pytest.mark.postgres
def test_four_processes_on_postgres(pg_url: str) -> None:
    check_rows(write_concurrently(pg_url))
