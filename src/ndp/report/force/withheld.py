"""A force edition's words for its region's figures the differencing rule withholds
(``ndp.engine.disclosure.differencing``): every format of the edition reads the pack as the
force may see it (:func:`edition_pack`), where such a figure is null and marked, and says
"withheld" where it would stand, with why, never 0 or "no records".
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ndp.engine.disclosure.differencing import MIN_OTHERS, for_force
from ndp.report.charts import Chart

#: what a table cell or a headline figure says in place of a withheld figure
WITHHELD = "withheld"
_WORDS = {2: "two", 3: "three", 4: "four", 5: "five"}
#: the rule in words (no figure in it, so the consistency checker reads none)
FEWER = f"fewer than {_WORDS.get(MIN_OTHERS, str(MIN_OTHERS))} other forces or units"


def edition_pack(pack: dict[str, Any], code: str) -> dict[str, Any]:
    """The pack as force or unit ``code``'s edition may show it."""
    return for_force(pack, code)


def held(holder: dict[str, Any] | None, key: str) -> bool:
    """Whether ``holder[key]`` is withheld (null, and marked so in ``suppressed``)."""
    return key in ((holder or {}).get("suppressed") or {})


def region_clause(region: str, rate: bool) -> str:
    """``the Eastern region's figure is withheld, as fewer than three ...``: in a sentence,
    in place of the region's figure."""
    return (
        f"the {region} region's {'rate' if rate else 'figure'} is withheld ({FEWER} in the "
        "region recorded, so it would show theirs)"
    )


def table_note(region: str, name: str) -> str:
    """Under an indicator's table with a withheld region figure."""
    return (
        f"The {region} region's figures marked withheld rest on a quarter in which {FEWER} "
        f"of the region recorded: beside {name}'s own figure they would show another force's."
    )


def headline_note(region: str, name: str) -> str:
    """Under the headline figures, where a region average in them is withheld."""
    return (
        f"Where the {region} average reads withheld, it rests on {FEWER} of the region with a "
        f"figure this quarter: beside {name}'s own figure it would show another force's."
    )


def chart_note(region: str, periods: list[str], *, every: bool = False) -> str:
    """Under a chart whose region-average line has gaps the rule makes (``every``: no point of
    it is shown, so the chart has no line for it)."""
    if every:
        return (
            f"The {region} average per force is withheld in every quarter it has a figure "
            f"(no line is drawn for it): {FEWER} of the region recorded, so the average would "
            "show another force's figure."
        )
    listed = ", ".join(periods[:-1]) + (" and " if len(periods) > 1 else "") + periods[-1]
    return (
        f"The {region} average per force is withheld for {listed} (a gap in its line): in "
        f"{'that quarter' if len(periods) == 1 else 'those quarters'} {FEWER} of the region "
        "recorded, so the average would show another force's figure."
    )


def with_withheld(chart: Chart, line: str, periods: list[str]) -> Chart:
    """``chart`` with its ``line``'s points for ``periods`` (withheld, so null and a gap in
    the line) reading "withheld" in its table; the caller adds the note its reader needs."""
    if line not in chart.columns:
        return chart
    column = chart.columns.index(line)
    rows = [
        [WITHHELD if i == column and row[0] in periods else cell for i, cell in enumerate(row)]
        for row in chart.rows
    ]
    return replace(chart, rows=rows)


def withheld_periods(block: dict[str, Any] | None) -> list[str]:
    """The quarters of a quarterly series (``block['quarterly']``) that are withheld."""
    return [q["period"] for q in (block or {}).get("quarterly") or [] if held(q, "value")]
