"""The uploads of one quarter, for the quarter page: those whose load named the quarter (the
quarter in the upload's URL or form), newest first, and how many named no quarter at all
(uploads without one, and fixed quarantine exports, which load into whatever quarters their
rows fall in)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from ndp.appdb import AppDB


@dataclass(frozen=True)
class Upload:
    name: str
    kind: str
    uploaded_by: str
    uploaded_at: str
    job_id: int | None
    job_state: str | None


@dataclass(frozen=True)
class QuarterUploads:
    uploads: list[Upload]
    #: uploads whose load named no quarter (listed on the jobs page)
    unnamed: int


def quarter_uploads(db: AppDB, slug: str, limit: int = 50) -> QuarterUploads:
    """The latest ``limit`` uploads for the quarter ``slug`` (``2024-25-Q1``) with their load
    job's state, and the count of uploads that named no quarter."""
    with db.transaction() as tx:
        rows = tx.run(
            "SELECT u.name, u.kind, u.uploaded_by, u.uploaded_at, u.job_id, j.state, j.params"
            " FROM app_uploads u LEFT JOIN app_jobs j ON j.id = u.job_id"
            " ORDER BY u.uploaded_at DESC, u.name"
        )
    found: list[Upload] = []
    unnamed = 0
    for r in rows:
        period = json.loads(r[6]).get("period") if r[6] else None
        if period is None:
            unnamed += 1
        elif period == slug and len(found) < limit:
            found.append(Upload(str(r[0]), str(r[1]), str(r[2]), str(r[3]),
                                None if r[4] is None else int(r[4]), r[5]))  # fmt: skip
    return QuarterUploads(found, unnamed)
