"""Where a Spark store lives: a Spark Connect server or the classic session, and a schema.

- ``sc://host:port/[catalog.]schema[;param=value...]``: a Spark Connect server (an open-source
  cluster's, or Databricks through databricks-connect); the parameters after ``;`` (``token``,
  ``use_ssl``, ``user_id``) go to the server as Spark Connect defines them.
- ``spark://[catalog.]schema``: the classic session of this process, whose master comes from
  ``spark-submit`` or ``spark-defaults.conf``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ndp.errors import NdpError
from ndp.store.spark_lost import bound_retries

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

#: Every Spark Connect session this process has opened, kept until it exits (``open_session``).
_OPENED: list[Any] = []


@dataclass(frozen=True)
class SparkLocation:
    """``remote`` is the Spark Connect URL (None for the classic session); tables live in
    ``catalog.schema`` (the session's current catalog when ``catalog`` is None)."""

    remote: str | None
    catalog: str | None
    schema: str

    def table(self, name: str) -> str:
        """The fully qualified name of one of the store's tables."""
        return ".".join(f"`{part}`" for part in (*self.namespace_parts(), name))

    def namespace_parts(self) -> tuple[str, ...]:
        return (self.catalog, self.schema) if self.catalog else (self.schema,)

    @property
    def server(self) -> str:
        """The Spark Connect server, ``sc://HOST:PORT``, without its parameters (a token)."""
        return (self.remote or "").split("/;", 1)[0]

    @property
    def namespace(self) -> str:
        return ".".join(f"`{part}`" for part in self.namespace_parts())


def is_spark(location: str) -> bool:
    return location.startswith(("sc://", "spark://"))


def parse_location(location: str) -> SparkLocation:
    """``sc://127.0.0.1:15002/ndp`` -> the server and the schema ``ndp``."""
    if location.startswith("spark://"):
        return SparkLocation(None, *_namespace(location, location.removeprefix("spark://")))
    rest = location.removeprefix("sc://")
    host, _, path = rest.partition("/")
    names, _, params = path.partition(";")
    if not host:
        raise NdpError(f"{location}: a Spark Connect location needs a host: sc://HOST:PORT/SCHEMA")
    remote = f"sc://{host}/;{params}" if params else f"sc://{host}"
    return SparkLocation(remote, *_namespace(location, names))


def _namespace(location: str, names: str) -> tuple[str | None, str]:
    parts = names.split(".")
    if names.count(":") or not 1 <= len(parts) <= 2 or not all(_NAME.fullmatch(p) for p in parts):
        raise NdpError(
            f"{location}: the store's schema {names!r} must be SCHEMA or CATALOG.SCHEMA, each a "
            "name of letters, digits and underscores (a Spark master URL such as "
            "spark://host:7077 is chosen with spark-submit, not --db)"
        )
    return (parts[0], parts[1]) if len(parts) == 2 else (None, parts[0])


def open_session(where: SparkLocation) -> Any:
    """A new Spark Connect session on the server, or the process's classic session.

    A Connect session is kept referenced until the process exits, stopped or not, so that the
    garbage collector never finalises one while Spark work is under way. pyspark 4.0's client
    shares one thread pool between all the sessions of a process, for the requests that release
    a query's results, and a session's finaliser shuts that pool down under a class-wide lock.
    Finalised by the collector at an arbitrary moment, such as inside a thread pool's
    ``submit`` (which holds ``concurrent.futures``' process-wide lock) while another thread
    holds the class lock and submits a release to the pool, the two threads wait for each
    other for ever: a test run hung so. pyspark 4.2 rewrote that pool (SPARK-55406), but Ibis 12
    allows pyspark below 4.1 only. A stopped session holds little: its channel is closed.

    A Connect session gives up on a server that does not answer after 30 seconds (or
    ``NDP_SPARK_WAIT``'s, :func:`ndp.store.spark_lost.patience`), not pyspark's ten minutes."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise NdpError(
            "a Spark store needs pyspark: install ndp with its `spark` extra "
            "(pip install 'ndp[spark]')"
        ) from None
    if where.remote is None:
        return SparkSession.builder.appName("ndp").getOrCreate()
    session = SparkSession.builder.remote(where.remote).create()
    _OPENED.append(session)
    bound_retries(session)
    return session
