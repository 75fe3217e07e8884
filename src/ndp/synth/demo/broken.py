"""A deliberately broken demo extract, for learning what a refused load looks like and how to
fix it: two cells of ``apmis-disruptions.csv`` are spoilt, each the kind of mistake real
extracts carry (a misspelt force, a day that does not exist). ``Damage`` says what was there."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

BROKEN_FILE = "apmis-disruptions.csv"
#: (file line, column, the spoilt value); line 1 is the header
_SPOILS = ((3, "Force", "Lancashire Constabulery"), (5, "Date", "31/02/2023"))


@dataclass(frozen=True)
class Damage:
    """One spoilt cell: where it is, what it says now and what it said."""

    file: str
    line: int
    column: str
    value: str
    was: str


def break_demo_extract(folder: Path) -> list[Damage]:
    """Spoil two cells of the demo's ``apmis-disruptions.csv`` in ``folder``, in place."""
    path = folder / BROKEN_FILE
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    header = rows[0]
    damage = []
    for line, column, value in _SPOILS:
        index = header.index(column)
        damage.append(Damage(BROKEN_FILE, line, column, value, rows[line - 1][index]))
        rows[line - 1][index] = value
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return damage
