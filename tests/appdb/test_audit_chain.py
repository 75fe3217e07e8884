"""The audit log's hash chain: an edited, deleted or inserted row is found; pruning keeps the
chain verifiable; exports are JSON Lines."""

from __future__ import annotations

import hashlib
import io
import json
import sqlite3

import pytest

from conftest import Clock
from ndp.appdb import AppDB, AuditVerdict
from ndp.errors import NdpError


def write_rows(appdb: AppDB, clock: Clock, count: int) -> None:
    for n in range(1, count + 1):
        appdb.audit("ann", "view", f"/force/E23000032/{n}", "192.0.2.1", {"n": n})
        clock.advance(3600)


def tamper(path: str, sql: str, *params: object) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute(sql, params)


def exported(appdb: AppDB, since: str | None = None) -> list[dict[str, object]]:
    out = io.StringIO()
    count = appdb.audit_export(out, since)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert count == len(rows)
    return rows


def test_an_untouched_log_verifies(appdb: AppDB, clock: Clock) -> None:
    assert appdb.audit_verify() == AuditVerdict(True, 0, None, "0 rows, chain intact")
    write_rows(appdb, clock, 5)
    assert appdb.audit_verify() == AuditVerdict(True, 5, None, "5 rows, chain intact")


def test_each_hash_covers_the_previous_hash_and_the_rows_canonical_json(
    appdb: AppDB, clock: Clock
) -> None:
    write_rows(appdb, clock, 2)
    first, second = exported(appdb)
    document = {
        k: first[k] for k in ("seq", "at", "actor", "action", "target", "remote_addr", "detail")
    }
    canonical = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert first["prev_hash"] == "0" * 64
    assert first["hash"] == hashlib.sha256(("0" * 64 + canonical).encode()).hexdigest()
    assert second["prev_hash"] == first["hash"]
    assert first == {
        "seq": 1,
        "at": "2026-12-01T09:00:00.000000Z",
        "actor": "ann",
        "action": "view",
        "target": "/force/E23000032/1",
        "remote_addr": "192.0.2.1",
        "detail": {"n": 1},
        "prev_hash": "0" * 64,
        "hash": first["hash"],
    }


def test_an_edited_row_is_found(appdb: AppDB, clock: Clock, app_path: str) -> None:
    write_rows(appdb, clock, 5)
    tamper(app_path, "UPDATE app_audit SET actor = 'bob' WHERE seq = 3")
    assert appdb.audit_verify() == AuditVerdict(False, 3, 3, "row 3 does not match its hash")


def test_an_edited_detail_is_found(appdb: AppDB, clock: Clock, app_path: str) -> None:
    write_rows(appdb, clock, 5)
    tamper(app_path, "UPDATE app_audit SET detail = '{\"n\":30}' WHERE seq = 3")
    assert appdb.audit_verify() == AuditVerdict(False, 3, 3, "row 3 does not match its hash")


def test_an_edit_with_its_hash_recomputed_breaks_the_next_link(
    appdb: AppDB, clock: Clock, app_path: str
) -> None:
    write_rows(appdb, clock, 5)
    row = exported(appdb)[2]
    document = {
        k: row[k] for k in ("seq", "at", "actor", "action", "target", "remote_addr", "detail")
    }
    document["actor"] = "bob"
    canonical = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    forged = hashlib.sha256((str(row["prev_hash"]) + canonical).encode()).hexdigest()
    tamper(app_path, "UPDATE app_audit SET actor = 'bob', hash = ? WHERE seq = 3", forged)
    assert appdb.audit_verify() == AuditVerdict(False, 4, 4, "row 4 does not continue from row 3")


def test_a_deleted_row_is_found(appdb: AppDB, clock: Clock, app_path: str) -> None:
    write_rows(appdb, clock, 5)
    tamper(app_path, "DELETE FROM app_audit WHERE seq = 2")
    assert appdb.audit_verify() == AuditVerdict(False, 2, 3, "row 2 missing before row 3")
    tamper(app_path, "DELETE FROM app_audit WHERE seq = 3")
    assert appdb.audit_verify() == AuditVerdict(False, 2, 4, "rows 2 to 3 missing before row 4")


def test_deleting_the_first_rows_is_found(appdb: AppDB, clock: Clock, app_path: str) -> None:
    write_rows(appdb, clock, 5)
    tamper(app_path, "DELETE FROM app_audit WHERE seq <= 2")
    assert appdb.audit_verify() == AuditVerdict(
        False, 1, 3, "rows 1 to 2 are missing and no prune recorded it"
    )


