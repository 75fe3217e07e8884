"""A total and its parts given as a list: "1,847 disruptions ... there were:" then one line each
"15 major disruptions", "123 moderate disruptions", "1,709 minor disruptions".

Judged only when the list follows a line ending in ":", has two or more items of the form
"N <kind> <noun>" sharing one noun, and a figure with that noun ("1,847 disruptions") is stated
in the lead-in line or the two non-blank lines before it (not crossing into another measure).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from ndp.report.check.finding import Finding
from ndp.report.check.nouns import names
from ndp.report.check.numbers import Figure, counts, show
from ndp.report.check.text import context_lines

ITEM = re.compile(
    r"^\s*(?P<n>\d{1,3}(?:,\d{3})+|\d+)\s+(?P<kind>[a-z][a-z-]*)\s+(?P<noun>[a-z][a-z-]*)\b"
)


def check_lists(lines: list[str]) -> Iterator[Finding]:
    for index, line in enumerate(lines):
        if not line.rstrip().endswith(":"):
            continue
        items = _items(lines, index + 1)
        nouns = {m.group("noun").lower() for _, m in items}
        if len(items) < 2 or len(nouns) != 1:
            continue
        noun = nouns.pop()
        total = _total(lines, index, noun)
        if total is None:
            continue
        parts = [m.group("n") for _, m in items]
        added = sum((Decimal(p.replace(",", "")) for p in parts), Decimal(0))
        if added != total.value:
            first = items[0][0] + 1
            yield Finding(
                first,
                f"{total.text} {noun} ... "
                + ", ".join(
                    f"{p} {m.group('kind')}" for p, (_, m) in zip(parts, items, strict=True)
                ),
                f"the listed parts add up to {' + '.join(parts)} = {show(added)}, not {total.text}",
            )


def _items(lines: list[str], start: int) -> list[tuple[int, re.Match[str]]]:
    found: list[tuple[int, re.Match[str]]] = []
    i = start
    while i < len(lines):
        if not lines[i].strip():
            if found:
                break
            i += 1
            continue
        match = ITEM.match(lines[i])
        if not match:
            break
        found.append((i, match))
        i += 1
    return found


def _total(lines: list[str], index: int, noun: str) -> Figure | None:
    for text in [lines[index], *context_lines(lines, index)]:
        matching = [f for f in counts(text) if names(text[f.end :], noun)]
        if matching:
            return matching[-1]
    return None
