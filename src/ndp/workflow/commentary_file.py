"""The commentary YAML beside the packs, as ``ndp report --commentary`` reads it
(docs/commentary.md): where it is, what it holds, and writing it whole.

The dashboard writes ``PACKS/commentary-<slug>.yaml``. Before it has, the quarter's text may be in
that file written by hand or in the ``commentary.yaml`` that ``ndp demo`` writes; either is read
(if it is the quarter's) so its entries become the first versions. A file's ``spc_steps`` are the
engine's, not commentary: they are carried over unchanged into every file written.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ndp.errors import NdpError
from ndp.files import replacing
from ndp.report.commentary import LOADER, read_commentary
from ndp.workflow.commentary_versions import Entry

log = logging.getLogger(__name__)
DEMO_FILE = "commentary.yaml"


@dataclass(frozen=True)
class QuarterCommentary:
    """One quarter's commentary file: the packs folder, the quarter's slug (``2024-25-Q1``) and
    its pack (``period``, ``measures`` and ``indicators`` are all that is read)."""

    packs: Path
    slug: str
    pack: dict[str, Any]

    @property
    def path(self) -> Path:
        """The file the dashboard writes."""
        return self.packs / f"commentary-{self.slug}.yaml"

    @property
    def period(self) -> str:
        return str(self.pack["period"]["label"])

    def source(self) -> Path | None:
        """The file that holds the quarter's commentary now, if any."""
        for path in (self.path, self.packs / DEMO_FILE):
            if path.is_file():
                return path
        return None


@dataclass(frozen=True)
class FileContent:
    entries: dict[Entry, str]
    spc_steps: Any = None


def read_file(quarter: QuarterCommentary) -> FileContent:
    """The entries (and SPC steps) of the quarter's file, checked as ``ndp report`` checks them.

    The dashboard's own file must read: a mistake made in it by hand is refused with the file's
    own message rather than overwritten. ``commentary.yaml`` is only ``ndp demo``'s starting
    point, so one for another quarter (or with a mistake) is passed over."""
    path = quarter.source()
    if path is None:
        return FileContent({})
    try:
        by_measure = read_commentary(path, quarter.pack)
    except NdpError as error:
        if path == quarter.path:
            raise NdpError(
                f"{error}. The dashboard saves into this file: correct it (or move it away) "
                "and try again"
            ) from None
        log.info("%s not imported: %s", path, error)
        return FileContent({})
    entries = {
        Entry("summary" if c.summary else "commentary", c.about): c.markdown
        for comments in by_measure.values()
        for c in comments
    }
    raw = yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER) if path.is_file() else None
    return FileContent(entries, raw.get("spc_steps") if isinstance(raw, dict) else None)


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Markdown of several lines as a literal block (``|``), as people write the file."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def entry_order(pack: dict[str, Any]) -> list[str]:
    """Ids in the framework's order: each measure, then its indicators."""
    order: list[str] = []
    for measure_id, measure in pack["measures"].items():
        order += [measure_id, *measure.get("indicators", [])]
    return order


def file_text(quarter: QuarterCommentary, entries: dict[Entry, str], spc_steps: Any) -> str:
    """The YAML ``ndp report --commentary`` reads, entries in the framework's order."""
    rank = {about: i for i, about in enumerate(entry_order(quarter.pack))}

    def part(name: str) -> dict[str, str]:
        found = [(e.about, text) for e, text in entries.items() if e.part == name]
        return dict(sorted(found, key=lambda item: (rank.get(item[0], len(rank)), item[0])))

    data: dict[str, Any] = {"period": quarter.period, "commentary": part("commentary")}
    if part("summary"):
        data["summary"] = part("summary")
    if spc_steps is not None:
        data["spc_steps"] = spc_steps
    header = (
        f"# The analysts' commentary for {quarter.period}, saved by the dashboard (ndp serve),\n"
        "# which keeps every version. It reads this file before each save: a change made here\n"
        '# becomes a new version by "file". Format: docs/commentary.md.\n'
    )
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    return header + body


def write_file(quarter: QuarterCommentary, entries: dict[Entry, str], spc_steps: Any) -> None:
    """Write the quarter's file whole (``ndp.files``), read back as ``ndp report`` reads it
    before it replaces the old one: a file the CLI would refuse is never put in place."""
    text = file_text(quarter, entries, spc_steps)
    with replacing([quarter.path]) as (partial,):
        partial.write_text(text, encoding="utf-8")
        read_commentary(partial, quarter.pack)
