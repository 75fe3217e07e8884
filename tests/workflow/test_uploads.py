"""Uploads are kept under a random id with their SHA-256, recorded with their job in one
transaction; a refused file leaves neither a row nor a file."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import pytest

from ndp.appdb import AppDB
from ndp.errors import NdpError
from ndp.workflow import jobs
from ndp.workflow.uploads import (
    Incoming,
    UploadLimits,
    UploadRefused,
    load_partially,
    receive,
    safe_name,
    uploads,
)

CSV = b"Disruption ID,Date\nDIS-1,01/07/2022\n"


def rows(db: AppDB, table: str) -> int:
    with db.transaction() as tx:
        return int(tx.run(f"SELECT count(*) FROM {table}")[0][0])


def test_files_are_kept_with_their_hash_and_queued_as_one_job(appdb: AppDB, tmp_path: Path) -> None:
    folder = tmp_path / "uploads"
    files = [Incoming("q1 disruptions.CSV", io.BytesIO(CSV)), Incoming("b.csv", io.BytesIO(CSV))]
    job_id = receive(appdb, folder, files, "ann", UploadLimits(), ("load", {"period": "2024-25 Q1"}),
                     "192.0.2.1")  # fmt: skip
    job = jobs.get(appdb, job_id)
    assert job is not None
    ids = job.params["uploads"]
    assert job.params == {"period": "2024-25 Q1", "uploads": ids}
    kept = uploads(appdb, folder, ids)
    assert [(u.name, u.size, u.sha256, u.kind, u.uploaded_by, u.job_id) for u in kept] == [
        ("q1 disruptions.CSV", len(CSV), hashlib.sha256(CSV).hexdigest(), "csv", "ann", job_id),
        ("b.csv", len(CSV), hashlib.sha256(CSV).hexdigest(), "csv", "ann", job_id),
    ]
    assert kept[0].path == folder / ids[0] / "q1 disruptions.csv"
    assert kept[0].path.read_bytes() == CSV
    assert len(ids[0]) == 32
    assert ids[0] != ids[1]
    assert sorted(p.name for p in folder.iterdir()) == sorted(ids)
    with appdb.transaction() as tx:
        audited = tx.run("SELECT action, target, remote_addr, detail FROM app_audit ORDER BY seq")
    assert [(a, t, r) for a, t, r, _ in audited] == [
        ("job_submitted", f"job:{job_id}", "192.0.2.1"),
        ("upload", f"upload:{ids[0]}", "192.0.2.1"),
        ("upload", f"upload:{ids[1]}", "192.0.2.1"),
    ]
    assert json.loads(audited[1][3]) == {
        "name": "q1 disruptions.CSV", "size": len(CSV),
        "sha256": hashlib.sha256(CSV).hexdigest(), "job": job_id,
    }  # fmt: skip


def test_one_refused_file_refuses_them_all_and_keeps_nothing(appdb: AppDB, tmp_path: Path) -> None:
    folder = tmp_path / "uploads"
    files = [
        Incoming("good.csv", io.BytesIO(CSV)),
        Incoming("big.csv", io.BytesIO(CSV * 100)),
        Incoming("chart.png", io.BytesIO(b"\x89PNG\r\n\x1a\n\x00")),
    ]
    limits = UploadLimits(max_bytes=2 * 1024 * 1024)
    with pytest.raises(UploadRefused) as raised:
        receive(appdb, folder, files, "ann", UploadLimits(max_bytes=len(CSV) * 10), ("load", {}))
    assert raised.value.problems == [
        ("big.csv", "The file is larger than 360 bytes. Split the extract into smaller files."),
        ("chart.png", "The file is not a CSV, XLSX or ODS file. Upload the extract itself."),
    ]
    assert list(folder.iterdir()) == []
    assert (rows(appdb, "app_uploads"), rows(appdb, "app_jobs"), rows(appdb, "app_audit")) == (
        0,
        0,
        0,
    )
    with pytest.raises(UploadRefused) as nothing:
        receive(appdb, folder, [], "ann", limits, ("load", {}))
    assert nothing.value.problems == [("", "Select one or more extract files to upload.")]


def test_a_kept_name_has_no_folders_or_control_characters() -> None:
    assert safe_name("C:\\Users\\ann\\q1.xlsx", "csv") == "q1.csv"
    assert safe_name("../../etc/passwd", "csv") == "passwd.csv"
    assert safe_name("a\x1b[2Jb.csv", "csv") == "a_[2Jb.csv"
    assert safe_name("...", "ods") == "extract.ods"


def test_only_a_refused_load_loads_again_partially(appdb: AppDB) -> None:
    job_id = jobs.submit(appdb, "load", {"uploads": ["u1"]}, "ann")
    job = jobs.claim_next(appdb)
    assert job is not None
    with pytest.raises(NdpError) as raised:
        load_partially(appdb, job, "ann")
    assert str(raised.value) == (
        f"job {job_id} is not a refused load: only a refused load can load partially"
    )
    jobs.finish(appdb, job, "failed", {"error": "1 problem", "problems": [{"line": 2}]})
    refused = jobs.get(appdb, job_id)
    assert refused is not None
    again = jobs.get(appdb, load_partially(appdb, refused, "bob"))
    assert again is not None
    assert (again.kind, again.params, again.submitted_by) == (
        "load",
        {"uploads": ["u1"], "partial": True},
        "bob",
    )
