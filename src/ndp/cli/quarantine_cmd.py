"""``ndp quarantine``: list, export and re-load rows a partial load refused."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from ndp.cli.common import (
    DEFAULT_WAIT,
    DbOption,
    WaitOption,
    err,
    open_db,
    out,
    plain,
    user_errors,
    visible,
    write_stdout,
)
from ndp.cli.load_cmd import FilesArgument, print_outcome, summary_table

quarantine_app = typer.Typer(help="Rows refused by partial loads, kept until fixed.")


@quarantine_app.command("list")
def list_rows(
    db: DbOption = None,
    source: Annotated[str | None, typer.Option("--source", help="Only this source.")] = None,
    wait: WaitOption = DEFAULT_WAIT,
) -> None:
    """List quarantined rows with their file, line and reasons."""
    from ndp.load.quarantine import quarantined_rows

    with user_errors(), open_db(db, wait, read_only=True) as store:
        rows = quarantined_rows(store, source)
    table = Table(title=f"{len(rows):,} rows in quarantine")
    for name in ("id", "source", "file", "line", "reasons"):
        table.add_column(name)
    for row in rows:
        table.add_row(
            str(row.quarantine_id),
            plain(row.source),
            plain(Path(row.file).name),
            str(row.line),
            plain(row.reason_text),
        )
    out.print(table)


@quarantine_app.command("export")
def export(
    out_dir: Annotated[Path, typer.Option("--out", help="Folder for one CSV per source.")],
    db: DbOption = None,
    wait: WaitOption = DEFAULT_WAIT,
) -> None:
    """Export quarantined rows as CSV, one file per source, ready to fix and re-load."""
    from ndp.load.quarantine import export_quarantine

    with user_errors(), open_db(db, wait, read_only=True) as store:
        paths = export_quarantine(store, out_dir)
    # the paths are data for a script, written as they are; on a terminal, control characters
    # in them are shown as escapes
    text = "\n".join(str(p) for p in paths)
    write_stdout(visible(text) if sys.stdout.isatty() else text)
    err.print(f"exported {len(paths)} files")


@quarantine_app.command("reload")
def reload(files: FilesArgument, db: DbOption = None, wait: WaitOption = DEFAULT_WAIT) -> None:
    """Re-load fixed exports: good rows load, their entries leave quarantine."""
    from ndp.load.quarantine import reload_quarantine

    with user_errors(), open_db(db, wait) as store:
        result = reload_quarantine(store, files)
    err.print(summary_table(result))
    print_outcome(result)


def register(app: typer.Typer) -> None:
    app.add_typer(quarantine_app, name="quarantine")
