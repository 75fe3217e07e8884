"""Every route is behind the same check: signed out, a page redirects to sign-in and JSON
answers 401; signed in, an area outside the scope answers 404 (never 403: another force's URL
must not confirm that it exists), and the denial is audited."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from webkit import KENT, PERIOD, client_of

from ndp.web.state import WebState

PUBLIC = {"auth.login", "pages.accessibility", "static", "site", "favicon"}
SAMPLES = {"period": PERIOD, "code": KENT, "name": "F1b.judicial_outcome_rate",
           "chart": "spc", "filename": "ndp-web.css", "job_id": "1"}  # fmt: skip


def concrete(rule: str) -> str:
    return re.sub(r"<(?:\w+:)?(\w+)>", lambda m: SAMPLES[m.group(1)], rule)


def test_every_route_but_sign_in_accessibility_and_static_needs_a_session(app: Flask) -> None:
    client = client_of(app)
    rules = [r for r in app.url_map.iter_rules() if r.endpoint not in PUBLIC]
    # home, sign-out, each page and twin, the chart specs, the exports; the analyst's upload,
    # jobs and quarantine; the quarter's state (and twin), sign-off, publish, the diff (and twin);
    # commentary editing
    assert len(rules) == 33
    for rule in rules:
        url = concrete(rule.rule)
        method = (
            "POST"
            if "POST" in (rule.methods or set()) and "GET" not in (rule.methods or set())
            else "GET"
        )
        response = client.open(url, method=method)
        if method == "POST":  # sign-out: refused before it could act (no session, no token)
            assert response.status_code in (302, 400), url
        elif url.endswith(".json"):
            assert response.status_code == 401, url
            assert response.get_json() == {"error": "sign in first"}
        else:
            assert response.status_code == 302, url
            assert response.headers["Location"].startswith("/login"), url
    for endpoint in PUBLIC - {"static"}:
        rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)
        assert client.get(concrete(rule.rule)).status_code == 200, rule.rule


def test_an_unknown_url_signed_out_goes_to_sign_in_too(app: Flask) -> None:
    response = client_of(app).get("/2024-25-Q1/force/E23000030")
    assert response.status_code == 302
    assert response.headers["Location"] == "/login?next=/2024-25-Q1/force/E23000030"


OUT_OF_SCOPE = [  # (user, area path another scope owns)
    ("kent", "force/E23000030"),  # Surrey, South East
    ("kent", "force/E23000029"),  # Thames Valley
    ("kent", "force/E23000028"),  # another force of Kent's own region
    ("kent", "region/south_east"),
    ("eastern", "force/E23000030"),
    ("eastern", "region/london"),
    ("met", "force/E23000032"),
    ("met", "force/E23000099"),  # no such force: the same answer
]


@pytest.mark.parametrize(("user", "area"), OUT_OF_SCOPE)
def test_every_area_route_answers_404_out_of_scope(
    app: Flask, signed_in: Callable[[str], FlaskClient], user: str, area: str
) -> None:
    client = signed_in(user)
    kind, code = area.split("/")
    area_rules = [r for r in app.url_map.iter_rules() if f"/{kind}/<code>" in r.rule]
    assert len(area_rules) == 5  # page, twin, indicator (and its twin), chart spec, export
    urls = [concrete(rule.rule) for rule in area_rules]
    urls += [u + ".json" for u in urls if u.endswith("F1b.judicial_outcome_rate")]
    for url in (u.replace(f"/{kind}/{KENT}", f"/{area}") for u in urls):
        response = client.get(url)
        assert response.status_code == 404, url
        assert code not in response.get_data(as_text=True)


def test_an_out_of_scope_page_is_audited_as_a_denial(
    app: Flask, signed_in: Callable[[str], FlaskClient]
) -> None:
    client = signed_in("kent")
    assert client.get(f"/{PERIOD}/force/E23000030").status_code == 404
    state: WebState = app.extensions["ndp"]
    out = io.StringIO()
    state.appdb().audit_export(out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [(r["actor"], r["action"], r["target"]) for r in rows][-1] == (
        "kent", "denied", f"/{PERIOD}/force/E23000030",
    )  # fmt: skip
    assert ("kent", "login", "/login") in {(r["actor"], r["action"], r["target"]) for r in rows}
