"""Shared fixtures: stores on both backends.

``pg_url`` starts one throwaway PostgreSQL server per test session (initdb + pg_ctl from
``/usr/lib/postgresql/*/bin``; as the ``postgres`` user when the tests run as root, since
PostgreSQL refuses to run as root) and gives each test a fresh, empty database.
"""

from __future__ import annotations

import glob
import itertools
import json
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import traceback
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from case_loading import case_build, load_case
from ndp.cli.app import app
from ndp.engine.build import build_pack
from ndp.load import load_files
from ndp.periods import Quarter
from ndp.store import Store, open_store


def _pg_bin() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    if not found:
        pytest.fail("PostgreSQL is not installed: run `make system-deps` (make test does it)")
    return Path(found[-1]).parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_server_user(argv: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *argv]
    return argv


@pytest.fixture(scope="session", autouse=True)
def sql_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The session's folder of compiled SQL (``ndp.engine.query_files``), not the user's, for
    this process and the commands it starts."""
    folder = tmp_path_factory.mktemp("sql-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NDP_CACHE_DIR", str(folder))
        yield folder


@pytest.fixture(scope="session", autouse=True)
def app_db_commits_without_a_disk_sync() -> Iterator[None]:
    """SQLite app databases opened in this process commit with ``PRAGMA synchronous=NORMAL``
    (WAL's usual setting) instead of the shipped ``FULL``: the dashboard writes an audit row
    for every request, and a disk sync per commit (2-15 ms on this machine's shared disk) was
    most of the wall time of the scope canary's 20,000 requests. Every test sees the same rows:
    in WAL mode NORMAL loses no commit when a process is killed, only at a power cut, which no
    test makes (docs/performance.md keeps FULL in production for that). ``ndp serve`` and other
    commands the tests start as processes keep ``FULL``."""
    from ndp.appdb.backend import SqliteBackend

    shipped = SqliteBackend._connect

    def connect(self: SqliteBackend) -> Any:
        conn = shipped(self)
        conn.execute("PRAGMA synchronous=NORMAL")
        return conn

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(SqliteBackend, "_connect", connect)
        yield


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """A PostgreSQL server for this session; yields its base URL (without a database)."""
    bindir = _pg_bin()
    root = Path(tempfile.mkdtemp(prefix="ndp-pg-"))
    data = root / "data"
    data.mkdir()
    if os.geteuid() == 0:
        user = pwd.getpwnam("postgres")
        for path in (root, data):
            os.chown(path, user.pw_uid, user.pw_gid)
    port = _free_port()
    run = lambda argv: subprocess.run(  # noqa: E731
        _as_server_user(argv), check=True, capture_output=True, text=True
    )
    run([str(bindir / "initdb"), "-D", str(data), "-U", "ndp", "--auth=trust", "-E", "UTF8"])
    options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off"
    run(
        [
            str(bindir / "pg_ctl"),
            "-D",
            str(data),
            "-o",
            options,
            "-w",
            "-l",
            str(root / "log"),
            "start",
        ]
    )
    try:
        yield f"postgresql://ndp@127.0.0.1:{port}"
    finally:
        subprocess.run(
            _as_server_user([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
            capture_output=True,
        )
        shutil.rmtree(root, ignore_errors=True)


_numbers = itertools.count()


@pytest.fixture
def pg_url(pg_server: str) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test."""
    import psycopg

    name = f"ndp_test_{os.getpid()}_{next(_numbers)}"
    with psycopg.connect(f"{pg_server}/postgres", autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    yield f"{pg_server}/{name}"
    with psycopg.connect(f"{pg_server}/postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(scope="session")
def spark_server() -> Iterator[str]:
    """One Spark Connect server for the whole run (tests/spark_server.py): its sc:// URL."""
    from spark_server import spark_connect_server

    with spark_connect_server() as url:
        yield url


@pytest.fixture
def spark_location(spark_server: str) -> str:
    """A fresh schema on the session's Spark Connect server, as a store location."""
    return f"{spark_server}/t{os.getpid()}_{next(_numbers)}"


@pytest.fixture
def duck_store(tmp_path: Path) -> Iterator[Store]:
    """A fresh DuckDB store in a file."""
    with open_store(str(tmp_path / "store.duckdb")) as store:
        yield store


@pytest.fixture(scope="session")
def demo_extracts(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The demo data set's extracts, written once per session."""
    from ndp.synth.demo import write_demo_extracts

    return write_demo_extracts(tmp_path_factory.mktemp("demo-extracts"))


@pytest.fixture(scope="session")
def demo_store(
    demo_extracts: list[Path], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Store]:
    """A DuckDB store with the demo data set loaded (shared: tests must only read it)."""

    with open_store(str(tmp_path_factory.mktemp("demo-store") / "demo.duckdb")) as store:
        load_files(store, demo_extracts)
        yield store


@pytest.fixture(scope="session")
def demo_pack(demo_store: Store) -> Any:
    """The 2024-25 Q1 pack built from the demo data set (for the engine and report tests)."""

    return build_pack(demo_store, Quarter.parse("2024-25 Q1"))


@pytest.fixture
def case_pack(tmp_path: Path) -> Callable[[str], tuple[dict[str, Any], dict[str, Any]]]:
    """``case_pack(name)``: an engine case (``tests/engine/cases/NAME``) loaded through the real
    loader into a fresh store, as (the case, its pack as plain data with exact numbers)."""

    def build(name: str) -> tuple[dict[str, Any], dict[str, Any]]:
        with open_store(str(tmp_path / "case.duckdb")) as store:
            case = load_case(store, name, tmp_path)
            pack = case_build(store, case)
        return case, json.loads(pack.to_json(), parse_float=Decimal)

    return build


def pytest_configure(config: pytest.Config) -> None:
    """Under xdist, hand out the work in the order :func:`pytest_collection_modifyitems` gives:
    xdist's ``loadgroup`` otherwise sorts its units by their number of tests
    (``--loadscope-reorder``), which would put a module of many quick tests before the Spark
    group and the long single tests."""
    if hasattr(config.option, "loadscopereorder"):
        config.option.loadscopereorder = False


def _shares_a_module_fixture(tests: list[pytest.Item], module: str) -> bool:
    """Whether two or more of a module's tests use one module- or class-scoped fixture the
    module defines (a printed report, a workbook, a browser page...)."""
    users: dict[str, int] = {}
    for item in tests:
        info = getattr(item, "_fixtureinfo", None)
        for name, defs in info.name2fixturedefs.items() if info else ():
            if any(d.scope in ("module", "class") and d.baseid == module for d in defs):
                users[name] = users.get(name, 0) + 1
    return any(count >= 2 for count in users.values())


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The order and the units of work under ``-n 2 --dist loadgroup``.

    Units: a module whose tests share a module fixture it defines runs whole on one worker
    (an ``xdist_group`` per module), so the fixture is built once; before, its tests were spread
    over both workers and each built it (the national report's PDF, 15 s, twice). Tests already
    in a named group (the Spark tests' ``spark``) stay in it.

    Order: the named groups first (the Spark group, about 7 minutes of one worker), then the
    modules holding a ``slow`` test, then the modules run whole, then the rest in their usual
    order: the two workers start on the long work and finish together on short tests, rather
    than one worker meeting the all-forces canary when the other has nothing left. Runs before
    xdist's own hook, which writes the groups into the tests' ids."""
    by_module: dict[str, list[pytest.Item]] = {}
    for item in items:
        by_module.setdefault(item.nodeid.split("::")[0], []).append(item)
    named = {item for item in items if item.get_closest_marker("xdist_group") is not None}
    whole = set()
    for module, tests in by_module.items():
        if _shares_a_module_fixture(tests, module):
            for item in tests:
                whole.add(item)
                if item not in named:
                    item.add_marker(pytest.mark.xdist_group(f"module:{module}"))
    slow = {item.path for item in items if item.get_closest_marker("slow") is not None}

    def rank(item: pytest.Item) -> int:
        if item in named:
            return 0
        return 1 if item.path in slow else 2 if item in whole else 3

    items.sort(key=rank)


Invoke = Callable[..., tuple[int, str]]


def _raw_controls(text: str) -> list[str]:
    return [c for c in text if (ord(c) < 32 or 0x7F <= ord(c) <= 0x9F) and c not in "\n\t"]


@pytest.fixture
def invoke() -> Invoke:
    """``invoke(*args) -> (exit status, output)``: ``ndp ARGS`` run in this process, as a user
    would meet it. Fails the test on a traceback, and on a raw control character reaching the
    terminal: never on standard error (for people), nor on standard output except for
    ``quarantine export``, whose paths are data for a script and printed as they are."""
    from typer.testing import CliRunner

    def run(*args: str) -> tuple[int, str]:
        result = CliRunner().invoke(app, list(args))
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            trace = "".join(traceback.format_exception(result.exception))
            pytest.fail(f"ndp {' '.join(map(repr, args))} raised:\n{trace}")
        assert "Traceback" not in result.output
        assert _raw_controls(result.stderr) == [], repr(result.stderr)
        if args[:2] != ("quarantine", "export"):
            assert _raw_controls(result.stdout) == [], repr(result.stdout)
        return result.exit_code, result.output

    return run
