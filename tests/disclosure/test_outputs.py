"""What a reader of each output meets for the public: the report's text says "fewer than 10"
(never the number), the workbook explains [c] in its notes and on its cover, the tidy file
names its suppressed columns, and the commands take --audience."""

from __future__ import annotations

import csv
import html
import json
import re
from pathlib import Path
from typing import Any

import openpyxl
from pypdf import PdfReader
from typer.testing import CliRunner

from ndp.cli.app import app
from ndp.engine.disclosure.project import suppress
from ndp.engine.exact_json import dumps_exact
from ndp.report.check import check_file
from ndp.report.render import write_report
from ndp.report.workbook.book import write_workbook


def _text(path: Path) -> str:
    page = path.read_text(encoding="utf-8")
    page = re.sub(r"<style.*?</style>", " ", page, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def _pdf_text(path: Path) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(path).pages).split())


def test_the_report_says_fewer_than_ten_and_never_the_number(
    small_pack: dict[str, Any], tmp_path: Path
) -> None:
    cyber = small_pack["indicators"]["DC.cyber"]
    count, before = cyber["value"], cyber["comparisons"]["same_quarter_last_year"]["value"]
    assert 0 < count < 10
    assert 0 < before < 10
    public = write_report(small_pack, tmp_path / "public", ["html", "pdf"], audience="public")
    police = write_report(small_pack, tmp_path / "police", ["html", "pdf"])
    for text in (_text(public[0]), _pdf_text(public[1])):
        assert "Cyber disruptions: fewer than 10 in Q1." in text
        assert "Cyber disruptions: fewer than 10 this quarter." in text
        assert f"Cyber disruptions: {count} in Q1" not in text
    assert (
        "Cyber disruptions fewer than 10 fewer than 10 not shown, to protect confidentiality "
        "not shown, to protect confidentiality"
    ) in _text(public[0])
    for text in (_text(police[0]), _pdf_text(police[1])):
        assert f"Cyber disruptions: {count} in Q1" in text  # the police see the figure
        assert "fewer than" not in text
    assert check_file(public[1]) == []  # what it says still adds up
    assert check_file(police[1]) == []


def test_the_workbook_notes_and_cover_explain_c(small_pack: dict[str, Any], tmp_path: Path) -> None:
    path = write_workbook(suppress(small_pack, "public"), tmp_path / "public.xlsx")
    book = openpyxl.load_workbook(path, read_only=True)
    notes = [
        row for row in book["Notes"].iter_rows(values_only=True) if row[1] == "Every table with [c]"
    ]
    assert [row[2] for row in notes] == [
        "[c]: suppressed to protect confidentiality. In this edition for the public audience, "
        "counts of fewer than 10 (other than zero) are suppressed, and so are enough other "
        "figures (complementary suppression) that no suppressed figure can be worked out from "
        "the others, and every figure calculated from a suppressed one (changes, rates, "
        "averages, shares, ranks)."
    ]
    number = notes[0][0]
    cyber = next(s for s in book.worksheets if "Cyber disruptions:" in str(s["A1"].value))
    assert f"[note {number}]" in str(cyber["A1"].value)
    cover = [row[0] for row in book["Cover"].iter_rows(values_only=True)]
    assert (
        "Written for the public audience: counts of fewer than 10 and the figures that would "
        "reveal them are suppressed ([c])."
    ) in cover
    police = openpyxl.load_workbook(write_workbook(small_pack, tmp_path / "police.xlsx"))
    cells = {c.value for s in police.worksheets for row in s.iter_rows() for c in row}
    assert "[c]" not in cells


def test_the_commands_take_an_audience(small_pack: dict[str, Any], tmp_path: Path) -> None:
    pack_file = tmp_path / "pack.json"
    pack_file.write_text(dumps_exact(small_pack), encoding="utf-8")
    out = tmp_path / "figures.csv"
    runner = CliRunner()
    args = ["--period", "2024-25Q1", "--pack", str(pack_file)]
    done = runner.invoke(app, ["export", *args, "--out", str(out), "--audience", "public"])
    assert done.exit_code == 0, done.output
    with out.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file))
    nation = next(
        r for r in rows if r["indicator_id"] == "DC.cyber" and r["area_type"] == "nation"
        and r["report_period"] == "true"
    )  # fmt: skip
    assert nation["value"] == ""
    assert nation["suppressed"].split("; ")[:2] == ["value", "same_quarter_last_year_value"]
    press = runner.invoke(app, ["export", *args, "--out", str(out), "--audience", "press"])
    assert press.exit_code == 1
    assert "audience 'press' is not one the framework declares (known: police, public)" in (
        " ".join(press.output.split())
    )
    force = runner.invoke(
        app, ["report", "--pack", str(pack_file), "--force", "Kent", "--audience", "public",
              "--out", str(tmp_path / "out")],
    )  # fmt: skip
    assert force.exit_code == 2
    assert (
        "--audience public: a force's edition is written for the police audience only; leave "
        "out --audience, or write the national report for this audience"
    ) in " ".join(force.output.split())
    report = runner.invoke(
        app, ["report", "--pack", str(pack_file), "--format", "html", "--audience", "public",
              "--out", str(tmp_path / "out")],
    )  # fmt: skip
    assert report.exit_code == 0, report.output
    assert "Cyber disruptions: fewer than 10 in Q1." in _text(tmp_path / "out" / "report.html")
    assert json.loads(pack_file.read_text(encoding="utf-8"))["disclosure"]["counts"]
