"""Publishing says how far it has got, step by step, counting the force editions as it writes
them: the words the publish job's page shows while it runs."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from ndp.engine.framework import load_framework
from ndp.periods import Quarter
from ndp.publish.draft import Draft
from ndp.publish.hashing import pack_hash
from ndp.publish.publish import publish
from ndp.publish.signoff import sign_off

KENT, MET = "E23000032", "E23000001"


def test_publishing_counts_the_force_editions_it_writes(
    demo_pack: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("ndp.publish.publish.REPORT_FORMATS", ["html"])
    monkeypatch.setattr("ndp.publish.publish.FORCE_FORMATS", ["html"])
    pack = json.loads(demo_pack.to_json(), parse_float=Decimal)
    for load in pack["data_quality"]["loads"]:
        load["username"] = "ann"
    fw = Path(load_framework().path)
    draft = Draft(Quarter.parse("2024-25 Q1"), pack, pack_hash(pack), "", fw, None)
    root = tmp_path / "published"
    sign_off(root, draft, "bob", "approver")
    said: list[str] = []
    done = publish(root, draft, "bob", forces=[KENT, MET], progress=said.append)
    assert said == [
        "Writing the national report",
        "Writing force editions",
        "Writing force editions: 1 of 2",
        "Writing force editions: 2 of 2",
    ]
    assert len(list(done.reports.glob("**/*.html"))) >= 3
    again: list[str] = []
    publish(root, draft, "bob", forces=[KENT, MET], progress=again.append)
    assert again == []  # already published: nothing written, nothing to count
