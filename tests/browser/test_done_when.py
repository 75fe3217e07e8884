"""Issue 12's "Done when", end to end in Chromium: from an empty store an analyst uploads the
demo extracts with one spoilt file, sees the error summary, uploads the fixed file, writes
commentary on the draft in the browser; a second person, an approver, signs the draft off and
publishes it; the published PDF holds the commentary; Kent's reader then sees the quarter and
gets 404 for another force; and ``ndp reproduce`` rebuilds the version published this way to
the same pack hash.

The dashboard and its writer run in this process (werkzeug's server on a thread, the writer on
another), so publishing writes the national report as PDF only and the force editions as HTML
only (the publish library's module constants): tests/publish checks every format and the 45
editions; this test is the newcomer's path through the browser."""

from __future__ import annotations

import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from browserkit import PASSWORD, free_port, sign_in
from playwright.sync_api import Page, expect
from typer.testing import CliRunner
from werkzeug.serving import make_server

from ndp.appdb import AppDB, parse_scope
from ndp.cli.app import app as cli
from ndp.synth.demo.broken import BROKEN_FILE, break_demo_extract
from ndp.web import Settings, create_app
from ndp.workflow.writer import Writer, WriterSettings

pytestmark = pytest.mark.slow
SLUG = "2024-25-Q1"
KENT, LINCS = "E23000032", "E23000020"
RATE = "F1b.judicial_outcome_rate"
COMMENT = "Judicial outcomes rose after Operation Quillfeather closed its backlog."
#: milliseconds a job may take in the browser (the demo's load, or publishing, on a busy machine)
JOB_TIMEOUT = 600_000


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, Path]]:
    """The dashboard over an empty store and packs folder, with its writer; its URL and the
    published folder."""
    monkeypatch.setattr("ndp.publish.publish.REPORT_FORMATS", ["pdf"])
    monkeypatch.setattr("ndp.publish.publish.FORCE_FORMATS", ["html"])
    store, packs, published = tmp_path / "ndp.duckdb", tmp_path / "packs", tmp_path / "published"
    packs.mkdir()
    app_db = str(packs / "ndp-app.sqlite")
    with AppDB.open(app_db) as db:
        db.add_user("ann", "analyst", parse_scope("national"), PASSWORD)
        db.add_user("bob", "approver", parse_scope("national"), PASSWORD)
        db.add_user("kent", "viewer", parse_scope("force:Kent"), PASSWORD)
    settings = Settings(packs=packs, app_db=app_db, store=str(store), published=published)
    writer = Writer(WriterSettings(str(store), app_db, packs, published, poll=0.2))
    writer.start()
    port = free_port()
    http = make_server("127.0.0.1", port, create_app(settings), threaded=True)
    thread = threading.Thread(target=http.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}", published
    finally:
        http.shutdown()
        writer.stop()


def upload(page: Page, files: list[Path]) -> None:
    """Fill in and send the upload page's form."""
    page.get_by_label("Extract files").set_input_files(files)
    page.get_by_label("Quarter whose draft to rebuild (optional)").fill("2024-25 Q1")
    page.get_by_role("button", name="Upload and load").click()


def _pdf_text(path: Path) -> str:
    text = subprocess.run(
        ["pdftotext", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return " ".join(text.split())


def test_the_demo_quarter_from_an_empty_store_to_a_force_reader(
    page: Page, server: tuple[str, Path], demo_extracts: list[Path], tmp_path: Path
) -> None:
    url, published = server
    extracts = tmp_path / "extracts"
    shutil.copytree(demo_extracts[0].parent, extracts)
    damage = break_demo_extract(extracts)
    files = [extracts / p.name for p in demo_extracts]

    # ann, an analyst: nothing is published, so she lands on the jobs page
    sign_in(page, url, "ann")
    expect(page).to_have_url(f"{url}/jobs")
    page.get_by_role("link", name="Upload extracts").first.click()
    upload(page, files)
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text(
        "The extracts were refused: 2 problems found; nothing was loaded", timeout=JOB_TIMEOUT
    )
    for d in damage:
        expect(summary).to_contain_text(f"{BROKEN_FILE}, line {d.line}, column {d.column.lower()}")
    shutil.copyfile(demo_extracts[0].parent / BROKEN_FILE, extracts / BROKEN_FILE)
    page.get_by_role("link", name="upload them again").click()
    upload(page, files)
    expect(page.locator(".govuk-panel")).to_contain_text("rows loaded", timeout=JOB_TIMEOUT)

    # from the job to the draft, and the commentary on one of its indicators
    page.get_by_role("link", name="See the draft").click()
    expect(page).to_have_url(f"{url}/{SLUG}-draft/national")
    page.goto(f"{url}/{SLUG}-draft/national/indicator/{RATE}")
    page.get_by_role("link", name="Edit the commentary on this indicator").click()
    page.get_by_label("Commentary, in Markdown").fill(COMMENT)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved as version 1.")).to_be_visible()
    page.get_by_role("link", name="Back to the indicator").click()
    expect(page.locator(".ndp-commentary").first).to_contain_text(COMMENT)

    # bob, an approver, signs the draft off and publishes it
    sign_in(page, url, "bob")
    page.get_by_role("link", name="Quarter", exact=True).click()
    expect(page).to_have_url(f"{url}/{SLUG}/quarter")
    page.get_by_role("link", name="Sign off the draft").click()
    page.get_by_role("button", name="Sign off these figures").click()
    expect(page.get_by_text("Approved by bob on ")).to_be_visible()
    page.get_by_role("link", name="Publish the draft").click()
    page.get_by_role("button", name="Publish 2024-25 Q1").click()
    panel = page.locator(".govuk-panel__title")
    expect(panel).to_have_text(
        re.compile(r"Published 2024-25 Q1 version 1 \(pack [0-9a-f]{12}\): readers now see it"),
        timeout=JOB_TIMEOUT,
    )
    onwards = page.get_by_role("link", name="See the published quarter")
    expect(onwards).to_have_attribute("href", f"/{SLUG}/national")
    (version,) = (published / "reports").iterdir()
    assert COMMENT in _pdf_text(version / "report.pdf")

    # kent, a viewer in Kent, sees the quarter: Kent's page, and no other force's
    sign_in(page, url, "kent")
    expect(page).to_have_url(f"{url}/{SLUG}/force/{KENT}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kent Police")
    expect(page.get_by_role("region", name="Draft")).to_have_count(0)
    response = page.goto(f"{url}/{SLUG}/force/{LINCS}")
    assert response is not None
    assert response.status == 404

    # the version published through the browser rebuilds to the same pack hash
    result = CliRunner().invoke(cli, ["reproduce", "2024-25Q1", "--published", str(published)])
    assert (result.exit_code, result.output.strip()) == (
        0,
        f"2024-25 Q1 version 1 reproduces: pack {version.name[:12]} matches the published hash.",
    )
