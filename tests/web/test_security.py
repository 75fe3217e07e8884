"""Security headers, the session cookie, CSRF on every form, and user text escaped."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from importlib import resources
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient
from webkit import KENT, PERIOD, client_of, csrf_of, make_app, sign_in

PAGES = [
    f"/{PERIOD}/national",
    f"/{PERIOD}/force/{KENT}",
    f"/{PERIOD}/force/{KENT}/indicator/F1b.judicial_outcome_rate",
    f"/{PERIOD}/data-quality",
]


def test_every_page_has_a_strict_csp_with_a_fresh_nonce_and_no_store(
    signed_in: Callable[[str], FlaskClient],
) -> None:
    client = signed_in("kent")
    nonces = set()
    for url in [*PAGES, "/login", "/accessibility"]:
        response = client.get(url)
        assert response.status_code == 200, url
        csp = response.headers["Content-Security-Policy"]
        assert "unsafe-inline" not in csp
        assert "unsafe-eval" not in csp
        assert "frame-ancestors 'none'" in csp
        assert "default-src 'none'" in csp
        nonce = re.search(r"'nonce-([^']+)'", csp)
        assert nonce is not None
        nonces.add(nonce.group(1))
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "same-origin"
        assert response.headers["Cache-Control"] == "no-store"
        html = response.get_data(as_text=True)
        # no inline script or style at all: every <script> has a src
        assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == []
        assert "<style" not in html
        assert " style=" not in html
        assert f'nonce="{nonce.group(1)}"' in html
    assert len(nonces) == 6


def test_the_session_cookie_is_host_only_secure_httponly_and_holds_only_an_id(
    app: Flask,
) -> None:
    response = sign_in(client_of(app), "kent")
    cookie = response.headers["Set-Cookie"]
    name, value = cookie.split(";")[0].split("=", 1)
    assert name == "__Host-ndp_session"
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", value)  # secrets.token_urlsafe(32)
    attributes = {a.strip().lower() for a in cookie.split(";")[1:]}
    assert {"secure", "httponly", "path=/", "samesite=lax"} <= attributes
    assert not any(a.startswith("domain") for a in attributes)


def test_sign_in_without_the_forms_token_is_refused(app: Flask) -> None:
    client = client_of(app)
    client.get("/login")
    response = client.post("/login", data={"name": "kent", "password": "x", "csrf_token": "forged"})
    assert response.status_code == 400
    assert "The form has expired. Go back, reload the page and try again." in response.get_data(
        as_text=True
    )


def test_sign_out_needs_the_sessions_token_and_revokes_the_session(
    signed_in: Callable[[str], FlaskClient],
) -> None:
    client = signed_in("kent")
    page = client.get(f"/{PERIOD}/force/{KENT}").get_data(as_text=True)
    assert client.post("/logout", data={"csrf_token": "forged"}).status_code == 400
    assert client.get(f"/{PERIOD}/force/{KENT}").status_code == 200
    response = client.post("/logout", data={"csrf_token": csrf_of(page)})
    assert response.status_code == 302
    assert response.headers["Location"] == "/login"
    assert client.get(f"/{PERIOD}/force/{KENT}").status_code == 302


def test_a_stolen_session_id_stops_working_after_sign_out(
    app: Flask, signed_in: Callable[[str], FlaskClient]
) -> None:
    client = signed_in("kent")
    cookie = client.get_cookie("__Host-ndp_session")
    assert cookie is not None
    page = client.get(f"/{PERIOD}/force/{KENT}").get_data(as_text=True)
    client.post("/logout", data={"csrf_token": csrf_of(page)})
    thief = client_of(app)
    thief.set_cookie("__Host-ndp_session", cookie.value)
    assert thief.get(f"/{PERIOD}/force/{KENT}.json").status_code == 401


def test_the_icon_answers_signed_out_as_an_image_and_nothing_else_opens_up(app: Flask) -> None:
    """Browsers ask for /favicon.ico of a page that names no icon (a 404 is an error in every
    page's console): it and the icon the pages name answer signed out, as the static files do,
    with the same headers; a neighbouring address still wants a session."""
    client = client_of(app)
    login = client.get("/login").get_data(as_text=True)
    named = re.search(r'<link rel="icon" href="(/static/[^"]+)" type="image/svg\+xml">', login)
    assert named is not None
    for url, kind, starts in [
        ("/favicon.ico", "image/vnd.microsoft.icon", b"\0\0\1\0"),  # an ICO's header
        (named.group(1), "image/svg+xml", b"<svg "),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.mimetype == kind
        assert response.get_data().startswith(starts)
        assert "default-src 'none'" in response.headers["Content-Security-Policy"]
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert "no-store" not in response.headers.get("Cache-Control", "")
    for url in ["/favicon.ico.json", "/favicon.png", "/favicon.ico/x"]:
        response = client.get(url)
        assert response.status_code in (302, 401), url
    assert client.post("/favicon.ico").status_code in (400, 405)


SCRIPT = "<script>alert(1)</script>"
FORMULA = '=HYPERLINK("http://evil.example","x")'


def test_a_hostile_name_at_sign_in_comes_back_escaped(app: Flask) -> None:
    client = client_of(app)
    token = csrf_of(client.get("/login").get_data(as_text=True))
    response = client.post(
        "/login", data={"name": SCRIPT + FORMULA, "password": "x", "csrf_token": token}
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 401
    assert "The name or password is not right." in html
    assert SCRIPT not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "=HYPERLINK(&#34;http://evil.example&#34;,&#34;x&#34;)" in html


def test_hostile_commentary_comes_back_escaped(packs_copy: Path, tmp_path: Path) -> None:
    shipped = resources.files("ndp.synth.demo") / "commentary.yaml"
    with resources.as_file(shipped) as path:
        shutil.copyfile(path, packs_copy / "commentary.yaml")
    text = (packs_copy / "commentary.yaml").read_text(encoding="utf-8")
    hostile = (
        f"  F1b.judicial_outcome_rate: |\n    {SCRIPT} {FORMULA} <img src=x onerror=alert(2)>\n"
    )
    (packs_copy / "commentary.yaml").write_text(
        text.replace("commentary:\n", "commentary:\n" + hostile, 1), encoding="utf-8"
    )
    app = make_app(packs_copy, tmp_path / "app.sqlite")
    client = client_of(app)
    sign_in(client, "nation")
    html = client.get(f"/{PERIOD}/national/indicator/F1b.judicial_outcome_rate").get_data(
        as_text=True
    )
    assert '<h2 class="govuk-heading-m">Commentary</h2>' in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html
    assert SCRIPT not in html
    assert "<img" not in html
    # it names no force, so a force user reads it too, escaped the same way
    sign_in(kent := client_of(app), "kent")
    force_view = kent.get(f"/{PERIOD}/national/indicator/F1b.judicial_outcome_rate")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in force_view.get_data(as_text=True)
    assert SCRIPT not in force_view.get_data(as_text=True)
