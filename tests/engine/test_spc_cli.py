"""`ndp spc`: JSON on stdout, a table for people, clear errors with exit 1 (2 for usage)."""

from __future__ import annotations

import json

import typer
from typer.testing import CliRunner

from ndp.cli import spc_cmd


def _app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """Keep spc a sub-command even when it is the only one."""

    spc_cmd.register(app)
    return app


TABLE = ("--format", "table")
DEVIATIONS = "1,2,1,2,10,1,2,1,2,1,2,1,2,1,2,1,2,1"


def test_json_output() -> None:
    result = CliRunner().invoke(
        _app(), ["spc", "--values", DEVIATIONS, "--improvement", "increase", "--target", "5"]
    )
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    group = doc["groups"][0]
    assert (group["start"], group["n"]) == (1, 18)
    assert abs(group["upl"] - (35 / 18 + 2.66)) < 1e-9
    assert doc["points"][4]["point_type"] == "special_cause_improvement"
    assert doc["variation"] == "common_cause"
    assert doc["assurance"] == "consistent_fail"  # 5 > upl 4.604


def test_no_screen_and_table() -> None:
    result = CliRunner().invoke(
        _app(),
        [
            "spc",
            "--values",
            DEVIATIONS,
            "--improvement",
            "decrease",
            "--no-screen",
            "--format",
            "table",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Above UCL" in result.stdout
    assert "special_cause_concern" in result.stdout
    assert "6.9515" in result.stdout  # unscreened upper limit 6.951503


def test_bad_inputs_exit_1_with_message() -> None:
    runner = CliRunner()
    cases = {
        ("--values", "1,x,3"): "--values item 2 is 'x', not a number",
        ("--values", DEVIATIONS, "--fix-after", "11"): "fix-after 11 is too small",
        ("--values", "1,2,3", "--rebase-at", "4"): "rebase index 4 is outside the series",
        ("--values", "1,2,3", "--rebase-at", "two"): "--rebase-at item 'two'",
    }
    for args, message in cases.items():
        result = runner.invoke(_app(), ["spc", "--improvement", "increase", *args])
        assert result.exit_code == 1, args
        assert message in " ".join(result.output.split()), result.output


def test_usage_error_exit_2() -> None:
    result = CliRunner().invoke(_app(), ["spc", "--values", "1,2", "--improvement", "up"])
    assert result.exit_code == 2
