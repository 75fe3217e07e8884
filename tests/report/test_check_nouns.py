"""A statement is checked against the figure of the noun it names, not the nearest figure."""

from __future__ import annotations

import pytest

from ndp.report.check import against_pack, arithmetic, check_text, lists, nouns
from ndp.report.check.numbers import counts

BASE = "E1b There were 1,104 disruptions in Q1."
DISTRACTOR = "In the same period 312 arrests were made."
STATEMENT = "Disruptions are 53% (+384) above the benchmark of 720."
LAYOUTS = {
    "one line": " ",
    "one line each": "\n",
    "blank lines between": "\n\n",
}


def _messages(text: str) -> list[str]:
    return [f.message for f in check_text(text)]


@pytest.mark.parametrize("sep", LAYOUTS.values(), ids=LAYOUTS.keys())
@pytest.mark.parametrize("extra", [0, 1, 2])
def test_a_second_nouns_figure_between_base_and_benchmark_statement(sep: str, extra: int) -> None:
    between = [DISTRACTOR, *[f"A further {15 + i} referrals were received." for i in range(extra)]]
    text = sep.join([BASE, *between, STATEMENT])
    assert _messages(text) == []
    assert _messages(text.replace("(+384)", "(+624)")) == [
        "1,104 - 720 = +384, so +384 (53%), not 53% (+624)"
    ]


def test_the_distractor_never_makes_a_slip_pass() -> None:
    # 1,032 arrests - 720 = +312 (43%): read against the arrests, this slip would pass.
    text = (
        "E1b There were 1,104 disruptions in Q1. 1,032 arrests were made. "
        "Disruptions are 43% (+312) above the benchmark of 720."
    )
    assert _messages(text) == ["1,104 - 720 = +384, so +384 (53%), not 43% (+312)"]


def test_benchmark_by_form_and_translated_benchmark() -> None:
    text = "\n".join(
        [
            "E1b In Q1 there were a total of 1,113 disruptions.",
            "The benchmark from 23/24 was 2,917, which translates to 729 disruptions per quarter.",
            "Officers made 312 arrests and received 15 referrals.",
            "Disruptions were above the benchmark by 53% (+384).",
        ]
    )
    assert _messages(text) == []
    assert _messages(text.replace("(+384)", "(+385)")) == [
        "1,113 - 729.25 = +383.75, so +384 (53%), not 53% (+385)"
    ]


def test_comparison_with_a_distractor_between() -> None:
    text = (
        "F2 There were 1,104 disruptions in Q1.\n312 arrests were made.\n"
        "Disruptions are 53% (+384) higher than in Q1 23/24."
    )
    assert _messages(text) == []
    assert _messages(text.replace("53%", "54%")) == [
        "1,104 - 720 = +384, so +384 (53%), not 54% (+384)"
    ]


def test_increase_in_names_the_noun() -> None:
    text = (
        "F1b Nationally, there have been 1,833 judicial outcomes during the period and 9,715 "
        "non-judicial outcomes. This represents a 29% (+409) increase in judicial outcomes."
    )
    assert _messages(text) == []
    assert _messages(text.replace("(+409)", "(+490)")) == [
        "1,833 - 1,343 = +490, so +490 (36%), not 29% (+490)"
    ]


@pytest.mark.parametrize(
    "text",
    [
        # The statement names referrals; the paragraph counts none.
        "E1b There were 1,104 disruptions. 312 arrests were made. "
        "Referrals are 53% (+624) above the benchmark of 720.",
        # The disruptions total is further back than the look-back.
        "E1b There were 1,104 disruptions.\n"
        + "\n".join(f"Officers made {n} arrests." for n in (11, 12, 13, 14))
        + "\nDisruptions are 53% (+624) above the benchmark of 720.",
        # 15 major disruptions count major disruptions, not disruptions.
        "E1b There were 15 major disruptions. Disruptions are 53% (-624) below the benchmark "
        "of 720.",
    ],
    ids=["other noun", "out of reach", "a part, not the total"],
)
def test_a_statement_whose_nouns_figure_is_not_stated_is_not_judged(text: str) -> None:
    assert _messages(text) == []


def test_a_statement_naming_no_noun_reads_the_figure_it_follows() -> None:
    text = "E2 In Q1 a total of 11 asset seizures were recorded. This is a 450% (+9) increase."
    assert _messages(text) == []
    assert len(_messages(text.replace("450%", "350%"))) == 1


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        ("For Q1, disruptions are ", " above the benchmark.", ("disruptions",)),
        ("Disruptions were above the benchmark by ", ".", ("disruptions",)),
        (
            "Money laundering disruptions were ",
            " above",
            ("money laundering disruptions", "laundering disruptions", "disruptions"),
        ),
        (
            "This represents a ",
            " increase in judicial outcomes in comparison to Q1",
            ("judicial outcomes", "outcomes"),
        ),
        ("This is a ", " increase from the same period", None),
        ("There were 120 referrals, up ", " on last year.", None),
        ("There were 120 referrals, which is above the target by ", ".", None),
        ("NFIB disseminations increased, a ", " increase in comparison to Q1", None),
    ],
)
def test_statement_nouns(before: str, after: str, expected: tuple[str, ...] | None) -> None:
    assert nouns.statement_nouns(before, after) == expected


def test_one_noun_rule_for_every_check() -> None:
    """The pack, arithmetic and list checks share one rule for what a figure counts."""
    assert against_pack.names is arithmetic.names is lists.names is nouns.names
    assert nouns.names("judicial outcomes during the period", "judicial outcomes")
    assert nouns.names("disruption recorded", "disruptions")
    assert not nouns.names("judicial outcomes during", "judicial outcome rate")
    assert not nouns.names("major disruptions", "disruptions")


@pytest.mark.parametrize(
    "row",
    [
        "Fraud 1\tWe will increase the policing response and outcomes.\t▲ Improving",
        "Fraud 3",
        "Fraud 3\t→",
        "MLAR 2 We will seize and restrain more criminal assets",
        "Performance Measure 1: We will increase criminal justice outcomes.",
        "E1b\tIncrease the number of disruptions at all levels.",
    ],
)
def test_a_row_label_is_not_a_figure(row: str) -> None:
    assert counts(row) == []


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("National campaigns supported by Protect 8, up on last year", "8"),
        ("Nationally 12 referrals were made.", "12"),
        ("Overall 15 major disruptions.", "15"),
        ("Fraud 3\t12 arrests", "12"),
    ],
)
def test_a_figure_after_a_capitalised_word_is_still_a_figure(text: str, figure: str) -> None:
    assert [f.text for f in counts(text)] == [figure]


def test_a_table_row_label_is_never_the_base_of_a_statement() -> None:
    # Read as a figure, "Fraud 3" would make this "3 - 2 = +1, so +1 (50%), not 20% (+1)".
    text = "Fraud 3\tWe will lead the National Fraud Squad.\t→ Stable\nOperations up 20% (+1).\n"
    assert _messages(text) == []


def test_a_figure_too_small_to_be_the_current_value_is_not_a_reading() -> None:
    # 312 - 384 < 0 cannot be this statement's base; it once shifted the reading named (a crash).
    text = "There were 1,104 disruptions in Q1 and 312 arrests, up 20% (+384) on disruptions."
    assert _messages(text) == ["1,104 - 720 = +384, so +384 (53%), not 20% (+384)"]
