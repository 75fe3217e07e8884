"""Scopes are written national, region:NAME or force:CODE and always stored canonically."""

from __future__ import annotations

import pytest

from ndp.appdb import Scope, parse_role, parse_scope
from ndp.errors import NdpError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("national", Scope("national")),
        (" National ", Scope("national")),
        ("force:E23000032", Scope("force", "E23000032")),
        ("force:Kent", Scope("force", "E23000032")),
        ("force:kent police", Scope("force", "E23000032")),
        ("force:TVP", Scope("force", "E23000029")),
        ("force:EMSOU", Scope("force", "EMSOU")),
        ("region:South East", Scope("region", "South East")),
        ("region:south_east", Scope("region", "South East")),
        ("region:SEROCU", Scope("region", "South East")),
        ("region:Yorkshire & Humber", Scope("region", "Yorkshire and the Humber")),
    ],
)
def test_scope_spellings_canonicalise(text: str, expected: Scope) -> None:
    assert parse_scope(text) == expected


@pytest.mark.parametrize(
    ("scope", "text"),
    [
        (Scope("national"), "national"),
        (Scope("force", "E23000032"), "force:E23000032"),
        (Scope("region", "South East"), "region:South East"),
    ],
)
def test_scope_text_reads_back_as_the_same_scope(scope: Scope, text: str) -> None:
    assert str(scope) == text
    assert parse_scope(text) == scope


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "force:Kentt",
            "scope 'force:Kentt': no force or unit is called 'Kentt' (nearest: Kent, Notts, Gwent); "
            "write national, region:NAME or force:CODE (a force's code, name or alias)",
        ),
        (
            "region:Atlantis",
            "scope 'region:Atlantis': no region is called 'Atlantis'; "
            "write national, region:NAME or force:CODE (a force's code, name or alias)",
        ),
        (
            "force:",
            "scope 'force:' is not understood: "
            "write national, region:NAME or force:CODE (a force's code, name or alias)",
        ),
        (
            "national:E23000032",
            "scope 'national:E23000032' is not understood: "
            "write national, region:NAME or force:CODE (a force's code, name or alias)",
        ),
        (
            "everything",
            "scope 'everything' is not understood: "
            "write national, region:NAME or force:CODE (a force's code, name or alias)",
        ),
    ],
)
def test_a_wrong_scope_says_what_to_write(text: str, message: str) -> None:
    with pytest.raises(NdpError) as raised:
        parse_scope(text)
    assert str(raised.value) == message


def test_roles() -> None:
    assert parse_role("approver") == "approver"
    with pytest.raises(NdpError) as raised:
        parse_role("root")
    assert (
        str(raised.value) == "role 'root' is not known: use one of viewer, analyst, approver, admin"
    )
