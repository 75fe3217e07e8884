"""What a job's handler is given: where things are, and how to say what it is doing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ndp.appdb import AppDB
    from ndp.workflow.jobs import Job


#: the commentary file ``ndp demo`` writes beside its packs
DEMO_COMMENTARY = "commentary.yaml"


@dataclass(frozen=True)
class WriterContext:
    """The writer's settings as one job sees them.

    ``store`` is the store's location (as ``--db``), ``packs`` the dashboard's packs folder
    (drafts go to ``packs/drafts``, uploads are kept in ``packs/uploads``), ``published`` the
    folder of published versions, ``progress`` sets the text the job's page shows, and
    ``app_db`` is the writer's own connection to the app database."""

    store: str
    published: Path
    packs: Path
    progress: Callable[[str], None]
    app_db: AppDB

    @property
    def drafts(self) -> Path:
        return self.packs / "drafts"

    @property
    def uploads(self) -> Path:
        return self.packs / "uploads"

    def commentary(self, slug: str) -> Path | None:
        """The quarter's commentary file beside the packs (the dashboard's, else the demo's):
        drafts and publications are built with the same file, so their hashes agree when it
        declares SPC step changes."""
        for path in (self.packs / f"commentary-{slug}.yaml", self.packs / DEMO_COMMENTARY):
            if path.is_file():
                return path
        return None


#: a job's handler: does the work and returns the job's result (a JSON object); raising
#: ``NdpError`` fails the job with the error's message
Handler = Callable[["Job", WriterContext], dict[str, Any]]
