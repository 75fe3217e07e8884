"""Figures as a report writes them ("1,113", "£852", "53%"), and rounding half away from 0."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

#: A figure: optional £, digits with optional thousands commas, optional decimals. Not part of a
#: word ("Q1", "E1b"), a date or a financial year ("23/24", "2023-28").
NUMBER = re.compile(
    r"(?<![\w.,/£$€-])(?P<gbp>£)?(?P<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?![\w/]|[-–]\d|,\d{3}|\.\d)(?P<pct>%)?"
)
#: "53% (+624)", "43% (-92)", "12.5% (+£1,200)": a percentage with its absolute change.
CHANGE = re.compile(
    r"(?P<pct>\d+(?:\.\d+)?)\s*%\s*\(\s*(?P<sign>[+\-−–])\s*(?P<gbp>£)?"
    r"(?P<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*\)"
)


@dataclass(frozen=True)
class Figure:
    """A number found in text, where it starts in its line, and whether it is money."""

    value: Decimal
    text: str
    start: int
    end: int
    gbp: bool
    noun: str = ""  # the word after it: "judicial" in "1,833 judicial outcomes"


def to_decimal(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def decimals(text: str) -> int:
    """How many decimal places a stated figure has (its rounding step is half a unit of that)."""
    return len(text.split(".", 1)[1]) if "." in text else 0


def half_step(text: str) -> Decimal:
    return Decimal(5).scaleb(-decimals(text) - 1)


def round_half_away(value: Decimal, places: int = 0) -> Decimal:
    """Round as the report does: halves away from zero (2.5 -> 3, -2.5 -> -3)."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def show(value: Decimal, places: int = 0, *, gbp: bool = False) -> str:
    """A figure as the report would print it: thousands commas, rounded half away from zero."""
    rounded = round_half_away(value, places)
    text = f"{abs(rounded):,.{places}f}"
    sign = "-" if rounded < 0 else ""
    return f"{sign}{'£' if gbp else ''}{text}"


def counts(line: str, *, skip: list[tuple[int, int]] | None = None) -> list[Figure]:
    """Plain figures (not percentages) in ``line``, leaving out spans in ``skip``."""
    spans = skip or []
    found = []
    for match in NUMBER.finditer(line):
        if match.group("pct") or any(a <= match.start() < b for a, b in spans):
            continue
        digits = match.group("digits")
        if _looks_like_year(digits, line, match.end()) or _is_label(line, match):
            continue
        noun = re.match(r"\s+([a-z][a-z–-]*)", line[match.end() :])
        found.append(
            Figure(
                to_decimal(digits), match.group(0), match.start(), match.end(),
                bool(match.group("gbp")), noun.group(1) if noun else "",
            )
        )  # fmt: skip
    return found


#: A capitalised word and a whole number of one or two digits ("Fraud 1", "MLAR 2", "Measure 1")
#: that ends its cell or line, or runs into a colon or the next cell's capitalised text.
_LABEL_WORD = re.compile(r"[A-Z][A-Za-z]*[ \t]+$")
_LABEL_END = re.compile(r"\s*$|\t|\s*:|\s+[A-Z]")


def _is_label(line: str, match: re.Match[str]) -> bool:
    """ "Fraud 3" in "Fraud 3\tWe will lead ..." is a table's row label, not a figure; "Protect
    8, up 167%" and "Nationally 12 referrals" are figures."""
    digits = match.group("digits")
    if match.group("gbp") or not digits.isdigit() or len(digits) > 2:
        return False
    before, after = line[: match.start()], line[match.end() :]
    return bool(_LABEL_WORD.search(before) and _LABEL_END.match(after))


def _looks_like_year(digits: str, line: str, end: int) -> bool:
    """ "2024" in "June 2024" is a date, not a count; "2,024" with a comma is a count."""
    return len(digits) == 4 and digits[:2] in {"19", "20"} and "," not in digits
