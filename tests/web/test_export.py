"""The scoped CSV export: the tidy file's rows of what the principal may see, from its
projection alone, behind the same scope check as the pages, audited, with formulas defused."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from collections.abc import Callable
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient
from webkit import KENT, PERIOD

from ndp.appdb import Scope
from ndp.report.tidy.export import COLUMNS
from ndp.web.packs import read_pack_file
from ndp.web.projection import project
from ndp.web.state import WebState
from ndp.web.views.export import export_csv

E1B = "E1b.disruptions"


def _rows(body: str) -> list[dict[str, str]]:
    assert body.startswith("\ufeff")  # Excel reads the names right
    return list(csv.DictReader(io.StringIO(body.removeprefix("\ufeff"))))


def _audit(app: Flask) -> list[tuple[str, str, str]]:
    state: WebState = app.extensions["ndp"]
    out = io.StringIO()
    state.appdb().audit_export(out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    return [(r["actor"], r["action"], r["target"]) for r in rows]


def test_a_forces_export_holds_the_nation_its_region_and_itself_only(
    app: Flask, published: Path, signed_in: Callable[[str], FlaskClient]
) -> None:
    response = signed_in("kent").get(f"/{PERIOD}/force/{KENT}/export.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="ndp-{PERIOD}-force-{KENT}.csv"'
    )
    rows = _rows(response.get_data(as_text=True))
    assert list(rows[0]) == [name for name, _, _ in COLUMNS]
    assert {r["area_name"] for r in rows} == {"England and Wales", "Eastern", "Kent Police"}
    data = read_pack_file(published / f"pack-{PERIOD}.json").data
    kent = next(r for r in rows if r["area_code"] == KENT and r["indicator_id"] == E1B
                and r["report_period"] == "true")  # fmt: skip
    assert kent["value"] == str(data["indicators"][E1B]["by"]["force"][KENT]["value"])
    region = next(r for r in rows if r["area_name"] == "Eastern" and r["indicator_id"] == E1B
                  and r["report_period"] == "true")  # fmt: skip
    # six others record E1b this quarter: the region's figure is Kent's to see
    assert region["value"] == str(data["indicators"][E1B]["by"]["region"]["Eastern"]["value"])
    seizures = next(r for r in rows if r["area_name"] == "Eastern"
                    and r["indicator_id"] == "E2a.seizures" and r["report_period"] == "true")  # fmt: skip
    assert seizures["value"] == ""  # withheld from Kent by the differencing rule
    # an early quarter of E1b with one other force recording: its point is withheld, and says so
    early = next(r for r in rows if r["area_name"] == "Eastern" and r["indicator_id"] == E1B
                 and r["period"] == "2022-23 Q3")  # fmt: skip
    assert early["value"] == ""
    assert "value" in early["suppressed"]
    assert not [r for r in rows if r["area_name"] == "Eastern" and r["period_type"] == "month"]
    assert (("kent", "export", f"/{PERIOD}/force/{KENT}/export.csv")) in _audit(app)


def test_a_regions_export_holds_its_forces(signed_in: Callable[[str], FlaskClient]) -> None:
    rows = _rows(signed_in("eastern").get(f"/{PERIOD}/region/eastern/export.csv").get_data(True))
    names = {r["area_name"] for r in rows}
    assert {"Eastern", "Kent Police", "Essex Police", "England and Wales"} <= names
    assert "Surrey Police" not in names


def test_another_forces_export_answers_404_and_is_audited_as_a_denial(
    app: Flask, signed_in: Callable[[str], FlaskClient]
) -> None:
    client = signed_in("kent")
    for url in (f"/{PERIOD}/force/E23000030/export.csv", f"/{PERIOD}/region/london/export.csv"):
        response = client.get(url)
        assert response.status_code == 404
        assert "E23000030" not in response.get_data(as_text=True)
    assert ("kent", "denied", f"/{PERIOD}/force/E23000030") in _audit(app)


def test_the_area_page_links_its_export(signed_in: Callable[[str], FlaskClient]) -> None:
    html = signed_in("kent").get(f"/{PERIOD}/force/{KENT}").get_data(as_text=True)
    assert (f'<a class="govuk-link" href="/{PERIOD}/force/{KENT}/export.csv" download>'
            "Download these figures (CSV)</a>") in html  # fmt: skip


def test_a_cell_that_would_start_a_formula_is_written_as_text(published: Path) -> None:
    pack = read_pack_file(published / f"pack-{PERIOD}.json")
    scoped = project(pack, Scope("force", KENT))
    assert scoped is not None
    payloads = {E1B: "=HYPERLINK(\"http://x\")", "F1b.judicial_outcome_rate": "+1",
                "F1a.disseminations": "-2", "E2a.seizures": "@SUM(A1)"}  # fmt: skip
    indicators = {n: {**i, "title": payloads.get(n, i["title"])}
                  for n, i in scoped.indicators.items()}  # fmt: skip
    force = next(a for a in scoped.areas.values() if a.area.code == KENT)
    rows = _rows(export_csv(dataclasses.replace(scoped, indicators=indicators), force.area))
    titles = {r["indicator_id"]: r["indicator_title"] for r in rows}
    for name, payload in payloads.items():
        assert titles[name] == "'" + payload
