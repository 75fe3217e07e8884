"""No traceback for a user's mistake (issue 14, item 4): every command meets file names,
column names and values full of rich markup ([brackets], [/]) and prints them as written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

HOSTILE = "[bold]x[/] [/red]"
#: a file name cannot hold a slash; an unclosed style is what rich would swallow or apply
NAME = "[bold]x[red] y"
HEADER = f"disruption_id,date,force,threat,level,{HOSTILE}\n"


@pytest.fixture
def hostile_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "[draft] q1 [red]"
    folder.mkdir()
    return folder


def test_load_and_quarantine_print_hostile_names_and_values_as_written(
    hostile_dir: Path, invoke: Callable[..., tuple[int, str]]
) -> None:
    db = ["--db", str(hostile_dir / "[s].duckdb")]
    extract = hostile_dir / f"{NAME} disruptions.csv"
    extract.write_text(
        HEADER + f"D1,13/05/2024,Met,Fraud,Major,{HOSTILE}\nD2,{HOSTILE},Met,Fraud,Major,v\n"
    )
    code, output = invoke("load", str(extract), *db)
    assert code == 1
    assert f"'{HOSTILE}': expected a date" in output

    code, output = invoke("load", str(extract), "--partial", *db)
    assert code == 0, output
    assert HOSTILE in output.replace("\n", "")  # the ignored column, named in the warning
    code, output = invoke("load", str(extract), "--partial", *db)  # already loaded
    assert code == 0, output

    code, output = invoke("quarantine", "list", *db)
    assert code == 0, output
    assert "[bold]x[red]" in output.replace("\n", "")  # the file's own name, as written

    exported = hostile_dir / "[out]"
    code, output = invoke("quarantine", "export", "--out", str(exported), *db)
    assert code == 0, output
    [fixed] = exported.glob("*.csv")
    code, output = invoke("quarantine", "reload", str(fixed), *db)
    assert code in (0, 1), output


@pytest.mark.parametrize(
    "args",
    [
        ["load", "{dir}/[missing].csv"],
        ["load", "{dir}/[x].parquet"],
        ["load", "{dir}/{name}.csv", "--source", "[nope]"],
        ["quarantine", "reload", "{dir}/[missing].csv"],
        ["sources", "[nope]"],
        ["measures", "--quarter", "[2024-25 Q1]"],
        ["build", "--quarter", "2024-25 Q1", "--out", "{dir}/[pack].json"],
        ["report", "--quarter", "[x]", "--out", "{dir}/[r]"],
        ["check", "{dir}/[missing].html"],
        ["spc", "[nope]"],
    ],
)
def test_every_command_refuses_hostile_arguments_without_a_traceback(
    hostile_dir: Path, args: list[str], invoke: Callable[..., tuple[int, str]]
) -> None:
    name = NAME
    (hostile_dir / f"{name}.csv").write_text(HEADER + "D1,13/05/2024,Met,Fraud,Major,v\n")
    filled = [a.format(dir=hostile_dir, name=name) for a in args]
    code, output = invoke(*filled, "--db", str(hostile_dir / "[s].duckdb"))
    assert code != 0
    assert "error" in output.casefold() or "usage" in output.casefold()
