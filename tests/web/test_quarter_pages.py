"""Drafts, the quarter's state, sign-off, the publish form and the diff page, as each role
meets them. The demo quarter is a draft (``drafts/pack-2024-25-Q1.json``, prepared by ann);
2023-24 Q4 is published."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from webkit import KENT, PASSWORD, PERIOD, client_of, csrf_of, sign_in

from ndp.appdb import AppDB, parse_scope
from ndp.contract import contract
from ndp.publish.hashing import pack_hash
from ndp.publish.layout import read_json
from ndp.web import Settings, create_app

USERS = {  # name -> (role, scope)
    "nation": ("viewer", "national"),
    "kent": ("viewer", f"force:{KENT}"),
    "carol": ("analyst", "national"),
    "ann": ("approver", "national"),
    "bob": ("approver", "national"),
}
BANNER = (
    "These figures are a draft: not published, and seen only by analysts, approvers and "
    "administrators."
)


def _draft_of(published: Path, folder: Path) -> Path:
    """The demo pack as the quarter's draft, its data loaded by ann."""
    data = json.loads((published / f"pack-{PERIOD}.json").read_text(encoding="utf-8"))
    for load in data["data_quality"]["loads"]:
        load["username"] = "ann"
    target = folder / "drafts" / f"pack-{PERIOD}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(data), encoding="utf-8")
    return target


@pytest.fixture
def folders(published: Path, tmp_path: Path) -> tuple[Path, Path]:
    packs = tmp_path / "packs"
    packs.mkdir()
    shutil.copy(published / "pack-2023-24-Q4.json", packs)
    _draft_of(published, packs)
    return packs, tmp_path / "published"


def _app(packs: Path, pub: Path, tmp_path: Path, store: str | None = None) -> Flask:
    db = AppDB.open(str(tmp_path / "app.sqlite"))
    for name, (role, scope) in USERS.items():
        db.add_user(name, role, parse_scope(scope), PASSWORD)
    db.close()
    app = create_app(Settings(packs=packs, app_db=str(tmp_path / "app.sqlite"), published=pub,
                              store=store, reload_interval=0))  # fmt: skip
    app.testing = True
    return app


@pytest.fixture
def app(folders: tuple[Path, Path], tmp_path: Path) -> Flask:
    return _app(*folders, tmp_path)


@pytest.fixture
def user(app: Flask) -> Callable[[str], FlaskClient]:
    def make(name: str) -> FlaskClient:
        client = client_of(app)
        assert sign_in(client, name).status_code == 302
        return client

    return make


def _audit(app: Flask) -> list[tuple[str, str, str, dict[str, Any]]]:
    with AppDB.open(app.extensions["ndp"].settings.app_db_location) as db, db.transaction() as tx:
        rows = tx.run("SELECT actor, action, target, detail FROM app_audit ORDER BY seq")
    return [(r[0], r[1], r[2], json.loads(r[3]) if r[3] else {}) for r in rows]


def test_readers_get_404_for_a_draft_and_are_not_offered_it(
    user: Callable[[str], FlaskClient],
) -> None:
    nation, kent = user("nation"), user("kent")
    for client, own in ((nation, "national"), (kent, f"force/{KENT}")):
        for url in (f"/{PERIOD}-draft/{own}", f"/{PERIOD}-draft/{own}.json", f"/{PERIOD}/{own}",
                    f"/{PERIOD}-draft/data-quality", f"/{PERIOD}/quarter"):  # fmt: skip
            assert client.get(url).status_code == 404, url
        page = client.get(f"/2023-24-Q4/{own}").get_data(as_text=True)
        assert "2024-25 Q1" not in page
        assert BANNER not in page
    assert nation.get("/").headers["Location"] == "/2023-24-Q4/national"


