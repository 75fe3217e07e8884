"""`ndp spc`: chart any series with the Making Data Count rules, as JSON or a table."""

from __future__ import annotations

import json
import math
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from ndp.cli.common import out, run, write_stdout
from ndp.errors import NdpError

if TYPE_CHECKING:
    from ndp.engine.spc import SpcResult


class Direction(StrEnum):
    increase = "increase"
    decrease = "decrease"
    neutral = "neutral"


class Format(StrEnum):
    json = "json"
    table = "table"


def parse_values(text: str) -> list[float | None]:
    """Comma-separated numbers; an empty item or NA is a missing value."""
    values: list[float | None] = []
    for position, item in enumerate(text.split(","), start=1):
        item = item.strip()
        if item == "" or item.upper() in {"NA", "NAN", "NULL"}:
            values.append(None)
            continue
        try:
            number = float(item.replace("_", ""))
        except ValueError:
            raise NdpError(
                f"--values item {position} is {item!r}, not a number: give numbers separated "
                "by commas, e.g. --values 10,12,9"
            ) from None
        if math.isinf(number):
            raise NdpError(f"--values item {position} is {item!r}: give a finite number")
        values.append(number)
    return values


def parse_indices(text: str) -> list[int]:
    indices = []
    for item in text.split(","):
        item = item.strip()
        if not item.isdigit():
            raise NdpError(
                f"--rebase-at item {item!r} is not a 1-based point index: e.g. --rebase-at 13,25"
            )
        indices.append(int(item))
    return indices


def render_table(result: SpcResult) -> None:
    """A table of the points, then one line per group and the icons."""
    table = Table(title="SPC points")
    for column in ("#", "value", "group", "side", "label", "type"):
        table.add_column(column, justify="right" if column in {"#", "value", "group"} else "left")
    side = {1: "above", -1: "below", 0: "on mean", None: ""}
    for i, p in enumerate(result.points, start=1):
        value = "" if p.value is None else f"{p.value:g}"
        table.add_row(
            str(i), value, str(p.group), side[p.relative_to_mean], p.special_cause_type,
            p.point_type,
        )  # fmt: skip
    out.print(table)
    for g in result.groups:
        warn = "  (short group: trial limits)" if g.short_group_warning else ""
        out.print(
            f"group from point {g.start}, n={g.n}: mean {g.mean:.6g}, "
            f"lower limit {g.lpl:.6g}, upper limit {g.upl:.6g}{warn}",
            highlight=False,
        )
    out.print(f"variation: {result.variation}", highlight=False)
    out.print(f"assurance: {result.assurance or 'none (no target or neutral)'}", highlight=False)


def register(app: typer.Typer) -> None:
    """Add the command to the app."""

    @app.command("spc")
    def spc(
        values: Annotated[
            str, typer.Option("--values", help="Comma-separated series in time order.")
        ],
        improvement: Annotated[
            Direction, typer.Option("--improvement", help="Which way is better.")
        ],
        target: Annotated[
            float | None, typer.Option("--target", help="Target, for assurance.")
        ] = None,
        fix_after: Annotated[
            int | None,
            typer.Option("--fix-after", help="Fix limits on each group's first N (>= 12) points."),
        ] = None,
        rebase_at: Annotated[
            str | None,
            typer.Option("--rebase-at", help="1-based indices where new groups start, e.g. 13,25."),
        ] = None,
        no_screen: Annotated[
            bool,
            typer.Option("--no-screen", help="Keep large moving ranges (as the MDC Excel tool)."),
        ] = False,
        fmt: Annotated[
            Format, typer.Option("--format", help="json (stdout) or table.")
        ] = Format.json,
    ) -> None:
        """Statistical process control (NHS Making Data Count XmR) on any series."""
        from ndp.engine.spc import run_spc

        def action() -> SpcResult:
            return run_spc(
                parse_values(values),
                improvement.value,
                target=target,
                fix_after=fix_after,
                rebase_at=parse_indices(rebase_at) if rebase_at else (),
                screen=not no_screen,
            )

        result = run(action)
        if fmt is Format.json:
            write_stdout(json.dumps(result.to_json(), indent=2, allow_nan=False))
        else:
            render_table(result)
