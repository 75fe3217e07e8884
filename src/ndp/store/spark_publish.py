"""Publishing a validated store to Spark so that a reader never sees a mix of two loads.

1. Create what is missing: the schema, each table (Parquet, partitioned by ``_version``), the
   manifest.
2. Drop what no reader can need: partitions of versions never committed (a publication that
   was interrupted) and committed versions older than the last :data:`KEEP`.
3. Copy every table's rows, in batches, into a new version's partition: readers filter on the
   committed version, so these rows are invisible to them however long the copy takes and
   wherever it stops.
4. Commit: append the version's row to the manifest (one file, moved into place in one rename).
   Readers that open the store after this see the new version in every table; those that
   opened before keep the version they pinned.

A new version is larger than every version found (committed or not) and than the clock in
milliseconds, so a copy that was cut off, and whose last write Spark finishes later, never
lands in a later publication's version. One publisher at a time: two at once are not guarded.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from ndp.store.base import Store
from ndp.store.schema import SCHEMA_VERSION
from ndp.store.spark_location import SparkLocation, open_session, parse_location
from ndp.store.spark_lost import answering, shown
from ndp.store.spark_manifest import commit, committed_versions, create_manifest
from ndp.store.spark_tables import VERSION_COLUMN, SparkTable, spark_tables

#: Committed versions kept: the newest, and the one before for readers still building a pack
#: from it when the newest was committed.
KEEP = 2
#: Rows sent to Spark at a time (each batch is one local relation of a few tens of MB).
BATCH_ROWS = 250_000

#: Batches written at once.
PARALLEL_COPIES = 3

_ARROW = {
    "STRING": pa.string(),
    "DATE": pa.date32(),
    "BIGINT": pa.int64(),
    "INT": pa.int32(),
    "BOOLEAN": pa.bool_(),
    "TIMESTAMP": pa.timestamp("us"),
    "DECIMAL(18,2)": pa.decimal128(18, 2),
}


@dataclass(frozen=True)
class Publication:
    """What a publication copied: its version and the rows of each table."""

    version: int
    rows: dict[str, int]


def publish(
    source: Store, location: str, progress: Callable[[str, int], None] | None = None
) -> Publication:
    """Copy every table of ``source`` to the Spark store at ``location`` as a new version,
    then commit it. ``progress(table, rows)`` is called after each table.

    A Spark Connect server that stops answering is given up on after 30 seconds (or
    ``NDP_SPARK_WAIT``'s), with an error saying at which step and what readers see
    (``ndp.store.spark_lost``)."""
    where = parse_location(location)
    session = open_session(where)
    again = f"run `ndp publish-store --db STORE --to {shown(location)}` again"
    previous: list[int] = []
    version = 0

    def step(doing: str, outcome: Callable[[], str]) -> AbstractContextManager[None]:
        if where.remote is None:
            return nullcontext()
        return answering(session, where.server, doing, outcome, again)

    try:
        tables = spark_tables()
        with step("creating the store's tables", lambda: _UNTOUCHED):
            _create(session, where, tables)
        with step("preparing the publication", lambda: _UNTOUCHED):
            previous = committed_versions(session, where)
            version = _new_version(session, where, tables, previous)
        with step("copying the tables", lambda: _uncommitted(previous, version)):
            rows = _copy(session, where, tables, source, version, progress)
        with step(f"committing version {version}", lambda: _unconfirmed(previous, version)):
            commit(session, where, version, SCHEMA_VERSION, _safe(source.location))
        return Publication(version, rows)
    finally:
        if where.remote is not None:
            session.stop()


#: What a publication cut off before its first row leaves.
_UNTOUCHED = "nothing of this publication was written, and readers see what they saw before"


def _seen(previous: list[int]) -> str:
    return f"version {previous[0]}" if previous else "nothing (nothing has been published there)"


def _uncommitted(previous: list[int], version: int) -> str:
    return (
        f"nothing of this publication was committed, so readers still see {_seen(previous)}; "
        f"the rows copied so far (version {version}) are invisible to them, and the next "
        "publication drops them"
    )


def _unconfirmed(previous: list[int], version: int) -> str:
    return (
        f"the server may or may not have committed version {version} before it stopped, so "
        f"readers see either {_seen(previous)} or version {version}, each whole, never a mix; "
        "publishing again commits a newer version either way"
    )


def _copy(
    session: Any,
    where: SparkLocation,
    tables: list[SparkTable],
    source: Store,
    version: int,
    progress: Callable[[str, int], None] | None,
) -> dict[str, int]:
    """Every table's rows into ``version``'s partitions, a few batches at a time."""
    rows = {}
    with ThreadPoolExecutor(PARALLEL_COPIES, thread_name_prefix="ndp-publish") as pool:
        writing: set[Future[None]] = set()
        for table in tables:
            rows[table.name] = 0
            for batch in _batches(source, table, version):
                rows[table.name] += batch.num_rows
                if len(writing) >= PARALLEL_COPIES:  # read ahead no further than this
                    done, writing = wait(writing, return_when=FIRST_COMPLETED)
                    for finished in done:
                        finished.result()
                writing.add(pool.submit(_write, session, where.table(table.name), batch))
            if progress is not None:
                progress(table.name, rows[table.name])
        for finished in writing:
            finished.result()
    return rows


def _create(session: Any, where: SparkLocation, tables: list[SparkTable]) -> None:
    session.sql(f"CREATE SCHEMA IF NOT EXISTS {where.namespace}")
    for table in tables:
        session.sql(table.ddl(where.table(table.name)))
    create_manifest(session, where)


def _new_version(
    session: Any, where: SparkLocation, tables: list[SparkTable], committed: list[int]
) -> int:
    """Drop the partitions no reader needs, and choose a version above every one found
    (``committed``: the committed versions, newest first)."""
    keep = set(committed[:KEEP])
    found = set(keep)
    for table in tables:
        for version in _versions(session, where.table(table.name)):
            found.add(version)
            if version not in keep:
                session.sql(
                    f"ALTER TABLE {where.table(table.name)} DROP IF EXISTS "
                    f"PARTITION ({VERSION_COLUMN} = {version})"
                )
    return max([*found, int(time.time() * 1000) - 1]) + 1


def _versions(session: Any, qualified: str) -> list[int]:
    rows = session.sql(f"SHOW PARTITIONS {qualified}").collect()
    return [int(str(row[0]).split("=", 1)[1]) for row in rows]


def _batches(source: Store, table: SparkTable, version: int) -> Iterator[pa.Table]:
    """The table's rows in the store's column order and Spark's types, with their version,
    a batch at a time (read on this thread: a DuckDB connection is not shared between threads)."""
    names = [c for c, _ in table.columns]
    schema = pa.schema([(c, _ARROW[kind]) for c, kind in table.columns])
    expr = source.ibis.table(table.name).select(names)
    for batch in expr.to_pyarrow_batches(chunk_size=BATCH_ROWS):
        if batch.num_rows:
            rows = pa.Table.from_batches([batch]).cast(schema)
            versions = pa.array([version] * rows.num_rows, pa.int64())
            yield rows.append_column(VERSION_COLUMN, versions)


def _write(session: Any, qualified: str, rows: pa.Table) -> None:
    """Append one batch to its version's partition (Spark Connect sessions take several
    requests at once: each write waits mostly on Spark's job start and commit)."""
    session.createDataFrame(rows).write.insertInto(qualified)


def _safe(location: str) -> str:
    """The source's location for the manifest, without a password."""
    return re.sub(r"://([^:/@]*):[^@/]*@", r"://\1:***@", location)
