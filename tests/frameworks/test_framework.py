"""Framework validation (errors name file, line, object) and a second framework."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
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
        (
            "source: disruptions, date: date,\n     filter: {threat: cyber}",
            "source: disruptions, join: protect_events, date: date,\n     filter: {threat: cyber}",
            "has no reference to 'protect_events'",
            21,
        ),
        ("aggregate: count, breakdowns", "aggregate: counts, breakdowns", "unknown aggregate", 21),
        (
            "aggregate: count, breakdowns",
            "aggregate: {latest_per_key: colour}, breakdowns",
            "no column 'colour'",
            21,
        ),
        (
            "flags: {outlier_change_pct: 50, coverage_change_units: 1}",
            "flags: {outlier_change_pct: 50, coverage_change_units: 1}\nspc:\n  steps:\n"
            "    - {month: 2024-05, indicators: [C1.cyber_disruption], reason: a new team}",
            "step names unknown indicator 'C1.cyber_disruption'",
            17,
        ),
        (
            "flags: {outlier_change_pct: 50, coverage_change_units: 1}",
            "flags: {outlier_change_pct: 50, coverage_change_units: 1}\nspc:\n  steps:\n"
            "    - {month: May 2024, indicators: [C1.cyber_disruptions], reason: a new team}",
            "is not YYYY-MM",
            17,
        ),
        (
            "flags: {outlier_change_pct: 50, coverage_change_units: 1}",
            "flags: {outlier_change_pct: 50, coverage_change_units: 1}\nspc:\n  steps:\n"
            "    - {month: 2024-05, indicators: [C1.cyber_disruptions], reason: a new team,"
            " areas: [nation, Narnia]}",
            "step names unknown area 'Narnia'",
            17,
        ),
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


LATEST = """
  C1.regions_with_leads:
    {measure: C1, title: Regions whose latest return had a lead, noun: regions, source: protect_staffing,
     date: as_of, filter: {leadership_in_post: {is_set: true}},
     aggregate: {latest_per_key: region, when_equal: [leadership_in_post, leadership_in_post], of: 4},
     direction: up, unit: count}
  C1.cyber_share:
    {measure: C1, title: Share of disruptions that are cyber, noun: share, source: disruptions,
     date: date, aggregate: {ratio: [C1.cyber_disruptions, C1.all_disruptions]}, breakdowns: [category],
     direction: neutral, unit: percent}
  C1.all_disruptions:
    {measure: C1, title: All disruptions, noun: disruptions, source: disruptions, date: date,
     aggregate: count, breakdowns: [category], direction: neutral, unit: count}
"""


def test_new_aggregates_work_in_another_framework(tmp_path: Path) -> None:
    """latest_per_key with another key set-up and `of`, and a ratio's breakdown and by.force,
    in a framework that is not the NLF plan: nothing about F5 or F1b is hard-coded."""
    path = tmp_path / "fw.yaml"
    path.write_text(CYBER.read_text().rstrip() + "\n" + LATEST)
    with open_store(":memory:") as store:
        rows = [
            ("d1", "2024-04-02", "cyber"),
            ("d2", "2024-05-02", "fraud"),
            ("d3", "2024-05-09", "fraud"),
        ]
        for i, (key, day, threat) in enumerate(rows):
            store.execute(
                "INSERT INTO disruptions (disruption_id, date, force, threat, category, level,"
                " _load_id, _file_id, _line) VALUES (?, ?, 'E23000001', ?, 'pursue', 'minor', 1, 1, ?)",
                [key, day, threat, i],
            )
        for i, (region, day) in enumerate([("wales", "2024-01-05"), ("london", "2024-06-01")]):
            store.execute(
                "INSERT INTO protect_staffing (region, as_of, posts_funded, posts_filled,"
                " leadership_in_post, _load_id, _file_id, _line) VALUES (?, ?, 5, 4, true, 1, 2, ?)",
                [region, day, i],
            )
        pack = build_pack(
            store, Quarter.parse("2024-25 Q1"), framework_path=path, today=date(2026, 1, 1)
        )
    leads = pack.indicators["C1.regions_with_leads"]
    assert (leads.value, leads.numerator, leads.denominator) == (2, 2, 4)
    assert leads.comparisons["previous_quarter"].value == 1  # Wales only, at 31 March
    assert leads.by["region"]["Wales"].value == 1
    share = pack.indicators["C1.cyber_share"]
    assert share.value == Decimal("33.333")  # 1 of 3
    assert share.breakdown["category"] == {"pursue": Decimal("33.333")}
    assert share.by["force"]["E23000001"].value == Decimal("33.333")
    assert (
        share.by["force"]["E23000001"].numerator,
        share.by["force"]["E23000001"].denominator,
    ) == (1, 3)


OPEN_FILTERS = """
  C1.cyber_alpha:
    {measure: C1, title: Cyber disruptions of Operation Alpha, noun: disruptions,
     source: disruptions, date: date, filter: {threat: cyber, operation: Alpha},
     aggregate: count, breakdowns: [level], direction: up, unit: count}
  C1.with_ocg:
    {measure: C1, title: Disruptions of a named group, noun: disruptions, source: disruptions,
     date: date, filter: {ocg_ref: {is_set: true}}, aggregate: count, direction: up, unit: count}
"""


def test_filters_on_open_text_columns_are_tested_per_record(tmp_path: Path) -> None:
    """A filter on a free-text column (operation, ocg_ref) is tested on each record, beside the
    closed-set columns (threat) tested on the scan's groups: both paths, one indicator."""
    path = tmp_path / "fw.yaml"
    path.write_text(CYBER.read_text().rstrip() + "\n" + OPEN_FILTERS)
    rows = [
        ("d1", "2024-04-02", "cyber", "Alpha", "OCG1", "major"),
        ("d2", "2024-05-02", "cyber", "Alpha", None, "minor"),
        ("d3", "2024-05-03", "cyber", "Beta", "OCG2", "minor"),
        ("d4", "2024-05-04", "fraud", "Alpha", None, "minor"),
        ("d5", "2024-06-04", "cyber", None, None, "minor"),
    ]
    with open_store(":memory:") as store:
        for i, (key, day, threat, operation, ocg, level) in enumerate(rows):
            store.execute(
                "INSERT INTO disruptions (disruption_id, date, force, threat, category, level,"
                " operation, ocg_ref, _load_id, _file_id, _line)"
                " VALUES (?, ?, 'E23000001', ?, 'pursue', ?, ?, ?, 1, 1, ?)",
                [key, day, threat, level, operation, ocg, i],
            )
        pack = build_pack(
            store, Quarter.parse("2024-25 Q1"), framework_path=path, today=date(2026, 1, 1)
        )
    alpha = pack.indicators["C1.cyber_alpha"]
    assert alpha.value == 2  # d1 and d2: d3 is Beta, d4 fraud, d5 has no operation
    assert alpha.breakdown["level"] == {"major": 1, "minor": 1}
    assert pack.indicators["C1.with_ocg"].value == 2  # d1 and d3
    assert pack.indicators["C1.cyber_disruptions"].value == 4
