"""Jobs: work the dashboard asks the one writer to do, kept in the app database's ``app_jobs``.

A job is ``queued`` when submitted, ``running`` once the writer claims it, then ``done`` or
``failed`` with a result (a JSON object). Jobs run one at a time in submission order. Every
change of state is recorded in the audit log in the same transaction as the change, so the log
and the table never disagree. A job found ``running`` when a writer starts was left so by a
writer that died: ``fail_abandoned`` marks it failed, saying so.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Literal, cast

from ndp.appdb import AppDB
from ndp.appdb.audit import iso
from ndp.errors import NdpError

JobState = Literal["queued", "running", "done", "failed"]
ABANDONED = "the writer stopped while this job was running; nothing it did was kept"
_COLUMNS = (
    "id, kind, params, state, progress, submitted_by, submitted_at, started_at, finished_at, result"
)


@dataclass(frozen=True)
class Job:
    """One job as the app database holds it (times are ISO 8601 in UTC)."""

    id: int
    kind: str
    params: dict[str, Any]
    state: JobState
    progress: str
    submitted_by: str
    submitted_at: str
    started_at: str | None
    finished_at: str | None
    result: dict[str, Any]

    @property
    def finished(self) -> bool:
        return self.state in ("done", "failed")


def _job(row: tuple[Any, ...]) -> Job:
    return Job(
        id=int(row[0]),
        kind=str(row[1]),
        params=json.loads(row[2]),
        state=cast(JobState, row[3]),
        progress=str(row[4]),
        submitted_by=str(row[5]),
        submitted_at=str(row[6]),
        started_at=row[7],
        finished_at=row[8],
        result=json.loads(row[9]),
    )


def submit(db: AppDB, kind: str, params: dict[str, Any], by: str) -> int:
    """Queue a job of ``kind`` for the writer; return its id. Recorded as ``job_submitted``."""
    if not kind:
        raise NdpError("a job needs a kind (load, build, publish, ...)")
    with db.transaction(exclusive=True) as tx:
        found = tx.run(
            "INSERT INTO app_jobs (kind, params, state, progress, submitted_by, submitted_at,"
            " result) VALUES (?, ?, 'queued', 'Waiting for the writer', ?, ?, '{}') RETURNING id",
            (kind, json.dumps(params, sort_keys=True), by, iso(db.now())),
        )
        job_id = int(found[0][0])
        db.audit_in(tx, by, "job_submitted", f"job:{job_id}", {"kind": kind, "params": params})
    return job_id


def get(db: AppDB, job_id: int) -> Job | None:
    """The job with this id; None when there is none."""
    with db.transaction() as tx:
        found = tx.run(f"SELECT {_COLUMNS} FROM app_jobs WHERE id = ?", (job_id,))
    return _job(found[0]) if found else None


def recent(db: AppDB, limit: int = 20) -> list[Job]:
    """The latest ``limit`` jobs, newest first."""
    with db.transaction() as tx:
        found = tx.run(f"SELECT {_COLUMNS} FROM app_jobs ORDER BY id DESC LIMIT ?", (limit,))
    return [_job(row) for row in found]


def claim_next(db: AppDB) -> Job | None:
    """Mark the oldest queued job running and return it; None when none is queued. Only the
    writer calls this (the writer's lock file makes it the only one)."""
    with db.transaction(exclusive=True) as tx:
        found = tx.run(
            f"SELECT {_COLUMNS} FROM app_jobs WHERE state = 'queued' ORDER BY id LIMIT 1"
        )
        if not found:
            return None
        job = _job(found[0])
        started = iso(db.now())
        tx.run(
            "UPDATE app_jobs SET state = 'running', started_at = ?, progress = 'Started'"
            " WHERE id = ?",
            (started, job.id),
        )
        db.audit_in(tx, "writer", "job_started", f"job:{job.id}", {"kind": job.kind})
    return Job(**{**job.__dict__, "state": "running", "started_at": started, "progress": "Started"})


def report_progress(db: AppDB, job_id: int, text: str) -> None:
    """Set what a running job is doing now (shown on its page)."""
    with db.transaction() as tx:
        tx.run(
            "UPDATE app_jobs SET progress = ? WHERE id = ? AND state = 'running'", (text, job_id)
        )


def finish(db: AppDB, job: Job, state: Literal["done", "failed"], result: dict[str, Any]) -> None:
    """Record a running job's end and its result; audited as ``job_finished`` or ``job_failed``."""
    with db.transaction(exclusive=True) as tx:
        tx.run(
            "UPDATE app_jobs SET state = ?, finished_at = ?, result = ?, progress = ?"
            " WHERE id = ?",
            (state, iso(db.now()), json.dumps(result, sort_keys=True),
             "Finished" if state == "done" else "Failed", job.id),
        )  # fmt: skip
        action = "job_finished" if state == "done" else "job_failed"
        db.audit_in(tx, "writer", action, f"job:{job.id}", {"kind": job.kind, **_brief(result)})


def fail_abandoned(db: AppDB) -> list[int]:
    """Mark failed every job left ``running`` by a writer that died; return their ids."""
    with db.transaction(exclusive=True) as tx:
        found = tx.run("SELECT id, kind FROM app_jobs WHERE state = 'running' ORDER BY id")
        for job_id, kind in found:
            tx.run(
                "UPDATE app_jobs SET state = 'failed', finished_at = ?, result = ?,"
                " progress = 'Failed' WHERE id = ?",
                (iso(db.now()), json.dumps({"error": ABANDONED}), job_id),
            )
            db.audit_in(tx, "writer", "job_failed", f"job:{job_id}",
                        {"kind": kind, "error": ABANDONED})  # fmt: skip
    return [int(row[0]) for row in found]


def _brief(result: dict[str, Any]) -> dict[str, Any]:
    """What of a result goes into the audit log: its error, not pages of problems."""
    return {key: result[key] for key in ("error", "load_id", "summary") if key in result}
