"""Password sign-in with throttling counted in the database.

Each attempt first reserves a failure for its name and its address, in an exclusive
transaction that also counts the failures already there; a success takes the reservation back
(and clears the name's failures). Counting and reserving at once means that several worker
processes together let through exactly the allowed number of guesses, never more: a count kept
in each process's memory would allow that number per process.

The password check itself (about 60 ms of argon2) runs outside the transaction, so one slow
check never holds up other sign-ins.
"""

from __future__ import annotations

import math
import secrets
from collections.abc import Callable

from ndp.appdb.backend import Backend, Tx
from ndp.appdb.model import LoginRefused, LoginThrottled, Principal
from ndp.appdb.passwords import Passwords
from ndp.appdb.settings import Throttle
from ndp.appdb.users import ACCOUNT_COLUMNS, principal_of

_MAX_KEY = 200


def _keys(name: str, remote_addr: str | None, throttle: Throttle) -> list[tuple[str, int]]:
    keys = [(f"name:{name}"[:_MAX_KEY], throttle.per_name)]
    if remote_addr:
        keys.append((f"addr:{remote_addr}"[:_MAX_KEY], throttle.per_address))
    return keys


def _wait(tx: Tx, key: str, limit: int, now: float, window: int) -> int | None:
    """Seconds until ``key`` may try again, or None when it may now."""
    times = [
        float(row[0])
        for row in tx.run(
            "SELECT at FROM app_login_failures WHERE key = ? AND at > ? ORDER BY at",
            (key, now - window),
        )
    ]
    if len(times) < limit:
        return None
    # allowed again once enough of the oldest failures have aged out of the window
    return max(1, math.ceil(times[len(times) - limit] + window - now))


def authenticate(
    backend: Backend,
    passwords: Passwords,
    throttle: Throttle,
    clock: Callable[[], float],
    name: str,
    password: str,
    remote_addr: str | None,
) -> Principal:
    """The principal for ``name`` and ``password``; ``LoginThrottled`` or ``LoginRefused``."""
    keys = _keys(name, remote_addr, throttle)
    attempt = secrets.token_hex(8)
    with backend.transaction(exclusive=True) as tx:
        now = clock()
        tx.run("DELETE FROM app_login_failures WHERE at <= ?", (now - throttle.window,))
        waits = [_wait(tx, key, limit, now, throttle.window) for key, limit in keys]
        blocked = [w for w in waits if w is not None]
        if not blocked:
            for key, _ in keys:
                tx.run(
                    "INSERT INTO app_login_failures (key, attempt, at) VALUES (?, ?, ?)",
                    (key, attempt, now),
                )
            found = tx.run(
                f"SELECT {ACCOUNT_COLUMNS}, password_hash FROM app_users WHERE name = ?", (name,)
            )
    if blocked:
        raise LoginThrottled(max(blocked))
    row = found[0] if found else None
    stored = row[7] if row is not None and row[6] is None else None
    if not passwords.check(stored, password) or row is None or stored is None:
        raise LoginRefused()
    rehashed = passwords.hash(password) if passwords.needs_rehash(stored) else None
    with backend.transaction() as tx:
        tx.run("DELETE FROM app_login_failures WHERE key = ?", (keys[0][0],))
        tx.run("DELETE FROM app_login_failures WHERE attempt = ?", (attempt,))
        if rehashed is not None:
            tx.run("UPDATE app_users SET password_hash = ? WHERE id = ?", (rehashed, row[0]))
    return principal_of(row)
