"""The publication's marks read as their readers meet them: a draft says "Draft" on every PDF
page and in every export; a published version says nothing of the kind; a revised version
marks each changed figure "[r]" with its previous value in the PDF, Word, the workbook and the
tidy file."""

from __future__ import annotations

import copy
import csv
import json
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from openpyxl import load_workbook

from ndp.publish.marks import published_pack
from ndp.report.force import resolve_force, write_force_report
from ndp.report.marks import DRAFT_NOTE
from ndp.report.render import write_report
from ndp.report.tidy.export import export_rows

LINCS = "E23000020"  # Lincolnshire Police
IND = "E1b.disruptions"
REASON = "Lincolnshire late return"


@pytest.fixture(scope="module")
def pack(demo_pack: Any) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(demo_pack.to_json(), parse_float=Decimal)
    return loaded


@pytest.fixture(scope="module")
def revised_pack(pack: dict[str, Any]) -> dict[str, Any]:
    """Version 2 of the quarter: a late return adds one disruption in Lincolnshire, so its
    figure, its region's and the nation's each rise by one."""
    later = copy.deepcopy(pack)
    ind = later["indicators"][IND]
    region = pack["geographies"]["forces"][LINCS]["region"]
    ind["value"] += 1
    ind["by"]["force"][LINCS]["value"] += 1
    ind["by"]["region"][region]["value"] += 1
    return published_pack(later, (1, pack), REASON)


