"""``load_files``: validate every file, then write them all in one transaction.

By default any problem in any file refuses the whole load (nothing written). With
``partial=True`` the good rows load and the refused ones go to quarantine. A file already loaded
(same SHA-256) is skipped unless ``reapply`` (recorded in ``reapplied_files``). Two files of one
command that give a key different values are refused (``ndp.load.conflicts``). A record seen
again with the same key replaces the stored one, which moves to history; a quarantine entry is
released when its key loads cleanly (``ndp.load.release``). Every row records the load and file
it came from.
"""

from __future__ import annotations

import getpass
import os
import socket
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from importlib.metadata import version
from pathlib import Path

from ndp.errors import InputRefused, NdpError, Problem
from ndp.load.conflicts import conflicting_keys
from ndp.load.references import reference_problems
from ndp.load.release import release_loaded_keys
from ndp.load.validate import ValidatedExtract, refused_rows, validate_extract
from ndp.load.writer import quarantine_rows, write_extract
from ndp.store import Store

#: Test hook: seconds to wait inside the transaction, just before commit (see tests/load).
PAUSE_BEFORE_COMMIT = "NDP_TEST_PAUSE_BEFORE_COMMIT"


@dataclass(frozen=True)
class ExtractFile:
    """A file to load, with what is known of it: its source, and whether it is a fixed
    quarantine export (read as Excel saves it, its neutralised formulas restored)."""

    path: Path
    source: str | None = None
    export: bool = False


@dataclass(frozen=True)
class FileResult:
    """What happened to one file of a load."""

    path: Path
    source: str
    sha256: str
    status: str  # loaded | already loaded
    rows_read: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    quarantined: int = 0
    #: quarantine entries released because this file loaded their key cleanly
    released: int = 0
    #: with ``reapply``: the file id of the earlier load of the same contents
    reapplies: int | None = None


@dataclass
class LoadResult:
    """The outcome of one ``load_files`` call."""

    load_id: int | None
    files: list[FileResult] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


Progress = Callable[[str], None]


def load_files(
    store: Store,
    paths: Sequence[Path | str | ExtractFile],
    *,
    source: str | None = None,
    partial: bool = False,
    reapply: bool = False,
    username: str | None = None,
    today: date | None = None,
    progress: Progress | None = None,
    then: Callable[[Store, int], None] | None = None,
) -> LoadResult:
    """Load ``paths`` into ``store`` as one transaction; raise ``InputRefused`` on problems.

    ``then(store, load_id)``, if given, runs inside the same transaction after the writes.
    ``reapply`` loads again a file loaded before (to undo a later update), instead of
    skipping it as already loaded.
    """
    today = today or date.today()
    say = progress or (lambda _message: None)
    result = LoadResult(load_id=None)
    extracts: list[ValidatedExtract] = []
    problems: list[Problem] = []
    con = store.validation_connection()
    earlier: dict[str, int] = {}
    for item in paths:
        file = item if isinstance(item, ExtractFile) else ExtractFile(Path(item), source)
        path = Path(file.path)
        say(f"validating {path.name}")
        extract = validate_extract(
            con, path, source=file.source or source, today=today, export=file.export
        )
        result.warnings += extract.warnings
        before = _loaded_before(store, extract.sha256)
        if before is not None and reapply:
            earlier[extract.sha256] = before
        if (before is not None and not reapply) or any(
            e.sha256 == extract.sha256 for e in extracts
        ):
            result.files.append(
                FileResult(path, extract.source.name, extract.sha256, "already loaded")
            )
            continue
        extracts.append(extract)
        problems += extract.problems
    for index, found in reference_problems(store, extracts).items():
        _refuse_lines(store, extracts[index], found)
        problems += found
    for index, found in conflicting_keys(con, extracts).items():
        _refuse_lines(store, extracts[index], found)
        problems += found
    if problems and not partial:
        raise InputRefused(problems)
    if not extracts:
        return result
    file_problems = [p for e in extracts for p in e.file_problems]
    if file_problems:
        raise InputRefused(file_problems, "files with missing columns cannot load, even partially")
    say("writing")
    with store.transaction():
        store.lock_for_writing()
        extracts = _not_loaded_meanwhile(store, extracts, earlier, result)
        if not extracts:
            return result
        result.load_id = _begin_load(store, username, partial)
        for extract in extracts:
            written = _write_file(store, extract, result.load_id, today)
            if extract.sha256 in earlier:
                written = _record_reapply(store, written, earlier[extract.sha256])
            result.files.append(written)
        if then is not None:
            then(store, result.load_id)
        store.execute(
            "UPDATE loads SET finished_at = ?, status = 'complete' WHERE load_id = ?",
            [_now(), result.load_id],
        )
        pause = os.environ.get(PAUSE_BEFORE_COMMIT)
        if pause:
            Path(os.environ.get("NDP_TEST_MARKER", "ndp-pausing")).touch()
            time.sleep(float(pause))
    return result


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _loaded_before(store: Store, sha256: str) -> int | None:
    """The file id of the latest load of these contents, if any."""
    found = store.execute("SELECT max(file_id) FROM load_files WHERE sha256 = ?", [sha256])
    return None if not found or found[0][0] is None else int(found[0][0])


