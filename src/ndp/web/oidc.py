"""Sign-in through an OpenID Connect provider: a Flask blueprint the dashboard registers.

``/login/oidc`` sends the browser to the provider (authorization code flow with PKCE); the
provider sends it back to ``/login/oidc/callback``, which checks the state, exchanges the code,
validates the ID token, maps its claims to a role and scope, creates or updates the account,
starts a session and hands its id to the app's ``on_login``, which sets the cookie. Every
refusal is recorded in the audit log as ``login_failed`` with its reason; a token that does not
validate (signed by another key, expired, for another audience, replayed) answers 401.

Both routes must be reachable signed out: their endpoints are ``PUBLIC_ENDPOINTS``.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Callable

from flask import Blueprint, Response, make_response, redirect, request
from flask.typing import ResponseReturnValue

from ndp.appdb import AppDB, LoginRefused
from ndp.appdb.claims import ClaimsRefused, account_name, map_claims
from ndp.appdb.oidc import OidcProvider, OidcSettings, TokenRefused

#: holds the state of a sign-in in progress between the two routes (10 minutes at most)
STATE_COOKIE = "__Host-ndp_oidc_state"
PUBLIC_ENDPOINTS = frozenset({"oidc.login", "oidc.callback"})
CALLBACK = "/login/oidc/callback"

MESSAGES = {
    400: "This sign-in has expired or was not started here. Start again from the sign-in page.",
    401: "Sign-in through your organisation failed. Start again, or ask an administrator.",
    403: "Your organisation's account gives no access to this dashboard. Ask an administrator.",
    502: "Your organisation's sign-in service cannot be reached. Try again later.",
}

Refused = Callable[[int, str], ResponseReturnValue]


def _plain(status: int, message: str) -> ResponseReturnValue:
    return Response(message + "\n", status, mimetype="text/plain")


def oidc_blueprint(
    appdb_getter: Callable[[], AppDB],
    settings: OidcSettings,
    on_login: Callable[[str], ResponseReturnValue],
    *,
    on_refused: Refused | None = None,
    provider: OidcProvider | None = None,
) -> Blueprint:
    """The two routes, signing in against ``settings``' provider. ``on_login(session_id)``
    answers a successful sign-in (it sets the session cookie); ``on_refused(status, message)``
    renders a refusal (plain text when not given)."""
    idp = provider or OidcProvider(settings)
    refuse = on_refused or _plain
    bp = Blueprint("oidc", __name__)

    def failed(status: int, reason: str, actor: str = "-") -> ResponseReturnValue:
        detail: dict[str, object] = {"method": "oidc", "issuer": settings.issuer, "reason": reason}
        appdb_getter().audit(actor, "login_failed", CALLBACK, request.remote_addr, detail)
        response = make_response(refuse(status, MESSAGES[status]))
        response.delete_cookie(STATE_COOKIE, path="/", secure=True, httponly=True, samesite="Lax")
        return response

    @bp.get("/login/oidc")
    def login() -> ResponseReturnValue:
        state, nonce = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        verifier = secrets.token_urlsafe(48)
        try:
            url = idp.authorization_url(state, nonce, verifier)
        except TokenRefused as error:
            return failed(502, error.reason)
        appdb_getter().oidc_begin(state, nonce, verifier)
        response = redirect(url)
        response.set_cookie(STATE_COOKIE, state, max_age=600, path="/", secure=True,
                            httponly=True, samesite="Lax")  # fmt: skip
        return response

    @bp.get(CALLBACK)
    def callback() -> ResponseReturnValue:
        db = appdb_getter()
        if request.args.get("error"):
            return failed(401, f"the provider answered {request.args['error']!r}")
        state = request.args.get("state", "")
        if not state or not hmac.compare_digest(state, request.cookies.get(STATE_COOKIE, "")):
            return failed(400, "the state does not match this browser's sign-in")
        pending = db.oidc_take(state)
        if pending is None:
            return failed(400, "the sign-in is unknown, used already or expired")
        nonce, verifier = pending
        try:
            id_token = idp.exchange(request.args.get("code", ""), verifier)
            claims = idp.validate(id_token, nonce, db.now)
        except TokenRefused as error:
            return failed(401, error.reason)
        name = account_name(claims)
        try:
            role, scope = map_claims(claims, settings.mapping)
        except ClaimsRefused as error:
            return failed(403, str(error), name)
        try:
            principal = db.upsert_oidc_user(settings.issuer, str(claims["sub"]), name, role, scope)
        except LoginRefused:  # a revoked account: recorded by upsert_oidc_user
            return make_response(refuse(403, MESSAGES[403]))
        session_id = db.create_session(principal)
        detail: dict[str, object] = {"method": "oidc", "issuer": settings.issuer}
        db.audit(principal.name, "login", CALLBACK, request.remote_addr, detail)
        response = make_response(on_login(session_id))
        response.delete_cookie(STATE_COOKIE, path="/", secure=True, httponly=True, samesite="Lax")
        return response

    return bp
