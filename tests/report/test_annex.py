"""The annex: definitions from the framework's glossary, data quality and provenance read from
the pack, in HTML and Word."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from ndp.engine.pack_model import Pack
from ndp.report.annex import build_annex, glossary
from ndp.report.context import build_context
from ndp.report.render import render_html, write_report


@pytest.fixture(scope="module")
def pack(demo_pack: Pack) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(demo_pack.to_json(), parse_float=Decimal)
    return loaded


def test_definitions_come_from_the_frameworks_glossary_in_its_order() -> None:
    terms = [term for term, _ in glossary("nlf-ndp-2024-25")]
    assert terms[:3] == ["APMIS", "Disruption", "Dissemination"]
    assert glossary("a-framework-without-one") == ()


def test_loads_coverage_and_quarantine_are_the_packs(pack: dict[str, Any]) -> None:
    annex = build_annex(pack)
    load = pack["data_quality"]["loads"][0]
    assert annex.loads[0].load_id == load["load_id"]
    assert annex.loads[0].rows == f"{load['rows']:,}"
    disruptions = next(c for c in annex.coverage if c.source == "Disruptions (APMIS)")
    seen = pack["data_quality"]["coverage"]["disruptions"]
    assert (disruptions.current, disruptions.last_year) == (
        str(seen["current"]),
        str(seen["same_quarter_last_year"]),
    )
    assert annex.quarantined_rows == "0"


def test_compliance_names_late_and_missing_forces(pack: dict[str, Any]) -> None:
    assert build_annex(pack).returns is not None
    assert build_annex(pack).returns.sentence == (  # type: ignore[union-attr]
        "All 45 forces returned their outcome information on time."
    )
    late = copy.deepcopy(pack)
    late["data_quality"]["returns"].update(on_time=43, late=["E23000002"], missing=["PSNI"])
    sentence = build_annex(late).returns.sentence  # type: ignore[union-attr]
    assert sentence == (
        "43 of 45 forces returned their outcome information on time. "
        "Late: Cumbria Constabulary. Not returned: Police Service of Northern Ireland."
    )
    empty = copy.deepcopy(pack)
    empty["data_quality"]["returns"] = {}
    assert build_annex(empty).returns is None  # no records is not non-compliance


def test_html_annex_has_each_part_in_order(pack: dict[str, Any]) -> None:
    html = render_html(build_context(pack))
    annex = html[html.index('id="annex"') :]
    headings = ["Definitions", "Comparisons", "Statistical process control", "Status rules",
                "Data quality", "Provenance"]  # fmt: skip
    positions = [annex.index(f"<h3>{h}</h3>") for h in headings]
    assert positions == sorted(positions)
    assert "<dt>APMIS</dt>" in annex
    assert "<caption>Loads into the store</caption>" in annex


def test_word_annex_has_headings_and_tables(pack: dict[str, Any], tmp_path: Path) -> None:
    (path,) = write_report(pack, tmp_path, ["docx"])
    document = Document(str(path))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    start = headings.index("Annex: definitions, methodology, data quality and provenance")
    assert headings[start + 1 :][:6] == [
        "Definitions", "Comparisons", "Statistical process control", "Status rules",
        "Data quality", "Data-quality flags",
    ]  # fmt: skip
    assert headings[-1] == "Provenance"
    files = document.tables[-1]
    assert [c.text for c in files.rows[0].cells] == ["File", "Source", "Rows", "SHA-256"]
    assert len(files.rows) == 1 + len(pack["provenance"]["files"])
