"""Commentary for region and force users: a comment is shown only if it names no force or unit
outside the scope (names, short names, aliases and codes of the reference data); otherwise the
page says commentary is available to national users."""

from __future__ import annotations

from pathlib import Path

import pytest
from webkit import PERIOD, client_of, make_app, sign_in

from ndp.web.commentary_scope import names_outside

ESSEX, KENT = "E23000028", "E23000032"
FRAMEWORK = " national lead force is the lead "
COMMENT = """period: 2024-25 Q1
commentary:
  F1b.judicial_outcome_rate: |
    The rise is all **Kent**'s work this quarter.
  F1c.forces_compliant: |
    Compliance rose across the country.
"""
WITHHELD = (
    "1 comment on this indicator is not shown here: commentary that names a force outside "
    "your area is available to national users."
)


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Kent Police recorded more.", [KENT]),
        ("The rise is all **KENT**'s work.", [KENT]),
        ("Returns from E23000032 were late.", [KENT]),
        ("Dyfed Powys and the Met led.", ["E23000001", "W15000004"]),
        ("D&C's figure doubled.", ["E23000035"]),
        ("Across England and Wales, most forces rose.", []),
        ("Kentish towns and rural areas.", []),
        ("Metropolitan areas rose.", ["E23000001"]),  # an alias of the Met: withheld, to be safe
        ("Essex Police rose.", []),  # the user's own force
        ("The National Lead Force led it.", []),  # the framework's own words name it
    ],
)
def test_a_comment_names_the_forces_outside_the_scope(text: str, named: list[str]) -> None:
    assert sorted(names_outside(text, {ESSEX}, FRAMEWORK)) == named


@pytest.fixture
def commented(packs_copy: Path) -> Path:
    (packs_copy / "commentary.yaml").write_text(COMMENT, encoding="utf-8")
    return packs_copy


def test_a_comment_naming_kent_is_not_shown_to_essex(commented: Path, tmp_path: Path) -> None:
    users = {"essex": f"force:{ESSEX}", "kent": f"force:{KENT}", "eastern": "region:Eastern",
             "nation": "national"}  # fmt: skip
    app = make_app(commented, tmp_path / "app.sqlite", users)
    url = f"/{PERIOD}/national/indicator/F1b.judicial_outcome_rate"
    seen = {}
    for name in users:
        client = client_of(app)
        assert sign_in(client, name).status_code == 302
        seen[name] = client.get(url).get_data(as_text=True)
    shown = "The rise is all <strong>Kent</strong>"
    assert shown not in seen["essex"]
    assert WITHHELD in seen["essex"]
    for name in ("kent", "eastern", "nation"):  # Kent is in each of their scopes
        assert shown in seen[name]
        assert WITHHELD not in seen[name]
    essex = client_of(app)
    sign_in(essex, "essex")
    twin = essex.get(f"/{PERIOD}/national/indicator/F1c.forces_compliant.json").get_json()
    assert twin["commentary"] == ["<p>Compliance rose across the country.</p>\n"]
    assert twin["commentary_withheld"] == ""
    held = essex.get(url + ".json").get_json()
    assert held["commentary"] == []
    assert held["commentary_withheld"] == WITHHELD
