"""The dashboard's committed front-end assets in a real Chromium, served under the strict CSP the
dashboard sends (no 'unsafe-eval', no 'unsafe-inline'): ndp-charts.js draws one of the report's
own Vega-Lite specs as SVG through the Vega bundle's expression interpreter, GOV.UK Frontend's
ES module starts, and nothing the browser reports is a CSP violation. A chart that cannot be
fetched leaves the page's table as it was."""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Iterator
from decimal import Decimal
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from typing import Any

import pytest
from playwright.sync_api import ConsoleMessage, Page
from test_axe import AXE, WCAG_22_AA, described

from ndp.engine.pack_model import Pack
from ndp.report.charts import Chart, indicator_charts

CSP = "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'"
STATIC = resources.files("ndp") / "web" / "static"  # ndp.web's static files, as installed
# an init script runs before the page's own and is not subject to its CSP: it records every
# violation the page reports, whichever script or sheet causes it
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", e => {
  window.__violations.push(e.violatedDirective + " " + e.blockedURI);
});
"""

PAGE = """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Chart test</title>
<link rel="stylesheet" href="/static/govuk/govuk-frontend.min.css">
<link rel="stylesheet" href="/static/ndp.css">
<script defer src="/static/vega/vega-bundle.min.js"></script>
<script defer src="{charts_script}"></script>
<script type="module" src="/static/govuk-init.js"></script>
</head>
<body class="govuk-template__body">
<main class="govuk-main-wrapper" id="main-content">
<h1 class="govuk-heading-l">{title}</h1>
<div class="ndp-chart" id="drawn" data-spec-url="/spc.json" data-alt="{alt}"></div>
<div class="ndp-chart" id="unlabelled" data-spec-url="/spc.json"></div>
<div class="ndp-chart" id="missing" data-spec-url="/no-such-spec.json" data-alt="Missing"></div>
<div class="ndp-table-wrap" tabindex="0" role="region" aria-label="{title}">
<table class="govuk-table" id="figures"><caption>{title}</caption><tbody>
<tr><td>{first_row}</td></tr></tbody></table>
</div>
</main>
</body>
</html>
"""

# the same chart drawn with vega-embed's defaults: Vega compiles expressions with `Function`,
# which this CSP refuses; the test of the test, so a violation cannot pass unnoticed
EVAL_CHARTS = """
document.addEventListener("DOMContentLoaded", () => {
  fetch("/spc.json").then(r => r.json()).then(spec =>
    vegaEmbed(document.getElementById("drawn"), spec, {renderer: "svg", actions: false, defaultStyle: false})
  ).catch(e => { window.__embedError = String(e); });
});
"""


class StrictCSPHandler(SimpleHTTPRequestHandler):
    """Static files with the dashboard's strict CSP on every answer, and no log lines."""

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", CSP)
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def spc(demo_pack: Pack) -> Chart:
    """The SPC chart of the demo quarter's first indicator that has one: the report's own spec
    (limits, special causes and an axis-label expression to evaluate)."""
    pack: dict[str, Any] = json.loads(demo_pack.to_json(), parse_float=Decimal)
    for name, indicator in pack["indicators"].items():
        for chart in indicator_charts(indicator, name, pack["period"]["span"]):
            if chart.id.endswith("-spc"):
                return chart
    raise AssertionError("the demo pack has no indicator with an SPC chart")


