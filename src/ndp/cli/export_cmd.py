"""``ndp export``: every figure of a quarter as one tidy CSV or Parquet file (docs/export.md)."""

from __future__ import annotations

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
from ndp.errors import UsageError


def export(
    period: Annotated[
        str, typer.Option("--period", help="Quarter, e.g. 2024-25Q1.", show_default=False)
    ],
    format: Annotated[str, typer.Option("--format", help="csv or parquet.")] = "csv",
    db: DbOption = None,
    pack_file: Annotated[
        Path | None,
        typer.Option("--pack", help="Read this pack (for --period) instead of building one."),
    ] = None,
    out_path: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help="File to write. Default: out/figures-<period>.<format>.",
            show_default=False,
        ),
    ] = None,
    audience: AudienceOption = "police",
    wait: WaitOption = DEFAULT_WAIT,
) -> None:
    """Write every figure of a quarter (each area, indicator, comparison, quarter and month)
    as one long table, for Power BI, Excel or pandas."""
    import json
    from decimal import Decimal

    from ndp.engine.build import build_pack
    from ndp.periods import Quarter
    from ndp.report.render import read_pack
    from ndp.report.tidy.export import FORMATS, export_rows

    with user_errors():
        if format not in FORMATS:
            raise UsageError(f"--format {format!r}: expected {' or '.join(FORMATS)}")
        quarter = Quarter.parse(period)
        if pack_file is not None:
            pack = read_pack(pack_file)
            if pack["period"]["label"] != quarter.label:
                raise UsageError(
                    f"{pack_file}: the pack is for {pack['period']['label']}, not {quarter.label}"
                )
        else:
            with open_db(db, wait, read_only=True) as store:
                pack = json.loads(build_pack(store, quarter).to_json(), parse_float=Decimal)
        target = out_path or Path("out") / f"figures-{quarter.label.replace(' ', '-')}.{format}"
        path = export_rows(pack, target, format, audience=audience)
    write_stdout(str(path))
    err.print(f"wrote {path}")


def register(app: typer.Typer) -> None:
    app.command()(export)
