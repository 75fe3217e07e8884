"""SPC steps declared in the commentary file re-base the named series when the pack is built."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ndp.engine.build import build_pack
from ndp.engine.framework import load_framework
from ndp.engine.pack_model import Pack
from ndp.engine.steps_file import read_steps
from ndp.errors import NdpError
from ndp.periods import Quarter
from ndp.store import Store

STEP = """period: 2024-25 Q1
commentary: {}
spc_steps:
  - {month: 2023-10, indicators: [E1b.disruptions], reason: a new recording team,
     areas: [nation, London]}
"""


def _groups(pack: Pack, at: str | None = None) -> list[dict[str, Any]]:
    ind = pack.indicators["E1b.disruptions"]
    spc = ind.spc if at is None else ind.by["region"][at].spc
    assert spc is not None
    return list(spc["groups"])


def test_a_commentary_step_rebases_the_series_where_it_applies(
    demo_store: Store, demo_pack: Pack, tmp_path: Path
) -> None:
    commentary = tmp_path / "commentary.yaml"
    commentary.write_text(STEP, encoding="utf-8")
    plain = demo_pack
    stepped = build_pack(demo_store, Quarter.parse("2024-25 Q1"), commentary=commentary)
    assert len(_groups(plain)) == 1
    groups = _groups(stepped)
    assert [g["step"] for g in groups] == [None, "a new recording team"]
    points = (stepped.indicators["E1b.disruptions"].spc or {})["points"]
    assert points[groups[1]["start"] - 1]["month"] == "2023-10"
    assert len(_groups(stepped, "London")) == 2
    assert len(_groups(stepped, "Eastern")) == 1  # the step named only the nation and London


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("{month: 2023-10, indicators: [E9.nothing], reason: r}", "unknown indicator 'E9.nothing'"),
        ("{month: 2023-10, indicators: [E1b.disruptions], reason: r, areas: [Narnia]}",
         "unknown area 'Narnia'"),
        ("{month: October, indicators: [E1b.disruptions], reason: r}", "is not YYYY-MM"),
        ("{month: 2023-10, indicators: [E1b.disruptions]}", "reason: Field required"),
    ],
)  # fmt: skip
def test_a_wrong_step_is_refused_naming_file_and_entry(
    tmp_path: Path, entry: str, message: str
) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(f"period: 2024-25 Q1\ncommentary: {{}}\nspc_steps:\n  - {entry}\n")
    with pytest.raises(NdpError) as caught:
        read_steps(path, load_framework(None))
    assert f"{path}: spc_steps entry 1" in str(caught.value)
    assert message in str(caught.value)


def test_no_steps_declared_reads_none(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text("period: 2024-25 Q1\ncommentary: {}\n")
    assert read_steps(path, load_framework(None)) == []
    assert read_steps(tmp_path, load_framework(None)) == []  # a folder without spc_steps.yaml
