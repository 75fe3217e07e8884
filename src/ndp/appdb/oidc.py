"""OpenID Connect sign-in without a web framework: the provider's settings, its discovery
document and keys, the authorization URL (code flow with PKCE), the code exchange (Authlib),
and validation of the ID token (joserfc): signature by the provider's JWKS, ``iss``, ``aud``
(and ``azp`` when there are several audiences), ``exp``, ``iat``, ``sub`` and ``nonce``.

``ndp.web.oidc`` puts this behind two routes; the state and nonce of a sign-in in progress are
kept in the app database (``AppDB.oidc_begin`` / ``oidc_take``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests
import yaml
from authlib.integrations.requests_client import OAuth2Session
from joserfc import jwt
from joserfc.errors import (
    ClaimError,
    ExpiredTokenError,
    InvalidKeyIdError,
    JoseError,
    MissingClaimError,
)
from joserfc.jwk import KeySet

from ndp.appdb.claims import ClaimMapping
from ndp.errors import NdpError

#: the signing algorithms accepted (never "none", never a symmetric one)
ALGORITHMS = ("RS256", "RS384", "RS512", "PS256", "ES256", "ES384")
TIMEOUT = 10


class TokenRefused(NdpError):
    """The provider's answer or its ID token did not hold up; ``reason`` says which check."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(f"sign-in refused: {reason}")


@dataclass(frozen=True)
class OidcSettings:
    """One identity provider (docs/dashboard.md shows the file these are read from)."""

    issuer: str
    client_id: str
    client_secret: str
    redirect_uri: str
    scopes: tuple[str, ...] = ("openid", "profile", "email")
    mapping: ClaimMapping = field(default_factory=ClaimMapping)
    #: seconds of clock difference allowed when checking exp and iat
    leeway: int = 60

    @classmethod
    def from_mapping(cls, raw: Mapping[str, Any], where: str = "OIDC settings") -> OidcSettings:
        missing = [k for k in ("issuer", "client_id", "redirect_uri") if not raw.get(k)]
        if missing:
            raise NdpError(f"{where}: missing {', '.join(missing)}")
        secret_env = str(raw.get("client_secret_env", "NDP_OIDC_SECRET"))
        secret = os.environ.get(secret_env)
        if not secret:
            raise NdpError(f"{where}: the client secret is not set: put it in ${secret_env}")
        return cls(
            issuer=str(raw["issuer"]).rstrip("/"),
            client_id=str(raw["client_id"]),
            client_secret=secret,
            redirect_uri=str(raw["redirect_uri"]),
            scopes=tuple(str(s) for s in raw.get("scopes", cls.scopes)),
            mapping=_mapping(raw.get("mapping") or {}, where),
            leeway=int(raw.get("leeway", 60)),
        )

    @classmethod
    def from_file(cls, path: Path) -> OidcSettings:
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        except OSError as error:
            raise NdpError(f"{path}: cannot read the OIDC settings: {error.strerror}") from None
        if not isinstance(raw, Mapping):
            raise NdpError(f"{path}: expected the OIDC settings as a YAML mapping")
        return cls.from_mapping(raw, str(path))


def _mapping(raw: Mapping[str, Any], where: str) -> ClaimMapping:
    try:
        return ClaimMapping.from_mapping(raw)
    except NdpError as error:
        raise NdpError(f"{where}: mapping: {error}") from None


class OidcProvider:
    """The provider's endpoints and keys, fetched once per process and kept."""

    def __init__(self, settings: OidcSettings, http: requests.Session | None = None) -> None:
        self.settings = settings
        self._http = http or requests.Session()
        self._metadata: dict[str, Any] | None = None
        self._keys: KeySet | None = None

    def _get(self, url: str) -> dict[str, Any]:
        try:
            response = self._http.get(url, timeout=TIMEOUT)
            response.raise_for_status()
            found = response.json()
        except (requests.RequestException, ValueError) as error:
            raise TokenRefused(f"the provider did not answer {url}: {error}") from None
        if not isinstance(found, dict):
            raise TokenRefused(f"the provider's {url} is not a JSON object")
        return found

    @property
    def metadata(self) -> dict[str, Any]:
        if self._metadata is None:
            found = self._get(f"{self.settings.issuer}/.well-known/openid-configuration")
            if str(found.get("issuer", "")).rstrip("/") != self.settings.issuer:
                raise TokenRefused("the discovery document names another issuer")
            self._metadata = found
        return self._metadata

    def keys(self, refresh: bool = False) -> KeySet:
        if self._keys is None or refresh:
            self._keys = KeySet.import_key_set(self._get(self.metadata["jwks_uri"]))  # type: ignore[arg-type]
        return self._keys

    def _session(self) -> OAuth2Session:
        s = self.settings
        return OAuth2Session(
            client_id=s.client_id,
            client_secret=s.client_secret,
            scope=" ".join(s.scopes),
            redirect_uri=s.redirect_uri,
            code_challenge_method="S256",
        )

    def authorization_url(self, state: str, nonce: str, code_verifier: str) -> str:
        url, _ = self._session().create_authorization_url(
            self.metadata["authorization_endpoint"],
            state=state,
            nonce=nonce,
            code_verifier=code_verifier,
        )
        return str(url)

    def exchange(self, code: str, code_verifier: str) -> str:
        """The ID token for an authorization code."""
        try:
            token = self._session().fetch_token(
                self.metadata["token_endpoint"],
                code=code,
                code_verifier=code_verifier,
                timeout=TIMEOUT,
            )
        except Exception as error:  # Authlib raises OAuthError, requests its own, on any failure
            raise TokenRefused(f"the code exchange failed: {error}") from None
        id_token = token.get("id_token")
        if not isinstance(id_token, str):
            raise TokenRefused("the provider sent no ID token")
        return id_token

    def validate(self, id_token: str, nonce: str, now: Callable[[], float]) -> dict[str, Any]:
        """The ID token's claims once every check holds; ``TokenRefused`` naming the first
        that fails. An unknown key id fetches the provider's keys again once (key rotation)."""
        try:
            try:
                token = jwt.decode(id_token, self.keys(), algorithms=list(ALGORITHMS))
            except InvalidKeyIdError:
                token = jwt.decode(id_token, self.keys(refresh=True), algorithms=list(ALGORITHMS))
        except JoseError as error:
            raise TokenRefused(
                f"the ID token's signature does not verify ({error.error})"
            ) from None
        except ValueError as error:
            raise TokenRefused(f"the ID token cannot be read ({error})") from None
        s = self.settings
        registry = jwt.JWTClaimsRegistry(
            now=int(now()),
            leeway=s.leeway,
            iss={"essential": True, "value": s.issuer},
            aud={"essential": True, "value": s.client_id},
            sub={"essential": True},
            exp={"essential": True},
            iat={"essential": True},
            nonce={"essential": True, "value": nonce},
        )
        try:
            registry.validate(token.claims)
        except ExpiredTokenError:
            raise TokenRefused("the ID token has expired") from None
        except MissingClaimError as error:
            raise TokenRefused(f"the ID token has no {error.claim} claim") from None
        except ClaimError as error:
            raise TokenRefused(f"the ID token's {error.claim} claim is not ours") from None
        except JoseError as error:
            raise TokenRefused(f"the ID token's claims do not hold ({error})") from None
        audience = token.claims["aud"]
        if (
            isinstance(audience, list)
            and len(audience) > 1
            and token.claims.get("azp") != s.client_id
        ):
            raise TokenRefused("the ID token is for several audiences and not authorised for us")
        return dict(token.claims)
