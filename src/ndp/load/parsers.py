"""Reading one distinct text value of a low-cardinality type: dates, forces, regions, quarters,
enumerations, booleans and outcome codes.

Validation applies these to the *distinct* values of a column (a few thousand at most, even in a
10-million-row file) and joins the results back in SQL, so the rules are written once, in plain
Python, and still cost nothing per row. Each parser returns the canonical value as text, or
raises ``Invalid`` with what was expected.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from ndp.contract import EXPECTED, Column, contract
from ndp.errors import NdpError
from ndp.periods import Quarter
from ndp.reference import UnknownName, normalise_name, reference

EARLIEST = date(2000, 1, 1)

#: A time of day a date may carry, as written by a system's time stamp; it is checked, then
#: dropped (the contract stores days). The whole cell must be the date and this, nothing more.
_TIME = (
    r"(?:[ T](?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2})(?:\.\d+)?)?"
    r"(?:Z|[+-](?P<oh>\d{2}):?(?P<om>\d{2}))?)?"
)
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})" + _TIME, re.ASCII)
_UK = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})" + _TIME, re.ASCII)
_LIMITS = {"h": 23, "m": 59, "s": 59, "oh": 23, "om": 59}
_TRUE = {"true", "yes", "y", "1"}
_FALSE = {"false", "no", "n", "0"}


class Invalid(ValueError):
    """A value that breaks its column's rule; the message is what was expected."""


Parser = Callable[[str], str]


def parse_date(text: str, today: date) -> str:
    iso, uk = _ISO.fullmatch(text), _UK.fullmatch(text)
    for found in (iso, uk):
        if found and any(
            found[part] is not None and int(found[part]) > top for part, top in _LIMITS.items()
        ):
            raise Invalid(f"{EXPECTED['date']}; a time of day from 00:00:00 to 23:59:59")
    try:
        if iso:
            day = date(int(iso[1]), int(iso[2]), int(iso[3]))
        elif uk:
            year = int(uk[3]) if len(uk[3]) == 4 else 2000 + int(uk[3])
            day = date(year, int(uk[2]), int(uk[1]))
        elif _ISO.match(text) or _UK.match(text):
            raise Invalid(f"{EXPECTED['date']}; the whole cell must be the date (and a time)")
        else:
            raise Invalid(EXPECTED["date"])
    except Invalid:
        raise
    except ValueError:
        raise Invalid(EXPECTED["date"]) from None
    if day > today:
        raise Invalid(f"a date not in the future (today is {today.isoformat()})")
    if day < EARLIEST:
        raise Invalid("a date on or after 2000-01-01")
    return day.isoformat()


def parse_boolean(text: str) -> str:
    folded = text.strip().casefold()
    if folded in _TRUE:
        return "true"
    if folded in _FALSE:
        return "false"
    raise Invalid(EXPECTED["boolean"])


def parse_force(text: str) -> str:
    try:
        return reference().force_names.resolve(text)
    except UnknownName as unknown:
        near = f"; nearest: {', '.join(unknown.suggestions)}" if unknown.suggestions else ""
        raise Invalid(f"a known force or unit (name, short name or ONS code){near}") from None


def parse_region(text: str) -> str:
    try:
        return reference().region_names.resolve(text)
    except UnknownName as unknown:
        names = ", ".join(r.name for r in reference().regions.values())
        near = f"; nearest: {', '.join(unknown.suggestions)}" if unknown.suggestions else ""
        raise Invalid(f"one of the ten regions ({names}){near}") from None


def parse_quarter(text: str) -> str:
    try:
        return Quarter.parse(text).label
    except NdpError:
        raise Invalid(EXPECTED["quarter"]) from None


def parse_outcome_code(text: str) -> str:
    code = text.strip().upper()
    code = re.sub(r"^(?:OUTCOME|OC)\s*", "", code)
    if code in reference().outcome_codes:
        return code
    raise Invalid(EXPECTED["outcome_code"])


def enum_parser(enum: str) -> Parser:
    values = contract().enums[enum]
    lookup = {normalise_name(v): v for v in values}
    for value, aliases in values.items():
        for alias in aliases:
            lookup.setdefault(normalise_name(alias), value)
    expected = f"one of: {', '.join(values)}"

    def parse(text: str) -> str:
        try:
            return lookup[normalise_name(text)]
        except KeyError:
            raise Invalid(expected) from None

    return parse


def parser_for(column: Column, today: date) -> Parser | None:
    """The parser of a lookup column, or None for columns validated in SQL."""
    match column.type:
        case "date":
            return lambda text: parse_date(text, today)
        case "boolean":
            return parse_boolean
        case "force":
            return parse_force
        case "region":
            return parse_region
        case "quarter":
            return parse_quarter
        case "outcome_code":
            return parse_outcome_code
        case "enum":
            assert column.enum is not None
            return enum_parser(column.enum)
    return None
