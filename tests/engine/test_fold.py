"""Folding a scan's result: Acero's aggregate node called directly gives what
``pyarrow.Table.group_by`` gives, and a build never imports pandas (``Table.group_by`` loaded it
through ``pyarrow.acero`` and ``pyarrow.dataset``: a third of a second of every build)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from case_loading import CASE_TODAY, load_case
from ndp.engine.aggregate import _sum_by
from ndp.store import open_store

ROWS = st.lists(
    st.tuples(
        st.integers(0, 3),
        st.one_of(st.none(), st.sampled_from(["E23000032", "E23000036", "nlf"])),
        st.one_of(st.none(), st.integers(0, 2)),
        st.integers(0, 5),
        st.one_of(st.none(), st.decimals(0, 1000, places=2)),
    ),
    max_size=60,
)


@settings(max_examples=60, deadline=None)
@given(ROWS)
def test_sums_by_keys_match_table_group_by(rows: list[tuple[object, ...]]) -> None:
    columns = list(zip(*rows, strict=True)) if rows else [[]] * 5
    table = pa.table(
        {
            "month": pa.array(columns[0], pa.int32()),
            "unit": pa.array(columns[1], pa.string()),
            "b_kind": pa.array(columns[2], pa.int8()),
            "n_x": pa.array(columns[3], pa.int64()),
            "s_x": pa.array(columns[4], pa.decimal128(12, 2)),
        }
    )
    for keys, sums in ((["month", "unit"], ["n_x"]), (["unit", "b_kind"], ["n_x", "s_x"])):
        expected = table.group_by(keys, use_threads=False).aggregate([(c, "sum") for c in sums])
        assert _sum_by(table, keys, sums).equals(expected)


def test_a_build_imports_no_pandas(tmp_path: Path) -> None:
    location = str(tmp_path / "case.duckdb")
    with open_store(location) as store:
        case = load_case(store, "money_laundering.yaml", tmp_path / "extracts")
    code = (
        "import json, sys\n"
        "from datetime import date\n"
        "from ndp.engine.build import build_pack\n"
        "from ndp.periods import Quarter\n"
        "from ndp.store import open_store\n"
        f"with open_store({location!r}) as store:\n"
        f"    pack = build_pack(store, Quarter.parse({str(case['period'])!r}), "
        f"today=date.fromisoformat({CASE_TODAY.isoformat()!r}))\n"
        "print(json.dumps([len(pack.indicators), 'pandas' in sys.modules]))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    indicators, pandas = json.loads(done.stdout)
    assert indicators > 0
    assert pandas is False
