"""``ndp report``: write the quarterly report from a pack (built now from the store, or read)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Annotated

import typer

from ndp.cli.common import (
    DEFAULT_WAIT,
    AudienceOption,
    DbOption,
    WaitOption,
    err,
    open_db,
    user_errors,
    write_stdout,
)
from ndp.cli.force_editions import write_force_editions
from ndp.errors import UsageError
from ndp.periods import Quarter


def report(
    period: Annotated[
        str | None, typer.Option("--period", help="Quarter, e.g. 2024-25Q1.", show_default=False)
    ] = None,
    db: DbOption = None,
    pack_file: Annotated[
        Path | None, typer.Option("--pack", help="Read this pack instead of building one.")
    ] = None,
    out_dir: Annotated[Path, typer.Option("--out", help="Folder for the report files.")] = Path(
        "out"
    ),
    formats: Annotated[
        str | None,
        typer.Option(
            "--format",
            help="Comma-separated: html,pdf,docx,xlsx. Default: all four.",
            show_default=False,
        ),
    ] = None,
    commentary: Annotated[
        Path | None,
        typer.Option(
            "--commentary",
            help="Analyst commentary: a YAML file or a folder of <id>.md files for the quarter.",
        ),
    ] = None,
    force: Annotated[
        str | None,
        typer.Option(
            "--force",
            help="Write this force's own edition (code or any accepted name, e.g. E23000036 or "
            "'Avon and Somerset') under OUT/forces/<code>/.",
            show_default=False,
        ),
    ] = None,
    all_forces: Annotated[
        bool,
        typer.Option(
            "--all-forces", help="Write the edition of each of the 45 dissemination forces."
        ),
    ] = False,
    audience: AudienceOption = "police",
    wait: WaitOption = DEFAULT_WAIT,
) -> None:
    """Write the report for a quarter: HTML, PDF, Word and Excel; or a force's own edition
    (--force, --all-forces: under OUT/forces/<code>/)."""
    from ndp.engine.build import build_pack
    from ndp.report.render import read_pack, write_report

    with user_errors():
        if pack_file is not None:
            pack = read_pack(pack_file)
        elif period is not None:
            with open_db(db, wait, read_only=True) as store:
                built = build_pack(store, Quarter.parse(period), commentary=commentary)
            pack = json.loads(built.to_json(), parse_float=Decimal)
        else:
            raise typer.BadParameter("give --period (to build from the store) or --pack")
        if (force is not None or all_forces) and audience != "police":
            raise UsageError(
                f"--audience {audience}: a force's edition is written for the police audience "
                "only; leave out --audience, or write the national report for this audience"
            )
        if force is not None or all_forces:
            paths = write_force_editions(
                pack, out_dir, formats, force, commentary, all_forces=all_forces
            )
        else:
            chosen = [f.strip() for f in (formats or "html,pdf,docx,xlsx").split(",") if f.strip()]
            paths = write_report(pack, out_dir, chosen, commentary=commentary, audience=audience)
    write_stdout("\n".join(str(p) for p in paths))
    err.print(f"wrote {len(paths)} files to {out_dir}")


def register(app: typer.Typer) -> None:
    app.command()(report)
