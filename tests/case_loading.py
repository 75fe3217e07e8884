"""Engine cases (``tests/engine/cases/*.yaml``) loaded through the real loader into a store."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from ndp.engine.build import build_pack
from ndp.load import load_files
from ndp.periods import Quarter
from ndp.store import Store

CASES = Path(__file__).parent / "engine" / "cases"
CASE_TODAY = date(2026, 1, 1)


def _write_case_extracts(folder: Path, extracts: dict[str, list[dict[str, Any]]]) -> list[Path]:
    """Each source's rows of a case as one CSV extract (columns in first-seen order)."""
    paths = []
    for source, rows in extracts.items():
        header: list[str] = []
        for row in rows:
            header += [c for c in row if c not in header]
        path = folder / f"{source}.csv"
        with path.open("w", newline="", encoding="utf-8") as out:
            writer = csv.DictWriter(out, fieldnames=header)
            writer.writeheader()
            for row in rows:
                writer.writerow({k: "" if v is None else str(v) for k, v in row.items()})
        paths.append(path)
    return paths


def load_case(store: Store, name: str, folder: Path) -> dict[str, Any]:
    """Load an engine case's extracts (written under ``folder``) into ``store``; the case."""
    case: dict[str, Any] = yaml.safe_load((CASES / name).read_text(encoding="utf-8"))
    folder.mkdir(parents=True, exist_ok=True)
    paths = _write_case_extracts(folder, case["extracts"])
    for path in paths:  # one file at a time, so each is read as its own source
        load_files(store, [path], source=path.stem, today=CASE_TODAY)
    return case


def case_build(store: Store, case: dict[str, Any]) -> Any:
    """The pack of a loaded engine case."""
    return build_pack(store, Quarter.parse(str(case["period"])), today=CASE_TODAY)
