"""From an OpenID Connect ID token's claims to a role and a scope, by a configured mapping.

Deny by default: a role must come from the role claim's values, and exactly one scope from the
scope claim's values or the force claim; anything else refuses the sign-in rather than guess
(docs/dashboard.md, "OpenID Connect").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ndp.appdb.model import ROLES, Role, Scope, parse_role, parse_scope
from ndp.errors import NdpError


class ClaimsRefused(NdpError):
    """The token's claims give no role or no single scope in this dashboard."""


@dataclass(frozen=True)
class ClaimMapping:
    """Which claims carry the role and scope, and what their values mean here."""

    role_claim: str = "roles"
    roles: Mapping[str, Role] = field(default_factory=dict)
    scope_claim: str = "groups"
    scopes: Mapping[str, Scope] = field(default_factory=dict)
    force_claim: str | None = None

    @classmethod
    def from_mapping(cls, raw: Mapping[str, object]) -> ClaimMapping:
        """From the ``mapping:`` part of the OIDC settings file; ``NdpError`` on a bad entry."""
        roles = _table(raw, "roles")
        scopes = _table(raw, "scopes")
        force_claim = raw.get("force_claim")
        return cls(
            role_claim=str(raw.get("role_claim", "roles")),
            roles={value: parse_role(role) for value, role in roles.items()},
            scope_claim=str(raw.get("scope_claim", "groups")),
            scopes={value: parse_scope(scope) for value, scope in scopes.items()},
            force_claim=None if force_claim is None else str(force_claim),
        )


def _table(raw: Mapping[str, object], key: str) -> dict[str, str]:
    value = raw.get(key, {})
    if not isinstance(value, Mapping):
        raise NdpError(f"{key} must map claim values to {key}, e.g. NDP.Viewer: viewer")
    return {str(k): str(v) for k, v in value.items()}


def _values(claims: Mapping[str, object], name: str) -> list[str]:
    """A claim's values: a list of strings, or one string (some providers send one group)."""
    value = claims.get(name)
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def map_claims(claims: Mapping[str, object], mapping: ClaimMapping) -> tuple[Role, Scope]:
    """The role (highest mapped) and the one scope the claims give; ``ClaimsRefused`` if none."""
    roles = {mapping.roles[v] for v in _values(claims, mapping.role_claim) if v in mapping.roles}
    if not roles:
        raise ClaimsRefused(f"no value of the {mapping.role_claim!r} claim maps to a role")
    role = max(roles, key=ROLES.index)
    scopes = {
        mapping.scopes[v] for v in _values(claims, mapping.scope_claim) if v in mapping.scopes
    }
    if mapping.force_claim is not None:
        for force in _values(claims, mapping.force_claim):
            try:
                scopes.add(parse_scope(f"force:{force}"))
            except NdpError:
                raise ClaimsRefused(
                    f"the {mapping.force_claim!r} claim names no known force"
                ) from None
    if not scopes:
        raise ClaimsRefused("no claim maps to a scope")
    if len(scopes) > 1:
        listed = ", ".join(sorted(str(s) for s in scopes))
        raise ClaimsRefused(f"the claims map to more than one scope ({listed})")
    return role, scopes.pop()


def account_name(claims: Mapping[str, object]) -> str:
    """A readable name for the account: preferred_username, email or name, else the subject."""
    for key in ("preferred_username", "email", "name", "sub"):
        value = claims.get(key)
        if isinstance(value, str):
            printable = " ".join("".join(c for c in value if c.isprintable()).split())[:64]
            if printable:
                return printable
    return "oidc-user"
