"""Publishing to Spark: a reader sees the old publication or the new one, never a mix, however
the copy is cut off (SIGKILL of ``ndp publish-store`` at random moments)."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ndp.load import load_files
from ndp.store import open_store
from ndp.store.spark_manifest import committed_versions
from ndp.store.spark_publish import KEEP, publish
from ndp.store.spark_tables import spark_tables
from ndp.synth.scale import write_scale_extracts

pytestmark = [pytest.mark.spark, pytest.mark.xdist_group("spark")]

TRIALS = 3
NDP = str(Path(sys.executable).parent / "ndp")


def scale_store(folder: Path, records: int, seed: int) -> str:
    path = folder / f"scale-{records}.duckdb"
    with open_store(str(path)) as store:
        load_files(store, write_scale_extracts(folder / f"x{records}", records, seed=seed))
    return str(path)


def start_publish(store: str, location: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [NDP, "publish-store", "--db", store, "--to", location],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def timed_publish(store: str, location: str) -> float:
    start = time.monotonic()
    assert start_publish(store, location).wait() == 0
    return time.monotonic() - start


def fingerprint(location: str) -> tuple[int, ...]:
    """Every table's row count, read in one query of the store as the engine reads it."""
    union = " UNION ALL ".join(
        f"SELECT {i} AS i, count(*) AS n FROM `{t.name}`" for i, t in enumerate(spark_tables())
    )
    with open_store(location) as store:
        return tuple(n for _, n in sorted(store.execute(union)))


@pytest.mark.slow
def test_readers_see_old_or_new_never_a_mix(tmp_path: Path, spark_location: str) -> None:
    stores = [scale_store(tmp_path, 3000, seed=1), scale_store(tmp_path, 6000, seed=2)]
    with open_store(stores[0]) as first:
        publish(first, spark_location)
    seen = [fingerprint(spark_location)]
    whole = timed_publish(stores[1], spark_location)  # the CLI, start-up included, uncut
    seen.append(fingerprint(spark_location))
    changed = [i for i, (a, b) in enumerate(zip(*seen, strict=True)) if a != b]
    assert len(changed) >= 4, "the two data sets must differ in each large source to show a mix"

    rng = random.Random(13)
    current, outcomes = 1, {"old": 0, "new": 0}
    for _ in range(TRIALS):
        target = 1 - current
        copy = start_publish(stores[target], spark_location)
        time.sleep(rng.uniform(0.3, 1.2) * whole)  # before, during and after the copy
        copy.send_signal(signal.SIGKILL)
        copy.wait()
        found = fingerprint(spark_location)
        assert found in seen, f"a mix of two publications: {found} (old/new {seen})"
        if found == seen[target]:
            current, outcomes["new"] = target, outcomes["new"] + 1
        else:
            outcomes["old"] += 1
    print(
        f"\n{TRIALS} publications SIGKILLed at 0.3-1.2x of an uncut one ({whole:.0f} s): "
        f"{outcomes['old']} left the old data, {outcomes['new']} had committed the new"
    )

    for target in (1 - current, current):  # two more, uncut: at least four committed in all
        with open_store(stores[target]) as last:
            done = publish(last, spark_location)
    assert fingerprint(spark_location) == seen[current]
    with open_store(spark_location) as store:
        assert store.version == done.version
        rows = store.execute(f"SHOW PARTITIONS {store.where.table('disruptions')}")
        committed = committed_versions(store.session, store.where)
    present = {row[0] for row in rows}
    # the last publication dropped every committed version but the last KEEP before its own
    # (and any copy cut off before it, though a killed copy's last write may land later)
    assert f"_version={done.version}" in present
    assert len(committed) >= KEEP + 2, "enough publications to have dropped one"
    assert not present & {f"_version={v}" for v in committed[KEEP + 1 :]}
