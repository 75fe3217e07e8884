"""The dashboard's fixtures: the demo pack published in a folder (as ``ndp demo`` leaves
``out/``), an app over it with a fresh app database and users of each scope, and signed-in
test clients."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from webkit import PERIOD, client_of, make_app, sign_in

from ndp.engine.pack_files import write_pack


@pytest.fixture(scope="session")
def published(demo_pack: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with the demo quarter's pack and area files, and an earlier quarter's pack
    (the same figures under 2023-24 Q4's name) for the quarter picker."""
    folder = tmp_path_factory.mktemp("packs")
    write_pack(demo_pack, folder / f"pack-{PERIOD}.json")
    data = json.loads((folder / f"pack-{PERIOD}.json").read_text(encoding="utf-8"))
    data["period"]["label"] = "2023-24 Q4"
    (folder / "pack-2023-24-Q4.json").write_text(json.dumps(data), encoding="utf-8")
    return folder


@pytest.fixture
def app(published: Path, tmp_path: Path) -> Flask:
    return make_app(published, tmp_path / "app.sqlite")


@pytest.fixture
def signed_in(app: Flask) -> Callable[[str], FlaskClient]:
    """``signed_in("kent")``: a client with a live session for that user."""

    def make(name: str) -> FlaskClient:
        client = client_of(app)
        response = sign_in(client, name)
        assert response.status_code == 302, response.get_data(as_text=True)
        return client

    return make


@pytest.fixture
def packs_copy(published: Path, tmp_path: Path) -> Path:
    """A private copy of the published folder, for tests that add or change files."""
    folder = tmp_path / "packs"
    shutil.copytree(published, folder)
    return folder
