"""Sign-in, sign-out and the check in front of every route.

The session cookie (``__Host-ndp_session``: Secure, HttpOnly, SameSite=Lax, path /) holds only
the id of a server-side session in the app database, which applies the idle and absolute
timeouts and can be revoked. Every request but sign-in, the accessibility statement, static
files and the icon (``/favicon.ico``) needs a live session: a page answers with a redirect to
sign-in, JSON with 401.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote, urlsplit

from flask import Blueprint, Response, abort, current_app, g, redirect, render_template, request
from markupsafe import Markup, escape
from werkzeug.wrappers import Response as BaseResponse

from ndp.web import security
from ndp.web.state import state

SESSION_COOKIE = "__Host-ndp_session"
PUBLIC = {
    "auth.login",
    "pages.accessibility",
    "static",
    "site",
    "favicon",
    "oidc.login",
    "oidc.callback",
}

bp = Blueprint("auth", __name__)


def wants_json() -> bool:
    return request.path.endswith(".json")


def safe_next(target: str | None) -> str:
    """Only a path on this site (``/2024-25-Q1/national``), never ``//host`` or a URL."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    parts = urlsplit(target)
    return "/" if parts.scheme or parts.netloc else target


@bp.before_app_request
def check_session() -> BaseResponse | None:
    g.nonce = security.new_nonce()
    g.principal = None
    g.session_id = None
    session_id = request.cookies.get(SESSION_COOKIE)
    if session_id:
        g.principal = state().appdb().session_principal(session_id)
        g.session_id = session_id if g.principal is not None else None
    if request.method == "POST":
        check_csrf()
    if request.endpoint in PUBLIC or g.principal is not None:
        return None
    if wants_json():
        return Response('{"error": "sign in first"}', 401, mimetype="application/json")
    if request.path == "/":
        return redirect("/login")
    return redirect(f"/login?next={quote(request.full_path.rstrip('?'), safe='/')}")


def check_csrf() -> None:
    sent = request.form.get(security.CSRF_FIELD)
    if request.endpoint == "auth.login":
        expected = request.cookies.get(security.CSRF_COOKIE)
    else:
        expected = security.session_token(g.session_id) if g.session_id else None
    if not security.same(sent, expected):
        abort(400, "The form has expired. Go back, reload the page and try again.")


def audit(action: str, target: str, detail: dict[str, object] | None = None) -> None:
    actor = g.principal.name if g.get("principal") is not None else "-"
    state().appdb().audit(actor, action, target, request.remote_addr, detail)


@bp.route("/login", methods=["GET", "POST"])
def login() -> BaseResponse | str:
    from ndp.appdb import LoginRefused, LoginThrottled

    token = request.cookies.get(security.CSRF_COOKIE) or security.login_token()
    error, name, status = "", "", 200
    if request.method == "POST":
        name = request.form.get("name", "")
        db = state().appdb()
        try:
            principal = db.authenticate(name, request.form.get("password", ""), request.remote_addr)
        except LoginThrottled as throttled:
            error, status = str(throttled), 429
        except LoginRefused as refused:
            error, status = str(refused), 401
        else:
            session_id = db.create_session(principal)
            db.audit(principal.name, "login", "/login", request.remote_addr, None)
            return signed_in(session_id, safe_next(request.args.get("next")))
        db.audit(name, "login_failed", "/login", request.remote_addr, {"reason": error})
    from ndp.web.render import layout

    content = render_template("login.html", error=error, name=name, csrf=token,
                              oidc="oidc.login" in current_app.view_functions,
                              next=safe_next(request.args.get("next")))  # fmt: skip
    response = Response(layout("Sign in", "", Markup(content)), status)
    response.set_cookie(security.CSRF_COOKIE, token, secure=True, httponly=True, samesite="Strict",
                        path="/")  # fmt: skip
    return response


@bp.route("/logout", methods=["POST"])
def logout() -> BaseResponse:
    db = state().appdb()
    if g.session_id:
        audit("logout", "/logout")
        db.revoke_session(g.session_id)
    response = redirect("/login")
    response.delete_cookie(SESSION_COOKIE, secure=True, httponly=True, samesite="Lax", path="/")
    return response


def signed_in(session_id: str, target: str = "/") -> BaseResponse:
    """The answer to a successful sign-in: the session cookie, and on to ``target``."""
    response = redirect(target)
    response.set_cookie(SESSION_COOKIE, session_id, secure=True, httponly=True, samesite="Lax",
                        path="/")  # fmt: skip
    return response


def oidc(settings_file: Path) -> Blueprint:
    """The OpenID Connect sign-in routes (``ndp.web.oidc``) for the provider in ``settings_file``,
    setting this dashboard's session cookie and showing refusals in its layout."""
    from ndp.appdb.oidc import OidcSettings
    from ndp.web.oidc import oidc_blueprint
    from ndp.web.render import layout

    def refused(status: int, message: str) -> Response:
        g.setdefault("nonce", security.new_nonce())
        body = Markup('<h1 class="govuk-heading-l">Sign-in refused</h1><p class="govuk-body">'
                      f"{escape(message)}</p>")  # fmt: skip
        return Response(layout("Sign-in refused", "", body), status)

    return oidc_blueprint(lambda: state().appdb(), OidcSettings.from_file(settings_file),
                          signed_in, on_refused=refused)  # fmt: skip
