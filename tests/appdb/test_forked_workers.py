"""A server that opens the app database and then forks its workers: each worker gets its own
connection, and the parent's keeps working."""

from __future__ import annotations

import multiprocessing

import pytest

from conftest import FAST
from ndp.appdb import AppDB, AuditVerdict


def _write(db: AppDB, worker: int) -> None:
    for n in range(20):
        db.audit(f"worker-{worker}", "view", f"/force/{n}")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def location(request: pytest.FixtureRequest, app_path: str) -> str:
    if request.param == "sqlite":
        return app_path
    return str(request.getfixturevalue("pg_url"))


def test_forked_workers_share_nothing_but_the_database(location: str) -> None:
    db = AppDB.open(location, settings=FAST)
    db.audit("server", "start", "dashboard")
    fork = multiprocessing.get_context("fork")
    workers = [fork.Process(target=_write, args=(db, w)) for w in range(3)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)  # a worker using the parent's connection can hang: fail instead
    codes = [w.exitcode for w in workers]
    for worker in workers:
        if worker.is_alive():
            worker.kill()
    assert codes == [0, 0, 0]
    db.audit("server", "stop", "dashboard")
    assert db.audit_verify() == AuditVerdict(True, 62, None, "62 rows, chain intact")
    db.close()
