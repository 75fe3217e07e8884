"""One source of truth for "draft" in the dashboard: the folder a pack is in. Everything served
from a draft (``PACKS/drafts/``) says draft: its pages, JSON twins, chart specs and CSV
exports; nothing served from a published pack does, whatever the pack file's own ``draft``
field says (the demo's pack in ``out/`` is an engine's pack, ``draft`` true, published by file).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient
from webkit import KENT, PASSWORD, PERIOD, client_of, sign_in

from ndp.appdb import AppDB, parse_scope
from ndp.web import Settings, create_app
from ndp.web.packs import read_pack_file

BANNER = (
    "These figures are a draft: not published, and seen only by analysts, approvers and "
    "administrators."
)
E1B = "E1b.disruptions"


def _copy(published: Path, target: Path, **changes: Any) -> None:
    data = json.loads((published / f"pack-{PERIOD}.json").read_text(encoding="utf-8"))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps({**data, **changes}), encoding="utf-8")


@pytest.fixture
def user(published: Path, tmp_path: Path) -> Callable[[str], FlaskClient]:
    """The demo pack published by file (its own ``draft`` true, as ``ndp demo`` writes it) and
    the same figures as the quarter's draft, with its ``draft`` false, as a published
    version's: the folder, not the field, decides."""
    packs = tmp_path / "packs"
    _copy(published, packs / f"pack-{PERIOD}.json")
    _copy(published, packs / "drafts" / f"pack-{PERIOD}.json", draft=False)
    location = str(tmp_path / "app.sqlite")
    db = AppDB.open(location)
    db.add_user("carol", "analyst", parse_scope("national"), PASSWORD)
    db.add_user("kent", "viewer", parse_scope(f"force:{KENT}"), PASSWORD)
    app = create_app(Settings(packs=packs, app_db=location, reload_interval=0))
    app.testing = True

    def make(name: str) -> FlaskClient:
        client = client_of(app)
        assert sign_in(client, name).status_code == 302
        return client

    return make


def _export_drafts(client: FlaskClient, url: str) -> set[str]:
    response = client.get(url)
    assert response.status_code == 200, url
    body = response.get_data(as_text=True).removeprefix("\ufeff")
    return {row["draft"] for row in csv.DictReader(io.StringIO(body))}


def _marks(client: FlaskClient, slug: str, area: str) -> dict[str, Any]:
    """Every mark a reader of ``/<slug>/<area>`` meets: the page's banner and title, the JSON
    twins, the chart spec and the CSV export."""
    page = client.get(f"/{slug}/{area}").get_data(as_text=True)
    chart = client.get(f"/{slug}/{area}/indicator/{E1B}/chart/trend.json").get_json()
    return {
        "banner": BANNER in page,
        "title": "<title>Draft: " in page,
        "twin": client.get(f"/{slug}/{area}.json").get_json()["draft"],
        "indicator twin": client.get(f"/{slug}/{area}/indicator/{E1B}.json").get_json()["draft"],
        "chart usermeta": chart["usermeta"],
        "chart title": chart.get("title"),
        "export": _export_drafts(client, f"/{slug}/{area}/export.csv"),
    }


DRAFT = {"banner": True, "title": True, "twin": True, "indicator twin": True,
         "chart usermeta": {"draft": True},
         "chart title": {"text": "Draft", "anchor": "start", "fontWeight": "bold"},
         "export": {"true"}}  # fmt: skip
PUBLISHED = {"banner": False, "title": False, "twin": False, "indicator twin": False,
             "chart usermeta": {"draft": False}, "chart title": None,
             "export": {"false"}}  # fmt: skip


def test_everything_served_from_a_draft_says_draft(user: Callable[[str], FlaskClient]) -> None:
    carol = user("carol")
    assert _marks(carol, f"{PERIOD}-draft", "national") == DRAFT
    assert _marks(carol, f"{PERIOD}-draft", f"force/{KENT}") == DRAFT


def test_nothing_served_as_published_says_draft(user: Callable[[str], FlaskClient]) -> None:
    assert _marks(user("carol"), PERIOD, "national") == PUBLISHED
    assert _marks(user("kent"), PERIOD, f"force/{KENT}") == PUBLISHED


def test_the_shelf_sets_the_packs_draft_field_from_its_folder(tmp_path: Path) -> None:
    for folder, field, expected in (("", True, False), ("drafts", False, True)):
        path = tmp_path / folder / f"pack-{PERIOD}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"period": {"label": "2024-25 Q1"}, "draft": field}))
        loaded = read_pack_file(path)
        assert (loaded.draft, loaded.data["draft"]) == (expected, expected)
