"""Releasing quarantine entries whose record has since loaded cleanly, by any path.

An entry is released when a load writes a good row with the same key: a quarantined row fixed
at the source and loaded in the next extract, or reloaded from an export, leaves the quarantine
either way. The entry's key is read from its values as written, with the contract's parsers
(``Met`` and ``E23000001`` are one force); an entry whose key cannot be read (a bad date in the
key) waits for its export to be reloaded.
"""

from __future__ import annotations

import json
from datetime import date

import pyarrow as pa

from ndp.contract import Source
from ndp.load.headers import contract_record
from ndp.load.parsers import Invalid, parser_for
from ndp.load.validate import ValidatedExtract
from ndp.store import Store
from ndp.store.sql import quote_ident as ident


def entry_key(source: Source, record: dict[str, str | None], today: date) -> tuple[str, ...] | None:
    """A quarantined record's key in canonical form, or None if a key value is missing or bad."""
    values = contract_record(source, record)
    key: list[str] = []
    for name in source.key:
        text = (values.get(name) or "").strip()
        if not text:
            return None
        parser = parser_for(source.columns[name], today)
        try:
            key.append(parser(text) if parser else text)
        except Invalid:
            return None
    return tuple(key)


def release_loaded_keys(store: Store, extract: ValidatedExtract, load_id: int, today: date) -> int:
    """Release the open entries of ``extract``'s source whose key is among its good rows."""
    source = extract.source
    entries = store.execute(
        "SELECT quarantine_id, record_json FROM quarantine "
        "WHERE released_by_load IS NULL AND source = ?",
        [source.name],
    )
    keys = {qid: entry_key(source, json.loads(record), today) for qid, record in entries}
    wanted = {qid: key for qid, key in keys.items() if key is not None}
    if not wanted:
        return 0
    columns: dict[str, list[object]] = {"qid": list(wanted)}
    for index in range(len(source.key)):
        columns[f"k{index}"] = [key[index] for key in wanted.values()]
    con = store.validation_connection()
    con.register("_ndp_release", pa.table(columns))
    try:
        on = " AND ".join(
            f"CAST(g.{ident(name)} AS VARCHAR) = e.k{i}" for i, name in enumerate(source.key)
        )
        found = con.execute(
            f"SELECT DISTINCT e.qid FROM _ndp_release e JOIN {extract.good} g ON {on}"
        ).fetchall()
    finally:
        con.unregister("_ndp_release")
    for (qid,) in found:
        store.execute(
            "UPDATE quarantine SET released_by_load = ? "
            "WHERE quarantine_id = ? AND released_by_load IS NULL",
            [load_id, qid],
        )
    return len(found)
