"""The analyst's walk-through in a real Chromium against ``ndp serve --db`` (the writer on a
thread beside gunicorn): from an empty store, upload the demo extracts with one spoilt file, see
the load refused with the error summary and the table, fix the file, upload again, and the load
is done and the quarter's draft rebuilt."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from browserkit import PASSWORD, ndp_serve, sign_in
from playwright.sync_api import Page, expect

from ndp.appdb import AppDB, parse_scope
from ndp.synth.demo.broken import BROKEN_FILE, break_demo_extract

pytestmark = pytest.mark.slow

#: seconds a job may take in the browser (the demo's full load on a busy 2-core machine)
JOB_TIMEOUT = 240_000


@pytest.fixture
def workflow_server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """``ndp serve --db`` over an empty packs folder with an analyst; its URL and packs folder."""
    packs = tmp_path / "packs"
    packs.mkdir()
    app_db = packs / "ndp-app.sqlite"
    with AppDB.open(str(app_db)) as db:
        db.add_user("ann", "analyst", parse_scope("national"), PASSWORD)
    options = ["--packs", str(packs), "--db", str(tmp_path / "ndp.duckdb")]
    with ndp_serve(tmp_path, *options, stop_timeout=120) as url:
        yield url, packs


def upload(page: Page, server: str, files: list[Path]) -> None:
    page.goto(f"{server}/upload")
    page.get_by_label("Extract files").set_input_files(files)
    page.get_by_label("Quarter whose draft to rebuild (optional)").fill("2024-25 Q1")
    page.get_by_role("button", name="Upload and load").click()


def test_an_analyst_uploads_a_refused_extract_fixes_it_and_it_loads(
    page: Page, workflow_server: tuple[str, Path], demo_extracts: list[Path], tmp_path: Path
) -> None:
    server, packs = workflow_server
    extracts = tmp_path / "extracts"
    shutil.copytree(demo_extracts[0].parent, extracts)
    damage = break_demo_extract(extracts)
    files = [extracts / p.name for p in demo_extracts]

    sign_in(page, server, "ann")
    expect(page).to_have_url(f"{server}/jobs")
    page.get_by_role("link", name="Upload extracts").first.click()
    expect(page).to_have_url(f"{server}/upload")

    upload(page, server, files)
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text(
        "The extracts were refused: 2 problems found; nothing was loaded", timeout=JOB_TIMEOUT
    )
    for d in damage:
        expect(summary).to_contain_text(f"{BROKEN_FILE}, line {d.line}, column {d.column.lower()}")
        row = page.locator("table tr", has_text=d.value)
        expect(row).to_contain_text(f"{BROKEN_FILE} {d.line} {d.column.lower()} {d.value}",
                                    use_inner_text=True)  # fmt: skip
    summary.get_by_role("link").first.click()
    expect(page.locator("#problem-1")).to_be_visible()

    shutil.copyfile(demo_extracts[0].parent / BROKEN_FILE, extracts / BROKEN_FILE)
    upload(page, server, files)
    expect(page.locator(".govuk-panel")).to_contain_text("rows loaded", timeout=JOB_TIMEOUT)
    expect(page.get_by_text("Draft of 2024-25-Q1 rebuilt.")).to_be_visible()
    expect(page.locator(".govuk-error-summary")).to_have_count(0)
    assert (packs / "drafts" / "pack-2024-25-Q1.json").is_file()
    page.goto(f"{server}/jobs")
    expect(page.locator("table")).to_contain_text("done")
    expect(page.locator("table")).to_contain_text("failed")
