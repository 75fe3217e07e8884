"""``AppDB``: the dashboard's accounts, sessions and audit log in one database.

The methods are the interface the dashboard (``ndp.web``) and the ``ndp users`` and
``ndp audit`` commands use; each is a transaction over the modules beside this one.
``authenticate`` does not write to the audit log (the caller records the sign-in or its
failure with what it knows of the request); changes to accounts are recorded here.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import IO

from ndp.appdb import audit as audit_log
from ndp.appdb import login, sessions
from ndp.appdb.backend import Backend, Tx, connect
from ndp.appdb.model import NATIONAL, LoginRefused, Principal, Role, Scope
from ndp.appdb.passwords import Passwords, generate_password
from ndp.appdb.schema import create_tables
from ndp.appdb.settings import AppSettings
from ndp.appdb.users import (
    ACCOUNT_COLUMNS,
    Account,
    account_of,
    check_name,
    free_name,
    insert_user,
)
from ndp.errors import NdpError

FIRST_ADMIN = "admin"
#: seconds a sign-in may spend at the identity provider
OIDC_PENDING = 10 * 60


class AppDB:
    """Accounts, sessions and the audit log, in SQLite (a file) or PostgreSQL (a URL)."""

    def __init__(self, backend: Backend, settings: AppSettings, clock: Callable[[], float]) -> None:
        self._db = backend
        self.settings = settings
        self._clock = clock
        self._passwords = Passwords(settings.argon2)

    @classmethod
    def open(
        cls,
        location: str,
        *,
        settings: AppSettings | None = None,
        clock: Callable[[], float] = time.time,
    ) -> AppDB:
        """Open (and on first use create) the app database at ``location``."""
        backend = connect(location)
        create_tables(backend)
        return cls(backend, settings or AppSettings(), clock)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> AppDB:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # users

    def add_user(
        self,
        name: str,
        role: Role,
        scope: Scope,
        password: str | None = None,
        *,
        actor: str = "system",
    ) -> str:
        """Add a local account; return its password (a generated one when None is given)."""
        check_name(name)
        password = password if password is not None else generate_password()
        if not password:
            raise NdpError(f"user {name!r}: the password must not be empty")
        hashed = self._passwords.hash(password)
        with self._db.transaction(exclusive=True) as tx:
            insert_user(tx, name, role, scope, hashed, self._clock(), actor)
        return password

    def ensure_first_admin(self) -> tuple[str, str] | None:
        """Create an admin with national scope when no admin exists; return (name, password)
        when it did, None when an admin was already there (so every start may call it)."""
        password = generate_password()
        hashed = self._passwords.hash(password)
        with self._db.transaction(exclusive=True) as tx:
            if tx.run("SELECT 1 FROM app_users WHERE role = 'admin' AND revoked_at IS NULL"):
                return None
            name = free_name(tx, FIRST_ADMIN)
            insert_user(tx, name, "admin", NATIONAL, hashed, self._clock(), "system")
        return name, password

    def list_users(self) -> list[Principal]:
        """Every account not revoked, by name."""
        return [a.principal for a in self.accounts() if a.revoked_at is None]

    def accounts(self) -> list[Account]:
        """Every account, revoked ones too, by name."""
        with self._db.transaction() as tx:
            found = tx.run(f"SELECT {ACCOUNT_COLUMNS} FROM app_users ORDER BY name")
        return [account_of(row) for row in found]

    def revoke_user(self, name: str, *, actor: str = "system") -> int:
        """Revoke an account (it can no longer sign in) and end its sessions; return how many
        sessions ended."""
        with self._db.transaction(exclusive=True) as tx:
            now = self._clock()
            found = tx.run(
                "UPDATE app_users SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL"
                " RETURNING id",
                (audit_log.iso(now), name),
            )
            if not found:
                known = tx.run("SELECT revoked_at FROM app_users WHERE name = ?", (name,))
                if known:
                    raise NdpError(f"user {name!r} was already revoked on {known[0][0]}")
                raise NdpError(f"user {name!r} does not exist: see `ndp users list`")
            ended = sessions.end_user_sessions(tx, name, now, self.settings)
            audit_log.append_audit(tx, now, actor, "user_revoked", name, None, {"sessions": ended})
        return ended

    def authenticate(self, name: str, password: str, remote_addr: str | None) -> Principal:
        """The principal for a name and password; ``LoginRefused`` or ``LoginThrottled``."""
        return login.authenticate(
            self._db,
            self._passwords,
            self.settings.throttle,
            self._clock,
            name,
            password,
            remote_addr,
        )

    def upsert_oidc_user(
        self, issuer: str, subject: str, name: str, role: Role, scope: Scope
    ) -> Principal:
        """The account of an OpenID Connect identity, created on first sign-in and given the
        role and scope its latest token maps to; ``LoginRefused`` when it was revoked."""
        with self._db.transaction(exclusive=True) as tx:
            now = self._clock()
            found = tx.run(
                f"SELECT {ACCOUNT_COLUMNS} FROM app_users WHERE issuer = ? AND subject = ?",
                (issuer, subject),
            )
            if not found:
                name = free_name(tx, name)
                return insert_user(tx, name, role, scope, None, now, issuer, issuer, subject)
            account = account_of(found[0])
            before = account.principal
            if account.revoked_at is not None:
                # recorded, then refused once the transaction has committed the record
                detail = {"reason": "revoked", "issuer": issuer}
                audit_log.append_audit(
                    tx, now, before.name, "login_failed", before.name, None, detail
                )
            elif (before.role, before.scope) != (role, scope):
                tx.run(
                    "UPDATE app_users SET role = ?, scope = ? WHERE id = ?",
                    (role, str(scope), before.user_id),
                )
                changed: dict[str, object] = {"role": role, "scope": str(scope)}
                audit_log.append_audit(tx, now, issuer, "user_changed", before.name, None, changed)
        if account.revoked_at is not None:
            raise LoginRefused()
        return Principal(before.user_id, before.name, role, scope)

    # OpenID Connect sign-ins in progress

    def oidc_begin(self, state: str, nonce: str, code_verifier: str) -> None:
        """Record a sign-in sent to the provider, until its callback (at most 10 minutes)."""
        with self._db.transaction() as tx:
            now = self._clock()
            tx.run("DELETE FROM app_oidc_pending WHERE created_at < ?", (now - OIDC_PENDING,))
            tx.run(
                "INSERT INTO app_oidc_pending (state_hash, nonce, code_verifier, created_at)"
                " VALUES (?, ?, ?, ?)",
                (sessions.session_key(state), nonce, code_verifier, now),
            )

    def oidc_take(self, state: str) -> tuple[str, str] | None:
        """The (nonce, code verifier) of a sign-in in progress, once: None when unknown,
        already used or older than 10 minutes."""
        with self._db.transaction() as tx:
            found = tx.run(
                "DELETE FROM app_oidc_pending WHERE state_hash = ?"
                " RETURNING nonce, code_verifier, created_at",
                (sessions.session_key(state),),
            )
            now = self._clock()
        if not found or now - float(found[0][2]) > OIDC_PENDING:
            return None
        return str(found[0][0]), str(found[0][1])

    def now(self) -> float:
        """This database's clock (seconds since the epoch)."""
        return self._clock()

    def transaction(self, exclusive: bool = False) -> AbstractContextManager[Tx]:
        """A transaction on this database, for the tables other layers own (``ndp.workflow``'s
        jobs and uploads): one function's statements commit together or not at all."""
        return self._db.transaction(exclusive=exclusive)

    def audit_in(
        self, tx: Tx, actor: str, action: str, target: str, detail: dict[str, object]
    ) -> None:
        """Append to the audit log inside ``tx`` (opened exclusive), so the record commits with
        the change it records."""
        audit_log.append_audit(tx, self._clock(), actor, action, target, None, detail)

    # sessions

    def create_session(self, principal: Principal) -> str:
        """Start a session for ``principal``; return its id (the cookie's only content)."""
        if principal.user_id is None:
            raise NdpError(f"user {principal.name!r} has no account to start a session for")
        with self._db.transaction() as tx:
            return sessions.start_session(tx, principal.user_id, self._clock())

    def session_principal(self, session_id: str) -> Principal | None:
        """Who a session belongs to; None when unknown, revoked or timed out."""
        with self._db.transaction() as tx:
            return sessions.find_session(tx, session_id, self._clock(), self.settings)

    def revoke_session(self, session_id: str) -> None:
        with self._db.transaction() as tx:
            sessions.end_session(tx, session_id, self._clock())

    def revoke_user_sessions(self, name: str) -> int:
        """End every session of ``name``; return how many."""
        with self._db.transaction() as tx:
            return sessions.end_user_sessions(tx, name, self._clock(), self.settings)

    # audit

    def audit(
        self,
        actor: str,
        action: str,
        target: str,
        remote_addr: str | None = None,
        detail: dict[str, object] | None = None,
    ) -> None:
        """Append a row to the audit log."""
        with self._db.transaction(exclusive=True) as tx:
            audit_log.append_audit(tx, self._clock(), actor, action, target, remote_addr, detail)

    def audit_verify(self) -> audit_log.AuditVerdict:
        return audit_log.verify_audit(self._db)

    def audit_export(self, out: IO[str], since: str | None = None) -> int:
        """Write the log (from ``since``) as JSON Lines; return the rows written."""
        return audit_log.export_audit(self._db, out, since)

    def audit_prune(self, before: str, *, actor: str = "system") -> int:
        """Delete rows older than ``before`` and record a checkpoint; return rows deleted."""
        return audit_log.prune_audit(self._db, before, self._clock(), actor)
