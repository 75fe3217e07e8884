"""The same pack from PostgreSQL as from DuckDB: the engine is backend-neutral."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from ndp.engine.build import build_pack
from ndp.engine.pack_model import Pack
from ndp.load import load_files
from ndp.periods import Quarter
from ndp.store import open_store


def _comparable(pack: Pack) -> dict[str, object]:
    data = json.loads(pack.to_json(), parse_float=Decimal)
    data.pop("generated_at")
    data["provenance"].pop("store")
    for f in data["provenance"]["files"]:
        f.pop("path")
    for load in data["data_quality"]["loads"]:
        load.pop("finished_at")
    return data


def test_postgres_pack_equals_duckdb_pack(
    pg_url: str, demo_extracts: list[Path], demo_pack: Pack
) -> None:
    with open_store(pg_url) as store:
        load_files(store, demo_extracts)
        pg_pack = build_pack(store, Quarter.parse("2024-25 Q1"))
    assert pg_pack.indicators["E1b.disruptions"].value == 1113
    assert _comparable(pg_pack) == _comparable(demo_pack)
