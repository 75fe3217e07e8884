"""``ndp publish`` killed with SIGKILL at random moments leaves no version or a complete one."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ndp.load import load_files
from ndp.periods import Quarter
from ndp.publish.draft import build_draft
from ndp.publish.signoff import sign_off
from ndp.store import open_store

NDP = Path(sys.executable).with_name("ndp")
TRIALS = 3


def _check(pub: Path) -> str:
    """'none' or 'complete'; fails on anything in between."""
    manifest = pub / "2024-25Q1" / "v1.json"
    if not manifest.exists():
        finished = [p for p in (pub / "reports").glob("*") if not p.name.startswith(".")]
        for folder in finished:  # a renamed-in outputs folder is whole even without a manifest
            assert len(list(folder.glob("forces/*/*.pdf"))) == 45
        return "none"
    m = json.loads(manifest.read_text())
    for name in m["outputs"]:
        assert (pub / name).is_file(), name
    assert len([n for n in m["outputs"] if n.endswith(".pdf") and "/forces/" in n]) == 45
    assert all((pub / "files" / e["sha256"]).is_file() for e in m["extracts"])
    return "complete"


@pytest.mark.slow
def test_publish_killed_at_random_moments(demo_extracts: list[Path], tmp_path: Path) -> None:
    extracts = tmp_path / "extracts"
    extracts.mkdir()
    paths = [Path(shutil.copy(p, extracts / p.name)) for p in demo_extracts]
    db, pub = str(tmp_path / "s.duckdb"), tmp_path / "published"
    with open_store(db) as store:
        load_files(store, paths, username="ann")
        draft = build_draft(store, Quarter(2024, 1))
    sign_off(pub, draft, "bob", "approver")
    rng = random.Random(12)
    outcomes = []
    for _ in range(TRIALS):
        proc = subprocess.Popen(
            [str(NDP), "publish", "2024-25Q1", "--by", "bob", "--db", db, "--published", str(pub)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + rng.uniform(2, 30)
        while proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)  # the command and its force-edition workers
        proc.wait()
        outcomes.append(_check(pub))
    print(f"{TRIALS} publishes killed at random moments: {outcomes.count('none')} left no "
          f"version, {outcomes.count('complete')} a complete one, none anything in between")  # fmt: skip
    assert len(outcomes) == TRIALS
