"""The pages and their JSON twins: one view model each, statuses as icon and word, the quarter
picker, page caching keyed by scope, and packs reloaded when a new one is published."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from webkit import KENT, PERIOD, USERS, client_of, make_app, sign_in

from ndp.appdb import parse_scope
from ndp.errors import NdpError
from ndp.report.reasons import objective_reason
from ndp.web.areas import NATION, force_area
from ndp.web.packs import PackShelf, read_pack_file
from ndp.web.projection import project
from ndp.web.render import twin
from ndp.web.serve import prepare
from ndp.web.settings import Settings
from ndp.web.state import WebState
from ndp.web.views.area import area_page
from ndp.web.views.indicator import indicator_page

RATE = "F1b.judicial_outcome_rate"
QUARTERS = [("2024-25-Q1", "2024-25 Q1"), ("2023-24-Q4", "2023-24 Q4")]


def test_home_goes_to_the_principals_own_area_in_the_latest_quarter(
    signed_in: Callable[[str], FlaskClient],
) -> None:
    expected = {"nation": "national", "eastern": "region/eastern", "kent": f"force/{KENT}"}
    for user, path in expected.items():
        response = signed_in(user).get("/")
        assert response.headers["Location"] == f"/{PERIOD}/{path}"


def test_the_twin_is_the_pages_model_exactly(
    published: Path, signed_in: Callable[[str], FlaskClient]
) -> None:
    client = signed_in("kent")
    pack = read_pack_file(published / f"pack-{PERIOD}.json")
    scoped = project(pack, parse_scope(USERS["kent"]))
    assert scoped is not None
    kent = force_area(pack.data, KENT)
    assert kent is not None
    model = area_page(scoped, kent, QUARTERS)
    served = client.get(f"/{PERIOD}/force/{KENT}.json").get_json()
    assert served == json.loads(twin(model))
    # the force's region, whoever reads it: "Your region" told a national reader it was theirs
    assert served["children_title"] == "Region"
    indicator = indicator_page(scoped, kent, RATE, QUARTERS, [])
    served = client.get(f"/{PERIOD}/force/{KENT}/indicator/{RATE}.json").get_json()
    assert served == json.loads(twin(indicator))
    assert served["rank"].endswith("of 45 forces")
    assert served["status"] == {"code": "declining", "icon": "▼", "word": "Declining",
                                "tag": "govuk-tag--red"}  # fmt: skip
    spc = next(c for c in served["charts"] if c["id"] == "spc")
    assert spc["columns"] == ["Month", "Value", "Variation"]
    assert len(spc["rows"]) == 24
    # the page shows what the twin holds: every SPC month, and the status as icon and word
    html = client.get(f"/{PERIOD}/force/{KENT}/indicator/{RATE}").get_data(as_text=True)
    for month, value, _ in spc["rows"]:
        assert f'<th scope="row" class="govuk-table__header">{month}</th>' in html
        assert f'<td class="govuk-table__cell">{value}</td>' in html
    assert '<span aria-hidden="true">▼</span> Declining</strong>' in html
    assert spc["alt"] in html
    # a rate's change is in percentage points, its relative change in per cent, and they say so
    assert served["comparisons"]["columns"][3:] == ["Change (percentage points)", "Change (%)"]
    assert ">Change (percentage points)</th>" in html


def test_a_chart_spec_is_the_reports_own_vega_lite(signed_in: Callable[[str], FlaskClient]) -> None:
    spec = signed_in("kent").get(f"/{PERIOD}/force/{KENT}/indicator/{RATE}/chart/spc.json")
    body = spec.get_json()
    assert body["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
    assert len(body["datasets"]["points"]) == 24
    assert {d["line"] for d in body["datasets"]["limits"]} == {"Median", "Mean", "Process limits"}


def test_the_quarter_picker_lists_every_published_quarter(
    signed_in: Callable[[str], FlaskClient],
) -> None:
    html = signed_in("nation").get(f"/{PERIOD}/national").get_data(as_text=True)
    assert '<strong aria-current="page">2024-25 Q1</strong>' in html
    assert '<a class="govuk-link" href="/2023-24-Q4/national">2023-24 Q4</a>' in html


def test_a_cached_page_is_never_served_to_another_scope(
    app: Flask, signed_in: Callable[[str], FlaskClient]
) -> None:
    national = signed_in("nation").get(f"/{PERIOD}/national").get_data(as_text=True)
    forced = signed_in("kent").get(f"/{PERIOD}/national").get_data(as_text=True)
    assert f'href="/{PERIOD}/region/london"' in national
    assert f'href="/{PERIOD}/region/london"' not in forced
    assert f'href="/{PERIOD}/region/eastern"' in forced
    state: WebState = app.extensions["ndp"]
    keys = {(scope, url) for _, scope, _, url in state.cache.cached_keys()}
    assert {("national", f"/{PERIOD}/national"), (f"force:{KENT}", f"/{PERIOD}/national")} <= keys


def test_the_national_page_lists_each_objective_with_its_status_and_reason(
    published: Path, signed_in: Callable[[str], FlaskClient]
) -> None:
    data = read_pack_file(published / f"pack-{PERIOD}.json").data
    page = signed_in("nation").get(f"/{PERIOD}/national.json").get_json()
    assert [o["id"] for o in page["objectives"]] == list(data["objectives"])
    for row in page["objectives"]:
        assert row["status"]["code"] == data["objectives"][row["id"]]["status"]
        assert row["reason"] == objective_reason(data, row["id"])  # the report's own words
    assert [c["text"] for c in page["children"]] == list(data["geographies"]["regions"])
    assert page["head"]["breadcrumbs"] == []
    assert NATION.name == page["name"]


def test_a_newly_published_pack_is_served_without_a_restart(packs_copy: Path) -> None:
    shelf = PackShelf(packs_copy, reload_interval=0)
    assert [p.slug for p in shelf.packs()] == ["2024-25-Q1", "2023-24-Q4"]
    before = shelf.get("2024-25-Q1")
    assert before is not None
    data = json.loads((packs_copy / f"pack-{PERIOD}.json").read_text(encoding="utf-8"))
    data["generated_at"] = "2026-12-24T09:00:00+00:00"
    (packs_copy / "pack-2024-25-Q2.json").write_text(json.dumps(data), encoding="utf-8")
    path = packs_copy / f"pack-{PERIOD}.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    os.utime(path, ns=(1, 1))  # a different modification time, as a new build has
    after = shelf.get("2024-25-Q1")
    assert after is not None
    assert after.sha256 != before.sha256
    assert after.data["generated_at"] == "2026-12-24T09:00:00+00:00"
    assert [p.slug for p in shelf.packs()] == ["2024-25-Q2", "2024-25-Q1", "2023-24-Q4"]
    (packs_copy / "pack-2023-24-Q4.json").unlink()
    assert [p.slug for p in shelf.packs()] == ["2024-25-Q2", "2024-25-Q1"]


def test_the_first_run_creates_the_first_admin_once(tmp_path: Path) -> None:
    settings = Settings(packs=tmp_path, app_db=str(tmp_path / "app.sqlite"))
    first = prepare(settings)
    assert first is not None
    assert first.name == "admin"
    assert len(first.password) >= 20
    assert prepare(settings) is None


def test_with_a_store_the_first_run_makes_the_packs_folder_the_drafts_go_into(
    tmp_path: Path,
) -> None:
    packs = tmp_path / "packs"
    settings = Settings(packs=packs, store=str(tmp_path / "ndp.duckdb"))
    assert prepare(settings) is not None
    assert (packs / "ndp-app.sqlite").is_file()
    with pytest.raises(NdpError) as missing:
        prepare(Settings(packs=tmp_path / "nowhere"))
    assert str(missing.value) == (
        f"app database '{tmp_path}/nowhere/ndp-app.sqlite': folder '{tmp_path}/nowhere' does "
        "not exist"
    )


def test_a_period_with_no_pack_answers_404(signed_in: Callable[[str], FlaskClient]) -> None:
    client = signed_in("nation")
    assert client.get("/2019-20-Q1/national").status_code == 404
    assert client.get(f"/{PERIOD}/national/indicator/NOPE.nothing").status_code == 404


def test_settings_default_to_the_demos_out_folder() -> None:
    settings = Settings()
    assert settings.packs == Path("out")
    assert settings.app_db_location == str(Path("out") / "ndp-app.sqlite")
    assert shutil.which("gunicorn", path=str(Path(os.sys.executable).parent)) is not None


def test_a_region_withheld_from_a_force_is_a_row_saying_so_never_missing(
    published: Path, signed_in: Callable[[str], FlaskClient]
) -> None:
    """Kent's indicator page compares Kent with Eastern and the nation; where the differencing
    rule withholds Eastern's figures from Kent, the row says "withheld" and a note says why
    (seen in Chromium: the row was silently left out)."""
    from markupsafe import escape

    client = signed_in("kent")
    pack = read_pack_file(published / f"pack-{PERIOD}.json")
    scoped = project(pack, parse_scope(USERS["kent"]))
    assert scoped is not None
    eastern = scoped.area("region", "eastern")
    assert eastern is not None
    assert eastern.withheld
    held = sorted(eastern.withheld)[0]
    served = client.get(f"/{PERIOD}/force/{KENT}/indicator/{held}.json").get_json()
    assert [eastern.area.name, "withheld", "withheld"] in served["areas"]["rows"]
    assert served["areas_note"] == f"{eastern.area.name}'s figures are {eastern.withheld[held]}."
    html = client.get(f"/{PERIOD}/force/{KENT}/indicator/{held}").get_data(as_text=True)
    assert str(escape(served["areas_note"])) in html

    def whole(entry: dict[str, Any]) -> bool:  # shown with none of its quarters withheld
        return not any("suppressed" in q for q in entry.get("quarterly") or [])

    shown = next(n for n, e in eastern.indicators.items() if e is not None and whole(e))
    served = client.get(f"/{PERIOD}/force/{KENT}/indicator/{shown}.json").get_json()
    assert served["areas_note"] == ""
    (row,) = [r for r in served["areas"]["rows"] if r[0] == eastern.area.name]
    assert row[1] != "withheld"


def test_kents_f2_page_shows_easterns_current_figure_and_withholds_an_early_quarter(
    published: Path, signed_in: Callable[[str], FlaskClient]
) -> None:
    """Six other Eastern forces record OCG disruptions this quarter, so Kent sees Eastern's
    figure; in 2022-23 Q3 only one did, so that quarter's point (and the comparisons and
    averages resting on it) is withheld, saying so, rather than the region's whole row."""
    from ndp.engine.disclosure.differencing import region_shown
    from ndp.report import format as fmt

    data = read_pack_file(published / f"pack-{PERIOD}.json").data
    name = "F2.disruptions"
    assert region_shown(data, name, KENT)
    early = "2022-23 Q3"
    assert not region_shown(data, name, KENT, early)
    eastern = data["indicators"][name]["by"]["region"]["Eastern"]
    client = signed_in("kent")
    served = client.get(f"/{PERIOD}/force/{KENT}/indicator/{name}.json").get_json()
    (row,) = [r for r in served["areas"]["rows"] if r[0] == "Eastern"]
    assert row[1:] == [fmt.figure(eastern["value"], "count"),
                       fmt.figure(eastern["same_quarter_last_year"], "count")]  # fmt: skip
    # nothing in the "Compared with" table is withheld, so no note says so (the early quarter
    # is on Eastern's own page, below)
    assert all("withheld" not in cell for r in served["areas"]["rows"] for cell in r)
    assert served["areas_note"] == ""
    # the averages per force have the same quarter last year too, from their series: no blank
    then = data["indicators"][name]["comparisons"]["same_quarter_last_year"]["period"]
    averages = {"Eastern": data["indicators"][name]["per_force"]["region"]["Eastern"],
                "England and Wales": data["indicators"][name]["per_force"]["nation"]}  # fmt: skip
    for label, average in averages.items():
        (row,) = [r for r in served["areas"]["rows"] if r[0] == f"{label} average per force"]
        (point,) = [q for q in average["quarterly"] if q["period"] == then]
        assert row[2] == fmt.figure(point["value"], "count")
    assert all(cell for r in served["areas"]["rows"] for cell in r)
    region = client.get(f"/{PERIOD}/region/eastern/indicator/{name}.json").get_json()
    assert region["value"] == fmt.figure(eastern["value"], "count")
    (trend,) = [c for c in region["charts"] if c["id"] == "trend"]
    (point,) = [r for r in trend["rows"] if r[0] == early]
    assert point[1] == "withheld"
    assert "withheld" in trend["note"]


