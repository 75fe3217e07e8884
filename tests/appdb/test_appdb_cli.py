"""`ndp users` and `ndp audit` as an administrator runs them: the exact text they print."""

from __future__ import annotations

import getpass
import json
import re
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ndp.appdb import AppDB, Principal, Scope
from ndp.cli.app import app

runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> list[str]:
    return ["--app-db", str(tmp_path / "app.sqlite")]


def test_users_add_prints_the_password_once_and_it_signs_in(db: list[str]) -> None:
    result = runner.invoke(
        app, ["users", "add", "ann", "--role", "viewer", "--scope", "force:Kent", *db]
    )
    assert result.exit_code == 0, result.output
    first, second, third = result.stdout.splitlines()
    assert first == "Added ann: viewer, force:E23000032."
    found = re.fullmatch(r"Password: ([A-Za-z0-9_-]{24})", second)
    assert found is not None
    assert third == "It is shown only this once: pass it on safely."
    with AppDB.open(db[1]) as appdb:
        assert appdb.authenticate("ann", found[1], None) == Principal(
            1, "ann", "viewer", Scope("force", "E23000032")
        )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--role", "root", "--scope", "national"],
            "error: role 'root' is not known: use one of viewer, analyst, approver, admin",
        ),
        (
            ["--role", "viewer", "--scope", "region:Mercia"],
            "error: scope 'region:Mercia': no region is called 'Mercia'; write national, region:NAME or force:CODE (a force's code, name or alias)",
        ),
    ],
)
def test_users_add_refuses_a_wrong_role_or_scope(
    db: list[str], args: list[str], message: str
) -> None:
    result = runner.invoke(app, ["users", "add", "ann", *args, *db])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.strip() == message


def test_users_add_refuses_a_taken_name(db: list[str]) -> None:
    runner.invoke(app, ["users", "add", "ann", "--role", "viewer", "--scope", "national", *db])
    result = runner.invoke(
        app, ["users", "add", "ann", "--role", "admin", "--scope", "national", *db]
    )
    assert result.exit_code == 1
    assert (
        result.stderr.strip()
        == "error: user 'ann' already exists: choose another name, or see `ndp users list`"
    )


def test_users_list_and_revoke(db: list[str]) -> None:
    for name, role, scope in [("zoe", "approver", "region:SEROCU"), ("ann", "viewer", "force:TVP")]:
        runner.invoke(app, ["users", "add", name, "--role", role, "--scope", scope, *db])
    revoked = runner.invoke(app, ["users", "revoke", "zoe", *db])
    assert revoked.exit_code == 0
    assert revoked.stdout == "Revoked zoe: they can no longer sign in; 0 sessions ended.\n"
    listed = runner.invoke(app, ["users", "list", *db])
    assert listed.exit_code == 0
    lines = [
        re.sub(r"\d{4}-\d\d-\d\d \d\d:\d\d", "YYYY-MM-DD hh:mm", line)
        for line in listed.stdout.splitlines()
    ]
    assert lines == [
        "name  role      scope              sign-in   added             revoked",
        "ann   viewer    force:E23000029    password  YYYY-MM-DD hh:mm",
        "zoe   approver  region:South East  password  YYYY-MM-DD hh:mm  YYYY-MM-DD hh:mm",
    ]
    assert listed.stderr == "2 accounts\n"
    again = runner.invoke(app, ["users", "revoke", "zoe", *db])
    assert again.exit_code == 1
    assert re.fullmatch(r"error: user 'zoe' was already revoked on \S+Z\n", again.stderr)


