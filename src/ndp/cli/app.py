"""The ``ndp`` command: one Typer app, each command in its own module."""

from __future__ import annotations

import typer

from ndp.cli import (
    audit_cmd,
    check_cmd,
    demo_cmd,
    diff_cmd,
    export_cmd,
    load_cmd,
    measures_cmd,
    publish_cmd,
    publish_store_cmd,
    quarantine_cmd,
    report_cmd,
    serve_cmd,
    sources_cmd,
    spc_cmd,
    synth_cmd,
    users_cmd,
    worker_cmd,
)

app = typer.Typer(
    name="ndp",
    help="Quarterly performance report for UK policing of fraud, economic and cyber crime.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root() -> None:
    """Quarterly performance report for UK policing of fraud, economic and cyber crime."""


for module in (
    load_cmd,
    quarantine_cmd,
    sources_cmd,
    synth_cmd,
    measures_cmd,
    spc_cmd,
    report_cmd,
    export_cmd,
    publish_store_cmd,
    check_cmd,
    demo_cmd,
    serve_cmd,
    users_cmd,
    audit_cmd,
    publish_cmd,
    diff_cmd,
    worker_cmd,
):
    module.register(app)


def main() -> None:
    app()
