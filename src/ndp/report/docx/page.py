"""The Word edition's page and house styles, after the PDF's print stylesheet
(``templates/report.css``): A4 with the PDF's margins, the running title and quarter in the
header, "Page N of M" in the footer, Arial (Liberation Sans has its metrics) in the PDF's sizes
and colours, British English as the document's language, and headings kept with what follows.
"""

from __future__ import annotations

from typing import Any

from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

#: @page { size: A4; margin: 15mm 15mm 14mm } in report.css: top, sides, bottom
PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGIN_TOP, MARGIN_SIDE, MARGIN_BOTTOM = Mm(15), Mm(15), Mm(14)
TEXT_WIDTH = Mm(210 - 2 * 15)
LANGUAGE = "en-GB"
TABLE_CAPTION = "Table Caption"  # charts keep Word's own Caption
FONT = "Arial"
BRAND = RGBColor(0x00, 0x20, 0x5B)
INK = RGBColor(0x1D, 0x1D, 0x1B)
MUTED = RGBColor(0x50, 0x5A, 0x5F)
#: the CSS's status colours (text at 4.5:1 or more on white), beside the icon and word
STATUS_COLOURS = {
    "improving": RGBColor(0x00, 0x70, 0x3C),
    "declining": RGBColor(0xB1, 0x0E, 0x1E),
    "stable": INK,
    "new": RGBColor(0x1D, 0x70, 0xB8),
    "no_data": MUTED,
    "not_measurable": MUTED,
    "national_only": MUTED,
}
#: style: (size in points, space before, space after), the print sizes of h1-h4 and body
SIZES = {
    "Normal": (10, 0, 4),
    "Title": (18, 0, 2),
    "Heading 1": (13, 14, 5),
    "Heading 2": (11, 10, 3),
    "Heading 3": (10, 8, 2),
    "Caption": (8.5, 4, 2),
}


def _run_defaults(document: Document) -> None:
    """Arial and en-GB on the styles' run defaults, so every run inherits them."""
    r_pr = (
        document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    )
    fonts = r_pr.find(qn("w:rFonts"))
    for attribute in list(fonts.attrib):
        del fonts.attrib[attribute]
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(slot), FONT)
    lang = r_pr.find(qn("w:lang"))
    for slot in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(slot), LANGUAGE)


#: what follows w:pBdr in a paragraph's properties (ECMA-376 CT_PPrBase): Word wants the order
_AFTER_BORDER = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip


def _bottom_rule(p_pr: Any, size: int) -> None:
    """A brand-coloured rule under the paragraph, as under the PDF's h2 and its cover."""
    existing = p_pr.find(qn("w:pBdr"))
    if existing is not None:
        p_pr.remove(existing)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", str(size)), ("space", "2"), ("color", "00205B")):
        bottom.set(qn(f"w:{key}"), value)
    borders.append(bottom)
    p_pr.insert_element_before(borders, *_AFTER_BORDER)


def house_styles(document: Document) -> None:
    _run_defaults(document)
    for name, (size, before, after) in SIZES.items():
        style = document.styles[name]
        fonts = style.element.rPr.find(qn("w:rFonts")) if style.element.rPr is not None else None
        if fonts is not None:  # the template's theme fonts would override Arial
            style.element.rPr.remove(fonts)
        style.font.size = Pt(size)
        fmt = style.paragraph_format
        fmt.space_before, fmt.space_after = Pt(before), Pt(after)
        fmt.line_spacing = 1.15 if name == "Normal" else 1.0
        if name != "Normal":
            style.font.color.rgb = BRAND if name != "Caption" else MUTED
            style.font.bold = True
        if name.startswith(("Heading", "Title")):
            fmt.keep_with_next = True  # never stranded at the foot of a page
            fmt.keep_together = True
    title = document.styles["Title"].element.pPr
    title.remove(title.find(qn("w:pBdr")))  # the cover's rule is under the quarter instead
    title_rpr = document.styles["Title"].element.rPr
    for child in list(title_rpr):
        if child.tag in (qn("w:spacing"), qn("w:kern")):
            title_rpr.remove(child)
    _bottom_rule(document.styles["Heading 1"].element.get_or_add_pPr(), 12)
    table_caption = document.styles.add_style(TABLE_CAPTION, WD_STYLE_TYPE.PARAGRAPH)
    table_caption.base_style = document.styles["Caption"]
    table_caption.paragraph_format.keep_with_next = True  # a table's caption stays with it


def cover_rule(paragraph: Paragraph) -> None:
    _bottom_rule(paragraph._p.get_or_add_pPr(), 24)


def add_field(paragraph: Paragraph, instruction: str, placeholder: str = "1") -> None:
    """A field (PAGE, NUMPAGES) that Word and LibreOffice fill in as they lay the pages out."""
    for part in ("begin", "instr", "separate", "text", "end"):
        run = paragraph.add_run()
        if part == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {instruction} "
            run._r.append(element)
        elif part == "text":
            run.text = placeholder
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), part)
            run._r.append(char)


def _small(paragraph: Paragraph) -> None:
    for run in paragraph.runs:
        run.font.size = Pt(7.5)
        run.font.color.rgb = MUTED


def page_setup(document: Document, running_title: str, period: str) -> None:
    """A4 portrait with the PDF's margins; the running title left and the quarter right in the
    header, "Page N of M" at the foot on the right, in 7.5 pt grey as the PDF's margin boxes."""
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
    section.left_margin = section.right_margin = MARGIN_SIDE
    section.header_distance, section.footer_distance = Mm(7), Mm(6)
    header = section.header.paragraphs[0]
    header.style.paragraph_format.tab_stops.clear_all()  # the template's centre and right tabs
    header.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
    header.add_run(f"{running_title}\t{period}")
    _small(header)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer.add_run("Page ")
    add_field(footer, "PAGE")
    footer.add_run(" of ")
    add_field(footer, "NUMPAGES")
    _small(footer)