@pytest.fixture(scope="module")
def site(spc: Chart, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A loopback server of the committed static files, two test pages and the chart's spec."""
    root = tmp_path_factory.mktemp("site")
    with resources.as_file(STATIC) as static:
        (root / "static").symlink_to(static, target_is_directory=True)
    (root / "spc.json").write_text(json.dumps(spc.spec, default=float), encoding="utf-8")
    fields = {"title": spc.title, "alt": spc.alt, "first_row": " ".join(spc.rows[0])}
    (root / "index.html").write_text(
        PAGE.format(charts_script="/static/ndp-charts.js", **fields), encoding="utf-8"
    )
    (root / "eval.html").write_text(
        PAGE.format(charts_script="/eval-charts.js", **fields), encoding="utf-8"
    )
    (root / "eval-charts.js").write_text(EVAL_CHARTS, encoding="utf-8")
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(StrictCSPHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def open_recording(page: Page, url: str) -> list[str]:
    """Open the page, collecting the CSP complaints the console shows as well."""
    console: list[str] = []

    def record(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            console.append(message.text)

    page.on("console", record)
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto(url)
    return console


def wait_until(page: Page, expression: str, seconds: float = 15) -> None:
    """Poll the expression from here: Playwright's wait_for_function evaluates its predicate
    with eval inside the page, which this page's CSP refuses."""
    deadline = time.monotonic() + seconds
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"not true after {seconds} s: {expression}"
        page.wait_for_timeout(100)


def marks(page: Page, selector: str) -> int:
    """The number of drawn mark items (lines, points, rules, text) in the element's SVG."""
    count: int = page.locator(f"{selector} svg .role-mark > *").count()
    return count


def test_a_report_spec_renders_as_svg_under_a_strict_csp(page: Page, site: str, spc: Chart) -> None:
    console = open_recording(page, f"{site}/index.html")
    page.wait_for_selector("#drawn.ndp-chart--drawn svg", timeout=15_000)
    page.wait_for_selector("#unlabelled.ndp-chart--drawn svg", timeout=15_000)
    assert marks(page, "#drawn") >= len(spc.rows)  # at least a point a month
    kinds = page.eval_on_selector_all(
        "#drawn svg .role-mark", "gs => gs.map(g => g.getAttribute('class').split(' ')[0])"
    )
    # the same kinds of mark as vl-convert drew for the report from the same spec
    assert set(kinds) == set(re.findall(r'class="(mark-[a-z]+) role-mark', spc.svg))
    assert {"mark-line", "mark-symbol"} <= set(kinds)
    # the chart is read out once, as the page's text alternative, or not at all
    canvas = page.locator("#drawn .ndp-chart__canvas")
    assert canvas.get_attribute("role") == "img"
    assert canvas.get_attribute("aria-label") == spc.alt
    assert page.locator("#unlabelled .ndp-chart__canvas").get_attribute("aria-hidden") == "true"
    # GOV.UK Frontend's module ran without an inline script
    wait_until(page, "document.body.classList.contains('govuk-frontend-supported')")
    assert page.evaluate("window.__violations") == []
    assert console == []


def test_drawn_charts_pass_axe_wcag_22_a_and_aa(page: Page, site: str) -> None:
    """Vega marks its SVG with ARIA graphics roles; inside the labelled (or hidden) canvas
    they must not reach assistive technology as unlabelled images."""
    open_recording(page, f"{site}/index.html")
    page.wait_for_selector("#drawn.ndp-chart--drawn svg", timeout=15_000)
    page.wait_for_selector("#unlabelled.ndp-chart--drawn svg", timeout=15_000)
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        """tags => axe.run(document, {runOnly: {type: "tag", values: tags}})""", WCAG_22_AA
    )
    assert result["violations"] == [], described(result["violations"])
    assert "svg-img-alt" in {r["id"] for r in result["passes"] + result["inapplicable"]}


def test_a_chart_that_cannot_be_fetched_adds_nothing_and_keeps_the_table(
    page: Page, site: str, spc: Chart
) -> None:
    open_recording(page, f"{site}/index.html")
    page.wait_for_selector("#missing.ndp-chart--failed", state="attached", timeout=15_000)
    assert page.locator("#missing").inner_html() == ""
    assert page.locator("#figures td").inner_text() == " ".join(spc.rows[0])
    assert page.evaluate("window.__violations") == []


def test_the_same_chart_without_the_interpreter_is_refused_by_the_csp(
    page: Page, site: str
) -> None:
    open_recording(page, f"{site}/eval.html")
    wait_until(page, "window.__embedError !== undefined")
    # the violation event is dispatched as a task of its own, maybe after the error
    wait_until(page, "window.__violations.length > 0", 5)
    assert page.evaluate("window.__violations") == ["script-src eval"]
    assert "'unsafe-eval' is not an allowed source" in page.evaluate("window.__embedError")
    assert page.locator("#drawn svg .role-mark").count() == 0
