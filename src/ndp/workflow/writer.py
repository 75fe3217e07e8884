"""The one writer: the only process that opens the store for writing, running jobs one at a time
in submission order.

It is a thread in ``ndp serve --db STORE`` (in the server's main process, never in its forked
workers) or ``ndp worker`` in production. A lock file beside the store (an ``flock`` the kernel
drops when the process dies, however it dies) makes a second writer refuse to start. At start
the writer marks failed any job a dead writer left running: the store's own transaction means
such a job wrote nothing.
"""

from __future__ import annotations

import fcntl
import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ndp.appdb import AppDB
from ndp.errors import InputRefused, NdpError, Problem
from ndp.workflow import jobs
from ndp.workflow.context import Handler, WriterContext

__all__ = ["HANDLERS", "Handler", "Writer", "WriterContext", "lock_path", "run_next"]

log = logging.getLogger("ndp.writer")

#: job kind -> handler; a kind without one fails with a message that says so
HANDLERS: dict[str, Handler] = {}

LOCK_NAME = "ndp-writer.lock"


def lock_path(store: str, packs: Path) -> Path:
    """Where the writer's lock lives: beside a store file, or in the packs folder for a store
    at a URL (PostgreSQL, Spark)."""
    if "://" in store:
        return packs / LOCK_NAME
    return Path(store).expanduser().with_name(Path(store).name + ".writer.lock")


class WriterLock:
    """An exclusive ``flock`` on the lock file, held while the writer runs."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._file: IO[str] | None = None

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 (held until release)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            handle.close()
            raise NdpError(
                f"another writer is already running for this store (process {holder}, lock "
                f"{self.path}): stop it first, or serve without --db so that it stays the only "
                "writer"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        self._file = handle

    def release(self) -> None:
        if self._file is not None:
            fcntl.flock(self._file, fcntl.LOCK_UN)
            self._file.close()
            self._file = None


def run_next(db: AppDB, context: Callable[[jobs.Job], WriterContext]) -> jobs.Job | None:
    """Claim the oldest queued job, run its handler and record how it ended; return the job
    as it ended, or None when no job was queued."""
    job = jobs.claim_next(db)
    if job is None:
        return None
    handler = HANDLERS.get(job.kind)
    try:
        if handler is None:
            known = ", ".join(sorted(HANDLERS)) or "none"
            raise NdpError(f"no handler for jobs of kind {job.kind!r} (known: {known})")
        jobs.finish(db, job, "done", handler(job, context(job)))
    except InputRefused as refused:
        problems = [problem_row(p) for p in refused.problems]
        jobs.finish(db, job, "failed", {"error": str(refused), "problems": problems})
    except NdpError as error:
        jobs.finish(db, job, "failed", {"error": str(error)})
    except Exception as error:  # a bug: the job fails, the writer carries on
        log.exception("job %s failed", job.id)
        jobs.finish(db, job, "failed", {"error": f"internal error: {type(error).__name__}"})
    return jobs.get(db, job.id)


def problem_row(problem: Problem) -> dict[str, Any]:
    """A load problem as the job's page shows it: file, line, column, value, expected. The
    file is named as the analyst uploaded it, never by the path it is kept at."""
    return {
        "file": Path(problem.file).name,
        "line": problem.line,
        "column": problem.column,
        "value": problem.value,
        "expected": problem.expected,
    }


@dataclass(frozen=True)
class WriterSettings:
    """Where the writer finds the store, the app database, the packs and published folders."""

    store: str
    app_db: str
    packs: Path
    published: Path
    #: seconds between looks for a queued job
    poll: float = 0.5


class Writer:
    """The writer's loop on a thread: ``start`` (takes the lock, fails abandoned jobs),
    ``stop``. ``ndp worker`` runs the same loop in the foreground with ``run_forever``."""

    def __init__(self, settings: WriterSettings) -> None:
        self.settings = settings
        self._lock = WriterLock(lock_path(settings.store, settings.packs))
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._db: AppDB | None = None

    def open(self) -> list[int]:
        """Take the lock and fail the jobs a dead writer left running; return their ids."""
        self._lock.acquire()
        try:
            self._db = AppDB.open(self.settings.app_db)
            return jobs.fail_abandoned(self._db)
        except BaseException:
            self._lock.release()
            raise

    def start(self) -> list[int]:
        abandoned = self.open()
        self._thread = threading.Thread(target=self.run_forever, name="ndp-writer", daemon=True)
        self._thread.start()
        return abandoned

    def run_forever(self) -> None:
        assert self._db is not None, "open() first"
        while not self._stop.is_set():
            if run_next(self._db, self._context) is None:
                self._stop.wait(self.settings.poll)

    def _context(self, job: jobs.Job) -> WriterContext:
        assert self._db is not None
        db = self._db
        return WriterContext(
            store=self.settings.store,
            published=self.settings.published,
            packs=self.settings.packs,
            progress=lambda text: jobs.report_progress(db, job.id, text),
            app_db=db,
        )

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        if self._db is not None:
            self._db.close()
            self._db = None
        self._lock.release()
