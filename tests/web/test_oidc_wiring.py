"""The dashboard registers branch appdb's OpenID Connect sign-in when given a provider's
settings: the sign-in page offers it, its routes are reachable signed out, and a refusal is
shown in the dashboard's layout (here: a provider that cannot be reached, on a closed port)."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from webkit import client_of

from ndp.web import Settings, create_app


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_oidc_sign_in_is_offered_and_public_when_configured(
    published: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NDP_OIDC_SECRET", "s3cret")
    config = tmp_path / "oidc.yaml"
    config.write_text(
        f"issuer: http://127.0.0.1:{_closed_port()}\nclient_id: ndp\n"
        "redirect_uri: https://localhost/login/oidc/callback\n"
        "mapping: {role_claim: roles, roles: {R: viewer}, scope_claim: groups, "
        "scopes: {G: national}}\n",
        encoding="utf-8",
    )
    settings = Settings(packs=published, app_db=str(tmp_path / "app.sqlite"), oidc=config)
    client = client_of(create_app(settings))
    page = client.get("/login").get_data(as_text=True)
    assert '<a class="govuk-link" href="/login/oidc">Sign in through your organisation</a>' in page
    response = client.get("/login/oidc")
    assert response.status_code == 502
    html = response.get_data(as_text=True)
    assert "Your organisation&#39;s sign-in service cannot be reached. Try again later." in html
    assert response.headers["Content-Security-Policy"].startswith("default-src 'none'")
    callback = client.get("/login/oidc/callback?state=x&code=y")
    assert callback.status_code == 400


def test_without_a_provider_there_is_no_oidc_route(published: Path, tmp_path: Path) -> None:
    client = client_of(create_app(Settings(packs=published, app_db=str(tmp_path / "a.sqlite"))))
    assert "/login/oidc" not in client.get("/login").get_data(as_text=True)
    assert client.get("/login/oidc").status_code == 302  # an unknown URL: sign in first
