"""What a new user reads on the dashboard and the quarter pages: sources by their plain names in
sentence case, their own scope by the area's name, times in words, the commentary step in the
quarter's workflow, and how far publishing has got in writing the force editions."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from flask.testing import FlaskClient
from pagetext import read_page, words
from webkit import KENT, PASSWORD, PERIOD, client_of, sign_in

from ndp.appdb import AppDB, parse_scope
from ndp.publish.publish import force_progress
from ndp.web import Settings, create_app
from ndp.workflow import jobs

#: 2026-12-07 11:24:33.123456 UTC
AT = 1_796_642_673.123456
DEMO_SOURCES = [  # the demo pack's coverage, in its order, as the data-quality page names them
    "Asset seizures",
    "Protect campaigns",
    "Case outcomes",
    "Disruptions (APMIS)",
    "NFIB disseminations and outcomes",
    "Forces' outcome returns",
    "Fraud Targeting Cell packages",
    "Fraud Targeting Cell referrals",
    "Protect engagement events",
    "Protect event survey responses",
    "Cryptoasset training",
]


def _client(packs: Path, tmp_path: Path, users: dict[str, tuple[str, str]]) -> dict[str, Any]:
    location = str(tmp_path / "app.sqlite")
    with AppDB.open(location, clock=lambda: AT) as db:
        for name, (role, scope) in users.items():
            db.add_user(name, role, parse_scope(scope), PASSWORD)  # type: ignore[arg-type]
    app = create_app(Settings(packs=packs, app_db=location, reload_interval=0))
    app.testing = True
    clients: dict[str, Any] = {"db": location}
    for name in users:
        clients[name] = client_of(app)
        assert sign_in(clients[name], name).status_code == 302
    return clients


def test_the_data_quality_page_names_each_source_in_sentence_case(
    signed_in: Any,
) -> None:
    page = read_page(signed_in("nation").get(f"/{PERIOD}/data-quality").get_data(as_text=True))
    assert [row[0] for row in page.tables["Coverage"][1:]] == DEMO_SOURCES


def test_the_quarter_page_names_sources_arrived_and_expected_by_their_plain_names(
    published: Path, tmp_path: Path
) -> None:
    packs = tmp_path / "packs"
    data = json.loads((published / f"pack-{PERIOD}.json").read_text(encoding="utf-8"))
    data["provenance"]["files"] = [
        f for f in data["provenance"]["files"] if f["source"] in ("disruptions", "force_returns")
    ]
    (packs / "drafts").mkdir(parents=True)
    (packs / "drafts" / f"pack-{PERIOD}.json").write_text(json.dumps(data), encoding="utf-8")
    carol = _client(packs, tmp_path, {"carol": ("analyst", "national")})["carol"]
    html = carol.get(f"/{PERIOD}/quarter").get_data(as_text=True)
    arrived = read_page(html).tables["Sources arrived"]
    assert sorted(row[0] for row in arrived[1:]) == ["Disruptions (APMIS)",
                                                     "Forces' outcome returns"]  # fmt: skip
    expected = html.split("Still expected</h2>", 1)[1].split("</ul>", 1)[0]
    assert re.findall(r"<li>(.*?)</li>", expected) == [
        "Asset seizures",
        "Case outcomes",
        "NFIB disseminations and outcomes",
        "Fraud Targeting Cell referrals",
        "Fraud Targeting Cell packages",
        "Operations",
        "Operation results",
        "Operation victims",
        "Protect engagement events",
        "Protect event survey responses",
        "Protect campaigns",
        "Protect team staffing",
        "Cryptoasset training",
    ]
    assert "force_returns" not in words(html)


def test_the_quarter_page_leads_to_the_commentary_between_the_draft_and_the_sign_off(
    published: Path, tmp_path: Path
) -> None:
    packs = tmp_path / "packs"
    data = json.loads((published / f"pack-{PERIOD}.json").read_text(encoding="utf-8"))
    (packs / "drafts").mkdir(parents=True)
    (packs / "drafts" / f"pack-{PERIOD}.json").write_text(json.dumps(data), encoding="utf-8")
    users = {"amy": ("approver", "national"), "kay": ("analyst", f"force:{KENT}")}
    clients = _client(packs, tmp_path, users)
    html = clients["amy"].get(f"/{PERIOD}/quarter").get_data(as_text=True)
    steps = words(html.split('<ul class="govuk-list">', 1)[1].split("</details>", 1)[0])
    assert steps.startswith("See the draft Write the commentary on a measure E1a ")
    first = f'href="/{PERIOD}-draft/commentary/E1a">E1a {data["measures"]["E1a"]["title"]}</a>'
    assert first in html
    links = html.count(f'href="/{PERIOD}-draft/commentary/')
    assert links == len(data["measures"])
    after = html.split("</details>", 1)[1]
    assert after.index("Sign off the draft") < after.index("Publish the draft")
    editor = clients["amy"].get(f"/{PERIOD}-draft/commentary/E1a")
    assert editor.status_code == 200
    # the editor is national-only: a force's analyst is not offered it
    kent_html = clients["kay"].get(f"/{PERIOD}/quarter").get_data(as_text=True)
    assert "Write the commentary" not in kent_html
    assert "See the draft" in kent_html


def _signed_in_as(client: FlaskClient, url: str) -> str:
    text = words(client.get(url).get_data(as_text=True))
    return text.split("Signed in as ", 1)[1].split(")", 1)[0] + ")"


def test_the_header_names_the_users_scope_by_its_area(signed_in: Any) -> None:
    assert (
        _signed_in_as(signed_in("kent"), f"/{PERIOD}/force/{KENT}") == "kent (viewer, Kent Police)"
    )
    assert _signed_in_as(signed_in("eastern"), f"/{PERIOD}/national") == (
        "eastern (viewer, Eastern region)"
    )
    assert _signed_in_as(signed_in("nation"), "/accessibility") == (
        "nation (viewer, England and Wales)"
    )
    assert "force:E23000032" not in signed_in("kent").get("/accessibility").get_data(as_text=True)


def test_before_any_pack_the_header_names_the_scope_from_the_reference_data(
    tmp_path: Path,
) -> None:
    packs = tmp_path / "packs"
    packs.mkdir()
    kay = _client(packs, tmp_path, {"kay": ("analyst", f"force:{KENT}")})["kay"]
    assert _signed_in_as(kay, "/jobs") == "kay (analyst, Kent Police)"


def test_jobs_show_times_in_words_and_publishing_counts_the_force_editions(
    published: Path, tmp_path: Path
) -> None:
    clients = _client(published, tmp_path, {"ann": ("analyst", "national")})
    with AppDB.open(clients["db"], clock=lambda: AT) as db:
        job_id = jobs.submit(db, "publish", {"period": PERIOD}, "ann")
        assert jobs.claim_next(db) is not None
        jobs.report_progress(db, job_id, force_progress(12, 45))
    ann = clients["ann"]
    html = ann.get("/jobs").get_data(as_text=True)
    row = read_page(html).tables["The latest jobs, newest first"][1]
    assert row == [str(job_id), "publish", "running", "ann", "7 December 2026, 11:24 UTC",
                   "Writing force editions: 12 of 45"]  # fmt: skip
    assert ".123456" not in html
    page = words(ann.get(f"/jobs/{job_id}").get_data(as_text=True))
    assert "Submitted by ann on 7 December 2026, 11:24 UTC." in page
    assert "Writing force editions: 12 of 45 This page refreshes itself" in page
    assert "11:24:33" not in page
