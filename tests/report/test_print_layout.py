"""The printed report as its reader meets it: the demo quarter's PDF is at most 16 A4 pages,
carries its page numbers, running title and designed font, is tagged (PDF/UA-1) with headings,
table header cells and every chart's alt text in its structure tree, and its pages keep the
layout rules: no heading last on a page, no page of headings alone, no near-empty page, no
table split with fewer than three rows on either side, one chart a measure and the charts'
figures in an appendix. The layout is read from WeasyPrint's own page boxes, the PDF's text
and fonts by pypdf and its structure tree by pikepdf, from one print of each edition."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from pypdf import PdfReader
from weasyprint.formatting_structure import boxes

from ndp.engine.pack_model import Pack
from ndp.report.commentary import read_commentary
from ndp.report.context import build_context
from ndp.report.force import resolve_force
from ndp.report.force.context import build_force_context
from ndp.report.force.render import render_force_html
from ndp.report.printer import PDF_VARIANT, print_document
from ndp.report.render import render_html

MAX_PAGES = 16  # issue 9: a national report a board reads in 15 minutes
MIN_ROWS = 3  # rows of a split table on each side of the break
MIN_FILL = 0.4  # of a page's height, on every page but the last
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
BLOCKS = HEADINGS | {"p", "li", "dt", "dd", "td", "th", "caption", "figcaption", "summary"}


@dataclass
class Printed:
    html: str
    document: Any  # weasyprint.Document
    pdf: Path
    title: str


@dataclass
class Line:
    """One line of text (or an image) laid out on a page, with the block it belongs to."""

    page: int
    bottom: float
    element: Any
    text: str


def _print(html: str, title: str, path: Path) -> Printed:
    document = print_document(html)
    document.write_pdf(path, pdf_variant=PDF_VARIANT)
    return Printed(html, document, path, title)


@pytest.fixture(scope="module")
def pack(demo_pack: Pack) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(demo_pack.to_json(), parse_float=Decimal)
    return loaded


@pytest.fixture(scope="module")
def national(pack: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> Printed:
    """The national report printed with the demo's commentary, as `ndp demo` prints it."""
    with resources.as_file(resources.files("ndp.synth.demo") / "commentary.yaml") as path:
        context = build_context(pack, read_commentary(path, pack))
    html = render_html(context, for_print=True)
    return _print(html, context.title, tmp_path_factory.mktemp("pdf") / "report.pdf")


