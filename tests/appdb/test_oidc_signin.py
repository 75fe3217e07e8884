"""Sign-in through OpenID Connect against a fake identity provider on 127.0.0.1: the whole
flow through the blueprint, and every way a token is refused (a forged one first)."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from fake_idp import CLIENT_ID, CLIENT_SECRET, FakeIdP
from flask import Flask, Response
from flask.testing import FlaskClient
from joserfc.jwk import RSAKey

from ndp.appdb import AppDB, Principal, Scope
from ndp.appdb.claims import ClaimMapping
from ndp.appdb.oidc import OidcSettings
from ndp.web.oidc import STATE_COOKIE, oidc_blueprint

HOST = "https://dashboard.test"
MAPPING = ClaimMapping(
    role_claim="roles",
    roles={"NDP.Viewer": "viewer", "NDP.Analyst": "analyst"},
    scope_claim="groups",
    scopes={"NDP-Kent": Scope("force", "E23000032"), "NDP-National": Scope("national")},
)
ANN = {
    "sub": "ann-0001",
    "preferred_username": "ann@kent.police.uk",
    "roles": ["NDP.Viewer"],
    "groups": ["NDP-Kent"],
}


@pytest.fixture
def idp() -> Iterator[FakeIdP]:
    with FakeIdP() as server:
        server.claims = dict(ANN)
        yield server


@pytest.fixture
def db(tmp_path: Path) -> Iterator[AppDB]:
    with AppDB.open(str(tmp_path / "app.sqlite")) as appdb:
        yield appdb


@pytest.fixture
def client(idp: FakeIdP, db: AppDB) -> FlaskClient:
    settings = OidcSettings(
        issuer=idp.url,
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        redirect_uri=f"{HOST}/login/oidc/callback",
        mapping=MAPPING,
    )
    app = Flask(__name__)
    app.register_blueprint(
        oidc_blueprint(lambda: db, settings, lambda sid: Response(f"session {sid}"))
    )
    return app.test_client()


def sign_in(client: FlaskClient) -> Any:
    """Start at /login/oidc, let the provider sign the user in, come back to the callback."""
    started = client.get("/login/oidc", base_url=HOST)
    assert started.status_code == 302
    at_idp = requests.get(started.headers["Location"], allow_redirects=False, timeout=10)
    assert at_idp.status_code == 302
    back = at_idp.headers["Location"]
    assert back.startswith(f"{HOST}/login/oidc/callback?")
    return client.get(back.removeprefix(HOST), base_url=HOST)


def audit_rows(db: AppDB) -> list[dict[str, Any]]:
    out = io.StringIO()
    db.audit_export(out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_a_user_signs_in_with_the_role_and_scope_their_claims_map_to(
    client: FlaskClient, db: AppDB, idp: FakeIdP
) -> None:
    done = sign_in(client)
    assert done.status_code == 200
    session_id = done.text.removeprefix("session ")
    principal = db.session_principal(session_id)
    assert principal == Principal(
        principal.user_id if principal else None,
        "ann@kent.police.uk",
        "viewer",
        Scope("force", "E23000032"),
    )
    [account] = db.accounts()
    assert account.sign_in == idp.url
    rows = audit_rows(db)
    assert [(r["actor"], r["action"]) for r in rows] == [
        (idp.url, "user_added"),
        ("ann@kent.police.uk", "login"),
    ]
    assert rows[1]["detail"] == {"method": "oidc", "issuer": idp.url}
    assert rows[1]["remote_addr"] == "127.0.0.1"
    # the state cookie is cleared once used
    assert f"{STATE_COOKIE}=;" in done.headers["Set-Cookie"]


def test_the_login_redirect_asks_for_code_flow_with_pkce_and_a_nonce(
    client: FlaskClient, idp: FakeIdP
) -> None:
    started = client.get("/login/oidc", base_url=HOST)
    location = started.headers["Location"]
    assert location.startswith(f"{idp.url}/authorize?")
    for part in (
        "response_type=code",
        f"client_id={CLIENT_ID}",
        "code_challenge_method=S256",
        "nonce=",
        "state=",
        "scope=openid+profile+email",
    ):
        assert part in location
    cookie = started.headers["Set-Cookie"]
    assert cookie.startswith(f"{STATE_COOKIE}=")
    for flag in ("Secure", "HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=600"):
        assert flag in cookie


def test_a_second_sign_in_updates_role_and_scope(
    client: FlaskClient, db: AppDB, idp: FakeIdP
) -> None:
    sign_in(client)
    idp.claims = ANN | {"roles": ["NDP.Viewer", "NDP.Analyst"], "groups": ["NDP-National"]}
    done = sign_in(client)
    principal = db.session_principal(done.text.removeprefix("session "))
    assert principal is not None
    assert (principal.role, principal.scope) == ("analyst", Scope("national"))
    assert len(db.accounts()) == 1
    assert [r["action"] for r in audit_rows(db)] == ["user_added", "login", "user_changed", "login"]


def refused_with(client: FlaskClient, db: AppDB, status: int, reason: str) -> None:
    done = sign_in(client)
    assert done.status_code == status
    assert "session" not in done.text
    assert db.accounts() == []
    last = audit_rows(db)[-1]
    assert (last["action"], last["detail"]["reason"]) == ("login_failed", reason)


def test_a_forged_token_is_refused_with_401_and_audited(
    client: FlaskClient, db: AppDB, idp: FakeIdP
) -> None:
    idp.forge = True
    refused_with(client, db, 401, "the ID token's signature does not verify (bad_signature)")
    assert audit_rows(db)[-1]["actor"] == "-"


@pytest.mark.parametrize(
    ("tweak", "reason"),
    [
        ({"aud": "someone-else"}, "the ID token's aud claim is not ours"),
        ({"iss": "https://evil.example"}, "the ID token's iss claim is not ours"),
        ({"nonce": "replayed"}, "the ID token's nonce claim is not ours"),
        ({"nonce": None}, "the ID token has no nonce claim"),
        ({"exp": 1_700_000_000}, "the ID token has expired"),
        (
            {"aud": [CLIENT_ID, "other"]},
            "the ID token is for several audiences and not authorised for us",
        ),
    ],
)
def test_a_token_failing_a_check_is_refused(
    client: FlaskClient, db: AppDB, idp: FakeIdP, tweak: dict[str, Any], reason: str
) -> None:
    idp.tweak = tweak
    refused_with(client, db, 401, reason)


def test_a_new_signing_key_is_fetched_once_and_used(
    client: FlaskClient, db: AppDB, idp: FakeIdP
) -> None:
    assert sign_in(client).status_code == 200
    assert sign_in(client).status_code == 200
    assert idp.jwks_requests == 1  # kept between sign-ins
    idp.key = RSAKey.generate_key(2048, parameters={"kid": "idp-2", "use": "sig"})
    assert sign_in(client).status_code == 200
    assert idp.jwks_requests == 2
    idp.forge = True  # a bad signature under a known key id does not fetch the keys again
    assert sign_in(client).status_code == 401
    assert idp.jwks_requests == 2


def test_claims_that_map_to_nothing_are_denied(
    client: FlaskClient, db: AppDB, idp: FakeIdP
) -> None:
    idp.claims = ANN | {"roles": ["Finance.User"]}
    refused_with(client, db, 403, "no value of the 'roles' claim maps to a role")
    assert audit_rows(db)[-1]["actor"] == "ann@kent.police.uk"


def test_a_callback_without_this_browsers_state_is_refused(
    client: FlaskClient, db: AppDB, idp: FakeIdP
) -> None:
    started = client.get("/login/oidc", base_url=HOST)
    back = requests.get(started.headers["Location"], allow_redirects=False, timeout=10).headers[
        "Location"
    ]
    client.delete_cookie(STATE_COOKIE, domain="dashboard.test")
    done = client.get(back.removeprefix(HOST), base_url=HOST)
    assert done.status_code == 400
    assert (
        done.text
        == "This sign-in has expired or was not started here. Start again from the sign-in page.\n"
    )
    assert (
        audit_rows(db)[-1]["detail"]["reason"] == "the state does not match this browser's sign-in"
    )
    assert idp.token_requests == 0


def test_a_callback_replayed_is_refused(client: FlaskClient, db: AppDB, idp: FakeIdP) -> None:
    started = client.get("/login/oidc", base_url=HOST)
    cookie = started.headers["Set-Cookie"].split(";")[0].split("=", 1)[1]
    back = requests.get(started.headers["Location"], allow_redirects=False, timeout=10).headers[
        "Location"
    ]
    assert client.get(back.removeprefix(HOST), base_url=HOST).status_code == 200
    client.set_cookie(STATE_COOKIE, cookie, domain="dashboard.test")
    again = client.get(back.removeprefix(HOST), base_url=HOST)
    assert again.status_code == 400
    assert (
        audit_rows(db)[-1]["detail"]["reason"] == "the sign-in is unknown, used already or expired"
    )


def test_a_revoked_account_cannot_come_back_through_its_provider(
    client: FlaskClient, db: AppDB
) -> None:
    sign_in(client)
    db.revoke_user("ann@kent.police.uk")
    done = sign_in(client)
    assert done.status_code == 403
    assert audit_rows(db)[-1]["action"] == "login_failed"
    assert audit_rows(db)[-1]["detail"] == {
        "issuer": audit_rows(db)[0]["actor"],
        "reason": "revoked",
    }


def test_an_unreachable_provider_answers_502(db: AppDB) -> None:
    settings = OidcSettings(
        "http://127.0.0.1:9", CLIENT_ID, CLIENT_SECRET, f"{HOST}/login/oidc/callback"
    )
    app = Flask(__name__)
    app.register_blueprint(oidc_blueprint(lambda: db, settings, lambda sid: Response(sid)))
    done = app.test_client().get("/login/oidc", base_url=HOST)
    assert done.status_code == 502
    assert done.text == "Your organisation's sign-in service cannot be reached. Try again later.\n"
