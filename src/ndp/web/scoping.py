"""The principal's projection of a period's pack, made once per (pack hash, scope) and process.
Deny by default: a role the dashboard does not know, or a scope the projection refuses, sees no
pack at all (every page answers 404). A draft is seen by the roles in ``DRAFT_ROLES`` only: to
anyone else its URLs answer 404, as a quarter that does not exist does."""

from __future__ import annotations

import threading
from typing import Any

from ndp.web.projection import ScopedPack, project
from ndp.web.state import state

#: roles that may read pages (all of them, today); any other role sees nothing
READER_ROLES = frozenset({"viewer", "analyst", "approver", "admin"})
#: roles that may see a quarter's draft (docs/dashboard.md, "The analyst's quarter")
DRAFT_ROLES = frozenset({"analyst", "approver", "admin"})
_made: dict[tuple[str, str, str], ScopedPack | None] = {}
_lock = threading.Lock()
_MAX = 256


def scoped_for(period: str, principal: Any) -> ScopedPack | None:
    if principal is None or principal.role not in READER_ROLES:
        return None
    pack = state().shelf.get(period)
    if pack is None or (pack.draft and not sees_drafts(principal)):
        return None
    key = (pack.slug, pack.sha256, str(principal.scope))
    with _lock:
        if key in _made:
            return _made[key]
    scoped = project(pack, principal.scope)
    with _lock:
        if len(_made) >= _MAX:
            _made.clear()
        _made[key] = scoped
    return scoped


def sees_drafts(principal: Any) -> bool:
    return principal is not None and principal.role in DRAFT_ROLES
