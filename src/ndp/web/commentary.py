"""The analysts' commentary beside the packs (``commentary-2024-25-Q1.yaml``, or the
``commentary.yaml`` that ``ndp demo`` writes), shown on the national indicator pages: to a
region or force user only the comments that name no force outside their scope
(:mod:`ndp.web.commentary_scope`), since it is free text. Its Markdown is rendered with raw HTML
off, so any markup in it is shown as text."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from ndp.errors import NdpError
from ndp.report.commentary import Comment, read_commentary
from ndp.web.commentary_scope import readable
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


@dataclass(frozen=True)
class Commentary:
    #: the HTML of each comment the scope may read
    shown: list[str] = field(default_factory=list)
    #: how many comments were withheld from the scope
    withheld: int = 0


def commentary_for(packs: Path, scoped: ScopedPack, indicator: str) -> Commentary:
    """The comments on the indicator or its measure that the scope may read."""
    path = commentary_file(packs, scoped.quarter)
    if path is None:
        return Commentary()
    key = (path, commentary_stamp(packs, scoped.quarter), scoped.sha256)
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
    about = [c for c in _read[key].get(measure, []) if c.about in (measure, indicator)]
    shown = [c.html for c in about if not c.summary and readable(scoped, c.markdown)]
    return Commentary(shown, len([c for c in about if not c.summary]) - len(shown))
