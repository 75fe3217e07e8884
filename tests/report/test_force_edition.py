"""The per-force edition: a force's figures against its region and the nation, as the pack gives
them, selected by code or alias, for every dissemination force, passing ndp's own check."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from ndp.cli.app import app
from ndp.engine.pack_model import Pack
from ndp.reference import reference
from ndp.report.check import check_file, check_text
from ndp.report.check.checker import check_lines
from ndp.report.check.extract import html_lines
from ndp.report.force import build_force_context, resolve_force, write_force_report
from ndp.report.force.render import render_force_html
from ndp.report.force.sentences import Place, sentence

runner = CliRunner()
AVON = "E23000036"


@pytest.fixture(scope="module")
def pack(demo_pack: Pack) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(demo_pack.to_json(), parse_float=Decimal)
    return loaded


@pytest.fixture(scope="module")
def pack_file(tmp_path_factory: pytest.TempPathFactory, demo_pack: Pack) -> Path:
    path = tmp_path_factory.mktemp("pack") / "pack.json"
    path.write_text(demo_pack.to_json(), encoding="utf-8")
    return path


def _rows_after(lines: list[str], caption: str, n: int) -> list[list[str]]:
    """The ``n`` body rows of the table captioned ``caption`` (after its header row)."""
    lines = [line for line in lines if line.strip()]
    header = lines.index(
        "Area\tThis quarter\tSame quarter last year\tChange\tChange %", lines.index(caption)
    )
    return [line.split("\t") for line in lines[header + 1 : header + 1 + n]]


def test_force_html_shows_its_figures_its_regions_and_the_nations(pack: dict[str, Any]) -> None:
    ind = pack["indicators"]["F1a.disseminations"]
    force = ind["by"]["force"][AVON]
    region = ind["by"]["region"]["South West"]
    same = ind["comparisons"]["same_quarter_last_year"]
    # the pack's own arithmetic, worked here: change = this quarter - last year
    assert force["change"] == force["value"] - force["same_quarter_last_year"]
    lines = html_lines(render_force_html(build_force_context(pack, resolve_force(pack, AVON))))
    caption = "NFIB Pursue disseminations: Avon and Somerset Constabulary, its region and England and Wales"
    rows = _rows_after(lines, caption, 3)
    assert rows[0][:3] == [
        "Avon and Somerset Constabulary",
        f"{force['value']:,}",
        f"{force['same_quarter_last_year']:,}",
    ]
    assert rows[0][3] == f"+{force['change']:,}"
    assert rows[1][:3] == [
        "South West region",
        f"{region['value']:,}",
        f"{region['same_quarter_last_year']:,}",
    ]
    assert rows[2][:4] == [
        "England and Wales",
        f"{ind['value']:,}",
        f"{same['value']:,}",
        f"+{same['change']:,}",
    ]
    pct = round(Decimal(force["change"]) / Decimal(force["same_quarter_last_year"]) * 100)
    assert (
        f"Avon and Somerset Constabulary recorded {force['value']:,} disseminations in Q1, "
        f"up {pct}% (+{force['change']:,}) on Q1 23/24; the South West region recorded "
        f"{region['value']:,} and the nation {ind['value']:,}." in lines
    )


def test_an_alias_selects_the_same_force(pack: dict[str, Any]) -> None:
    by_code = resolve_force(pack, AVON)
    assert resolve_force(pack, "Avon & Somerset") == by_code
    assert resolve_force(pack, "avon and somerset constabulary") == by_code
    assert resolve_force(pack, "Met").code == "E23000001"


def test_an_unknown_force_is_an_error_naming_it_and_the_nearest(pack_file: Path) -> None:
    result = runner.invoke(app, ["report", "--pack", str(pack_file), "--force", "Avon"])
    assert result.exit_code == 1
    assert (
        "error: unknown force 'Avon': nearest known names: Avon and Somerset Constabulary "
        "(forces and their accepted names: docs/reference-data.md)"
    ) in " ".join(result.output.split())


def test_unknown_formats_and_national_units_are_refused_plainly(
    pack_file: Path, tmp_path: Path
) -> None:
    base = ["report", "--pack", str(pack_file), "--out", str(tmp_path)]
    odt = runner.invoke(app, [*base, "--force", AVON, "--format", "html,odt"])
    assert odt.exit_code == 1
    assert (
        "unknown format odt: force editions are written as html, pdf, docx, xlsx "
        "(e.g. --format html,pdf)" in " ".join(odt.output.split())
    )
    unit = runner.invoke(app, [*base, "--force", "LFOR"])
    assert unit.exit_code == 1
    assert "Lead Force Operations Room is a national unit and has no force edition" in unit.output
    assert not (tmp_path / "forces").exists()


def test_all_forces_writes_the_45_dissemination_forces(pack_file: Path, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["report", "--pack", str(pack_file), "--all-forces", "--format", "html", "--out", str(tmp_path)]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    written = [Path(line) for line in result.stdout.splitlines()]
    expected = {f.code for f in reference().dissemination_forces()}
    assert len(written) == len(expected) == 45
    assert {p.parent.name for p in written} == expected
    assert all(p.name == "report.html" and p.is_file() for p in written)


def test_every_force_edition_passes_the_consistency_check(pack: dict[str, Any]) -> None:
    # without charts, to stay quick: their tables hold no statements (the PDF test has them)
    for code in [f.code for f in reference().dissemination_forces()]:
        context = build_force_context(pack, resolve_force(pack, code), charts=False)
        lines = html_lines(render_force_html(context))
        assert check_text("\n".join(lines), pack=pack) == [], code
        # no records (not yet on a system) is never written as none or zero
        assert not [line for line in lines if "none recorded" in line or "recorded none" in line]


def test_the_pdf_opens_and_names_the_force(
    pack: dict[str, Any], pack_file: Path, tmp_path: Path
) -> None:
    (pdf,) = write_force_report(pack, resolve_force(pack, AVON), tmp_path, ["pdf"])
    assert pdf == tmp_path / "forces" / AVON / "report.pdf"
    reader = PdfReader(pdf)
    assert len(reader.pages) > 2
    assert (
        "Avon and Somerset Constabulary: force performance report" in reader.pages[0].extract_text()
    )
    assert check_file(pdf, pack_file) == []


def _ind(**overrides: Any) -> dict[str, Any]:
    """A count indicator with a force, region and national figure (hand-worked figures)."""
    ind: dict[str, Any] = {
        "title": "Money laundering disruptions", "noun": "disruptions", "unit": "count",
        "source": "disruptions", "measurable": True, "value": 1113,
        "comparisons": {"same_quarter_last_year": {"value": 489, "change": 624, "pct_change": 127.6}},
        "by": {"force": {"X1": {"value": 23, "same_quarter_last_year": 16, "change": 7, "pct_change": 43.75}},
               "region": {"South West": {"value": 110}}},
    }  # fmt: skip
    ind.update(overrides)
    return ind


PLACE = Place("X1", "Avon and Somerset", "South West", "south_west", "Q1", "23/24")


def test_sentence_in_the_house_style() -> None:
    assert sentence(_ind(), PLACE, records_source=True) == (
        "Avon and Somerset recorded 23 disruptions in Q1, up 44% (+7) on Q1 23/24; "
        "the South West region recorded 110 and the nation 1,113."
    )


def test_sentence_for_one_a_fall_no_change_and_no_figure_last_year() -> None:
    def force(**entry: Any) -> dict[str, Any]:
        return _ind(by={"force": {"X1": entry}, "region": {}})

    one = sentence(
        force(value=1, same_quarter_last_year=None, change=None, pct_change=None),
        PLACE,
        records_source=True,
    )
    assert one.startswith(
        "Avon and Somerset recorded 1 disruption in Q1, with no records for Q1 23/24;"
    )
    assert "the South West region has no records and the nation recorded 1,113." in one
    down = sentence(
        force(value=6, same_quarter_last_year=8, change=-2, pct_change=-25),
        PLACE,
        records_source=True,
    )
    assert "6 disruptions in Q1, down 25% (-2) on Q1 23/24" in down
    same = sentence(
        force(value=8, same_quarter_last_year=8, change=0, pct_change=0), PLACE, records_source=True
    )
    assert "8 disruptions in Q1, the same as in Q1 23/24" in same


def test_sentence_when_the_force_does_not_record_or_the_figure_is_national() -> None:
    absent = _ind(by={"force": {"Y2": {"value": 3}}, "region": {}})
    assert sentence(absent, PLACE, records_source=False) == (
        "Avon and Somerset has no disruptions (APMIS) records for Q1; "
        "the South West region has no records and the nation recorded 1,113."
    )
    assert sentence(absent, PLACE, records_source=True).startswith(
        "Avon and Somerset recorded no disruptions in Q1;"
    )
    rate = _ind(title="Judicial outcome rate", unit="percent", value=Decimal("15.873"), by={})
    assert sentence(rate, PLACE, records_source=True) == (
        "Judicial outcome rate: figures are published for England and Wales only; "
        "the nation recorded 16% in Q1."
    )
    empty = _ind(title="Civil Recovery Orders", value=None, by={"force": {}, "region": {}})
    assert sentence(empty, PLACE, records_source=True) == (
        "Civil Recovery Orders: no records in England and Wales for Q1."
    )


def test_a_rate_is_compared_in_percentage_points_with_the_region_and_nation() -> None:
    rate = _ind(
        title="Judicial outcome rate", noun="judicial outcome rate", unit="percent",
        value=Decimal("15.873"),
        by={"force": {"X1": {"value": Decimal("13.793"), "same_quarter_last_year": Decimal("21.053"),
                             "change": Decimal("-7.26"), "pct_change": Decimal("-34.484")}},
            "region": {"South West": {"value": Decimal("15.5")}}},
    )  # fmt: skip
    # 13.793 -> 14%, 21.053 -> 21%, -7.26 points -> down 7; 15.5 -> 16% (half away from zero)
    assert sentence(rate, PLACE, records_source=True) == (
        "The judicial outcome rate of Avon and Somerset was 14% in Q1, down 7 percentage points "
        "on Q1 23/24 (21%); the South West region's was 16% and the nation's 16%."
    )


def test_a_figure_only_regional_teams_record_names_the_region() -> None:
    reach = _ind(
        title="Individuals reached by social media campaigns", value=5560321,
        by={"force": {}, "region": {"South West": {"value": 1200}}},
    )  # fmt: skip
    assert sentence(reach, PLACE, records_source=False) == (
        "Individuals reached by social media campaigns: recorded by regional teams, not by "
        "force; the South West region recorded 1,200 and the nation 5,560,321 in Q1."
    )


def _text(pack: dict[str, Any], name: str) -> list[str]:
    context = build_force_context(pack, resolve_force(pack, name), charts=False)
    return [line for line in html_lines(render_force_html(context)) if line.strip()]


def test_psni_has_no_region_and_is_compared_with_the_nation(pack: dict[str, Any]) -> None:
    ind = pack["indicators"]["F1a.disseminations"]
    psni = ind["by"]["force"]["PSNI"]
    lines = _text(pack, "PSNI")
    caption = "NFIB Pursue disseminations: Police Service of Northern Ireland and England and Wales"
    rows = _rows_after(lines, caption, 2)
    assert [rows[0][0], rows[0][1]] == ["Police Service of Northern Ireland", f"{psni['value']:,}"]
    assert [rows[1][0], rows[1][1]] == ["England and Wales", f"{ind['value']:,}"]
    assert not any(" region recorded " in line for line in lines if "Northern Ireland" in line)


def test_a_regional_unit_is_not_expected_to_return_outcomes(pack: dict[str, Any]) -> None:
    lines = _text(pack, "EMSOU")
    assert (
        "Outcome returns: not expected. East Midlands Special Operations Unit does not receive "
        "NFIB disseminations, so no outcome return is expected from it." in lines
    )
    assert check_lines(lines, pack=pack) == []


def test_a_count_of_forces_out_of_those_expected_says_whether_the_force_is_one() -> None:
    """Forces on time of the 45 expected: a force's own figure is 1 or 0, said as membership
    rather than "recorded 1 force on time"."""

    def on_time(now: int, then: int | None) -> str:
        ind = _ind(
            title="Forces returning outcome information on time",
            noun="forces on time",
            source="force_returns",
            value=44,
            denominator=45,
            by={
                "force": {"X1": {"value": now, "same_quarter_last_year": then}},
                "region": {"South West": {"value": 5}},
            },
        )
        return sentence(ind, PLACE, records_source=True)

    assert on_time(1, 1) == (
        "Avon and Somerset was one of the 44 of 45 forces on time in Q1 (as in Q1 23/24); "
        "the South West region had 5."
    )
    assert "was not one of the 44 of 45 forces on time in Q1 (it was in Q1 23/24)" in on_time(0, 1)
    assert "(it was not in Q1 23/24)" in on_time(1, 0)
    assert "(nor in Q1 23/24)" in on_time(0, 0)
    assert "Q1;" in on_time(1, None)  # no figure last year: no bracket
