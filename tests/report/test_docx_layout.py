"""The Word edition as its reader meets it: read back with python-docx (A4 with the PDF's
margins, British English, the board summary's objectives table, measure ids in headings, labels
rather than codes, "Page N of M" fields), then converted to PDF by LibreOffice and read page by
page with pypdf (every page numbered, no figure broken across lines, no heading left at the foot
of a page or alone on it)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import Counter
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from pypdf import PdfReader

from ndp.engine.pack_model import Pack
from ndp.report.context import STATUS_ICONS, ReportContext, build_context
from ndp.report.docx import write_docx

CODE = re.compile(r"\b(no_records|no_data|not_measurable|[a-z]+_[a-z_]+)\b")
PAGE_LINE = re.compile(r"^Page (\d+) of (\d+)$")


@pytest.fixture(scope="module")
def pack(demo_pack: Pack) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(demo_pack.to_json(), parse_float=Decimal)
    return loaded


@pytest.fixture(scope="module")
def context(pack: dict[str, Any]) -> ReportContext:
    return build_context(pack)


@pytest.fixture(scope="module")
def docx_path(context: ReportContext, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_docx(context, tmp_path_factory.mktemp("word") / "report.docx")


@pytest.fixture(scope="module")
def document(docx_path: Path) -> Any:
    return Document(str(docx_path))


def _pdf_margins_mm() -> tuple[float, float, float, float]:
    """Top, right, bottom and left margin of the PDF, from the stylesheet's @page rule."""
    css = (resources.files("ndp.report") / "templates" / "report.css").read_text("utf-8")
    rule = re.search(r"@page\s*\{[^}]*?\bmargin:\s*([^;]+);", css)
    assert rule, "report.css has no @page margin"
    values = [float(v.removesuffix("mm")) for v in rule.group(1).split()]
    top, right, bottom, left = {
        1: lambda v: (v[0], v[0], v[0], v[0]),
        2: lambda v: (v[0], v[1], v[0], v[1]),
        3: lambda v: (v[0], v[1], v[2], v[1]),
        4: lambda v: tuple(v),
    }[len(values)](values)
    return top, right, bottom, left


def _cells(document: Any) -> list[str]:
    return [cell.text for table in document.tables for row in table.rows for cell in row.cells]


def test_page_is_a4_with_the_pdfs_margins(document: Any) -> None:
    section = document.sections[0]
    assert section.page_width.mm == pytest.approx(210, abs=0.1)
    assert section.page_height.mm == pytest.approx(297, abs=0.1)
    top, right, bottom, left = _pdf_margins_mm()
    assert section.top_margin.mm == pytest.approx(top, abs=0.1)
    assert section.right_margin.mm == pytest.approx(right, abs=0.1)
    assert section.bottom_margin.mm == pytest.approx(bottom, abs=0.1)
    assert section.left_margin.mm == pytest.approx(left, abs=0.1)


def test_language_and_core_properties(document: Any, context: ReportContext) -> None:
    defaults = document.styles.element.find(qn("w:docDefaults"))
    lang = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    assert lang.get(qn("w:val")) == "en-GB"
    properties = document.core_properties
    assert properties.title == context.title
    assert properties.author
    assert context.period_heading in properties.subject
    assert properties.language == "en-GB"


