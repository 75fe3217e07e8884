"""Security headers and CSRF tokens (docs/dashboard.md, "Security").

Every response carries a Content Security Policy with a fresh nonce and no ``unsafe-inline`` or
``unsafe-eval`` (the pages have no inline script or style at all; charts run on Vega's
expression interpreter), ``frame-ancestors 'none'``, ``nosniff`` and a strict referrer policy;
every page but the static files is ``no-store``.

CSRF: the sign-in form is a double submit (a random ``__Host-`` cookie that the form repeats);
every form of a signed-in user carries a token derived from the server-side session's id, which
a page on another site can neither read nor guess.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from flask import Response

CSRF_COOKIE = "__Host-ndp_csrf"
CSRF_FIELD = "csrf_token"


def new_nonce() -> str:
    return secrets.token_urlsafe(18)


def policy(nonce: str) -> str:
    return "; ".join(
        [
            "default-src 'none'",
            f"script-src 'self' 'nonce-{nonce}'",
            f"style-src 'self' 'nonce-{nonce}'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "manifest-src 'self'",
            "form-action 'self'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
        ]
    )


def secure_headers(response: Response, nonce: str, static: bool) -> Response:
    response.headers["Content-Security-Policy"] = policy(nonce)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
    if not static:
        response.headers["Cache-Control"] = "no-store"
    return response


def session_token(session_id: str) -> str:
    """The CSRF token of a signed-in session's forms."""
    return hashlib.sha256(f"ndp-csrf:{session_id}".encode()).hexdigest()


def login_token() -> str:
    return secrets.token_urlsafe(32)


def same(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and hmac.compare_digest(str(a), str(b))
