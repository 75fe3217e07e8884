"""Kill trials: SIGKILL at random moments during `ndp load` and `ndp report`.

    .venv/bin/python bench/faults.py --rows 3000000 --loads 20 --reports 12

Loads: a store holding a first small load is copied for each trial; `ndp load` of an N-row
disruptions extract (which also updates the first load's records) is killed at a moment drawn
uniformly from the time an uninterrupted load takes. After each kill the store must be exactly
the state before (every table's rows, by digest) or exactly the state an uninterrupted load
leaves, and a next load must work. Reports: `ndp report` from a pack into one folder, killed at
a random moment while it writes its files; after each kill the folder must hold one run's set,
every file whole, and once a run completes, no hidden temporary file. Prints the counts of
trials and outcomes; tests/load/test_kill_trials.py runs a small version of the same trials.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from ndp.load import load_files
from ndp.store import open_store

NDP = str(Path(sys.executable).parent / "ndp")
#: Columns that differ between two runs of the same load (when it ran), left out of digests.
CLOCK = {"started_at", "finished_at"}


def _bench_load() -> object:
    spec = importlib.util.spec_from_file_location(
        "ndp_bench_load", Path(__file__).with_name("load.py")
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_extract(path: Path, rows: int) -> None:
    """N disruptions, as bench/load.py writes them (ids D0, D1...)."""
    _bench_load().write_extract(path, rows)  # type: ignore[attr-defined]


Digest = dict[str, tuple[int, int]]


def digest(db: Path) -> Digest:
    """Each table's row count and the sum of its rows' hashes (times of day left out)."""
    found: dict[str, tuple[int, int]] = {}
    with open_store(str(db), read_only=True) as store:
        for table in sorted(store.tables()):
            columns = [
                name
                for (name,) in store.execute(
                    "SELECT column_name FROM duckdb_columns() WHERE table_name = ? "
                    "AND schema_name = current_schema()",
                    [table],
                )
                if name not in CLOCK
            ]
            values = ", ".join(f'"{c}"::VARCHAR' for c in columns)
            count, total = store.execute(
                f"SELECT count(*), coalesce(sum(hash({values})), 0) FROM {table}"
            )[0]
            found[table] = (int(count), int(total))
    return found


def fresh_copy(source: Path, target: Path) -> None:
    for stale in target.parent.glob(f"{target.name}*"):
        stale.unlink()
    for stale in target.parent.glob(f".{target.name}.held-by-*"):
        stale.unlink()
    shutil.copyfile(source, target)


#: Seconds after a load starts its commit within which ``at_commit`` trials kill it: the commit
#: of a 2M-row load writes its log in about 40 ms, where a killed load once left a store half
#: committed (docs/loading.md, "Killed").
COMMIT_WINDOW = 0.05


def load_trials(
    folder: Path, rows: int, trials: int, rng: random.Random, at_commit: int = 0
) -> Counter[str]:
    """Kill `ndp load` of an N-row extract ``trials`` times at a moment drawn from the time an
    uninterrupted load takes, then ``at_commit`` times within :data:`COMMIT_WINDOW` after its
    commit starts (the loader's test hook marks the moment); count the outcomes."""
    extract, first, following = folder / "big.csv", folder / "first.csv", folder / "next.csv"
    write_extract(extract, rows)
    write_extract(first, 10)  # the big load updates these ten records
    following.write_text(
        "disruption_id,date,force,threat,level\nNEXT1,13/05/2024,Met,Fraud,Major\n"
    )
    base = folder / "base.duckdb"
    with open_store(str(base)) as store:
        load_files(store, [first])
    before = digest(base)
    reference = folder / "reference.duckdb"
    fresh_copy(base, reference)
    start = time.monotonic()
    subprocess.run(
        [NDP, "load", str(extract), "--db", str(reference)], check=True, capture_output=True
    )
    took = time.monotonic() - start
    after = digest(reference)
    assert after != before
    outcomes: Counter[str] = Counter()
    trial, marker = folder / "trial.duckdb", folder / "committing"
    hook = {"NDP_TEST_PAUSE_BEFORE_COMMIT": "0.001", "NDP_TEST_MARKER": str(marker)}
    for number in range(trials + at_commit):
        fresh_copy(base, trial)
        marker.unlink(missing_ok=True)
        child = subprocess.Popen(
            [NDP, "load", str(extract), "--db", str(trial)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=None if number < trials else {**os.environ, **hook},
        )
        if number < trials:
            time.sleep(rng.uniform(0, took))
        else:
            while not marker.exists() and child.poll() is None:
                time.sleep(0.001)
            time.sleep(rng.uniform(0, COMMIT_WINDOW))
        killed = child.poll() is None
        if killed:
            child.send_signal(signal.SIGKILL)
        child.wait()
        state = digest(trial)
        kind = "before" if state == before else "after" if state == after else "PARTIAL"
        if kind == "PARTIAL":  # say which tables, for whoever looks into it
            kind += f" ({_sides(state, before, after)})"
        when = "killed" if killed else "finished"
        if number >= trials:
            when += " in its commit" if killed else " before the kill in its commit"
        outcomes[f"load {when}, store exactly {kind}"] += 1
        next_load = subprocess.run(
            [NDP, "load", str(following), "--db", str(trial)], capture_output=True, text=True
        )
        outcomes["next load worked" if next_load.returncode == 0 else "NEXT LOAD FAILED"] += 1
    return outcomes


def _sides(state: Digest, before: Digest, after: Digest) -> str:
    """Each table the load changes, and which side of it the store holds."""
    sides = []
    for table in sorted({*state, *before, *after}):
        was, now, will = before.get(table), state.get(table), after.get(table)
        if was != will:
            sides.append(
                f"{table}: " + ("before" if now == was else "after" if now == will else "neither")
            )
    return ", ".join(sides)


REPORT_FILES = {
    "html": lambda data: data.rstrip().endswith(b"</html>"),
    "pdf": lambda data: data.startswith(b"%PDF") and b"%%EOF" in data[-1024:],
    "docx": lambda data: _whole_zip(data),
    "xlsx": lambda data: _whole_zip(data),
}


def _whole_zip(data: bytes) -> bool:
    import io

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.testzip() is None
    except zipfile.BadZipFile:
        return False


def report_set(out: Path, formats: Sequence[str], started: float) -> str:
    """'previous' or 'new' (every file from before ``started``, or every one after), each
    file whole; otherwise what is wrong."""
    files = [out / f"report.{f}" for f in formats]
    if not all(f.exists() for f in files):
        return "MISSING FILE"
    if not all(REPORT_FILES[f](p.read_bytes()) for f, p in zip(formats, files, strict=True)):
        return "HALF-WRITTEN FILE"
    new = [p.stat().st_mtime >= started for p in files]
    if all(new):
        return "new"
    if not any(new):
        return "previous"
    return "mixed, finished by the next run" if list(out.glob(".ndp-replacing-*")) else "MIXED"


def report_trials(
    folder: Path, pack: Path, formats: Sequence[str], trials: int, rng: random.Random
) -> Counter[str]:
    """Kill `ndp report` ``trials`` times while it writes; count the outcomes."""
    out = folder / "report"
    command = [NDP, "report", "--pack", str(pack), "--out", str(out), "--format", ",".join(formats)]
    start = time.monotonic()
    subprocess.run(command, check=True, capture_output=True)
    took = time.monotonic() - start
    outcomes: Counter[str] = Counter()
    for _ in range(trials):
        time.sleep(1.1)  # the previous run's files are a second older than this one's
        started = time.time() - 0.5  # a file's time may be a little behind the clock
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0, took))
        killed = child.poll() is None
        if killed:
            child.send_signal(signal.SIGKILL)
        child.wait()
        left = [p.name for p in out.iterdir() if p.name.startswith(".")]
        kind = report_set(out, formats, started)
        outcomes[f"report {'killed' if killed else 'finished'}, set {kind}"] += 1
        if left:
            outcomes["left hidden files for the next run"] += 1
    subprocess.run(command, check=True, capture_output=True)
    hidden = [p.name for p in out.iterdir() if p.name.startswith(".")]
    outcomes[
        "hidden files after the next complete run" if hidden else "clean after the next run"
    ] += 1
    return outcomes


