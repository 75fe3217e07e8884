"""A tiny OpenID Connect identity provider on 127.0.0.1 for the sign-in tests.

It serves discovery, JWKS, an authorization endpoint that signs the user in at once (redirecting
back with a code), and a token endpoint that checks the client, the redirect URI and PKCE, then
returns an RS256 ID token. ``claims`` are what the next token says about the user; ``tweak`` and
``forge`` make it misbehave the way a test needs.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey

CLIENT_ID, CLIENT_SECRET = "ndp-dashboard", "client-secret"


class FakeIdP:
    def __init__(self) -> None:
        self.key = RSAKey.generate_key(2048, parameters={"kid": "idp-1", "use": "sig"})
        self.claims: dict[str, Any] = {}
        self.tweak: dict[str, Any] = {}  # claims to override in the next token (None removes)
        self.forge = False  # sign with another key under the same kid
        self.codes: dict[str, dict[str, str]] = {}
        self.token_requests = 0
        self.jwks_requests = 0
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> FakeIdP:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def discovery(self) -> dict[str, Any]:
        return {
            "issuer": self.url,
            "authorization_endpoint": f"{self.url}/authorize",
            "token_endpoint": f"{self.url}/token",
            "jwks_uri": f"{self.url}/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
        }

    def id_token(self, code: dict[str, str]) -> str:
        now = int(time.time())
        claims = {
            "iss": self.url,
            "aud": CLIENT_ID,
            "iat": now,
            "exp": now + 300,
            "nonce": code["nonce"],
        }
        claims |= self.claims
        for name, value in self.tweak.items():
            if value is None:
                claims.pop(name, None)
            else:
                claims[name] = value
        kid = str(self.key.kid)
        key = RSAKey.generate_key(2048, parameters={"kid": kid}) if self.forge else self.key
        return jwt.encode({"alg": "RS256", "kid": kid}, claims, key)

    def _authorize(self, query: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        assert query["client_id"] == CLIENT_ID
        assert query["response_type"] == "code"
        assert query["code_challenge_method"] == "S256"
        code = secrets.token_urlsafe(16)
        self.codes[code] = query
        target = f"{query['redirect_uri']}?{urlencode({'code': code, 'state': query['state']})}"
        return 302, {"Location": target}, b""

    def _token(self, form: dict[str, str], auth: str | None) -> tuple[int, dict[str, str], bytes]:
        self.token_requests += 1
        expected = "Basic " + base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
        code = self.codes.pop(form.get("code", ""), None)
        if auth != expected or code is None:
            return 400, {}, json.dumps({"error": "invalid_grant"}).encode()
        challenge = base64.urlsafe_b64encode(
            hashlib.sha256(form["code_verifier"].encode()).digest()
        )
        if (
            challenge.rstrip(b"=").decode() != code["code_challenge"]
            or form["redirect_uri"] != code["redirect_uri"]
        ):
            return 400, {}, json.dumps({"error": "invalid_grant"}).encode()
        body = {
            "access_token": "at",
            "token_type": "Bearer",
            "expires_in": 300,
            "id_token": self.id_token(code),
        }
        return 200, {}, json.dumps(body).encode()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        idp = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                if parts.path == "/.well-known/openid-configuration":
                    self._send(200, {}, json.dumps(idp.discovery()).encode())
                elif parts.path == "/jwks":
                    idp.jwks_requests += 1
                    self._send(
                        200, {}, json.dumps(KeySet([idp.key]).as_dict(private=False)).encode()
                    )
                elif parts.path == "/authorize":
                    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
                    self._send(*idp._authorize(query))
                else:
                    self._send(404, {}, b"{}")

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                self._send(*idp._token(form, self.headers.get("Authorization")))

        return Handler
