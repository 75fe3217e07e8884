"""Work run in separate processes by the app database's tests (importable by spawned workers)."""

from __future__ import annotations

from ndp.appdb import AppDB, AppSettings, Argon2Params, LoginRefused, LoginThrottled

FAST = AppSettings(argon2=Argon2Params(time_cost=1, memory_cost=1024, parallelism=1))


def guess(location: str, name: str, tries: int) -> list[str]:
    """Try ``tries`` wrong passwords for ``name``; what each attempt ended in."""
    outcomes = []
    with AppDB.open(location, settings=FAST) as db:
        for n in range(tries):
            try:
                db.authenticate(name, f"guess {n}", "192.0.2.1")
                outcomes.append("signed in")
            except LoginThrottled:
                outcomes.append("throttled")
            except LoginRefused:
                outcomes.append("refused")
    return outcomes


def write_audit(location: str, worker: int, rows: int) -> int:
    """Append ``rows`` audit rows as worker ``worker``."""
    with AppDB.open(location, settings=FAST) as db:
        for n in range(rows):
            db.audit(f"worker-{worker}", "view", f"/force/{n}", "127.0.0.1", {"n": n})
    return rows


def first_admin(location: str) -> bool:
    """Whether this process's ``ensure_first_admin`` created the administrator."""
    with AppDB.open(location, settings=FAST) as db:
        return db.ensure_first_admin() is not None
