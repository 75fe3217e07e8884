"""Factories for extract files: write a small CSV or workbook with keyword defaults."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pytest

HEADER = ["disruption_id", "date", "force", "threat", "category", "level"]


def csv_text(header: list[str], rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


@pytest.fixture
def write_csv(tmp_path: Path) -> Callable[..., Path]:
    """write_csv(rows, header=HEADER, name='d.csv') -> path of a new CSV extract."""

    def write(rows: list[list[str]], header: list[str] = HEADER, name: str = "d.csv") -> Path:
        path = tmp_path / name
        path.write_text(csv_text(header, rows), encoding="utf-8")
        return path

    return write


@pytest.fixture
def disruption() -> Callable[..., list[str]]:
    """disruption(id=..., date=..., force=..., ...) -> one row of a disruptions extract."""
    return disruption_row


def disruption_row(
    id: str = "D1",
    date: str = "13/05/2024",
    force: str = "Met",
    threat: str = "Fraud",
    category: str = "",
    level: str = "Major",
) -> list[str]:
    return [id, date, force, threat, category, level]
