"""The writer's load jobs on the demo extracts, one spoilt: refused with every problem and
nothing loaded; loaded partially with the rest in quarantine; the quarantine listed and
exported; the fixed export reloaded; each load rebuilding the quarter's draft."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from workflow_support import FAST

from ndp.appdb import AppDB
from ndp.store import open_store
from ndp.synth.demo.broken import break_demo_extract
from ndp.workflow import jobs, writer
from ndp.workflow.uploads import Incoming, UploadLimits, load_partially, receive

pytestmark = pytest.mark.slow


def upload(db: AppDB, packs: Path, paths: list[Path], kind: str = "load") -> int:
    files = [Incoming(p.name, io.BytesIO(p.read_bytes())) for p in paths]
    params = {"period": "2024-25 Q1"} if kind == "load" else {}
    return receive(db, packs / "uploads", files, "ann", UploadLimits(), (kind, params))


def run_one(db: AppDB, tmp_path: Path) -> jobs.Job:
    settings = writer.WriterSettings(str(tmp_path / "ndp.duckdb"), "", tmp_path / "packs",
                                     tmp_path / "published")  # fmt: skip
    done = writer.run_next(db, lambda job: writer.job_context(settings, db, job))
    assert done is not None
    return done


def loads(store_path: Path) -> list[tuple[int, str]]:
    with open_store(str(store_path), read_only=True) as store:
        return [(int(a), str(b)) for a, b in store.execute(
            "SELECT load_id, status FROM loads ORDER BY load_id")]  # fmt: skip


def test_refused_then_partial_then_quarantine_then_reload(
    tmp_path: Path, demo_extracts: list[Path]
) -> None:
    extracts = tmp_path / "extracts"
    shutil.copytree(demo_extracts[0].parent, extracts)
    damage = break_demo_extract(extracts)
    packs = tmp_path / "packs"
    db = AppDB.open(str(tmp_path / "app.sqlite"), settings=FAST)
    paths = [extracts / p.name for p in demo_extracts]

    job_id = upload(db, packs, paths)
    refused = run_one(db, tmp_path)
    assert refused.id == job_id
    assert refused.state == "failed"
    assert refused.result["error"] == "2 problems found; nothing was loaded"
    assert [
        (p["file"], p["line"], p["column"], p["value"]) for p in refused.result["problems"]
    ] == [(d.file, d.line, d.column.lower(), d.value) for d in damage]
    assert not (tmp_path / "ndp.duckdb").exists() or loads(tmp_path / "ndp.duckdb") == []

    load_partially(db, refused, "ann")
    partial = run_one(db, tmp_path)
    assert partial.state == "done", partial.result
    assert partial.result["summary"].endswith(", 2 rows quarantined")
    assert partial.result["drafts"] == ["2024-25-Q1"]
    assert (packs / "drafts" / "pack-2024-25-Q1.json").is_file()
    assert loads(tmp_path / "ndp.duckdb") == [(1, "complete")]

    jobs.submit(db, "quarantine", {}, "ann")
    listed = run_one(db, tmp_path)
    assert listed.result["count"] == 2
    assert [name.startswith("quarantine-") for name in listed.result["exports"]] == [True]
    assert [(r["file"], r["line"]) for r in listed.result["rows"]] == [
        ("apmis-disruptions.csv", 3), ("apmis-disruptions.csv", 5)]  # fmt: skip
    export = packs / "uploads" / "exports" / str(listed.id) / listed.result["exports"][0]
    fixed = tmp_path / "fixed" / export.name
    fixed.parent.mkdir()
    table = list(csv.reader(io.StringIO(export.read_text(encoding="utf-8-sig"))))
    for row in table[1:]:
        for d in damage:
            if d.value in row:
                row[row.index(d.value)] = d.was
    buffer = io.StringIO()
    csv.writer(buffer).writerows(table)
    fixed.write_text(buffer.getvalue(), encoding="utf-8-sig")

    upload(db, packs, [fixed], kind="reload")
    reloaded = run_one(db, tmp_path)
    assert reloaded.state == "done", reloaded.result
    assert [(f["inserted"], f["released"]) for f in reloaded.result["files"]] == [(2, 2)]
    jobs.submit(db, "quarantine", {}, "ann")
    assert run_one(db, tmp_path).result["count"] == 0
    db.close()
