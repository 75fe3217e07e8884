"""The checker on statement forms, the reference report and a planted slip."""

from __future__ import annotations

from pathlib import Path

import pytest

from ndp.report.check import check_text

REFERENCE = (
    Path(__file__).resolve().parents[3]
    / "shared"
    / "reference"
    / "ndp-performance-report-2024-25-q1.txt"
)


def _messages(text: str) -> list[str]:
    return [str(f) for f in check_text(text)]


@pytest.mark.skipif(not REFERENCE.exists(), reason="reference report not available")
def test_reference_report_has_exactly_the_e1b_slip() -> None:
    findings = check_text(REFERENCE.read_text(encoding="utf-8"))
    assert [str(f) for f in findings] == [
        'line 68: "For Q1, disruptions are 53% (+624) above the benchmark target.": '
        "1,113 - 729.25 = +383.75, so +384 (53%), not 53% (+624)"
    ]


@pytest.mark.skipif(not REFERENCE.exists(), reason="reference report not available")
@pytest.mark.parametrize(
    ("correct", "slip"),
    [
        ("450% (+9)", "450% (+8)"),
        ("83% (+5)", "80% (+5)"),
        ("29% (+409)", "39% (+409)"),
        ("86% (+853)", "68% (+853)"),
        ("15% (+2)", "15% (+3)"),
        ("43% (-92)", "43% (-29)"),
        ("123% (+943)", "132% (+943)"),
        ("187% (+825)", "178% (+825)"),
        ("883 minor", "833 minor"),
        ("translates to 729", "translates to 731"),
    ],
)
def test_each_reference_statement_is_checked(correct: str, slip: str) -> None:
    """Each correct statement passes, so changing it must add exactly one finding."""
    text = REFERENCE.read_text(encoding="utf-8")
    assert correct in text
    before = check_text(text)
    after = check_text(text.replace(correct, slip))
    added = [f for f in after if f not in before]
    assert len(added) == 1, added
    assert slip.split()[0] in added[0].statement or slip in added[0].statement


def test_rise_from_base_passes_and_slip_fails() -> None:
    good = "Disruptions rose to 1,266 from 441 in the same period, a rise of 187% (+825)."
    assert _messages(good) == []
    bad = good.replace("(+825)", "(+852)")
    assert _messages(bad) == [
        f'line 1: "{bad}": 1,266 - 441 = +825, so +825 (187%), not 187% (+852)'
    ]


def test_from_to_form() -> None:
    assert _messages("Seizures went from 200 to 150, down 25% (-50).") == []
    assert _messages("Seizures went from 200 to 150, down 20% (-50).") == [
        'line 1: "Seizures went from 200 to 150, down 20% (-50).": '
        "150 - 200 = -50, so -50 (25%), not 20% (-50)"
    ]


def test_current_value_only_form() -> None:
    ok = "In Q1 a total of 11 seizures were recorded. This is a 450% (+9) increase on last year."
    assert _messages(ok) == []
    assert len(_messages(ok.replace("450%", "350%"))) == 1


def test_change_without_a_stated_base_is_not_judged() -> None:
    assert _messages("F1a Disseminations rose, a 427% (+24,095) increase on last year.") == []


def test_benchmark_translation_and_above_benchmark() -> None:
    text = (
        "E1b There were a total of 1,113 disruptions; 42 major, 188 moderate and 883 minor.\n"
        "\n"
        "The benchmark from 23/24 was 2,917, which translates to 729 disruptions per quarter. "
        "For Q1, disruptions are 53% (+384) above the benchmark target.\n"
    )
    assert _messages(text) == []
    assert _messages(text.replace("729 disruptions", "730 disruptions")) == [
        'line 3: "benchmark from 23/24 was 2,917, which translates to 730 disruptions per '
        'quarter": 2,917 / 4 = 729.25, which rounds to 729, not 730'
    ]


def test_total_against_parts() -> None:
    text = "In Q1, there were a total of 1,113 disruptions; 42 major, 188 moderate and 883 minor."
    assert _messages(text) == []
    assert _messages(text.replace("188", "198")) == [
        'line 1: "total of 1,113 disruptions; 42 major, 198 moderate and 883 minor": '
        "the parts add up to 42 + 198 + 883 = 1,123, not 1,113"
    ]