def test_header_has_running_title_and_footer_page_n_of_m(
    document: Any, context: ReportContext
) -> None:
    section = document.sections[0]
    assert context.draft  # the engine's pack is a draft: its header says so
    assert section.header.paragraphs[0].text == (
        f"Draft – {context.title}\t{context.period_heading}"
    )
    footer = section.footer._element
    instructions = [e.text.strip() for e in footer.iter(qn("w:instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert section.footer.paragraphs[0].text.startswith("Page ")
    assert " of " in section.footer.paragraphs[0].text


def test_objectives_table_has_every_objective_with_status_and_reason(
    document: Any, pack: dict[str, Any], context: ReportContext
) -> None:
    table = next(
        t
        for t in document.tables
        if [c.text for c in t.rows[0].cells]
        == ["Objective", "Statement", "Status", "What drove it"]
    )
    rows = [[c.text for c in row.cells] for row in table.rows[1:]]
    assert [r[0] for r in rows] == [o["title"] for o in pack["objectives"].values()]
    for row, objective in zip(rows, pack["objectives"].values(), strict=True):
        icon, word = STATUS_ICONS[objective["status"]]
        assert row[1] == objective["statement"]
        assert row[2] == f"{icon} {word}"
        assert len(row[3]) > 10
    reasons = [o.status.reason for o in context.objectives]
    assert [r[3] for r in rows] == [f"{reason}." for reason in reasons]
    text = [p.text for p in document.paragraphs]
    key = _cells(document)
    for code, (icon, word) in STATUS_ICONS.items():  # the key to the statuses
        assert f"{icon} {word}" in key, code
    summary = text.index("Executive summary: key cross-cutting strategic objectives")
    assert summary > text.index("Performance assessment")


def test_measure_headings_carry_their_ids_and_status_lines(
    document: Any, pack: dict[str, Any]
) -> None:
    paragraphs = document.paragraphs
    where = {p.text: i for i, p in enumerate(paragraphs) if p.style.name == "Heading 3"}
    for measure_id, measure in pack["measures"].items():
        heading = f"{measure_id} {measure['title']}"
        assert heading in where, heading
        icon, word = STATUS_ICONS[measure["status"]]
        line = paragraphs[where[heading] + 1].text
        assert line.startswith(f"Status: {icon} {word}: "), (heading, line)
        assert line.endswith(".")


def test_no_raw_codes_where_labels_belong(document: Any) -> None:
    texts = [p.text for p in document.paragraphs] + _cells(document)
    coded = [t for t in texts if CODE.search(t)]
    assert coded == []
    assert not any(t.startswith("Data note") for t in texts)
    assert any(t.startswith("Data-quality flags: ") and "no records" in t for t in texts)


def test_headings_keep_with_next_and_tables_hold_together(document: Any) -> None:
    for paragraph in document.paragraphs:
        if paragraph.style.name.startswith(("Heading", "Title")):
            assert paragraph.style.paragraph_format.keep_with_next, paragraph.text
    text_width = document.sections[0].page_width - 2 * document.sections[0].left_margin
    key = {f"{icon} {word}" for icon, word in STATUS_ICONS.values()}
    for table in document.tables:
        rows = table.rows
        if rows[0].cells[0].text not in key:  # the key to the statuses has no header row
            assert rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
            assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in rows)
        layout = table._tbl.tblPr.find(qn("w:tblLayout"))
        assert layout is not None
        assert layout.get(qn("w:type")) == "fixed"
        widths = [cell.width for cell in rows[-1].cells]
        assert all(widths)
        assert sum(widths) <= text_width * 1.001


def test_figure_columns_are_weighted_and_right_aligned(document: Any) -> None:
    figures = next(t for t in document.tables if t.rows[0].cells[0].text == "Indicator")
    widths = [cell.width for cell in figures.rows[1].cells]
    assert len(set(widths)) > 2  # weighted to the content, not six equal columns
    assert widths[0] == max(widths)  # the indicator's title is the longest text
    for cell in figures.rows[1].cells[1:]:
        assert cell.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT


# --- converted by LibreOffice, as a reader opening it meets it ---


@pytest.fixture(scope="module")
def converted(docx_path: Path, tmp_path_factory: pytest.TempPathFactory) -> list[list[str]]:
    """Each page's text lines, from LibreOffice's PDF of the Word file."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.fail("LibreOffice (soffice) is not installed: run scripts/system-deps.sh")
    out = tmp_path_factory.mktemp("converted")
    profile = out / "profile"  # a throwaway profile: parallel conversions do not collide
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(out), str(docx_path)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    pdf = out / "report.pdf"
    pages = [page.extract_text() or "" for page in PdfReader(pdf).pages]
    return [[line.strip() for line in page.splitlines() if line.strip()] for page in pages]


def _body(page: list[str], context: ReportContext) -> list[str]:
    """The page's lines without the running header and the page number."""
    running = f"Draft – {context.title} {context.period_heading}"
    return [line for line in page if line != running and not PAGE_LINE.match(line)]


def _is_heading_part(line: str, headings: list[str]) -> bool:
    """Whether ``line`` is a heading or one line of a heading set on several."""
    return any(
        line == h or (len(line) > 6 and (h.startswith(line + " ") or h.endswith(" " + line)))
        for h in headings
    )


def test_converted_pages_are_numbered_page_n_of_m(
    converted: list[list[str]], context: ReportContext
) -> None:
    total = len(converted)
    assert total >= 5
    for number, page in enumerate(converted, start=1):
        assert f"Page {number} of {total}" in page, (number, page[-3:])
        assert f"Draft – {context.title} {context.period_heading}" in page, number


def test_converted_tables_never_break_a_figure(
    converted: list[list[str]], context: ReportContext, document: Any
) -> None:
    """Every figure of the measures' tables appears whole in the PDF as often as the Word file
    holds it: a figure wrapped in its cell ("£1,012," / "431") would be one short."""
    figures = {
        value
        for o in context.objectives
        for m in o.measures
        for row in m.rows
        for value in (row.value, row.last_year, row.change, row.benchmark)
        if re.search(r"\d", value)
    }
    assert "£1,012,431" in figures

    def count(texts: list[str], figure: str) -> int:
        whole = re.compile(rf"(?<![\d,.£+\-]){re.escape(figure)}(?![\d]|[,.]\d)")
        return sum(len(whole.findall(text)) for text in texts)

    word = [p.text for p in document.paragraphs] + _cells(document)
    lines = [line for page in converted for line in _body(page, context)]
    broken = {f: (count(word, f), count(lines, f)) for f in figures}
    assert {f: n for f, n in broken.items() if n[1] < n[0]} == {}


def test_converted_headings_are_never_last_on_a_page_nor_alone(
    converted: list[list[str]], context: ReportContext, document: Any
) -> None:
    headings = [
        p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))
    ]
    assert Counter(headings)["Performance assessment"] == 1
    for number, page in enumerate(converted, start=1):
        body = _body(page, context)
        assert body, f"page {number} is empty"
        assert not all(_is_heading_part(line, headings) for line in body), (number, body)
        if number < len(converted):
            assert not _is_heading_part(body[-1], headings), (number, body[-1])


def test_column_widths_give_each_figure_its_whole_width() -> None:
    from ndp.report.docx.widths import column_widths, text_width

    headers = ["Indicator", "This quarter", "Benchmark"]
    rows = [["Value of money laundering asset seizures " * 3, "£1,012,431", "–"]]
    widths = column_widths(headers, rows, 400, 8.5, nowrap={1, 2}, padding_pt=10)
    assert sum(widths) == pytest.approx(400)
    assert widths[1] >= text_width("£1,012,431", 8.5) + 10
    assert widths[0] > widths[1] > widths[2] or widths[0] > widths[2]
    cramped = column_widths(headers, rows, 60, 8.5, nowrap={1, 2}, padding_pt=10)
    assert sum(cramped) == pytest.approx(60)  # scaled down alike when nothing fits
