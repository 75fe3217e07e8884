"""A Spark Connect server that dies (SIGKILL) in the middle of a publication or a build: ndp
stops within a bounded time with a message saying where, what was published, and what to do,
instead of waiting for ever (pyspark retries an unanswered request for ten minutes and more,
and then again to release the session). Each test starts a server of its own and kills it;
the guard is pytest-timeout's marker (a hang fails the test), not a timed assertion."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator

import pytest

from ndp.engine.build import build_pack
from ndp.errors import NdpError
from ndp.periods import Quarter
from ndp.store import Store, open_store
from ndp.store.spark_publish import publish
from ndp.store.spark_tables import spark_tables

pytestmark = [pytest.mark.spark, pytest.mark.slow, pytest.mark.xdist_group("spark")]

#: Seconds a test may take: the server's start (about a minute on a busy machine), a
#: publication of the demo store, then ndp's bounded retries (ndp.store.spark_lost).
GUARD = 300


@pytest.fixture
def doomed() -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """A Spark Connect server of the test's own (the run's shared one must live on)."""
    from spark_server import spark_connect_process

    with spark_connect_process() as started:
        yield started


def one_line(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.timeout(GUARD)
def test_a_publication_whose_server_dies_mid_copy_says_nothing_was_committed(
    doomed: tuple[str, subprocess.Popen[bytes]], demo_store: Store
) -> None:
    from spark_server import kill

    url, server = doomed
    location = f"{url}/lost"
    first = publish(demo_store, location)
    tables = [table.name for table in spark_tables()]

    def kill_after_the_first_table(table: str, rows: int) -> None:
        if table == tables[0]:
            kill(server)

    with pytest.raises(NdpError) as raised:
        publish(demo_store, location, progress=kill_after_the_first_table)
    found = re.fullmatch(
        re.escape(
            f"the Spark Connect server {url} stopped answering while copying the tables "
            "(ndp waited for it for 30 seconds): nothing of this publication was committed, so "
            f"readers still see version {first.version}; the rows copied so far (version "
        )
        + r"(\d+)"
        + re.escape(
            ") are invisible to them, and the next publication drops them. Once the server "
            f"answers again, run `ndp publish-store --db STORE --to {location}` again"
        ),
        one_line(str(raised.value)),
    )
    assert found is not None, str(raised.value)
    assert int(found[1]) > first.version


@pytest.mark.timeout(GUARD)
def test_a_build_whose_server_dies_says_the_store_is_unchanged(
    doomed: tuple[str, subprocess.Popen[bytes]], demo_store: Store
) -> None:
    """The store is open (its version pinned) when the server dies: the engine's first query
    finds no server."""
    from spark_server import kill

    url, server = doomed
    location = f"{url}/lost"
    publish(demo_store, location)

    def build_after_the_server_dies() -> None:
        with open_store(location) as store:
            kill(server)
            build_pack(store, Quarter.parse("2024-25 Q1"))

    with pytest.raises(NdpError) as raised:
        build_after_the_server_dies()
    assert one_line(str(raised.value)) == (
        f"the Spark Connect server {url} stopped answering while reading the store {location} "
        "(ndp waited for it for 30 seconds): ndp only reads a Spark store, so the store is as "
        "it was. Once the server answers again, run the command again"
    )
