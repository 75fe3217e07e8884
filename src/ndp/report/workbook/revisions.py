"""The publication's marks in the workbook (ndp.report.marks; a draft says so on its cover,
``notes.cover_text``): a revised version has a table of its revised figures, numbers as numbers
with the GSS marker "[r]" in a column of its own, and a note each revised indicator's table
refers to."""

from __future__ import annotations

from typing import Any

from ndp.report.marks import REVISED, area_name
from ndp.report.workbook import cells
from ndp.report.workbook.cells import NOT_AVAILABLE, Table
from ndp.report.workbook.notes import Note
from ndp.report.workbook.tables import period_words

NOTE_ID = "revisions"


def _entries(pack: dict[str, Any], areas: set[str] | None) -> list[dict[str, Any]]:
    return [e for e in pack.get("revisions") or [] if areas is None or e["area"] in areas]


def revisions_note(pack: dict[str, Any]) -> Note | None:
    """What "[r]" means, which version this revises and why."""
    entries = _entries(pack, None)
    if not entries:
        return None
    first = entries[0]
    return Note(NOTE_ID, "Every table of a revised indicator, and the revised figures", (
        f"{REVISED}: revised. This edition revises version {first['previous_version']} "
        f"({first['reason']}); the table of revised figures gives each revised figure with the "
        "value the previous version published."
    ))  # fmt: skip


def revised_indicators(pack: dict[str, Any], areas: set[str] | None) -> set[str]:
    return {e["indicator"] for e in _entries(pack, areas)}


def revisions_table(pack: dict[str, Any], areas: set[str] | None, notes: list[str]) -> Table | None:
    """Each revised figure (of ``areas``, where given): the indicator, the area, this version's
    value and the previous one, each a number in its unit's format."""
    entries = _entries(pack, areas)
    if not entries:
        return None
    rows, formats = [], {}
    for i, e in enumerate(entries):
        ind = pack["indicators"].get(e["indicator"], {})
        rows.append([
            f"{ind.get('title', e['indicator'])} ({e['indicator']})", area_name(pack, e["area"]),
            NOT_AVAILABLE if e["value"] is None else e["value"],
            NOT_AVAILABLE if e["previous_value"] is None else e["previous_value"],
            REVISED, e["previous_version"], e["reason"],
        ])  # fmt: skip
        formats[i] = cells.NUMBER_FORMATS.get(ind.get("unit", "count"), "General")
    return Table(
        f"Revised figures: {period_words(pack)}",
        ["Each figure this edition revises, with the value the previous version published. "
         "Each value is in its indicator's unit."],
        ["Indicator", "Area", "Value", "Previous value", "Marker", "Previous version", "Reason"],
        rows,
        row_formats=formats,
        notes=notes,
    )  # fmt: skip
