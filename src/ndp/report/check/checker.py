"""Check a report's text: its own arithmetic, and with a pack, its figures against the pack."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ndp.report.check.against_pack import check_against_pack, load_pack
from ndp.report.check.arithmetic import check_arithmetic
from ndp.report.check.extract import read_lines
from ndp.report.check.finding import Finding
from ndp.report.check.lists import check_lists
from ndp.report.check.text import strip_markdown


def check_text(text: str, *, pack: dict[str, Any] | None = None) -> list[Finding]:
    """Problems in plain or Markdown text, one per faulty statement, in line order."""
    lines = strip_markdown(text).splitlines()
    return check_lines(lines, pack=pack)


def check_lines(lines: list[str], *, pack: dict[str, Any] | None = None) -> list[Finding]:
    findings = set(check_arithmetic(lines))
    findings.update(check_lists(lines))
    if pack is not None:
        findings.update(check_against_pack(lines, pack))
    return sorted(findings)


def check_file(path: str | Path, pack_path: str | Path | None = None) -> list[Finding]:
    """Read a report (text, Markdown, HTML, PDF or DOCX) and check it."""
    pack = None
    if pack_path is not None:
        pack = load_pack(Path(pack_path))
    return check_lines(read_lines(Path(path)), pack=pack)