def demo_pack(folder: Path) -> Path:
    """The demo quarter's pack, built from the demo extracts."""
    from ndp.engine.build import build_pack
    from ndp.engine.pack_files import write_pack
    from ndp.periods import Quarter
    from ndp.synth.demo import write_demo_extracts

    pack = folder / "pack" / "pack.json"
    with open_store(str(folder / "demo.duckdb")) as store:
        load_files(store, write_demo_extracts(folder / "extracts"))
        write_pack(build_pack(store, Quarter(2024, 1)), pack)
    return pack


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=3_000_000, help="rows of the load's extract")
    parser.add_argument("--loads", type=int, default=20, help="kill trials during ndp load")
    parser.add_argument(
        "--at-commit", type=int, default=10, help="kill trials in the first 50 ms of the commit"
    )
    parser.add_argument("--reports", type=int, default=12, help="kill trials during ndp report")
    parser.add_argument("--formats", default="html,pdf,docx,xlsx", help="the report's formats")
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for outcome, count in sorted(
            load_trials(folder, args.rows, args.loads, rng, args.at_commit).items()
        ):
            print(f"{count:>4}  {outcome}")
        pack = demo_pack(folder)
        formats = args.formats.split(",")
        for outcome, count in sorted(
            report_trials(folder, pack, formats, args.reports, rng).items()
        ):
            print(f"{count:>4}  {outcome}")


if __name__ == "__main__":
    main()
