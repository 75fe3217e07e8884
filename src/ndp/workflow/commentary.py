"""Editing a quarter's commentary in the browser: every save a new version, no silent
overwrite, and the commentary file ``ndp report --commentary`` reads rewritten each time.

A save names the version its text was based on. Inside one exclusive transaction of the app
database it reads the quarter's file (a change made there by hand, or a file never seen before,
becomes new versions by ``file``), refuses the save when the entry has moved on since that
version (``Conflict``, with the other version), adds the new version, writes the file whole and
records the edit in the audit log. A failure anywhere leaves the versions, the file and the log
as they were.
"""

from __future__ import annotations

from dataclasses import dataclass

from ndp.appdb import AppDB
from ndp.appdb.audit import iso
from ndp.appdb.backend import Tx
from ndp.errors import NdpError
from ndp.report.commentary import unknown_about
from ndp.workflow.commentary_file import QuarterCommentary, read_file, write_file
from ndp.workflow.commentary_versions import Entry, Version, add_version, history, latest_versions

#: characters in one entry: a report's commentary is paragraphs, not documents
MAX_CHARACTERS = 10_000
FILE_AUTHOR = "file"
#: the text of a version that takes the entry out of the report
REMOVED = ""


@dataclass(frozen=True)
class EntryState:
    """An entry now: its newest version (None before the first) and every version, newest first."""

    entry: Entry
    current: Version | None
    versions: list[Version]

    @property
    def version(self) -> int:
        return self.current.version if self.current else 0


@dataclass(frozen=True)
class Saved:
    version: Version
    changed: bool


@dataclass(frozen=True)
class Conflict:
    """Someone saved the entry after the version the text was based on: theirs is ``theirs``."""

    theirs: Version


def check_entry(quarter: QuarterCommentary, entry: Entry) -> None:
    """An entry the commentary file may hold, or NdpError with read_commentary's own words."""
    wrong = unknown_about(entry.about, quarter.pack, summary=entry.part == "summary")
    if wrong:
        raise NdpError(wrong[0].upper() + wrong[1:])


def check_text(entry: Entry, text: str) -> str:
    """The text as it is kept (line ends made ``\\n``, outer blank space removed), or NdpError
    saying what to write."""
    kept = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    what = _what(entry)
    if not kept:
        raise NdpError(f"Enter {what} about {entry.about} as Markdown text")
    if len(kept) > MAX_CHARACTERS:
        raise NdpError(
            f"Shorten {what} about {entry.about} to {MAX_CHARACTERS:,} characters or fewer "
            f"(it has {len(kept):,})"
        )
    return kept


def entry_state(db: AppDB, quarter: QuarterCommentary, entry: Entry) -> EntryState:
    """The entry's versions, after taking in any change made to the file."""
    check_entry(quarter, entry)
    with db.transaction(exclusive=True) as tx:
        _take_in_file(db, tx, quarter)
        versions = history(tx, quarter.period, entry)
    return EntryState(entry, versions[0] if versions else None, versions)


def report_versions(db: AppDB, quarter: QuarterCommentary) -> dict[str, int]:
    """The version of each entry in the report now (``E1b``, ``summary:F1a``; removed entries
    left out), after taking in any change made to the file: what a publication records."""
    with db.transaction(exclusive=True) as tx:
        _take_in_file(db, tx, quarter)
        latest = latest_versions(tx, quarter.period)
    return {e.name: v.version for e, v in sorted(latest.items(), key=lambda i: i[0].name)
            if v.text}  # fmt: skip


def save_entry(
    db: AppDB, quarter: QuarterCommentary, entry: Entry, text: str, based_on: int, by: str
) -> Saved | Conflict:
    """Save ``text`` as the entry's next version unless the entry has moved on from
    ``based_on`` (0: the text was written before there was any version)."""
    check_entry(quarter, entry)
    return _commit(db, quarter, entry, check_text(entry, text), based_on, by)


def remove_entry(
    db: AppDB, quarter: QuarterCommentary, entry: Entry, based_on: int, by: str
) -> Saved | Conflict:
    """Take the entry out of the report: a version with no text (``REMOVED``), which the file
    leaves out, unless the entry has moved on from ``based_on``."""
    check_entry(quarter, entry)
    return _commit(db, quarter, entry, REMOVED, based_on, by)


def _commit(
    db: AppDB, quarter: QuarterCommentary, entry: Entry, kept: str, based_on: int, by: str
) -> Saved | Conflict:
    with db.transaction(exclusive=True) as tx:
        spc_steps = _take_in_file(db, tx, quarter)
        current = latest_versions(tx, quarter.period).get(entry)
        if (current.version if current else 0) != based_on:
            if current is None:  # a form naming a version that never was
                raise NdpError(f"There is no version {based_on} of this entry: reload the page")
            return Conflict(current)
        if current is None and kept == REMOVED:
            noun = "commentary" if entry.part == "commentary" else "summary reason"
            raise NdpError(f"There is no {noun} about {entry.about} to remove")
        if current is not None and current.text == kept:
            return Saved(current, changed=False)
        saved = add_version(tx, quarter.period, entry, kept, by, iso(db.now()))
        texts = {e: v.text for e, v in latest_versions(tx, quarter.period).items() if v.text}
        write_file(quarter, texts, spc_steps)
        action = "commentary_saved" if kept else "commentary_removed"
        detail: dict[str, object] = {"entry": entry.name, "version": saved.version}
        db.audit_in(tx, by, action, _target(quarter, entry), detail)
    return Saved(saved, changed=True)


def _take_in_file(db: AppDB, tx: Tx, quarter: QuarterCommentary) -> object:
    """Add a version by ``file`` for each entry whose text in the file is not its newest version
    (every entry, the first time a quarter's file is seen); return the file's SPC steps."""
    content = read_file(quarter)
    latest = latest_versions(tx, quarter.period)
    at = iso(db.now())
    for entry, text in content.entries.items():
        if entry not in latest or latest[entry].text != text:
            added = add_version(tx, quarter.period, entry, text, FILE_AUTHOR, at)
            detail: dict[str, object] = {"entry": entry.name, "version": added.version}
            db.audit_in(tx, FILE_AUTHOR, "commentary_imported", _target(quarter, entry), detail)
    return content.spc_steps


def _what(entry: Entry) -> str:
    return "the commentary" if entry.part == "commentary" else "the reason"


def _target(quarter: QuarterCommentary, entry: Entry) -> str:
    return f"/{quarter.slug}/commentary/{entry.name}"
