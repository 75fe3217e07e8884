"""``ndp audit``: verify, export and prune the dashboard's audit log."""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta
from typing import Annotated

import typer

from ndp.cli.app_db import AppDbOption, cli_actor, resolve_app_db
from ndp.cli.common import err, out, user_errors
from ndp.errors import NdpError, UsageError

audit_app = typer.Typer(help="The dashboard's hash-chained audit log.", no_args_is_help=True)


@audit_app.command("verify")
def verify(app_db: AppDbOption = None) -> None:
    """Check the hash chain: exit 1 naming the first row edited, deleted or inserted."""
    from ndp.appdb import AppDB

    with user_errors(), AppDB.open(resolve_app_db(app_db)) as db:
        verdict = db.audit_verify()
        if not verdict.ok:
            raise NdpError(f"the audit log does not verify: {verdict.reason}")
    out.print(f"The audit log verifies: {verdict.reason}.", highlight=False)


@audit_app.command("export")
def export(
    since: Annotated[
        str | None,
        typer.Option("--since", help="Only rows from this date or time (UTC), e.g. 2026-12-01."),
    ] = None,
    app_db: AppDbOption = None,
) -> None:
    """Write the log as JSON Lines on standard output, for a SIEM."""
    from ndp.appdb import AppDB

    with user_errors(), AppDB.open(resolve_app_db(app_db)) as db:
        count = db.audit_export(sys.stdout, since)
    sys.stdout.flush()
    err.print(f"exported {count} row{'s' * (count != 1)}", highlight=False)


@audit_app.command("prune")
def prune(
    before: Annotated[
        str | None, typer.Option("--before", help="Delete rows older than this date (UTC).")
    ] = None,
    keep_days: Annotated[
        int | None, typer.Option("--keep-days", help="Delete rows older than this many days.")
    ] = None,
    app_db: AppDbOption = None,
) -> None:
    """Delete old rows, keeping the chain verifiable through a checkpoint row."""
    from ndp.appdb import AppDB

    with user_errors():
        if (before is None) == (keep_days is None):
            raise UsageError("give one of --before DATE or --keep-days N")
        if keep_days is not None:
            if keep_days < 0:
                raise UsageError(f"--keep-days {keep_days}: must be 0 or more")
            before = (datetime.now(UTC) - timedelta(days=keep_days)).isoformat()
        assert before is not None
        with AppDB.open(resolve_app_db(app_db)) as db:
            removed = db.audit_prune(before, actor=cli_actor())
    out.print(
        f"Removed {removed} row{'s' * (removed != 1)}"
        + ("; a checkpoint row keeps the chain verifiable." if removed else "."),
        highlight=False,
    )


def register(app: typer.Typer) -> None:
    app.add_typer(audit_app, name="audit")
