"""Local accounts: generated passwords, argon2id at the configured costs, a dummy hash for
unknown names, rehashing when the costs change, the first admin, revocation."""

from __future__ import annotations

import io
import json
import sqlite3
from collections.abc import Callable
from typing import Any

import argon2
import pytest

from conftest import FAST, Clock
from ndp.appdb import AppDB, AppSettings, Argon2Params, LoginRefused, Principal, Scope
from ndp.errors import NdpError

KENT = Scope("force", "E23000032")


def stored_hash(path: str, name: str) -> str:
    with sqlite3.connect(path) as conn:
        return str(
            conn.execute("SELECT password_hash FROM app_users WHERE name = ?", (name,)).fetchone()[
                0
            ]
        )


def test_a_generated_password_signs_in(appdb: AppDB) -> None:
    password = appdb.add_user("ann", "viewer", KENT)
    assert len(password) == 24
    assert appdb.add_user("bob", "viewer", KENT) != password
    principal = appdb.authenticate("ann", password, "10.0.0.1")
    assert principal == Principal(principal.user_id, "ann", "viewer", KENT)
    assert principal.user_id is not None


def test_a_chosen_password_signs_in_and_others_do_not(appdb: AppDB) -> None:
    assert appdb.add_user("ann", "analyst", Scope("national"), "correct horse") == "correct horse"
    assert appdb.authenticate("ann", "correct horse", None).role == "analyst"
    for name, password in [("ann", "wrong"), ("nobody", "correct horse"), ("ANN", "correct horse")]:
        with pytest.raises(LoginRefused) as raised:
            appdb.authenticate(name, password, None)
        assert str(raised.value) == "The name or password is not right."


def test_hashes_are_argon2id_at_the_default_owasp_costs(app_path: str) -> None:
    with AppDB.open(app_path) as db:
        db.add_user("ann", "viewer", KENT, "pw")
    stored = stored_hash(app_path, "ann")
    assert stored.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert argon2.PasswordHasher().verify(stored, "pw")


def count_verifies(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The hashes argon2 is asked to check, in order."""
    checked: list[str] = []
    real: Callable[..., Any] = argon2.PasswordHasher.verify

    def verify(self: argon2.PasswordHasher, hash: str, password: str) -> bool:
        checked.append(hash)
        return bool(real(self, hash, password))

    monkeypatch.setattr(argon2.PasswordHasher, "verify", verify)
    return checked


def test_an_unknown_name_costs_a_check_at_the_same_costs(
    appdb: AppDB, app_path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    appdb.add_user("ann", "viewer", KENT, "pw")
    checked = count_verifies(monkeypatch)
    with pytest.raises(LoginRefused):
        appdb.authenticate("nobody", "pw", None)
    with pytest.raises(LoginRefused):
        appdb.authenticate("ann", "wrong", None)
    assert len(checked) == 2
    dummy, real = checked
    assert dummy != real
    # the same algorithm and costs: only the salt and digest differ
    assert (
        dummy.split("$")[:4] == real.split("$")[:4] == stored_hash(app_path, "ann").split("$")[:4]
    )


def test_a_hash_at_old_costs_is_replaced_at_sign_in(app_path: str, clock: Clock) -> None:
    with AppDB.open(app_path, settings=FAST, clock=clock) as db:
        db.add_user("ann", "viewer", KENT, "pw")
    assert "$m=1024,t=1,p=1$" in stored_hash(app_path, "ann")
    stronger = AppSettings(argon2=Argon2Params(time_cost=3, memory_cost=2048, parallelism=1))
    with AppDB.open(app_path, settings=stronger, clock=clock) as db:
        with pytest.raises(LoginRefused):
            db.authenticate("ann", "wrong", None)
        assert "$m=1024,t=1,p=1$" in stored_hash(app_path, "ann")  # not on a failure
        db.authenticate("ann", "pw", None)
        assert "$m=2048,t=3,p=1$" in stored_hash(app_path, "ann")
        assert db.authenticate("ann", "pw", None).name == "ann"


def test_a_taken_name_is_refused(appdb: AppDB) -> None:
    appdb.add_user("ann", "viewer", KENT)
    with pytest.raises(NdpError) as raised:
        appdb.add_user("ann", "admin", Scope("national"))
    assert (
        str(raised.value)
        == "user 'ann' already exists: choose another name, or see `ndp users list`"
    )


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "user name '': must not be empty or start or end with a space"),
        (" ann", "user name ' ann': must not be empty or start or end with a space"),
        ("a\x1b[2Jb", "user name 'a\\x1b[2Jb': contains a control character"),
        ("x" * 65, f"user name '{'x' * 65}': longer than 64 characters"),
    ],
)
def test_a_bad_name_is_refused(appdb: AppDB, name: str, message: str) -> None:
    with pytest.raises(NdpError) as raised:
        appdb.add_user(name, "viewer", KENT)
    assert str(raised.value) == message


def test_the_first_admin_is_made_once(appdb: AppDB) -> None:
    created = appdb.ensure_first_admin()
    assert created is not None
    name, password = created
    assert name == "admin"
    assert appdb.authenticate(name, password, None) == Principal(
        1, "admin", "admin", Scope("national")
    )
    assert appdb.ensure_first_admin() is None
    assert [p.name for p in appdb.list_users()] == ["admin"]


def test_the_first_admin_takes_a_free_name(appdb: AppDB) -> None:
    appdb.add_user("admin", "viewer", KENT)
    created = appdb.ensure_first_admin()
    assert created is not None
    assert created[0] == "admin-2"
    assert appdb.ensure_first_admin() is None


def test_list_users_by_name_without_revoked(appdb: AppDB) -> None:
    appdb.add_user("zoe", "approver", Scope("region", "South East"))
    appdb.add_user("ann", "viewer", KENT)
    appdb.add_user("max", "admin", Scope("national"))
    appdb.revoke_user("max")
    assert [(p.name, p.role, str(p.scope)) for p in appdb.list_users()] == [
        ("ann", "viewer", "force:E23000032"),
        ("zoe", "approver", "region:South East"),
    ]
    assert [(a.principal.name, a.revoked_at is not None) for a in appdb.accounts()] == [
        ("ann", False),
        ("max", True),
        ("zoe", False),
    ]


def test_a_revoked_account_cannot_sign_in(appdb: AppDB) -> None:
    password = appdb.add_user("ann", "viewer", KENT)
    session = appdb.create_session(appdb.authenticate("ann", password, None))
    assert appdb.revoke_user("ann", actor="max") == 1
    assert appdb.session_principal(session) is None
    with pytest.raises(LoginRefused):
        appdb.authenticate("ann", password, None)
    with pytest.raises(NdpError) as raised:
        appdb.revoke_user("ann")
    assert str(raised.value) == "user 'ann' was already revoked on 2026-12-01T09:00:00.000000Z"
    with pytest.raises(NdpError) as raised:
        appdb.revoke_user("nobody")
    assert str(raised.value) == "user 'nobody' does not exist: see `ndp users list`"


def test_account_changes_are_audited(appdb: AppDB) -> None:
    appdb.add_user("ann", "viewer", KENT, actor="max")
    appdb.revoke_user("ann", actor="max")
    out = io.StringIO()
    appdb.audit_export(out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [(r["actor"], r["action"], r["target"], r["detail"]) for r in rows] == [
        ("max", "user_added", "ann", {"role": "viewer", "scope": "force:E23000032"}),
        ("max", "user_revoked", "ann", {"sessions": 0}),
    ]
