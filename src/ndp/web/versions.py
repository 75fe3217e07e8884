"""Which version of a quarter a page shows, and the link to the other: a page built from a
draft says so (the layout's "Draft" banner) and links to the published version when there is
one; a published page links the draft roles to the quarter's draft when there is one. Worked
out for each request (never cached: whether the other version exists changes)."""

from __future__ import annotations

from dataclasses import dataclass

from flask import g, request

from ndp.web.packs import DRAFT_SUFFIX
from ndp.web.projection import ScopedPack
from ndp.web.scoping import sees_drafts
from ndp.web.state import state


@dataclass(frozen=True)
class Version:
    draft: bool
    #: the same page in the quarter's other version (None: there is none, or not for this user)
    other: str | None


def version_of(scoped: ScopedPack) -> Version:
    other = scoped.quarter if scoped.draft else scoped.quarter + DRAFT_SUFFIX
    may = scoped.draft or sees_drafts(g.principal)
    if not may or state().shelf.get(other) is None:
        return Version(scoped.draft, None)
    rest = request.path.removeprefix(f"/{scoped.slug}")
    return Version(scoped.draft, f"/{other}{rest}")
