"""A Spark Connect server that dies (SIGKILL) in the middle of a publication or a build: ndp
stops within a bounded time with a message saying where, what was published, and what to do,
instead of waiting for ever (pyspark retries an unanswered request for ten minutes and more,
and then again to release the session). The test that kills a server starts one of its own;
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
#: ndp's wait for the dead server here, through NDP_SPARK_WAIT: the tests check the path and
#: the message, and two default 30 s waits would add a minute to the suite; that the default
#: policy gives up within 30 s is tests/store/test_spark_lost.py's to check.
WAIT = 3


@pytest.fixture(autouse=True)
def short_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    """The messages state the wait the environment sets."""
    monkeypatch.setenv("NDP_SPARK_WAIT", str(WAIT))


@pytest.fixture
def doomed() -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """A Spark Connect server of the test's own (the run's shared one must live on)."""
    from spark_server import spark_connect_process

    with spark_connect_process() as started:
        yield started


def one_line(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.timeout(GUARD)
def test_a_server_killed_mid_publication_fails_it_and_an_open_readers_build_clearly(
    doomed: tuple[str, subprocess.Popen[bytes]], demo_store: Store
) -> None:
    """One server for both (a server's start is most of the time): a reader has the store
    open (its version pinned) when the server dies in the middle of the next publication's
    copy; the publication stops, then the reader's build finds no server."""
    from spark_server import kill

    url, server = doomed
    location = f"{url}/lost"
    first = publish(demo_store, location)
    reader = open_store(location)
    tables = [table.name for table in spark_tables()]

    def kill_after_the_first_table(table: str, rows: int) -> None:
        if table == tables[0]:
            kill(server)

    with pytest.raises(NdpError) as publishing:
        publish(demo_store, location, progress=kill_after_the_first_table)
    found = re.fullmatch(
        re.escape(
            f"the Spark Connect server {url} stopped answering while copying the tables "
            f"(ndp waited for it for {WAIT} seconds): nothing of this publication was committed, "
            f"so readers still see version {first.version}; the rows copied so far (version "
        )
        + r"(\d+)"
        + re.escape(
            ") are invisible to them, and the next publication drops them. Once the server "
            f"answers again, run `ndp publish-store --db STORE --to {location}` again"
        ),
        one_line(str(publishing.value)),
    )
    assert found is not None, str(publishing.value)
    assert int(found[1]) > first.version

    def build_on_the_open_reader() -> None:
        with reader:
            build_pack(reader, Quarter.parse("2024-25 Q1"))

    with pytest.raises(NdpError) as reading:
        build_on_the_open_reader()
    assert one_line(str(reading.value)) == (
        f"the Spark Connect server {url} stopped answering while reading the store {location} "
        f"(ndp waited for it for {WAIT} seconds): ndp only reads a Spark store, so the store is as "
        "it was. Once the server answers again, run the command again"
    )


@pytest.mark.timeout(GUARD)
def test_a_commit_the_server_did_not_answer_may_have_landed(
    spark_location: str, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The commit's request sent, no answer: readers see one version or the other, whole. The
    run's shared server lives on, so pyspark's giving up is raised in place of the commit."""
    from pyspark.errors import RetriesExceeded

    import ndp.store.spark_publish as spark_publish

    first = publish(demo_store, spark_location)

    def unanswered(*args: object, **kwargs: object) -> None:
        raise RetriesExceeded(errorClass="RETRIES_EXCEEDED", messageParameters={})

    monkeypatch.setattr(spark_publish, "commit", unanswered)
    with pytest.raises(NdpError) as raised:
        publish(demo_store, spark_location)
    server = spark_location.rsplit("/", 1)[0]
    found = re.fullmatch(
        re.escape(f"the Spark Connect server {server} stopped answering while committing version ")
        + r"(\d+)"
        + re.escape(
            f" (ndp waited for it for {WAIT} seconds): the server may or may not have committed "
            "version "
        )
        + r"\1"
        + re.escape(
            f" before it stopped, so readers see either version {first.version} or version "
        )
        + r"\1"
        + re.escape(
            ", each whole, never a mix; publishing again commits a newer version either way. "
            "Once the server answers again, run `ndp publish-store --db STORE --to "
            f"{spark_location}` again"
        ),
        one_line(str(raised.value)),
    )
    assert found is not None, str(raised.value)
    assert int(found[1]) > first.version
