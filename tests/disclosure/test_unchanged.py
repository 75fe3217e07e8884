"""Disclosure control changes nothing for the police: the police audience sees the pack
itself, a framework's disclosure rules change no figure of the pack, and the demo pack (whose
framework declares none) has no disclosure block and no audience but police."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from disclosure_data import FRAMEWORK, build

from ndp.engine.disclosure.project import suppress
from ndp.engine.exact_json import dumps_exact
from ndp.errors import NdpError


def test_the_police_audience_gets_the_pack_byte_for_byte(small_pack: dict[str, Any]) -> None:
    before = dumps_exact(small_pack)
    seen = suppress(small_pack, "police")
    assert dumps_exact(seen) == before
    assert dumps_exact(small_pack) == before  # and the pack itself is left as it was


def _without_rules(pack: dict[str, Any]) -> dict[str, Any]:
    """The pack less what names the framework file and when it was built."""
    out = json.loads(dumps_exact(pack))
    for key in ("disclosure", "generated_at"):
        out.pop(key, None)
    out["framework"].pop("sha256")
    for key in ("framework_file", "framework_sha256"):
        out["provenance"].pop(key)
    return dict(out)


def test_the_rules_change_no_figure(
    small_store: Path, small_pack: dict[str, Any], tmp_path: Path
) -> None:
    text = FRAMEWORK.read_text(encoding="utf-8")
    block = "disclosure:\n  audiences:\n    public: {min_count: 10}\n"
    assert block in text
    plain = tmp_path / "plain.yaml"
    plain.write_text(text.replace(block, ""), encoding="utf-8")
    without = build(small_store, plain)
    assert "disclosure" not in without
    assert _without_rules(without) == _without_rules(small_pack)


def test_the_demo_pack_has_no_disclosure_and_no_public_audience(demo_pack: Any) -> None:
    text = demo_pack.to_json()
    assert '"disclosure"' not in text
    with pytest.raises(NdpError) as caught:
        suppress(json.loads(text), "public")
    assert str(caught.value) == (
        "audience 'public' is not one the framework declares (known: police); declare it "
        "under disclosure.audiences in the framework (docs/framework.md)"
    )
