"""``ndp diff`` and ``ndp reproduce``: thin wrappers over ndp.publish."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from ndp.cli.common import out, user_errors, write_stdout
from ndp.cli.publish_cmd import PublishedOption
from ndp.errors import NdpError, UsageError


def diff(
    period: Annotated[str, typer.Argument(help="Quarter, e.g. 2024-25Q1.")],
    from_version: Annotated[
        int | None, typer.Option("--from", help="Older version (default: the one before --to).")
    ] = None,
    to_version: Annotated[
        int | None, typer.Option("--to", help="Newer version (default: the latest).")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
    published: PublishedOption = Path("published"),
) -> None:
    """List the figures that changed between two published versions of a quarter."""
    from ndp.periods import Quarter
    from ndp.publish.diff import diff_versions
    from ndp.publish.render import change_table

    with user_errors():
        if fmt not in ("table", "json"):
            raise UsageError(f"--format {fmt}: expected table or json")
        label = Quarter.parse(period).label
        old, new, changed = diff_versions(published, label, from_version, to_version)
    if fmt == "json":
        doc = {"period": label, "from": old, "to": new, "changes": [c.as_dict() for c in changed]}
        write_stdout(json.dumps(doc, indent=2, default=str))
        return
    write_stdout("\n".join(change_table(label, old, new, changed)))


def reproduce(
    period: Annotated[str, typer.Argument(help="Quarter, e.g. 2024-25Q1.")],
    version: Annotated[
        int | None, typer.Option("--version", help="Version (default: the latest).")
    ] = None,
    published: PublishedOption = Path("published"),
) -> None:
    """Rebuild a published version from its kept extracts and framework; check the pack hash."""
    from ndp.periods import Quarter
    from ndp.publish.reproduce import reproduce as rebuild

    with user_errors():
        done = rebuild(published, Quarter.parse(period).label, version)
        if not done.matches:
            where, was, now = done.difference or ("the pack", None, None)
            raise NdpError(
                f"{done.period} version {done.version} does not reproduce: pack "
                f"{done.rebuilt_hash[:12]} rebuilt, {done.published_hash[:12]} published; "
                f"first difference at {where}: published {was}, rebuilt {now}"
            )
    out.print(
        f"{done.period} version {done.version} reproduces: pack {done.rebuilt_hash[:12]} "
        "matches the published hash.",
        highlight=False,
        soft_wrap=True,
    )


def register(app: typer.Typer) -> None:
    app.command()(diff)
    app.command()(reproduce)
