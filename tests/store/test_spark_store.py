"""The Spark store: its locations, its tables, and what it refuses, with the exact messages;
then, on the run's Spark Connect server, ``ndp publish-store`` and ``ndp build --db sc://``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ndp.cli.app import app
from ndp.errors import NdpError
from ndp.store.spark_location import SparkLocation, parse_location
from ndp.store.spark_publish import _safe
from ndp.store.spark_tables import spark_tables

runner = CliRunner()


def test_locations() -> None:
    assert parse_location("sc://127.0.0.1:15002/ndp") == SparkLocation(
        "sc://127.0.0.1:15002", None, "ndp"
    )
    assert parse_location("sc://db.example:443/main.ndp;token=abc;use_ssl=true") == (
        SparkLocation("sc://db.example:443/;token=abc;use_ssl=true", "main", "ndp")
    )
    assert parse_location("spark://main.ndp").table("disruptions") == "`main`.`ndp`.`disruptions`"


@pytest.mark.parametrize(
    ("location", "message"),
    [
        (
            "spark://host:7077",
            "spark://host:7077: the store's schema 'host:7077' must be SCHEMA or CATALOG.SCHEMA, "
            "each a name of letters, digits and underscores (a Spark master URL such as "
            "spark://host:7077 is chosen with spark-submit, not --db)",
        ),
        (
            "sc://127.0.0.1:15002/",
            "sc://127.0.0.1:15002/: the store's schema '' must be SCHEMA or CATALOG.SCHEMA, each "
            "a name of letters, digits and underscores (a Spark master URL such as "
            "spark://host:7077 is chosen with spark-submit, not --db)",
        ),
        ("sc:///ndp", "sc:///ndp: a Spark Connect location needs a host: sc://HOST:PORT/SCHEMA"),
    ],
)
def test_a_wrong_location_is_refused(location: str, message: str) -> None:
    with pytest.raises(NdpError) as refused:
        parse_location(location)
    assert str(refused.value) == message


def test_tables_carry_the_store_columns_and_a_version_partition() -> None:
    tables = {t.name: t for t in spark_tables()}
    seizures = tables["asset_seizures"]
    assert ("value_gbp", "DECIMAL(18,2)") in seizures.columns
    assert ("force", "STRING") in seizures.columns
    assert tables["loads"].columns[0] == ("load_id", "BIGINT")  # PRIMARY KEY dropped
    assert seizures.ddl("`ndp`.`asset_seizures`").endswith(
        "_version BIGINT) USING parquet PARTITIONED BY (_version)"
    )


def test_the_manifest_never_records_a_password() -> None:
    assert _safe("postgresql://ndp:s3cret@db:5432/ndp") == "postgresql://ndp:***@db:5432/ndp"
    assert _safe("/data/ndp.duckdb") == "/data/ndp.duckdb"


def test_publish_store_refuses_a_spark_source_and_a_non_spark_target(tmp_path: Path) -> None:
    to_duck = runner.invoke(app, ["publish-store", "--db", "x.duckdb", "--to", "y.duckdb"])
    assert to_duck.exit_code == 2
    assert "--to y.duckdb: expected sc://HOST:PORT/SCHEMA or spark://SCHEMA" in to_duck.stderr
    from_spark = runner.invoke(app, ["publish-store", "--db", "sc://h:1/a", "--to", "sc://h:1/b"])
    assert from_spark.exit_code == 2
    assert "--db sc://h:1/a: publish from a DuckDB or PostgreSQL store" in from_spark.stderr


@pytest.mark.spark
@pytest.mark.xdist_group("spark")
def test_build_from_spark_connect_equals_duckdb(
    tmp_path: Path, spark_location: str, demo_extracts: list[Path]
) -> None:
    """Nothing published yet: a clear error; loading: refused; then publish the demo store
    and `ndp build --db sc://...` writes the DuckDB pack."""
    nothing = runner.invoke(app, ["build", "--period", "2024-25Q1", "--db", spark_location])
    assert nothing.exit_code == 1
    assert (
        f"nothing has been published to {spark_location}: copy a loaded store there with "
        f"`ndp publish-store --db STORE --to {spark_location}`" in " ".join(nothing.stderr.split())
    )
    duck = str(tmp_path / "demo.duckdb")
    assert runner.invoke(app, ["load", *map(str, demo_extracts), "--db", duck]).exit_code == 0
    published = runner.invoke(app, ["publish-store", "--db", duck, "--to", spark_location])
    assert published.exit_code == 0, published.stderr
    assert f"to {spark_location} as version" in " ".join(published.stderr.split())

    loading = runner.invoke(app, ["load", str(demo_extracts[0]), "--db", spark_location])
    assert loading.exit_code == 1
    assert (
        f"{spark_location} is a Spark store, which ndp reads but does not load: load the "
        "extracts into a DuckDB or PostgreSQL store, then copy it with `ndp publish-store --db "
        f"STORE --to {spark_location}` (docs/spark.md)" in " ".join(loading.stderr.split())
    )

    packs = {}
    for name, db in (("duckdb", duck), ("spark", spark_location)):
        out = tmp_path / f"{name}.json"
        built = runner.invoke(
            app, ["build", "--period", "2024-25Q1", "--db", db, "--out", str(out)]
        )
        assert built.exit_code == 0, built.stderr
        packs[name] = json.loads(out.read_text())
    assert packs["spark"]["provenance"]["store"] == "spark"
    for pack in packs.values():
        pack.pop("generated_at")
        pack["provenance"].pop("store")
    assert packs["spark"] == packs["duckdb"]
