"""The Word and Excel editions open in their own libraries with the report's text and numbers
(the workbook's own checks: tests/report/test_workbook.py)."""

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


def test_demo_report_in_word_and_excel(demo_pack: Any, tmp_path: Path) -> None:
    import json

    from ndp.report.context import build_context

    pack = json.loads(demo_pack.to_json(), parse_float=Decimal)
    context = build_context(pack)
    doc = Document(str(write_docx(context, tmp_path / "demo.docx")))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "1,113 disruptions" in text
    wb = openpyxl.load_workbook(write_xlsx(context, tmp_path / "demo.xlsx", pack))
    assert wb.sheetnames[:3] == ["Cover", "Contents", "Notes"]
    assert len(wb.sheetnames) >= 3 + len(pack["indicators"])


def test_write_report_writes_word_and_excel(demo_pack: Any, tmp_path: Path) -> None:
    import json

    from ndp.report.render import write_report

    pack = json.loads(demo_pack.to_json(), parse_float=Decimal)
    docx_path, xlsx_path = write_report(pack, tmp_path, ["docx", "xlsx"])
    assert Document(str(docx_path)).paragraphs
    assert len(openpyxl.load_workbook(xlsx_path).sheetnames) >= 3 + len(pack["indicators"])
