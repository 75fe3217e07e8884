"""The publishing commands' answers where nothing is published, as a user reads them."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from ndp.cli.app import app

runner = CliRunner()


def test_commands_on_an_empty_publications_folder(tmp_path: Path) -> None:
    pub = str(tmp_path / "published")
    listed = runner.invoke(app, ["publications", "--published", pub])
    assert (listed.exit_code, listed.output) == (0, f"nothing published in {pub}\n")
    listed = runner.invoke(app, ["publications", "2024-25Q1", "--published", pub])
    assert listed.output == f"nothing published in {pub} for 2024-25Q1\n"
    for command in (["reproduce", "2024-25Q1"], ["diff", "2024-25Q1"]):
        done = runner.invoke(app, [*command, "--published", pub])
        assert (done.exit_code, done.output) == (
            1,
            f"error: 2024-25 Q1 has not been published in {pub}: publish it with "
            "`ndp publish 2024-25Q1 --by NAME`\n",
        )


def test_diff_refuses_an_unknown_format(tmp_path: Path) -> None:
    done = runner.invoke(app, ["diff", "2024-25Q1", "--format", "csv", "--published", "x"])
    assert (done.exit_code, done.output) == (2, "error: --format csv: expected table or json\n")
