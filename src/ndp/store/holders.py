"""Who holds a DuckDB store, and waiting for them.

DuckDB lets one process open a file for writing, or any number open it read-only, never both.
A process that cannot get the file is told only the holder's process id (in DuckDB's raw lock
error). So every process that opens a store records itself beside it, in a small hidden file
named by its process id (``.ndp.duckdb.held-by-1234``: the command line, the mode, since when),
removed when it closes the store; one killed leaves a stale file, which the next opener removes.
An opener that meets a lock waits up to its limit, then says which command and process hold the
store and how to wait longer.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from ndp.errors import NdpError

#: The process id in DuckDB's lock error: "Conflicting lock is held in ... (PID 6617)".
_HOLDER_PID = re.compile(r"\(PID (\d+)\)")
#: Seconds between attempts while waiting for the store.
POLL = 0.2

Waiting = Callable[[str], None]


def holder_file(store: Path, pid: int) -> Path:
    """Where process ``pid`` records that it holds ``store``."""
    return store.with_name(f".{store.name}.held-by-{pid}")


def command_line() -> str:
    """This process's command as a person typed it (``ndp load q1.csv``)."""
    argv = list(sys.argv) or ["python"]
    argv[0] = Path(argv[0]).name
    return shlex.join(argv)


def record_holder(store: Path, read_only: bool) -> Path | None:
    """Record this process as a holder of ``store``; remove records of processes that ended."""
    for stale in store.parent.glob(f".{store.name}.held-by-*"):
        pid = stale.name.rsplit("-", 1)[-1]
        if pid.isdigit() and not _alive(int(pid)):
            stale.unlink(missing_ok=True)
    info = {
        "pid": os.getpid(),
        "command": command_line(),
        "mode": "reading" if read_only else "writing",
        "since": datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC"),
    }
    path = holder_file(store, os.getpid())
    try:
        path.write_text(json.dumps(info), encoding="utf-8")
    except OSError:  # a folder we may read but not write: the store still opens read-only
        return None
    return path


def describe_holder(store: Path, pid: int) -> str:
    """``\\`ndp load q1.csv\\` (process 1234, writing since ...)``, or ``process 1234``."""
    try:
        info = json.loads(holder_file(store, pid).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return f"process {pid}"
    return f"`{info['command']}` (process {pid}, {info['mode']} since {info['since']})"


def connect(
    store: Path, read_only: bool, wait: float, waiting: Waiting | None = None
) -> duckdb.DuckDBPyConnection:
    """Open ``store``, waiting up to ``wait`` seconds for another process to let go of it."""
    deadline = time.monotonic() + wait
    told = False
    while True:
        try:
            return duckdb.connect(str(store), read_only=read_only)
        except duckdb.IOException as error:
            found = _HOLDER_PID.search(str(error))
            if found is None:
                raise NdpError(f"cannot open the store {store}: {_first_line(error)}") from None
            holder = describe_holder(store, int(found[1]))
        if time.monotonic() >= deadline:
            raise NdpError(
                f"the store {store} is in use by {holder}; "
                + (f"waited {wait:g} s; " if wait else "")
                + "wait for it to finish, or give --wait SECONDS to wait for it"
            )
        if waiting is not None and not told:
            waiting(f"waiting for the store {store}: in use by {holder}")
            told = True
        time.sleep(min(POLL, max(deadline - time.monotonic(), 0)))


def _first_line(error: Exception) -> str:
    return str(error).splitlines()[0]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
