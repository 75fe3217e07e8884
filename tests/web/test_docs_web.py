"""docs/dashboard.md describes the dashboard as it is: every option of ``ndp serve``, and every
kind of page the app routes."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main
from flask import Flask

from ndp.cli.app import app as cli

DOCS = (Path(__file__).resolve().parents[2] / "docs" / "dashboard.md").read_text(encoding="utf-8")


def test_every_option_of_ndp_serve_is_documented() -> None:
    command = typer.main.get_command(cli).commands["serve"]  # type: ignore[attr-defined]
    options = [o for p in command.params for o in p.opts if o.startswith("--")]
    assert len(options) == 9
    for option in options:
        assert f"`{option}" in DOCS, option


def test_every_page_the_app_routes_is_documented(app: Flask) -> None:
    documented = DOCS.split("## Pages", 1)[1].split("\n## ", 1)[0]
    for rule in app.url_map.iter_rules():
        if rule.endpoint in ("static", "site"):
            continue
        path = re.sub(r"<\w+:", "<", rule.rule).removesuffix(".json").replace("<name>", "<id>")
        for kind in ("national", "region/<code>", "force/<code>"):
            path = path.replace(f"/{kind}/indicator", "/<area>/indicator")
            path = path.replace(f"/{kind}/export.csv", "/<area>/export.csv")
        path = path.replace("<chart>", "<trend\\|spc>")
        assert f"`{path}" in documented, rule.rule
