"""The job queue on SQLite and PostgreSQL: submitted, claimed in order, finished or failed,
each step in the audit log; a job a dead writer left running is failed at the next start."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from workflow_support import Clock

from ndp.appdb import AppDB
from ndp.errors import InputRefused, NdpError, Problem
from ndp.workflow import jobs, writer
from ndp.workflow.context import WriterContext


def audit_rows(db: AppDB) -> list[tuple[str, str, str, dict[str, Any]]]:
    with db.transaction() as tx:
        found = tx.run("SELECT actor, action, target, detail FROM app_audit ORDER BY seq")
    return [(a, b, c, json.loads(d)) for a, b, c, d in found]


def context_for(db: AppDB, tmp_path: Path) -> Any:
    def make(job: jobs.Job) -> WriterContext:
        return WriterContext(
            store=str(tmp_path / "ndp.duckdb"),
            published=tmp_path / "published",
            packs=tmp_path / "packs",
            progress=lambda text: jobs.report_progress(db, job.id, text),
            app_db=db,
        )

    return make


def test_a_submitted_job_is_queued_and_audited(appdb: AppDB) -> None:
    job_id = jobs.submit(appdb, "load", {"uploads": ["a1"]}, "ann")
    job = jobs.get(appdb, job_id)
    assert job == jobs.Job(
        id=job_id,
        kind="load",
        params={"uploads": ["a1"]},
        state="queued",
        progress="Waiting for the writer",
        submitted_by="ann",
        submitted_at="2026-12-01T09:00:00.000000Z",
        started_at=None,
        finished_at=None,
        result={},
    )
    assert audit_rows(appdb) == [
        ("ann", "job_submitted", f"job:{job_id}", {"kind": "load", "params": {"uploads": ["a1"]}})
    ]
    assert jobs.get(appdb, job_id + 1) is None


def test_jobs_run_one_at_a_time_in_submission_order(
    appdb: AppDB, tmp_path: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[int, str]] = []

    def handler(job: jobs.Job, context: WriterContext) -> dict[str, Any]:
        context.progress(f"doing {job.params['n']}")
        running = jobs.get(appdb, job.id)
        assert running is not None
        seen.append((job.id, running.progress))
        return {"n": job.params["n"] * 10}

    monkeypatch.setitem(writer.HANDLERS, "count", handler)
    first = jobs.submit(appdb, "count", {"n": 1}, "ann")
    second = jobs.submit(appdb, "count", {"n": 2}, "bob")
    clock.advance(5)
    done = writer.run_next(appdb, context_for(appdb, tmp_path))
    assert done is not None
    assert (done.id, done.state, done.result) == (first, "done", {"n": 10})
    assert (done.started_at, done.finished_at) == (
        "2026-12-01T09:00:05.000000Z",
        "2026-12-01T09:00:05.000000Z",
    )
    assert jobs.get(appdb, second).state == "queued"  # type: ignore[union-attr]
    writer.run_next(appdb, context_for(appdb, tmp_path))
    assert writer.run_next(appdb, context_for(appdb, tmp_path)) is None
    assert seen == [(first, "doing 1"), (second, "doing 2")]
    assert [j.id for j in jobs.recent(appdb)] == [second, first]
    assert [j.id for j in jobs.recent(appdb, limit=1)] == [second]
    assert [(a, b) for a, b, _, _ in audit_rows(appdb)] == [
        ("ann", "job_submitted"),
        ("bob", "job_submitted"),
        ("writer", "job_started"),
        ("writer", "job_finished"),
        ("writer", "job_started"),
        ("writer", "job_finished"),
    ]
    assert appdb.audit_verify().ok


def test_a_failing_job_records_why(
    appdb: AppDB, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuses(job: jobs.Job, context: WriterContext) -> dict[str, Any]:
        problem = Problem("/packs/uploads/x1/q1.csv", 3, "force", "Kentt", "a force's name")
        raise InputRefused([problem])

    def errs(job: jobs.Job, context: WriterContext) -> dict[str, Any]:
        raise NdpError("period 2024-25 Q5 is not a quarter")

    def crashes(job: jobs.Job, context: WriterContext) -> dict[str, Any]:
        raise ZeroDivisionError

    for kind, handler in (("refuses", refuses), ("errs", errs), ("crashes", crashes)):
        monkeypatch.setitem(writer.HANDLERS, kind, handler)
    for kind in ("refuses", "errs", "crashes", "unknown"):
        jobs.submit(appdb, kind, {}, "ann")
    ended = [writer.run_next(appdb, context_for(appdb, tmp_path)) for _ in range(4)]
    assert [(j.state, j.result) for j in ended if j is not None] == [
        (
            "failed",
            {
                "error": "1 problem found; nothing was loaded",
                "problems": [
                    {
                        "file": "q1.csv",
                        "line": 3,
                        "column": "force",
                        "value": "Kentt",
                        "expected": "a force's name",
                    }
                ],
            },
        ),
        ("failed", {"error": "period 2024-25 Q5 is not a quarter"}),
        ("failed", {"error": "internal error: ZeroDivisionError"}),
        ("failed", {"error": "no handler for jobs of kind 'unknown' (known: crashes, errs, "
                    "refuses)"}),
    ]  # fmt: skip
    failed = [(t, d) for _, a, t, d in audit_rows(appdb) if a == "job_failed"]
    assert failed[1] == ("job:2", {"kind": "errs", "error": "period 2024-25 Q5 is not a quarter"})


def test_a_job_left_running_by_a_dead_writer_fails_at_the_next_start(appdb: AppDB) -> None:
    job_id = jobs.submit(appdb, "load", {}, "ann")
    claimed = jobs.claim_next(appdb)
    assert claimed is not None
    assert claimed.state == "running"
    assert jobs.fail_abandoned(appdb) == [job_id]
    job = jobs.get(appdb, job_id)
    assert job is not None
    assert (job.state, job.result) == ("failed", {"error": jobs.ABANDONED})
    assert jobs.fail_abandoned(appdb) == []
    assert audit_rows(appdb)[-1] == (
        "writer",
        "job_failed",
        f"job:{job_id}",
        {"kind": "load", "error": "the writer stopped while this job was running; nothing it "
         "did was kept"},
    )  # fmt: skip


def test_a_second_writer_refuses_to_start(tmp_path: Path) -> None:
    store = str(tmp_path / "ndp.duckdb")
    settings = writer.WriterSettings(
        store, str(tmp_path / "app.sqlite"), tmp_path / "packs", tmp_path / "published"
    )
    first = writer.Writer(settings)
    first.open()
    try:
        with pytest.raises(NdpError) as raised:
            writer.Writer(settings).open()
        lock = tmp_path / "ndp.duckdb.writer.lock"
        assert str(raised.value) == (
            f"another writer is already running for this store (process {os.getpid()}"
            f", lock {lock}): stop it first, or serve without --db so that it stays the only "
            "writer"
        )
    finally:
        first.stop()
    second = writer.Writer(settings)
    second.open()
    second.stop()


def test_the_lock_of_a_store_at_a_url_is_in_the_packs_folder(tmp_path: Path) -> None:
    url = "postgresql://ndp@db/ndp"
    assert writer.lock_path(url, tmp_path) == tmp_path / "ndp-writer.lock"
    assert writer.lock_path("/data/ndp.duckdb", tmp_path) == Path("/data/ndp.duckdb.writer.lock")
