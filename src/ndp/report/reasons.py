"""Why each measure and objective has its status, in words a board can repeat.

The engine names the rule that fired for each indicator and the part that drove each roll-up
(``status_rule_name``, ``driver``, ``tie`` in the pack); this module writes them out with the
indicator's own figures in the house style. It computes nothing: every figure is the pack's.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ndp.report import format as fmt

#: status words for counts of parts ("1 improving, 1 stable and 1 declining")
_VERDICTS = ("improving", "stable", "declining")
_WORDS = dict(enumerate(("no", "one", "two", "three", "four", "five", "six", "seven", "eight")))


def _month(iso_month: str) -> str:
    return f"{date.fromisoformat(iso_month + '-01'):%B %Y}"


def indicator_reason(pack: dict[str, Any], name: str) -> str:
    """``Money laundering disruptions 1,113: special-cause improvement in June 2024``."""
    ind = pack["indicators"][name]
    title, unit, value = ind["title"], ind["unit"], ind["value"]
    rule = ind.get("status_rule_name", "")
    comps = ind["comparisons"]
    same, bench = comps.get("same_quarter_last_year") or {}, comps.get("benchmark") or {}
    kind = "target" if bench.get("basis") == "target" else "benchmark"
    if rule == "not_measurable":
        return f"{title}: not yet measurable"
    held = fmt.withheld(ind, "value", pack.get("disclosure"))
    if held is not None:
        return f"{title}: {held} this quarter"
    if value is None:
        if rule == "benchmark_missed":
            return (
                f"{title}: none recorded against the {kind} of {fmt.figure(bench['value'], unit)}"
            )
        return f"{title}: no records this quarter"
    shown = f"{title} {fmt.figure(value, unit)}"
    if rule.startswith("special_cause"):
        points = (ind.get("spc") or {}).get("points") or []
        word = "improvement" if rule.endswith("improvement") else "concern"
        when = f" in {_month(points[-1]['month'])}" if points and points[-1].get("month") else ""
        return f"{shown}: special-cause {word}{when} on its monthly SPC chart"
    if rule.startswith("benchmark_") and bench.get("change") is not None:
        side = "above" if bench["change"] >= 0 else "below"
        return f"{shown}, {fmt.change(bench, unit)} {side} the {kind}"
    if rule == "no_comparison_yet":
        return f"{shown}: its first figures, with nothing yet to compare them with"
    if same.get("change") is not None:
        word = fmt.direction_word(same)
        before = fmt.figure(same["value"], unit)
        if unit == "percent":  # a rate moves in percentage points, from last year's rate
            points = fmt.points(value, same["value"])  # as the reader subtracts the rates
            when = same_period(pack)
            if points == 0:
                return f"{shown}, unchanged from {before} in {when}"
            word = "up" if points > 0 else "down"
            unit_words = "percentage point" if abs(points) == 1 else "percentage points"
            return f"{shown}, {word} {abs(points)} {unit_words} from {before} in {when}"
        return f"{shown}, {word} {fmt.change(same, unit)} from {before} in {same_period(pack)}"
    return shown


def same_period(pack: dict[str, Any]) -> str:
    """``Q1 23/24``: the same quarter last year, as the report writes it."""
    period = pack["period"]
    return f"Q{period['quarter']} {period['previous_year_short']}"


def operations_reason(pack: dict[str, Any], measure: dict[str, Any]) -> str:
    """``Operation Dupers 2: 8 arrests, against 2 in Dupers 1``."""
    op = pack["operations"].get(measure.get("driver") or "")
    if op is None:
        return measure["status_rule"]
    now = _arrests(op, pack)
    if now == fmt.NOT_SHOWN:
        return f"Operation {op['operation']}: arrests {now}"
    text = f"Operation {op['operation']}: {now} arrests"
    prior = op.get("previous_in_series")
    if not prior:
        return text
    before = _arrests(prior, pack)
    if before == fmt.NOT_SHOWN:
        return f"{text}; {prior['operation']}'s {before}"
    return f"{text}, against {before} in {prior['operation']}"


def _arrests(op: dict[str, Any], pack: dict[str, Any]) -> str:
    """An operation's arrests: the number, or where disclosure control withholds them ``fewer
    than 10`` or :data:`ndp.report.format.NOT_SHOWN`, never the number."""
    totals = op.get("totals") or {}
    held = fmt.withheld(totals, "arrests", pack.get("disclosure"))
    return held or fmt.count(totals.get("arrests") or 0)


def measure_reason(pack: dict[str, Any], measure_id: str) -> str:
    """The measure's driving indicator and its movement, and the tie if one decided it."""
    measure = pack["measures"][measure_id]
    if measure.get("status_from") == "operations":
        return operations_reason(pack, measure)
    driver = measure.get("driver")
    text = indicator_reason(pack, driver) if driver else measure["status_rule"]
    return text + _tie(measure, "indicator")


def objective_reason(pack: dict[str, Any], objective_id: str) -> str:
    """``E1b Money laundering disruptions 1,113: ...``: through the driving measure."""
    objective = pack["objectives"][objective_id]
    driver = objective.get("driver")
    if not driver:
        return objective["status_rule"]
    measure = pack["measures"][driver]
    if measure.get("status_from") == "operations":
        text = operations_reason(pack, measure)
    elif measure.get("driver"):
        text = indicator_reason(pack, measure["driver"])
    else:
        text = measure["status_rule"]
    return f"{driver} {text}{_tie(objective, 'measure')}"


def _tie(rolled: dict[str, Any], part: str) -> str:
    if not rolled.get("tie"):
        return ""
    counts = rolled.get("counts") or {}
    # counts in words: a tie's "1 measure" beside a figure's change would read as its base
    said = [
        f"{_WORDS.get(counts[s], counts[s])} {part}{'s' if counts[s] != 1 else ''} {s}"
        for s in _VERDICTS
        if counts.get(s)
    ]
    listed = ", ".join(said[:-1]) + f" and {said[-1]}" if len(said) > 1 else said[0]
    decided = (
        "decided by the indicator the success measure names"
        if rolled.get("tie_decided_by") == "headline"
        else "a tie goes to the worse"
    )
    return f" (a tie: {listed}; {decided})"