def test_above_by_form_with_current_value() -> None:
    text = "There were 120 referrals, which is above the target by 20% (+20)."
    assert _messages(text) == []
    assert len(_messages(text.replace("(+20)", "(+24)"))) == 1


def test_percent_rounding_tolerance_half_away_from_zero() -> None:
    # 825 / 441 = 187.07%; 1 / 8 = 12.5% -> 13% (half away from zero); 12% is a slip.
    assert _messages("It rose to 9 from 8, a rise of 13% (+1).") == []
    assert len(_messages("It rose to 9 from 8, a rise of 11% (+1).")) == 1
    assert len(_messages("It rose to 9 from 8, a rise of 12% (+1).")) == 1  # 12.5 -> 13
    assert _messages("It rose to 9 from 8, a rise of 12.5% (+1).") == []


def test_planted_slip_among_correct_statements() -> None:
    text = "\n".join(
        [
            "E1 In Q1 a total of 11 seizures were recorded; 5 cash and 6 crypto.",
            "This is a 450% (+9) increase from the same period.",
            "",
            "E2 Referrals rose to 1,266 from 441, a rise of 187% (+825).",
            "E3 There were 1,847 disruptions. This represents an 86% (+835) increase.",
            "E4 The benchmark was 400, which translates to 100 per quarter.",
        ]
    )
    findings = check_text(text)
    assert [f.line for f in findings] == [5]
    assert findings[0].message == "1,847 - 1,012 = +835, so +835 (83%), not 86% (+835)"


def test_markdown_emphasis_and_bullets() -> None:
    text = "- **123** moderate disruptions (down 43% (-92) on Q1 23/24)\n"
    assert _messages(text) == []
    assert _messages(text.replace("43%", "34%")) == [
        'line 1: "123 moderate disruptions (down 34% (-92) on Q1 23/24)": '
        "123 - 215 = -92, so -92 (43%), not 34% (-92)"
    ]


def test_indented_line_keeps_its_figures() -> None:
    assert _messages("   There were 120 referrals, up 25% (+24).") == []
    assert len(_messages("   There were 120 referrals, up 20% (+24).")) == 1


def test_above_the_benchmark_by() -> None:
    text = (
        "E1b In Q1 there were 1,113 disruptions.\n"
        "The benchmark was 2,917, which translates to 729 disruptions per quarter.\n"
        "Disruptions were above the benchmark by 53% (+384).\n"
    )
    assert _messages(text) == []
    assert [f.message for f in check_text(text.replace("(+384)", "(+624)"))] == [
        "1,113 - 729.25 = +383.75, so +384 (53%), not 53% (+624)"
    ]


def test_total_against_a_listed_breakdown() -> None:
    text = "\n".join(
        [
            "F2 Nationally there were 1,847 disruptions recorded for Q1.",
            "",
            "During the quarter there were:",
            "",
            "- 15 major disruptions (up 15% (+2) on Q1 23/24)",
            "- **123** moderate disruptions (down 43% (-92) on Q1 23/24)",
            "- 1,709 minor disruptions (up 123% (+943)",
        ]
    )
    assert _messages(text) == []
    assert [f.message for f in check_text(text.replace("1,847", "1,874"))] == [
        "the listed parts add up to 15 + 123 + 1,709 = 1,847, not 1,874"
    ]
    # A list whose items name different things is not a breakdown of the total.
    mixed = text.replace("moderate disruptions", "moderate referrals")
    assert _messages(mixed.replace("1,847", "1,874")) == []


def test_money_changes_use_money_figures() -> None:
    text = "There were 45 forces; seizures were worth £1,012,431, up 10% (+£92,039) on last year."
    assert _messages(text) == []
    assert [f.message for f in check_text(text.replace("up 10%", "up 12%"))] == [
        "£1,012,431 - £920,392 = +£92,039, so +£92,039 (10%), not 12% (+£92,039)"
    ]
