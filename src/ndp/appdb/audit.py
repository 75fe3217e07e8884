"""The audit log: who did what, to what, when and from where, as a hash chain.

Each row's hash is SHA-256 over the previous row's hash and the row's own canonical JSON (keys
sorted, no spaces, UTF-8), and the row's ``seq`` is one more than the previous row's. So an
edited row no longer matches its hash, a deleted row leaves a gap and breaks the link of the row
after it, and a row slipped in between breaks a link too. Appending happens in an exclusive
transaction (see ``ndp.appdb.backend``) so that writers in several processes never both extend
the same last row.

Pruning (``prune_audit``) deletes the oldest rows and appends a checkpoint row, itself in the
chain, holding the hash the first kept row continues from: verification starts from it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import IO

from ndp.appdb.backend import Backend, Row, Tx
from ndp.errors import NdpError

GENESIS = "0" * 64
CHECKPOINT = "audit_pruned"
COLUMNS = "seq, at, actor, action, target, remote_addr, detail, prev_hash, hash"
_BATCH = 5000
_LAST = "SELECT seq, hash, at FROM app_audit ORDER BY seq DESC LIMIT 1"


@dataclass(frozen=True)
class AuditVerdict:
    """The outcome of checking the chain: ``first_bad`` is the ``seq`` of the first row that
    does not hold, ``reason`` says why (or how many rows hold)."""

    ok: bool
    rows: int
    first_bad: int | None
    reason: str


def iso(seconds: float) -> str:
    """A time as ISO 8601 in UTC to the microsecond: sorts as text in time order."""
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical(value: object) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def row_hash(
    seq: int,
    at: str,
    actor: str,
    action: str,
    target: str,
    remote_addr: str | None,
    detail: str,
    prev_hash: str,
) -> str:
    document = {
        "seq": seq,
        "at": at,
        "actor": actor,
        "action": action,
        "target": target,
        "remote_addr": remote_addr,
        "detail": json.loads(detail),
    }
    return hashlib.sha256((prev_hash + canonical(document)).encode("utf-8")).hexdigest()


def append_audit(
    tx: Tx,
    now: float,
    actor: str,
    action: str,
    target: str,
    remote_addr: str | None,
    detail: Mapping[str, object] | None,
    last: Row | None = None,
) -> int:
    """Append one row after the last (``last``: its seq, hash and time, when the caller has
    already read it); the caller's transaction must be exclusive."""
    if last is None:
        found = tx.run(_LAST)
        last = found[0] if found else None
    seq, prev = (int(last[0]) + 1, str(last[1])) if last else (1, GENESIS)
    text = canonical(detail or {})
    # times never go backwards along the chain (clocks of two processes may differ a little),
    # so ``--since`` and pruning by time cut the chain at one place
    at = max(iso(now), str(last[2])) if last else iso(now)
    digest = row_hash(seq, at, actor, action, target, remote_addr, text, prev)
    tx.run(
        f"INSERT INTO app_audit ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (seq, at, actor, action, target, remote_addr, text, prev, digest),
    )
    return seq


def _rows(backend: Backend, where: str = "", params: tuple[object, ...] = ()) -> Iterator[Row]:
    """Every row in ``seq`` order, read in batches so a long log is never all in memory."""
    after = -1
    while True:
        with backend.transaction() as tx:
            batch = tx.run(
                f"SELECT {COLUMNS} FROM app_audit WHERE seq > ? {where}"
                f" ORDER BY seq LIMIT {_BATCH}",
                (after, *params),
            )
        yield from batch
        if len(batch) < _BATCH:
            return
        after = int(batch[-1][0])


def _starts(backend: Backend) -> dict[int, str]:
    """From the checkpoints: the first kept seq of each prune -> the hash it continues from."""
    with backend.transaction() as tx:
        found = tx.run("SELECT detail FROM app_audit WHERE action = ?", (CHECKPOINT,))
    starts = {}
    for (text,) in found:
        detail = json.loads(text)
        starts[int(detail["first_kept_seq"])] = str(detail["continues_from"])
    return starts


def verify_audit(backend: Backend) -> AuditVerdict:
    """Check every row's hash and link; the first that fails is reported."""
    starts = _starts(backend)
    count, prev_seq, prev_hash = 0, 0, GENESIS
    for seq, at, actor, action, target, addr, detail, prev, digest in _rows(backend):
        count += 1
        if count == 1 and seq != 1:
            if seq not in starts:
                return AuditVerdict(
                    False, count, seq, f"rows 1 to {seq - 1} are missing and no prune recorded it"
                )
            prev_seq, prev_hash = seq - 1, starts[seq]
        if seq != prev_seq + 1:
            missing = (
                f"row {prev_seq + 1}"
                if seq == prev_seq + 2
                else f"rows {prev_seq + 1} to {seq - 1}"
            )
            return AuditVerdict(False, count, seq, f"{missing} missing before row {seq}")
        if prev != prev_hash:
            return AuditVerdict(
                False, count, seq, f"row {seq} does not continue from row {prev_seq}"
            )
        if row_hash(seq, at, actor, action, target, addr, detail, prev) != digest:
            return AuditVerdict(False, count, seq, f"row {seq} does not match its hash")
        prev_seq, prev_hash = seq, digest
    return AuditVerdict(True, count, None, f"{count} row{'s' * (count != 1)}, chain intact")


def parse_when(text: str, option: str) -> str:
    """An ISO date or date-time as the log's UTC text, for comparing with ``at``."""
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        raise NdpError(
            f"{option} {text!r}: not a date; write it as 2026-12-01 or 2026-12-01T09:30"
        ) from None
    if when.tzinfo is not None:
        when = when.astimezone(UTC).replace(tzinfo=None)
    return when.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def export_audit(backend: Backend, out: IO[str], since: str | None) -> int:
    """Write rows (from ``since``, an ISO date or time in UTC) as JSON Lines; return how many."""
    where, params = ("AND at >= ?", (parse_when(since, "--since"),)) if since else ("", ())
    count = 0
    for seq, at, actor, action, target, addr, detail, prev, digest in _rows(backend, where, params):
        record = {
            "seq": seq,
            "at": at,
            "actor": actor,
            "action": action,
            "target": target,
            "remote_addr": addr,
            "detail": json.loads(detail),
            "prev_hash": prev,
            "hash": digest,
        }
        out.write(canonical(record) + "\n")
        count += 1
    return count


def prune_audit(backend: Backend, before: str, now: float, actor: str) -> int:
    """Delete the rows older than ``before`` and append a checkpoint; return how many went.

    The checkpoint holds the first kept row's ``seq`` and the hash it continues from; being in
    the chain itself, it cannot be changed unnoticed."""
    cutoff = parse_when(before, "--before")
    with backend.transaction(exclusive=True) as tx:
        found = tx.run("SELECT max(seq), count(*) FROM app_audit WHERE at < ?", (cutoff,))
        last_gone, removed = found[0]
        if not removed:
            return 0
        link = tx.run("SELECT hash FROM app_audit WHERE seq = ?", (last_gone,))
        last = tx.run(_LAST)[0]  # read first: every row may be going
        tx.run("DELETE FROM app_audit WHERE seq <= ?", (last_gone,))
        detail: dict[str, object] = {
            "before": cutoff,
            "removed": int(removed),
            "first_kept_seq": int(last_gone) + 1,
            "continues_from": str(link[0][0]),
        }
        append_audit(tx, now, actor, CHECKPOINT, "audit log", None, detail, last)
    return int(removed)
