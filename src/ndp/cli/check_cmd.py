"""`ndp check`: list the arithmetic slips in a report; exit 1 if there are any."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ndp.cli.common import resolve_path, run, write_stdout

if TYPE_CHECKING:
    from ndp.report.check import Finding


def summary(findings: list[Finding]) -> str:
    """The problems, one a line, then the count line."""
    count = len(findings)
    tail = "no problems found" if not count else f"{count} problem{'s' if count > 1 else ''} found"
    return "\n".join([*(str(f) for f in findings), tail])


def register(app: typer.Typer) -> None:
    """Add the command to the app."""

    @app.command("check")
    def check(
        file: Annotated[Path, typer.Argument(help="Report: .txt, .md, .html, .pdf or .docx.")],
        pack: Annotated[
            Path | None,
            typer.Option("--pack", help="Also check identified figures against this pack JSON."),
        ] = None,
    ) -> None:
        """Check a report's arithmetic (and, with --pack, its figures against the pack)."""
        from ndp.report.check import check_file

        findings = run(lambda: check_file(resolve_path(file), resolve_path(pack) if pack else None))
        write_stdout(summary(findings))
        if findings:
            raise typer.Exit(1)
