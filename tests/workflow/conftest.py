"""Workflow fixtures: an app database on SQLite and, marked ``postgres``, on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from workflow_support import FAST, Clock

from ndp.appdb import AppDB


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def appdb(request: pytest.FixtureRequest, tmp_path: Path, clock: Clock) -> Iterator[AppDB]:
    """A fresh app database, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        location = str(tmp_path / "app.sqlite")
    else:
        location = request.getfixturevalue("pg_url")
    with AppDB.open(location, settings=FAST, clock=clock) as db:
        yield db
