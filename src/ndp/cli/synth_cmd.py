"""``ndp synth``: write synthetic extracts (the demo data set, or any number of records)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ndp.cli.common import err, run, write_stdout
from ndp.errors import UsageError


def synth(
    out: Annotated[Path, typer.Option("--out", help="Folder to write the extracts into.")],
    demo: Annotated[bool, typer.Option("--demo", help="The calibrated demo data set.")] = False,
    records: Annotated[
        int | None, typer.Option("--records", min=1, help="About this many records in all.")
    ] = None,
    seed: Annotated[int | None, typer.Option("--seed", help="Seed for the generator.")] = None,
    broken: Annotated[
        bool,
        typer.Option(
            "--broken",
            help="With --demo: spoil two cells of apmis-disruptions.csv, to see a load refused "
            "and fix it (docs/dashboard.md).",
        ),
    ] = False,
) -> None:
    """Write synthetic extracts of every source: --demo, or --records N for benchmarks."""

    def write() -> list[Path]:
        from ndp.synth.demo import SEED, write_demo_extracts
        from ndp.synth.scale import write_scale_extracts

        if demo == (records is not None):
            raise UsageError("give exactly one of --demo or --records N")
        if broken and not demo:
            raise UsageError("--broken goes with --demo")
        if demo:
            written = write_demo_extracts(out, seed=SEED if seed is None else seed)
            if broken:
                from ndp.synth.demo.broken import break_demo_extract

                for d in break_demo_extract(out):
                    err.print(f"spoilt {d.file}, line {d.line}, column {d.column}: "
                              f"{d.value!r} (was {d.was!r})", highlight=False)  # fmt: skip
            return written
        assert records is not None
        return write_scale_extracts(out, records, seed=seed or 0)

    paths = run(write)
    write_stdout("\n".join(str(p) for p in paths))
    err.print(f"wrote {len(paths)} extracts to {out}")


def register(app: typer.Typer) -> None:
    app.command()(synth)
