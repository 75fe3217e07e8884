"""E1b's benchmark where this quarter's count is withheld and last year's are not: the public
edition states the benchmark (last year's total and its quarterly average, both worked out from
figures it shows) and says that whether it was met is not shown, never the count, its change
on the benchmark or which side of it the count fell. A store of hand-made money laundering
disruptions (the Met's alone: 30, 36, 24 and 30 in the quarters of 2023-24, 6 in 2024-25 Q1)
under a copy of the shipped plan with a public minimum of 20."""

from __future__ import annotations

import csv
import re
from datetime import date
from typing import Any

import pytest
from test_narrative import _pack

from ndp.engine.disclosure.project import suppress
from ndp.load import load_files
from ndp.periods import Quarter
from ndp.report.check import check_text
from ndp.report.format import count
from ndp.report.narrative import measure_sentences
from ndp.store import open_store

FLOOR = 20
#: quarter -> the Met's money laundering disruptions in it
QUARTERS = {"2023-24 Q1": 30, "2023-24 Q2": 36, "2023-24 Q3": 24, "2023-24 Q4": 30, "2024-25 Q1": 6}
#: a figure as the text writes it (not a year's "23/24", nor the comma after it)
NUMBER = re.compile(r"(?<![\w,./])£?\d(?:[\d,]*\d)?(?:\.\d+)?%?(?![\d/])")


@pytest.fixture(scope="module")
def packs(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], dict[str, Any]]:
    """(the pack as built, the public's projection of it)."""
    folder = tmp_path_factory.mktemp("benchmark")
    rows = []
    for label, total in QUARTERS.items():
        months = Quarter.parse(label).months
        for n in range(total):  # spread over the quarter's months, a day each
            day = months[n % 3].start.replace(day=1 + n // 3)
            rows.append({"disruption_id": f"D-{label}-{n}", "force": "Met", "threat": "MLAR",
                         "level": "minor", "date": day.isoformat()})  # fmt: skip
    extract = folder / "disruptions.csv"
    with extract.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    with open_store(str(folder / "store.duckdb")) as store:
        load_files(store, [extract], source="disruptions", today=date(2026, 1, 1))
        truth = _pack(store, folder, FLOOR)
    return truth, suppress(truth, "public")


def test_the_benchmark_is_stated_and_whether_it_was_met_is_not(
    packs: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    truth, public = packs
    held, known = truth["indicators"]["E1b.disruptions"], public["indicators"]["E1b.disruptions"]
    assert held["value"] == QUARTERS["2024-25 Q1"]
    assert known["suppressed"]["value"] == "count"
    benchmark = known["comparisons"]["benchmark"]
    year = known["comparisons"]["previous_year_quarterly_average"]
    assert set(benchmark["suppressed"]) == {"change", "pct_change", "met"}
    assert "total" not in (year.get("suppressed") or {})
    text = " ".join(measure_sentences(public, "E1b"))
    assert text.startswith(f"In Q1, there were a total of fewer than {FLOOR} disruptions")
    assert (
        f"The benchmark from 23/24 was {count(year['total'])}, which translates to "
        f"{count(benchmark['value'])} disruptions per quarter. Whether the benchmark was met in "
        "Q1 is not shown, to protect confidentiality."
    ) in text
    # no figure but the benchmark's, the minimum and the levels shown (a level with no record is 0);
    # no side of the benchmark, no verdict
    levels = known["breakdown"]["level"]
    shown = {count(year["total"]), count(benchmark["value"]), count(FLOOR),
             count(levels.get("major", 0)), count(levels.get("moderate", 0))}  # fmt: skip
    assert set(NUMBER.findall(text)) == shown
    for said in (" above ", " below ", "was met", "not met", "%"):
        assert said not in text.replace("Whether the benchmark was met", ""), said
    assert check_text(text, pack=public) == []


def test_the_police_edition_says_how_the_count_compares(
    packs: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    truth, _ = packs
    text = " ".join(measure_sentences(truth, "E1b"))
    benchmark = truth["indicators"]["E1b.disruptions"]["comparisons"]["benchmark"]
    assert f"In Q1, there were a total of {count(QUARTERS['2024-25 Q1'])} disruptions" in text
    assert "below the benchmark, so the benchmark was not met." in text
    assert f"which translates to {count(benchmark['value'])} disruptions per quarter" in text
