"""The quarter's state at a glance, for the analyst's quarter page: which sources have arrived
(from whom, when, rows, rows refused), what the contract still expects, forces' returns (by
name), the draft's data-quality flags, its sign-off, what readers see (a published version, or
a pack put in the packs folder by file), the published versions and the quarter's uploads.

Read from the draft pack (or, without one, the published pack), the publications folder and
the app database; never from the store, which only the writer opens."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ndp.appdb import AppDB
from ndp.contract import contract
from ndp.publish.layout import read_json
from ndp.publish.signoff import SignOff, preparer_of, signoff_for
from ndp.publish.versions import Version, versions
from ndp.workflow.drafts import read_draft
from ndp.workflow.quarter_uploads import QuarterUploads, Upload, quarter_uploads

#: what readers see of the quarter: its pack in the packs folder is a published version's
#: (written by publishing), or was put there by file (``ndp demo``, ``ndp build`` or a copy)
READERS_SEE_VERSION = "version"
READERS_SEE_FILE = "file"


@dataclass(frozen=True)
class Arrival:
    source: str
    file: str
    rows: int
    #: rows refused by a partial load and still in quarantine (None: the pack does not say)
    refused: int | None
    loaded_by: str | None
    loaded_at: str | None


@dataclass(frozen=True)
class Measure:
    """A measure whose commentary the analyst writes: its id (``E1a``) and title."""

    id: str
    title: str


@dataclass(frozen=True)
class QuarterState:
    slug: str
    label: str
    #: the draft's pack hash (None: the quarter has no draft)
    draft_hash: str | None
    prepared_by: str | None
    arrived: list[Arrival]
    #: the contract's sources with no file loaded yet
    expected: list[str]
    refused_rows: int
    #: expected and on_time (counts), late and missing (force names)
    returns: dict[str, Any]
    flags: list[dict[str, Any]]
    signoff: SignOff | None
    versions: list[Version]
    #: READERS_SEE_VERSION, READERS_SEE_FILE, or None: readers see nothing of the quarter
    readers_see: str | None = None
    uploads: list[Upload] = field(default_factory=list)
    #: uploads whose load named no quarter (not in ``uploads``)
    uploads_unnamed: int = 0
    #: the pack's measures, in the framework's order: the commentary to write
    measures: list[Measure] = field(default_factory=list)


def arrivals(pack: dict[str, Any]) -> list[Arrival]:
    """Each extract in the pack's provenance, with who loaded it and when."""
    loads = {ld.get("load_id"): ld for ld in pack.get("data_quality", {}).get("loads", [])}
    found = []
    for f in pack.get("provenance", {}).get("files", []):
        load = loads.get(f.get("load_id"), {})
        refused = f.get("quarantined")
        found.append(Arrival(str(f.get("source")), Path(str(f.get("path"))).name,
                             int(f.get("rows") or 0), None if refused is None else int(refused),
                             load.get("username"), load.get("finished_at")))  # fmt: skip
    return found


def returns_by_name(pack: dict[str, Any]) -> dict[str, Any]:
    """The forces' returns with the late and missing forces by name, as the data-quality page
    shows them (a code the pack does not name stays a code)."""
    returns = (pack.get("data_quality") or {}).get("returns") or {}
    forces = (pack.get("geographies") or {}).get("forces") or {}

    def names(codes: list[str]) -> list[str]:
        return [str(forces.get(c, {}).get("name", c)) for c in codes]

    return {"expected": returns.get("expected"), "on_time": returns.get("on_time"),
            "late": names(returns.get("late") or []),
            "missing": names(returns.get("missing") or [])}  # fmt: skip


def readers_see(pack_file: Path, published: list[Version],
                pack: dict[str, Any] | None = None) -> str | None:  # fmt: skip
    """What the quarter's readers see: a published version's pack (written by publishing, so
    ``draft`` false), a pack put in the packs folder by file, or nothing. ``pack`` is the
    file's content when already read."""
    if pack is None and not pack_file.is_file():
        return None
    if published:
        shown = pack if pack is not None else json.loads(pack_file.read_bytes())
        if shown.get("draft") is False:
            return READERS_SEE_VERSION
    return READERS_SEE_FILE


def quarter_state(packs: Path, published: Path, slug: str, db: AppDB | None = None
                  ) -> QuarterState | None:  # fmt: skip
    """The quarter's state; None when it has neither a draft nor a published pack."""
    draft = read_draft(packs, slug)
    pack_file = packs / f"pack-{slug}.json"
    if draft is not None:
        pack = draft.draft.pack
    elif pack_file.is_file():
        pack = read_json(pack_file)
    else:
        return None
    label = str(pack["period"]["label"])
    arrived = arrivals(pack)
    seen = {a.source for a in arrived}
    dq = pack.get("data_quality", {})
    done = versions(published, label)
    uploads = quarter_uploads(db, slug) if db is not None else QuarterUploads([], 0)
    return QuarterState(
        slug=slug,
        label=label,
        draft_hash=draft.pack_hash if draft else None,
        prepared_by=preparer_of(pack),
        arrived=arrived,
        expected=[s for s in contract().sources if s not in seen],
        refused_rows=int((dq.get("quarantine") or {}).get("rows") or 0),
        returns=returns_by_name(pack),
        flags=list(dq.get("flags") or []),
        signoff=signoff_for(published, label, draft.pack_hash) if draft else None,
        versions=done,
        readers_see=readers_see(pack_file, done, None if draft else pack),
        uploads=uploads.uploads,
        uploads_unnamed=uploads.unnamed,
        measures=measures_of(pack),
    )


def measures_of(pack: dict[str, Any]) -> list[Measure]:
    """The pack's measures by id and title, in the framework's order."""
    found = (pack.get("measures") or {}).items()
    return [Measure(str(k), str(m.get("title", k))) for k, m in found]
