"""The data-quality flags of ``data_quality.flags``, each with a message that says what was
seen, in the pack's own figures, so an analyst reading the annex knows what to look into."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from ndp.engine.framework import Framework


def figure(value: Any, unit: str) -> str:
    """An exact pack figure in words: counts with separators, pounds to the penny, percentages
    to one decimal place (half away from zero)."""
    number = Decimal(str(value))
    if unit == "gbp":
        return f"£{number.quantize(Decimal('0.01'), ROUND_HALF_UP):,}"
    if unit == "percent":
        return f"{number.quantize(Decimal('0.1'), ROUND_HALF_UP)}%"
    if number == number.to_integral_value():
        return f"{int(number):,}"
    return f"{number.quantize(Decimal('0.01'), ROUND_HALF_UP):,}"


def _signed_pct(pct: Decimal) -> str:
    text = str(abs(pct).quantize(Decimal("0.1"), ROUND_HALF_UP))
    return f"{'+' if pct >= 0 else '-'}{text}%"


def message(
    fw: Framework, ind: dict[str, Any], flag: str, coverage: dict[str, Any], period: str
) -> str:
    """What one indicator's flag saw, in words."""
    if flag == "no_records":
        return f"no record in {ind['source']} for {period} meets its definition"
    if flag == "outlier_change":
        sq = ind["comparisons"]["same_quarter_last_year"]
        return (
            f"{_signed_pct(sq['pct_change'])} on {sq['period']} "
            f"({figure(ind['value'], ind['unit'])} against {figure(sq['value'], ind['unit'])}); "
            f"flagged at {fw.flags.outlier_change_pct:g}% or more"
        )
    if flag == "coverage_change":
        units = coverage.get(ind["source"], {})
        return (
            f"{units.get('current', 0)} units recorded {ind['source']} in {period} against "
            f"{units.get('same_quarter_last_year', 0)} a year earlier; flagged at a change of "
            f"{fw.flags.coverage_change_units} or more"
        )
    return flag.replace("_", " ")


def indicator_flags(
    fw: Framework, indicators: dict[str, Any], coverage: dict[str, Any], period: str
) -> list[dict[str, str]]:
    """Every indicator's flags, in the framework's order, each with its message."""
    return [
        {"indicator": name, "flag": flag, "message": message(fw, ind, flag, coverage, period)}
        for name, ind in indicators.items()
        for flag in ind["flags"]
    ]
