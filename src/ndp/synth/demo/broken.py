"""A deliberately broken demo extract, for learning what a refused load looks like and how to
fix it: two cells of ``apmis-disruptions.csv`` are spoilt, each the kind of mistake real
extracts carry (the force that is there, misspelt; a day that does not exist). ``Damage`` says
what was there."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

BROKEN_FILE = "apmis-disruptions.csv"
#: (file line, column, the spoilt value or None: the value there, misspelt); line 1 is the header
_SPOILS: tuple[tuple[int, str, str | None], ...] = ((3, "Force", None), (5, "Date", "31/02/2023"))


def misspelt(name: str) -> str:
    """``name`` with the last two letters of its first long word swapped, as a hurried typist
    does: ``Metropolitan Police`` -> ``Metropolitna Police``, ``Lancs`` -> ``Lansc``."""
    words = name.split(" ")
    i = next((n for n, w in enumerate(words) if len(w) >= 4 and w[-2] != w[-1]), 0)
    word = words[i]
    words[i] = word[:-2] + word[-1] + word[-2] if len(word) >= 2 else word + word
    return " ".join(words)


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
    for line, column, spoilt in _SPOILS:
        index = header.index(column)
        was = rows[line - 1][index]
        value = misspelt(was) if spoilt is None else spoilt
        damage.append(Damage(BROKEN_FILE, line, column, value, was))
        rows[line - 1][index] = value
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return damage