def _not_loaded_meanwhile(
    store: Store, extracts: list[ValidatedExtract], earlier: dict[str, int], result: LoadResult
) -> list[ValidatedExtract]:
    """The extracts still not loaded, asked again once no other load can run (PostgreSQL: two
    loads of one file at once must not both load it); the others are 'already loaded'."""
    left = []
    for extract in extracts:
        if extract.sha256 not in earlier and _loaded_before(store, extract.sha256) is not None:
            result.files.append(
                FileResult(extract.path, extract.source.name, extract.sha256, "already loaded")
            )
            continue
        left.append(extract)
    return left


def _record_reapply(store: Store, written: FileResult, earlier: int) -> FileResult:
    file_id = store.scalar("SELECT max(file_id) FROM load_files")
    store.execute("INSERT INTO reapplied_files VALUES (?, ?)", [file_id, earlier])
    return replace(written, reapplies=earlier)


def _refuse_lines(store: Store, extract: ValidatedExtract, problems: list[Problem]) -> None:
    """Move rows that broke a cross-source reference from the good rows to the refused, with
    their values as written (an unknown operation's row is exported whole to be fixed)."""
    if not problems:
        return
    lines = sorted({p.line for p in problems if p.line is not None})
    con = store.validation_connection()
    extract.refused = [
        *extract.refused,
        *refused_rows(con, extract.raw, extract.file_header, problems, lines),
    ]


def _begin_load(store: Store, username: str | None, partial: bool) -> int:
    load_id = int(store.execute("SELECT coalesce(max(load_id), 0) + 1 FROM loads")[0][0])
    try:
        user = username or getpass.getuser()
    except (KeyError, OSError):
        user = "unknown"
    store.execute(
        "INSERT INTO loads VALUES (?, ?, NULL, ?, ?, ?, ?, 'running')",
        [load_id, _now(), user, socket.gethostname(), version("ndp"), partial],
    )
    return load_id


def _write_file(store: Store, extract: ValidatedExtract, load_id: int, today: date) -> FileResult:
    file_id = int(store.execute("SELECT coalesce(max(file_id), 0) + 1 FROM load_files")[0][0])
    if extract.refused:
        kept = f"{extract.good}_kept"
        store.validation_connection().execute(
            f"CREATE OR REPLACE TEMP TABLE {kept} AS SELECT * FROM {extract.good} "
            "WHERE _line NOT IN (SELECT unnest(?::BIGINT[]))",
            [[r.line for r in extract.refused]],
        )
        extract.good = kept
    counts = write_extract(store, extract, load_id, file_id)
    released = release_loaded_keys(store, extract, load_id, today)
    quarantined = quarantine_rows(store, extract.source.name, file_id, extract.refused)
    store.execute(
        "INSERT INTO load_files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            file_id,
            load_id,
            str(extract.path.resolve()),
            extract.sha256,
            extract.source.name,
            extract.rows_read,
            counts.inserted,
            counts.updated,
            counts.unchanged,
            quarantined,
        ],
    )
    return FileResult(
        extract.path,
        extract.source.name,
        extract.sha256,
        "loaded",
        extract.rows_read,
        counts.inserted,
        counts.updated,
        counts.unchanged,
        quarantined,
        released,
    )


__all__ = ["ExtractFile", "FileResult", "LoadResult", "NdpError", "load_files"]
