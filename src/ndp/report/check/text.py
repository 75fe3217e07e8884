"""Report text into numbered lines and sentences: the unit every check reads."""

from __future__ import annotations

import re
from dataclasses import dataclass

#: A measure's identifier opening a paragraph ("E1b ...", "F2 ..."): a new subject begins there.
MEASURE_ID = re.compile(r"^\s*(?P<id>[A-Z]{1,2}\d{1,2}[a-z]?)\b")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(£\d-])")
_MARKDOWN = re.compile(r"\*\*|__|`|^[ \t]*#+[ \t]*|^[ \t]*[-*+][ \t]+(?=\S)", re.MULTILINE)


@dataclass(frozen=True)
class Sentence:
    """One sentence, with the 1-based line it is on and its offset in that line."""

    line: int
    start: int
    text: str


def strip_markdown(text: str) -> str:
    """Drop emphasis, code ticks, heading hashes and list bullets; keep every line."""
    return _MARKDOWN.sub("", text)


def sentences(line_no: int, line: str) -> list[Sentence]:
    out = []
    position = 0
    for piece in _SENTENCE_END.split(line):
        start = line.find(piece, position)
        position = start + len(piece)
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            out.append(Sentence(line_no, start + lead, piece.strip()))
    return out


def context_lines(lines: list[str], index: int, *, back: int = 2) -> list[str]:
    """The current line and up to ``back`` earlier non-blank lines of the same subject.

    A line that opens with another measure's identifier ends the look-back, so a figure from
    one measure is never taken as the base of another's statement.
    """
    found: list[str] = []
    i = index - 1
    while i >= 0 and len(found) < back:
        line = lines[i]
        if line.strip():
            found.append(line)
            if MEASURE_ID.match(line):
                break
        i -= 1
    if MEASURE_ID.match(lines[index]):
        found = []
    return found
