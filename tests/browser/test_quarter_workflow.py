"""The quarter from draft to readers in Chromium: ann's draft of the demo quarter exists; Kent's
reader finds nothing of it; bob, an approver, reads the draft, signs it off and publishes it,
following the job's page until it is done; Kent's reader then sees the quarter.

The dashboard and its writer run in this process (werkzeug's server on a thread, the writer on
another), so publishing can write the report and force editions in HTML only (the publish
library's module constants): tests/publish checks every format; this test is about who does what
in the browser and who sees what after."""

from __future__ import annotations

import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from browserkit import PASSWORD, free_port, sign_in
from playwright.sync_api import Page, expect
from werkzeug.serving import make_server

from ndp.appdb import AppDB, parse_scope
from ndp.engine.build import build_pack
from ndp.engine.pack_files import write_pack
from ndp.load import load_files
from ndp.periods import Quarter
from ndp.store import open_store
from ndp.web import Settings, create_app
from ndp.workflow.writer import Writer, WriterSettings

pytestmark = pytest.mark.slow
SLUG = "2024-25-Q1"
KENT = "E23000032"


@pytest.fixture(scope="module")
def server(demo_extracts: list[Path], tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The dashboard with a store and its writer, over ann's draft of the demo quarter."""
    patch = pytest.MonkeyPatch()
    patch.setattr("ndp.publish.publish.REPORT_FORMATS", ["html"])
    patch.setattr("ndp.publish.publish.FORCE_FORMATS", ["html"])
    root = tmp_path_factory.mktemp("quarter")
    (root / "extracts").mkdir()
    paths = [Path(shutil.copy(p, root / "extracts" / p.name)) for p in demo_extracts]
    store, packs, published = root / "ndp.duckdb", root / "packs", root / "published"
    with open_store(str(store)) as s:
        load_files(s, paths, username="ann")
        write_pack(
            build_pack(s, Quarter.parse("2024-25 Q1")), packs / "drafts" / f"pack-{SLUG}.json"
        )
    app_db = str(root / "app.sqlite")
    with AppDB.open(app_db) as db:
        db.add_user("ann", "analyst", parse_scope("national"), PASSWORD)
        db.add_user("bob", "approver", parse_scope("national"), PASSWORD)
        db.add_user("kent", "viewer", parse_scope(f"force:{KENT}"), PASSWORD)
    settings = Settings(packs=packs, app_db=app_db, store=str(store), published=published)
    writer = Writer(WriterSettings(str(store), app_db, packs, published, poll=0.2))
    writer.start()
    port = free_port()
    http = make_server("127.0.0.1", port, create_app(settings), threaded=True)
    thread = threading.Thread(target=http.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        http.shutdown()
        writer.stop()
        patch.undo()


def test_an_approver_signs_off_and_publishes_and_then_the_force_sees_it(
    page: Page, server: str
) -> None:
    sign_in(page, server, "kent")
    expect(page.get_by_role("heading", level=1)).to_have_text("Not Found")
    assert page.goto(f"{server}/{SLUG}-draft/force/{KENT}").status == 404
    assert page.goto(f"{server}/{SLUG}/force/{KENT}").status == 404

    sign_in(page, server, "ann")
    expect(page).to_have_url(f"{server}/{SLUG}-draft/national")
    expect(page.get_by_role("region", name="Draft")).to_contain_text("These figures are a draft")
    page.goto(f"{server}/{SLUG}/quarter")
    expect(page.get_by_text("Not signed off")).to_be_visible()
    # the next step, the commentary, is behind a disclosure opened by a click
    measure = page.get_by_role("link", name=re.compile(r"^E1a "))
    expect(measure).to_be_hidden()
    page.get_by_text("Write the commentary on a measure").click()
    measure.click()
    expect(page).to_have_url(f"{server}/{SLUG}-draft/commentary/E1a")

    sign_in(page, server, "bob")
    page.goto(f"{server}/{SLUG}/quarter")
    page.get_by_role("link", name="Sign off the draft").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign off the draft")
    page.get_by_role("button", name="Sign off these figures").click()
    expect(page).to_have_url(f"{server}/{SLUG}/quarter")
    expect(
        page.get_by_text(re.compile(r"Approved by bob on \d{1,2} \w+ 20\d\d, \d\d:\d\d UTC"))
    ).to_be_visible()
    page.get_by_role("link", name="Publish the draft").click()
    page.get_by_role("button", name="Publish 2024-25 Q1").click()
    expect(page).to_have_url(f"{server}/jobs/1")
    # the job's page reloads itself, counting the force editions, until the writer is done
    expect(page.get_by_role("status")).to_contain_text(
        re.compile(r"Writing force editions: \d+ of 45"), timeout=600_000
    )
    expect(page.locator("h1.govuk-heading-l")).to_contain_text("done", timeout=600_000)
    expect(page.locator(".govuk-panel__title")).to_have_text(
        re.compile(r"Published 2024-25 Q1 version 1 \(pack [0-9a-f]{12}\): readers now see it")
    )
    page.goto(f"{server}/{SLUG}/quarter")
    expect(page.get_by_text(re.compile(
        r"Version 1, published by bob on \d{1,2} \w+ 20\d\d, \d\d:\d\d UTC: readers see it"
    ))).to_be_visible()  # fmt: skip

    sign_in(page, server, "kent")
    expect(page).to_have_url(f"{server}/{SLUG}/force/{KENT}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kent Police")
    expect(page.get_by_role("region", name="Draft")).to_have_count(0)
