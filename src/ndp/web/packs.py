"""The packs the dashboard serves, kept in memory and reloaded when a new build is published.

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


@dataclass(frozen=True)
class LoadedPack:
    """One published pack: its URL slug (``2024-25-Q1``), label, content hash and figures."""

    slug: str
    label: str
    sha256: str
    data: dict[str, Any]


class PackShelf:
    """The packs in one folder, newest quarter first; safe to share between threads."""

    def __init__(self, folder: Path, reload_interval: float = 1.0) -> None:
        self.folder = folder
        self.reload_interval = reload_interval
        self._lock = threading.Lock()
        self._seen: dict[Path, tuple[int, int]] = {}
        self._packs: dict[str, LoadedPack] = {}
        self._checked = float("-inf")

    def packs(self) -> list[LoadedPack]:
        """Every pack present, the latest quarter first."""
        self._refresh()
        return sorted(self._packs.values(), key=lambda p: p.slug, reverse=True)

    def get(self, slug: str) -> LoadedPack | None:
        self._refresh()
        return self._packs.get(slug)

    def latest(self) -> LoadedPack | None:
        packs = self.packs()
        return packs[0] if packs else None

    def _refresh(self) -> None:
        now = time.monotonic()
        if now - self._checked < self.reload_interval:
            return
        with self._lock:
            if now - self._checked < self.reload_interval:
                return
            found: dict[Path, tuple[int, int]] = {}
            for path in self.folder.glob("pack-*.json") if self.folder.is_dir() else []:
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


def slug_of(path: Path) -> str:
    """``pack-2024-25-Q1.json`` -> ``2024-25-Q1``."""
    return path.stem.removeprefix("pack-")


def read_pack_file(path: Path) -> LoadedPack:
    raw = path.read_bytes()
    data = json.loads(raw, parse_float=Decimal)
    return LoadedPack(slug_of(path), data["period"]["label"], hashlib.sha256(raw).hexdigest(), data)
