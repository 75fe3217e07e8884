"""The writer's load jobs: ``load`` runs ``ndp.load`` on uploaded extracts exactly as
``ndp load`` does (the same validation, quarantine and lineage, one transaction), ``reload``
loads fixed quarantine exports as ``ndp quarantine reload`` does, ``quarantine`` lists and
exports the rows in quarantine as ``ndp quarantine list`` and ``export`` do, and ``build``
rebuilds a quarter's draft pack.

After a load writes anything, the draft pack of each affected quarter is rebuilt into
``PACKS/drafts/``: the quarter the upload was for, and every quarter that already has a draft.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ndp.engine.build import build_pack
from ndp.engine.pack_files import write_pack
from ndp.errors import NdpError
from ndp.load import LoadResult, load_files
from ndp.load.orchestrate import ExtractFile
from ndp.load.quarantine import export_quarantine, quarantined_rows, reload_quarantine
from ndp.periods import Quarter
from ndp.store import Store, open_store
from ndp.workflow.context import WriterContext
from ndp.workflow.jobs import Job
from ndp.workflow.uploads import uploads

#: seconds the writer waits for a command-line user holding the store file
STORE_WAIT = 30.0
#: rows of the quarantine a job's page lists (the export holds them all)
QUARANTINE_SHOWN = 500


def slug(quarter: Quarter) -> str:
    return f"{quarter.year.label}-Q{quarter.number}"


def load_job(job: Job, context: WriterContext) -> dict[str, Any]:
    """Load the job's uploads; ``InputRefused`` (the job fails with the problems) when any row
    is refused and the analyst did not choose a partial load."""
    kept = uploads(context.app_db, context.uploads, job.params["uploads"])
    names = {u.path: u.name for u in kept}
    with open_store(context.store, wait=STORE_WAIT) as store:
        if job.kind == "reload":
            context.progress("loading the fixed rows")
            result = reload_quarantine(store, [u.path for u in kept], username=job.submitted_by)
        else:
            result = load_files(
                store,
                [ExtractFile(u.path) for u in kept],
                partial=bool(job.params.get("partial")),
                username=job.submitted_by,
                progress=context.progress,
            )
        drafts, unbuilt = _rebuild_drafts(store, job, context) if result.load_id else ([], [])
    return {"load_id": result.load_id, "files": _files(result, names), "drafts": drafts,
            "drafts_not_built": unbuilt, "summary": _summary(result)}  # fmt: skip


def build_job(job: Job, context: WriterContext) -> dict[str, Any]:
    """Rebuild the draft pack of ``params["period"]``."""
    with open_store(context.store, read_only=True, wait=STORE_WAIT) as store:
        return {"drafts": [_build(store, Quarter.parse(job.params["period"]), context)]}


def quarantine_job(job: Job, context: WriterContext) -> dict[str, Any]:
    """The rows in quarantine (the first ``QUARANTINE_SHOWN``) and their export, one CSV per
    source, kept under ``PACKS/uploads/exports/<job id>/`` for the page to offer."""
    out_dir = context.uploads / "exports" / str(job.id)
    with open_store(context.store, read_only=True, wait=STORE_WAIT) as store:
        rows = quarantined_rows(store)
        exported = export_quarantine(store, out_dir) if rows else []
    shown = [{"id": r.quarantine_id, "source": r.source, "file": Path(r.file).name,
              "line": r.line, "reasons": r.reason_text}
             for r in rows[:QUARANTINE_SHOWN]]  # fmt: skip
    return {"count": len(rows), "rows": shown, "exports": [p.name for p in exported],
            "summary": f"{len(rows):,} rows in quarantine"}  # fmt: skip


def _rebuild_drafts(store: Store, job: Job, context: WriterContext) -> tuple[list[str], list[str]]:
    """The drafts rebuilt, and why any could not be (the load itself has committed: a quarter
    without enough data yet is not a failed load)."""
    quarters = {Quarter.parse(p.name[len("pack-") : -len(".json")])
                for p in context.drafts.glob("pack-*.json")}  # fmt: skip
    if job.params.get("period"):
        quarters.add(Quarter.parse(job.params["period"]))
    built, unbuilt = [], []
    for quarter in sorted(quarters):
        try:
            built.append(_build(store, quarter, context))
        except NdpError as error:
            unbuilt.append(f"The draft of {quarter.label} was not rebuilt: {error}")
    return built, unbuilt


def _build(store: Store, quarter: Quarter, context: WriterContext) -> str:
    context.progress(f"building the draft of {quarter.label}")
    name = slug(quarter)
    pack = build_pack(store, quarter, commentary=context.commentary(name))
    write_pack(pack, context.drafts / f"pack-{name}.json")
    return slug(quarter)


def _files(result: LoadResult, names: dict[Path, str]) -> list[dict[str, Any]]:
    return [
        {"file": names.get(f.path, f.path.name), "source": f.source, "status": f.status,
         "rows": f.rows_read, "inserted": f.inserted, "updated": f.updated,
         "unchanged": f.unchanged, "quarantined": f.quarantined, "released": f.released}
        for f in result.files
    ]  # fmt: skip


def _summary(result: LoadResult) -> str:
    if result.load_id is None:
        return "Nothing new to load: every file was loaded before"
    rows = sum(f.inserted + f.updated for f in result.files)
    quarantined = sum(f.quarantined for f in result.files)
    text = f"Load {result.load_id}: {rows:,} rows loaded"
    return text + (f", {quarantined:,} rows quarantined" if quarantined else "")
