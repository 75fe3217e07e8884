"""A load killed with SIGKILL, mid-transaction, leaves the store exactly as it was."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from ndp.load import load_files
from ndp.store import open_store

LOAD = """
import sys
from ndp.load import load_files
from ndp.store import open_store
load_files(open_store(sys.argv[1]), [sys.argv[2]])
"""


def snapshot(db: Path) -> dict[str, list[tuple[object, ...]]]:
    with open_store(str(db)) as store:
        return {
            t: sorted(store.execute(f"SELECT * FROM {t}"), key=repr) for t in sorted(store.tables())
        }


def test_sigkill_during_a_load_leaves_the_store_unchanged(
    tmp_path: Path, write_csv: Callable[..., Path], disruption: Callable[..., list[str]]
) -> None:
    db = tmp_path / "store.duckdb"
    with open_store(str(db)) as store:
        load_files(store, [write_csv([disruption(id="D1")], name="first.csv")])
    before = snapshot(db)
    second = write_csv(
        [disruption(id="D1", level="Minor")] + [disruption(id=f"N{i}") for i in range(500)],
        name="second.csv",
    )
    marker = tmp_path / "writing"
    env = {**os.environ, "NDP_TEST_PAUSE_BEFORE_COMMIT": "60", "NDP_TEST_MARKER": str(marker)}
    child = subprocess.Popen([sys.executable, "-c", LOAD, str(db), str(second)], env=env)
    deadline = time.monotonic() + 60
    while not marker.exists():  # the child has written every row and not yet committed
        assert child.poll() is None, "the loader ended before it paused"
        assert time.monotonic() < deadline, "the loader never reached its commit"
        time.sleep(0.05)
    os.kill(child.pid, signal.SIGKILL)
    assert child.wait() == -signal.SIGKILL
    assert snapshot(db) == before
    with open_store(str(db)) as store:  # and the store still takes a load
        assert load_files(store, [second]).files[0].inserted == 500
