"""The dashboard's settings: where the packs are, where the app database is, and how cookies go.

Every setting has a default that works on a developer's machine with nothing set up: packs from
``out/`` (where ``ndp demo`` and ``ndp build`` write them) and the app database beside them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_PACKS = Path("out")
APP_DB_NAME = "ndp-app.sqlite"


@dataclass(frozen=True)
class Settings:
    """What ``create_app`` needs; ``ndp serve`` fills it from its options and the environment."""

    packs: Path = DEFAULT_PACKS
    #: a SQLite file path or a postgresql:// URL (None: ``ndp-app.sqlite`` beside the packs)
    app_db: str | None = None
    #: seconds between checks for a newly published pack
    reload_interval: float = 1.0
    #: page bodies kept per process, keyed by (pack hash, scope, role, URL)
    page_cache_size: int = 512
    #: reverse proxies in front that set X-Forwarded-For and -Proto (0: none; nginx: 1)
    proxies: int = 0
    #: an OpenID Connect provider's settings (YAML, docs/dashboard.md); None: local accounts only
    oidc: Path | None = None
    #: the store the writer loads into (``--db``); None: the workflow pages say one is needed
    #: and no writer runs
    store: str | None = None
    #: where publishing writes the immutable versions (as ``ndp publish``)
    published: Path = Path("published")
    #: the largest extract file an upload accepts, in bytes
    upload_max_bytes: int = 50 * 1024 * 1024

    @property
    def app_db_location(self) -> str:
        return self.app_db or str(self.packs / APP_DB_NAME)

    @classmethod
    def from_env(cls) -> Settings:
        """Settings for a WSGI server started on its own (``gunicorn 'ndp.web.wsgi:app'``):
        ``NDP_PACKS``, ``NDP_APP_DB``, ``NDP_PROXIES``, ``NDP_OIDC``, ``NDP_DB`` (the store
        jobs are queued for; its writer runs as ``ndp worker``) and ``NDP_PUBLISHED``."""
        return cls(
            packs=Path(os.environ.get("NDP_PACKS", str(DEFAULT_PACKS))),
            app_db=os.environ.get("NDP_APP_DB") or None,
            proxies=int(os.environ.get("NDP_PROXIES", "0")),
            oidc=Path(os.environ["NDP_OIDC"]) if os.environ.get("NDP_OIDC") else None,
            store=os.environ.get("NDP_DB") or None,
            published=Path(os.environ.get("NDP_PUBLISHED", "published")),
        )
