"""Running the dashboard: the first admin on first run, then gunicorn's sync workers (one per
core in production: pages are CPU-bound, and sync workers kept p95 lowest on these machines)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ndp.web.settings import Settings

if TYPE_CHECKING:
    from ndp.workflow.writer import Writer


@dataclass(frozen=True)
class FirstAdmin:
    name: str
    password: str


def prepare(settings: Settings) -> FirstAdmin | None:
    """Create the app database if needed; the first admin's name and password when it made one.
    With a store the packs folder is made too: the writer writes the quarters' drafts into it,
    so the walk-through starts from nothing but the extracts."""
    from ndp.appdb import AppDB

    if settings.store is not None:
        settings.packs.mkdir(parents=True, exist_ok=True)
    db = AppDB.open(settings.app_db_location)
    try:
        made = db.ensure_first_admin()
    finally:
        db.close()
    return FirstAdmin(*made) if made else None


def start_writer(settings: Settings) -> Writer | None:
    """With a store, the one writer on a thread of this (the main) process, before gunicorn
    forks its workers (a fork copies only the thread that forks, so no worker runs it)."""
    if settings.store is None:
        return None
    from ndp.workflow.writer import Writer, WriterSettings

    writer = Writer(WriterSettings(settings.store, settings.app_db_location, settings.packs,
                                   settings.published))  # fmt: skip
    writer.start()
    return writer


def run_server(settings: Settings, host: str, port: int, workers: int) -> None:
    """Serve until interrupted: gunicorn, ``workers`` sync processes, access log on stderr;
    with a store, the writer runs on a thread beside gunicorn's arbiter."""
    from gunicorn.app.base import BaseApplication  # type: ignore[import-untyped]

    from ndp.web import create_app
    from ndp.web.warm import warm_chart_shapes

    warm_chart_shapes(settings.packs)  # in the arbiter, so every forked worker has them
    writer = start_writer(settings)

    class _Server(BaseApplication):
        def load_config(self) -> None:
            options: dict[str, Any] = {
                "bind": f"{host}:{port}", "workers": workers, "worker_class": "sync",
                "accesslog": "-", "timeout": 60, "graceful_timeout": 5,
            }  # fmt: skip
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            return create_app(settings)

    try:
        _Server().run()
    finally:
        if writer is not None:
            writer.stop()
