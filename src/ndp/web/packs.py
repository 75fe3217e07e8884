"""The packs the dashboard serves, kept in memory and reloaded when a new build is published.

A pack directly in the folder (``pack-2024-25-Q1.json``) is published; one in its ``drafts/``
folder is that quarter's draft, served under the slug ``2024-25-Q1-draft`` to the roles that
may see drafts only (:mod:`ndp.web.scoping`). The folder is the one source of truth: the
pack's own ``draft`` field (true in every pack the engine builds, false in a published
version's) is set to the folder's verdict as the pack is read, so every page, JSON twin, chart
spec and export made from it says "draft" exactly when readers cannot see it. A pack put in the
folder outside the workflow (``ndp demo``, ``ndp build`` or a copy) is published by file.

The web processes never open the store (DuckDB admits one writer and locks out every other
opener): they read the pack files ``ndp build`` and ``ndp demo`` write (``pack-2024-25-Q1.json``,
replaced whole), and look again, at most once a ``reload_interval``, for a changed file by its
size and modification time; a changed file is read again and known by its content's hash.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
import time
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

PACK_NAME = re.compile(r"^pack-(\d{4}-\d{2})-Q([1-4])\.json$")
DRAFTS = "drafts"
DRAFT_SUFFIX = "-draft"


@dataclass(frozen=True)
class LoadedPack:
    """One pack: its URL slug (``2024-25-Q1``, a draft's ``2024-25-Q1-draft``), label, content
    hash and figures, and whether it is a draft."""

    slug: str
    label: str
    sha256: str
    data: dict[str, Any]
    draft: bool = False

    @property
    def quarter(self) -> str:
        """The quarter's slug, the same for its draft and its published pack (``2024-25-Q1``)."""
        return self.slug.removesuffix(DRAFT_SUFFIX)


class PackShelf:
    """The packs in one folder, newest quarter first; safe to share between threads."""

    def __init__(self, folder: Path, reload_interval: float = 1.0) -> None:
        self.folder = folder
        self.reload_interval = reload_interval
        self._lock = threading.Lock()
        self._seen: dict[Path, tuple[int, int]] = {}
        self._packs: dict[str, LoadedPack] = {}
        self._checked = float("-inf")

    def packs(self, *, drafts: bool = True) -> list[LoadedPack]:
        """Every pack present (without drafts unless ``drafts``), the latest quarter first and
        a quarter's draft before its published pack."""
        self._refresh()
        found = [p for p in self._packs.values() if drafts or not p.draft]
        return sorted(found, key=lambda p: p.slug, reverse=True)

    def get(self, slug: str) -> LoadedPack | None:
        self._refresh()
        return self._packs.get(slug)

    def latest(self, *, drafts: bool = False) -> LoadedPack | None:
        """The latest quarter's pack; with ``drafts``, that quarter's draft if it has one."""
        packs = self.packs(drafts=drafts)
        return packs[0] if packs else None

    def _refresh(self) -> None:
        now = time.monotonic()
        if now - self._checked < self.reload_interval:
            return
        with self._lock:
            if now - self._checked < self.reload_interval:
                return
            found: dict[Path, tuple[int, int]] = {}
            for folder in (self.folder, self.folder / DRAFTS):
                for path in folder.glob("pack-*.json") if folder.is_dir() else []:
                    if PACK_NAME.match(path.name):
                        stat = path.stat()
                        found[path] = (stat.st_size, stat.st_mtime_ns)
            packs = {p.slug: p for p in self._packs.values()}
            for path, mark in found.items():
                if self._seen.get(path) != mark:
                    loaded = read_pack_file(path)
                    packs[loaded.slug] = loaded
            for gone in set(self._seen) - set(found):
                packs.pop(slug_of(gone), None)
            self._seen, self._packs, self._checked = found, packs, time.monotonic()


def is_draft(path: Path) -> bool:
    return path.parent.name == DRAFTS


def slug_of(path: Path) -> str:
    """``pack-2024-25-Q1.json`` -> ``2024-25-Q1``; in ``drafts/``, ``2024-25-Q1-draft``."""
    slug = path.stem.removeprefix("pack-")
    return slug + DRAFT_SUFFIX if is_draft(path) else slug


def read_pack_file(path: Path) -> LoadedPack:
    raw = path.read_bytes()
    data = json.loads(raw, parse_float=Decimal)
    data["draft"] = draft = is_draft(path)  # the folder decides (the module's docstring)
    label, sha = data["period"]["label"], hashlib.sha256(raw).hexdigest()
    return LoadedPack(slug_of(path), label, sha, data, draft)
