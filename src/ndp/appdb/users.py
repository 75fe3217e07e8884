"""Accounts: local ones with a password hash, and ones that sign in through an OpenID Connect
provider (issuer + subject, no password). A revoked account keeps its row, so the audit log's
names stay meaningful and the name cannot be quietly reused."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ndp.appdb.audit import append_audit, iso
from ndp.appdb.backend import Row, Tx
from ndp.appdb.model import Principal, Role, Scope, ScopeKind, parse_role
from ndp.errors import NdpError

MAX_NAME = 64
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")

#: the columns read into an Account, in order
ACCOUNT_COLUMNS = "id, name, role, scope, issuer, created_at, revoked_at"


@dataclass(frozen=True)
class Account:
    """An account as ``ndp users list`` shows it."""

    principal: Principal
    sign_in: str  # "password" or the OIDC issuer
    created_at: str
    revoked_at: str | None


def check_name(name: str) -> str:
    """``name`` if it can be a user name; ``NdpError`` saying what to change otherwise."""
    if not name or name != name.strip():
        raise NdpError(f"user name {name!r}: must not be empty or start or end with a space")
    if len(name) > MAX_NAME:
        raise NdpError(f"user name {name!r}: longer than {MAX_NAME} characters")
    if _CONTROL.search(name):
        raise NdpError(f"user name {name!r}: contains a control character")
    return name


def stored_scope(text: str) -> Scope:
    """A scope as stored (already canonical, so no reference look-up)."""
    kind, _, code = text.partition(":")
    scope_kind: ScopeKind = (
        "force" if kind == "force" else "region" if kind == "region" else "national"
    )
    return Scope(scope_kind, code or None)


def principal_of(row: Row) -> Principal:
    """A Principal from (id, name, role, scope, ...)."""
    return Principal(int(row[0]), str(row[1]), parse_role(str(row[2])), stored_scope(str(row[3])))


def account_of(row: Row) -> Account:
    return Account(principal_of(row), row[4] or "password", str(row[5]), row[6])


def insert_user(
    tx: Tx,
    name: str,
    role: Role,
    scope: Scope,
    password_hash: str | None,
    now: float,
    actor: str,
    issuer: str | None = None,
    subject: str | None = None,
) -> Principal:
    """Add an account and record it in the audit log, in the caller's exclusive transaction."""
    check_name(name)
    if tx.run("SELECT 1 FROM app_users WHERE name = ?", (name,)):
        raise NdpError(
            f"user {name!r} already exists: choose another name, or see `ndp users list`"
        )
    found = tx.run(
        "INSERT INTO app_users (name, role, scope, password_hash, issuer, subject, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        (name, role, str(scope), password_hash, issuer, subject, iso(now)),
    )
    detail: dict[str, object] = {"role": role, "scope": str(scope)}
    if issuer is not None:
        detail["issuer"] = issuer
    append_audit(tx, now, actor, "user_added", name, None, detail)
    return Principal(int(found[0][0]), name, role, scope)


def free_name(tx: Tx, wanted: str) -> str:
    """``wanted``, or ``wanted-2``, ``wanted-3``... when it is taken."""
    taken = {row[0] for row in tx.run("SELECT name FROM app_users")}
    name, n = wanted[:MAX_NAME], 1
    while name in taken:
        n += 1
        name = f"{wanted[: MAX_NAME - len(str(n)) - 1]}-{n}"
    return name
