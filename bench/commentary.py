"""Benchmark: what one commentary save costs (not run in CI).

    .venv/bin/python bench/commentary.py [--entries 200] [--saves 30]

A quarter with ``--entries`` entries of about 400 characters (more than the framework has ids
for, so an upper bound) is saved ``--saves`` times through ``ndp.workflow.commentary.save_entry``
on a SQLite app database: each save reads the file, checks the version, adds one, writes the
whole file (``ndp.files``, read back first) and audits, in one exclusive transaction. Baseline,
in the same run: writing the same file whole with ``ndp.files.write_text`` and reading it back
with ``read_commentary``, which every save must do anyway. Prints the median of each and the
ratio; also the cost of ``commentary_stamp`` (the ``stat`` each indicator page request adds to
key its cached body by the file's version).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from ndp.appdb import AppDB
from ndp.files import write_text
from ndp.report.commentary import read_commentary
from ndp.web.commentary import commentary_stamp
from ndp.workflow.commentary import save_entry
from ndp.workflow.commentary_file import QuarterCommentary, file_text
from ndp.workflow.commentary_versions import Entry


def _pack(entries: int) -> dict[str, Any]:
    measures = {f"M{m}": {"indicators": [f"M{m}.i{i}" for i in range(3)]}
                for m in range(entries // 4 + 1)}  # fmt: skip
    indicators = {i: {"measure": m} for m, spec in measures.items() for i in spec["indicators"]}
    return {"period": {"label": "2024-25 Q1"}, "measures": measures, "indicators": indicators}


def _median_ms(run: Any, times: int) -> float:
    spent = []
    for n in range(times):
        start = time.perf_counter()
        run(n)
        spent.append(time.perf_counter() - start)
    return statistics.median(spent) * 1000


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=200)
    parser.add_argument("--saves", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        packs = Path(folder)
        pack = _pack(args.entries)
        quarter = QuarterCommentary(packs, "2024-25-Q1", pack)
        ids = [*pack["measures"], *pack["indicators"]][: args.entries]
        texts = {Entry("commentary", about): f"{about}: " + "Words of commentary. " * 20
                 for about in ids}  # fmt: skip
        text = file_text(quarter, texts, None)
        (packs / quarter.path.name).write_text(text, encoding="utf-8")
        with AppDB.open(str(packs / "app.sqlite")) as db:
            entry = Entry("commentary", ids[0])
            save_entry(db, quarter, entry, "first", 1, "bench")  # imports the file: version 2

            def save(n: int) -> None:
                save_entry(db, quarter, entry, f"Save {n}. " * 40, n + 2, "bench")

            saving = _median_ms(save, args.saves)

        def baseline(n: int) -> None:
            write_text(packs / "baseline.yaml", text)
            read_commentary(packs / "baseline.yaml", pack)

        writing = _median_ms(baseline, args.saves)
        stamp = _median_ms(lambda n: commentary_stamp(packs, "2024-25-Q1"), 1000)
    print(f"entries: {args.entries}, file: {len(text.encode()):,} bytes, saves: {args.saves}")
    print(f"save (versions, file, audit):   {saving:8.2f} ms median")
    print(f"baseline (write + read back):   {writing:8.2f} ms median")
    print(f"ratio save / baseline:          {saving / writing:8.2f}")
    print(f"commentary_stamp per request:   {stamp * 1000:8.1f} µs median")
    return 0


if __name__ == "__main__":
    sys.exit(main())
