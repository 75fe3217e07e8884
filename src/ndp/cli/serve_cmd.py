"""``ndp serve``: the dashboard over the published packs."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from ndp.cli.common import err, out, plain, run
from ndp.web.settings import DEFAULT_PACKS


def serve(
    packs: Annotated[
        Path, typer.Option("--packs", help="Folder of packs (pack-*.json), as ndp build writes.")
    ] = DEFAULT_PACKS,
    app_db: Annotated[
        str | None,
        typer.Option(
            "--app-db",
            help="App database (users, sessions, audit): a SQLite file or a postgresql:// URL. "
            "Default: $NDP_APP_DB or PACKS/ndp-app.sqlite.",
            show_default=False,
        ),
    ] = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    workers: Annotated[
        int, typer.Option("--workers", help="Worker processes (production: one per core).")
    ] = 1,
    proxies: Annotated[
        int, typer.Option("--proxies", help="Reverse proxies in front (nginx: 1).")
    ] = 0,
    oidc: Annotated[
        Path | None,
        typer.Option("--oidc", help="OpenID Connect provider settings (YAML). Default: $NDP_OIDC."),
    ] = None,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="Store to load uploads into: runs the one writer beside the server. Without "
            "it the workflow pages say a store is needed (production: run `ndp worker`).",
            show_default=False,
        ),
    ] = None,
    published: Annotated[
        Path, typer.Option("--published", help="Folder of published versions.")
    ] = Path("published"),
) -> None:
    """Serve the dashboard: every quarter's pack under PACKS, to signed-in users, each seeing
    only their scope. The first run creates the app database and prints the first admin."""
    from ndp.web.serve import prepare, run_server
    from ndp.web.settings import Settings

    oidc = oidc or (Path(os.environ["NDP_OIDC"]) if os.environ.get("NDP_OIDC") else None)
    settings = Settings(packs=packs, app_db=app_db or os.environ.get("NDP_APP_DB") or None,
                        proxies=proxies, oidc=oidc, store=db, published=published)  # fmt: skip
    admin = run(lambda: prepare(settings))
    if admin is not None:
        out.print("First run: created the administrator account", highlight=False)
        out.print(f"  name:     {plain(admin.name)}", highlight=False)
        out.print(f"  password: {plain(admin.password)}", highlight=False)
        out.print("Keep the password safe: it is not shown again.", highlight=False)
    if db is not None and not any(packs.glob("pack-*.json")):
        err.print(f"no quarter published in {plain(packs)} yet: sign in and upload extracts")
    elif not any(packs.glob("pack-*.json")):
        err.print(f"warning: no pack in {plain(packs)}: run `ndp demo` or `ndp build` first")
    err.print(f"serving http://{host}:{port}/ (Ctrl-C to stop)", highlight=False)
    run(lambda: run_server(settings, host, port, workers))


def register(app: typer.Typer) -> None:
    app.command()(serve)
