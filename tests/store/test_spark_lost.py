"""ndp's wait for a Spark Connect server that does not answer is bounded, and says so
(ndp.store.spark_lost). No server is started: a port nothing listens on refuses at once, as a
killed server's does (tests/store/test_spark_server_lost.py kills a real one)."""

from __future__ import annotations

import socket

import pytest
from typer.testing import CliRunner

from ndp.cli.app import app
from ndp.store.spark_location import parse_location
from ndp.store.spark_lost import RETRY, RETRY_SECONDS, longest_wait, shown

pytest.importorskip("pyspark")


def test_the_wait_the_messages_state_is_the_policys_longest() -> None:
    from pyspark.sql.connect.client.retries import DefaultPolicy

    assert RETRY_SECONDS - 2 < longest_wait(RETRY) <= RETRY_SECONDS
    # pyspark's own policy, which ndp replaces: ten minutes and more
    assert longest_wait({}) >= 600
    assert DefaultPolicy(**RETRY).can_retry(ValueError()) is False


def test_a_token_never_reaches_a_message() -> None:
    location = "sc://spark.example:443/main.ndp;use_ssl=true;token=dapiSECRET;user_id=a"
    assert shown(location) == "sc://spark.example:443/main.ndp;use_ssl=true;token=***;user_id=a"
    assert parse_location(location).server == "sc://spark.example:443"
    assert parse_location("sc://spark.example:15002/ndp").server == "sc://spark.example:15002"


@pytest.mark.slow
@pytest.mark.timeout(120)
def test_a_build_from_a_server_that_is_not_running_stops_with_a_clear_error() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    location = f"sc://127.0.0.1:{port}/nothing"
    built = CliRunner().invoke(app, ["build", "--period", "2024-25Q1", "--db", location])
    assert built.exit_code == 1, built.output
    assert " ".join(built.stderr.split()) == (
        f"error: the Spark Connect server sc://127.0.0.1:{port} stopped answering while opening "
        f"the store {location} (ndp waited for it for 30 seconds): ndp only reads a Spark "
        "store, so the store is as it was. Once the server answers again, run the command again"
    )
