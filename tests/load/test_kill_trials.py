"""Kill trials (issue 14, item 6): SIGKILL during `ndp load` of a 2-million-row extract (three
at random moments, four in the first 50 ms of its commit, where a killed load once left a store
half committed) and during `ndp report`, a small run of bench/faults.py's trials. After each
kill the store is exactly the state before or exactly the new load, and a next load works; the
report folder holds one run's set, every file whole, and no hidden file once a run completes.
The counts of trials and outcomes are printed (docs/loading.md records a run)."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from faultkit import faults

from ndp.engine.pack_files import write_pack

#: Outcomes that break the guarantee (bench/faults.py writes them in capitals).
BROKEN = ("PARTIAL", "FAILED", "MIXED", "HALF-WRITTEN", "MISSING", "hidden files after")


def show(capsys: pytest.CaptureFixture[str], title: str, outcomes: Counter[str]) -> None:
    with capsys.disabled():
        print(
            f"\n{title}: {sum(v for k, v in outcomes.items() if k.startswith(('load', 'report')))} trials"
        )
        for outcome, count in sorted(outcomes.items()):
            print(f"{count:>4}  {outcome}")


@pytest.mark.slow
def test_kill_trials_during_load(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outcomes = faults().load_trials(tmp_path, 2_000_000, 3, random.Random(14), at_commit=4)
    show(capsys, "kill -9 during ndp load of 2,000,000 rows", outcomes)
    assert not [k for k in outcomes if any(b in k for b in BROKEN)], outcomes
    assert sum(v for k, v in outcomes.items() if k.startswith("load")) == 7
    assert outcomes["next load worked"] == 7
    assert sum(v for k, v in outcomes.items() if k.startswith("load killed")) >= 1
    assert sum(v for k, v in outcomes.items() if k.startswith("load killed in its commit")) >= 1


@pytest.mark.slow
def test_kill_trials_during_report(
    tmp_path: Path, demo_pack: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = tmp_path / "pack" / "pack.json"
    write_pack(demo_pack, pack)
    outcomes = faults().report_trials(tmp_path, pack, ["html", "xlsx"], 2, random.Random(14))
    show(capsys, "kill -9 during ndp report (html, xlsx)", outcomes)
    assert not [k for k in outcomes if any(b in k for b in BROKEN)], outcomes
    assert outcomes["clean after the next run"] == 1
    assert sum(v for k, v in outcomes.items() if k.startswith("report killed")) >= 1
