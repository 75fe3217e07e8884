"""The workbook's cells: numbers stored as numbers, and the Analysis Function's symbols where a
figure is missing, so no cell is blank.

``[x]`` not available (the pack holds no record for it), ``[z]`` not applicable (a comparison
that does not apply, a percentage change on a comparator of 0), ``[c]`` suppressed by
disclosure control (a figure the audience's pack withholds: docs/pack.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ndp.report.tidy.rows import Compared

NOT_AVAILABLE = "[x]"
NOT_APPLICABLE = "[z]"
SUPPRESSED = "[c]"
SYMBOLS = {
    NOT_AVAILABLE: "[x] = not available (no record for the area or period)",
    NOT_APPLICABLE: "[z] = not applicable",
    SUPPRESSED: "[c] = suppressed to protect confidentiality",
}
#: text that a spreadsheet would otherwise read as a formula
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

NUMBER_FORMATS = {"count": "#,##0", "gbp": "£#,##0.00", "percent": "0.0"}
#: an average of counts (the previous year's quarterly average) has decimals
AVERAGE_FORMATS = {"count": "#,##0.00", "gbp": "£#,##0.00", "percent": "0.0"}
PERCENT_CHANGE = "0.0"


def number(value: Any) -> int | float | str:
    """A pack number as a spreadsheet number (a whole Decimal as an int); None as ``[x]``."""
    if value is None:
        return NOT_AVAILABLE
    if isinstance(value, bool):
        raise TypeError("a flag is not a figure")
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (int, float)):
        return value
    return number(Decimal(str(value)))


def shown(value: Any, suppressed: bool) -> int | float | str:
    """A figure, or ``[c]`` where disclosure control withholds it."""
    return SUPPRESSED if suppressed else number(value)


def text(value: str | None) -> str:
    return NOT_AVAILABLE if value is None else value


def compared(comparison: Compared | None) -> list[int | float | str]:
    """A comparison's comparator, change and percentage change: ``[z]`` throughout where it does
    not apply, ``[x]`` where it applies but the pack does not hold it, and a percentage change
    on a comparator of 0 ``[z]``."""
    if comparison is None:
        return [NOT_APPLICABLE] * 3
    held = comparison.suppressed
    if held:
        value = SUPPRESSED if "value" in held else number(comparison.value)
        return [value, *(SUPPRESSED if k in held else number(getattr(comparison, k))
                         for k in ("change", "pct_change"))]  # fmt: skip
    if comparison.value is None:
        return [NOT_AVAILABLE] * 3
    pct: int | float | str
    if comparison.pct_change is not None:
        pct = number(comparison.pct_change)
    elif comparison.value == 0:
        pct = NOT_APPLICABLE
    else:
        pct = NOT_AVAILABLE
    return [number(comparison.value), number(comparison.change), pct]


def met(comparison: Compared | None) -> str:
    if comparison is None:
        return NOT_APPLICABLE
    if "met" in comparison.suppressed:
        return SUPPRESSED
    if comparison.met is None:
        return NOT_AVAILABLE
    return "Yes" if comparison.met else "No"


def hostile(value: Any) -> bool:
    """Whether a text cell would start a formula (it is stored with the quote prefix)."""
    return isinstance(value, str) and value.startswith(FORMULA_START)


@dataclass
class Table:
    """One table of the workbook, before gptables lays it out: a title that says geography and
    period, the header row (units in brackets), the rows, and each column's or row's number
    format. ``notes`` are the note ids the title refers to."""

    title: str
    subtitles: list[str]
    headers: list[str]
    rows: list[list[Any]]
    source: str | None = None
    column_formats: dict[int, str] = field(default_factory=dict)
    row_formats: dict[int, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def symbols_used(self) -> set[str]:
        return {cell for row in self.rows for cell in row if cell in SYMBOLS}

    def symbols(self) -> list[str]:
        """The legend: the symbols this table uses."""
        used = self.symbols_used()
        return [words for symbol, words in SYMBOLS.items() if symbol in used]
