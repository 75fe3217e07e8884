"""Benchmark: what sign-in, sessions and the audit log cost, against baselines in the same run.

    .venv/bin/python bench/appdb.py [--repeat 20] [--rows 500]

- argon2id at our costs (OWASP's baseline, t=2 m=19 MiB p=1) against argon2-cffi's own defaults
  (t=3 m=64 MiB p=4): one check each, best of ``--repeat``;
- a sign-in with an unknown name against one with a known name and a wrong password: the dummy
  hash should make them cost the same (ratio near 1.00), so timing tells a guesser nothing;
- appending to the audit log (read the last row, hash, insert, in ``BEGIN IMMEDIATE``) against
  inserting the same row with no chain in the same kind of transaction, and the rows per second
  four processes append together;
- looking a session up (``session_principal``) against a bare primary-key SELECT.

Everything runs on SQLite files in a temporary folder. Targets: a check under 100 ms; the
unknown/known ratio within 0.9-1.1; a chained append under 3x the plain insert.
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from argon2 import PasswordHasher

from ndp.appdb import AppDB, LoginRefused, Scope
from ndp.appdb.settings import AppSettings, Throttle

#: no throttling here: the benchmark signs in with wrong passwords many times
OPEN = AppSettings(throttle=Throttle(per_name=10**9, per_address=10**9))


def best(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def interleaved(
    first: Callable[[], object], second: Callable[[], object], repeat: int
) -> tuple[float, float]:
    """Median times of two actions run turn about."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        for action, into in ((first, times[0]), (second, times[1])):
            start = time.perf_counter()
            action()
            into.append(time.perf_counter() - start)
    return statistics.median(times[0]), statistics.median(times[1])


def refused(db: AppDB, name: str) -> None:
    with contextlib.suppress(LoginRefused):
        db.authenticate(name, "wrong", None)


def append_rows(location: str, worker: int, rows: int, ready: Any, took: Any) -> None:
    """Append ``rows`` rows once every worker is ready; put the seconds it took on ``took``."""
    with AppDB.open(location) as db:
        ready.wait()
        start = time.perf_counter()
        for n in range(rows):
            db.audit(f"worker-{worker}", "view", f"/force/{n}", "127.0.0.1", {"n": n})
        took.put(time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--rows", type=int, default=500)
    args = parser.parse_args()
    ours, library = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1), PasswordHasher()
    ours_hash, library_hash = ours.hash("pw"), library.hash("pw")
    check_ours = best(lambda: ours.verify(ours_hash, "pw"), args.repeat)
    check_library = best(lambda: library.verify(library_hash, "pw"), max(3, args.repeat // 4))
    print(f"argon2id check, ours (t=2 m=19MiB p=1):       {check_ours * 1000:7.1f} ms")
    print(f"argon2id check, argon2-cffi defaults:         {check_library * 1000:7.1f} ms"
          f"  ({check_library / check_ours:.1f}x ours)")  # fmt: skip

    with tempfile.TemporaryDirectory() as tmp:
        location = str(Path(tmp) / "app.sqlite")
        with AppDB.open(location, settings=OPEN) as db:
            db.add_user("ann", "viewer", Scope("national"), "right")
            # interleaved, so load from other processes falls on both alike
            known, unknown = interleaved(
                lambda: refused(db, "ann"), lambda: refused(db, "nobody"), args.repeat
            )
            print(f"sign-in refused, known name:                  {known * 1000:7.1f} ms")
            print(f"sign-in refused, unknown name (dummy hash):   {unknown * 1000:7.1f} ms"
                  f"  ({unknown / known:.2f}x known)")  # fmt: skip

            session = db.create_session(db.authenticate("ann", "right", None))
            lookup = best(lambda: db.session_principal(session), args.repeat * 10)
            with sqlite3.connect(location) as conn:
                bare = best(
                    lambda: conn.execute(
                        "SELECT * FROM app_sessions WHERE id_hash = 'x'"
                    ).fetchall(),
                    args.repeat * 10,
                )
            print(f"session lookup:                               {lookup * 1e6:7.0f} µs"
                  f"  ({lookup / bare:.1f}x a bare SELECT, {bare * 1e6:.0f} µs)")  # fmt: skip

            start = time.perf_counter()
            for n in range(args.rows):
                db.audit("ann", "view", f"/force/{n}", "127.0.0.1", {"n": n})
            chained = (time.perf_counter() - start) / args.rows
        plain = sqlite3.connect(str(Path(tmp) / "plain.sqlite"), isolation_level=None)
        plain.execute("PRAGMA journal_mode=WAL")
        plain.execute(
            "CREATE TABLE t (at TEXT, actor TEXT, action TEXT, target TEXT, addr TEXT, detail TEXT)"
        )
        start = time.perf_counter()
        for n in range(args.rows):
            plain.execute("BEGIN IMMEDIATE")
            plain.execute("INSERT INTO t VALUES (?, 'ann', 'view', ?, '127.0.0.1', ?)",
                          (time.time(), f"/force/{n}", f'{{"n":{n}}}'))  # fmt: skip
            plain.execute("COMMIT")
        unchained = (time.perf_counter() - start) / args.rows
        plain.close()
        print(f"audit append, chained:                        {chained * 1e6:7.0f} µs"
              f"  ({chained / unchained:.1f}x a plain insert, "
              f"{unchained * 1e6:.0f} µs)")  # fmt: skip

        together = str(Path(tmp) / "together.sqlite")
        AppDB.open(together).close()
        spawn = multiprocessing.get_context("spawn")
        ready, took = spawn.Barrier(5), spawn.Queue()
        workers = [
            spawn.Process(target=append_rows, args=(together, w, args.rows, ready, took))
            for w in range(4)
        ]
        for worker in workers:
            worker.start()
        ready.wait()  # every worker has started and opened the database
        elapsed = max(took.get() for _ in workers)
        for worker in workers:
            worker.join()
        with AppDB.open(together) as db:
            verdict = db.audit_verify()
        rate = 4 * args.rows / elapsed
        print(f"audit append, 4 processes x {args.rows}:            {rate:7.0f} rows/s"
              f"  ({verdict.reason})")  # fmt: skip


if __name__ == "__main__":
    main()