def test_an_inserted_row_is_found(appdb: AppDB, clock: Clock, app_path: str) -> None:
    """A row slipped in as row 3, linked properly to row 2, with the later rows renumbered."""
    write_rows(appdb, clock, 5)
    rows = exported(appdb)
    with sqlite3.connect(app_path) as conn:
        conn.execute("UPDATE app_audit SET seq = seq + 100 WHERE seq >= 3")
        conn.execute("UPDATE app_audit SET seq = seq - 99 WHERE seq >= 103")
        document = {
            "seq": 3,
            "at": rows[1]["at"],
            "actor": "ann",
            "action": "view",
            "target": "/force/E23000001",
            "remote_addr": "192.0.2.1",
            "detail": {},
        }
        canonical = json.dumps(document, sort_keys=True, separators=(",", ":"))
        digest = hashlib.sha256((str(rows[1]["hash"]) + canonical).encode()).hexdigest()
        conn.execute(
            "INSERT INTO app_audit VALUES (3, ?, 'ann', 'view', '/force/E23000001', '192.0.2.1', '{}', ?, ?)",
            (rows[1]["at"], rows[1]["hash"], digest),
        )
    assert appdb.audit_verify() == AuditVerdict(False, 4, 4, "row 4 does not continue from row 3")


def test_appending_after_tampering_does_not_hide_it(
    appdb: AppDB, clock: Clock, app_path: str
) -> None:
    write_rows(appdb, clock, 3)
    tamper(app_path, "UPDATE app_audit SET target = '/national' WHERE seq = 2")
    write_rows(appdb, clock, 2)
    assert appdb.audit_verify() == AuditVerdict(False, 2, 2, "row 2 does not match its hash")


def test_export_since(appdb: AppDB, clock: Clock) -> None:
    write_rows(appdb, clock, 5)  # 09:00, 10:00, ... 13:00 on 2026-12-01
    assert [r["seq"] for r in exported(appdb, "2026-12-01T11:00")] == [3, 4, 5]
    assert [r["seq"] for r in exported(appdb, "2026-12-01T11:00:00+01:00")] == [2, 3, 4, 5]
    assert [r["seq"] for r in exported(appdb, "2026-12-01")] == [1, 2, 3, 4, 5]
    assert exported(appdb, "2026-12-02") == []
    with pytest.raises(NdpError) as raised:
        exported(appdb, "last week")
    assert (
        str(raised.value)
        == "--since 'last week': not a date; write it as 2026-12-01 or 2026-12-01T09:30"
    )


def test_pruning_keeps_the_chain_verifiable(appdb: AppDB, clock: Clock) -> None:
    write_rows(appdb, clock, 5)
    assert appdb.audit_prune("2026-12-01T11:00", actor="max") == 2
    rows = exported(appdb)
    assert [r["seq"] for r in rows] == [3, 4, 5, 6]
    checkpoint = rows[-1]
    assert (checkpoint["actor"], checkpoint["action"], checkpoint["target"]) == (
        "max",
        "audit_pruned",
        "audit log",
    )
    assert checkpoint["detail"] == {
        "before": "2026-12-01T11:00:00.000000Z",
        "removed": 2,
        "first_kept_seq": 3,
        "continues_from": rows[0]["prev_hash"],
    }
    assert appdb.audit_verify() == AuditVerdict(True, 4, None, "4 rows, chain intact")
    assert appdb.audit_prune("2026-12-01T11:00") == 0
    # a second prune removes the first checkpoint too; the second one still anchors the chain
    assert appdb.audit_prune("2026-12-02") == 4
    assert [r["seq"] for r in exported(appdb)] == [7]
    assert appdb.audit_verify() == AuditVerdict(True, 1, None, "1 row, chain intact")
    write_rows(appdb, clock, 2)
    assert appdb.audit_verify() == AuditVerdict(True, 3, None, "3 rows, chain intact")


def test_a_forged_checkpoint_does_not_verify(appdb: AppDB, clock: Clock, app_path: str) -> None:
    write_rows(appdb, clock, 5)
    appdb.audit_prune("2026-12-01T11:00")
    tamper(app_path, "DELETE FROM app_audit WHERE seq = 3")
    tamper(
        app_path,
        "UPDATE app_audit SET detail = replace(detail, '\"first_kept_seq\":3', '\"first_kept_seq\":4') WHERE seq = 6",
    )
    verdict = appdb.audit_verify()
    assert not verdict.ok
    assert verdict.first_bad == 4
