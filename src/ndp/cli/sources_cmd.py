"""``ndp sources``: the data contract, source by source."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from ndp.cli.common import out, run, write_stdout
from ndp.errors import NdpError


def sources(
    name: Annotated[str | None, typer.Argument(help="One source; all when omitted.")] = None,
    format: Annotated[
        str, typer.Option("--format", help="table, or markdown (the reference part of the docs).")
    ] = "table",
) -> None:
    """Describe the extracts ndp loads: columns, types and accepted values."""
    from ndp.contract import contract
    from ndp.contract.describe import contract_markdown, describe_source

    def chosen() -> list[str]:
        known = list(contract().sources)
        if name is not None and name not in known:
            raise NdpError(f"unknown source {name!r}: expected one of {', '.join(known)}")
        return [name] if name else known

    if format == "markdown":
        write_stdout(contract_markdown())
        return
    if format != "table":
        raise typer.BadParameter("expected table or markdown", param_hint="--format")
    for source_name in run(chosen):
        source = contract().sources[source_name]
        table = Table(title=f"{source.name}: {source.description}", title_justify="left")
        for column in ("column", "type", "required", "meaning"):
            table.add_column(column, overflow="fold")
        for line in describe_source(source):
            table.add_row(line.name, line.type, line.required, line.meaning)
        key = " + ".join(source.key)
        table.caption = f"key: {key}" + "".join(f"; {r.message}" for r in source.rules)
        out.print(table)


def register(app: typer.Typer) -> None:
    app.command()(sources)
