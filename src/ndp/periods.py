"""Financial years, quarters and months as the report uses them.

The police financial year runs 1 April to 31 March: ``2024-25`` is 1 April 2024 to 31 March
2025, Q1 is April-June, Q2 July-September, Q3 October-December, Q4 January-March.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import total_ordering

from ndp.errors import NdpError

QUARTER_FORMS = "2024-25 Q1, 2024-25Q1, 2024-25-Q1, Q1 24/25, 2024/25 Q1 or FY24/25 Q1"

_YEAR = r"(?:FY\s*)?(?P<y1>\d{2}|\d{4})\s*[-/]\s*(?P<y2>\d{2}|\d{4})"
_QUARTER_PATTERNS = [
    re.compile(rf"^{_YEAR}\s*[-_]?\s*Q(?P<q>[1-4])$", re.IGNORECASE),
    re.compile(rf"^Q(?P<q>[1-4])\s*{_YEAR}$", re.IGNORECASE),
]


def _full_year(text: str) -> int:
    return int(text) if len(text) == 4 else 2000 + int(text)


@total_ordering
@dataclass(frozen=True)
class FinancialYear:
    """A financial year, named by the calendar year it starts in (2024 is 2024-25)."""

    start_year: int

    @property
    def label(self) -> str:
        """Canonical label, ``2024-25``."""
        return f"{self.start_year}-{(self.start_year + 1) % 100:02d}"

    @property
    def short(self) -> str:
        """Prose label, ``24/25``."""
        return f"{self.start_year % 100:02d}/{(self.start_year + 1) % 100:02d}"

    @property
    def start(self) -> date:
        return date(self.start_year, 4, 1)

    @property
    def end(self) -> date:
        return date(self.start_year + 1, 3, 31)

    @property
    def quarters(self) -> list[Quarter]:
        return [Quarter(self.start_year, q) for q in (1, 2, 3, 4)]

    def previous(self) -> FinancialYear:
        return FinancialYear(self.start_year - 1)

    @classmethod
    def containing(cls, day: date) -> FinancialYear:
        return cls(day.year if day.month >= 4 else day.year - 1)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, FinancialYear):
            return NotImplemented
        return self.start_year < other.start_year

    def __str__(self) -> str:
        return self.label


@total_ordering
@dataclass(frozen=True)
class Month:
    """A calendar month."""

    year: int
    month: int

    @property
    def label(self) -> str:
        return f"{self.year}-{self.month:02d}"

    @property
    def start(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def end(self) -> date:
        return self.next().start - timedelta(days=1)

    def next(self) -> Month:
        return Month(self.year + self.month // 12, self.month % 12 + 1)

    def previous(self) -> Month:
        return Month(self.year - (self.month == 1), (self.month - 2) % 12 + 1)

    @classmethod
    def containing(cls, day: date) -> Month:
        return cls(day.year, day.month)

    @classmethod
    def parse(cls, text: str) -> Month:
        match = re.fullmatch(r"(\d{4})-(\d{2})", text.strip())
        if not match or not 1 <= int(match.group(2)) <= 12:
            raise NdpError(f"unknown month {text!r}: expected YYYY-MM, e.g. 2024-05")
        return cls(int(match.group(1)), int(match.group(2)))

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Month):
            return NotImplemented
        return (self.year, self.month) < (other.year, other.month)

    def __str__(self) -> str:
        return self.label


@total_ordering
@dataclass(frozen=True)
class Quarter:
    """A quarter of a financial year: ``Quarter(2024, 1)`` is 2024-25 Q1, April-June 2024."""

    start_year: int
    number: int

    def __post_init__(self) -> None:
        if self.number not in (1, 2, 3, 4):
            raise ValueError(f"quarter number must be 1-4, not {self.number}")

    @property
    def year(self) -> FinancialYear:
        return FinancialYear(self.start_year)

    @property
    def label(self) -> str:
        """Canonical label, ``2024-25 Q1``."""
        return f"{self.year.label} Q{self.number}"

    @property
    def short(self) -> str:
        """Prose label with its year, ``Q1 24/25``."""
        return f"Q{self.number} {self.year.short}"

    @property
    def months(self) -> list[Month]:
        first = Month(self.start_year + (self.number == 4), (3 * self.number) % 12 + 1)
        return [first, first.next(), first.next().next()]

    @property
    def start(self) -> date:
        return self.months[0].start

    @property
    def end(self) -> date:
        return self.months[-1].end

    @property
    def span(self) -> str:
        """Months in prose, as the report's title: ``April - June 2024``."""
        first, last = self.months[0], self.months[-1]
        start_year = f" {first.year}" if first.year != last.year else ""
        return f"{first.start:%B}{start_year} - {last.start:%B} {last.year}"

    def previous(self) -> Quarter:
        if self.number == 1:
            return Quarter(self.start_year - 1, 4)
        return Quarter(self.start_year, self.number - 1)

    def next(self) -> Quarter:
        if self.number == 4:
            return Quarter(self.start_year + 1, 1)
        return Quarter(self.start_year, self.number + 1)

    def same_quarter_last_year(self) -> Quarter:
        return Quarter(self.start_year - 1, self.number)

    def history(self, count: int) -> list[Quarter]:
        """The ``count`` quarters ending with this one, oldest first."""
        quarters = [self]
        while len(quarters) < count:
            quarters.append(quarters[-1].previous())
        return quarters[::-1]

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    @classmethod
    def containing(cls, day: date) -> Quarter:
        year = FinancialYear.containing(day)
        return cls(year.start_year, (day.month - 4) % 12 // 3 + 1)

    @classmethod
    def parse(cls, text: str) -> Quarter:
        """Read a quarter in any accepted form; raise ``NdpError`` naming the forms otherwise."""
        cleaned = " ".join(str(text).split())
        for pattern in _QUARTER_PATTERNS:
            match = pattern.match(cleaned)
            if match:
                y1, y2 = _full_year(match["y1"]), _full_year(match["y2"])
                if y2 != y1 + 1:
                    break
                return cls(y1, int(match["q"]))
        raise NdpError(f"unknown period {text!r}: expected a quarter such as {QUARTER_FORMS}")

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Quarter):
            return NotImplemented
        return (self.start_year, self.number) < (other.start_year, other.number)

    def __str__(self) -> str:
        return self.label


def parse_quarter(text: str) -> Quarter:
    """Shorthand for :meth:`Quarter.parse`."""
    return Quarter.parse(text)
