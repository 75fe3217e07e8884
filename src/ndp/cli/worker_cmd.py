"""``ndp worker``: the one writer on its own, for production (``ndp serve`` without ``--db``)."""

from __future__ import annotations

import os
import signal
from pathlib import Path
from typing import Annotated

import typer

from ndp.cli.common import DbOption, err, plain, resolve_db, run
from ndp.web.settings import APP_DB_NAME, DEFAULT_PACKS


def worker(
    db: DbOption = None,
    packs: Annotated[
        Path, typer.Option("--packs", help="The dashboard's packs folder (drafts, uploads).")
    ] = DEFAULT_PACKS,
    app_db: Annotated[
        str | None,
        typer.Option(
            "--app-db",
            help="The dashboard's app database, where jobs are queued. "
            "Default: $NDP_APP_DB or PACKS/ndp-app.sqlite.",
            show_default=False,
        ),
    ] = None,
    published: Annotated[
        Path, typer.Option("--published", help="Folder of published versions.")
    ] = Path("published"),
) -> None:
    """Run the jobs the dashboard queues (loads, draft builds, publishing), one at a time,
    until stopped. Only one writer may run for a store."""
    from ndp.workflow.writer import Writer, WriterSettings

    location = app_db or os.environ.get("NDP_APP_DB") or str(packs / APP_DB_NAME)
    writer = Writer(WriterSettings(resolve_db(db), location, packs, published))
    abandoned = run(writer.open)
    for job_id in abandoned:
        err.print(f"job {job_id} was running when the last writer stopped: marked failed")
    signal.signal(signal.SIGTERM, lambda *_: writer.request_stop())
    err.print(f"writer running for {plain(resolve_db(db))} (Ctrl-C to stop)", highlight=False)
    try:
        writer.run_forever()
    except KeyboardInterrupt:
        pass
    finally:
        writer.stop()


def register(app: typer.Typer) -> None:
    app.command()(worker)
