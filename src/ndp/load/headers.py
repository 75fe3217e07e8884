"""Matching a file's header to a source of the contract.

Column names match case-insensitively, ignoring surrounding spaces, with spaces and hyphens read
as underscores (``Disruption ID`` is ``disruption_id``). The source is the one whose columns the
header matches best, among those whose required columns are all present.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ndp.contract import Source, contract
from ndp.errors import InputRefused, NdpError, Problem


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


def refuse_duplicate_headers(path: object, header: list[str]) -> None:
    """Two columns whose names match the same contract column (``Force`` twice, ``Force`` and
    ``FORCE``) make a file ambiguous: refuse it naming both."""
    seen: dict[str, tuple[int, str]] = {}
    problems: list[Problem] = []
    for number, name in enumerate(header, start=1):
        norm = normalise_header(name)
        if norm in seen:
            first, original = seen[norm]
            problems.append(
                Problem(
                    str(path),
                    1,
                    name,
                    None,
                    f"one column of each name: column {number} ({name!r}) and column {first} "
                    f"({original!r}) are the same column; rename or remove one",
                )
            )
        else:
            seen[norm] = (number, name)
    if problems:
        raise InputRefused(problems, f"{path}: the header names a column twice; nothing was loaded")


def detect_source(
    path: str, header: list[str], named: str | None = None, ignore: Sequence[str] = ()
) -> HeaderMatch:
    """The source a header belongs to (``named`` when given): raise ``NdpError`` if unclear.

    A header fits a source when it has all the source's required columns. Among those it fits,
    the one using most of its columns wins; but a header that another source would use more of
    (a disruptions extract without its level is nearest to disruptions, though it "fits"
    operation_results by its operation and force), or that fits only by leaving out most of its
    columns, is refused rather than loaded as the wrong source. ``ignore`` names columns that
    are no source's (a quarantine export's ``reasons`` and ``quarantine_id``).
    """
    skipped = {normalise_header(name) for name in ignore}
    header = [name for name in header if normalise_header(name) not in skipped]
    sources = contract().sources
    if named is not None:
        if named not in sources:
            raise NdpError(
                f"unknown source {named!r}: expected one of {', '.join(sources)} (see ndp sources)"
            )
        return match_header(sources[named], header)
    matches = [match_header(s, header) for s in sources.values()]
    nearest = max(matches, key=lambda m: (len(m.columns), -len(m.missing)))
    complete = [m for m in matches if not m.missing]
    if complete:
        best = max(len(m.columns) for m in complete)
        top = [m for m in complete if len(m.columns) == best]
        if len(top) > 1:
            names = ", ".join(m.source.name for m in top)
            raise NdpError(
                f"{path}: the header fits several sources ({names}): name one with --source"
            )
        fits = top[0]
        if len(nearest.columns) <= len(fits.columns) and len(fits.extra) <= len(fits.columns):
            return fits
        unused = ", ".join(fits.extra)
        if nearest.missing and len(nearest.columns) > len(fits.columns):
            raise NdpError(
                f"{path}: the header is nearest to {nearest.source.name}, missing "
                f"{', '.join(nearest.missing)}; it fits {fits.source.name} only by leaving out "
                f"{unused}: check the column names, or name the source with --source"
            )
        raise NdpError(
            f"{path}: the header fits {fits.source.name} only by leaving out most of its "
            f"columns ({unused}): check the column names, or name the source with --source"
        )
    hints = f"{nearest.source.name} (missing {', '.join(nearest.missing)})"
    unused = f"; columns it does not use: {', '.join(nearest.extra)}" if nearest.extra else ""
    raise NdpError(
        f"{path}: the header matches no source: nearest {hints}{unused}; "
        "check the column names or name the source with --source"
    )


def contract_record(source: Source, record: dict[str, str | None]) -> dict[str, str | None]:
    """A row's values under the contract's column names (``Force ID`` and ``force_id`` from two
    files are one column); columns the contract does not know keep their own names."""
    named: dict[str, str | None] = {}
    for header, value in record.items():
        norm = normalise_header(header)
        name = norm if norm in source.columns else header
        if named.get(name) is None:
            named[name] = value
    return named
