"""The scoped CSV export: the tidy file's rows (``ndp.report.tidy``, docs/export.md) for an
area, built from the principal's projection alone, never the whole pack.

The export of an area holds the nation (always shown), the area and what its page shows
beside it: at the nation, every region, force and unit the scope sees; at a region, the region
and those of its forces the scope sees; at a force, the force and its region (where the scope
sees the region; a region figure withheld from a force is an empty cell). Cells beginning
``=``, ``+``, ``-``, ``@``, a tab or a carriage return are written behind a ``'``, as the tidy
writer does, so a spreadsheet never runs them as formulas.
"""

from __future__ import annotations

import io
from typing import Any

from ndp.report.tidy import build_rows
from ndp.report.tidy.export import write_csv_rows
from ndp.web.areas import Area
from ndp.web.projection import AreaFigures, ScopedPack, revision_area


def _covered(scoped: ScopedPack, area: Area) -> list[AreaFigures]:
    if area.kind == "national":
        return list(scoped.areas.values())
    if area.kind == "region":
        own = scoped.area("region", area.code)
        return [a for a in [own, *scoped.forces_of(area.name)] if a is not None]
    force = scoped.area("force", area.code)
    region = [r for r in scoped.regions() if r.area.name == area.region]
    return [a for a in [force, *region] if a is not None]


def _indicator(scoped: ScopedPack, name: str, covered: list[AreaFigures]) -> dict[str, Any]:
    by: dict[str, dict[str, Any]] = {"force": {}, "region": {}}
    regions: dict[str, Any] = {}
    for figures in covered:
        entry = figures.indicators.get(name)
        kind, key = figures.area.kind, figures.area.code
        if kind == "region":
            key = figures.area.name
            regions[key] = figures.per_force.get(name)
        if entry is not None:
            by[kind][key] = entry
    nation = (scoped.indicators[name].get("per_force") or {}).get("nation")
    return {**scoped.indicators[name], "by": by,
            "per_force": {"nation": nation, "region": regions}}  # fmt: skip


def export_pack(scoped: ScopedPack, area: Area) -> dict[str, Any]:
    """A pack-shaped dict of the area's export, from ``scoped`` only."""
    covered = _covered(scoped, area)
    codes = {a.area.code for a in covered if a.area.kind == "force"}
    names = {a.area.name for a in covered if a.area.kind == "region"}
    geo = scoped.geographies
    shown = {"national", *(revision_area(a.area) for a in covered)}
    return {
        "draft": scoped.draft,  # the tidy file's draft column: the dashboard's verdict
        "revisions": [e for e in scoped.revisions if e["area"] in shown],
        "period": scoped.period,
        "measures": scoped.measures,
        "geographies": {
            "forces": {c: f for c, f in geo["forces"].items() if c in codes},
            "regions": {
                n: {**r, "forces": [c for c in r["forces"] if c in codes]}
                for n, r in geo["regions"].items()
                if n in names
            },
        },
        "indicators": {n: _indicator(scoped, n, covered) for n in scoped.indicators},
    }


def export_csv(scoped: ScopedPack, area: Area) -> str:
    """The area's export as CSV text, with a byte-order mark so Excel reads its names right."""
    out = io.StringIO(newline="")
    out.write("\ufeff")
    write_csv_rows(build_rows(export_pack(scoped, area)), out)
    return out.getvalue()


def export_filename(scoped: ScopedPack, area: Area) -> str:
    """``ndp-2024-25-Q1-force-E23000032.csv``"""
    return f"ndp-{scoped.slug}-{area.path.replace('/', '-')}.csv"
