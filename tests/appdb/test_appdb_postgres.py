"""The same app database on PostgreSQL, and the app's role that may only insert into and read
the audit log (the GRANTs documented in docs/dashboard.md, run as written there)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from conftest import FAST, Clock
from ndp.appdb import AppDB, AuditVerdict, LoginRefused, LoginThrottled, Principal, Scope

pytestmark = pytest.mark.postgres

DOCS = Path(__file__).resolve().parents[2] / "docs" / "dashboard.md"
KENT = Scope("force", "E23000032")


@pytest.fixture
def pg_appdb(pg_url: str, clock: Clock) -> Iterator[AppDB]:
    with AppDB.open(pg_url, settings=FAST, clock=clock) as db:
        yield db


def test_accounts_sessions_and_throttling(pg_appdb: AppDB, clock: Clock) -> None:
    password = pg_appdb.add_user("ann", "viewer", KENT)
    ann = pg_appdb.authenticate("ann", password, "192.0.2.1")
    assert ann == Principal(ann.user_id, "ann", "viewer", KENT)
    session = pg_appdb.create_session(ann)
    assert pg_appdb.session_principal(session) == ann
    clock.advance(30 * 60 + 1)
    assert pg_appdb.session_principal(session) is None
    for _ in range(5):
        with pytest.raises(LoginRefused):
            pg_appdb.authenticate("ann", "wrong", "192.0.2.1")
    with pytest.raises(LoginThrottled) as raised:
        pg_appdb.authenticate("ann", password, "192.0.2.1")
    assert raised.value.retry_after == 15 * 60
    assert pg_appdb.ensure_first_admin() is not None
    assert pg_appdb.ensure_first_admin() is None
    oidc = pg_appdb.upsert_oidc_user("https://idp", "s-1", "ann", "analyst", Scope("national"))
    assert oidc.name == "ann-2"
    assert pg_appdb.revoke_user("ann") == 0
    assert [p.name for p in pg_appdb.list_users()] == ["admin", "ann-2"]


def test_an_edited_audit_row_is_found(pg_appdb: AppDB, pg_url: str) -> None:
    for n in range(4):
        pg_appdb.audit("ann", "view", f"/force/{n}", None, {"n": n})
    assert pg_appdb.audit_verify() == AuditVerdict(True, 4, None, "4 rows, chain intact")
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("UPDATE app_audit SET target = '/national' WHERE seq = 2")
    assert pg_appdb.audit_verify() == AuditVerdict(False, 2, 2, "row 2 does not match its hash")


def documented_grants(role: str, database: str) -> str:
    """The SQL block of docs/dashboard.md that sets up the app's role."""
    blocks = re.findall(r"```sql\n(.*?)```", DOCS.read_text(encoding="utf-8"), flags=re.S)
    [grants] = [b for b in blocks if "GRANT SELECT, INSERT ON app_audit" in b]
    return (
        grants.replace("ndp_app", role)
        .replace("'change me'", "'app-secret'")
        .replace("DATABASE ndp ", f"DATABASE {database} ")
    )


def test_the_apps_role_may_only_insert_and_read_the_audit_log(pg_url: str, clock: Clock) -> None:
    with AppDB.open(pg_url, settings=FAST, clock=clock) as owner:
        owner.audit("owner", "setup", "app database")
    database = pg_url.rsplit("/", 1)[1]
    role = f"app_{database}"
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(documented_grants(role, database))
    app_url = pg_url.replace("postgresql://ndp@", f"postgresql://{role}:app-secret@")
    with AppDB.open(app_url, settings=FAST, clock=clock) as app:
        password = app.add_user("ann", "viewer", KENT)
        session = app.create_session(app.authenticate("ann", password, None))
        assert app.session_principal(session) is not None
        app.audit("ann", "view", "/national")
        assert app.audit_verify().ok
        assert app.ensure_first_admin() is not None
    with psycopg.connect(app_url, autocommit=True) as conn:
        assert conn.execute("SELECT count(*) FROM app_audit").fetchone() == (4,)
        for statement in (
            "UPDATE app_audit SET actor = 'x'",
            "DELETE FROM app_audit",
            "TRUNCATE app_audit",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("DROP TABLE app_audit")
