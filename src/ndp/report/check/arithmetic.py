"""Checks of a report's own arithmetic: changes against their bases, totals, benchmarks.

Every check is deliberately conservative: a statement is judged only when the text states the
figures it depends on, and a stated figure is taken as rounded (half a unit of its last digit),
so a correct statement never fails for rounding while a slip of one unit or more is caught.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from ndp.report.check.finding import Finding
from ndp.report.check.nouns import names, statement_nouns
from ndp.report.check.numbers import (
    CHANGE,
    NUMBER,
    Figure,
    counts,
    decimals,
    half_step,
    round_half_away,
    show,
    to_decimal,
)
from ndp.report.check.text import Sentence, context_lines, sentences

_NUM = r"£?\d{1,3}(?:,\d{3})+(?:\.\d+)?|£?\d+(?:\.\d+)?"
TO_FROM = re.compile(rf"\bto (?P<cur>{_NUM}) from (?P<base>{_NUM})\b")
FROM_TO = re.compile(rf"\bfrom (?P<base>{_NUM}) to (?P<cur>{_NUM})\b")
BENCHMARK = re.compile(
    rf"\bbenchmark\b[^.]*?\b(?:was|is|of)\s+(?P<total>{_NUM}),?\s+which translates to\s+"
    rf"(?P<per>{_NUM})\s+(?:[a-z]+\s+)?per (?P<period>quarter|month)",
    re.IGNORECASE,
)
BENCHMARK_VALUE = re.compile(rf"\bbenchmark\b[^.]*?\b(?:was|is|of)\s+(?P<value>{_NUM})\b", re.I)
TOTAL_PARTS = re.compile(
    rf"\btotal of (?P<total>{_NUM}) [a-z][a-z ]*?[;:,]\s*"
    rf"(?P<parts>(?:(?:{_NUM}) [a-z]+(?:,\s*|,?\s+and\s+)?)+)",
    re.IGNORECASE,
)
PART = re.compile(rf"(?P<n>{_NUM}) (?P<name>[a-z]+)")
PERIODS = {"quarter": 4, "month": 12}
#: How many non-blank lines before a statement are searched for the figure of its noun.
NOUN_BACK = 4


def check_arithmetic(lines: list[str]) -> Iterator[Finding]:
    for index, line in enumerate(lines):
        for sentence in sentences(index + 1, line):
            yield from _totals(sentence)
            yield from _benchmark_translation(sentence)
            for match in CHANGE.finditer(sentence.text):
                finding = _change(lines, index, sentence, match)
                if finding:
                    yield finding


def _num(text: str) -> Decimal:
    return to_decimal(text.lstrip("£"))


def _totals(sentence: Sentence) -> Iterator[Finding]:
    """ "a total of 1,113 disruptions; 42 major, 188 moderate and 883 minor": parts add up."""
    for match in TOTAL_PARTS.finditer(sentence.text):
        parts = [p.group("n") for p in PART.finditer(match.group("parts"))]
        if len(parts) < 2:
            continue
        total = _num(match.group("total"))
        added = sum((_num(p) for p in parts), Decimal(0))
        if added != total:
            sum_text = " + ".join(parts)
            yield Finding(
                sentence.line,
                match.group(0).strip().rstrip(".,;"),
                f"the parts add up to {sum_text} = {show(added)}, not {match.group('total')}",
            )


def _benchmark_translation(sentence: Sentence) -> Iterator[Finding]:
    """ "the benchmark ... was 2,917, which translates to 729 ... per quarter" (2,917 / 4)."""
    for match in BENCHMARK.finditer(sentence.text):
        periods = PERIODS[match.group("period").lower()]
        exact = _num(match.group("total")) / periods
        stated = match.group("per")
        if abs(exact - _num(stated)) > half_step(stated):
            yield Finding(
                sentence.line,
                match.group(0),
                f"{match.group('total')} / {periods} = {show(exact, 2)}, "
                f"which rounds to {show(exact)}, not {stated}",
            )


def _benchmark_base(lines: list[str], index: int, sentence: Sentence) -> Decimal | None:
    """The exact benchmark a "... the benchmark" statement compares with, if the text states it."""
    for text in [sentence.text, lines[index], *context_lines(lines, index)]:
        translated = BENCHMARK.search(text)
        if translated:
            return _num(translated.group("total")) / PERIODS[translated.group("period").lower()]
        stated = BENCHMARK_VALUE.search(text)
        if stated:
            return _num(stated.group("value"))
    return None


def _change(
    lines: list[str], index: int, sentence: Sentence, match: re.Match[str]
) -> Finding | None:
    pct_text, n_text = match.group("pct"), match.group("n")
    pct = Decimal(pct_text)
    change = to_decimal(n_text) * (-1 if match.group("sign") != "+" else 1)
    gbp = bool(match.group("gbp"))
    text = sentence.text
    pair = _pair(text[: match.start()]) or _pair(text)
    if pair:
        current, base = _num(pair.group("cur")), _num(pair.group("base"))
        return _judge(sentence, match, pct, change, current, base, pct_text, n_text, gbp)
    nouns = statement_nouns(text[: match.start()], text[match.end() :])
    if "benchmark" in text.lower():
        benchmark = _benchmark_base(lines, index, sentence)
        if benchmark is None:
            return None
        candidates = _candidates(
            lines, index, sentence, match, gbp, nouns, exclude_near_benchmark=True
        )
        judged = [
            _judge(sentence, match, pct, change, c.value, benchmark, pct_text, n_text, gbp)
            for c in candidates
        ]
        if judged and all(judged):
            return _pick(judged, pct_text, _likeliest(candidates, text))
        return None
    candidates = [
        c for c in _candidates(lines, index, sentence, match, gbp, nouns) if c.value - change > 0
    ]
    judged = [
        _judge(sentence, match, pct, change, c.value, c.value - change, pct_text, n_text, gbp)
        for c in candidates
    ]
    if judged and all(judged):
        return judged[_likeliest(candidates, text[match.end() :])]
    return None


def _pair(text: str) -> re.Match[str] | None:
    """The last "to A from B" or "from B to A" in ``text``: the one nearest the statement."""
    pairs = [*TO_FROM.finditer(text), *FROM_TO.finditer(text)]
    return max(pairs, key=lambda m: m.start(), default=None)


def _likeliest(candidates: list[Figure], after: str) -> int:
    """The figure whose noun the statement repeats ("1,833 judicial outcomes ... increase in
    judicial outcomes"), else the nearest one."""
    words = set(re.findall(r"[a-z][a-z–-]+", after.lower()))
    for i, figure in enumerate(candidates):
        if figure.noun and figure.noun in words:
            return i
    return 0


def _pick(judged: list[Finding | None], pct_text: str, likeliest: int) -> Finding | None:
    """Of several failing readings, report the one whose percentage agrees, else the likeliest."""
    for finding in judged:
        if finding and f"({pct_text}%)" in finding.message:
            return finding
    return judged[likeliest]


def _judge(
    sentence: Sentence,
    match: re.Match[str],
    pct: Decimal,
    change: Decimal,
    current: Decimal,
    base: Decimal,
    pct_text: str,
    n_text: str,
    gbp: bool,
) -> Finding | None:
    """None when "P% (+N)" agrees with current - base; else what the arithmetic gives."""
    if base == 0:
        return None
    exact_change = current - base
    exact_pct = exact_change / base * 100
    places = decimals(pct_text)
    # A stated figure is the exact one rounded half away from zero to the digits it shows.
    change_ok = round_half_away(exact_change, decimals(n_text)) == change
    pct_ok = round_half_away(abs(exact_pct), places) == pct and (exact_change >= 0) == (change >= 0)
    if change_ok and pct_ok:
        return None
    sign = "+" if exact_change >= 0 else ""
    return Finding(
        sentence.line,
        sentence.text,
        f"{_exact(current, gbp)} - {_exact(base, gbp)} = {sign}{_exact(exact_change, gbp)}, so "
        f"{sign}{show(exact_change, gbp=gbp)} ({show(abs(exact_pct), places)}%), "
        f"not {match.group(0)}",
    )


def _exact(value: Decimal, gbp: bool) -> str:
    """A figure in full: whole numbers plain, fractions to two places (729.25)."""
    return show(value, 2 if value % 1 else 0, gbp=gbp)


def _candidates(
    lines: list[str],
    index: int,
    sentence: Sentence,
    match: re.Match[str],
    gbp: bool,
    nouns: tuple[str, ...] | None,
    *,
    exclude_near_benchmark: bool = False,
) -> list[Figure]:
    """Figures that may be the current value: nearest first, same currency, not changes.

    A statement that names its noun ("disruptions are ...") takes only figures of that noun
    (the longest phrase of it that the paragraph counts), from the line and up to
    ``NOUN_BACK`` lines before it; none found leaves it unchecked. One that names no noun
    takes any figure of the line and the ``back`` lines before it.
    """
    line = lines[index]
    head = line[: sentence.start + match.start()]
    back = NOUN_BACK if nouns else 2
    found: list[tuple[Figure, str]] = []
    for text in [head, *context_lines(lines, index, back=back)]:
        skip = [m.span() for m in CHANGE.finditer(text)]
        if exclude_near_benchmark:
            skip += [m.span() for m in BENCHMARK.finditer(text)]
            skip += [m.span() for m in BENCHMARK_VALUE.finditer(text)]
        figures = [f for f in counts(text, skip=skip) if f.gbp == gbp]
        found.extend((f, text[f.end :]) for f in reversed(figures))
    if nouns is None:
        return [f for f, _ in found]
    for noun in nouns:
        named = [f for f, after in found if names(after, noun)]
        if named:
            return named
    return []


__all__ = ["NUMBER", "check_arithmetic"]
