"""ndp's wait for a Spark Connect server that does not answer is bounded, and says so
(ndp.store.spark_lost). No server is started: a port nothing listens on refuses at once, as a
killed server's does (tests/store/test_spark_server_lost.py kills a real one)."""

from __future__ import annotations

import socket

import pytest
from typer.testing import CliRunner

from ndp.cli.app import app
from ndp.errors import NdpError
from ndp.store.spark_location import parse_location
from ndp.store.spark_lost import (
    DEFAULT_WAIT,
    WAIT_VARIABLE,
    longest_wait,
    patience,
    retry_policy,
    shown,
)

pytest.importorskip("pyspark")


def test_the_wait_the_messages_state_is_the_policys_longest() -> None:
    from pyspark.sql.connect.client.retries import DefaultPolicy

    for seconds in (DEFAULT_WAIT, 5, 600):
        policy = retry_policy(seconds)
        assert seconds - 6 < longest_wait(policy) <= seconds, policy
    assert retry_policy(DEFAULT_WAIT)["max_retries"] == 10  # 100 ms doubling to 5 s: 28.8 s
    # pyspark's own policy, which ndp replaces: ten minutes and more
    assert longest_wait({}) >= 600
    assert DefaultPolicy(**retry_policy(DEFAULT_WAIT)).can_retry(ValueError()) is False


def test_the_wait_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(WAIT_VARIABLE, raising=False)
    assert patience() == DEFAULT_WAIT == 30
    monkeypatch.setenv(WAIT_VARIABLE, "600")
    assert patience() == 600
    for wrong in ("0", "ten", "-5", "1.5"):
        monkeypatch.setenv(WAIT_VARIABLE, wrong)
        with pytest.raises(NdpError) as raised:
            patience()
        assert str(raised.value) == (
            f"NDP_SPARK_WAIT={wrong!r}: give the seconds ndp waits for a Spark Connect server "
            "that does not answer, a whole number from 1 (without it, 30)"
        )


def test_a_token_never_reaches_a_message() -> None:
    location = "sc://spark.example:443/main.ndp;use_ssl=true;token=dapiSECRET;user_id=a"
    assert shown(location) == "sc://spark.example:443/main.ndp;use_ssl=true;token=***;user_id=a"
    assert parse_location(location).server == "sc://spark.example:443"
    assert parse_location("sc://spark.example:15002/ndp").server == "sc://spark.example:15002"


@pytest.mark.timeout(120)
def test_a_build_from_a_server_that_is_not_running_stops_with_a_clear_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With a wait of the user's (the default's is the same code, 28.8 s of sleep)."""
    monkeypatch.setenv(WAIT_VARIABLE, "3")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    location = f"sc://127.0.0.1:{port}/nothing"
    built = CliRunner().invoke(app, ["build", "--period", "2024-25Q1", "--db", location])
    assert built.exit_code == 1, built.output
    assert " ".join(built.stderr.split()) == (
        f"error: the Spark Connect server sc://127.0.0.1:{port} stopped answering while opening "
        f"the store {location} (ndp waited for it for 3 seconds): ndp only reads a Spark "
        "store, so the store is as it was. Once the server answers again, run the command again"
    )
