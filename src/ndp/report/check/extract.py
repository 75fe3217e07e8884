"""A report file's text as lines: plain text, Markdown, HTML, PDF or DOCX.

Each format keeps its paragraphs on separate lines, since the checks read a statement together
with the lines just before it. Line numbers in findings count these extracted lines.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from ndp.errors import NdpError
from ndp.report.check.text import strip_markdown

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ""}
_BLOCK = {
    "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section",
    "article", "ul", "ol", "header", "footer", "blockquote", "pre", "figcaption", "caption",
    "dt", "dd", "hr", "main", "aside", "nav",
}  # fmt: skip
_CELL = {"td", "th"}
_HIDDEN = {"script", "style", "head", "title", "template"}


def read_lines(path: Path) -> list[str]:
    if not path.is_file():
        raise NdpError(
            f"{path}: no such file; give the path of a report (.txt, .md, .html, .pdf, .docx)"
        )
    suffix = path.suffix.lower()
    if suffix in {".html", ".htm", ".xhtml"}:
        return html_lines(path.read_text(encoding="utf-8"))
    if suffix == ".pdf":
        return pdf_lines(path)
    if suffix == ".docx":
        return docx_lines(path)
    if suffix in TEXT_SUFFIXES:
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as error:
            raise NdpError(
                f"{path}: not UTF-8 text ({error.reason} at byte {error.start})"
            ) from None
        return strip_markdown(text).splitlines()
    raise NdpError(
        f"{path}: cannot read {suffix!r} files; give a .txt, .md, .html, .pdf or .docx report"
    )


class _Text(HTMLParser):
    """Tag-stripping that keeps block elements on their own lines and table cells apart."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in _BLOCK:
            self.parts.append("\n")
        elif tag in _CELL:
            self.parts.append("\t")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(re.sub(r"\s+", " ", data))


def html_lines(html: str) -> list[str]:
    parser = _Text()
    parser.feed(html)
    parser.close()
    return [line.strip() for line in "".join(parser.parts).split("\n")]


def pdf_lines(path: Path) -> list[str]:
    """PDF text, with wrapped lines of one paragraph joined again (pypdf gives visual lines)."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(path)
        raw = "\n".join(page.extract_text() or "" for page in reader.pages)
    except Exception as error:  # pypdf raises many types for a damaged file
        raise NdpError(f"{path}: cannot read this PDF ({error})") from None
    return join_wrapped(raw.splitlines())


def join_wrapped(lines: list[str]) -> list[str]:
    """Join a visual line to the one before unless that one ended a sentence or was blank."""
    out: list[str] = []
    for line in (raw.strip() for raw in lines):
        if (
            out
            and out[-1]
            and line
            and not re.search(r"[.:!?]$", out[-1])
            and not re.match(r"^([-•*]|[A-Z]{1,2}\d{1,2}[a-z]?\b)", line)
        ):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def docx_lines(path: Path) -> list[str]:
    """Paragraphs in order, then each table cell on its own line."""
    import docx

    try:
        document = docx.Document(str(path))
    except Exception as error:  # python-docx raises several types for a bad package
        raise NdpError(f"{path}: cannot read this DOCX ({error})") from None
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                lines.extend(cell.text.splitlines())
    return lines
