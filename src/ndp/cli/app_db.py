"""The app database option shared by ``ndp users`` and ``ndp audit`` (``ndp serve`` reads the
same place by default)."""

from __future__ import annotations

import getpass
import os
from pathlib import Path
from typing import Annotated

import typer

#: beside the packs ``ndp serve`` reads by default
DEFAULT_APP_DB = "out/ndp-app.sqlite"

AppDbOption = Annotated[
    str | None,
    typer.Option(
        "--app-db",
        help="App database (users, sessions, audit): a SQLite file or a postgresql:// URL. "
        f"Default: $NDP_APP_DB or {DEFAULT_APP_DB}.",
        show_default=False,
    ),
]


def resolve_app_db(app_db: str | None) -> str:
    """The option, then $NDP_APP_DB, then the default file (its folder made when missing)."""
    chosen = app_db or os.environ.get("NDP_APP_DB")
    if chosen:
        return chosen
    Path(DEFAULT_APP_DB).parent.mkdir(parents=True, exist_ok=True)
    return DEFAULT_APP_DB


def cli_actor() -> str:
    """Who made a change from the command line, for the audit log: ``cli:`` and the login."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"
