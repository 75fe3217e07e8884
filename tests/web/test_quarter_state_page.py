"""The quarter page as an analyst reads it: refused rows per file, late and missing returns by
force name, times to the minute in words, only the quarter's own uploads, and what readers see
of the quarter (a published version, a pack put in the packs folder by file, or nothing)."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient
from pagetext import read_page, words
from webkit import KENT, PASSWORD, PERIOD, client_of, sign_in

from ndp.appdb import AppDB, parse_scope
from ndp.publish.hashing import pack_hash
from ndp.web import Settings, create_app
from ndp.workflow.uploads import Incoming, UploadLimits, quarter_slug, receive

MET = "E23000001"
#: 2026-12-07 11:24:33 UTC, when the uploads below are made
UPLOADED = 1_796_642_673.0
BY_FILE = (
    "Published by file: readers see pack-2024-25-Q1.json, which was put in the packs folder "
    "outside this workflow (by ndp demo, ndp build or a copy), with no sign-off"
)


def _demo(published: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (published / f"pack-{PERIOD}.json").read_text(encoding="utf-8")
    )
    return data


def _write(path: Path, data: dict[str, Any]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _client(packs: Path, pub: Path, tmp_path: Path) -> tuple[FlaskClient, AppDB]:
    location = str(tmp_path / "app.sqlite")
    db = AppDB.open(location, clock=lambda: UPLOADED)
    db.add_user("carol", "analyst", parse_scope("national"), PASSWORD)
    app = create_app(Settings(packs=packs, app_db=location, published=pub, reload_interval=0))
    app.testing = True
    client = client_of(app)
    assert sign_in(client, "carol").status_code == 302
    return client, db


def _upload(db: AppDB, packs: Path, name: str, period: str | None) -> None:
    text = io.BytesIO(b"disruption_id,date,force\nD1,13/05/2024,Kent\n")
    params = {} if period == "reload" else {"period": quarter_slug(period)}  # as the form
    kind = "reload" if period == "reload" else "load"
    receive(db, packs / "uploads", [Incoming(name, text)], "carol", UploadLimits(), (kind, params))


def test_the_draft_quarter_in_words(published: Path, tmp_path: Path) -> None:
    packs, pub = tmp_path / "packs", tmp_path / "published"
    data = _demo(published)
    for load in data["data_quality"]["loads"]:
        load["username"], load["finished_at"] = "ann", "2026-12-06 09:05:10.654321"
    files = data["provenance"]["files"]
    for f, held in zip(files, [3, 2], strict=False):
        f["quarantined"] = held
    data["data_quality"]["quarantine"]["rows"] = 5
    data["data_quality"]["returns"].update(late=[KENT], missing=[MET, "XYZ"])
    _write(packs / "drafts" / f"pack-{PERIOD}.json", data)
    carol, db = _client(packs, pub, tmp_path)
    _upload(db, packs, "apmis-disruptions.csv", "2024-25 Q1")
    _upload(db, packs, "older.csv", "2023-24 Q4")
    _upload(db, packs, "no-quarter.csv", None)
    _upload(db, packs, "fixed.csv", "reload")

    html = carol.get(f"/{PERIOD}/quarter").get_data(as_text=True)
    page = read_page(html)
    arrived = page.tables["Sources arrived"]
    assert arrived[0] == ["Source", "File", "Rows", "Refused, in quarantine", "Loaded by",
                          "Loaded at"]  # fmt: skip
    first = files[0]
    assert first["source"] == "disruptions"
    assert arrived[1] == ["Disruptions (APMIS)", Path(first["path"]).name, f"{first['rows']:,}", "3",
                          "ann", "6 December 2026, 09:05 UTC"]  # fmt: skip
    assert arrived[2][3] == "2"
    assert [row[3] for row in arrived[3:]] == ["0"] * (len(files) - 2)
    assert len(arrived) == 1 + len(files)
    assert "Rows refused and held in quarantine: 5." in words(html)
    assert page.summary["Late"] == "Kent Police"
    assert page.summary["Missing"] == "Metropolitan Police Service, XYZ"
    assert page.tables["Uploads for 2024-25 Q1"] == [
        ["File", "Kind", "By", "At", "Load"],
        ["apmis-disruptions.csv", "csv", "carol", "7 December 2026, 11:24 UTC", "queued"],
    ]
    assert (
        "2 other uploads named no quarter (fixed quarantine exports, or extracts uploaded "
        "without one): see the jobs."
    ) in words(html)
    assert page.summary["Published"] == "Not published"
    assert ".654321" not in html
    assert "09:05:10" not in html
    twin = carol.get(f"/{PERIOD}/quarter.json").get_json()
    assert [a["refused"] for a in twin["arrived"][:2]] == [3, 2]
    assert twin["returns"]["late"] == ["Kent Police"]
    assert [u["name"] for u in twin["uploads"]] == ["apmis-disruptions.csv"]
    assert (twin["uploads_unnamed"], twin["readers_see"]) == (2, None)


def test_a_pack_put_in_the_packs_folder_is_published_by_file(
    published: Path, tmp_path: Path
) -> None:
    packs, pub = tmp_path / "packs", tmp_path / "published"
    _write(packs / f"pack-{PERIOD}.json", _demo(published))  # as ndp demo leaves out/
    carol, _ = _client(packs, pub, tmp_path)
    html = carol.get(f"/{PERIOD}/quarter").get_data(as_text=True)
    summary = read_page(html).summary
    assert summary["Published"] == BY_FILE + " or published version"
    assert summary["Draft"] == (
        "No draft: the quarter's data has not been loaded, or it is published as it stands"
    )
    assert "Not published" not in html
    assert carol.get(f"/{PERIOD}/quarter.json").get_json()["readers_see"] == "file"


def _version(pub: Path, pack: dict[str, Any]) -> None:
    reports = pub / "reports" / pack_hash(pack)
    _write(reports / "pack.json", pack)
    manifest = {"period": "2024-25 Q1", "version": 1, "pack_hash": pack_hash(pack),
                "published_by": "bob", "published_at": "2026-12-01T09:00:00+00:00",
                "approved_by": "dan", "reason": None}  # fmt: skip
    _write(pub / "2024-25Q1" / "v1.json", manifest)


@pytest.mark.parametrize("placed", ["version", "rebuilt"])
def test_what_readers_see_of_a_published_quarter(
    published: Path, tmp_path: Path, placed: str
) -> None:
    packs, pub = tmp_path / "packs", tmp_path / "published"
    pack = {**_demo(published), "draft": False}
    _version(pub, pack)
    _write(packs / f"pack-{PERIOD}.json", pack if placed == "version" else _demo(published))
    carol, _ = _client(packs, pub, tmp_path)
    page = read_page(carol.get(f"/{PERIOD}/quarter").get_data(as_text=True))
    if placed == "version":
        expected = "Version 1, published by bob on 1 December 2026, 09:00 UTC: readers see it"
    else:  # ndp build wrote over the published pack: readers see that, not version 1
        expected = BY_FILE + ", instead of version 1"
    assert page.summary["Published"] == expected
    assert page.tables["Published versions"][1] == [
        "Version 1",
        pack_hash(pack)[:12],
        "bob, 1 December 2026, 09:00 UTC",
        "dan",
        "",
    ]


def test_times_in_words() -> None:
    from ndp.web.times import when

    assert when("2026-12-07T05:10:03.123456Z") == "7 December 2026, 05:10 UTC"
    assert when("2026-12-07T11:24:59+01:00") == "7 December 2026, 10:24 UTC"
    assert when("2026-12-07 11:24:33.123456") == "7 December 2026, 11:24 UTC"
    assert when(None) == when("") == ""
    assert when("not a time") == "not a time"
    assert datetime(2026, 12, 7, 11, 24, tzinfo=UTC).timestamp() == UPLOADED - 33