def test_the_analyst_sees_the_draft_marked_and_can_switch(
    user: Callable[[str], FlaskClient], folders: tuple[Path, Path], published: Path
) -> None:
    carol = user("carol")
    assert carol.get("/").headers["Location"] == f"/{PERIOD}-draft/national"
    page = carol.get(f"/{PERIOD}-draft/national").get_data(as_text=True)
    assert BANNER in page
    assert "<title>Draft: " in page
    assert "2024-25 Q1 (draft)" in page
    assert "See the published version" not in page  # none yet
    twin = carol.get(f"/{PERIOD}-draft/national.json").get_json()
    assert twin["draft"] is True
    assert carol.get("/2023-24-Q4/national.json").get_json()["draft"] is False

    shutil.copy(published / f"pack-{PERIOD}.json", folders[0])  # the quarter is published too
    page = carol.get(f"/{PERIOD}-draft/force/{KENT}").get_data(as_text=True)
    assert f'href="/{PERIOD}/force/{KENT}">See the published version</a>' in page
    page = carol.get(f"/{PERIOD}/force/{KENT}").get_data(as_text=True)
    assert BANNER not in page
    assert f'href="/{PERIOD}-draft/force/{KENT}">See the draft</a>' in page


def test_a_draft_page_cached_for_an_analyst_never_reaches_a_reader(
    user: Callable[[str], FlaskClient], folders: tuple[Path, Path], published: Path
) -> None:
    packs = folders[0]
    draft = packs / "drafts" / f"pack-{PERIOD}.json"
    shutil.copy(draft, packs / f"pack-{PERIOD}.json")  # published and draft byte-identical
    carol, nation = user("carol"), user("nation")
    assert BANNER in carol.get(f"/{PERIOD}-draft/national").get_data(as_text=True)
    assert BANNER not in carol.get(f"/{PERIOD}/national").get_data(as_text=True)
    assert BANNER not in nation.get(f"/{PERIOD}/national").get_data(as_text=True)
    assert nation.get(f"/{PERIOD}/national.json").get_json()["draft"] is False
    assert nation.get(f"/{PERIOD}-draft/national").status_code == 404


def test_the_quarter_page_for_analysts_only(user: Callable[[str], FlaskClient]) -> None:
    carol = user("carol")
    page = carol.get(f"/{PERIOD}/quarter").get_data(as_text=True)
    assert "The quarter's state</h1>" in page
    assert "Not signed off" in page
    assert "Not published" in page
    twin = carol.get(f"/{PERIOD}/quarter.json").get_json()
    assert twin["draft"] is True
    assert twin["prepared_by"] == "ann"
    sources = {a["source"] for a in twin["arrived"]}
    assert twin["expected"] == [s for s in contract().sources if s not in sources]
    assert sum(a["rows"] for a in twin["arrived"]) > 0
    assert all(a["loaded_by"] == "ann" for a in twin["arrived"])
    assert twin["versions"] == []
    assert f'href="/{PERIOD}/signoff"' not in page  # an analyst does not sign off
    assert user("nation").get(f"/{PERIOD}/quarter").status_code == 404
    assert user("kent").get(f"/{PERIOD}/quarter.json").status_code == 404


def _post(client: FlaskClient, url: str, **form: str) -> Any:
    token = csrf_of(client.get(url).get_data(as_text=True))
    return client.post(url, data={"csrf_token": token, **form})


def test_sign_off_refused_for_the_preparer_and_done_by_another_approver(
    user: Callable[[str], FlaskClient], app: Flask, folders: tuple[Path, Path]
) -> None:
    packs, pub = folders
    seen = pack_hash(read_json(packs / "drafts" / f"pack-{PERIOD}.json"))
    assert user("carol").get(f"/{PERIOD}/signoff").status_code == 404
    ann = user("ann")
    page = ann.get(f"/{PERIOD}/signoff").get_data(as_text=True)
    assert f"pack {seen}" in page
    refused = _post(ann, f"/{PERIOD}/signoff", pack_hash=seen)
    assert refused.status_code == 400
    assert (
        "ann prepared the 2024-25 Q1 draft and cannot sign it off too: a second person, with "
        "the approver role, must"
    ) in refused.get_data(as_text=True)
    assert not (pub / "2024-25Q1").exists()

    done = _post(user("bob"), f"/{PERIOD}/signoff", pack_hash=seen)
    assert (done.status_code, done.headers["Location"]) == (303, f"/{PERIOD}/quarter")
    record = read_json(pub / "2024-25Q1" / f"signoff-{seen}.json")
    assert (record["prepared_by"], record["approved_by"]) == ("ann", "bob")
    at = datetime.fromisoformat(record["at"]).astimezone(UTC)
    approved = f"Approved by bob on {at.day} {at:%B %Y, %H:%M} UTC"
    assert approved in user("carol").get(f"/{PERIOD}/quarter").get_data(as_text=True)
    actions = [(a[0], a[1]) for a in _audit(app)]
    assert ("ann", "signoff_refused") in actions
    assert ("bob", "signoff") in actions


