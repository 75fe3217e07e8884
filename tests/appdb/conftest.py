"""App database fixtures: a fresh SQLite app database in ``tmp_path`` and a clock the test
moves by hand (sessions and throttling depend on time)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ndp.appdb import AppDB, AppSettings, Argon2Params

#: cheap argon2 costs for tests where the cost is not what is tested
FAST = AppSettings(argon2=Argon2Params(time_cost=1, memory_cost=1024, parallelism=1))


class Clock:
    """Seconds since the epoch, starting at 2026-12-01 09:00 UTC, moved by ``advance``."""

    def __init__(self) -> None:
        self.now = 1_796_115_600.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


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
