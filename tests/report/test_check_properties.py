"""Generated statements: correct ones always pass, a slip of one unit is always caught."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from ndp.report.check import check_text
from ndp.report.check.numbers import round_half_away, show

counts = st.integers(min_value=1, max_value=2_000_000)


def _statement(current: int, base: int, *, pct_slip: int = 0, n_slip: int = 0) -> str:
    change = current - base
    pct = round_half_away(abs(Decimal(change) / base * 100)) + pct_slip
    sign = "+" if change >= 0 else "-"
    n = abs(change) + n_slip
    figures = f"{show(Decimal(current))} from {show(Decimal(base))}"
    return f"Referrals rose to {figures}, {pct}% ({sign}{n:,})."


@settings(max_examples=200, deadline=None)
@given(counts, counts)
def test_correct_change_passes(current: int, base: int) -> None:
    assert check_text(_statement(current, base)) == []


@settings(max_examples=200, deadline=None)
@given(counts, counts, st.sampled_from([-1, 1]))
def test_percentage_slip_is_caught(current: int, base: int, slip: int) -> None:
    pct = round_half_away(abs(Decimal(current - base) / base * 100))

    if pct + slip < 0:
        return
    assert len(check_text(_statement(current, base, pct_slip=slip))) == 1


@settings(max_examples=200, deadline=None)
@given(counts, counts)
def test_change_slip_is_caught(current: int, base: int) -> None:
    assert len(check_text(_statement(current, base, n_slip=1))) == 1


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=100_000), st.integers(min_value=1, max_value=400_000))
def test_benchmark_statements(current: int, total: int) -> None:
    per = Decimal(total) / 4
    change = Decimal(current) - per
    if change < 0:
        word, sign = "below", "-"
    else:
        word, sign = "above", "+"
    pct = round_half_away(abs(change / per * 100))
    if show(abs(change)) == "0":  # a change that rounds to nothing is written 0, unsigned
        sign = ""
    text = (
        f"E1 There were a total of {current:,} disruptions.\n"
        f"The benchmark was {total:,}, which translates to {show(per)} disruptions per quarter. "
        f"Disruptions are {pct}% ({sign}{show(abs(change))}) {word} the benchmark."
    )
    assert check_text(text) == []
    # The slip is signed even where the true change rounds to an unsigned 0.
    slip_sign = "+" if word == "above" else "-"
    slipped = text.replace(f"({sign}{show(abs(change))})", f"({slip_sign}{show(abs(change) + 1)})")
    assert len(check_text(slipped)) == 1
