"""``ndp report --force`` / ``--all-forces``: the options' checks, then one library call."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ndp.errors import UsageError


def write_force_editions(
    pack: dict[str, Any],
    out_dir: Path,
    formats: str | None,
    force: str | None,
    commentary: Path | None,
    *,
    all_forces: bool = False,
) -> list[Path]:
    """One force's edition (``force``) or every force's (``force`` None); in HTML, PDF, Word and
    Excel by default."""
    from ndp.report.force import resolve_force, write_all_forces, write_force_report

    if force is not None and all_forces:
        raise UsageError("give --force or --all-forces, not both")
    if force is not None and force.strip() == "":
        raise UsageError("--force needs a force's code or name, e.g. --force E23000036")
    if commentary is not None:
        raise UsageError(
            "--commentary is for the national report; force editions carry no commentary"
        )
    chosen = [f.strip() for f in (formats or "html,pdf,docx,xlsx").split(",") if f.strip()]
    if force is not None:
        return write_force_report(pack, resolve_force(pack, force), out_dir, chosen)
    return write_all_forces(pack, out_dir, chosen)
