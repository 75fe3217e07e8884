"""App database fixtures: a fresh SQLite app database in ``tmp_path`` and a clock the test
moves by hand (sessions and throttling depend on time)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from appdb_support import FAST, Clock

from ndp.appdb import AppDB


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def app_path(tmp_path: Path) -> str:
    return str(tmp_path / "app.sqlite")


@pytest.fixture
def appdb(app_path: str, clock: Clock) -> Iterator[AppDB]:
    """A fresh SQLite app database with cheap hashing and a hand-moved clock."""
    with AppDB.open(app_path, settings=FAST, clock=clock) as db:
        yield db
