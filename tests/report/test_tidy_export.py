"""The tidy file read back as its users read it (csv module, pyarrow): every figure of the pack
once, the same numbers as the workbook, and the command's errors."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from ndp.cli.app import app
from ndp.report.tidy.export import export_rows
from ndp.report.workbook import write_workbook

NATION = "K04000001"


@pytest.fixture(scope="module")
def pack(demo_pack: Any) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(demo_pack.to_json(), parse_float=Decimal)
    return loaded


@pytest.fixture(scope="module")
def csv_rows(
    pack: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
) -> list[dict[str, str]]:
    path = export_rows(pack, tmp_path_factory.mktemp("tidy") / "f.csv", "csv")
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def _expected(pack: dict[str, Any]) -> dict[tuple[str, str, str, str], Any]:
    """Every figure the pack holds, keyed (area code, indicator, period, category), read from the
    pack directly: values by area, series points, breakdown categories."""
    label, geo = pack["period"]["label"], pack["geographies"]
    out: dict[tuple[str, str, str, str], Any] = {}
    for ind_id, ind in pack["indicators"].items():
        out[(NATION, ind_id, label, "")] = ind["value"]
        for q in ind["series"]["quarterly"]:
            out[(NATION, ind_id, q["period"], "")] = q["value"]
        for m in ind["series"]["monthly"] or []:
            out[(NATION, ind_id, m["month"], "")] = m["value"]
        for kind, entries in ind["by"].items():
            for key, entry in entries.items():
                code = {"force": key, "region": geo["regions"].get(key, {}).get("code")}.get(
                    kind, "unattributed"
                )
                out[(code, ind_id, label, "")] = entry["value"]
                for q in entry.get("quarterly") or []:
                    out[(code, ind_id, q["period"], "")] = q["value"]
        for dimension, parts in ind["breakdown"].items():
            for category, value in parts.items():
                out[(NATION, ind_id, label, f"{dimension}:{category}")] = value
    return out


def _number(text: str) -> Decimal | None:
    return None if text == "" else Decimal(text)


def test_csv_holds_every_figure_of_the_pack_once(
    pack: dict[str, Any], csv_rows: list[dict[str, str]]
) -> None:
    keys = [(r["area_code"], r["indicator_id"], r["period"], r["breakdown"], r["category"])
            for r in csv_rows]  # fmt: skip
    assert len(keys) == len(set(keys))  # each row once
    found: dict[tuple[str, str, str], list[dict[str, str]]] = {}
    for r in csv_rows:
        found.setdefault((r["area_code"], r["indicator_id"], r["period"]), []).append(r)
    for (code, ind_id, period, category), value in _expected(pack).items():
        rows = [r for r in found[(code, ind_id, period)] if bool(r["category"]) == bool(category)]
        if category:
            _dimension, _key = category.split(":")
            assert any(_number(r["value"]) == value for r in rows), (ind_id, category)
        else:
            assert len(rows) == 1, (code, ind_id, period)
            expected = None if value is None else Decimal(str(value))
            assert _number(rows[0]["value"]) == expected, (code, ind_id, period)


def test_csv_carries_comparisons_labels_and_areas(
    pack: dict[str, Any], csv_rows: list[dict[str, str]]
) -> None:
    e1b = pack["indicators"]["E1b.disruptions"]
    label = pack["period"]["label"]
    nation = next(r for r in csv_rows if r["indicator_id"] == "E1b.disruptions"
                  and r["area_code"] == NATION and r["period"] == label and not r["category"])  # fmt: skip
    for name in ("same_quarter_last_year", "previous_quarter"):
        assert _number(nation[f"{name}_value"]) == e1b["comparisons"][name]["value"]
        assert _number(nation[f"{name}_change"]) == e1b["comparisons"][name]["change"]
    assert nation["previous_year_basis"] == "quarterly average"
    assert nation["benchmark_met"] == "true"
    assert nation["status"] == "Improving"
    assert nation["unit"] == "number"
    current = [r for r in csv_rows if r["indicator_id"] == "E1b.disruptions"
               and r["period"] == label and not r["category"]]  # fmt: skip
    assert sum(r["area_type"] == "force" for r in current) == 45
    assert sum(r["area_type"] == "region" for r in current) == 10
    categories = {r["category"] for r in csv_rows}
    assert "Outcome 1: charged or summonsed" in categories
    assert "Cash seizure" in categories


def test_parquet_matches_the_csv_and_the_workbook(
    pack: dict[str, Any], csv_rows: list[dict[str, str]], tmp_path: Path
) -> None:
    table = pq.read_table(export_rows(pack, tmp_path / "f.parquet", "parquet")).to_pylist()
    assert len(table) == len(csv_rows)
    assert list(table[0]) == list(csv_rows[0])
    for row, text in zip(table, csv_rows, strict=True):
        expected = _number(text["value"])
        assert row["value"] == (None if expected is None else float(expected))
        assert str(row["period_start"]) == text["period_start"]
    book = openpyxl.load_workbook(write_workbook(pack, tmp_path / "w.xlsx"))
    label = pack["period"]["label"]
    tidy = {(r["indicator_id"], r["area_code"]): r["value"] for r in table
            if r["period"] == label and r["category"] is None}  # fmt: skip
    compared = 0
    for sheet in book.worksheets[3:]:
        subtitle = str(sheet["A2"].value)
        if not subtitle.startswith("Indicator "):
            continue
        ind_id = subtitle.split()[1]
        ((_, ref),) = sheet.tables.items()
        for cells in list(sheet[ref])[1:]:
            shown = cells[3].value
            assert tidy[(ind_id, cells[1].value)] == (None if shown == "[x]" else shown)
            compared += 1
    assert compared >= 56 * len(pack["indicators"])


def test_csv_neutralises_text_that_would_start_a_formula(
    pack: dict[str, Any], tmp_path: Path
) -> None:
    crafted = json.loads(json.dumps(pack, default=str), parse_float=Decimal)
    crafted["geographies"]["forces"]["E23000032"]["name"] = "=1+1"
    path = export_rows(crafted, tmp_path / "h.csv", "csv")
    with path.open(encoding="utf-8-sig", newline="") as f:
        names = {r["area_name"] for r in csv.DictReader(f)}
    assert "'=1+1" in names
    assert "=1+1" not in names


def test_cli_exports_and_refuses_a_pack_of_another_period(
    pack: dict[str, Any], tmp_path: Path
) -> None:
    pack_file = tmp_path / "pack.json"
    pack_file.write_text(json.dumps(pack, default=str), encoding="utf-8")
    out = tmp_path / "figures.parquet"
    runner = CliRunner()
    args = ["export", "--period", "2024-25Q1", "--pack", str(pack_file), "--out", str(out)]
    result = runner.invoke(app, [*args, "--format", "parquet"])
    assert result.exit_code == 0, result.output
    assert pq.read_table(out).num_rows > 0
    wrong = runner.invoke(app, [*args, "--format", "xlsx"])
    assert wrong.exit_code == 2
    assert "csv or parquet" in wrong.output
    other = runner.invoke(app, ["export", "--period", "2024-25Q2", "--pack", str(pack_file),
                                "--out", str(tmp_path / "x.csv")])  # fmt: skip
    assert other.exit_code == 2
    assert "2024-25 Q1" in other.output
    assert not (tmp_path / "x.csv").exists()
