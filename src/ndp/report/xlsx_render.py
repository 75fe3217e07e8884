"""The Excel edition: the statistical workbook (``ndp.report.workbook``) written from the
report's context, which carries the pack and the analysts' commentary."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ndp.errors import NdpError
from ndp.report.context import ReportContext
from ndp.report.workbook import write_workbook


def _comments(context: ReportContext) -> list[list[str]]:
    return [
        [measure.id, comment.about, comment.text]
        for objective in context.objectives
        for measure in objective.measures
        for comment in measure.commentary
    ]


def write_xlsx(
    context: ReportContext,
    path: Path,
    pack: dict[str, Any] | None = None,
    *,
    area: str | None = None,
) -> Path:
    """Write the workbook at ``path`` from ``pack`` (else the context's): the national edition,
    or with ``area`` (a force's code) that force's edition."""
    pack = pack if pack is not None else context.extra.get("pack")
    if pack is None:
        raise NdpError("the Excel edition is written from the pack: the context carries none")
    return write_workbook(pack, path, area=area, comments=_comments(context))
