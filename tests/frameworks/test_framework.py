"""Framework validation (errors name file, line, object) and a second framework."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ndp.engine.build import build_pack
from ndp.engine.framework import load_framework
from ndp.errors import NdpError
from ndp.periods import Quarter
from ndp.store import open_store

CYBER = Path(__file__).parent / "cyber.yaml"


def test_shipped_framework_is_valid() -> None:
    fw = load_framework()
    assert fw.id == "nlf-ndp-2024-25"
    assert set(fw.objectives) == {f"MLAR{i}" for i in (1, 2, 3)} | {
        f"Fraud{i}" for i in range(1, 7)
    }
    assert fw.indicators["F1a.outcome_22"].measurable is False
    assert "counting rules" in (fw.indicators["F1a.outcome_22"].reason or "")


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    path = tmp_path / "fw.yaml"
    path.write_text(CYBER.read_text().replace(old, new))
    return path


@pytest.mark.parametrize(
    ("old", "new", "message", "line"),
    [
        (
            "threat: cyber}, aggregate",
            "threat: cyberr}, aggregate",
            "threat has no value 'cyberr'",
            21,
        ),
        (
            "source: disruptions, date: date,\n     filter: {threat: cyber}",
            "source: disrupt, date: date,\n     filter: {threat: cyber}",
            "unknown source 'disrupt'",
            21,
        ),
        ("objective: Cyber1,", "objective: Cyber9,", "unknown objective 'Cyber9'", 19),
        (
            "noun: major disruptions,",
            "noun: major disruptions, colour: red,",
            "colour: Extra inputs",
            25,
        ),
        ("breakdowns: [category]", "breakdowns: [colour]", "no column 'colour'", 21),
    ],
)
def test_errors_name_file_line_and_object(
    tmp_path: Path, old: str, new: str, message: str, line: int
) -> None:
    path = _broken(tmp_path, old, new)
    with pytest.raises(NdpError, match="framework is not valid") as caught:
        load_framework(path)
    text = str(caught.value)
    assert message in text
    assert f"{path}:{line}:" in text


def test_second_framework_computes_its_own_indicators() -> None:
    with open_store(":memory:") as store:
        for i, (day, threat, level) in enumerate(
            [
                ("2024-04-02", "cyber", "major"),
                ("2024-05-02", "cyber", "minor"),
                ("2024-05-03", "fraud", "major"),
                ("2023-04-09", "cyber", "minor"),
            ]
        ):
            store.execute(
                "INSERT INTO disruptions (disruption_id, date, force, threat, category, level,"
                " _load_id, _file_id, _line) VALUES (?, ?, 'E23000001', ?, 'pursue', ?, 1, 1, ?)",
                [f"d{i}", day, threat, level, i],
            )
        pack = build_pack(
            store, Quarter.parse("2024-25 Q1"), framework_path=CYBER, today=date(2026, 1, 1)
        )
    assert set(pack.indicators) == {"C1.cyber_disruptions", "C1.major_cyber_disruptions"}
    assert pack.indicators["C1.cyber_disruptions"].value == 2
    assert (
        pack.indicators["C1.cyber_disruptions"].status_rule
        == "any rise on the same quarter last year"
    )
    major = pack.indicators["C1.major_cyber_disruptions"]
    assert major.value == 1
    assert major.comparisons["benchmark"].met is False
    assert pack.objectives["Cyber1"].measures == ["C1"]
    assert pack.framework.id == "cyber-test"
