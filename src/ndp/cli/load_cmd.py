"""``ndp load``: load extracts into the store."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from ndp.cli.common import DEFAULT_WAIT, DbOption, WaitOption, err, open_db, plain, user_errors

if TYPE_CHECKING:
    from ndp.load import LoadResult

FilesArgument = Annotated[
    list[Path], typer.Argument(help="Extract files (CSV, XLSX or ODS).", show_default=False)
]


def summary_table(result: LoadResult) -> Table:
    """One row per file: what happened to its rows."""
    table = Table(title=f"Load {result.load_id}" if result.load_id else "Nothing new to load")
    for name in ("file", "source", "read", "inserted", "updated", "unchanged", "quarantined"):
        table.add_column(name, justify="left" if name in ("file", "source") else "right")
    for f in result.files:
        if f.status == "already loaded":
            name, source = plain(f.path.name), plain(f.source)
            table.add_row(name, source, "", "[dim]already loaded[/dim]", "", "", "")
            continue
        counts = (f.rows_read, f.inserted, f.updated, f.unchanged, f.quarantined)
        table.add_row(plain(f.path.name), plain(f.source), *(f"{n:,}" for n in counts))
    return table


def load(
    files: FilesArgument,
    db: DbOption = None,
    partial: Annotated[
        bool, typer.Option("--partial", help="Load the good rows; quarantine the rest.")
    ] = False,
    source: Annotated[
        str | None, typer.Option("--source", help="The source, when the header is ambiguous.")
    ] = None,
    reapply: Annotated[
        bool,
        typer.Option(
            "--reapply",
            help="Load again a file loaded before (to undo a later update); kept in lineage.",
        ),
    ] = False,
    wait: WaitOption = DEFAULT_WAIT,
) -> None:
    """Validate extracts and load them into the store as one transaction."""
    from ndp.load import load_files

    with user_errors(), open_db(db, wait) as store, err.status("loading") as status:
        result = load_files(
            store,
            files,
            source=source,
            partial=partial,
            reapply=reapply,
            progress=lambda m: status.update(m),
        )
    for warning in result.warnings:
        err.print(f"[yellow]warning:[/] {plain(warning)}", highlight=False)
    err.print(summary_table(result))
    print_outcome(result)


def print_outcome(result: LoadResult) -> None:
    """What a load did beyond its table: skipped files, re-applied ones, the quarantine."""
    for skipped in (f for f in result.files if f.status == "already loaded"):
        err.print(
            f"{plain(skipped.path)}: already loaded (same contents); skipped (to load it again, "
            "use --reapply)",
            soft_wrap=True,
        )
    for again in (f for f in result.files if f.reapplies is not None):
        err.print(f"{plain(again.path)}: re-applied (loaded before as file {again.reapplies})")
    released = sum(f.released for f in result.files)
    if released:
        err.print(f"{released:,} quarantine entries released: their records loaded cleanly")
    quarantined = sum(f.quarantined for f in result.files)
    if quarantined:
        err.print(f"{quarantined:,} rows quarantined: see `ndp quarantine list`")


def register(app: typer.Typer) -> None:
    app.command()(load)
