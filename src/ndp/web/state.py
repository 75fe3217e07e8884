"""What one dashboard process holds: its settings, the packs in memory, the page cache, and its
own connection to the app database (opened in each worker process on first use, never shared
across a fork)."""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from flask import current_app

from ndp.web.cache import PageCache
from ndp.web.packs import PackShelf
from ndp.web.settings import Settings

if TYPE_CHECKING:
    from ndp.appdb import AppDB


@dataclass
class WebState:
    settings: Settings
    shelf: PackShelf
    cache: PageCache
    _db: AppDB | None = None
    _pid: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def appdb(self) -> AppDB:
        from ndp.appdb import AppDB

        with self._lock:
            if self._db is None or self._pid != os.getpid():
                self._db = AppDB.open(self.settings.app_db_location)
                self._pid = os.getpid()
            return self._db


def state() -> WebState:
    found: WebState = current_app.extensions["ndp"]
    return found
