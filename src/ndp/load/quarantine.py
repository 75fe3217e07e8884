"""The quarantine: rows a partial load refused, kept with their reasons until fixed.

``quarantined_rows`` lists them; ``export_quarantine`` writes one CSV per source with the
original columns plus ``reasons`` and ``quarantine_id``, ready to fix in a spreadsheet;
``reload_quarantine`` loads fixed exports: rows that now pass load, and every entry of the export
is released (rows still wrong are quarantined again, with their new reasons).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ndp.contract import contract
from ndp.errors import NdpError
from ndp.files import replacing
from ndp.load.headers import normalise_header
from ndp.load.orchestrate import LoadResult, load_files
from ndp.store import Store

QUARANTINE_ID = "quarantine_id"
REASONS = "reasons"


@dataclass(frozen=True)
class QuarantinedRow:
    """A refused row still waiting to be fixed."""

    quarantine_id: int
    source: str
    file: str
    line: int
    record: dict[str, str | None]
    reasons: list[dict[str, str]]

    @property
    def reason_text(self) -> str:
        return "; ".join(
            f"{r['column']}: {r['value']!r}: expected {r['expected']}" for r in self.reasons
        )


def quarantined_rows(store: Store, source: str | None = None) -> list[QuarantinedRow]:
    """Rows in quarantine (not yet released), oldest first."""
    rows = store.execute(
        "SELECT q.quarantine_id, q.source, f.path, q.line, q.record_json, q.reasons_json "
        "FROM quarantine q JOIN load_files f USING (file_id) "
        "WHERE q.released_by_load IS NULL AND (? IS NULL OR q.source = ?) "
        "ORDER BY q.quarantine_id",
        [source, source],
    )
    return [
        QuarantinedRow(qid, src, path, line, json.loads(record), json.loads(reasons))
        for qid, src, path, line, record, reasons in rows
    ]


def export_quarantine(store: Store, out_dir: Path) -> list[Path]:
    """Write one CSV per source of the quarantined rows, all or none; return the files."""
    by_source: dict[str, list[QuarantinedRow]] = {}
    for row in quarantined_rows(store):
        by_source.setdefault(row.source, []).append(row)
    targets = [out_dir / f"quarantine-{source}.csv" for source in by_source]
    with replacing(targets) as partials:
        for rows, partial in zip(by_source.values(), partials, strict=True):
            _write_rows(rows, partial)
    return targets


def _contract_record(source: str, record: dict[str, str | None]) -> dict[str, str | None]:
    """A refused row's values under the contract's column names (``Force ID`` and ``force_id``
    from two files are one column), columns the contract does not know under their own."""
    known = contract().sources[source].columns
    named: dict[str, str | None] = {}
    for header, value in record.items():
        norm = normalise_header(header)
        name = norm if norm in known else header
        if named.get(name) is None:
            named[name] = value
    return named


def _write_rows(rows: list[QuarantinedRow], path: Path) -> None:
    records = [_contract_record(row.source, row.record) for row in rows]
    known = list(contract().sources[rows[0].source].columns)
    seen = {c for record in records for c in record}
    columns = [c for c in known if c in seen]
    for record in records:
        columns += [c for c in record if c not in columns]
    # CRLF ends a record, so a value holding a bare CR (or LF) is quoted and reloads intact
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow([*columns, REASONS, QUARANTINE_ID])
        for row, record in zip(rows, records, strict=True):
            cells = [record.get(c) or "" for c in columns]
            writer.writerow([*cells, row.reason_text, row.quarantine_id])


def _quarantine_ids(path: Path) -> list[int]:
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            if reader.fieldnames is None or QUARANTINE_ID not in reader.fieldnames:
                raise NdpError(f"{path}: not a quarantine export: it has no {QUARANTINE_ID} column")
            texts = [(n, row[QUARANTINE_ID]) for n, row in enumerate(reader, start=2)]
    except UnicodeDecodeError as error:
        raise NdpError(
            f"{path}: not UTF-8 (byte {error.start}): save it again as 'CSV UTF-8 (Comma "
            "delimited)' in Excel, or UTF-8 in another editor"
        ) from None
    ids: list[int] = []
    for line, text in texts:
        if text and not text.strip().isdigit():
            raise NdpError(
                f"{path}, line {line}, column {QUARANTINE_ID}: {text!r}: expected "
                "the entry's number as exported"
            )
        if text:
            ids.append(int(text))
    return ids


def reload_quarantine(store: Store, paths: Sequence[Path], **options: object) -> LoadResult:
    """Load fixed exports (partially) and release the quarantine entries they carried."""
    ids: list[int] = []
    for path in paths:
        if not Path(path).is_file():
            raise NdpError(f"{path}: no such file")
        ids += _quarantine_ids(Path(path))

    def release(store: Store, load_id: int) -> None:
        for quarantine_id in ids:
            store.execute(
                "UPDATE quarantine SET released_by_load = ? "
                "WHERE released_by_load IS NULL AND quarantine_id = ?",
                [load_id, quarantine_id],
            )

    return load_files(store, paths, partial=True, then=release, **options)  # type: ignore[arg-type]