def test_audit_verify_export_and_prune(db: list[str]) -> None:
    runner.invoke(app, ["users", "add", "ann", "--role", "viewer", "--scope", "national", *db])
    runner.invoke(app, ["users", "revoke", "ann", *db])
    verified = runner.invoke(app, ["audit", "verify", *db])
    assert verified.exit_code == 0
    assert verified.stdout == "The audit log verifies: 2 rows, chain intact.\n"
    exported = runner.invoke(app, ["audit", "export", "--since", "2020-01-01", *db])
    assert exported.exit_code == 0
    rows = [json.loads(line) for line in exported.stdout.splitlines()]
    actor = f"cli:{getpass.getuser()}"
    assert [(r["seq"], r["actor"], r["action"], r["target"]) for r in rows] == [
        (1, actor, "user_added", "ann"),
        (2, actor, "user_revoked", "ann"),
    ]
    assert exported.stderr == "exported 2 rows\n"
    assert runner.invoke(app, ["audit", "export", "--since", "2999-01-01", *db]).stdout == ""
    pruned = runner.invoke(app, ["audit", "prune", "--keep-days", "0", *db])
    assert pruned.stdout == "Removed 2 rows; a checkpoint row keeps the chain verifiable.\n"
    assert (
        runner.invoke(app, ["audit", "prune", "--before", "2020-01-01", *db]).stdout
        == "Removed 0 rows.\n"
    )
    assert (
        runner.invoke(app, ["audit", "verify", *db]).stdout
        == "The audit log verifies: 1 row, chain intact.\n"
    )


def test_audit_verify_fails_on_an_edited_row(db: list[str]) -> None:
    runner.invoke(app, ["users", "add", "ann", "--role", "viewer", "--scope", "national", *db])
    with sqlite3.connect(db[1]) as conn:
        conn.execute("UPDATE app_audit SET target = 'bob'")
    result = runner.invoke(app, ["audit", "verify", *db])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "error: the audit log does not verify: row 1 does not match its hash\n"


@pytest.mark.parametrize(
    ("args", "message", "code"),
    [
        ([], "error: give one of --before DATE or --keep-days N", 2),
        (
            ["--before", "2026-01-01", "--keep-days", "3"],
            "error: give one of --before DATE or --keep-days N",
            2,
        ),
        (["--keep-days", "-1"], "error: --keep-days -1: must be 0 or more", 2),
        (
            ["--before", "soon"],
            "error: --before 'soon': not a date; write it as 2026-12-01 or 2026-12-01T09:30",
            1,
        ),
    ],
)
def test_audit_prune_refuses_unclear_cutoffs(
    db: list[str], args: list[str], message: str, code: int
) -> None:
    result = runner.invoke(app, ["audit", "prune", *args, *db])
    assert result.exit_code == code
    assert result.stderr.strip() == message


def test_the_default_app_database_is_out_ndp_app_sqlite(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NDP_APP_DB", raising=False)
    assert runner.invoke(app, ["users", "list"]).exit_code == 0
    assert (tmp_path / "out" / "ndp-app.sqlite").is_file()
    monkeypatch.setenv("NDP_APP_DB", str(tmp_path / "env.sqlite"))
    assert runner.invoke(app, ["users", "list"]).exit_code == 0
    assert (tmp_path / "env.sqlite").is_file()


def test_every_users_and_audit_command_is_documented() -> None:
    from ndp.cli.audit_cmd import audit_app
    from ndp.cli.users_cmd import users_app

    docs = (Path(__file__).resolve().parents[2] / "docs" / "dashboard.md").read_text()
    for group, typer_app in (("users", users_app), ("audit", audit_app)):
        names = [c.name for c in typer_app.registered_commands]
        assert names
        for name in names:
            assert f"ndp {group} {name}" in docs


def test_the_documented_users_add_output_is_what_it_prints(db: list[str]) -> None:
    docs = (Path(__file__).resolve().parents[2] / "docs" / "dashboard.md").read_text()
    example = docs.split("```\nAdded ann:", 1)[1].split("```", 1)[0]
    documented = ("Added ann:" + example).splitlines()
    result = runner.invoke(
        app, ["users", "add", "ann", "--role", "viewer", "--scope", "force:Kent", *db]
    )
    printed = result.stdout.splitlines()
    assert [printed[0], printed[2]] == [documented[0], documented[2]]
    assert len(printed[1]) == len(documented[1])
