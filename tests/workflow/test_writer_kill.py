"""The writer SIGKILLed mid-load (scripted trials, the count printed): afterwards the store holds
either nothing of the load or all of it, the job is failed (or done, when the kill came after
it finished, or still queued, when it came before the writer claimed it) once the next writer
starts, and ``ndp audit verify`` passes. The first trial kills at the pause just before the
store commits; the others at random times."""

from __future__ import annotations

import io
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from workflow_support import FAST

from ndp.appdb import AppDB
from ndp.store import open_store
from ndp.workflow import jobs, writer
from ndp.workflow.uploads import Incoming, UploadLimits, receive

pytestmark = pytest.mark.slow

TRIALS = 4
FILES = ("apmis-disruptions.csv", "training.csv")
NDP = shutil.which("ndp", path=str(Path(sys.executable).parent)) or "ndp"


def store_state(store: Path) -> tuple[int, int]:
    """(complete loads, disruptions rows) in the store; (0, 0) when it was never created."""
    if not store.exists():
        return 0, 0
    with open_store(str(store), read_only=True) as s:
        [(loads,)] = s.execute("SELECT count(*) FROM loads WHERE status = 'complete'")
        [(rows,)] = s.execute("SELECT count(*) FROM disruptions")
    return int(loads), int(rows)


def trial(
    folder: Path, extracts: list[Path], kill_after: float | None
) -> tuple[str, tuple[int, int]]:
    """One load killed at the pause before commit (``kill_after`` None) or after a delay."""
    folder.mkdir()
    packs, store, app = folder / "packs", folder / "ndp.duckdb", folder / "app.sqlite"
    with AppDB.open(str(app), settings=FAST) as db:
        files = [Incoming(p.name, io.BytesIO(p.read_bytes())) for p in extracts]
        job_id = receive(db, packs / "uploads", files, "ann", UploadLimits(), ("load", {}))
    env = {**os.environ, "NDP_TEST_MARKER": str(folder / "paused")}
    if kill_after is None:
        env["NDP_TEST_PAUSE_BEFORE_COMMIT"] = "60"
    argv = [NDP, "worker", "--db", str(store), "--packs", str(packs), "--app-db", str(app)]
    process = subprocess.Popen(argv, env=env, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    if kill_after is None:
        while not (folder / "paused").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert (folder / "paused").exists(), "the writer never reached the commit"
    else:
        time.sleep(kill_after)
    process.send_signal(signal.SIGKILL)
    process.wait()
    settings = writer.WriterSettings(str(store), str(app), packs, folder / "published")
    restarted = writer.Writer(settings)
    restarted.open()
    restarted.stop()
    with AppDB.open(str(app), settings=FAST) as db:
        job = jobs.get(db, job_id)
    assert job is not None
    verified = subprocess.run([NDP, "audit", "verify", "--app-db", str(app)],
                              capture_output=True, text=True)  # fmt: skip
    assert verified.returncode == 0, verified.stderr
    assert verified.stdout.startswith("The audit log verifies:")
    return job.state, store_state(store)


def test_the_writer_killed_mid_load_leaves_all_or_nothing(
    tmp_path: Path, demo_extracts: list[Path]
) -> None:
    extracts = [next(p for p in demo_extracts if p.name == name) for name in FILES]
    full = tmp_path / "full.duckdb"
    with open_store(str(full)) as s:
        from ndp.load import load_files

        load_files(s, extracts)
    whole = store_state(full)
    rng = random.Random(12)
    outcomes = []
    for n in range(TRIALS):
        kill_after = None if n == 0 else rng.uniform(2.0, 9.0)
        state, stored = trial(tmp_path / f"trial{n}", extracts, kill_after)
        assert stored in ((0, 0), whole), (n, kill_after, stored)
        # queued: killed before it claimed the job, which the next writer will run
        assert state in ("queued", "failed", "done"), (n, state)
        assert (state == "done") <= (stored == whole)
        assert (state == "queued") <= (stored == (0, 0))
        if n == 0:
            assert (state, stored) == ("failed", (0, 0))
        outcomes.append((state, stored == whole))
    print(f"\n{TRIALS} kill trials: "
          f"{sum(1 for s, w in outcomes if not w)} left the store as before, "
          f"{sum(1 for s, w in outcomes if w)} fully loaded; "
          + ", ".join(f"{sum(1 for s, _ in outcomes if s == k)} jobs {k}"
                      for k in ("queued", "failed", "done")))  # fmt: skip
