"""A Spark Connect server for the test session, from pyspark's own distribution.

``spark-submit`` runs ``SparkConnectServer`` (its jar ships in ``pyspark/jars``) on a free
loopback port, with local[2], a 1 GB driver, two shuffle partitions, no UI, the JIT capped at
its first tier but with a full JIT's code cache (the first tier alone reserves 48 MB, which
Spark's generated code can fill: "Out of space in CodeCache" stops the SparkContext), an
in-memory catalog and a warehouse under a temporary folder. The JDK is Debian's Java 17 (or
21): Spark 4.0 runs on neither an older nor a newer one.
"""

from __future__ import annotations

import glob
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SETTINGS = {
    "spark.connect.grpc.binding.address": "127.0.0.1",
    "spark.ui.enabled": "false",
    "spark.sql.shuffle.partitions": "2",
    "spark.sql.catalogImplementation": "in-memory",
    "spark.driver.extraJavaOptions": (
        "-XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=240m -XX:ActiveProcessorCount=2"
    ),
}


def java_home() -> str:
    found = sorted(glob.glob("/usr/lib/jvm/java-17-openjdk-*")) or sorted(
        glob.glob("/usr/lib/jvm/java-21-openjdk-*")
    )
    if not found:
        raise RuntimeError("no Java 17 or 21: run `make system-deps` (make test does it)")
    return found[0]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def spark_connect_server() -> Iterator[str]:
    """Start the server; yield its ``sc://127.0.0.1:PORT``; stop it and its JVM."""
    with spark_connect_process() as (url, _):
        yield url


@contextmanager
def spark_connect_process() -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """Start a server; yield its URL and its process (for a test that kills it: ``kill``);
    stop it and its JVM if it still runs."""
    import pyspark

    home = Path(pyspark.__file__).parent
    root = Path(tempfile.mkdtemp(prefix="ndp-spark-"))
    port = _free_port()
    settings = {
        **SETTINGS,
        "spark.connect.grpc.binding.port": str(port),
        "spark.sql.warehouse.dir": str(root / "warehouse"),
        "spark.local.dir": str(root / "local"),
    }
    argv = [str(home / "bin" / "spark-submit"), "--master", "local[2]", "--driver-memory", "1g"]
    for key, value in settings.items():
        argv += ["--conf", f"{key}={value}"]
    argv += ["--class", "org.apache.spark.sql.connect.service.SparkConnectServer"]
    env = {**os.environ, "SPARK_HOME": str(home), "JAVA_HOME": java_home()}
    log = (root / "server.log").open("wb")
    server = subprocess.Popen(
        [*argv, "spark-internal"], env=env, cwd=root, stdout=log, stderr=log, start_new_session=True
    )
    try:
        _wait_for(port, server, root / "server.log")
        yield f"sc://127.0.0.1:{port}", server
    finally:
        _stop(server)
        log.close()
        shutil.rmtree(root, ignore_errors=True)


def _wait_for(port: int, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("the Spark Connect server stopped:\n" + log.read_text()[-3000:])
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.5)
    raise RuntimeError("the Spark Connect server did not start in 3 minutes")


def kill(server: subprocess.Popen[bytes]) -> None:
    """SIGKILL the server's process group at once, as a crash or an out-of-memory killer would."""
    os.killpg(server.pid, signal.SIGKILL)
    server.wait()


def _stop(server: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the server's process group (spark-submit and its JVM), SIGKILL if it lingers."""
    for sig, grace in ((signal.SIGTERM, 30), (signal.SIGKILL, 10)):
        try:
            os.killpg(server.pid, sig)
        except ProcessLookupError:
            return
        try:
            server.wait(grace)
            return
        except subprocess.TimeoutExpired:
            continue
