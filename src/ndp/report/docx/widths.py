"""Column widths weighted to their content, as a browser lays out an automatic table: each
column gets at least its widest unbreakable piece (a whole figure, never split: "£1,012,431")
and shares what is left in proportion to how much longer its full text is.

Text is measured with Arial's advance widths (Liberation Sans, which LibreOffice puts in
Arial's place, has the same metrics; the values are the standard Helvetica/Arial AFM widths in
thousandths of an em)."""

from __future__ import annotations

from collections.abc import Sequence

_ASCII = (  # advance widths of " " (32) to "~" (126)
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
)  # fmt: skip
_OTHER = {"£": 556, "–": 556, "—": 1000, "…": 1000, "’": 222, "‘": 222}
_WIDE = 1000  # status icons (▲ ▼ ▶ ◆ ○) come from a fallback font: allow for a wide glyph
BOLD = 1.1  # bold Arial is up to a tenth wider


def text_width(text: str, size_pt: float, *, bold: bool = False) -> float:
    """The width of ``text`` on one line, in points."""
    units = sum(_ASCII[ord(c) - 32] if 32 <= ord(c) <= 126 else _OTHER.get(c, _WIDE) for c in text)
    return units / 1000 * size_pt * (BOLD if bold else 1.0)


def _longest_word(text: str, size_pt: float, bold: bool) -> float:
    return max((text_width(word, size_pt, bold=bold) for word in text.split()), default=0.0)


def column_widths(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    available_pt: float,
    size_pt: float,
    *,
    nowrap: set[int],
    padding_pt: float,
) -> list[float]:
    """Widths in points that add up to ``available_pt``. A column in ``nowrap`` (figures,
    statuses) keeps each cell on one line; other cells may wrap between words, the header at
    any word. When even the minimums do not fit, all are scaled down alike."""
    least, most = [], []
    for index, header in enumerate(headers):
        cells = [row[index] for row in rows]
        whole = [text_width(c, size_pt) for c in cells]
        if index in nowrap:  # measured as bold: a status is set in bold
            words = [text_width(c, size_pt, bold=True) for c in cells]
        else:
            words = [_longest_word(c, size_pt, False) for c in cells]
        head_full = text_width(header, size_pt, bold=True)
        head_word = _longest_word(header, size_pt, True)
        least.append(max([head_word, *words]) + padding_pt)
        most.append(max([head_full, *whole, *words]) + padding_pt)
    spare = available_pt - sum(least)
    if spare <= 0:
        return [w * available_pt / sum(least) for w in least]
    if sum(most) <= available_pt:  # everything fits on one line: share the rest alike
        return [w * available_pt / sum(most) for w in most]
    stretch = [m - w for w, m in zip(least, most, strict=True)]
    return [w + spare * s / sum(stretch) for w, s in zip(least, stretch, strict=True)]
