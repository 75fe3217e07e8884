"""Writing validated rows into the store, set-wise: insert new records, replace changed ones
(their earlier version moves to history), leave identical ones alone."""

from __future__ import annotations

import json
from dataclasses import dataclass

from ndp.load.validate import RefusedRow, ValidatedExtract
from ndp.store import Store, history_table_name
from ndp.store.sql import quote_ident as ident


@dataclass(frozen=True)
class WriteCounts:
    inserted: int
    updated: int
    unchanged: int


def write_extract(
    store: Store, extract: ValidatedExtract, load_id: int, file_id: int
) -> WriteCounts:
    """Move the extract's good rows into the store (inside the caller's transaction)."""
    source = extract.source
    table, history = source.name, history_table_name(source)
    columns = list(source.columns)
    stage = f"_ndp_stage_{file_id}"
    store.stage(extract.good, stage, [*columns, "_line"])
    total = store.execute(f"SELECT count(*) FROM {stage}")[0][0]
    key = " AND ".join(f"s.{ident(k)} = t.{ident(k)}" for k in source.key)
    same = " AND ".join(f"s.{ident(c)} IS NOT DISTINCT FROM t.{ident(c)}" for c in columns)
    updated = unchanged = 0
    if store.execute(f"SELECT EXISTS (SELECT 1 FROM {table})")[0][0]:
        unchanged, updated = store.execute(
            f"SELECT count(*) FILTER (WHERE {same}), count(*) FILTER (WHERE NOT ({same})) "
            f"FROM {stage} s JOIN {table} t ON {key}"
        )[0]
        if updated:
            changed = f"EXISTS (SELECT 1 FROM {stage} s WHERE {key} AND NOT ({same}))"
            store.execute(
                f"INSERT INTO {history} SELECT t.*, {load_id} FROM {table} t WHERE {changed}"
            )
            store.execute(f"DELETE FROM {table} t WHERE {changed}")
        absent = f"NOT EXISTS (SELECT 1 FROM {table} t WHERE {key})"
    else:
        absent = "true"
    names = ", ".join(ident(c) for c in columns)
    store.execute(
        f"INSERT INTO {table} ({names}, _load_id, _file_id, _line) "
        f"SELECT {', '.join('s.' + ident(c) for c in columns)}, {load_id}, {file_id}, s._line "
        f"FROM {stage} s WHERE {absent}"
    )
    store.execute(f"DROP {'VIEW' if store.kind == 'duckdb' else 'TABLE'} IF EXISTS {stage}")
    return WriteCounts(total - updated - unchanged, updated, unchanged)


def quarantine_rows(store: Store, source: str, file_id: int, rows: list[RefusedRow]) -> int:
    """Keep refused rows with their reasons until they are fixed and re-loaded."""
    if not rows:
        return 0
    start = store.execute("SELECT coalesce(max(quarantine_id), 0) FROM quarantine")[0][0]
    for offset, row in enumerate(rows, start=1):
        reasons = [
            {"column": p.column, "value": p.value, "expected": p.expected} for p in row.problems
        ]
        store.execute(
            "INSERT INTO quarantine VALUES (?, ?, ?, ?, ?, ?, NULL)",
            [
                start + offset,
                file_id,
                source,
                row.line,
                json.dumps(row.record),
                json.dumps(reasons),
            ],
        )
    return len(rows)
