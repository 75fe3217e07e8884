"""A load's commit cut short at any byte: the store is exactly before or exactly after.

A process killed while DuckDB writes a commit's log leaves the log cut short, and the next
open replays what is there. This test makes such logs without a race: a child process loads a
large extract (large enough for DuckDB to write whole row groups), leaves its log unreplayed
(it exits without closing, so no checkpoint folds the log into the file), and then every cut
of that log, evenly spaced and byte by byte over its end, is opened and compared, table by
table, with the store before and after the load. With DuckDB's optimistic writes on (its
default), cuts inside the commit's last records left the disruptions loaded and the load's
lineage missing (docs/loading.md, "Killed"); ``ndp.store.duckdb.WRITE_SETTINGS`` turns them off.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from faultkit import faults

from ndp.load import load_files
from ndp.store import open_store

#: Rows in the big load: a few of DuckDB's row groups (122,880 rows each).
ROWS = 250_000

CHILD = """
import os, sys
from ndp.load import load_files
from ndp.store import open_store
store = open_store(sys.argv[1])
store.execute("SET GLOBAL checkpoint_threshold = '100GB'")  # keep the commit in the log
load_files(store, [sys.argv[2]])
os._exit(0)  # no close, so no checkpoint: the log stays as the commit wrote it
"""


def cuts(size: int) -> list[int]:
    """Twenty points spread over the log, and every 16th byte of its last 640."""
    spread = {size * k // 20 for k in range(20)}
    tail = set(range(max(size - 640, 0), size + 1, 16))
    return sorted(spread | tail | {size})


def test_every_cut_of_a_load_log_is_before_or_after(tmp_path: Path) -> None:
    bench = faults()
    big, first = tmp_path / "big.csv", tmp_path / "first.csv"
    bench.write_extract(big, ROWS)
    bench.write_extract(first, 10)  # the big load updates these ten records
    base = tmp_path / "base.duckdb"
    with open_store(str(base)) as store:
        load_files(store, [first])
    before = bench.digest(base)
    written = tmp_path / "written.duckdb"
    shutil.copyfile(base, written)
    subprocess.run([sys.executable, "-c", CHILD, str(written), str(big)], check=True)
    log = Path(f"{written}.wal").read_bytes()
    assert len(log) > 1000, "the load's commit should be in the log, not the file"
    after = bench.digest(written)  # the whole log replayed
    assert after != before

    outcomes: dict[str, list[int]] = {"before": [], "after": [], "neither": []}
    trial = tmp_path / "trial.duckdb"
    for cut in cuts(len(log)):
        shutil.copyfile(written, trial)
        Path(f"{trial}.wal").write_bytes(log[:cut])
        state = bench.digest(trial)
        kind = "before" if state == before else "after" if state == after else "neither"
        outcomes[kind].append(cut)
    assert not outcomes["neither"], (
        f"log of {len(log):,} bytes cut at {outcomes['neither']}: store neither before nor after"
    )
    assert outcomes["before"]
    assert outcomes["after"]
