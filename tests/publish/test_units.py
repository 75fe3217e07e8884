"""The pack hash, the sign-off rules, the figure changes and their table, on small packs."""

from __future__ import annotations

import copy
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from ndp.errors import NdpError
from ndp.periods import Quarter
from ndp.publish.draft import Draft
from ndp.publish.figures import Change, changes, first_difference
from ndp.publish.hashing import pack_hash
from ndp.publish.listing import listing
from ndp.publish.marks import published_pack
from ndp.publish.publish import publish
from ndp.publish.render import change_table
from ndp.publish.signoff import sign_off


def _pack() -> dict[str, Any]:
    return {
        "generated_at": "2026-12-07T03:00:00+00:00",
        "period": {"label": "2024-25 Q1"},
        "indicators": {
            "F2.disruptions": {
                "value": 120,
                "by": {"force": {"E23000020": {"value": 7}}, "region": {"London": {"value": 9}}},
            },
            "F5b.satisfied_pct": {"value": Decimal("57.0"), "by": {}},
        },
        "data_quality": {"loads": [{"load_id": 1, "finished_at": "x", "username": "ann"}]},
        "provenance": {
            "store": "duckdb",
            "framework_sha256": "f" * 64,
            "files": [{"path": "/a/d.csv", "sha256": "a" * 64, "source": "d", "rows": 3}],
        },
    }


def _draft(pack: dict[str, Any]) -> Draft:
    return Draft(Quarter(2024, 1), pack, pack_hash(pack), "{}", Path("fw.yaml"), None)


def test_the_hash_leaves_out_build_time_loads_and_paths_but_not_figures() -> None:
    pack = _pack()
    other = copy.deepcopy(pack)
    other["generated_at"] = "2027-01-01T00:00:00+00:00"
    other["data_quality"]["loads"] = [{"load_id": 9, "finished_at": "y", "username": "x"}]
    other["provenance"]["files"][0]["path"] = "/elsewhere/d.csv"
    other["provenance"]["store"] = "postgresql"
    other["indicators"]["F5b.satisfied_pct"]["value"] = Decimal("57")
    assert pack_hash(other) == pack_hash(pack)
    other["indicators"]["F2.disruptions"]["by"]["force"]["E23000020"]["value"] = 8
    assert pack_hash(other) != pack_hash(pack)
    other = copy.deepcopy(pack)
    other["provenance"]["files"][0]["sha256"] = "b" * 64
    assert pack_hash(other) != pack_hash(pack)


def test_figures_that_changed_and_where_two_packs_first_differ() -> None:
    old, new = _pack(), _pack()
    new["indicators"]["F2.disruptions"]["by"]["force"]["E23000020"]["value"] = 8
    new["indicators"]["F2.disruptions"]["value"] = 121
    assert changes(old, new) == [
        Change("F2.disruptions", "force E23000020", 7, 8),
        Change("F2.disruptions", "national", 120, 121),
    ]
    assert first_difference(old, new) == (
        "indicators.F2.disruptions.by.force.E23000020.value",
        7,
        8,
    )
    assert change_table("2024-25 Q1", 1, 2, changes(old, new)) == [
        "2024-25 Q1: version 1 to version 2",
        "indicator       area             old  new",
        "F2.disruptions  force E23000020  7    8",
        "F2.disruptions  national         120  121",
        "2 figures changed",
    ]
    assert change_table("2024-25 Q1", 1, 1, []) == [
        "2024-25 Q1: version 1 to version 1",
        "no figure changed",
    ]


def test_sign_off_needs_the_approver_role_and_a_second_person(tmp_path: Path) -> None:
    draft = _draft(_pack())
    with pytest.raises(NdpError) as refused:
        sign_off(tmp_path, draft, "bob", "analyst")
    assert str(refused.value) == (
        "role 'analyst' cannot sign off a quarter: sign-off needs the role 'approver'"
    )
    with pytest.raises(NdpError) as refused:
        sign_off(tmp_path, draft, " ANN", "approver")
    assert str(refused.value) == (
        " ANN prepared the 2024-25 Q1 draft and cannot sign it off too: a second person, "
        "with the approver role, must"
    )
    done = sign_off(tmp_path, draft, "bob", "approver")
    assert (done.new, done.prepared_by, done.approved_by) == (True, "ann", "bob")
    assert done.audit_line() == (
        f"signoff 2024-25 Q1 pack {draft.pack_hash[:12]} prepared by ann approved by bob"
    )
    again = sign_off(tmp_path, draft, "carol", "approver")
    assert (again.new, again.approved_by, again.at) == (False, "bob", done.at)


def test_a_draft_with_no_preparer_needs_one_named(tmp_path: Path) -> None:
    pack = _pack()
    pack["data_quality"]["loads"] = [{"username": None}]
    with pytest.raises(NdpError) as refused:
        sign_off(tmp_path, _draft(pack), "bob", "approver")
    assert str(refused.value) == (
        "2024-25 Q1: nobody is recorded as preparing this draft; give --prepared-by NAME"
    )
    assert sign_off(tmp_path, _draft(pack), "bob", "approver", prepared_by="ann").new


def test_publishing_an_unsigned_draft_writes_nothing(tmp_path: Path) -> None:
    draft = _draft(_pack())
    with pytest.raises(NdpError) as refused:
        publish(tmp_path / "published", draft, "bob")
    assert str(refused.value) == (
        f"the 2024-25 Q1 draft (pack {draft.pack_hash[:12]}) is not signed off: an approver "
        "runs `ndp signoff 2024-25Q1 --by NAME --role approver` first"
    )
    assert not (tmp_path / "published").exists()
    assert listing(tmp_path / "published") == [f"nothing published in {tmp_path / 'published'}"]


def test_the_published_marks_are_outside_the_hash_and_list_each_changed_figure() -> None:
    old, new = _pack(), _pack()
    new["indicators"]["F2.disruptions"]["by"]["force"]["E23000020"]["value"] = 8
    marked = published_pack(new, (1, old), "Lincolnshire late return")
    assert marked["draft"] is False
    assert marked["revisions"] == [
        {"indicator": "F2.disruptions", "area": "force E23000020", "value": 8,
         "previous_value": 7, "previous_version": 1, "reason": "Lincolnshire late return"},
    ]  # fmt: skip
    assert pack_hash(marked) == pack_hash(new)
    assert "draft" not in new  # the draft's pack is left as it was
    first = published_pack(old)
    assert (first["draft"], first["revisions"]) == (False, [])
