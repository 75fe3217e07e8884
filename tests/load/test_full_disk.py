"""A full disk during load, build, report and quarantine export (issue 14, item 6): a message,
never a traceback, and the previous state intact.

The disk is made full for the command alone by a file size limit (RLIMIT_FSIZE, with SIGXFSZ
ignored): a write past it fails with EFBIG ("File too large"), as one on a full disk fails with
ENOSPC. This needs no root and no mount; the messages are the same for both errors.
"""

from __future__ import annotations

import resource
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from ndp.load import load_files
from ndp.store import open_store

NDP = str(Path(sys.executable).parent / "ndp")
STORE = (
    "cannot write the store {db}: File too large (the disk is full, or the file over the size "
    "limit); nothing was written and the store is as it was: free some space and run the "
    "command again"
)
FILES = (
    "cannot write {folder}: File too large (the disk is full, or the file over the size limit); "
    "the previous files are as they were: free some space and run the command again"
)


def run_full(args: list[str], limit: int) -> subprocess.CompletedProcess[str]:
    """``ndp ARGS`` unable to write past ``limit`` bytes of any file."""

    def full_disk() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run(
        [NDP, *args], capture_output=True, text=True, preexec_fn=full_disk, timeout=600
    )


def snapshot(db: Path) -> dict[str, list[tuple[object, ...]]]:
    with open_store(str(db), read_only=True) as store:
        return {t: sorted(store.execute(f"SELECT * FROM {t}"), key=repr) for t in store.tables()}


def refused(run: subprocess.CompletedProcess[str], message: str) -> None:
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr
    assert " ".join(run.stderr.split()) == f"error: {message}"


@pytest.fixture(scope="module")
def store(demo_extracts: list[Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo data, and a quarantined row with a long value (so its export is large)."""
    db = tmp_path_factory.mktemp("full-disk") / "s.duckdb"
    bad = db.parent / "bad.csv"
    bad.write_text(
        "disruption_id,date,force,threat,level,ocg_ref\n"
        f"Q1,31/02/2024,Met,Fraud,Major,{'x' * 100_000}\n"
    )
    with open_store(str(db)) as opened:
        load_files(opened, [*demo_extracts])
        load_files(opened, [bad], partial=True)
    return db


@pytest.mark.slow
def test_a_load_on_a_full_disk_changes_nothing_and_the_next_load_works(
    store: Path,
    tmp_path: Path,
    write_csv: Callable[..., Path],
    disruption: Callable[..., list[str]],
) -> None:
    db = tmp_path / "s.duckdb"
    shutil.copyfile(store, db)
    before = snapshot(db)
    extract = write_csv([disruption(id=f"F{i}") for i in range(50_000)], name="big.csv")
    run = run_full(["load", str(extract), "--db", str(db)], 1 << 16)
    refused(run, STORE.format(db=db))
    assert snapshot(db) == before
    again = subprocess.run([NDP, "load", str(extract), "--db", str(db)], capture_output=True)
    assert again.returncode == 0, again.stderr
    with open_store(str(db), read_only=True) as opened:
        assert opened.scalar("SELECT count(*) FROM disruptions WHERE disruption_id LIKE 'F%'") == (
            50_000
        )


@pytest.mark.slow
@pytest.mark.parametrize(
    ("command", "names"),
    [
        (["build", "--period", "2024-25Q1", "--out", "{out}/pack.json"], ["pack.json"]),
        (
            ["report", "--period", "2024-25Q1", "--out", "{out}"],
            ["report.docx", "report.html", "report.pdf", "report.xlsx"],
        ),
        (["quarantine", "export", "--out", "{out}"], ["quarantine-disruptions.csv"]),
    ],
    ids=["build", "report", "quarantine-export"],
)
def test_writing_files_on_a_full_disk_leaves_the_previous_ones(
    store: Path, tmp_path: Path, command: list[str], names: list[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    for name in names:
        (out / name).write_text(f"previous {name}")
    run = run_full([*(a.format(out=out) for a in command), "--db", str(store)], 1 << 16)
    refused(run, FILES.format(folder=out))
    assert {p.name: p.read_text() for p in out.iterdir()} == {n: f"previous {n}" for n in names}
