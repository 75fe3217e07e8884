"""Two processes and one DuckDB store (issue 14, item 6): commands that only read run side by
side; one that meets a process holding the store the other way waits up to --wait, then names
the command and process holding it; never DuckDB's raw lock error, never a traceback."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ndp.load import load_files
from ndp.store import open_store
from ndp.store.holders import holder_file

#: Holds the store (read-only or not) until the marker file is removed, as ``ndp measures``
#: (its command line, as recorded for others to see) would.
HOLD = """
import sys, time
from pathlib import Path
from ndp.store import open_store
db, mode, marker = sys.argv[1:4]
sys.argv = ["ndp", "measures", "--period", "2024-25Q1", "--db", db]
with open_store(db, read_only=mode == "read"):
    Path(marker).touch()
    while Path(marker).exists():
        time.sleep(0.05)
"""

Invoke = Callable[..., tuple[int, str]]


@pytest.fixture
def db(
    tmp_path: Path, write_csv: Callable[..., Path], disruption: Callable[..., list[str]]
) -> Path:
    path = tmp_path / "s.duckdb"
    with open_store(str(path)) as store:
        load_files(store, [write_csv([disruption(id="D1")])])
    return path


def hold(db: Path, mode: str, marker: Path) -> subprocess.Popen[bytes]:
    """A process holding ``db`` until ``marker`` is removed; started once it holds it."""
    child = subprocess.Popen([sys.executable, "-c", HOLD, str(db), mode, str(marker)])
    deadline = time.monotonic() + 60
    while not marker.exists():
        assert child.poll() is None, "the holder ended before it held the store"
        assert time.monotonic() < deadline
        time.sleep(0.05)
    return child


@pytest.fixture
def holder(db: Path, tmp_path: Path) -> Iterator[Callable[[str], subprocess.Popen[bytes]]]:
    started: list[tuple[subprocess.Popen[bytes], Path]] = []

    def start(mode: str) -> subprocess.Popen[bytes]:
        marker = tmp_path / f"holding-{len(started)}"
        child = hold(db, mode, marker)
        started.append((child, marker))
        return child

    yield start
    for child, marker in started:
        marker.unlink(missing_ok=True)
        child.wait(timeout=60)


def message(output: str) -> str:
    return " ".join(output.split())


def test_readers_run_side_by_side(
    db: Path, holder: Callable[[str], object], invoke: Invoke
) -> None:
    for _ in range(3):
        holder("read")
    holders = sorted(db.parent.glob(f".{db.name}.held-by-*"))
    assert len(holders) == 3
    for args in (["quarantine", "list"], ["measures", "--period", "2024-25Q1", "--format", "json"]):
        code, output = invoke(*args, "--db", str(db), "--wait", "0")
        assert code == 0, output


def test_a_reader_meeting_a_writer_names_it_and_gives_up_after_its_wait(
    db: Path, holder: Callable[[str], subprocess.Popen[bytes]], invoke: Invoke
) -> None:
    pid = holder("write").pid
    start = time.monotonic()
    code, output = invoke("quarantine", "list", "--db", str(db), "--wait", "1")
    waited = time.monotonic() - start
    assert code == 1
    assert 1 <= waited < 10
    since = re.search(r"writing since ([0-9: -]+ UTC)", output)
    assert since is not None, output
    holding = (
        f"in use by `ndp measures --period 2024-25Q1 --db {db}` (process {pid}, writing since "
        f"{since[1]})"
    )
    assert message(output) == message(
        f"waiting for the store {db}: {holding}\n"
        f"error: the store {db} is {holding}; waited 1 s; wait for it to finish, or give --wait "
        "SECONDS to wait for it"
    )
    assert "Conflicting lock" not in output


def test_a_writer_meeting_readers_names_one(
    db: Path,
    holder: Callable[[str], subprocess.Popen[bytes]],
    invoke: Invoke,
    write_csv: Callable[..., Path],
    disruption: Callable[..., list[str]],
) -> None:
    pids = {holder("read").pid, holder("read").pid}
    extract = write_csv([disruption(id="D2")], name="more.csv")
    code, output = invoke("load", str(extract), "--db", str(db), "--wait", "0")
    assert code == 1
    found = re.search(r"\(process (\d+), reading since", output)
    assert found is not None, output
    assert int(found[1]) in pids
    assert message(output).startswith(f"error: the store {db} is in use by `ndp measures")
    assert message(output).endswith("wait for it to finish, or give --wait SECONDS to wait for it")


def test_a_writer_waits_for_the_reader_to_finish(
    db: Path,
    tmp_path: Path,
    invoke: Invoke,
    write_csv: Callable[..., Path],
    disruption: Callable[..., list[str]],
) -> None:
    marker = tmp_path / "holding"
    child = hold(db, "read", marker)
    threading_release = subprocess.Popen(  # lets go of the store a second from now
        [sys.executable, "-c", f"import time, os; time.sleep(1); os.remove({str(marker)!r})"]
    )
    extract = write_csv([disruption(id="D2")], name="more.csv")
    code, output = invoke("load", str(extract), "--db", str(db), "--wait", "60")
    threading_release.wait()
    child.wait(timeout=60)
    assert code == 0, output
    assert f"waiting for the store {db}: in use by `ndp measures" in message(output)
    with open_store(str(db), read_only=True) as store:
        assert store.scalar("SELECT count(*) FROM disruptions") == 2


def test_a_killed_holder_leaves_no_record_behind(db: Path, tmp_path: Path) -> None:
    marker = tmp_path / "holding"
    child = hold(db, "write", marker)
    record = holder_file(db, child.pid)
    assert record.exists()
    child.kill()
    child.wait()
    with open_store(str(db), read_only=True):
        assert not record.exists()
        assert holder_file(db, os.getpid()).exists()
    assert not holder_file(db, os.getpid()).exists()


def test_a_reader_of_a_new_store_creates_it(tmp_path: Path) -> None:
    path = tmp_path / "new.duckdb"
    with open_store(str(path), read_only=True) as store:
        assert store.scalar("SELECT count(*) FROM disruptions") == 0
