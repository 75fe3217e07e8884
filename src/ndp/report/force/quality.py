"""A force's data-quality position from the pack: its outcome-returns compliance, which sources
it recorded this quarter, and the flags on the figures its edition shows.

Written from ``data_quality`` alone: ``returns`` lists the late and missing forces by code,
``coverage`` the units that recorded each source this quarter.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ndp.report.format import source_label

if TYPE_CHECKING:
    from ndp.report.force.select import Edition


@dataclass(frozen=True)
class SourceRow:
    source: str
    recorded: str
    units: int


@dataclass(frozen=True)
class QualityView:
    returns_status: str
    returns_sentence: str
    sources: list[SourceRow]
    flags: list[dict[str, Any]]


def returns_position(returns: dict[str, Any], edition: Edition) -> tuple[str, str]:
    """The force's outcome-returns status word and sentence."""
    if edition.kind not in ("territorial", "special"):
        return (
            "not expected",
            f"{edition.name} does not receive NFIB disseminations, so no outcome return is "
            "expected from it.",
        )
    if not returns:
        return "no returns recorded", "No outcome returns were recorded for the quarter."
    expected = returns["expected"]
    if edition.code in returns.get("missing", []):
        word, how = "not returned", "did not return its outcome information"
    elif edition.code in returns.get("late", []):
        word, how = "late", "returned its outcome information late"
    else:
        word, how = "on time", "returned its outcome information on time"
    return word, (
        f"{edition.name} {how}; {returns['on_time']} of the {expected} forces returned on time."
    )


def _recorded(units: list[str], edition: Edition) -> str:
    if edition.code in units:
        return "yes"
    if edition.place.region_code is not None and edition.place.region_code in units:
        return "by its regional team"
    return "no records"


def quality_view(pack: dict[str, Any], edition: Edition) -> QualityView:
    dq = pack["data_quality"]
    word, text = returns_position(dq.get("returns") or {}, edition)
    sources = [
        SourceRow(source_label(name), _recorded(cov.get("units", []), edition),
                  int(cov.get("current") or 0))
        for name, cov in sorted((dq.get("coverage") or {}).items())
    ]  # fmt: skip
    return QualityView(word, text, sources, list(dq.get("flags") or []))