def test_the_publish_form_says_what_is_missing_then_queues_the_job(
    folders: tuple[Path, Path], tmp_path: Path
) -> None:
    packs, pub = folders
    no_store = _app(packs, pub, tmp_path)
    bob = client_of(no_store)
    sign_in(bob, "bob")
    page = _post(bob, f"/{PERIOD}/publish")
    assert page.status_code == 400
    assert "This dashboard has no store (ndp serve --db STORE), so nothing can be published from it" in page.get_data(as_text=True)  # fmt: skip

    app = create_app(Settings(packs=packs, app_db=str(tmp_path / "app.sqlite"), published=pub,
                              store=str(tmp_path / "ndp.duckdb"), reload_interval=0))  # fmt: skip
    bob, carol = client_of(app), client_of(app)
    sign_in(bob, "bob")
    sign_in(carol, "carol")
    assert carol.get(f"/{PERIOD}/publish").status_code == 404
    page = _post(bob, f"/{PERIOD}/publish")
    assert "The 2024-25 Q1 draft is not signed off: an approver signs it off first" in page.get_data(as_text=True)  # fmt: skip
    seen = pack_hash(read_json(packs / "drafts" / f"pack-{PERIOD}.json"))
    _post(bob, f"/{PERIOD}/signoff", pack_hash=seen)
    queued = _post(bob, f"/{PERIOD}/publish")
    assert queued.status_code == 303
    job = queued.headers["Location"]
    assert job.startswith("/jobs/")
    with AppDB.open(str(tmp_path / "app.sqlite")) as db:
        from ndp.workflow import jobs

        found = jobs.get(db, int(job.removeprefix("/jobs/")))
    assert found is not None
    assert (found.kind, found.state, found.submitted_by) == ("publish", "queued", "bob")
    assert found.params == {"period": PERIOD, "reason": None, "pack_hash": seen}
    assert ("bob", "publish_submitted") in [(a[0], a[1]) for a in _audit(app)]

    _version(pub, 1, read_json(packs / "drafts" / f"pack-{PERIOD}.json"))
    page = _post(bob, f"/{PERIOD}/publish", reason="  ")
    assert page.status_code == 400
    assert "2024-25 Q1 was published before (version 1): give the reason for this revision" in page.get_data(as_text=True)  # fmt: skip


def _version(pub: Path, number: int, pack: dict[str, Any]) -> None:
    """A published version as ndp.publish leaves it: the manifest and the version's pack."""
    digest = pack_hash(pack)
    reports = pub / "reports" / digest
    reports.mkdir(parents=True, exist_ok=True)
    (reports / "pack.json").write_text(json.dumps(pack, default=str), encoding="utf-8")
    manifest = {"period": "2024-25 Q1", "version": number, "pack_hash": digest,
                "published_by": "bob", "published_at": f"2026-12-0{number}T09:00:00+00:00",
                "approved_by": "bob", "reason": "late return" if number > 1 else None}  # fmt: skip
    (pub / "2024-25Q1").mkdir(parents=True, exist_ok=True)
    (pub / "2024-25Q1" / f"v{number}.json").write_text(json.dumps(manifest), encoding="utf-8")


def test_the_diff_page_lists_the_changed_figures(
    user: Callable[[str], FlaskClient], folders: tuple[Path, Path]
) -> None:
    packs, pub = folders
    pack = json.loads((packs / "drafts" / f"pack-{PERIOD}.json").read_text(encoding="utf-8"))
    _version(pub, 1, pack)
    name = next(iter(pack["indicators"]))
    old = pack["indicators"][name]["value"]
    pack["indicators"][name]["value"] = 12345
    _version(pub, 2, pack)
    carol = user("carol")
    twin = carol.get(f"/{PERIOD}/diff.json").get_json()
    assert twin == {"period": "2024-25 Q1", "from": 1, "to": 2,
                    "changes": [{"indicator": name, "area": "national", "old": old,
                                 "new": 12345}]}  # fmt: skip
    page = carol.get(f"/{PERIOD}/diff").get_data(as_text=True)
    assert "Version 1 to version 2: 1 figure changed." in page
    assert user("nation").get(f"/{PERIOD}/diff").status_code == 404
