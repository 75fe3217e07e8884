"""``ndp diff``: what changed between two published versions of a quarter."""

from __future__ import annotations

from pathlib import Path

from ndp.publish.figures import Change, changes
from ndp.publish.versions import version, versions


def diff_versions(
    root: Path, label: str, old: int | None = None, new: int | None = None
) -> tuple[int, int, list[Change]]:
    """The changed figures from version ``old`` to ``new`` (default: the latest two, or the
    only one against itself); returns the two version numbers and the changes."""
    found = versions(root, label)
    newer = version(root, label, new)
    if old is None:
        before = [v for v in found if v.version < newer.version]
        older = before[-1] if before else newer
    else:
        older = version(root, label, old)
    return older.version, newer.version, changes(older.pack(root), newer.pack(root))
