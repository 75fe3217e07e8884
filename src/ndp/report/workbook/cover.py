"""Row heights for the cover sheet's wrapped text.

gptables writes each cover paragraph into one wrapped cell of a wide column but leaves the row
at its default height: Excel grows such a row when it opens the file, LibreOffice does not, so
its lines ran over the next paragraph. Each row is given the height of its wrapped lines,
estimated from the text's length, its font and the column's width (docs/report.md).
"""

from __future__ import annotations

import math
from typing import Any

#: the gptables theme's cover fonts: (size in points, bold) for title, headings and text
TITLE, HEADING, TEXT = (16, True), (14, True), (12, False)
#: a column's width unit in pixels (the default font's "0"), and pixels per point
_UNIT_PX, _PX_PER_PT = 7, 96 / 72


def wrapped_height(text: str, font: tuple[int, bool], width: float) -> float:
    """The row height (points) that shows ``text`` wrapped in a column ``width`` units wide:
    Arial's average letter is under 0.45 of its size (0.5 bold), a line 1.3 of it, and a
    paragraph gets a little space before the next."""
    size, bold = font
    letters = max(1, int(width * _UNIT_PX / (size * _PX_PER_PT * (0.5 if bold else 0.45))))
    lines = sum(max(1, math.ceil(len(part) / letters)) for part in text.split("\n"))
    return round(lines * size * 1.3 + 4, 1)


def cover_rows(cover: dict[str, Any]) -> list[tuple[str, tuple[int, bool]]]:
    """The cover's cells from the top, in the order gptables writes them, with their fonts."""
    rows = [(str(cover["title"]), TITLE)]
    for key, heading in (
        ("intro", "Introductory information"),
        ("about", "About these data"),
        ("contact", "Contact"),
    ):
        if cover.get(key) is not None:
            rows.append((heading, HEADING))
            rows += [(str(line), TEXT) for line in cover[key]]
    return rows


def set_cover_heights(sheet: Any, cover: dict[str, Any], width: float) -> None:
    """Give each of the cover sheet's rows the height of its wrapped text."""
    for row, (text, font) in enumerate(cover_rows(cover)):
        sheet.set_row(row, wrapped_height(text, font, width))
