"""``ndp demo``: load the shipped demo data and show what was loaded."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from ndp.cli.common import err, out, run


def demo(
    out_dir: Annotated[Path, typer.Option("--out", help="Folder for the demo's outputs.")] = Path(
        "out"
    ),
) -> None:
    """Build the reference quarter (2024-25 Q1) from the shipped demo data."""
    from ndp.demo import run_demo

    err.print("writing and loading the demo data set ...")
    result = run(lambda: run_demo(out_dir))
    table = Table(title=f"Loaded into {result.store} (load {result.load.load_id})")
    for name in ("file", "source", "rows"):
        table.add_column(name, justify="right" if name == "rows" else "left")
    for loaded in result.load.files:
        table.add_row(loaded.path.name, loaded.source, f"{loaded.inserted:,}")
    table.add_row("", "[b]total[/b]", f"[b]{sum(f.inserted for f in result.load.files):,}[/b]")
    out.print(table)
    out.print(f"pack:   {result.pack}")
    for path in result.report:
        out.print(f"report: {path}")


def register(app: typer.Typer) -> None:
    app.command()(demo)
