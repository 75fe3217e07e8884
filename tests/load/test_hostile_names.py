"""No traceback for a user's mistake (issue 14, item 4), with control characters as well as
markup: every command meets file names, column names and values holding escape sequences, a
bell, brackets and rich markup, and prints them as written, control characters as escapes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

ESC = "\x1b[2J\x1b[31m"
NAME = f"[bold]q1{ESC}\x07[/] x"
#: a file name cannot hold a slash
FILE = f"[bold]q1{ESC}\x07 [red]x"
VALUE = f"[red]{ESC}x\x08[/red]"
HEADER = f"disruption_id,date,force,threat,level,{NAME}\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    hostile = tmp_path / f"[draft]{ESC} q1"
    hostile.mkdir()
    return hostile


def test_load_and_quarantine_show_control_characters_as_escapes(
    folder: Path, invoke: Callable[..., tuple[int, str]]
) -> None:
    db = ["--db", str(folder / f"s{ESC}.duckdb")]
    extract = folder / f"{FILE}.csv"
    extract.write_text(
        HEADER + f"D1,13/05/2024,Met,Fraud,Major,{VALUE}\nD2,13/05/2024,Met,{VALUE},Major,v\n"
    )
    code, output = invoke("load", str(extract), *db)
    assert code == 1
    assert "\\x1b[2J" in output  # the value, as its escape
    assert invoke("load", str(extract), "--partial", *db)[0] == 0
    assert invoke("load", str(extract), "--partial", "--reapply", *db)[0] == 0
    code, output = invoke("quarantine", "list", *db)
    assert code == 0
    assert "\\x1b" in output.replace("\n", "")
    out = folder / f"out{ESC}"
    assert invoke("quarantine", "export", "--out", str(out), *db)[0] == 0
    (export,) = out.glob("*.csv")
    assert invoke("quarantine", "reload", str(export), *db)[0] == 0


@pytest.mark.parametrize(
    "args",
    [
        ["load", "{dir}/missing{esc}.csv"],
        ["load", "{dir}/{name}.csv", "--source", "x{esc}"],
        ["quarantine", "reload", "{dir}/missing{esc}.csv"],
        ["quarantine", "list", "--source", "x{esc}"],
        ["sources", "x{esc}"],
        ["measures", "--quarter", "{esc}2024-25 Q1"],
        ["build", "--quarter", "x{esc}", "--out", "{dir}/p{esc}.json"],
        ["report", "--quarter", "x{esc}", "--out", "{dir}/r{esc}"],
        ["check", "{dir}/missing{esc}.html"],
        ["spc", "x{esc}"],
    ],
)
def test_every_command_refuses_control_characters_without_a_traceback(
    folder: Path, args: list[str], invoke: Callable[..., tuple[int, str]]
) -> None:
    (folder / f"{FILE}.csv").write_text(HEADER + "D1,13/05/2024,Met,Fraud,Major,v\n")
    filled = [a.format(dir=folder, name=FILE, esc=ESC) for a in args]
    invoke(*filled, "--db", str(folder / "s.duckdb"))
