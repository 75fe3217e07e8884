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


distractors = st.tuples(
    st.sampled_from(["arrests", "referrals", "seizures", "officers", "campaigns"]),
    counts,
)
layouts = st.sampled_from([" ", "\n", "\n\n"])


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=1, max_value=100_000),
    st.integers(min_value=1, max_value=100_000),
    st.lists(distractors, min_size=1, max_size=3),
    layouts,
    st.booleans(),
)
def test_a_distractor_between_base_and_benchmark_statement(
    current: int, benchmark: int, between: list[tuple[str, int]], sep: str, by_form: bool
) -> None:
    """Another noun's figures between the total and its benchmark statement change nothing:
    a right statement passes, and a slip is reported against the disruptions total."""
    change = current - benchmark
    word, sign = ("above", "+") if change >= 0 else ("below", "-")
    pct = round_half_away(abs(Decimal(change) / benchmark * 100))

    def statement(n: str) -> str:
        if by_form:
            return f"Disruptions were {word} the benchmark of {benchmark:,} by {pct}% ({n})."
        return f"Disruptions are {pct}% ({n}) {word} the benchmark of {benchmark:,}."

    others = [f"In the same period {n:,} {noun} were recorded." for noun, n in between]
    paragraph = [f"E1b There were {current:,} disruptions in Q1.", *others]
    right = sep.join([*paragraph, statement(f"{sign}{abs(change):,}" if change else "0")])
    assert check_text(right) == []
    slip = sep.join([*paragraph, statement(f"{sign}{abs(change) + 1:,}")])
    findings = check_text(slip)
    assert len(findings) == 1, findings
    assert findings[0].message.startswith(f"{current:,} - {benchmark:,} = ")


@settings(max_examples=200, deadline=None)
@given(counts, counts, st.lists(distractors, min_size=1, max_size=3), layouts)
def test_a_distractor_between_base_and_comparison(
    current: int, base: int, between: list[tuple[str, int]], sep: str
) -> None:
    """ "Disruptions are P% (+N) higher than in Q1 23/24" is read against the disruptions total
    however many other figures stand between; a percentage one off is always caught."""
    change = current - base
    if change == 0:
        return
    word, sign = ("higher", "+") if change > 0 else ("lower", "-")
    pct = round_half_away(abs(Decimal(change) / base * 100))
    others = [f"In the same period {n:,} {noun} were recorded." for noun, n in between]
    paragraph = [f"F2 There were {current:,} disruptions in Q1.", *others]

    def text(p: Decimal) -> str:
        statement = f"Disruptions are {p}% ({sign}{abs(change):,}) {word} than in Q1 23/24."
        return sep.join([*paragraph, statement])

    assert check_text(text(pct)) == []
    findings = check_text(text(pct + 1))
    assert len(findings) == 1, findings
    assert findings[0].message.startswith(f"{current:,} - {base:,} = ")