@pytest.fixture(scope="module")
def kent(pack: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> Printed:
    context = build_force_context(pack, resolve_force(pack, "Kent"))
    html = render_force_html(context, for_print=True)
    return _print(html, context.title, tmp_path_factory.mktemp("kent") / "report.pdf")


@pytest.fixture(scope="module")
def btp(pack: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> Printed:
    """A force with few records: British Transport Police, not territorial, in no APMIS
    source, so most of its measures have no records or one line."""
    context = build_force_context(pack, resolve_force(pack, "BTP"))
    html = render_force_html(context, for_print=True)
    return _print(html, context.title, tmp_path_factory.mktemp("btp") / "report.pdf")


def _classes(element: Any) -> set[str]:
    return set((element.get("class") or "").split())


def keeps_with_next(element: Any) -> bool:
    """A heading, a table's caption, or the status line printed under a heading."""
    tag = element.tag
    return (
        tag in HEADINGS
        or tag == "caption"
        or (tag == "p" and bool(_classes(element) & {"status", "national-status"}))
    )


def _lines(box: Any, page: int, owner: Any = None) -> Iterator[Line]:
    if isinstance(box, boxes.MarginBox):
        return  # running header and footer
    block = box.element_tag in BLOCKS or owner is None
    if box.element is not None and not box.is_table_wrapper and block:
        owner = box.element
    if isinstance(box, boxes.LineBox | boxes.ReplacedBox):
        text = "".join(t.text for t in _walk(box) if isinstance(t, boxes.TextBox))
        if text.strip() or isinstance(box, boxes.ReplacedBox) or _has_image(box):
            yield Line(page, box.position_y + box.margin_height(), owner, text)
        return
    for child in getattr(box, "children", []):
        yield from _lines(child, page, owner)


def _walk(box: Any) -> Iterator[Any]:
    yield box
    for child in getattr(box, "children", []):
        yield from _walk(child)


def _has_image(box: Any) -> bool:
    return any(isinstance(b, boxes.ReplacedBox) for b in _walk(box))


def page_lines(printed: Printed) -> list[list[Line]]:
    return [list(_lines(p._page_box, n)) for n, p in enumerate(printed.document.pages, 1)]


def _described(line: Line) -> str:
    return f"page {line.page}: <{line.element.tag}> {line.text.strip()[:70]!r}"


def stranded_headings(printed: Printed) -> list[str]:
    """Pages that end in a heading (or caption, or status line) or hold nothing else."""
    problems = []
    for lines in page_lines(printed):
        if not lines:
            continue
        if all(keeps_with_next(line.element) for line in lines):
            problems.append(f"{_described(lines[0])} is alone on its page")
        elif keeps_with_next(lines[-1].element):
            problems.append(f"{_described(lines[-1])} is last on its page")
    return problems


def near_empty_pages(printed: Printed) -> list[str]:
    """Pages other than the last filled to less than MIN_FILL of their height."""
    problems = []
    pages = printed.document.pages
    for lines, page in zip(page_lines(printed)[:-1], pages[:-1], strict=True):
        box = page._page_box
        top, height = box.content_box_y(), box.height
        bottom = max((line.bottom for line in lines), default=top)
        fill = (bottom - top) / height
        if fill < MIN_FILL:
            problems.append(f"page {lines[0].page if lines else '?'} is {fill:.0%} full")
    return problems


def table_fragments(printed: Printed) -> dict[str, list[tuple[int, int]]]:
    """Each table's caption (or first cell) -> (page, body rows) for each part of it laid out,
    a part per page or column it spans."""
    parts: dict[Any, list[tuple[int, int]]] = defaultdict(list)
    names: dict[Any, str] = {}
    for number, page in enumerate(printed.document.pages, 1):
        for box in _walk(page._page_box):
            if isinstance(box, boxes.TableBox):
                rows = [
                    row
                    for group in box.children
                    if group.element_tag == "tbody"
                    for row in group.children
                ]
                parts[box.element].append((number, len(rows)))
                caption = box.element.find("caption")
                names[box.element] = (
                    "".join(caption.itertext()) if caption is not None else box.element.tag
                )
    return {f"{names[e]} ({i})": p for i, (e, p) in enumerate(parts.items())}


def split_tables(printed: Printed) -> list[str]:
    return [
        f"{name}: rows per part {[rows for _, rows in parts]} on pages {[p for p, _ in parts]}"
        for name, parts in table_fragments(printed).items()
        if len(parts) > 1 and min(rows for _, rows in parts) < MIN_ROWS
    ]


# --- the national report --------------------------------------------------------------------


def test_the_national_report_is_at_most_16_pages(national: Printed) -> None:
    pages = len(PdfReader(national.pdf).pages)
    assert pages == len(national.document.pages)
    assert pages <= MAX_PAGES


def test_every_page_carries_its_number_of_all_and_the_running_title(national: Printed) -> None:
    texts = [page.extract_text() for page in PdfReader(national.pdf).pages]
    total = len(texts)
    for number, text in enumerate(texts, 1):
        assert f"Page {number} of {total}" in text, f"page {number}"
        assert national.title in text, f"page {number}"
        assert "Q1: April – June 2024" in text, f"page {number}"


def _fonts(pdf: Path) -> list[set[str]]:
    """Each page's fonts by name, without the subset prefix: ``ABCDEF+Liberation-Sans``."""
    pages = []
    for page in PdfReader(pdf).pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        pages.append({str(f.get_object()["/BaseFont"]).split("+")[-1] for f in fonts.values()})
    return pages


@pytest.mark.parametrize("edition", ["national", "kent"])
def test_text_is_set_in_the_designed_sans_serif(
    edition: str, request: pytest.FixtureRequest
) -> None:
    printed: Printed = request.getfixturevalue(edition)
    for number, fonts in enumerate(_fonts(printed.pdf), 1):
        assert "Liberation-Sans" in fonts, f"page {number}: {fonts}"
        assert not [f for f in fonts if "Serif" in f or "Times" in f], f"page {number}"


@pytest.mark.parametrize("edition", ["national", "kent"])
def test_the_stylesheet_reaches_the_html_unescaped(
    edition: str, request: pytest.FixtureRequest
) -> None:
    printed: Printed = request.getfixturevalue(edition)
    styles = re.findall(r"<style>(.*?)</style>", printed.html, re.S)
    assert styles
    for css in styles:  # the stylesheet, the edition's own rules and a draft's running header
        assert "&#34;" not in css
        assert "&quot;" not in css
        assert "&amp;" not in css
    assert 'counter(page) " of " counter(pages)' in styles[0]
    assert '@top-left { content: "Draft – " string(running)' in styles[-1]  # the demo's is a draft


def _structure(pdf: pikepdf.Pdf) -> Iterator[pikepdf.Dictionary]:
    stack = [pdf.Root.StructTreeRoot]
    while stack:
        node = stack.pop()
        kids = node.get("/K")
        if kids is None:
            continue
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") != "/MCR":
                if "/S" in kid:
                    yield kid
                stack.append(kid)


def test_the_pdf_is_tagged_with_language_title_headings_tables_and_alt_text(
    national: Printed,
) -> None:
    chart_alts = re.findall(r'<img src="data:image/png;base64,[^"]*" alt="([^"]*)"', national.html)
    assert len(chart_alts) >= 8
    with pikepdf.open(national.pdf) as pdf:
        assert bool(pdf.Root.MarkInfo.Marked) is True
        assert str(pdf.Root.Lang) == "en-GB"
        assert str(pdf.docinfo["/Title"]).startswith(national.title)
        assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle) is True
        elements = list(_structure(pdf))
        kinds = {str(e.S) for e in elements}
        assert {"/H1", "/H2", "/H3", "/H4", "/Table", "/TH", "/TD", "/Caption", "/L"} <= kinds
        figures = [e for e in elements if e.S == "/Figure"]
        alts = sorted(str(e.get("/Alt", "")) for e in figures)
        cells = [e for e in elements if e.S == "/TD"]
        headed = [c for c in cells if len(c.get("/A", {}).get("/Headers", [])) > 0]
    from html import unescape

    assert alts == sorted(unescape(a) for a in chart_alts)  # one figure a chart, each with its alt
    assert all(alts)
    assert len(headed) > 0.9 * len(cells)  # data cells point at their header cells


def test_no_heading_is_stranded_and_no_page_is_nearly_empty(national: Printed) -> None:
    assert stranded_headings(national) == []
    assert near_empty_pages(national) == []


def test_no_table_is_split_leaving_fewer_than_three_rows(national: Printed) -> None:
    assert split_tables(national) == []


def test_one_chart_a_measure_and_the_chart_figures_in_the_appendix(
    national: Printed, pack: dict[str, Any]
) -> None:
    body, appendix = national.html.split('<section id="appendix"', 1)
    figures = re.findall(r'<figure class="chart" id="chart-([^"]+)">', body)
    measures = [f.rsplit("-", 1)[0] for f in figures]
    assert len(measures) == len(set(measures)) >= 8  # one chart a measure
    assert '<table class="chart-table"' not in body
    assert "<details" not in body
    assert re.findall(r'<table class="chart-table" id="figures-([^"]+)"', appendix) == figures
    text = "\n".join(page.extract_text() for page in PdfReader(national.pdf).pages)
    assert text.index("Appendix: chart figures") > text.index("Annex: definitions")


def test_the_layout_checks_catch_what_they_look_for(tmp_path: Path) -> None:
    """The rules above can fail: a page ending in a heading, a table leaving one row behind,
    a page left nearly empty and a figure wider than its column are each found."""
    rows = "".join(f"<tr><th scope='row'>Row {n}</th><td>{n}</td></tr>" for n in range(10))
    html = f"""<html lang="en-GB"><head><title>Faults</title><style>
      @page {{ size: A4; margin: 20mm }} body {{ margin: 0 }} p {{ margin: 0; line-height: 40px }}
      h2 {{ margin: 0; font-size: 20px; line-height: 20px; break-after: auto }}
      caption {{ line-height: 20px }} tr {{ height: 40px }} table {{ border-spacing: 0; width: 100% }}</style>
      </head><body>
      <p style="line-height: 246mm">Filler</p><h2>Stranded heading</h2><p>Its text</p>
      <p style="break-before: page">A short page</p>
      <p style="break-before: page; line-height: 238mm">Filler</p>
      <table><caption>Split table</caption><tbody>{rows}</tbody></table>
      </body></html>"""
    printed = _print(html, "Faults", tmp_path / "faults.pdf")
    assert stranded_headings(printed) == ["page 1: <h2> 'Stranded heading' is last on its page"]
    assert near_empty_pages(printed) == ["page 2 is 4% full", "page 3 is 4% full"]
    (split,) = split_tables(printed)
    assert split.startswith("Split table (0): rows per part [1, 9]")
    narrow = """<html lang="en-GB"><body><table style="table-layout: fixed; width: 60mm"><tr>
      <td style="width: 12mm; white-space: nowrap">no records in Q1 23/24</td><td>1</td></tr>"""
    (overflow,) = overflowing_cells(_print(narrow, "Narrow", tmp_path / "narrow.pdf"))
    assert overflow == "page 1: 'no records in Q1 23/24' runs past its cell"


# --- a force edition ------------------------------------------------------------------------


@pytest.mark.parametrize("edition", ["kent", "btp"])
def test_a_force_edition_keeps_the_national_layout_rules(
    edition: str, request: pytest.FixtureRequest
) -> None:
    """Page numbers and running title on every page; no stranded heading, no near-empty page,
    no table split leaving fewer than three rows; the summary alone on page 1."""
    printed: Printed = request.getfixturevalue(edition)
    texts = [page.extract_text() for page in PdfReader(printed.pdf).pages]
    for number, text in enumerate(texts, 1):
        assert f"Page {number} of {len(texts)}" in text
        assert printed.title in text
    assert stranded_headings(printed) == []
    assert near_empty_pages(printed) == []
    assert split_tables(printed) == []
    assert "moves apart from England and Wales" in texts[0]
    theme = "Money Laundering and Asset Recovery"  # the body starts on page 2
    assert theme not in texts[0]
    assert theme in texts[1]
    with pikepdf.open(printed.pdf) as pdf:
        assert bool(pdf.Root.MarkInfo.Marked) is True


def test_a_force_edition_has_its_chart_figures_in_the_appendix(kent: Printed) -> None:
    body, appendix = kent.html.split('<section id="appendix"', 1)
    figures = re.findall(r'<figure class="chart" id="chart-([^"]+)">', body)
    assert figures
    assert '<table class="chart-table"' not in body
    assert re.findall(r'<table class="chart-table" id="figures-([^"]+)"', appendix) == figures


def overflowing_cells(printed: Printed) -> list[str]:
    """Text running past its table cell's right edge (a fixed column too narrow for it)."""
    cells = [(n, b) for n, p in enumerate(printed.document.pages, 1) for b in _walk(p._page_box)]
    return [
        f"page {n}: {text.text!r} runs past its cell"
        for n, cell in cells
        if isinstance(cell, boxes.TableCellBox)
        for text in _walk(cell)
        if isinstance(text, boxes.TextBox)
        and text.position_x + text.width > cell.content_box_x() + cell.width + 0.5
    ]


@pytest.mark.parametrize("edition", ["kent", "btp"])
def test_a_force_editions_fixed_width_tables_hold_their_text(
    edition: str, request: pytest.FixtureRequest
) -> None:
    """The indicator, objectives and appendix tables print at fixed column widths (WeasyPrint's
    automatic layout measured every cell first); no figure or header runs past its cell."""
    printed: Printed = request.getfixturevalue(edition)
    fixed = {
        " ".join(sorted(_classes(box.element)))
        for page in printed.document.pages
        for box in _walk(page._page_box)
        if isinstance(box, boxes.TableBox) and box.style["table_layout"] == "fixed"
    }
    assert fixed == {"figures", "objectives", "chart-table"}
    assert overflowing_cells(printed) == []
