"""Claims to role and scope, deny by default; the provider's settings file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ndp.appdb import Scope
from ndp.appdb.claims import ClaimMapping, ClaimsRefused, account_name, map_claims
from ndp.appdb.oidc import OidcSettings
from ndp.errors import NdpError

MAPPING = ClaimMapping.from_mapping(
    {
        "role_claim": "roles",
        "roles": {"NDP.Admin": "admin", "NDP.Viewer": "viewer", "NDP.Analyst": "analyst"},
        "scope_claim": "groups",
        "scopes": {"NDP-Kent": "force:Kent", "NDP-SE": "region:SEROCU", "NDP-All": "national"},
        "force_claim": "force",
    }
)


@pytest.mark.parametrize(
    ("claims", "expected"),
    [
        (
            {"roles": ["NDP.Viewer"], "groups": ["NDP-Kent"]},
            ("viewer", Scope("force", "E23000032")),
        ),
        ({"roles": "NDP.Analyst", "groups": "NDP-SE"}, ("analyst", Scope("region", "South East"))),
        (
            {"roles": ["NDP.Viewer", "NDP.Admin", "Other"], "groups": ["Other", "NDP-All"]},
            ("admin", Scope("national")),
        ),
        (
            {"roles": ["NDP.Viewer"], "force": "Kent Police"},
            ("viewer", Scope("force", "E23000032")),
        ),
        # the same scope from a group and the force claim is one scope
        (
            {"roles": ["NDP.Viewer"], "groups": ["NDP-Kent"], "force": "E23000032"},
            ("viewer", Scope("force", "E23000032")),
        ),
    ],
)
def test_claims_map_to_a_role_and_one_scope(
    claims: dict[str, Any], expected: tuple[str, Scope]
) -> None:
    assert map_claims(claims, MAPPING) == expected


@pytest.mark.parametrize(
    ("claims", "reason"),
    [
        ({"groups": ["NDP-Kent"]}, "no value of the 'roles' claim maps to a role"),
        (
            {"roles": ["ndp.viewer"], "groups": ["NDP-Kent"]},
            "no value of the 'roles' claim maps to a role",
        ),
        (
            {"roles": [{"x": 1}], "groups": ["NDP-Kent"]},
            "no value of the 'roles' claim maps to a role",
        ),
        ({"roles": ["NDP.Viewer"]}, "no claim maps to a scope"),
        ({"roles": ["NDP.Viewer"], "groups": ["Finance"]}, "no claim maps to a scope"),
        (
            {"roles": ["NDP.Viewer"], "groups": ["NDP-Kent", "NDP-All"]},
            "the claims map to more than one scope (force:E23000032, national)",
        ),
        ({"roles": ["NDP.Viewer"], "force": "Gotham"}, "the 'force' claim names no known force"),
    ],
)
def test_anything_else_is_denied(claims: dict[str, Any], reason: str) -> None:
    with pytest.raises(ClaimsRefused) as raised:
        map_claims(claims, MAPPING)
    assert str(raised.value) == reason


def test_an_empty_mapping_denies_everyone() -> None:
    with pytest.raises(ClaimsRefused):
        map_claims({"roles": ["admin"], "groups": ["national"]}, ClaimMapping())


def test_account_names() -> None:
    assert (
        account_name({"sub": "s1", "email": "ann@kent.police.uk", "name": "Ann"})
        == "ann@kent.police.uk"
    )
    assert account_name({"sub": "s1", "preferred_username": " ann\x1b[2J  kent "}) == "ann[2J kent"
    assert account_name({"sub": "s1"}) == "s1"


SETTINGS = """\
issuer: https://login.example.com/tenant/v2.0/
client_id: abc
client_secret_env: TEST_OIDC_SECRET
redirect_uri: https://dashboard.test/login/oidc/callback
mapping:
  roles: {NDP.Viewer: viewer}
  scopes: {NDP-Kent: "force:Kent"}
"""


def test_settings_from_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "oidc.yaml"
    path.write_text(SETTINGS)
    monkeypatch.setenv("TEST_OIDC_SECRET", "s3cret")
    settings = OidcSettings.from_file(path)
    assert settings.issuer == "https://login.example.com/tenant/v2.0"
    assert settings.client_secret == "s3cret"
    assert settings.scopes == ("openid", "profile", "email")
    assert settings.mapping.scopes == {"NDP-Kent": Scope("force", "E23000032")}
    monkeypatch.delenv("TEST_OIDC_SECRET")
    with pytest.raises(NdpError) as raised:
        OidcSettings.from_file(path)
    assert str(raised.value) == f"{path}: the client secret is not set: put it in $TEST_OIDC_SECRET"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("client_id: abc\n", "missing issuer, redirect_uri"),
        (
            SETTINGS.replace('"force:Kent"', '"force:Gotham"'),
            "mapping: scope 'force:Gotham': no force or unit is called 'Gotham'; write national, region:NAME or force:CODE (a force's code, name or alias)",
        ),
        (
            SETTINGS.replace("viewer}", "root}"),
            "mapping: role 'root' is not known: use one of viewer, analyst, approver, admin",
        ),
        ("- a list\n", "expected the OIDC settings as a YAML mapping"),
        (
            SETTINGS.replace("roles: {NDP.Viewer: viewer}", "roles: [viewer]"),
            "mapping: roles must map claim values to roles, e.g. NDP.Viewer: viewer",
        ),
    ],
)
def test_bad_settings_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, message: str
) -> None:
    path = tmp_path / "oidc.yaml"
    path.write_text(text)
    monkeypatch.setenv("TEST_OIDC_SECRET", "s3cret")
    with pytest.raises(NdpError) as raised:
        OidcSettings.from_file(path)
    assert str(raised.value) == f"{path}: {message}"