def _pdf_pages(path: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return [page for page in text.split("\f") if page.strip()]


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _cells(path: Path, sheet: str | None = None) -> list[list[Any]]:
    book = load_workbook(path)
    sheets = [book[sheet]] if sheet else book.worksheets
    return [list(row) for ws in sheets for row in ws.iter_rows(values_only=True)]


def test_the_revisions_block_lists_each_changed_figure_with_its_previous_value(
    pack: dict[str, Any], revised_pack: dict[str, Any]
) -> None:
    national = pack["indicators"][IND]["value"]
    lincs = pack["indicators"][IND]["by"]["force"][LINCS]["value"]
    region = pack["geographies"]["forces"][LINCS]["region"]
    east = pack["indicators"][IND]["by"]["region"][region]["value"]
    assert revised_pack["draft"] is False
    assert revised_pack["revisions"] == [
        {"indicator": IND, "area": f"force {LINCS}", "value": lincs + 1,
         "previous_value": lincs, "previous_version": 1, "reason": REASON},
        {"indicator": IND, "area": "national", "value": national + 1,
         "previous_value": national, "previous_version": 1, "reason": REASON},
        {"indicator": IND, "area": f"region {region}", "value": east + 1,
         "previous_value": east, "previous_version": 1, "reason": REASON},
    ]  # fmt: skip
    assert pack["draft"] is True
    assert pack["revisions"] == []


def test_a_draft_says_draft_on_every_page_and_in_every_export(
    pack: dict[str, Any], tmp_path: Path
) -> None:
    html, pdf, docx, xlsx = write_report(pack, tmp_path, ["html", "pdf", "docx", "xlsx"])
    pages = _pdf_pages(pdf)
    assert len(pages) > 10
    running = "Draft – National Lead Force National Delivery Plan Performance Report"
    assert [n for n, page in enumerate(pages, 1) if running not in page.splitlines()[0]] == []
    assert f'<p class="draft-banner" role="note">{DRAFT_NOTE}</p>' in html.read_text()
    header = Document(str(docx)).sections[0].header.paragraphs[0].text
    assert header.startswith(running + "\t")
    cover = [row[0] for row in _cells(xlsx, "Cover") if row[0]]
    assert cover[0].startswith("Draft: ")
    assert DRAFT_NOTE in cover
    rows = _csv(export_rows(pack, tmp_path / "figures.csv", "csv"))
    assert {row["draft"] for row in rows} == {"true"}


def test_a_published_version_carries_no_draft_mark(pack: dict[str, Any], tmp_path: Path) -> None:
    published = published_pack(pack)
    html, pdf, docx, xlsx = write_report(published, tmp_path, ["html", "pdf", "docx", "xlsx"])
    assert [page for page in _pdf_pages(pdf) if "Draft" in page] == []
    assert "draft" not in html.read_text().lower()
    document = Document(str(docx))
    assert "Draft" not in document.sections[0].header.paragraphs[0].text
    assert [p.text for p in document.paragraphs if "Draft" in p.text] == []
    assert [row for row in _cells(xlsx) if any("Draft" in str(c) for c in row)] == []
    rows = _csv(export_rows(published, tmp_path / "figures.csv", "csv"))
    assert {row["draft"] for row in rows} == {"false"}
    assert {row["revised"] for row in rows} == {"false"}


def test_a_revision_marks_each_changed_figure_with_its_previous_value(
    pack: dict[str, Any], revised_pack: dict[str, Any], tmp_path: Path
) -> None:
    ind = pack["indicators"][IND]
    national, lincs = ind["value"], ind["by"]["force"][LINCS]["value"]
    html, pdf, docx, xlsx = write_report(revised_pack, tmp_path, ["html", "pdf", "docx", "xlsx"])
    notice = (
        f"Revised: this edition replaces version 1 of the 2024-25 Q1 report ({REASON}). 3 "
        "figures differ from version 1; each is marked [r] and listed with its previous value "
        "beside its measure's figures."
    )
    lincs_line = (
        f"Money laundering disruptions, Lincolnshire Police: {lincs + 1:,} [r], previously "
        f"{lincs:,} (version 1)."
    )
    national_line = (
        f"Money laundering disruptions, England and Wales: {national + 1:,} [r], previously "
        f"{national:,} (version 1)."
    )
    text = " ".join(" ".join(_pdf_pages(pdf)).split())  # lines rejoined, as a reader reads
    assert notice in text
    assert lincs_line in text
    assert national_line in text
    assert f"Money laundering disruptions {national + 1:,} [r]" in text  # the E1b table's row
    assert "Draft" not in text
    assert f"<li>{lincs_line}</li>" in html.read_text()

    paragraphs = [p.text for p in Document(str(docx)).paragraphs]
    assert notice in paragraphs
    assert lincs_line in paragraphs
    assert national_line in paragraphs
    tables = Document(str(docx)).tables
    values = [[c.text for c in row.cells][:2] for t in tables for row in t.rows]
    assert ["Money laundering disruptions", f"{national + 1:,} [r]"] in values

    revised_rows = [row for row in _cells(xlsx) if "[r]" in row]
    assert [
        "Money laundering disruptions (E1b.disruptions)", "England and Wales",
        national + 1, national, "[r]", 1, REASON,
    ] in revised_rows  # fmt: skip
    assert [
        "Money laundering disruptions (E1b.disruptions)", "Lincolnshire Police",
        lincs + 1, lincs, "[r]", 1, REASON,
    ] in revised_rows  # fmt: skip

    rows = _csv(export_rows(revised_pack, tmp_path / "figures.csv", "csv"))
    marked = {
        (r["indicator_id"], r["area_code"]): (r["value"], r["previous_value"])
        for r in rows
        if r["revised"] == "true"
    }
    region_code = pack["geographies"]["regions"][pack["geographies"]["forces"][LINCS]["region"]]
    east = ind["by"]["region"][pack["geographies"]["forces"][LINCS]["region"]]["value"]
    assert marked == {
        (IND, "K04000001"): (str(national + 1), str(national)),
        (IND, LINCS): (str(lincs + 1), str(lincs)),
        (IND, region_code["code"]): (str(east + 1), str(east)),
    }
    assert {r["draft"] for r in rows} == {"false"}


def test_a_revised_force_edition_marks_its_tables_rows_with_their_previous_values(
    pack: dict[str, Any], revised_pack: dict[str, Any], tmp_path: Path
) -> None:
    ind = pack["indicators"][IND]
    region = pack["geographies"]["forces"][LINCS]["region"]
    national, lincs = ind["value"], ind["by"]["force"][LINCS]["value"]
    east = ind["by"]["region"][region]["value"]
    pdf, docx = write_force_report(
        revised_pack, resolve_force(revised_pack, LINCS), tmp_path, ["pdf", "docx"]
    )
    text = " ".join(" ".join(_pdf_pages(pdf)).split())
    rows = [
        f"Lincolnshire Police {lincs + 1:,} [r] ",
        f"{region} region {east + 1:,} [r] ",
        f"England and Wales {national + 1:,} [r] ",
    ]
    assert [row for row in rows if row not in text] == []
    lincs_line = (
        f"Money laundering disruptions, Lincolnshire Police: {lincs + 1:,} [r], previously "
        f"{lincs:,} (version 1)."
    )
    table = text.index(rows[0])
    # under the title, and under the indicator's table, before the next indicator's heading
    assert text.count(lincs_line) == 2
    assert text.index(lincs_line, table) - table < 400

    document = Document(str(docx))
    cells = [[c.text for c in row.cells][:2] for t in document.tables for row in t.rows]
    assert ["Lincolnshire Police", f"{lincs + 1:,} [r]"] in cells
    assert [f"{region} region", f"{east + 1:,} [r]"] in cells
    assert [p.text for p in document.paragraphs].count(lincs_line) == 2