def test_a_withheld_comparison_in_the_compared_with_table_is_marked_and_explained(
    published: Path, tmp_path: Path
) -> None:
    """Greater Manchester sees North West's current F2 figure, but in the same quarter last
    year fewer than three other members recorded: that cell reads withheld, and the note under
    the table says why, in terms of the quarter it rests on."""
    from ndp.engine.disclosure.differencing import RULE, for_force

    gmp, name = "E23000005", "F2.disruptions"
    data = read_pack_file(published / f"pack-{PERIOD}.json").data
    view = for_force(data, gmp)["indicators"][name]["by"]["region"]["North West"]
    assert view["value"] is not None
    assert view["comparisons"]["same_quarter_last_year"]["suppressed"]["value"] == "differencing"
    app = make_app(published, tmp_path / "app.sqlite", {**USERS, "gmp": f"force:{gmp}"})
    client = client_of(app)
    assert sign_in(client, "gmp").status_code == 302
    served = client.get(f"/{PERIOD}/force/{gmp}/indicator/{name}.json").get_json()
    (row,) = [r for r in served["areas"]["rows"] if r[0] == "North West"]
    assert row[1] != "withheld"
    assert row[2] == "withheld"
    assert served["areas_note"] == (
        f"North West's figures marked withheld rest on a quarter in which {RULE}."
    )


def test_a_benchmark_on_a_basis_names_it_in_words(
    published: Path, signed_in: Callable[[str], FlaskClient]
) -> None:
    """E1b's benchmark is the previous year's quarterly average: its period cell says so,
    with the year, not the framework's code."""
    data = read_pack_file(published / f"pack-{PERIOD}.json").data
    comparisons = data["indicators"]["E1b.disruptions"]["comparisons"]
    assert comparisons["benchmark"]["basis"] == "previous_year_quarterly_average"
    year = comparisons["previous_year_quarterly_average"]["period"]
    served = signed_in("nation").get(f"/{PERIOD}/national/indicator/E1b.disruptions.json")
    rows = served.get_json()["comparisons"]["rows"]
    (benchmark,) = [r for r in rows if r[0] == "Benchmark"]
    assert benchmark[1] == f"{year} quarterly average"
    assert not any("_" in r[1] for r in rows)
