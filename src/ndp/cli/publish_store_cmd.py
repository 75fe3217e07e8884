"""``ndp publish-store``: copy a loaded store's tables to a Spark catalog (docs/spark.md)."""

from __future__ import annotations

from typing import Annotated

import typer

from ndp.cli.common import DbOption, err, plain, resolve_db, user_errors
from ndp.errors import UsageError


def publish_store(
    to: Annotated[
        str,
        typer.Option(
            "--to",
            help="Spark store: sc://HOST:PORT/[CATALOG.]SCHEMA (Spark Connect) or "
            "spark://[CATALOG.]SCHEMA (the spark-submit session).",
            show_default=False,
        ),
    ],
    db: DbOption = None,
) -> None:
    """Copy every table of a loaded DuckDB or PostgreSQL store to Spark as one new version:
    readers see the previous version until the copy is complete, then the new one."""
    from ndp.store import open_store
    from ndp.store.spark_location import is_spark
    from ndp.store.spark_publish import publish

    with user_errors():
        source = resolve_db(db)
        if is_spark(source):
            raise UsageError(f"--db {source}: publish from a DuckDB or PostgreSQL store")
        if not is_spark(to):
            raise UsageError(f"--to {to}: expected sc://HOST:PORT/SCHEMA or spark://SCHEMA")
        with open_store(source) as store:
            done = publish(store, to)
    total = sum(done.rows.values())
    err.print(
        f"published {total:,} rows of {len(done.rows)} tables to {plain(to)} "
        f"as version {done.version}",
        highlight=False,
    )


def register(app: typer.Typer) -> None:
    """Add ``publish-store`` to the app."""
    app.command("publish-store")(publish_store)
