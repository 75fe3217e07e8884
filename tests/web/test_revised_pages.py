"""A published revision's revised figures reach the dashboard as they reach the report: the
indicator page says what the figure was and why, the CSV export marks the row, and a scope
sees the revision of a figure only where it sees the figure."""

from __future__ import annotations

import csv
import io
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from webkit import KENT, PERIOD, client_of, make_app, sign_in

from ndp.appdb import parse_scope
from ndp.web.packs import read_pack_file
from ndp.web.projection import project

RATE = "F1b.judicial_outcome_rate"
E1B = "E1b.disruptions"
ESSEX = "E23000028"


def _revisions(data: dict[str, Any]) -> list[dict[str, Any]]:
    kent = data["indicators"][RATE]["by"]["force"][KENT]["value"]
    return [
        {"indicator": E1B, "area": "national", "value": data["indicators"][E1B]["value"],
         "previous_value": 1000, "previous_version": 1, "reason": "late returns"},
        {"indicator": RATE, "area": f"force {KENT}", "value": kent, "previous_value": 50,
         "previous_version": 1, "reason": "Kent's late return"},
        {"indicator": E1B, "area": f"force {ESSEX}", "value": 8, "previous_value": 7,
         "previous_version": 1, "reason": "Essex's late return"},
    ]  # fmt: skip


def _kents_rate(published: Path) -> int:
    data = json.loads((published / f"pack-{PERIOD}.json").read_text(encoding="utf-8"))
    value = data["indicators"][RATE]["by"]["force"][KENT]["value"]
    return int(Decimal(str(value)).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


@pytest.fixture
def app(published: Path, tmp_path: Path) -> Flask:
    data = json.loads((published / f"pack-{PERIOD}.json").read_text(encoding="utf-8"))
    data["revisions"] = _revisions(data)
    packs = tmp_path / "packs"
    packs.mkdir()
    (packs / f"pack-{PERIOD}.json").write_text(json.dumps(data), encoding="utf-8")
    return make_app(packs, tmp_path / "app.sqlite")


def test_a_scope_sees_the_revisions_of_the_figures_it_sees(app: Flask, tmp_path: Path) -> None:
    pack = read_pack_file(tmp_path / "packs" / f"pack-{PERIOD}.json")
    seen = {}
    for scope in ("national", "region:Eastern", f"force:{KENT}", "force:E23000001"):
        scoped = project(pack, parse_scope(scope))
        assert scoped is not None
        seen[scope] = {e["area"] for e in scoped.revisions}
    assert (
        seen["national"]
        == seen["region:Eastern"]
        == {"national", f"force {KENT}", f"force {ESSEX}"}
    )
    assert seen[f"force:{KENT}"] == {"national", f"force {KENT}"}
    assert seen["force:E23000001"] == {"national"}


def test_the_indicator_page_says_what_a_revised_figure_was_and_why(
    app: Flask, published: Path
) -> None:
    client = client_of(app)
    assert sign_in(client, "kent").status_code == 302
    html = client.get(f"/{PERIOD}/force/{KENT}/indicator/{RATE}").get_data(as_text=True)
    rate = f"{_kents_rate(published)}%"  # Kent's figure in the demo pack
    assert f"Judicial outcome rate, Kent Police: {rate} [r], previously 50% (version 1)." in html
    assert "Why: Kent&#39;s late return." in html
    twin = client.get(f"/{PERIOD}/force/{KENT}/indicator/{RATE}.json").get_json()
    assert twin["revised"] == [
        f"Judicial outcome rate, Kent Police: {rate} [r], previously 50% (version 1). "
        "Why: Kent's late return."
    ]
    unrevised = client.get(f"/{PERIOD}/force/{KENT}/indicator/{E1B}.json").get_json()
    assert unrevised["revised"] == []
    national = client.get(f"/{PERIOD}/national/indicator/{E1B}.json").get_json()
    assert national["revised"][0].endswith("previously 1,000 (version 1). Why: late returns.")


def test_the_export_marks_revised_rows_and_only_those_in_scope(app: Flask) -> None:
    client = client_of(app)
    assert sign_in(client, "kent").status_code == 302
    text = client.get(f"/{PERIOD}/force/{KENT}/export.csv").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    revised = {(r["area_code"], r["indicator_id"]) for r in rows if r["revised"] == "true"}
    assert (KENT, RATE) in revised
    assert not any(r["area_code"] == ESSEX for r in rows)
    kent_rate = next(r for r in rows if (r["area_code"], r["indicator_id"]) == (KENT, RATE)
                     and r["period"] == PERIOD.replace("-Q", " Q"))  # fmt: skip
    assert kent_rate["previous_value"] == "50"
