"""`ndp load`, `ndp quarantine` and `ndp sources` as a user runs them."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from ndp.cli.app import app

runner = CliRunner()
HEADER = "disruption_id,date,force,threat,level\n"


def test_load_refuses_a_bad_file_with_every_problem_and_exit_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "D1,13/05/2024,Met,Fraud,Major\nD2,13/13/2024,Gotham,Fraud,Major\n")
    result = runner.invoke(app, ["load", str(bad), "--db", str(tmp_path / "s.duckdb")])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert (
        f"{bad}, line 3, column date: '13/13/2024': expected a date such as 2024-05-13 or 13/05/2024 (day first), not in the future or before 2000"
        in lines
    )
    assert any(line.startswith(f"{bad}, line 3, column force: 'Gotham'") for line in lines)
    assert "error: 2 problems found; nothing was loaded" in lines


def test_partial_load_then_quarantine_list_export_and_reload(tmp_path: Path) -> None:
    db = ["--db", str(tmp_path / "s.duckdb")]
    extract = tmp_path / "d.csv"
    extract.write_text(HEADER + "D1,13/05/2024,Met,Fraud,Major\nD2,13/05/2024,Gotham,Fraud,Major\n")
    loaded = runner.invoke(app, ["load", str(extract), "--partial", *db])
    assert loaded.exit_code == 0, loaded.output
    assert "1 rows quarantined" in loaded.output
    listed = runner.invoke(app, ["quarantine", "list", *db])
    assert "Gotham" in listed.stdout
    exported = runner.invoke(app, ["quarantine", "export", "--out", str(tmp_path / "fix"), *db])
    (path,) = [Path(line) for line in exported.stdout.splitlines() if line.endswith(".csv")]
    path.write_text(path.read_text().replace("Gotham", "GMP"))
    reloaded = runner.invoke(app, ["quarantine", "reload", str(path), *db])
    assert reloaded.exit_code == 0, reloaded.output
    assert "0 rows in quarantine" in runner.invoke(app, ["quarantine", "list", *db]).stdout
    again = runner.invoke(app, ["load", str(extract), *db])
    assert "already loaded" in again.output


def test_sources_describes_one_source_or_refuses_an_unknown_one() -> None:
    result = runner.invoke(app, ["sources", "force_returns"])
    assert result.exit_code == 0
    assert "returned_on" in result.stdout
    unknown = runner.invoke(app, ["sources", "returns"])
    assert unknown.exit_code == 1
    assert "unknown source 'returns'" in unknown.output
