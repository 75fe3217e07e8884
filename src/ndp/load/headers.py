"""Matching a file's header to a source of the contract.

Column names match case-insensitively, ignoring surrounding spaces, with spaces and hyphens read
as underscores (``Disruption ID`` is ``disruption_id``). The source is the one whose columns the
header matches best, among those whose required columns are all present.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ndp.contract import Source, contract
from ndp.errors import NdpError


def normalise_header(name: str) -> str:
    """``' Disruption-ID '`` -> ``disruption_id``."""
    folded = name.strip().lstrip("\ufeff").casefold()
    return re.sub(r"[\s\-]+", "_", folded)


@dataclass(frozen=True)
class HeaderMatch:
    """How a file's header maps onto a source's columns."""

    source: Source
    columns: dict[str, str]  # contract column -> the file's own header text
    missing: list[str]  # required contract columns the file lacks
    extra: list[str]  # the file's columns the contract does not know


def match_header(source: Source, header: list[str]) -> HeaderMatch:
    by_name: dict[str, str] = {}
    for original in header:
        by_name.setdefault(normalise_header(original), original)
    columns = {name: by_name[name] for name in source.columns if name in by_name}
    missing = [name for name in source.required_columns if name not in columns]
    known = set(source.columns)
    extra = [original for norm, original in by_name.items() if norm not in known]
    return HeaderMatch(source, columns, missing, extra)


def detect_source(path: str, header: list[str], named: str | None = None) -> HeaderMatch:
    """The source a header belongs to (``named`` when given): raise ``NdpError`` if unclear."""
    sources = contract().sources
    if named is not None:
        if named not in sources:
            raise NdpError(
                f"unknown source {named!r}: expected one of {', '.join(sources)} (see ndp sources)"
            )
        return match_header(sources[named], header)
    matches = [match_header(s, header) for s in sources.values()]
    complete = [m for m in matches if not m.missing]
    if complete:
        best = max(len(m.columns) for m in complete)
        top = [m for m in complete if len(m.columns) == best]
        if len(top) == 1:
            return top[0]
        names = ", ".join(m.source.name for m in top)
        raise NdpError(f"{path}: the header fits several sources ({names}): name one with --source")
    nearest = sorted(matches, key=lambda m: (len(m.missing), -len(m.columns)))[:2]
    hints = "; ".join(f"{m.source.name} (missing {', '.join(m.missing)})" for m in nearest)
    raise NdpError(
        f"{path}: the header matches no source: nearest {hints}; "
        "check the column names or name the source with --source"
    )
