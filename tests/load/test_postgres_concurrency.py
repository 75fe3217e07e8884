"""Two loads at once on PostgreSQL (issue 14, item 6): serialised by an advisory lock, never a
duplicate-id crash; two loads of one file never both load it; a NUL byte is refused by place."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from ndp.errors import InputRefused
from ndp.load import load_files
from ndp.store import open_store

pytestmark = pytest.mark.postgres

#: Loads argv[2] into argv[1]; prints each file's status and the load id as JSON.
LOAD = """
import json, sys
from ndp.load import load_files
from ndp.store import open_store
with open_store(sys.argv[1]) as store:
    result = load_files(store, [sys.argv[2]])
print(json.dumps([result.load_id, [f.status for f in result.files]]))
"""


def start(url: str, extract: Path, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", LOAD, url, str(extract)],
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(child: subprocess.Popen[str]) -> list[object]:
    out, err = child.communicate(timeout=120)
    assert child.returncode == 0, err
    assert "Traceback" not in err
    return list(json.loads(out))


def two_loads(url: str, first: Path, second: Path, tmp_path: Path) -> list[list[object]]:
    """``first`` pauses inside its transaction; ``second`` starts while it holds it."""
    marker = tmp_path / "paused"
    one = start(url, first, {"NDP_TEST_PAUSE_BEFORE_COMMIT": "3", "NDP_TEST_MARKER": str(marker)})
    deadline = time.monotonic() + 60
    while not marker.exists():
        assert one.poll() is None, one.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.05)
    two = start(url, second)
    return [finish(one), finish(two)]


def test_concurrent_loads_wait_for_each_other(
    pg_url: str,
    tmp_path: Path,
    write_csv: Callable[..., Path],
    disruption: Callable[..., list[str]],
) -> None:
    open_store(pg_url).close()
    a = write_csv([disruption(id="A1")], name="a.csv")
    b = write_csv([disruption(id="B1"), disruption(id="B2")], name="b.csv")
    assert two_loads(pg_url, a, b, tmp_path) == [[1, ["loaded"]], [2, ["loaded"]]]
    with open_store(pg_url) as store:
        assert store.execute(
            "SELECT load_id, file_id, rows_inserted FROM load_files ORDER BY 1"
        ) == [
            (1, 1, 1),
            (2, 2, 2),
        ]


def test_two_loads_of_one_file_load_it_once(
    pg_url: str,
    tmp_path: Path,
    write_csv: Callable[..., Path],
    disruption: Callable[..., list[str]],
) -> None:
    open_store(pg_url).close()
    a = write_csv([disruption(id="A1")], name="a.csv")
    assert two_loads(pg_url, a, a, tmp_path) == [[1, ["loaded"]], [None, ["already loaded"]]]
    with open_store(pg_url) as store:
        assert store.scalar("SELECT count(*) FROM load_files") == 1
        assert store.scalar("SELECT count(*) FROM disruptions") == 1


@pytest.mark.parametrize("backend", ["duckdb", "postgres"])
def test_a_nul_byte_in_text_is_refused_with_its_place(
    backend: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    url = request.getfixturevalue("pg_url") if backend == "postgres" else str(tmp_path / "s.db")
    extract = tmp_path / "nul.csv"
    extract.write_bytes(
        b"disruption_id,date,force,threat,level,ocg_ref\n"
        b"D1,13/05/2024,Met,Fraud,Major,OCG\x001\n"
        b"D2,13/05/2024,Met,Fraud,Major,OCG2\n"
    )
    with open_store(url) as store:
        with pytest.raises(InputRefused) as refused:
            load_files(store, [extract])
        assert [str(p) for p in refused.value.problems] == [
            f"{extract}, line 2, column ocg_ref: 'OCG\\x001': expected text without a NUL byte "
            "(character 0, shown as \\x00): the file may be damaged or not plain text; remove "
            "the character, or export the extract again"
        ]
        result = load_files(store, [extract], partial=True)
        assert (result.files[0].inserted, result.files[0].quarantined) == (1, 1)
        assert store.execute("SELECT disruption_id, ocg_ref FROM disruptions") == [("D2", "OCG2")]
        (record,) = store.execute("SELECT record_json FROM quarantine")
        assert json.loads(record[0])["ocg_ref"] == "OCG\x001"
