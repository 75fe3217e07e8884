"""The Word and Excel editions open in their own libraries with the report's text and numbers,
and hostile text cannot become a formula."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
from docx import Document

from ndp.report.context import (
    FigureRow,
    MeasureSection,
    ObjectiveSection,
    ReportContext,
    SummaryGroup,
    ThemeSection,
    status,
)  # fmt: skip
from ndp.report.docx import write_docx
from ndp.report.xlsx_render import write_xlsx

HOSTILE = ['=HYPERLINK("http://x","y")', "+1+1", "-2", "@SUM(A1)"]


def _context(force_name: str = "Kent") -> ReportContext:
    row = FigureRow("Referrals", "1,113", "1,000", "+113", "11%", "–")
    measure = MeasureSection("m1", "Disruptions", status("improving"), [row], ["Up 11%."], [])
    objective = ObjectiveSection(
        "o1", "Pursue", 1, "Pursue fraudsters.", status("stable"), [measure]
    )
    return ReportContext(
        title="NLF Report", period_heading="Q1: April – June 2024", strategy="NDP",
        objectives=[objective], summary=[SummaryGroup("Outcomes", ["Up 11%."])],
        themes=[ThemeSection("Fraud", [objective])], methodology={}, flags=[], files=[],
        framework={}, generated_at="2024-07-01",
    )  # fmt: skip


def _pack(force_name: str) -> dict[str, Any]:
    return {
        "geographies": {"forces": {"E1": {"name": force_name}}},
        "indicators": {"i1": {
            "title": "Money recovered", "unit": "gbp", "value": Decimal("290897.90"),
            "comparisons": {"same_quarter_last_year": {"value": Decimal("100"), "change": Decimal("290797.90"), "pct_change": None}},
            "breakdown": {"force": {"E1": Decimal("12.50")}},
            "breakdown_comparisons": {"force": {"E1": {"same_quarter_last_year": {"value": 10, "change": Decimal("2.50"), "pct_change": 25.0}}}},
        }},
    }  # fmt: skip


def test_docx_headings_table_and_footer(tmp_path: Path) -> None:
    path = write_docx(_context(), tmp_path / "r.docx")
    doc = Document(str(path))
    headings = [
        (p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith("Heading")
    ]
    assert ("Heading 1", "Fraud") in headings
    assert ("Heading 2", "Performance measure 1: Pursue fraudsters.") in headings
    assert ("Heading 3", "m1 Disruptions") in headings
    table = doc.tables[-1]
    assert [c.text for c in table.rows[1].cells] == [
        "Referrals",
        "1,113",
        "1,000",
        "+113",
        "11%",
        "–",
    ]
    assert "w:tblHeader" in table.rows[0]._tr.xml
    assert "PAGE" in doc.sections[0].footer._element.xml


def test_xlsx_sheets_numbers_and_no_merges(tmp_path: Path) -> None:
    path = write_xlsx(_context(), tmp_path / "r.xlsx", _pack("Kent"))
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Cover", "Notes", "m1 Disruptions", "i1"]
    sheet = wb["i1"]
    assert sheet["C2"].value == "This quarter (£)"
    assert sheet["C3"].value == 290897.9
    assert sheet["C3"].number_format == "£#,##0.00"
    assert sheet["A4"].value == "Kent"
    assert sheet["C4"].value == 12.5
    assert all(not ws.merged_cells.ranges for ws in wb.worksheets)
    assert all(len(name) <= 31 for name in wb.sheetnames)


def test_xlsx_neutralises_formulas(tmp_path: Path) -> None:
    for hostile in HOSTILE:
        path = write_xlsx(_context(), tmp_path / "h.xlsx", _pack(hostile))
        cell = openpyxl.load_workbook(path)["i1"]["A4"]
        assert cell.value == hostile
        assert cell.data_type == "s"
        assert cell.quotePrefix


def test_demo_report_in_word_and_excel(demo_pack: Any, tmp_path: Path) -> None:
    import json

    from ndp.report.context import build_context

    pack = json.loads(demo_pack.to_json(), parse_float=Decimal)
    context = build_context(pack)
    doc = Document(str(write_docx(context, tmp_path / "demo.docx")))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "1,113 disruptions" in text
    wb = openpyxl.load_workbook(write_xlsx(context, tmp_path / "demo.xlsx", pack))
    assert len(wb.sheetnames) == len({n.lower() for n in wb.sheetnames})
    assert len(wb.sheetnames) >= 2 + len(pack["indicators"])
    assert all(not ws.merged_cells.ranges for ws in wb.worksheets)


def test_write_report_writes_word_and_excel(demo_pack: Any, tmp_path: Path) -> None:
    import json

    from ndp.report.render import write_report

    pack = json.loads(demo_pack.to_json(), parse_float=Decimal)
    docx_path, xlsx_path = write_report(pack, tmp_path, ["docx", "xlsx"])
    assert Document(str(docx_path)).paragraphs
    assert len(openpyxl.load_workbook(xlsx_path).sheetnames) >= 2 + len(pack["indicators"])


def test_demo_workbook_has_no_formulas_and_numeric_values(demo_pack: Any, tmp_path: Path) -> None:
    import json

    from ndp.report.context import build_context

    pack = json.loads(demo_pack.to_json(), parse_float=Decimal)
    wb = openpyxl.load_workbook(write_xlsx(build_context(pack), tmp_path / "d.xlsx", pack))
    sheet = wb["E1b.disruptions"]
    assert sheet["A3"].value == "England and Wales"
    assert sheet["C3"].value == pack["indicators"]["E1b.disruptions"]["value"]
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f"
                if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@")):
                    assert cell.quotePrefix


def test_measure_sheets_hold_numbers_in_each_rows_unit(demo_pack: Any, tmp_path: Path) -> None:
    import json

    from ndp.report.context import build_context

    pack = json.loads(demo_pack.to_json(), parse_float=Decimal)
    wb = openpyxl.load_workbook(write_xlsx(build_context(pack), tmp_path / "m.xlsx", pack))
    sheet = next(wb[n] for n in wb.sheetnames if n.startswith("E2a "))
    rows = {r[0].value: r for r in sheet.iter_rows(min_row=3)}
    seizures, value = (
        rows["Money laundering asset seizures"],
        rows["Value of money laundering asset seizures"],
    )
    e2a = pack["indicators"]["E2a.seizures"]
    assert [c.value for c in seizures[1:6]] == [
        "number", e2a["value"], e2a["comparisons"]["same_quarter_last_year"]["value"],
        e2a["comparisons"]["same_quarter_last_year"]["change"],
        float(e2a["comparisons"]["same_quarter_last_year"]["pct_change"]),
    ]  # fmt: skip
    assert seizures[2].number_format == "#,##0"
    assert value[1].value == "£"
    assert value[2].value == float(pack["indicators"]["E2a.seizure_value_gbp"]["value"])
    assert value[2].number_format == "£#,##0.00"
    assert seizures[5].number_format == "0.0"
