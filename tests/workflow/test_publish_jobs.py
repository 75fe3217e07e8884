"""The quarter from draft to readers through the writer: ann's draft, refused when she signs it
off herself, signed off by bob from the draft pack, published by the writer's ``publish`` job,
whose pack then reaches a force reader who saw nothing of the quarter before.

Publishing writes the report and the 45 force editions; here only in HTML (the formats are the
publish library's module constants), since tests/publish checks every format and this test is
about the job, the placing of the pack and who sees it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from workflow_support import FAST

from ndp.appdb import AppDB, parse_scope
from ndp.engine.build import build_pack
from ndp.engine.pack_files import write_pack
from ndp.errors import NdpError
from ndp.load import load_files
from ndp.periods import Quarter
from ndp.store import open_store
from ndp.web import Settings, create_app
from ndp.workflow import jobs, writer
from ndp.workflow.drafts import read_draft, sign_off_draft

pytestmark = pytest.mark.slow
SLUG = "2024-25-Q1"
KENT = "E23000032"
PASSWORD = "correct horse battery staple"


def _audit(db: AppDB) -> list[tuple[str, str, str, dict[str, object]]]:
    with db.transaction() as tx:
        rows = tx.run("SELECT actor, action, target, detail FROM app_audit ORDER BY seq")
    return [(r[0], r[1], r[2], json.loads(r[3]) if r[3] else {}) for r in rows]


def _kent_sees(packs: Path, app_db: Path) -> int:
    app = create_app(Settings(packs=packs, app_db=str(app_db), reload_interval=0))
    client = app.test_client()
    client.environ_base["wsgi.url_scheme"] = "https"
    page = client.get("/login").get_data(as_text=True)
    token = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    client.post("/login", data={"name": "kent", "password": PASSWORD, "csrf_token": token})
    return client.get(f"/{SLUG}/force/{KENT}").status_code


def test_signed_off_draft_published_by_the_writer_reaches_readers(
    tmp_path: Path, demo_extracts: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("ndp.publish.publish.REPORT_FORMATS", ["html"])
    monkeypatch.setattr("ndp.publish.publish.FORCE_FORMATS", ["html"])
    extracts = tmp_path / "extracts"
    extracts.mkdir()
    paths = [Path(shutil.copy(p, extracts / p.name)) for p in demo_extracts]
    store, packs, published = tmp_path / "ndp.duckdb", tmp_path / "packs", tmp_path / "published"
    with open_store(str(store)) as s:
        load_files(s, paths, username="ann")
        write_pack(
            build_pack(s, Quarter.parse("2024-25 Q1")), packs / "drafts" / f"pack-{SLUG}.json"
        )
    app_db = tmp_path / "app.sqlite"
    db = AppDB.open(str(app_db), settings=FAST)
    db.add_user("kent", "viewer", parse_scope(f"force:{KENT}"), PASSWORD)
    assert _kent_sees(packs, app_db) == 404

    draft = read_draft(packs, SLUG)
    assert draft is not None
    assert draft.prepared_by == "ann"
    with pytest.raises(NdpError) as refused:
        sign_off_draft(packs, published, SLUG, "Ann", "approver", draft.pack_hash)
    assert str(refused.value) == (
        "Ann prepared the 2024-25 Q1 draft and cannot sign it off too: a second person, with "
        "the approver role, must"
    )
    with pytest.raises(NdpError) as stale:
        sign_off_draft(packs, published, SLUG, "bob", "approver", "0" * 64)
    assert str(stale.value) == (
        f"the 2024-25 Q1 draft changed while you were reading it (now pack "
        f"{draft.pack_hash[:12]}): check the figures again, then sign off"
    )
    signed = sign_off_draft(packs, published, SLUG, "bob", "approver", draft.pack_hash)
    assert (signed.prepared_by, signed.approved_by, signed.new) == ("ann", "bob", True)

    job_id = jobs.submit(db, "publish", {"period": SLUG, "reason": None}, "bob")
    settings = writer.WriterSettings(str(store), str(app_db), packs, published)
    done = writer.run_next(db, lambda job: writer.job_context(settings, db, job))
    assert done is not None
    assert done.id == job_id
    assert done.state == "done", done.result
    assert done.result["version"] == 1
    assert done.result["summary"] == (
        f"Published 2024-25 Q1 version 1 (pack {draft.pack_hash[:12]}): readers now see it"
    )
    assert done.result["pack_hash"] == draft.pack_hash
    manifest = json.loads((published / "2024-25Q1" / "v1.json").read_text(encoding="utf-8"))
    assert (manifest["published_by"], manifest["approved_by"]) == ("bob", "bob")
    reports = published / "reports" / draft.pack_hash
    assert (packs / f"pack-{SLUG}.json").read_bytes() == (reports / "pack.json").read_bytes()
    assert not (packs / "drafts" / f"pack-{SLUG}.json").exists()
    assert ("bob", "published", f"/{SLUG}/quarter") in [a[:3] for a in _audit(db)]
    assert _kent_sees(packs, app_db) == 200
