"""The NLF narrative under disclosure control: a copy of the shipped framework with a public
audience (minimum 20) over the demo store, written as the public reads it (the HTML page and
the PDF's text through pdftotext). Where F2's or F3's figures are withheld the narrative says
"fewer than 20" (or "an undisclosed number of" for a complement, "an undisclosed share" for a
share), and none of the withheld figures is written beside its noun; the police's edition of
the same pack writes them."""

from __future__ import annotations

import html
import json
import re
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from ndp.engine.build import build_pack
from ndp.engine.disclosure.project import suppress
from ndp.periods import Quarter
from ndp.report.format import count, percent
from ndp.report.narrative import measure_sentences, measure_summary
from ndp.report.render import write_report
from ndp.store import Store

SHIPPED = Path(__file__).parents[2] / "src/ndp/frameworks/nlf-ndp-2024-25/framework.yaml"
FLOOR = 20

pytestmark = pytest.mark.slow


def _pack(store: Store, folder: Path, floor: int) -> dict[str, Any]:
    """The demo pack built with the shipped framework plus a public audience."""
    framework = folder / "framework.yaml"
    rules = f"\ndisclosure:\n  audiences:\n    public: {{min_count: {floor}}}\n"
    framework.write_text(SHIPPED.read_text(encoding="utf-8") + rules, encoding="utf-8")
    pack = build_pack(store, Quarter.parse("2024-25 Q1"), framework_path=framework)
    data: dict[str, Any] = json.loads(pack.to_json(), parse_float=Decimal)
    return data


@pytest.fixture(scope="module")
def police(demo_store: Store, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return _pack(demo_store, tmp_path_factory.mktemp("framework"), FLOOR)


def _html_text(path: Path) -> str:
    page = re.sub(r"<style.*?</style>", " ", path.read_text(encoding="utf-8"), flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def _pdf_text(path: Path) -> str:
    done = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    )
    return " ".join(done.stdout.replace("\u00ad", "").split())


@pytest.fixture(scope="module")
def texts(police: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The public edition's text as its readers meet it: the page, and the PDF."""
    out = tmp_path_factory.mktemp("public")
    page, pdf = write_report(police, out, ["html", "pdf"], audience="public")
    return [_html_text(page), _pdf_text(pdf)]


def test_f2_says_fewer_than_20_for_a_withheld_category(police: Any, texts: list[str]) -> None:
    truth = police["indicators"]["F2.disruptions"]
    shown = suppress(police, "public")["indicators"]["F2.disruptions"]
    levels = truth["breakdown"]["level"]
    assert 0 < levels["major"] < FLOOR  # the demo's 15 major disruptions
    assert shown["suppressed"]["breakdown.level.major"] == "count"
    assert shown["suppressed"]["breakdown.level.moderate"] == "complementary"
    total, minor = count(shown["value"]), count(shown["breakdown"]["level"]["minor"])
    for text in texts:
        assert (
            f"Nationally there were {total} disruptions recorded against fraud organised crime "
            f"groups for Q1."
        ) in text
        assert (
            f"There were fewer than 20 major disruptions, an undisclosed number of moderate and "
            f"{minor} minor"
        ) in text
        assert f"Of the {total} disruptions recorded against fraud organised crime groups, " \
            "fewer than 20 were major." in text  # fmt: skip
        for level in ("major", "moderate"):
            assert f"{count(levels[level])} {level}" not in text


def test_f3_says_fewer_than_20_and_never_the_number(police: Any, texts: list[str]) -> None:
    op = police["operations"]["Dupers 2"]
    totals, before = op["totals"], op["previous_in_series"]["totals"]
    public = suppress(police, "public")["operations"]["Dupers 2"]
    withheld = set(public["totals"]["suppressed"])
    assert withheld == {"suspects_identified", "ocgs_identified", "arrests", "charged",
                        "remanded", "call_blockers_installed"}  # fmt: skip
    victims = public["victims"]
    assert victims["suppressed"]["oldest"] == "derived"  # fewer than 20 over 90
    for text in texts:
        assert (
            "Overall, fewer than 20 suspects were identified across fewer than 20 organised "
            "crime groups, leading to fewer than 20 arrests and the seizure of bank cards, cash "
            "and handsets; fewer than 20 suspects were charged and fewer than 20 remanded in "
            "custody. Fewer than 20 victims received call "
            "blockers to prevent further calls from fraudsters. The operation received "
            f"{count(totals['referrals'])} referrals from {count(totals['units_referring'])} "
            "forces and regional units."
        ) in text
        bands = victims["age_bands_pct"]
        assert (
            f"Of the {count(victims['count'])} victims, {percent(bands['60_to_90'])} were aged "
            "60 to 90;"
        ) in text
        assert "The oldest victim's age is not shown, to protect confidentiality." in text
        assert f"The oldest victim was {op['victims']['oldest']}" not in text
        assert "Operation Dupers 2, with fewer than 20 arrests across fewer than 20 organised " \
            "crime groups." in text  # fmt: skip
        for name, noun in [("arrests", "arrests"), ("charged", "suspects were charged"),
                           ("call_blockers_installed", "victims received call blockers"),
                           ("ocgs_identified", "organised crime group")]:  # fmt: skip
            assert f" {count(totals[name])} {noun}" not in text
        assert f"{count(before['arrests'])} arrests from" not in text
        assert "This compares with" not in text  # both figures withheld: it would say nothing


def test_the_police_edition_writes_the_figures(police: Any, tmp_path: Path) -> None:
    """The same pack for the police (HTML only): every figure, no "fewer than"."""
    (page,) = write_report(police, tmp_path, ["html"])
    text = _html_text(page)
    totals = police["operations"]["Dupers 2"]["totals"]
    major = police["indicators"]["F2.disruptions"]["breakdown"]["level"]["major"]
    assert f"There were {count(major)} major disruptions" in text
    assert f"leading to {count(totals['arrests'])} arrests" in text
    assert "fewer than 20" not in text


def test_every_measure_is_written_whatever_the_minimum(demo_store: Store, tmp_path: Path) -> None:
    """At a minimum of 1,000 most national figures are withheld: every measure's paragraph
    and summary point is still written, in words where a figure is withheld."""
    public = suppress(_pack(demo_store, tmp_path, 1000), "public")
    written = [
        sentence
        for measure in public["measures"]
        for sentence in [*measure_sentences(public, measure), measure_summary(public, measure)]
        if sentence
    ]
    text = " ".join(written)
    e1b = public["indicators"]["E1b.disruptions"]
    # every level is fewer than 1,000: a breakdown that says only that is left out
    assert f"In Q1, there were a total of {count(e1b['value'])} disruptions." in text
    assert "fewer than 1,000 major, fewer than 1,000 moderate" not in text
    assert "In Q1 a total of fewer than 1,000 asset seizures were recorded" in text
    assert "Overall, fewer than 1,000 suspects were identified" in text
