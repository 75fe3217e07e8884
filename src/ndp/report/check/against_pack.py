"""Figures in the text that name an indicator, checked against the pack.

Only figures that can be tied to one indicator without guessing are checked (docs/check.md):
a paragraph that opens with a measure's identifier ("E1b ...") is about that measure, and
within it "a total of N <noun>" or "N <noun>" with the indicator's own noun is its value, and
"N <name>" with a breakdown value's name ("42 major") is that breakdown's figure.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from ndp.errors import NdpError
from ndp.report.check.finding import Finding
from ndp.report.check.nouns import names
from ndp.report.check.numbers import counts, show
from ndp.report.check.text import MEASURE_ID, sentences


def load_pack(path: Path) -> dict[str, Any]:
    try:
        pack = json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
    except FileNotFoundError:
        raise NdpError(f"{path}: no such pack file; build one with `ndp build`") from None
    except json.JSONDecodeError as error:
        raise NdpError(f"{path}: not a JSON pack (line {error.lineno}: {error.msg})") from None
    if not isinstance(pack, dict) or "indicators" not in pack:
        raise NdpError(f"{path}: not a measures pack (no 'indicators'); give a pack from ndp build")
    return pack


def check_against_pack(lines: list[str], pack: dict[str, Any]) -> Iterator[Finding]:
    indicators = _by_measure(pack)
    measure: str | None = None
    for index, line in enumerate(lines):
        opening = MEASURE_ID.match(line)
        if opening:
            measure = opening.group("id")
        if not measure or measure not in indicators:
            continue
        for sentence in sentences(index + 1, line):
            for figure in counts(sentence.text):
                for indicator in indicators[measure]:
                    finding = _compare(sentence.line, sentence.text, figure, indicator)
                    if finding:
                        yield finding


def _by_measure(pack: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = {}
    for key, indicator in (pack.get("indicators") or {}).items():
        if isinstance(indicator, dict) and indicator.get("measure"):
            grouped.setdefault(indicator["measure"], []).append({"id": key, **indicator})
    return grouped


def _compare(line: int, text: str, figure: Any, indicator: dict[str, Any]) -> Finding | None:
    """The pack's figure for the word after ``figure``, if that word names one."""
    noun = str(indicator.get("noun") or "").lower()
    word = figure.noun.lower()
    expected: Any = None
    what = ""
    if noun and word and names(text[figure.end :], noun) and _is_total(text, figure):
        expected, what = indicator.get("value"), f"{indicator['id']} value"
    else:
        for name, values in (indicator.get("breakdown") or {}).items():
            if isinstance(values, dict) and word in {str(k).lower() for k in values}:
                key = next(k for k in values if str(k).lower() == word)
                expected, what = values[key], f"{indicator['id']} {name} {key}"
                break
    if expected is None or figure.gbp != (indicator.get("unit") == "gbp"):
        return None
    value = Decimal(str(expected))
    if abs(value - figure.value) <= Decimal("0.5"):
        return None
    return Finding(line, text, f"the pack gives {what} = {show(value)}, not {figure.text}")


def _is_total(text: str, figure: Any) -> bool:
    """A figure right after "total of", or the first figure of its sentence."""
    before = text[: figure.start].lower()
    return bool(re.search(r"total of\s*$", before)) or not re.search(r"\d", before)
