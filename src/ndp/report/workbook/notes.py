"""The workbook's notes and cover, from the pack. A note is written only where a table refers to
it, and says which indicator (or which tables) it qualifies."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ndp.engine.disclosure.differencing import MIN_OTHERS
from ndp.report import format as fmt
from ndp.report.marks import DRAFT, DRAFT_NOTE, is_draft
from ndp.report.tidy.labels import sentence
from ndp.report.workbook.cells import SYMBOLS

DEFAULT_CONTACT = "National Lead Force performance team, City of London Police"


@dataclass(frozen=True)
class Note:
    id: str
    applies_to: str
    text: str


def _named(ind_id: str, ind: dict[str, Any]) -> str:
    return f"{ind['title']} ({ind_id})"


def indicator_notes(pack: dict[str, Any], ind_id: str, *, national: bool) -> list[Note]:
    """The notes one indicator's table refers to: its data-quality flags in the engine's words,
    why it is not yet measurable or has no records, that it is a rate or a stock, and (the
    national edition) the remainder the regions do not hold."""
    ind = pack["indicators"][ind_id]
    name, unit = _named(ind_id, ind), ind["unit"]
    notes = [
        Note(f"{ind_id}.{flag['flag']}", name,
             f"{sentence(fmt.label(flag['flag']))}: {fmt.plain(str(flag.get('message', '')))}.")
        for flag in pack["data_quality"]["flags"]
        if flag.get("indicator") == ind_id
    ]  # fmt: skip
    if not ind["measurable"] and ind.get("measurable_reason"):
        notes.append(Note(f"{ind_id}.not_measurable", name,
                          f"Not yet measurable: {ind['measurable_reason']}"))  # fmt: skip
    reason = pack["measures"].get(ind["measure"], {}).get("no_records_reason")
    if ind["value"] is None and reason:
        notes.append(Note(f"{ind_id}.no_records_reason", name, f"No records: {reason}"))
    if unit == "percent":
        notes.append(Note(f"{ind_id}.rate", name, (
            "A percentage: its changes are in percentage points (the later figure minus the "
            "earlier); each 'Change (%)' column is the change as a percentage of the comparator."
        )))  # fmt: skip
    if ind["kind"] == "stock":
        notes.append(Note(f"{ind_id}.stock", name, (
            "A stock, taken on the last day of the quarter, so it is compared with the previous "
            "year's end rather than its quarterly average."
        )))  # fmt: skip
    rest = ((ind.get("by") or {}).get("unattributed") or {}).get("region") or {}
    if national and rest.get("value"):
        notes.append(Note(f"{ind_id}.unattributed", name, (
            f"The regions add up to less than England and Wales: {fmt.figure(rest['value'], unit)}"
            " of it was recorded by national units or units in no region (the row 'Not "
            "attributed to a region')."
        )))  # fmt: skip
    return notes


def mixed_units_note(tables: str) -> Note:
    return Note("mixed_units", tables, (
        "Each row is in the unit its Unit column names; for a percentage, changes are in "
        "percentage points and 'Change (%)' is the change as a percentage of the comparator."
    ))  # fmt: skip


def outcome_note() -> Note:
    return Note("outcome_codes", "Indicators by category (outcome categories)", (
        "Outcomes are the Home Office Counting Rules crime outcome types, named as the Home "
        "Office names them."
    ))  # fmt: skip


def monthly_areas_note() -> Note:
    return Note("monthly_areas", "Monthly series", (
        "Monthly figures are given for England and Wales only: the figures of regions and "
        "forces by month are not yet available."
    ))  # fmt: skip


def _audience(pack: dict[str, Any]) -> list[str]:
    rules = pack.get("disclosure") or {}
    if "min_count" not in rules:
        return []
    return [
        f"Written for the {rules['audience']} audience: counts of fewer than "
        f"{rules['min_count']} and the figures that would reveal them are suppressed ([c])."
    ]


def disclosure_note(pack: dict[str, Any]) -> Note | None:
    """What ``[c]`` means in a workbook written for an audience with disclosure control."""
    rules = pack.get("disclosure") or {}
    if "min_count" not in rules:
        return None
    return Note("disclosure", "Every table with [c]", (
        f"[c]: suppressed to protect confidentiality. In this edition for the {rules['audience']} "
        f"audience, counts of fewer than {rules['min_count']} (other than zero) are suppressed, "
        "and so are enough other figures (complementary suppression) that no suppressed figure "
        "can be worked out from the others, and every figure calculated from a suppressed one "
        "(changes, rates, averages, shares, ranks)."
    ))  # fmt: skip


def differencing_note(pack: dict[str, Any], area: str | None) -> Note | None:
    """What ``[c]`` means in a force's edition: its region's figures the differencing rule
    withholds (``ndp.engine.disclosure.differencing``)."""
    if area is None:
        return None
    return Note("differencing", "Every table with [c]", (
        f"[c]: withheld from this edition. A figure of the region that rests on a quarter in "
        f"which fewer than {MIN_OTHERS} other forces or units of the region recorded is "
        "withheld, since, less this force's own figure, it would show another force's: the "
        "region's figure and average per force for that quarter, and any comparison with it."
    ))  # fmt: skip


def cover_text(pack: dict[str, Any], area: str | None) -> dict[str, Any]:
    """The cover: title, what the workbook holds, its status as management information, the
    release date and the contact (the framework's ``contact`` where the pack carries one)."""
    framework, period = pack["framework"], pack["period"]
    span = f"{period['span'].replace(' - ', ' to ')} ({period['label']})"
    who = "England and Wales"
    if area is not None:
        who = pack["geographies"]["forces"][area]["name"]
    holds = (
        "a summary of every indicator for England and Wales, one table per indicator with "
        "England and Wales, each region and each force, the indicators by category, and every "
        "indicator's quarterly and monthly series"
        if area is None
        else f"one table per indicator with {who}, its region and England and Wales, and every "
        "indicator's quarterly and monthly series for them"
    )
    draft = is_draft(pack)
    return {
        "title": (f"{DRAFT}: " if draft else "")
        + f"{framework['title']}: statistical workbook for {who}, {span}",
        "intro": [
            *([DRAFT_NOTE] if draft else []),
            f"This workbook holds the figures of the {framework['title']} for {span}: {holds}.",
            f"The indicators are those of the framework {framework['id']} (version "
            f"{framework['version']}) for the {framework['strategy']}.",
            "The Contents sheet lists every table; the Notes sheet holds the notes the tables "
            "refer to as [note N].",
        ],
        "about": [
            "Status: management information. These figures are collected to manage and monitor "
            "performance; they are not official statistics and have not been assessed by the "
            "Office for Statistics Regulation.",
            f"Released: {fmt.day(str(pack['generated_at'])[:10])}.",
            "Figures are stored as numbers, unrounded; percentages as numbers of per cent "
            "(53.2 means 53.2%).",
            "Symbols: " + "; ".join(SYMBOLS.values()) + ".",
            *_audience(pack),
        ],
        "contact": [str(framework.get("contact") or DEFAULT_CONTACT)],
    }
