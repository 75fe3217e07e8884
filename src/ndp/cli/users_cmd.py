"""``ndp users``: add, list and revoke the dashboard's accounts."""

from __future__ import annotations

from typing import Annotated

import typer

from ndp.cli.app_db import AppDbOption, cli_actor, resolve_app_db
from ndp.cli.common import err, out, plain, user_errors

users_app = typer.Typer(help="The dashboard's user accounts.", no_args_is_help=True)


@users_app.command("add")
def add(
    name: Annotated[str, typer.Argument(help="The new user's name.")],
    role: Annotated[str, typer.Option("--role", help="viewer, analyst, approver or admin.")],
    scope: Annotated[
        str, typer.Option("--scope", help="national, region:NAME or force:CODE (or force name).")
    ],
    app_db: AppDbOption = None,
) -> None:
    """Add a user with a generated password, printed once."""
    from ndp.appdb import AppDB, parse_role, parse_scope

    with user_errors():
        chosen_role, chosen_scope = parse_role(role), parse_scope(scope)
        with AppDB.open(resolve_app_db(app_db)) as db:
            password = db.add_user(name, chosen_role, chosen_scope, actor=cli_actor())
    out.print(f"Added {plain(name)}: {chosen_role}, {chosen_scope}.", highlight=False)
    out.print(f"Password: {password}", highlight=False, markup=False)
    out.print("It is shown only this once: pass it on safely.", highlight=False)


@users_app.command("list")
def list_users(app_db: AppDbOption = None) -> None:
    """List every account: role, scope, how it signs in, and whether it is revoked."""
    from ndp.appdb import AppDB

    with user_errors(), AppDB.open(resolve_app_db(app_db)) as db:
        accounts = db.accounts()
    rows = [("name", "role", "scope", "sign-in", "added", "revoked")]
    for account in accounts:
        p = account.principal
        added, revoked = (_minutes(t) for t in (account.created_at, account.revoked_at))
        rows.append((p.name, p.role, str(p.scope), account.sign_in, added, revoked))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        line = "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        out.print(plain(line.rstrip()), highlight=False, soft_wrap=True)
    err.print(f"{len(accounts)} account{'s' * (len(accounts) != 1)}", highlight=False)


def _minutes(stamp: str | None) -> str:
    """``2026-12-01T09:00:00.000000Z`` as ``2026-12-01 09:00``."""
    return (stamp or "")[:16].replace("T", " ")


@users_app.command("revoke")
def revoke(
    name: Annotated[str, typer.Argument(help="The user to revoke.")],
    app_db: AppDbOption = None,
) -> None:
    """Revoke a user: they can no longer sign in, and their sessions end now."""
    from ndp.appdb import AppDB

    with user_errors(), AppDB.open(resolve_app_db(app_db)) as db:
        ended = db.revoke_user(name, actor=cli_actor())
    out.print(
        f"Revoked {plain(name)}: they can no longer sign in; "
        f"{ended} session{'s' * (ended != 1)} ended.",
        highlight=False,
    )


def register(app: typer.Typer) -> None:
    app.add_typer(users_app, name="users")
