"""The dashboard in a real Chromium against a real server (``ndp serve``: gunicorn on a free
loopback port): sign in, drill from the nation to Kent's judicial outcome rate and its SPC
chart, a keyboard-only journey, reflow at 320 px, and axe-core's WCAG 2.2 A and AA rules on
every kind of page."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from browserkit import PASSWORD, ndp_serve, sign_in
from playwright.sync_api import ConsoleMessage, Page, expect
from test_axe import AXE, WCAG_22_AA, described

from ndp.appdb import AppDB, parse_scope
from ndp.engine.pack_files import write_pack

PERIOD = "2024-25-Q1"
KENT = "E23000032"
RATE = "F1b.judicial_outcome_rate"


@pytest.fixture(scope="module")
def server(demo_pack: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``ndp serve`` over the demo pack, with a national user and a Kent user; its base URL."""
    folder = tmp_path_factory.mktemp("served")
    write_pack(demo_pack, folder / f"pack-{PERIOD}.json")
    app_db = folder / "app.sqlite"
    db = AppDB.open(str(app_db))
    db.add_user("nation", "viewer", parse_scope("national"), PASSWORD)
    db.add_user("kent", "viewer", parse_scope("force:Kent"), PASSWORD)
    db.close()
    with ndp_serve(folder, "--packs", str(folder), "--app-db", str(app_db)) as url:
        yield url


def test_sign_in_and_drill_from_the_nation_to_kents_judicial_outcome_rate(
    page: Page, server: str
) -> None:
    sign_in(page, server, "nation")
    expect(page).to_have_url(f"{server}/{PERIOD}/national")
    expect(page.get_by_role("heading", level=1)).to_have_text("England and Wales")
    page.get_by_role("link", name="Eastern", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Eastern")
    page.get_by_role("link", name="Kent Police").click()
    expect(page).to_have_url(f"{server}/{PERIOD}/force/{KENT}")
    page.get_by_role("link", name="Judicial outcome rate", exact=True).click()
    expect(page).to_have_url(f"{server}/{PERIOD}/force/{KENT}/indicator/{RATE}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Judicial outcome rate")
    spc = page.locator(f'.ndp-chart[data-spec-url$="{RATE}/chart/spc.json"]')
    # the chart is drawn by Vega from the spec, as SVG or canvas
    expect(spc.locator("svg, canvas").first).to_be_visible(timeout=15000)
    # and its figures are on the page as a table whatever the chart does
    expect(
        page.get_by_role("table", name="Judicial outcome rate by month: the data")
    ).to_be_visible()


def test_a_keyboard_alone_reaches_the_content_and_follows_links(page: Page, server: str) -> None:
    sign_in(page, server, "kent")
    expect(page).to_have_url(f"{server}/{PERIOD}/force/{KENT}")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#main-content")).to_be_focused()
    target = page.get_by_role("link", name="Judicial outcome rate", exact=True)
    for _ in range(200):
        page.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the indicator's link")
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{server}/{PERIOD}/force/{KENT}/indicator/{RATE}")


def test_pages_reflow_at_320_pixels_without_scrolling_sideways(page: Page, server: str) -> None:
    sign_in(page, server, "kent")
    page.set_viewport_size({"width": 320, "height": 640})
    for path in (f"force/{KENT}", f"force/{KENT}/indicator/{RATE}", "national", "data-quality"):
        page.goto(f"{server}/{PERIOD}/{path}")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{path}: the page is {width} px wide at a 320 px viewport"


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """axe-core's WCAG 2.2 A and AA violations on the page, once sure the rules ran."""
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result: dict[str, Any] = page.evaluate(
        """tags => axe.run(document, {runOnly: {type: "tag", values: tags}})""", WCAG_22_AA
    )
    checked = {r["id"] for r in result["passes"] + result["violations"]}
    assert {"color-contrast", "html-has-lang", "document-title", "bypass"} <= checked
    violations: list[dict[str, Any]] = result["violations"]
    return violations


PAGE_TYPES = [
    ("nation", "/login"),
    ("nation", f"/{PERIOD}/national"),
    ("nation", f"/{PERIOD}/region/eastern"),
    ("kent", f"/{PERIOD}/force/{KENT}"),
    ("kent", f"/{PERIOD}/force/{KENT}/indicator/{RATE}"),
    # Eastern as Kent sees it: early quarters withheld by the differencing rule
    ("kent", f"/{PERIOD}/region/eastern"),
    ("kent", f"/{PERIOD}/region/eastern/indicator/F2.disruptions"),
    ("nation", f"/{PERIOD}/national/indicator/E1b.disruptions"),
    ("kent", f"/{PERIOD}/data-quality"),
    ("kent", "/accessibility"),
    ("kent", f"/{PERIOD}/force/E23000030"),  # the not-found page
]


@pytest.mark.parametrize(("user", "path"), PAGE_TYPES)
def test_every_page_type_passes_axe_wcag_22_a_and_aa(
    page: Page, server: str, user: str, path: str
) -> None:
    if path != "/login":
        sign_in(page, server, user)
        page.wait_for_url(f"{server}/{PERIOD}/**")
    page.goto(f"{server}{path}")
    if "/indicator/" in path:  # the charts drawn: axe checks them too
        page.locator(".ndp-chart svg, .ndp-chart canvas").first.wait_for(timeout=15000)
    violations = axe_violations(page)
    assert violations == [], described(violations)


def test_a_walk_through_every_page_type_logs_no_console_error(page: Page, server: str) -> None:
    """Nothing a page asks for fails and nothing it runs complains, the browser's own request for
    the site's icon included: a page that names no icon has the browser ask for /favicon.ico,
    and its 404 is an error in the console of every page."""
    errors: list[str] = []

    def record(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(f"{page.url}: {message.text} ({message.location['url']})")

    page.on("console", record)
    for user, path in PAGE_TYPES:
        if path == f"/{PERIOD}/force/E23000030":  # the not-found page's 404 is an error by design
            continue
        if path != "/login":
            sign_in(page, server, user)
            page.wait_for_url(f"{server}/{PERIOD}/**")
        page.goto(f"{server}{path}")
        if "/indicator/" in path:
            page.locator(".ndp-chart svg, .ndp-chart canvas").first.wait_for(timeout=15000)
        page.wait_for_load_state("networkidle")
    assert errors == []
