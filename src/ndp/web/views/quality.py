"""The data-quality page: returns on time, late and missing; which units recorded each source;
the quarter's flags. Built from the scope's own projection of data quality."""

from __future__ import annotations

from dataclasses import dataclass

from ndp.report import format as fmt
from ndp.web.projection import ScopedPack
from ndp.web.views.common import PageHead, page_head
from ndp.web.views.indicator import FlagView, Table


@dataclass(frozen=True)
class QualityPage:
    head: PageHead
    returns: Table
    coverage: Table
    flags: list[FlagView]


def _name(scoped: ScopedPack, code: str) -> str:
    figures = scoped.area("force", code) or scoped.area("region", code)
    return figures.area.name if figures else code


def quality_page(scoped: ScopedPack, quarters: list[tuple[str, str]]) -> QualityPage:
    dq = scoped.data_quality
    returns = dq.get("returns") or {}
    late = [_name(scoped, c) for c in returns.get("late", [])]
    missing = [_name(scoped, c) for c in returns.get("missing", [])]
    rows = [
        ["Forces expected to return", str(returns.get("expected", ""))],
        ["Returned on time (all forces)", str(returns.get("on_time", ""))],
        ["Late" + ("" if scoped.national else " (forces you can see)"), ", ".join(late) or "none"],
        ["Missing" + ("" if scoped.national else " (forces you can see)"),
         ", ".join(missing) or "none"],
    ]  # fmt: skip
    coverage = []
    for source, entry in (dq.get("coverage") or {}).items():
        units = entry.get("units") or []
        seen = ", ".join(_name(scoped, u) for u in units) if units else "none"
        coverage.append([fmt.source_label(source), str(entry.get("current", "")),
                         str(entry.get("same_quarter_last_year", "")), seen])  # fmt: skip
    units_title = "Recorded by" if scoped.national else "Recorded by (areas you can see)"
    return QualityPage(
        head=page_head(scoped, "Data quality", [], quarters, "data-quality"),
        returns=Table("Returns", ["Return", "Forces"], rows),
        coverage=Table("Coverage", ["Source", "Units this quarter",
                                    "Same quarter last year", units_title], coverage),
        flags=[FlagView(f"{f['indicator']}: {f['flag'].replace('_', ' ')}", f["message"])
               for f in dq.get("flags", [])],
    )  # fmt: skip
