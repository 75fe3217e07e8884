"""``ndp measures`` (the pack or a table to the terminal) and ``ndp build`` (the pack to a file)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from ndp.cli.common import DEFAULT_WAIT, DbOption, WaitOption, err, open_db, out, user_errors
from ndp.errors import NdpError
from ndp.periods import Quarter

PeriodOption = Annotated[
    str, typer.Option("--period", help="Quarter, e.g. 2024-25Q1 or 'Q1 24/25'.", show_default=False)
]
FrameworkOption = Annotated[
    Path | None,
    typer.Option(
        "--framework", help="Framework YAML (default: the NLF delivery plan).", show_default=False
    ),
]


def _quarter(text: str) -> Quarter:
    try:
        return Quarter.parse(text)
    except (ValueError, NdpError) as exc:
        raise NdpError(f"--period {text!r} is not a quarter (try 2024-25Q1): {exc}") from exc


def _fmt(value: Any, unit: str = "count") -> str:
    """A figure for the table: pounds and pence, a rate to one decimal, a count with commas."""
    if value is None:
        return "-"
    number = Decimal(str(value))
    if unit == "gbp":
        return f"£{number:,.2f}"
    if unit == "percent":
        return f"{number:.1f}%"
    return f"{number:,}" if number == number.to_integral_value() else f"{number:,.2f}"


def _signed(value: Any, unit: str) -> str:
    """A change: ``+624``, ``-£12.50``, ``-7.8 pts`` (a rate's change is in points)."""
    if value is None:
        return "-"
    number = Decimal(str(value))
    sign = "-" if number < 0 else "+"
    if unit == "percent":
        return f"{sign}{abs(number):.1f} pts"
    return sign + _fmt(abs(number), unit)


def _pct(value: Any) -> str:
    return "-" if value is None else f"{Decimal(str(value)):+.1f}%"


def measures(
    period: PeriodOption,
    db: DbOption = None,
    framework: FrameworkOption = None,
    by: Annotated[
        str | None, typer.Option("--by", help="Add values by 'force' or 'region'.")
    ] = None,
    format: Annotated[str, typer.Option("--format", help="json or table.")] = "table",
    explain: Annotated[
        bool, typer.Option("--explain", help="Print the SQL of each scan instead.")
    ] = False,
    wait: WaitOption = DEFAULT_WAIT,
) -> None:
    """Compute the framework's indicators for a quarter."""
    from ndp.engine.aggregate import explain as explain_sql
    from ndp.engine.build import build_pack, history_months
    from ndp.engine.exact_json import dumps_exact
    from ndp.engine.framework import load_framework

    with user_errors():
        if by not in (None, "force", "region"):
            raise NdpError(f"--by {by!r}: choose force or region")
        if format not in ("json", "table"):
            raise NdpError(f"--format {format!r}: choose json or table")
        quarter = _quarter(period)
        with open_db(db, wait, read_only=True) as store:
            if explain:
                months = history_months(quarter)
                fw = load_framework(framework)
                for key, sql in explain_sql(store.ibis, fw, months[0], months[-1]):
                    out.print(f"-- scan {key}\n{sql};\n", markup=False, highlight=False)
                return
            pack = build_pack(store, quarter, framework_path=framework)
        data = pack.model_dump(mode="python")
        for ind in data["indicators"].values():
            if by is None:
                ind.pop("by", None)
            else:
                ind["by"] = {by: ind["by"].get(by, {})}
        if format == "json":
            print(dumps_exact(data))
            return
        table = Table(title=f"{pack.framework.title}: {pack.period.label}")
        for col in ("indicator", "value", "same qtr last yr", "change", "%", "status", "flags"):
            left = col in ("indicator", "status", "flags")
            table.add_column(col, justify="left" if left else "right", no_wrap=col != "flags")
        for name, ind in data["indicators"].items():
            sq = ind["comparisons"].get("same_quarter_last_year", {})
            unit = ind["unit"]
            table.add_row(
                name,
                _fmt(ind["value"], unit),
                _fmt(sq.get("value"), unit),
                _signed(sq.get("change"), unit),
                _pct(sq.get("pct_change")),
                ind["status"],
                ", ".join(ind["flags"]),
            )
            if by:
                for key, geo in ind["by"][by].items():
                    table.add_row(
                        f"  {key}",
                        _fmt(geo["value"], unit),
                        _fmt(geo["same_quarter_last_year"], unit),
                        _signed(geo["change"], unit),
                        _pct(geo["pct_change"]),
                        "",
                        "",
                    )
        # piped to a file or a pager, the table keeps its names whole rather than 80 columns wide
        (out if out.is_terminal else Console(width=150)).print(table)


def build(
    period: PeriodOption,
    db: DbOption = None,
    framework: FrameworkOption = None,
    out_file: Annotated[
        Path | None, typer.Option("--out", help="Pack file (default out/pack-YYYY-YY-QN.json).")
    ] = None,
    commentary: Annotated[
        Path | None,
        typer.Option(
            "--commentary",
            help="Commentary file or folder whose spc_steps re-base SPC series (docs/spc.md).",
        ),
    ] = None,
    wait: WaitOption = DEFAULT_WAIT,
) -> None:
    """Write the pack (every figure of the report) for a quarter as JSON."""
    from ndp.engine.build import build_pack
    from ndp.engine.pack_files import write_pack

    with user_errors():
        quarter = _quarter(period)
        with open_db(db, wait, read_only=True) as store:
            pack = build_pack(store, quarter, framework_path=framework, commentary=commentary)
        target = out_file or Path("out") / f"pack-{quarter.year.label}-Q{quarter.number}.json"
        write_pack(pack, target)
    err.print(f"wrote {target} ({len(pack.indicators)} indicators)")


def register(app: typer.Typer) -> None:
    """Add ``measures`` and ``build`` to the app."""
    app.command()(measures)
    app.command()(build)
