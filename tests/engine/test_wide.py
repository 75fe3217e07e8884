"""Scans merged into one query (what the engine sends Spark) give the pack the separate
scans give: built from the same DuckDB store both ways."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_backends import comparable

from case_loading import case_build, load_case
from ndp.engine.aggregate import plan_queries
from ndp.engine.framework import load_framework
from ndp.store import open_store


@pytest.mark.parametrize(
    "name", ["protect_survey.yaml", "stock_vs_flow.yaml", "outcome_groups.yaml", "staffing.yaml"]
)
def test_merged_scans_give_the_same_pack(name: str, tmp_path: Path) -> None:
    with open_store(str(tmp_path / "case.duckdb")) as store:
        case = load_case(store, name, tmp_path)
        sent: list[int] = []  # the queries of each batch the store is given
        run = store.arrow_results
        store.arrow_results = lambda queries: (sent.append(len(queries)), run(queries))[1]  # type: ignore[method-assign]
        separate = comparable(case_build(store, case))
        scans_alone, sent[:] = sent[0], []  # a pack's first batch is its scans
        store.merge_scans = True
        assert comparable(case_build(store, case)) == separate
    assert sent[0] < scans_alone - len(plan_queries(load_framework())) + 1
