"""The analyst's pages: upload (analysts, approvers and admins only), the job page while it
waits and once the writer has run it, a refused load's error summary and table, the
partial-load choice, and the page that says a store is needed."""

from __future__ import annotations

import io
import re
from html import unescape
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from webkit import PASSWORD, client_of, csrf_of, sign_in

from ndp.appdb import AppDB, parse_scope
from ndp.web import Settings, create_app
from ndp.workflow import jobs, writer

CSV = b"Disruption ID,Date,Force,Threat,Category,Level,OCG Ref,Operation\n"
BAD = CSV + b"DIS-1,31/02/2023,Kent,fraud,,Minor,OCG-1,\n"


def workflow_app(tmp_path: Path, store: str | None) -> Flask:
    app_db = tmp_path / "app.sqlite"
    db = AppDB.open(str(app_db))
    for name, role in (("ann", "analyst"), ("vic", "viewer"), ("amy", "approver")):
        db.add_user(name, role, parse_scope("national"), PASSWORD)  # type: ignore[arg-type]
    db.close()
    packs = tmp_path / "packs"
    packs.mkdir()
    app = create_app(Settings(packs=packs, app_db=str(app_db), store=store, upload_max_bytes=4096))
    app.testing = True
    return app


@pytest.fixture
def app(tmp_path: Path) -> Flask:
    return workflow_app(tmp_path, str(tmp_path / "ndp.duckdb"))


def client(app: Flask, name: str) -> FlaskClient:
    c = client_of(app)
    assert sign_in(c, name).status_code == 302
    return c


def post_files(c: FlaskClient, url: str, files: list[tuple[bytes, str]]) -> object:
    token = csrf_of(c.get(url).get_data(as_text=True))
    data = {"csrf_token": token, "extracts": [(io.BytesIO(b), n) for b, n in files]}
    return c.post(url, data=data, content_type="multipart/form-data")


def run_writer(tmp_path: Path) -> jobs.Job:
    settings = writer.WriterSettings(str(tmp_path / "ndp.duckdb"), str(tmp_path / "app.sqlite"),
                                     tmp_path / "packs", tmp_path / "published")  # fmt: skip
    with AppDB.open(settings.app_db) as db:
        done = writer.run_next(db, lambda job: writer.job_context(settings, db, job))
    assert done is not None
    return done


def text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_viewers_see_no_upload_page(app: Flask) -> None:
    viewer = client(app, "vic")
    for url in ("/upload", "/2024-25-Q1/upload", "/jobs", "/jobs/1", "/quarantine"):
        assert viewer.get(url).status_code == 404
    assert client(app, "amy").get("/upload").status_code == 200


def test_a_refused_upload_shows_an_error_summary_and_keeps_nothing(
    app: Flask, tmp_path: Path
) -> None:
    ann = client(app, "ann")
    response = post_files(ann, "/upload", [(b"\x89PNG\r\n\x1a\n\x00", "chart.csv")])
    assert response.status_code == 400  # type: ignore[attr-defined]
    page = text(response.get_data(as_text=True))  # type: ignore[attr-defined]
    assert "There is a problem chart.csv: The file is not a CSV, XLSX or ODS file. Upload the " \
           "extract itself." in page  # fmt: skip
    big = post_files(ann, "/upload", [(CSV * 100, "big.csv")])
    assert "big.csv: The file is larger than 4,096 bytes. Split the extract into smaller " \
           "files." in text(big.get_data(as_text=True))  # type: ignore[attr-defined]  # fmt: skip
    token = csrf_of(ann.get("/upload").get_data(as_text=True))
    wrong = ann.post("/upload", data={"csrf_token": token, "period": "2024-25 Q5",
                     "extracts": [(io.BytesIO(BAD), "d.csv")]},
                     content_type="multipart/form-data")  # fmt: skip
    assert wrong.status_code == 400
    assert (
        "There is a problem The quarter is not right: unknown period '2024-25 Q5': expected a "
        "quarter such as" in text(wrong.get_data(as_text=True))
    )
    assert list((tmp_path / "packs" / "uploads").iterdir()) == []
    with AppDB.open(str(tmp_path / "app.sqlite")) as db:
        assert jobs.recent(db) == []


def test_a_refused_load_shows_every_problem_and_offers_a_partial_load(
    app: Flask, tmp_path: Path
) -> None:
    ann = client(app, "ann")
    response = post_files(ann, "/2024-25-Q1/upload", [(BAD, "disruptions.csv")])
    assert response.status_code == 303  # type: ignore[attr-defined]
    location = response.headers["Location"]  # type: ignore[attr-defined]
    assert re.fullmatch(r"/jobs/\d+", location)
    waiting = ann.get(location).get_data(as_text=True)
    assert "Waiting for the writer" in waiting
    assert '<script src="/static/ndp-job.js"' in waiting
    job = run_writer(tmp_path)
    assert job.params["period"] == "2024-25-Q1"
    page = ann.get(location).get_data(as_text=True)
    assert "ndp-job.js" not in page
    assert "govuk-error-summary" in page
    words = text(page)
    assert "The extracts were refused: 1 problem found; nothing was loaded" in words
    assert (
        "disruptions.csv, line 2, column date: '31/02/2023': expected a date such as 2024-05-13 "
        "or 13/05/2024 (day first), not in the future or before 2000 Job 1: load failed" in words
    )
    assert "File Line Column Value Expected disruptions.csv 2 date 31/02/2023" in words
    assert '<a class="govuk-link" href="/upload">upload them again</a>' in page
    token = csrf_of(page)
    again = ann.post(f"{location}/partial", data={"csrf_token": token})
    assert again.status_code == 303
    partial = run_writer(tmp_path)
    assert partial.params["partial"] is True
    assert partial.state == "done", partial.result
    done = text(ann.get(again.headers["Location"]).get_data(as_text=True))
    assert "Load 1: 0 rows loaded, 1 rows quarantined" in done
    assert (
        "Warning The draft of 2024-25 Q1 was not rebuilt: no records in the store for 2024-25 "
        "Q1: load that quarter's extracts first, or choose a quarter with data" in done
    )
    assert ann.post(again.headers["Location"] + "/partial",
                    data={"csrf_token": token}).status_code == 409  # fmt: skip


def test_without_a_store_the_pages_say_one_is_needed(tmp_path: Path) -> None:
    ann = client(workflow_app(tmp_path, None), "ann")
    response = ann.get("/upload")
    assert response.status_code == 503
    assert "This dashboard has no store to load into, so no writer runs. Start it with ndp " \
           "serve --db STORE" in text(response.get_data(as_text=True))  # fmt: skip
