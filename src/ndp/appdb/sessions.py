"""Server-side sessions: the browser holds only a random id; the database holds its SHA-256
(so a copy of the database gives no usable session), who it belongs to, and when it began and
was last used. A session ends when revoked, after ``idle_timeout`` without use, or
``absolute_timeout`` after it began, whichever comes first; a revoked account's sessions end
with it."""

from __future__ import annotations

import hashlib
import secrets

from ndp.appdb.backend import Tx
from ndp.appdb.model import Principal
from ndp.appdb.settings import AppSettings
from ndp.appdb.users import principal_of

#: last-seen is written at most this often (seconds) per session, so a page view rarely writes
TOUCH_EVERY = 60


def session_key(session_id: str) -> str:
    return hashlib.sha256(session_id.encode("utf-8")).hexdigest()


def start_session(tx: Tx, user_id: int, now: float) -> str:
    session_id = secrets.token_urlsafe(32)
    tx.run(
        "INSERT INTO app_sessions (id_hash, user_id, created_at, last_seen) VALUES (?, ?, ?, ?)",
        (session_key(session_id), user_id, now, now),
    )
    return session_id


def find_session(tx: Tx, session_id: str, now: float, settings: AppSettings) -> Principal | None:
    """The principal of a live session, touching its last-seen time; None otherwise."""
    key = session_key(session_id)
    found = tx.run(
        "SELECT u.id, u.name, u.role, u.scope, s.created_at, s.last_seen"
        " FROM app_sessions s JOIN app_users u ON u.id = s.user_id"
        " WHERE s.id_hash = ? AND s.revoked_at IS NULL AND u.revoked_at IS NULL",
        (key,),
    )
    if not found:
        return None
    created, last_seen = float(found[0][4]), float(found[0][5])
    if now - last_seen > settings.idle_timeout or now - created > settings.absolute_timeout:
        return None
    if now - last_seen >= min(TOUCH_EVERY, settings.idle_timeout / 10):
        tx.run("UPDATE app_sessions SET last_seen = ? WHERE id_hash = ?", (now, key))
    return principal_of(found[0])


def end_session(tx: Tx, session_id: str, now: float) -> None:
    tx.run(
        "UPDATE app_sessions SET revoked_at = ? WHERE id_hash = ? AND revoked_at IS NULL",
        (now, session_key(session_id)),
    )


def end_user_sessions(tx: Tx, name: str, now: float, settings: AppSettings) -> int:
    """End every session of ``name``; return how many were still live."""
    found = tx.run(
        "UPDATE app_sessions SET revoked_at = ? WHERE revoked_at IS NULL"
        " AND user_id IN (SELECT id FROM app_users WHERE name = ?)"
        " RETURNING created_at, last_seen",
        (now, name),
    )
    return sum(
        1
        for created, last_seen in found
        if now - last_seen <= settings.idle_timeout and now - created <= settings.absolute_timeout
    )
