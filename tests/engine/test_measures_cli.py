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


def test_bad_period_exits_1(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["measures", "--period", "2030-31Q1", "--db", str(tmp_path / "x.duckdb")]
    )
    assert result.exit_code == 1
    assert "has not ended" in result.output


def demo_store_path(store) -> str:  # type: ignore[no-untyped-def]
    return str(store.scalar("SELECT path FROM duckdb_databases() WHERE NOT internal LIMIT 1"))
