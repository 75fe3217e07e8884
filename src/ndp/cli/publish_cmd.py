"""``ndp signoff``, ``ndp publish``, ``ndp publications``: thin wrappers over ndp.publish."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ndp.cli.common import DbOption, out, plain, resolve_db, user_errors

PublishedOption = Annotated[
    Path,
    typer.Option("--published", help="The publications folder (docs/publishing.md)."),
]
ByOption = Annotated[str, typer.Option("--by", help="Your name, as recorded.", show_default=False)]
CommentaryOption = Annotated[
    Path | None, typer.Option("--commentary", help="The quarter's commentary file (YAML).")
]
FrameworkOption = Annotated[
    Path | None, typer.Option("--framework", help="Framework file (default: the shipped one).")
]


def signoff(
    period: Annotated[str, typer.Argument(help="Quarter, e.g. 2024-25Q1.")],
    by: ByOption,
    role: Annotated[str, typer.Option("--role", help="Your role: approver.")] = "approver",
    prepared_by: Annotated[
        str | None,
        typer.Option("--prepared-by", help="Who prepared the draft (default: who loaded last)."),
    ] = None,
    db: DbOption = None,
    published: PublishedOption = Path("published"),
    commentary: CommentaryOption = None,
    framework: FrameworkOption = None,
) -> None:
    """Sign off the quarter's draft as it is built now (an approver, not its preparer)."""
    from ndp.publish.quarter import sign_off_quarter

    with user_errors():
        done = sign_off_quarter(
            resolve_db(db), period, published, by, role,
            prepared_by=prepared_by, framework=framework, commentary=commentary,
        )  # fmt: skip
    verb = "Signed off" if done.new else "Already signed off:"
    out.print(
        f"{verb} {done.period} (pack {done.pack_hash[:12]}): prepared by "
        f"{plain(done.prepared_by)}, approved by {plain(done.approved_by)}.",
        highlight=False,
        soft_wrap=True,
    )


def publish(
    period: Annotated[str, typer.Argument(help="Quarter, e.g. 2024-25Q1.")],
    by: ByOption,
    reason: Annotated[
        str | None, typer.Option("--reason", help="Why a published quarter is revised.")
    ] = None,
    db: DbOption = None,
    published: PublishedOption = Path("published"),
    commentary: CommentaryOption = None,
    framework: FrameworkOption = None,
    force: Annotated[
        list[str] | None,
        typer.Option(
            "--force",
            help="Write only this force's edition (repeatable; default: all 45), for a preview "
            "or a test: the version's manifest lists what it holds.",
        ),
    ] = None,
) -> None:
    """Publish the quarter's signed-off draft: its outputs are written once, never replaced."""
    from ndp.publish.quarter import publish_quarter

    with user_errors():
        done = publish_quarter(
            resolve_db(db), period, published, by,
            reason=reason, framework=framework, commentary=commentary, forces=force,
        )  # fmt: skip
    if done.new:
        out.print(
            f"Published {done.period} version {done.version} (pack {done.pack_hash[:12]}) "
            f"to {plain(done.reports)}.",
            highlight=False, soft_wrap=True,
        )  # fmt: skip
    else:
        out.print(
            f"{done.period} version {done.version} already has these figures "
            f"(pack {done.pack_hash[:12]}): nothing written.",
            highlight=False,
            soft_wrap=True,
        )


def publications(
    period: Annotated[str | None, typer.Argument(help="Quarter (default: every one).")] = None,
    published: PublishedOption = Path("published"),
) -> None:
    """List the published versions: quarter, version, pack hash, who, when, why."""
    from ndp.publish.listing import listing

    with user_errors():
        lines = listing(published, period)
    out.print("\n".join(lines), highlight=False, markup=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    app.command()(signoff)
    app.command()(publish)
    app.command()(publications)
