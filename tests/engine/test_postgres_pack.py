"""The engine gives the same pack on PostgreSQL as on DuckDB: one definition, two backends."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ndp.engine.build import build_pack
from ndp.engine.pack_model import Pack
from ndp.load import load_files
from ndp.periods import Quarter
from ndp.store import open_store

pytestmark = pytest.mark.postgres


def comparable(pack: Pack) -> dict[str, Any]:
    """The pack without what differs by nature between two stores: when, and which store."""
    data = json.loads(pack.to_json())
    data.pop("generated_at")
    data.pop("provenance")
    data["data_quality"].pop("loads")
    return data


def test_postgresql_pack_equals_duckdb_pack(
    pg_url: str, demo_extracts: list[Path], demo_pack: Pack
) -> None:
    with open_store(pg_url) as pg:
        load_files(pg, demo_extracts)
        pg_pack = build_pack(pg, Quarter.parse("2024-25 Q1"))
    assert json.loads(pg_pack.to_json())["provenance"]["store"] == "postgres"
    expected, found = comparable(demo_pack), comparable(pg_pack)
    assert found.keys() == expected.keys()
    for name in expected["indicators"]:
        assert found["indicators"][name] == expected["indicators"][name], name
    assert found == expected
