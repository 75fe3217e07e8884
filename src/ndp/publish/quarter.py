"""The entry points the CLI and the dashboard call: a quarter's store location and period in,
a result with enough for an audit line out."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from ndp.periods import Quarter
from ndp.publish.draft import Draft, build_draft
from ndp.publish.publish import Published, publish
from ndp.publish.signoff import SignOff, sign_off


def _draft(db: str, period: str, framework: Path | None, commentary: Path | None) -> Draft:
    from ndp.store import open_store

    with open_store(db) as store:
        return build_draft(
            store, Quarter.parse(period), framework_path=framework, commentary=commentary
        )


def sign_off_quarter(
    db: str,
    period: str,
    root: Path,
    by: str,
    role: str,
    *,
    prepared_by: str | None = None,
    framework: Path | None = None,
    commentary: Path | None = None,
) -> SignOff:
    """Build ``period``'s draft from the store at ``db`` and record ``by``'s sign-off of it."""
    return sign_off(
        root, _draft(db, period, framework, commentary), by, role, prepared_by=prepared_by
    )


def publish_quarter(
    db: str,
    period: str,
    root: Path,
    by: str,
    *,
    reason: str | None = None,
    framework: Path | None = None,
    commentary: Path | None = None,
    forces: Sequence[str] | None = None,
    progress: Callable[[str], None] | None = None,
) -> Published:
    """Build ``period``'s draft from the store at ``db`` and publish it under ``root`` (with
    ``forces``, only those force editions; ``progress`` told each step: see
    ``ndp.publish.publish.publish``)."""
    draft = _draft(db, period, framework, commentary)
    return publish(root, draft, by, reason=reason, forces=forces, progress=progress)
