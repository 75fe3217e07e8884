"""A page's text as its reader meets it: each table's rows by caption and each summary list's
rows, whitespace collapsed, read with the standard library's HTML parser."""

from __future__ import annotations

from html.parser import HTMLParser


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.summary: dict[str, str] = {}
        self._caption: str | None = None
        self._rows: list[list[str]] = []
        self._cell: list[str] | None = None
        self._key: str | None = None
        self._in: str | None = None  # caption, cell, dt or dd

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = dict(attrs).get("class") or ""
        if tag == "table":
            self._caption, self._rows = "", []
        elif tag == "caption":
            self._in, self._cell = "caption", []
        elif tag == "tr":
            self._rows.append([])
        elif tag in ("td", "th"):
            self._in, self._cell = "cell", []
        elif tag == "dt" and "govuk-summary-list__key" in classes:
            self._in, self._cell = "dt", []
        elif tag == "dd" and "govuk-summary-list__value" in classes:
            self._in, self._cell = "dd", []

    def handle_endtag(self, tag: str) -> None:
        text = " ".join("".join(self._cell or []).split())
        if tag == "caption" and self._in == "caption":
            self._caption = text
        elif tag in ("td", "th") and self._in == "cell":
            self._rows[-1].append(text)
        elif tag == "dt" and self._in == "dt":
            self._key = text
        elif tag == "dd" and self._in == "dd" and self._key is not None:
            self.summary[self._key] = text
        elif tag == "table" and self._caption is not None:
            self.tables[self._caption] = [r for r in self._rows if r]
            self._caption = None
        else:
            return
        self._in, self._cell = None, None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def read_page(html: str) -> _Reader:
    """``.tables[caption]`` (rows of cell texts, the head row first) and ``.summary[key]``
    (every summary list's rows)."""
    reader = _Reader()
    reader.feed(html)
    return reader


def words(html: str) -> str:
    """The page's text with tags dropped and whitespace collapsed."""

    class _Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.parts: list[str] = []

        def handle_data(self, data: str) -> None:
            self.parts.append(data)

    reader = _Text()
    reader.feed(html)
    return " ".join("".join(reader.parts).split())
