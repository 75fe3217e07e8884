"""The report's text over edge-case packs: every hand-made engine case (an empty quarter, a
first year with nothing to compare with, a single source, a not-measurable indicator with no
record...) gives every measure's sentences and the executive summary without an error, a
"None" or a figure the consistency checker refuses."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from ndp.engine.build import build_pack
from ndp.load import load_files
from ndp.periods import Quarter
from ndp.report.check import check_text
from ndp.report.narrative import measure_sentences, measure_summary
from ndp.store import open_store

CASES = Path(__file__).parents[1] / "engine" / "cases"
TODAY = date(2026, 1, 1)


def _write(folder: Path, source: str, rows: list[dict[str, Any]]) -> Path:
    import csv

    header: list[str] = []
    for row in rows:
        header += [c for c in row if c not in header]
    path = folder / f"{source}.csv"
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=header)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: "" if v is None else str(v) for k, v in row.items()})
    return path


def _pack(case: str, folder: Path) -> dict[str, Any]:
    spec = yaml.safe_load((CASES / case).read_text(encoding="utf-8"))
    with open_store(str(folder / "s.duckdb")) as store:
        for source, rows in spec["extracts"].items():
            load_files(store, [_write(folder, source, rows)], source=source, today=TODAY)
        pack = build_pack(store, Quarter.parse(str(spec["period"])), today=TODAY)
    loaded: dict[str, Any] = json.loads(pack.to_json(), parse_float=Decimal)
    return loaded


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.glob("*.yaml")))
def test_every_measure_is_written_for_an_edge_case_pack(case: str, tmp_path: Path) -> None:
    pack = _pack(case, tmp_path)
    texts: list[str] = []
    for measure in pack["measures"]:
        sentences = measure_sentences(pack, measure)
        assert all(s.strip() for s in sentences), f"{measure}: an empty sentence"
        texts += sentences
        point = measure_summary(pack, measure)
        if point is not None:
            texts.append(point)
    text = "\n".join(texts)
    assert "None" not in text
    assert check_text(text, pack=pack) == []


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.glob("*.yaml")))
def test_the_whole_report_and_a_force_edition_are_written_for_an_edge_case_pack(
    case: str, tmp_path: Path
) -> None:
    """The national report with its charts and annex, and the Met's edition, over each edge
    pack: written, and every statement in them consistent with the pack."""
    from ndp.report.check.extract import html_lines
    from ndp.report.force import build_force_context, resolve_force
    from ndp.report.force.render import render_force_html
    from ndp.report.render import build_context, render_html

    pack = _pack(case, tmp_path)
    html = render_html(build_context(pack))
    assert check_text("\n".join(html_lines(html)), pack=pack) == []
    edition = build_force_context(pack, resolve_force(pack, "Met"), charts=False)
    force_html = render_force_html(edition)
    assert "None" not in "\n".join(html_lines(force_html))
    assert check_text("\n".join(html_lines(force_html)), pack=pack) == []
