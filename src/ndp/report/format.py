"""The house style for figures in text: one place, so every output writes numbers alike.

Counts with thousands separators (1,113), money in pounds (£1,012,431; pence only when there
are any: £290,897.90), percentages rounded half away from zero to whole numbers (53%), changes
as ``427% (+24,095)`` or ``down 43% (-92)``. Rounding happens here and nowhere else.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from typing import Any

WHOLE = Decimal("1")


def _decimal(value: Any) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def whole(value: Any) -> int:
    """Round half away from zero to a whole number."""
    number = _decimal(value)
    rounded = abs(number).quantize(WHOLE, rounding=ROUND_HALF_UP)
    return int(-rounded if number < 0 else rounded)


def count(value: Any) -> str:
    return f"{whole(value):,}"


def gbp(value: Any) -> str:
    number = _decimal(value)
    if number == number.to_integral_value():
        return f"£{int(number):,}"
    return f"£{number:,.2f}"


def percent(value: Any) -> str:
    return f"{whole(value)}%"


def signed(value: Any, unit: str = "count") -> str:
    """``+24,095``, ``-92``, ``+£852``."""
    sign = "-" if _decimal(value) < 0 else "+"
    magnitude = abs(_decimal(value))
    if unit != "gbp" and whole(magnitude) == 0:  # -0.25 is written 0, not "-0" or "+0"
        return "0"
    return sign + (gbp(magnitude) if unit == "gbp" else count(magnitude))


def moved(value: Any, unit: str, now: Any = None, before: Any = None) -> str:
    """A change in a table cell: ``+24,095``, ``-£852``; a rate's change in points, ``-8 pts``,
    so that beside a ``Change (%)`` column it cannot be read as a percentage. Given the two
    rates, a rate's change is the difference of the rates as printed (:func:`points`), so 24%
    to 12% reads -12 pts, never the -13 of the unrounded rates."""
    if unit != "percent":
        return signed(value, unit)
    if now is not None and before is not None:
        value = points(now, before)
    return f"{signed(value, unit)} pts"


def figure(value: Any, unit: str) -> str:
    """A value in its unit: count, pounds or percent."""
    if unit == "gbp":
        return gbp(value)
    if unit == "percent":
        return percent(value)
    return count(value)


#: what the text says in place of a figure disclosure control withholds that is not itself a
#: count under the minimum (one withheld beside it, or worked out from it)
NOT_SHOWN = "not shown, to protect confidentiality"


def withheld(holder: dict[str, Any], key: str, disclosure: dict[str, Any] | None) -> str | None:
    """The words for ``holder[key]`` where disclosure control withholds it: ``fewer than 10``
    for a count under the audience's minimum, else :data:`NOT_SHOWN`; None where it is shown.
    Never the number."""
    reason = (holder.get("suppressed") or {}).get(key)
    if reason is None:
        return None
    if reason == "count" and disclosure and "min_count" in disclosure:
        return f"fewer than {count(disclosure['min_count'])}"
    return NOT_SHOWN


def average(value: Any, unit: str) -> str:
    """An average per force: a count to one decimal place, rounded half away from zero (22.3,
    since most forces' figures are small and a whole number would hide the difference); money
    in whole pounds; rates as any rate."""
    if unit == "gbp":
        return f"£{whole(value):,}"
    if unit != "count":
        return figure(value, unit)
    number = _decimal(value)
    rounded = abs(number).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{'-' if number < 0 else ''}{rounded:,}"


def change(comparison: dict[str, Any], unit: str = "count") -> str:
    """``427% (+24,095)``; without a percentage (comparator 0) just ``+24,095``."""
    delta = signed(comparison["change"], unit)
    if comparison.get("pct_change") is None:
        return delta
    return f"{percent(abs(_decimal(comparison['pct_change'])))} ({delta})"


def points(now: Any, before: Any) -> int:
    """The change between two rates in whole percentage points, as the reader subtracts them:
    the difference of the rounded rates (24% to 16% is 8 points, whatever the decimals)."""
    return whole(now) - whole(before)


def points_change(now: Any, before: Any) -> str:
    """``fell 8 percentage points to 16% from 24%``; ``was unchanged at 16%``."""
    moved = points(now, before)
    if moved == 0:
        return f"was unchanged at {percent(now)}"
    word = "rose" if moved > 0 else "fell"
    unit = "percentage point" if abs(moved) == 1 else "percentage points"
    return f"{word} {abs(moved)} {unit} to {percent(now)} from {percent(before)}"


_LEADING_NUMBER = re.compile(r"^[£+-]?(\d[\d,]*(?:\.\d+)?)")


@cache
def _english() -> Any:
    import inflect  # only the report's text needs it, not every command's start-up

    return inflect.engine()


def a(text: str) -> str:
    """``text`` with its indefinite article, as the words are said: "an 86% rise", "an 11%
    fall", "a 29% rise", "a 1,113 total". A figure is read out in words for inflect to choose."""
    match = _LEADING_NUMBER.match(text)
    spoken = _english().number_to_words(match.group(1).replace(",", "")) if match else text
    article = _english().a(str(spoken)).split(" ", 1)[0]
    return f"{article} {text}"


def direction_word(comparison: dict[str, Any], up: str = "up", down: str = "down") -> str:
    return down if _decimal(comparison["change"]) < 0 else up


def moment(iso: str) -> str:
    """``2026-12-02T08:18:53+00:00`` -> ``2 December 2026 at 08:18 UTC`` (a time without an
    offset is taken as UTC, as the store writes it)."""
    from datetime import UTC, datetime

    parsed = datetime.fromisoformat(str(iso).replace(" ", "T"))
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(UTC)
    return f"{parsed.day} {parsed:%B %Y} at {parsed:%H:%M} UTC"


def day_span(start: str, end: str) -> str:
    """``13 to 24 May 2024``; ``28 May to 2 June 2024``; ``30 December 2023 to 2 January 2024``."""
    from datetime import date

    a, b = date.fromisoformat(str(start)), date.fromisoformat(str(end))
    if a == b:
        return day(start)
    if (a.year, a.month) == (b.year, b.month):
        return f"{a.day} to {b.day} {b:%B %Y}"
    if a.year == b.year:
        return f"{a.day} {a:%B} to {b.day} {b:%B %Y}"
    return f"{day(start)} to {day(end)}"


def day(iso: str) -> str:
    """``2024-05-13`` -> ``13 May 2024``."""
    from datetime import date

    parsed = date.fromisoformat(str(iso))
    return f"{parsed.day} {parsed:%B %Y}"


def join_words(words: list[str]) -> str:
    """``Leicester, London and Rochdale`` (house style: no comma before "and"), by inflect."""
    return str(_english().join([str(w) for w in words], final_sep=""))


def label(code: str) -> str:
    """A pack's code as the report writes it (``no_records`` -> ``no records``), as the HTML's
    ``replace("_", " ")`` does: Word and Excel print labels, never codes."""
    return code.replace("_", " ")


def source_name(source: str) -> str:
    """A source's plain name as running text prints it, from the data contract
    (``asset_seizures`` -> ``asset seizures``, ``campaigns`` -> ``Protect campaigns``); a source
    the contract does not know shows as its label."""
    from ndp.contract import contract

    known = contract().sources.get(source)
    return known.title if known is not None else label(source)


def sentence_case(text: str) -> str:
    """``asset seizures`` -> ``Asset seizures``: the first letter a capital, the rest as
    written, so a proper noun keeps its capitals (``Protect campaigns``, ``NFIB ...``)."""
    return text[:1].upper() + text[1:]


def source_label(source: str) -> str:
    """A source as a page, a table or a heading names it: its plain name in sentence case
    (``ftc_packages`` -> ``Fraud Targeting Cell packages``, ``asset_seizures`` -> ``Asset
    seizures``). Every page and report that names a source by itself uses this one rule."""
    return sentence_case(source_name(source))


_CODE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")


def plain(text: str) -> str:
    """The engine's words with any code in them as its label: ``no case_outcomes record`` ->
    ``no case outcomes record``."""
    return _CODE.sub(lambda match: label(match.group()), text)
