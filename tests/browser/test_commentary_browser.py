"""Commentary in a real Chromium against ``ndp serve``: an analyst writes it, previews it as the
report renders it, saves it and sees it on the indicator page; a second analyst in another
browser context, editing the same entry from the same version, is refused with the first
analyst's version shown beside their own text, which is kept."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from browserkit import PASSWORD, ndp_serve, sign_in
from playwright.sync_api import Browser, Page, expect
from test_axe import described
from test_dashboard import axe_violations

from ndp.appdb import AppDB, parse_scope
from ndp.engine.pack_files import write_pack

PERIOD = "2024-25-Q1"
RATE = "F1b.judicial_outcome_rate"


@pytest.fixture(scope="module")
def server(demo_pack: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``ndp serve`` over the demo pack with two national analysts; its base URL."""
    folder = tmp_path_factory.mktemp("commentary")
    write_pack(demo_pack, folder / f"pack-{PERIOD}.json")
    app_db = folder / "app.sqlite"
    with AppDB.open(str(app_db)) as db:
        for name in ("ann", "bob"):
            db.add_user(name, "analyst", parse_scope("national"), PASSWORD)
    with ndp_serve(folder, "--packs", str(folder), "--app-db", str(app_db)) as url:
        yield url


def test_write_preview_save_and_see_it_on_the_indicator_page(page: Page, server: str) -> None:
    sign_in(page, server, "ann")
    page.goto(f"{server}/{PERIOD}/national/indicator/{RATE}")
    page.get_by_role("link", name="Edit the commentary on this indicator").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"({RATE})")
    page.get_by_label("Commentary, in Markdown").fill(
        "Outcomes **rose** after Operation Quillfeather.\n\n- <b>not markup</b>"
    )
    page.get_by_role("button", name="Preview").click()
    preview = page.locator(".ndp-commentary-preview")
    expect(preview.locator("strong")).to_have_text("rose")
    expect(preview.locator("li")).to_have_text("<b>not markup</b>")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved as version 1.")).to_be_visible()
    expect(page.get_by_role("heading", name="Version 1, saved by ann", exact=False)).to_be_visible()
    page.get_by_role("link", name="Back to the indicator").click()
    shown = page.locator(".ndp-commentary").first
    expect(shown).to_contain_text("Outcomes rose after Operation Quillfeather.")
    expect(shown.locator("strong")).to_have_text("rose")


def test_a_second_analyst_editing_the_same_entry_is_refused_with_the_others_version(
    browser: Browser, server: str
) -> None:
    edit = f"{server}/{PERIOD}/commentary/F1a"
    ann_context, bob_context = browser.new_context(), browser.new_context()
    try:
        ann, bob = ann_context.new_page(), bob_context.new_page()
        sign_in(ann, server, "ann")
        sign_in(bob, server, "bob")
        ann.goto(edit)
        bob.goto(edit)  # both open the entry at the same version
        ann.get_by_label("Commentary, in Markdown").fill("Ann: a Met-led operation.")
        ann.get_by_role("button", name="Save").click()
        expect(ann.get_by_text("Saved as version 1.")).to_be_visible()
        bob.get_by_label("Commentary, in Markdown").fill("Bob: more referrals.")
        bob.get_by_role("button", name="Save").click()
        summary = bob.locator(".govuk-error-summary")
        expect(summary).to_contain_text("ann saved version 1 of this commentary after you")
        theirs = bob.locator(".ndp-their-version")
        expect(theirs).to_contain_text("Version 1, saved by ann")
        expect(theirs).to_contain_text("Ann: a Met-led operation.")
        expect(bob.get_by_label("Your text")).to_have_value("Bob: more referrals.")
        violations = axe_violations(bob)  # the refusal, both versions and the history
        assert violations == [], described(violations)
        bob.set_viewport_size({"width": 320, "height": 640})
        width = bob.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"the refused save is {width} px wide at a 320 px viewport"
        # having read Ann's, Bob saves his own over it, as a new version
        bob.get_by_label("Your text").fill("Ann: a Met-led operation. Bob: more referrals.")
        bob.get_by_role("button", name="Save").click()
        expect(bob.get_by_text("Saved as version 2.")).to_be_visible()
    finally:
        ann_context.close()
        bob_context.close()
