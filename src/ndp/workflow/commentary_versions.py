"""Every saved version of every commentary entry, in the app database's ``app_commentary``
(SQLite or PostgreSQL): rows are only ever added, so the history of an entry is its rows.

An entry is one key of the commentary file: a ``commentary`` entry about an indicator or a
measure, or a ``summary`` entry (the executive summary's reason) about a measure.
"""

from __future__ import annotations

from dataclasses import dataclass

from ndp.appdb.backend import Row, Tx

PARTS = ("commentary", "summary")


@dataclass(frozen=True)
class Entry:
    """One key of a quarter's commentary file."""

    part: str  # "commentary" | "summary"
    about: str

    @property
    def name(self) -> str:
        """How messages and the audit log name it: ``E1b`` or ``summary:F1a``."""
        return self.about if self.part == "commentary" else f"summary:{self.about}"


@dataclass(frozen=True)
class Version:
    """One saved text of an entry: who saved it, when (ISO 8601, UTC)."""

    entry: Entry
    version: int
    text: str
    saved_by: str
    saved_at: str


_COLUMNS = "part, about, version, text, saved_by, saved_at"


def _version(row: Row) -> Version:
    return Version(Entry(str(row[0]), str(row[1])), int(row[2]), str(row[3]), str(row[4]),
                   str(row[5]))  # fmt: skip


def latest_versions(tx: Tx, period: str) -> dict[Entry, Version]:
    """The newest version of each entry of the quarter."""
    rows = tx.run(
        f"SELECT {_COLUMNS} FROM app_commentary c WHERE period = ? AND version = ("
        " SELECT max(version) FROM app_commentary m"
        " WHERE m.period = c.period AND m.part = c.part AND m.about = c.about)",
        (period,),
    )
    return {v.entry: v for v in map(_version, rows)}


def history(tx: Tx, period: str, entry: Entry) -> list[Version]:
    """Every version of an entry, newest first."""
    rows = tx.run(
        f"SELECT {_COLUMNS} FROM app_commentary WHERE period = ? AND part = ? AND about = ?"
        " ORDER BY version DESC",
        (period, entry.part, entry.about),
    )
    return [_version(row) for row in rows]


def add_version(tx: Tx, period: str, entry: Entry, text: str, by: str, at: str) -> Version:
    """The entry's next version (1 for a new entry), added in ``tx``."""
    found = tx.run(
        "SELECT max(version) FROM app_commentary WHERE period = ? AND part = ? AND about = ?",
        (period, entry.part, entry.about),
    )
    number = int(found[0][0] or 0) + 1
    tx.run(
        "INSERT INTO app_commentary (period, part, about, version, text, saved_by, saved_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (period, entry.part, entry.about, number, text, by, at),
    )
    return Version(entry, number, text, by, at)
