"""``ndp worker``: a second writer for the same store refuses to start, saying who holds it;
``ndp synth --broken`` says which cells it spoilt."""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Callable
from pathlib import Path

from ndp.synth.demo.broken import misspelt
from ndp.workflow.writer import Writer, WriterSettings

Invoke = Callable[..., tuple[int, str]]


def test_a_second_writer_refuses_to_start(invoke: Invoke, tmp_path: Path) -> None:
    store, app_db = tmp_path / "ndp.duckdb", tmp_path / "app.sqlite"
    first = Writer(WriterSettings(str(store), str(app_db), tmp_path, tmp_path / "published"))
    first.open()
    try:
        code, output = invoke("worker", "--db", str(store), "--packs", str(tmp_path),
                              "--app-db", str(app_db))  # fmt: skip
    finally:
        first.stop()
    assert code == 1
    assert " ".join(output.split()) == (
        f"error: another writer is already running for this store (process {os.getpid()}, lock "
        f"{store}.writer.lock): stop it first, or serve without --db so that it stays the only "
        "writer"
    )


def test_synth_broken_says_what_it_spoilt(invoke: Invoke, tmp_path: Path) -> None:
    code, output = invoke("synth", "--demo", "--broken", "--out", str(tmp_path))
    assert code == 0
    words = " ".join(output.split())
    force = re.search(r"line 3, column Force: '([^']+)' \(was '([^']+)'\)", words)
    assert force is not None, words
    assert force[1] == misspelt(force[2])
    assert force[1] != force[2]
    assert "spoilt apmis-disruptions.csv, line 5, column Date: '31/02/2023' (was " in words
    rows = list(csv.reader((tmp_path / "apmis-disruptions.csv").open(encoding="utf-8")))
    assert rows[2][rows[0].index("Force")] == force[1]
    assert invoke("synth", "--records", "10", "--broken", "--out", str(tmp_path))[1].strip() == (
        "error: --broken goes with --demo"
    )
