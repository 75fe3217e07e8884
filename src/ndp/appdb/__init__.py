"""The dashboard's app database: accounts, sign-in, sessions and the audit log.

A plain library (no web framework): ``ndp.web`` and the ``ndp users`` and ``ndp audit``
commands use it through ``AppDB``. See docs/dashboard.md.
"""

from __future__ import annotations

from ndp.appdb.appdb import AppDB
from ndp.appdb.audit import AuditVerdict
from ndp.appdb.model import (
    ROLES,
    LoginRefused,
    LoginThrottled,
    Principal,
    Role,
    Scope,
    parse_role,
    parse_scope,
)
from ndp.appdb.settings import AppSettings, Argon2Params, Throttle
from ndp.appdb.users import Account

__all__ = [
    "ROLES",
    "Account",
    "AppDB",
    "AppSettings",
    "Argon2Params",
    "AuditVerdict",
    "LoginRefused",
    "LoginThrottled",
    "Principal",
    "Role",
    "Scope",
    "Throttle",
    "parse_role",
    "parse_scope",
]
