"""Neutralising spreadsheet formulas in exported cells, and undoing it when they come back.

A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a live formula
(or may become one) when an analyst opens a CSV in Excel. The quarantine export writes such a
cell with an apostrophe in front (``'=HYPERLINK(...)``), as the report's workbook does; a cell
that already starts with apostrophes before one of those characters gets one more, so that
reloading the export removes exactly one apostrophe and every value comes back as written.
"""

from __future__ import annotations

import re

#: The characters that make a cell a formula when a spreadsheet opens it.
TRIGGERS = "=+-@\t\r"
_NEUTRALISED = re.compile(r"'+[=+\-@\t\r]", re.DOTALL)
#: The same test in DuckDB's regular expression syntax, for a column of a reloaded export.
NEUTRALISED_SQL = "^'+[=+\\-@\\t\\r]"


def neutralise(value: str) -> str:
    """``=SUM(A1)`` -> ``'=SUM(A1)``; ``'=x`` -> ``''=x``; anything else unchanged."""
    if (value and value[0] in TRIGGERS) or _NEUTRALISED.match(value):
        return "'" + value
    return value


def restore(value: str) -> str:
    """The inverse of :func:`neutralise` (a value it never writes is left alone)."""
    return value[1:] if _NEUTRALISED.match(value) else value
