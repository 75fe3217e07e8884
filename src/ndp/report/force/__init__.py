"""The per-force edition: a force's figures against its region and the nation (docs/report.md)."""

from ndp.report.force.context import ForceContext, build_force_context
from ndp.report.force.render import write_all_forces, write_force_report
from ndp.report.force.select import Edition, edition_codes, resolve_force

__all__ = [
    "Edition",
    "ForceContext",
    "build_force_context",
    "edition_codes",
    "resolve_force",
    "write_all_forces",
    "write_force_report",
]
