"""``ndp reproduce``: rebuild a published version from its kept extracts and framework in a
temporary store, and compare the pack hash with the one published."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ndp.periods import Quarter
from ndp.publish.draft import build_draft
from ndp.publish.figures import first_difference
from ndp.publish.hashing import hashed_part
from ndp.publish.layout import Layout
from ndp.publish.versions import version


@dataclass(frozen=True)
class Reproduced:
    period: str
    version: int
    published_hash: str
    rebuilt_hash: str
    difference: tuple[str, object, object] | None  # (where, published, rebuilt)

    @property
    def matches(self) -> bool:
        return self.published_hash == self.rebuilt_hash


def reproduce(root: Path, label: str, number: int | None = None) -> Reproduced:
    """Rebuild version ``number`` (the latest if None) of quarter ``label``."""
    from ndp.load import load_files
    from ndp.store import open_store

    v = version(root, label, number)
    layout, m = Layout(root), v.manifest
    with tempfile.TemporaryDirectory(prefix="ndp-reproduce-") as tmp:
        work = Path(tmp)
        extracts = [
            _copy(layout.files(e["sha256"]), work / "extracts" / str(i) / e["name"])
            for i, e in enumerate(m["extracts"])
        ]
        fw = _copy(layout.files(m["framework"]["sha256"]), work / m["framework"]["name"])
        comm = m.get("commentary")
        commentary = _copy(layout.files(comm["sha256"]), work / comm["name"]) if comm else None
        with open_store(str(work / "store.duckdb")) as store:
            load_files(store, extracts, username="ndp reproduce")
            draft = build_draft(
                store, Quarter.parse(label), framework_path=fw, commentary=commentary
            )
    difference = None
    if draft.pack_hash != v.pack_hash:
        difference = first_difference(hashed_part(v.pack(root)), hashed_part(draft.pack))
    return Reproduced(label, v.version, v.pack_hash, draft.pack_hash, difference)


def _copy(source: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return target
