"""Writing output files whole or not at all.

A report, a pack or an export is first written beside its target under a temporary name, and
moved into place only when every file of the set has been written. A failure half-way (a full
disk, a crash in the PDF printer, Ctrl-C) leaves the previous files as they were and no
half-written file behind, and a set (the report's four formats) is never a mix of two runs.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Sequence
from pathlib import Path


def partial_path(target: Path) -> Path:
    """The temporary name a file is written under: hidden, in the same folder (so the final
    move is a rename on one file system), keeping the suffix for writers that look at it."""
    return target.with_name(f".{target.stem}.partial-{os.getpid()}{target.suffix}")


@contextlib.contextmanager
def replacing(targets: Sequence[Path]) -> Iterator[list[Path]]:
    """Temporary paths to write ``targets`` to; when the block ends without an error each is
    moved onto its target, otherwise every temporary file is removed and no target changes."""
    partials = [partial_path(t) for t in targets]
    for path in {t.parent for t in targets}:
        path.mkdir(parents=True, exist_ok=True)
    try:
        yield partials
        missing = [str(p) for p, t in zip(partials, targets, strict=True) if not p.exists()]
        if missing:
            raise RuntimeError(f"a writer did not write {', '.join(missing)}")
        for partial, target in zip(partials, targets, strict=True):
            os.replace(partial, target)
    finally:
        for partial in partials:
            partial.unlink(missing_ok=True)


def write_text(target: Path, text: str) -> Path:
    """``target`` with ``text`` (UTF-8), written whole or not at all."""
    with replacing([target]) as (partial,):
        partial.write_text(text, encoding="utf-8")
    return target
