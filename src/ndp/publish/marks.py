"""The pack a version's outputs are written from: the draft's figures with the publication's
marks, ``draft`` cleared and, in a revision, the ``revisions`` block: each figure that differs
from the previous version, with its previous value (docs/publishing.md, "Revisions")."""

from __future__ import annotations

from typing import Any

from ndp.publish.figures import changes


def revisions(
    previous: dict[str, Any], pack: dict[str, Any], previous_version: int, reason: str
) -> list[dict[str, Any]]:
    """Each figure of ``pack`` that differs from the ``previous`` version's pack."""
    return [
        {
            "indicator": c.indicator,
            "area": c.area,
            "value": c.new,
            "previous_value": c.old,
            "previous_version": previous_version,
            "reason": reason,
        }
        for c in changes(previous, pack)
    ]


def published_pack(
    pack: dict[str, Any],
    previous: tuple[int, dict[str, Any]] | None = None,
    reason: str | None = None,
) -> dict[str, Any]:
    """``pack`` as published: not a draft and, with the ``previous`` version (its number and
    pack), carrying what changed since it and why. ``pack`` is left as it is."""
    marked = {**pack, "draft": False, "revisions": []}
    if previous is not None:
        number, before = previous
        marked["revisions"] = revisions(before, pack, number, reason or "")
    return marked
