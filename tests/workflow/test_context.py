"""The writer builds drafts and publications with the same commentary file, so a draft's hash
matches its publication's when the file declares SPC step changes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ndp.workflow.context import WriterContext


def _context(packs: Path) -> WriterContext:
    app_db: Any = None
    return WriterContext("store.duckdb", packs / "published", packs, lambda _: None, app_db)


def test_the_quarters_own_file_comes_before_the_demos(tmp_path: Path) -> None:
    context = _context(tmp_path)
    assert context.commentary("2024-25-Q1") is None
    (tmp_path / "commentary.yaml").write_text("{}\n")
    assert context.commentary("2024-25-Q1") == tmp_path / "commentary.yaml"
    (tmp_path / "commentary-2024-25-Q1.yaml").write_text("{}\n")
    assert context.commentary("2024-25-Q1") == tmp_path / "commentary-2024-25-Q1.yaml"
    assert context.commentary("2024-25-Q2") == tmp_path / "commentary.yaml"
