"""The analysts' commentary beside the packs (``commentary-2024-25-Q1.yaml``, or the
``commentary.yaml`` that ``ndp demo`` writes), shown on the national scope's indicator pages
only: it is free text and may name a force. Its Markdown is rendered with raw HTML off, so any
markup in it is shown as text."""

from __future__ import annotations

import logging
from pathlib import Path

from ndp.errors import NdpError
from ndp.report.commentary import Comment, read_commentary
from ndp.web.projection import ScopedPack

log = logging.getLogger(__name__)
_read: dict[tuple[Path, str, str], dict[str, list[Comment]]] = {}
_KEEP = 32


def commentary_file(packs: Path, slug: str) -> Path | None:
    for name in (f"commentary-{slug}.yaml", "commentary.yaml"):
        if (packs / name).is_file():
            return packs / name
    return None


def commentary_stamp(packs: Path, slug: str) -> str:
    """Which version of the quarter's commentary file is there now ("" when none): its name,
    size, modification time and inode. Every save replaces the file (a new inode), so a page
    cached with the old text is never served after it, in any worker process."""
    path = commentary_file(packs, slug)
    if path is None:
        return ""
    try:
        found = path.stat()
    except FileNotFoundError:  # replaced between the look and the stat: the next request sees it
        return ":gone"
    return f":{path.name}:{found.st_size}:{found.st_mtime_ns}:{found.st_ino}"


def commentary_for(packs: Path, scoped: ScopedPack, indicator: str) -> list[str]:
    """The HTML of each comment on the indicator or its measure."""
    path = commentary_file(packs, scoped.quarter)
    if path is None:
        return []
    key = (path, commentary_stamp(packs, scoped.slug), scoped.sha256)
    if key not in _read:
        if len(_read) >= _KEEP:  # every save is a new key: keep the few files in use, not all
            _read.clear()
        try:
            pack = {"period": scoped.period, "indicators": scoped.indicators,
                    "measures": scoped.measures, "objectives": scoped.objectives}  # fmt: skip
            _read[key] = read_commentary(path, pack)
        except NdpError as error:  # another quarter's file, or one with a mistake: not shown
            log.warning("commentary not shown: %s", error)
            _read[key] = {}
    measure = scoped.indicators[indicator]["measure"]
    return [
        c.html
        for c in _read[key].get(measure, [])
        if c.about in (measure, indicator) and not c.summary
    ]
