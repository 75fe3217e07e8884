"""`ndp measures` and `ndp build` from the command line; the explained SQL is snapshot-tested.

Regenerate the snapshot after an intended change with ``NDP_SNAPSHOT_UPDATE=1 pytest ...``.
"""

from __future__ import annotations

import json
import os
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from ndp.cli.app import app
from ndp.store import open_store

SNAPSHOT = Path(__file__).parent / "snapshots" / "explain.sql"
runner = CliRunner()


def test_explain_matches_snapshot(tmp_path: Path) -> None:
    db = str(tmp_path / "empty.duckdb")
    open_store(db).close()
    result = runner.invoke(app, ["measures", "--period", "2024-25Q1", "--db", db, "--explain"])
    assert result.exit_code == 0, result.output
    assert result.output.count("-- scan ") == 15
    if os.environ.get("NDP_SNAPSHOT_UPDATE"):
        SNAPSHOT.write_text(result.output)
    assert result.output == SNAPSHOT.read_text()


def test_build_and_json(demo_store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "pack.json"
    path = demo_store_path(demo_store)
    result = runner.invoke(app, ["build", "--period", "Q1 24/25", "--db", path, "--out", str(out)])
    assert result.exit_code == 0, result.output
    pack = json.loads(out.read_text(), parse_float=Decimal)
    assert pack["indicators"]["E1b.disruptions"]["value"] == 1113
    result = runner.invoke(
        app,
        ["measures", "--period", "2024-25Q1", "--db", path, "--format", "json", "--by", "region"],
    )
    assert result.exit_code == 0
    data = json.loads(result.stdout, parse_float=Decimal)
    assert set(data["indicators"]["F2.disruptions"]["by"]) == {"region"}


def test_table_shows_whole_names_and_figures_in_their_units(demo_store) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(
        app, ["measures", "--period", "2024-25Q1", "--db", demo_store_path(demo_store),
              "--by", "region"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    row = next(line for line in lines if "E2a.seizure_value_gbp" in line)  # not cut short
    assert _cells(row)[1:5] == ["£1,012,431.00", "£1,011,579.00", "+£852.00", "+0.1%"]
    row = next(line for line in lines if "E1b.disruptions" in line)
    assert _cells(row)[1:7] == [
        "1,113", "489", "+624", "+127.6%", "improving", "outlier_change, coverage_change"
    ]  # fmt: skip
    rate = next(line for line in lines if "F1b.judicial_outcome_rate" in line)
    assert _cells(rate)[1:5] == [
        "15.9%",
        "23.6%",
        "-7.8 pts",
        "-32.9%",
    ]  # a rate's change in points
    assert any(line.startswith("│   East Midlands ") for line in lines)


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip("│ ").split("│")]


def test_bad_period_exits_1(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["measures", "--period", "2030-31Q1", "--db", str(tmp_path / "x.duckdb")]
    )
    assert result.exit_code == 1
    assert "has not ended" in result.output


def demo_store_path(store) -> str:  # type: ignore[no-untyped-def]
    return str(store.scalar("SELECT path FROM duckdb_databases() WHERE NOT internal LIMIT 1"))
