"""`ndp synth` and `ndp demo` from the command line."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from ndp.cli.app import app

runner = CliRunner()


def test_synth_needs_exactly_one_of_demo_or_records(tmp_path: Path) -> None:
    result = runner.invoke(app, ["synth", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "give exactly one of --demo or --records N" in result.output


def test_synth_records_prints_the_files_it_wrote(tmp_path: Path) -> None:
    result = runner.invoke(app, ["synth", "--records", "1000", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    written = [line for line in result.stdout.splitlines() if line.endswith(".csv")]
    assert len(written) == 15
    assert all(Path(line).is_file() for line in written)


def test_demo_loads_the_demo_data_and_prints_what_was_loaded(tmp_path: Path) -> None:
    result = runner.invoke(app, ["demo", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "apmis-disruptions.csv" in result.stdout
    assert "19,573" in result.stdout  # the disruptions extract's row count
    assert (tmp_path / "demo.duckdb").is_file()
    for name in ("pack-2024-25-Q1.json", "report.html", "report.pdf", "report.docx", "report.xlsx"):
        assert (tmp_path / name).stat().st_size > 0, name
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "<strong>Met-led operation</strong>" in html  # the shipped commentary, as Markdown
    assert (tmp_path / "commentary.yaml").is_file()  # the example an analyst edits
    again = runner.invoke(app, ["demo", "--out", str(tmp_path)])  # a second run starts fresh
    assert again.exit_code == 0
    assert "(load 1)" in again.stdout
