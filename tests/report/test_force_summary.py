"""A force edition as a force's board meets it: the summary page first (the force's own
statuses from the pack's area roll-ups, headline figures against the averages per force, and
where the force moves apart from the nation), charts on the force's own scale, measures
without figures by force in one line, and the Word and Excel editions opened by LibreOffice."""

from __future__ import annotations

import json
import shutil
import subprocess
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from ndp.engine.pack_model import Pack
from ndp.report import format as fmt
from ndp.report.check import check_file
from ndp.report.check.extract import html_lines
from ndp.report.context import STATUS_ICONS
from ndp.report.force import build_force_context, resolve_force, write_force_report
from ndp.report.force.charts import force_series
from ndp.report.force.divergence import MIN_BASE, PCT_MARGIN, divergence
from ndp.report.force.render import render_force_html
from ndp.report.force.sentences import Place

KENT = "E23000032"


@pytest.fixture(scope="module")
def pack(demo_pack: Pack) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(demo_pack.to_json(), parse_float=Decimal)
    return loaded


@pytest.fixture(scope="module")
def pack_file(tmp_path_factory: pytest.TempPathFactory, demo_pack: Pack) -> Path:
    path = tmp_path_factory.mktemp("pack") / "pack.json"
    path.write_text(demo_pack.to_json(), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def kent(pack: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Kent's edition in its four formats, as ``ndp report --force Kent`` writes them."""
    out = tmp_path_factory.mktemp("kent")
    paths = write_force_report(
        pack, resolve_force(pack, "Kent"), out, ["html", "pdf", "docx", "xlsx"]
    )
    return {p.suffix[1:]: p for p in paths}


def _lines(pack: dict[str, Any], force: str) -> list[str]:
    context = build_force_context(pack, resolve_force(pack, force), charts=False)
    return [line for line in html_lines(render_force_html(context)) if line.strip()]


def _words(text: str) -> str:
    return " ".join(text.split())


def _pct(change: Any, base: Any) -> int:
    """A hand-worked percentage change, rounded half away from zero."""
    value = abs(Decimal(change) / Decimal(base) * 100)
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def test_kent_pdf_opens_with_a_summary_naming_where_kent_moves_apart(
    pack: dict[str, Any], kent: dict[str, Path], pack_file: Path
) -> None:
    ind = pack["indicators"]["F1b.judicial_outcomes"]
    own = ind["by"]["force"][KENT]
    same = ind["comparisons"]["same_quarter_last_year"]
    assert own["change"] < 0 < same["change"]  # the demo's Kent falls while the nation rises
    first = _words(PdfReader(kent["pdf"]).pages[0].extract_text())
    assert "Kent Police: force performance report" in first
    assert "Where Kent Police moves apart from England and Wales" in first
    assert (
        f"Kent Police's judicial outcomes fell while England and Wales's rose: {own['value']}, "
        f"down {_pct(own['change'], own['same_quarter_last_year'])}% ({own['change']}) on Q1 "
        f"23/24, against {ind['value']:,}, up {_pct(same['change'], same['value'])}% "
        f"(+{same['change']})." in first
    )
    # every statement, summary and divergence included, passes ndp check with the pack
    assert check_file(kent["pdf"], pack_file) == []
    assert check_file(kent["docx"], pack_file) == []


def test_kent_status_lines_are_kents_own(pack: dict[str, Any]) -> None:
    """Every status the edition prints beside an objective or a measure is Kent's roll-up in
    the pack's ``areas``; and Kent's differ from the nation's, so the test can tell them apart."""
    own = pack["areas"]["force"][KENT]
    lines = _lines(pack, "Kent")
    shown = {
        line.split(":", 1)[0]: line
        for line in lines
        if line.startswith(("Success measure ", "Performance measure "))
    }
    checked = 0
    for index, line in enumerate(lines):
        if not line.startswith("Status (Kent Police): "):
            continue
        heading = lines[index - 1]
        word = line.removeprefix("Status (Kent Police): ").split(":", 1)[0]
        if heading.startswith("Success measure "):
            measure_id = heading.split(":", 1)[0].removeprefix("Success measure ")
            icon, name = STATUS_ICONS[own["measures"][measure_id]["status"]]
            assert word == f"{icon} {name}", heading
            checked += 1
    assert checked >= 6
    assert shown
    nation = {m: pack["measures"][m]["status"] for m in own["measures"]}
    assert {m: s["status"] for m, s in own["measures"].items()} != nation
    table = lines[lines.index("Objective\tStatus\tWhat drove it") + 1 :][: len(own["objectives"])]
    for row, (objective_id, rolled) in zip(table, own["objectives"].items(), strict=True):
        title, status = (cell.strip() for cell in row.split("\t")[:2])
        assert title == pack["objectives"][objective_id]["title"]
        if status != "◇ England and Wales only":
            icon, name = STATUS_ICONS[rolled["status"]]
            assert status == f"{icon} {name}", objective_id


def test_measures_without_figures_by_force_take_one_line(pack: dict[str, Any]) -> None:
    lines = _lines(pack, "Kent")
    referrals = pack["indicators"]["F4.referrals"]
    assert not referrals.get("by", {}).get("force")
    assert "Success measure F4: " + pack["measures"]["F4"]["title"] not in lines
    assert (
        f"Success measure F4 ({pack['measures']['F4']['title']}): reported for England and "
        f"Wales only: {referrals['value']:,} {referrals['noun']} in Q1." in lines
    )


def test_a_chart_sets_the_force_against_the_averages_per_force(pack: dict[str, Any]) -> None:
    ind = pack["indicators"]["E1b.disruptions"]
    edition = resolve_force(pack, "Kent")
    series = force_series(ind, edition)
    region = ind["per_force"]["region"][edition.region]
    assert list(series) == [
        "Kent Police",
        "Eastern average per force",
        "England and Wales average per force",
    ]
    assert series["Kent Police"] == [
        (q["period"], q["value"]) for q in ind["by"]["force"][KENT]["quarterly"]
    ]
    assert series["Eastern average per force"][-1] == ("2024-25 Q1", region["value"])
    # on the force's scale: the average, not the region's total
    assert region["value"] < ind["by"]["region"][edition.region]["value"]


PLACE = Place("X1", "Kent Police", "Eastern", "eastern", "Q1", "23/24")


def _ind(force: dict[str, Any], nation: tuple[Any, Any], unit: str = "count") -> dict[str, Any]:
    """An indicator with the force's entry and the nation's (now, a year ago)."""
    now, then = nation
    change = now - then
    return {
        "title": "Judicial outcomes", "noun": "judicial outcomes", "unit": unit,
        "measurable": True, "value": now,
        "comparisons": {"same_quarter_last_year": {
            "value": then, "change": change, "pct_change": Decimal(change) / then * 100}},
        "by": {"force": {"X1": force}, "region": {}},
    }  # fmt: skip


def _force(now: int, then: int) -> dict[str, Any]:
    change = now - then
    return {"value": now, "same_quarter_last_year": then, "change": change,
            "pct_change": Decimal(change) / then * 100}  # fmt: skip


def _edition() -> Any:
    from ndp.report.force.select import Edition

    return Edition("X1", "Kent Police", "territorial", "Eastern", PLACE)


def test_divergence_in_opposite_directions_names_the_force_and_the_nation() -> None:
    found = divergence(_ind(_force(18, 22), (1833, 1424)), _edition(), "England and Wales")
    assert found is not None
    assert found.opposite
    assert found.sentence == (
        "Kent Police's judicial outcomes fell while England and Wales's rose: 18, down 18% (-4) "
        "on Q1 23/24, against 1,833, up 29% (+409)."
    )


def test_no_divergence_within_the_margin_or_on_a_small_base() -> None:
    # 20% against 29%: 9 points apart, within the margin
    assert PCT_MARGIN > 9
    assert divergence(_ind(_force(24, 20), (1833, 1424)), _edition(), "England and Wales") is None
    # 5 to 2 is down 60%, but from fewer than MIN_BASE
    assert MIN_BASE > 5
    assert divergence(_ind(_force(2, 5), (1833, 1424)), _edition(), "England and Wales") is None
    # the same direction, far apart: said as more or less
    same = divergence(_ind(_force(40, 20), (1833, 1424)), _edition(), "England and Wales")
    assert same is not None
    assert not same.opposite
    assert same.sentence.startswith(
        "Kent Police's judicial outcomes rose more than England and Wales's: 40, up 100% (+20)"
    )


def test_a_rate_diverges_in_percentage_points() -> None:
    rate = _ind(
        {
            "value": Decimal("14.634"),
            "same_quarter_last_year": Decimal("21.359"),
            "change": Decimal("-6.725"),
        },
        (Decimal("15.873"), Decimal("12.5")),
        unit="percent",
    )
    found = divergence(rate, _edition(), "England and Wales")
    assert found is not None
    # 15% from 21% is 6 points down; 16% from 13% (12.5 rounds half away) is 3 up
    assert found.sentence == (
        "Kent Police's judicial outcomes fell 6 percentage points to 15% while England and "
        "Wales's rose 3 percentage points to 16%, on Q1 23/24."
    )


def _libreoffice_pdf(path: Path, out: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.fail("LibreOffice is not installed: run `make system-deps`")
    subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation=file://{out}/profile",
         "--convert-to", "pdf", "--outdir", str(out), str(path)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return out / f"{path.stem}.pdf"


def test_kent_word_and_excel_open_in_libreoffice(
    pack: dict[str, Any], kent: dict[str, Path], tmp_path: Path
) -> None:
    docx = _libreoffice_pdf(kent["docx"], tmp_path / "docx")
    pages = [_words(page.extract_text()) for page in PdfReader(docx).pages]
    assert len(pages) >= 4
    assert "Summary" in pages[0]
    assert "Where Kent Police moves apart from England and Wales" in pages[0]
    assert "Kent Police's judicial outcomes fell while England and Wales's rose" in " ".join(pages)
    assert all(f"Page {n} of {len(pages)}" in text for n, text in enumerate(pages, 1))
    xlsx = _libreoffice_pdf(kent["xlsx"], tmp_path / "xlsx")
    assert len(PdfReader(xlsx).pages) >= 1
    book = load_workbook(kent["xlsx"])
    names = [
        cell.value
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value == "Kent Police"
    ]
    assert names  # the force's own rows, by name


def test_kent_pdf_says_withheld_where_the_differencing_rule_withholds(
    pack: dict[str, Any], kent: dict[str, Path]
) -> None:
    """Where fewer than three other Eastern forces or units recorded, Kent's PDF says the
    region's figure is withheld, never the figure, 0 or "no records": this quarter's (the
    sentence and the table row) and an early quarter's region average (a gap in the chart,
    "withheld" in its table in the appendix, and a note saying why)."""
    from ndp.engine.disclosure.differencing import region_shown

    text = _words(" ".join(page.extract_text() for page in PdfReader(kent["pdf"]).pages))
    now = [n for n, ind in pack["indicators"].items()
           if (ind.get("by") or {}).get("force") and ind["value"] is not None
           and "Eastern" in ind["by"].get("region", {})
           and not region_shown(pack, n, KENT)]  # fmt: skip
    assert "E2a.seizures" in now  # the demo: one other Eastern force records asset seizures
    for name in now:
        region = pack["indicators"][name]["by"]["region"]["Eastern"]
        if region["value"] is None:
            continue
        assert (
            f"Eastern region {fmt.figure(region['value'], pack['indicators'][name]['unit'])} "
            not in text
        ), name
    assert text.count("Eastern region withheld withheld withheld withheld") >= len(now) - 1
    assert (
        "Kent Police has no asset seizures records for Q1; the Eastern region's figure is "
        "withheld (fewer than three other forces or units in the region recorded" in text
    )
    e1b = pack["indicators"]["E1b.disruptions"]
    early = [q["period"] for q in e1b["per_force"]["region"]["Eastern"]["quarterly"]
             if q["value"] is not None and not region_shown(pack, "E1b.disruptions", KENT,
                                                              q["period"])]  # fmt: skip
    assert early  # the demo: in 2022-23 Q3 one other Eastern force recorded disruptions
    listed = " and ".join(early)
    assert f"The Eastern average per force is withheld for {listed} (a gap in its line)" in text
    assert region_shown(pack, "E1b.disruptions", KENT)  # this quarter's is shown
    row = e1b["by"]["region"]["Eastern"]
    assert f"Eastern region {row['value']} {row['same_quarter_last_year']}" in text
    assert f"{early[0]} no records withheld" in text  # the chart's table, Kent had no records
