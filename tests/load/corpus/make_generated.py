"""Write the corpus files that are better generated than committed: workbooks (binary) and
the size cases (megabytes). ``python tests/load/corpus/make_generated.py DIR`` writes them to
DIR; the corpus test writes them to a temporary folder, so it reads real files."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import openpyxl

DISRUPTIONS = ["disruption_id", "date", "force", "threat", "level"]
SEIZURES = ["seizure_id", "date", "force", "threat", "type", "value_gbp"]
#: a cell of 3 MB is legal; a record over 32 MiB is not (see docs/loading.md)
BIG_CELL = 3 * 1024 * 1024
OVER_LIMIT = 33 * 1024 * 1024


def _book(path: Path, rows: list[list[object]]) -> None:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)


def make(folder: Path) -> list[Path]:
    """Write every generated file under ``folder``; return their paths."""
    books = folder / "workbooks"
    _book(
        books / "long-number.xlsx",
        [SEIZURES, [12345678901234567890, "2024-05-01", "Met", "MLAR", "Cash", 10]],
    )
    _book(
        books / "formula-without-result.xlsx",
        [SEIZURES, ["S1", "2024-05-01", "Met", "MLAR", "Cash", "=SUM(1,2)"]],
    )
    _book(
        books / "force-twice.xlsx",
        [["disruption_id", "date", "Force", "force", "threat", "level"]],
    )
    _book(
        books / "typed-cells.xlsx",
        [
            SEIZURES,
            ["S1", dt.datetime(2024, 5, 1), "Met", "MLAR", "Cash", 1012431],
            [123456789012345, dt.date(2024, 5, 2), "GMP", "MLAR", "AFO", 852.5],
            [None, None, None, None, None, None],
        ],
    )
    sizes = folder / "sizes"
    sizes.mkdir(parents=True, exist_ok=True)
    head = ",".join([*DISRUPTIONS, "ocg_ref"]) + "\n"
    row = "D1,13/05/2024,Met,Fraud,Major,"
    (sizes / "cell-of-3-mb.csv").write_text(head + row + "x" * BIG_CELL + "\n")
    (sizes / "record-over-limit.csv").write_text(
        head + row + "short\nD2,13/05/2024,Met,Fraud,Major," + "y" * OVER_LIMIT + "\n"
    )
    return sorted(p for p in folder.rglob("*") if p.is_file())


if __name__ == "__main__":
    for path in make(Path(sys.argv[1])):
        print(path)
