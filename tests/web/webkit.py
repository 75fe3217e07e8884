"""Helpers the dashboard's tests share: users, signing in, a client over HTTPS."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from ndp.appdb import AppDB, parse_scope
from ndp.web import Settings, create_app

PERIOD = "2024-25-Q1"
KENT = "E23000032"
PASSWORD = "correct horse battery staple"
USERS = {  # name -> scope
    "nation": "national",
    "eastern": "region:Eastern",
    "kent": f"force:{KENT}",
    "met": "force:E23000001",
}


def make_app(packs: Path, app_db: Path, users: dict[str, str] = USERS) -> Flask:
    db = AppDB.open(str(app_db))
    try:
        for name, scope in users.items():
            db.add_user(name, "viewer", parse_scope(scope), PASSWORD)
    finally:
        db.close()
    app = create_app(Settings(packs=packs, app_db=str(app_db)))
    app.testing = True
    return app


def client_of(app: Flask) -> FlaskClient:
    client = app.test_client()
    client.environ_base["wsgi.url_scheme"] = "https"  # the session cookie is Secure
    client.environ_base["REMOTE_ADDR"] = "127.0.0.1"
    return client


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "no CSRF token in the form"
    return found.group(1)


def sign_in(client: FlaskClient, name: str, password: str = PASSWORD) -> Any:
    token = csrf_of(client.get("/login").get_data(as_text=True))
    return client.post("/login", data={"name": name, "password": password, "csrf_token": token})
