"""The quarantine: rows a partial load refused, kept with their reasons until fixed.

``quarantined_rows`` lists them; ``export_quarantine`` writes one CSV per source with the
contract's columns plus ``reasons`` and ``quarantine_id``, ready to fix in a spreadsheet (every
value as written, formulas neutralised);
``reload_quarantine`` loads fixed exports: rows that now pass load, and every entry of the export
is released (rows still wrong are quarantined again, with their new reasons).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ndp.contract import contract
from ndp.errors import NdpError
from ndp.files import replacing
from ndp.load.cells import neutralise, restore
from ndp.load.headers import contract_record
from ndp.load.orchestrate import ExtractFile, LoadResult, load_files
from ndp.load.readers import CSV_SUFFIXES, EXPORT_ENCODINGS
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


def _write_rows(rows: list[QuarantinedRow], path: Path) -> None:
    """One column set for the source (the contract's names, in its order, then any column the
    contract does not know), every value as written: quoted where it needs it, formulas
    neutralised (``ndp.load.cells``), UTF-8 with a BOM so that Excel opens it as UTF-8."""
    source = contract().sources[rows[0].source]
    records = [contract_record(source, row.record) for row in rows]
    seen = {c for record in records for c in record}
    columns = [c for c in source.columns if c in seen]
    for record in records:
        columns += [c for c in record if c not in columns]
    # CRLF ends a record, so a value holding a bare CR (or LF) is quoted and reloads intact
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow([neutralise(c) for c in [*columns, REASONS, QUARANTINE_ID]])
        for row, record in zip(rows, records, strict=True):
            cells = [neutralise(record.get(c) or "") for c in columns]
            writer.writerow([*cells, neutralise(row.reason_text), row.quarantine_id])


def _export_text(path: Path) -> str:
    """The text of a fixed export: UTF-8 (with or without BOM) or Windows-1252, as Excel saves."""
    if path.suffix.lower() not in CSV_SUFFIXES:
        raise NdpError(
            f"{path}: a quarantine export is reloaded as CSV: save it as 'CSV UTF-8 (Comma "
            "delimited)' (or 'CSV (Comma delimited)') and reload that"
        )
    data = path.read_bytes()
    for encoding in EXPORT_ENCODINGS:
        try:
            return data.decode("utf-8-sig" if encoding == "utf-8" else encoding)
        except UnicodeDecodeError:
            continue
    raise NdpError(f"{path}: neither UTF-8 nor Windows-1252: save it again as 'CSV UTF-8'")


def _quarantine_ids(path: Path) -> list[tuple[int, int]]:
    """(line, quarantine id) of each row of an export that carries one."""
    try:
        reader = csv.DictReader(io.StringIO(_export_text(path), newline=""))
        names = [restore(n) for n in reader.fieldnames or []]
        if QUARANTINE_ID not in names:
            raise NdpError(f"{path}: not a quarantine export: it has no {QUARANTINE_ID} column")
        column = (reader.fieldnames or [])[names.index(QUARANTINE_ID)]
        texts = [(reader.line_num, row[column]) for row in reader]
    except csv.Error as error:
        raise NdpError(f"{path}: not a readable CSV file: {error}") from None
    ids: list[tuple[int, int]] = []
    for line, text in texts:
        if text and not text.strip().isdigit():
            raise NdpError(
                f"{path}, line {line}, column {QUARANTINE_ID}: {text!r}: expected "
                "the entry's number as exported"
            )
        if text:
            ids.append((line, int(text)))
    return ids


def _export_source(store: Store, path: Path, ids: list[tuple[int, int]]) -> str | None:
    """The source of an export, from the entries it carries (None: carries none)."""
    known = dict(
        store.execute(
            "SELECT quarantine_id, source FROM quarantine "
            "WHERE quarantine_id IN (SELECT unnest(?::BIGINT[]))",
            [[qid for _, qid in ids]],
        )
    )
    for line, qid in ids:
        if qid not in known:
            raise NdpError(
                f"{path}, line {line}, column {QUARANTINE_ID}: {str(qid)!r}: expected the number "
                "of an entry in this store's quarantine (see ndp quarantine list)"
            )
    sources = sorted(set(known.values()))
    if len(sources) > 1:
        raise NdpError(
            f"{path}: the rows come from several sources ({', '.join(sources)}): reload each "
            "source's export as exported, one file a source"
        )
    return sources[0] if sources else None


def reload_quarantine(store: Store, paths: Sequence[Path], **options: object) -> LoadResult:
    """Load fixed exports (partially) and release the quarantine entries they carried."""
    ids: list[int] = []
    files: list[ExtractFile] = []
    for path in map(Path, paths):
        if not path.is_file():
            raise NdpError(f"{path}: no such file")
        carried = _quarantine_ids(path)
        ids += [qid for _, qid in carried]
        files.append(ExtractFile(path, _export_source(store, path, carried), export=True))

    def release(store: Store, load_id: int) -> None:
        for quarantine_id in ids:
            store.execute(
                "UPDATE quarantine SET released_by_load = ? "
                "WHERE released_by_load IS NULL AND quarantine_id = ?",
                [load_id, quarantine_id],
            )

    return load_files(store, files, partial=True, then=release, **options)  # type: ignore[arg-type]
