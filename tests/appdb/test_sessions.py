"""Server-side sessions: idle and absolute timeouts, revocation, and nothing usable stored."""

from __future__ import annotations

import sqlite3

import pytest

from conftest import Clock
from ndp.appdb import AppDB, Principal, Scope

KENT = Scope("force", "E23000032")


@pytest.fixture
def ann(appdb: AppDB) -> Principal:
    return appdb.authenticate("ann", appdb.add_user("ann", "viewer", KENT), None)


def test_a_session_gives_back_its_principal(appdb: AppDB, ann: Principal) -> None:
    session = appdb.create_session(ann)
    assert len(session) == 43
    assert appdb.session_principal(session) == ann
    assert appdb.session_principal("not-a-session") is None
    assert appdb.create_session(ann) != session


def test_the_database_holds_no_session_id(appdb: AppDB, ann: Principal, app_path: str) -> None:
    session = appdb.create_session(ann)
    with sqlite3.connect(app_path) as conn:
        stored = [row[0] for row in conn.execute("SELECT id_hash FROM app_sessions")]
    assert len(stored) == 1
    assert session not in stored[0]


def test_idle_timeout(appdb: AppDB, ann: Principal, clock: Clock) -> None:
    session = appdb.create_session(ann)
    clock.advance(30 * 60)  # exactly the idle timeout: still live, and touched
    assert appdb.session_principal(session) == ann
    clock.advance(30 * 60)
    assert appdb.session_principal(session) == ann
    clock.advance(30 * 60 + 1)
    assert appdb.session_principal(session) is None


def test_absolute_timeout_holds_however_busy(appdb: AppDB, ann: Principal, clock: Clock) -> None:
    session = appdb.create_session(ann)
    for _ in range(24):  # every 30 minutes for 12 hours
        clock.advance(30 * 60)
        assert appdb.session_principal(session) == ann
    clock.advance(1)
    assert appdb.session_principal(session) is None


def test_revoking_one_session(appdb: AppDB, ann: Principal) -> None:
    first, second = appdb.create_session(ann), appdb.create_session(ann)
    appdb.revoke_session(first)
    appdb.revoke_session("unknown")
    assert appdb.session_principal(first) is None
    assert appdb.session_principal(second) == ann


def test_revoking_a_users_sessions(appdb: AppDB, ann: Principal) -> None:
    bob = appdb.authenticate("bob", appdb.add_user("bob", "admin", Scope("national")), None)
    mine = [appdb.create_session(ann) for _ in range(3)]
    theirs = appdb.create_session(bob)
    appdb.revoke_session(mine[0])
    assert appdb.revoke_user_sessions("ann") == 2
    assert [appdb.session_principal(s) for s in mine] == [None, None, None]
    assert appdb.session_principal(theirs) == bob
    assert appdb.revoke_user_sessions("ann") == 0


def test_a_session_sees_the_accounts_current_role(appdb: AppDB, app_path: str) -> None:
    principal = appdb.upsert_oidc_user("https://idp", "sub-1", "ann", "viewer", KENT)
    session = appdb.create_session(principal)
    appdb.upsert_oidc_user("https://idp", "sub-1", "ann", "analyst", Scope("national"))
    assert appdb.session_principal(session) == Principal(
        principal.user_id, "ann", "analyst", Scope("national")
    )
