"""The quarter's state at a glance, for the analyst's quarter page: which sources have arrived
(from whom, when, rows), what the contract still expects, rows refused, forces' returns, the
draft's data-quality flags, its sign-off, the published versions and the recent uploads.

Read from the draft pack (or, without one, the published pack), the publications folder and
the app database; never from the store, which only the writer opens."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ndp.appdb import AppDB
from ndp.contract import contract
from ndp.publish.layout import read_json
from ndp.publish.signoff import SignOff, preparer_of, signoff_for
from ndp.publish.versions import Version, versions
from ndp.workflow.drafts import read_draft


@dataclass(frozen=True)
class Arrival:
    source: str
    file: str
    rows: int
    loaded_by: str | None
    loaded_at: str | None


@dataclass(frozen=True)
class Upload:
    name: str
    kind: str
    uploaded_by: str
    uploaded_at: str
    job_id: int | None
    job_state: str | None


@dataclass(frozen=True)
class QuarterState:
    slug: str
    label: str
    #: the draft's pack hash (None: the quarter has no draft)
    draft_hash: str | None
    prepared_by: str | None
    arrived: list[Arrival]
    #: the contract's sources with no file loaded yet
    expected: list[str]
    refused_rows: int
    returns: dict[str, Any]
    flags: list[dict[str, Any]]
    signoff: SignOff | None
    versions: list[Version]
    uploads: list[Upload] = field(default_factory=list)


def arrivals(pack: dict[str, Any]) -> list[Arrival]:
    """Each extract in the pack's provenance, with who loaded it and when."""
    loads = {ld.get("load_id"): ld for ld in pack.get("data_quality", {}).get("loads", [])}
    found = []
    for f in pack.get("provenance", {}).get("files", []):
        load = loads.get(f.get("load_id"), {})
        found.append(Arrival(str(f.get("source")), Path(str(f.get("path"))).name,
                             int(f.get("rows") or 0), load.get("username"),
                             load.get("finished_at")))  # fmt: skip
    return found


def recent_uploads(db: AppDB, limit: int = 50) -> list[Upload]:
    """The latest uploads with their load job's state, newest first."""
    with db.transaction() as tx:
        rows = tx.run(
            "SELECT u.name, u.kind, u.uploaded_by, u.uploaded_at, u.job_id, j.state"
            " FROM app_uploads u LEFT JOIN app_jobs j ON j.id = u.job_id"
            " ORDER BY u.uploaded_at DESC LIMIT ?",
            (limit,),
        )
    return [Upload(str(r[0]), str(r[1]), str(r[2]), str(r[3]),
                   None if r[4] is None else int(r[4]), r[5]) for r in rows]  # fmt: skip


def quarter_state(packs: Path, published: Path, slug: str, db: AppDB | None = None
                  ) -> QuarterState | None:  # fmt: skip
    """The quarter's state; None when it has neither a draft nor a published pack."""
    draft = read_draft(packs, slug)
    pack_file = packs / f"pack-{slug}.json"
    if draft is not None:
        pack = draft.draft.pack
    elif pack_file.is_file():
        pack = read_json(pack_file)
    else:
        return None
    label = str(pack["period"]["label"])
    arrived = arrivals(pack)
    seen = {a.source for a in arrived}
    dq = pack.get("data_quality", {})
    return QuarterState(
        slug=slug,
        label=label,
        draft_hash=draft.pack_hash if draft else None,
        prepared_by=preparer_of(pack),
        arrived=arrived,
        expected=[s for s in contract().sources if s not in seen],
        refused_rows=int((dq.get("quarantine") or {}).get("rows") or 0),
        returns=dq.get("returns") or {},
        flags=list(dq.get("flags") or []),
        signoff=signoff_for(published, label, draft.pack_hash) if draft else None,
        versions=versions(published, label),
        uploads=recent_uploads(db) if db is not None else [],
    )
