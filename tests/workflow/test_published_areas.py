"""A published version keeps its pack's area files (``pack.areas/``, one force's or region's
figures each) beside ``pack.json``; placing it for readers puts both in the packs folder, the
pack last, replacing what was there (the demo's pack and its area files, published by file).

The dashboard itself projects the whole pack, which it holds in memory (docs/dashboard.md):
the area files are for readers of one force's figures (``load_area``). So this checks the area
files are the published figures (``draft`` false) and that a force reader is served the
published version's page, not the pack that was there before."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from workflow_support import FAST

from ndp.appdb import AppDB, parse_scope
from ndp.engine.framework import load_framework
from ndp.engine.pack_files import area_file, areas_dir, load_area, write_pack
from ndp.periods import Quarter
from ndp.publish.draft import Draft
from ndp.publish.hashing import pack_hash
from ndp.publish.publish import publish
from ndp.publish.signoff import sign_off
from ndp.web import Settings, create_app
from ndp.workflow.publish_jobs import place_pack

SLUG = "2024-25-Q1"
KENT = "E23000032"
PASSWORD = "correct horse battery staple"
BANNER = "These figures are a draft"


def _draft(demo_pack: Any) -> Draft:
    pack = json.loads(demo_pack.to_json(), parse_float=Decimal)
    for load in pack["data_quality"]["loads"]:
        load["username"] = "ann"
    fw = Path(load_framework().path)
    return Draft(Quarter.parse("2024-25 Q1"), pack, pack_hash(pack), "", fw, None)


def _kent_page(packs: Path, tmp_path: Path) -> str:
    location = str(tmp_path / "app.sqlite")
    with AppDB.open(location, settings=FAST) as db:
        db.add_user("kent", "viewer", parse_scope(f"force:{KENT}"), PASSWORD)
    app = create_app(Settings(packs=packs, app_db=location, reload_interval=0))
    client = app.test_client()
    client.environ_base["wsgi.url_scheme"] = "https"
    page = client.get("/login").get_data(as_text=True)
    token = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    client.post("/login", data={"name": "kent", "password": PASSWORD, "csrf_token": token})
    response = client.get(f"/{SLUG}/force/{KENT}.json")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_a_published_version_keeps_its_area_files_and_places_them_for_readers(
    demo_pack: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("ndp.publish.publish.REPORT_FORMATS", ["html"])
    monkeypatch.setattr("ndp.publish.publish.FORCE_FORMATS", ["html"])
    root, packs = tmp_path / "published", tmp_path / "packs"
    write_pack(demo_pack, packs / f"pack-{SLUG}.json")  # as ndp demo leaves out/
    stale = area_file(packs / f"pack-{SLUG}.json", "force", "GONE")
    stale.write_text("{}", encoding="utf-8")
    draft = _draft(demo_pack)
    sign_off(root, draft, "bob", "approver")
    done = publish(root, draft, "bob", forces=[KENT])

    version_pack = done.reports / "pack.json"
    geo = draft.pack["geographies"]
    kept = sorted(p.name for p in areas_dir(version_pack).iterdir())
    assert kept == sorted([f"force-{c}.json" for c in geo["forces"]]
                          + [f"region-{r['code']}.json" for r in geo["regions"].values()])  # fmt: skip
    kent = load_area(version_pack, "force", KENT)
    assert kent["draft"] is False
    e1b = draft.pack["indicators"]["E1b.disruptions"]
    assert (
        kent["indicators"]["E1b.disruptions"]["area"]["value"] == e1b["by"]["force"][KENT]["value"]
    )
    manifest = json.loads((root / "2024-25Q1" / "v1.json").read_text(encoding="utf-8"))
    assert f"reports/{done.pack_hash}/pack.areas/force-{KENT}.json" in manifest["outputs"]

    placed = place_pack(packs, SLUG, done)
    assert placed.read_bytes() == version_pack.read_bytes()
    for name in kept:
        assert (areas_dir(placed) / name).read_bytes() == (
            areas_dir(version_pack) / name
        ).read_bytes(), name
    assert not stale.exists()
    assert load_area(placed, "force", KENT)["draft"] is False
    page = json.loads(_kent_page(packs, tmp_path))
    assert page["draft"] is False
    assert BANNER not in json.dumps(page)
