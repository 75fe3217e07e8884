"""The HTML report in a real Chromium: axe-core's WCAG 2.2 A and AA rules find no violation, and
the stylesheet reaches the page (the computed body font is the designed one)."""

from __future__ import annotations

import json
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

from ndp.engine.pack_model import Pack
from ndp.report.commentary import read_commentary
from ndp.report.context import build_context
from ndp.report.force import resolve_force
from ndp.report.force.context import build_force_context
from ndp.report.force.render import render_force_html
from ndp.report.render import render_html

AXE = Path(__file__).parent / "vendor" / "axe.min.js"  # axe-core 4.10.3, MPL-2.0
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="module")
def pack(demo_pack: Pack) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(demo_pack.to_json(), parse_float=Decimal)
    return loaded


@pytest.fixture(scope="module")
def report_html(pack: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The national report's HTML with the demo's commentary, as `ndp demo` writes it."""
    shipped = resources.files("ndp.synth.demo") / "commentary.yaml"
    with resources.as_file(shipped) as commentary:
        context = build_context(pack, read_commentary(commentary, pack))
    path = tmp_path_factory.mktemp("html") / "report.html"
    path.write_text(render_html(context), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def force_html(pack: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> Path:
    context = build_force_context(pack, resolve_force(pack, "Kent"))
    path = tmp_path_factory.mktemp("force-html") / "report.html"
    path.write_text(render_force_html(context), encoding="utf-8")
    return path


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """axe-core's violations of the WCAG 2.2 A and AA rules on the page, once it is sure it
    ran them: the rules a report must meet are among those it passed or failed."""
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result: dict[str, Any] = page.evaluate(
        """tags => axe.run(document, {runOnly: {type: "tag", values: tags}})""", WCAG_22_AA
    )
    checked = {r["id"] for r in result["passes"] + result["violations"]}
    assert {"color-contrast", "image-alt", "html-has-lang", "document-title"} <= checked
    violations: list[dict[str, Any]] = result["violations"]
    return violations


def described(violations: list[dict[str, Any]]) -> str:
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']}\n"
        + "\n".join(
            f"    {node['target']} {node.get('failureSummary', '')}" for node in v["nodes"][:8]
        )
        for v in violations
    )


@pytest.mark.parametrize("edition", ["report_html", "force_html"])
def test_the_html_passes_axe_wcag_22_a_and_aa(
    page: Page, edition: str, request: pytest.FixtureRequest
) -> None:
    path: Path = request.getfixturevalue(edition)
    page.goto(path.as_uri())
    violations = axe_violations(page)
    assert violations == [], described(violations)


def test_the_stylesheet_reaches_the_page_in_its_designed_font(
    page: Page, report_html: Path
) -> None:
    page.goto(report_html.as_uri())
    family = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert family.split(",")[0].strip().strip('"') == "Liberation Sans"
    # the sheet's quoted declarations arrived: escaped, they would not be in the CSSOM at all
    rules = page.evaluate("[...document.styleSheets[0].cssRules].map(r => r.cssText).join('\\n')")
    assert "counter(pages)" in rules
    assert "&#34;" not in rules
    assert "&quot;" not in rules
    # and the font the text is drawn in, not merely the one asked for
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "#assessment > p"})
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})["fonts"]
    assert [f["familyName"] for f in fonts] == ["Liberation Sans"]


def test_axe_would_catch_a_report_that_lost_its_language_and_alt_text(
    page: Page, report_html: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.html"
    html = report_html.read_text(encoding="utf-8")
    broken.write_text(html.replace(' lang="en-GB"', "").replace(" alt=", " data-alt="))
    page.goto(broken.as_uri())
    assert {"html-has-lang", "image-alt"} <= {v["id"] for v in axe_violations(page)}
